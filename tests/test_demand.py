"""The demand index: population by age from Statistics Norway, use per person by age, use beyond demography, AI."""

from __future__ import annotations

import numpy as np
import pytest
from test_physicians import flat_population

from imaging_plan import paths
from imaging_plan.planning import assumptions, demand
from imaging_plan.data import inputs, schemas
from imaging_plan.data.codes import AGE_BANDS

POPULATION = (
    "population_observed",
    "population_projection_national",
    "population_projection_telemark",
    "imaging_rates_by_age",
    "population_projection_counties",
)


@pytest.fixture(scope="module")
def population():
    return inputs.load_inputs(paths.DATA_DIR, POPULATION)[0]


def _scenario(**overrides):
    return {"population_scenario": "MMMM", "use_growth_pct": 0.0, "ai_gain_pct": 0.0, "ai_full_year": 2040, **overrides}


def test_region_totals_match_the_sources_note(population):
    # SOURCES.md: the 8-county sum, 2015 and 2026.
    seen = demand.observed_by_band(population["population_observed"])
    assert seen.loc[2015].sum() == 2_888_729 and seen.loc[2026].sum() == 3_208_023
    assert list(seen.columns) == [band for band, _, _ in AGE_BANDS]


def test_bands_of_single_ages_agree_with_the_projection_in_2026(population):
    # The projection's 2026 is the registered population: Telemark (county 40) summed from single ages
    # into SSB's bands must equal Telemark's projection row for row.
    observed = population["population_observed"]
    telemark = demand.observed_by_band(observed[observed["county_code"] == "40"]).loc[2026]
    projection = population["population_projection_telemark"]
    own = projection[(projection["scenario"] == "MMMM") & (projection["year"] == 2026)]
    assert np.allclose(telemark[own["age_band"]].to_numpy(), own["persons"].to_numpy())


def test_population_is_observed_then_carried_by_each_bands_national_growth(population):
    seen = demand.observed_by_band(population["population_observed"])
    projection = population["population_projection_national"]
    carried = demand.population_by_band(seen, projection, "HHMH", 2040)
    assert carried.index.min() == 2015 and carried.index.max() == 2040
    assert np.allclose(carried.loc[2020], seen.loc[2020])
    national = projection[projection["scenario"] == "HHMH"].set_index(["year", "age_band"])["persons"]
    # Hand check of one band: 80-89 in 2040 = region 2026 x nation 2040 / nation 2026.
    expected = seen.loc[2026, "80-89"] * national[(2040, "80-89")] / national[(2026, "80-89")]
    assert carried.loc[2040, "80-89"] == pytest.approx(expected)


def test_use_weights_keep_the_studys_all_ages_average(population):
    seen = demand.observed_by_band(population["population_observed"])
    weights = demand.use_weights(population["imaging_rates_by_age"], seen)
    assert weights["90+"] == 2.2 and weights["80-89"] == 2.2
    people = seen.loc[2021]
    assert (weights * people).sum() / people.sum() == pytest.approx(0.8)
    assert weights["0"] == weights["45-66"] < 0.8  # everyone under 80 at one rate, below the average


def test_demography_index_weighs_the_old_at_their_higher_use():
    tables = flat_population(old_growth_pct=1.0)
    index = demand.demography_index(tables, "MMMM", 2025, 2036)
    share_old = 26 / 106  # ages 80-105 of 0-105, 100 persons each
    young = (0.8 - 2.2 * share_old) / (1 - share_old)
    expected = (young * 8000 + 2.2 * 2600 * 1.01**10) / (young * 8000 + 2.2 * 2600)
    assert index[2025] == 1 and index[2026] == pytest.approx(1)
    assert index[2036] == pytest.approx(expected)


def test_demand_index_is_the_product_of_its_parts(population):
    tables = {k: population[k] for k in demand.POPULATION_TABLES}
    index = demand.demand_index(
        tables, _scenario(use_growth_pct=1.0, ai_gain_pct=10.0, ai_full_year=2035), 2025, 2040
    ).set_index("year")
    assert np.allclose(index["index"], index["demography"] * index["use"] * index["ai"])
    assert index.loc[2030, "use"] == pytest.approx(1.01**5) and index.loc[2030, "ai"] == pytest.approx(0.95)
    assert index.loc[2040, "ai"] == pytest.approx(0.90)
    low = demand.demand_index(tables, _scenario(population_scenario="LLML"), 2025, 2040).set_index("year")
    high = demand.demand_index(tables, _scenario(population_scenario="HHMH"), 2025, 2040).set_index("year")
    assert low.loc[2040, "index"] < index.loc[2040, "demography"] < high.loc[2040, "index"]


def test_use_default_is_the_plans_growth_less_demography_computed_independently(population):
    # Independent of demand.py: group single ages by hand, weights from the 2021 age mix.
    observed = population["population_observed"]
    old = observed["age"] >= 80
    by_year = observed.assign(old=old).groupby(["year", "old"])["persons"].sum().unstack()
    share = by_year.loc[2021, True] / by_year.loc[2021].sum()
    young_rate = (0.8 - 2.2 * share) / (1 - share)
    weighted = young_rate * by_year[False] + 2.2 * by_year[True]
    by_hand = 100 * ((1.24 / (weighted[2024] / weighted[2015])) ** (1 / 9) - 1)
    assert demand.use_growth_default_pct(population) == pytest.approx(by_hand)
    d = assumptions.defaults(population)
    assert d["use_growth_pct"] == pytest.approx(round(by_hand, 1))


def test_unknown_projection_alternative_is_refused_naming_the_choices():
    with pytest.raises(demand.DemandError, match="'population_scenario': 'MLML' is not one of MMMM, LLML, HHMH"):
        demand.check_population_scenario("MLML")
    assert demand.check_population_scenario(None) == "MMMM"


def test_a_projection_too_short_for_the_horizon_is_refused():
    tables = flat_population(until=2035)
    with pytest.raises(demand.DemandError, match="ends in 2035; the plan needs 2040"):
        demand.demography_index(tables, "MMMM", 2025, 2040)


def test_a_population_file_missing_an_age_names_the_rule(data_copy):
    path = data_copy / "population_observed.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:50] + lines[51:]) + "\n", encoding="utf-8")  # drops Oslo 2015, age 49
    with pytest.raises(schemas.InputDataError) as err:
        inputs.load_table("population_observed", data_copy)
    message = str(err.value)
    assert "population_observed.csv" in message and "line 2 (county_code 03, year 2015, age 0)" in message
    assert "must have every age 0-105" in message


def test_a_projection_with_an_unknown_scenario_names_file_row_and_column(data_copy):
    path = data_copy / "population_projection_national.csv"
    text = path.read_text(encoding="utf-8").replace("LLML,2030,0,", "LMML,2030,0,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(schemas.InputDataError) as err:
        inputs.load_table("population_projection_national", data_copy)
    assert "population_projection_national.csv breaks its schema" in str(err.value)
    assert "line 292, column 'scenario': value 'LMML' must be one of" in str(err.value)


def test_each_county_follows_its_own_projected_total(population):
    # Two counties by hand: each band carried at the nation's growth, then the county's sum scaled
    # to its own 14288 total; the region is the sum of the counties.
    observed, national = population["population_observed"], population["population_projection_national"]
    totals = population["population_projection_counties"]
    seen = demand.observed_by_county_band(observed[observed["county_code"].isin(["03", "40"])])
    region = demand.county_control(seen, national, totals, "MMMM", 2040)
    own = totals[totals["scenario"] == "MMMM"].set_index(["county_code", "year"])["persons"]
    expected = sum(seen[c].loc[2026].sum() * own[(c, 2040)] / own[(c, 2026)] for c in ("03", "40"))
    assert region.loc[2040].sum() == pytest.approx(expected)
    assert np.allclose(region.loc[2026], seen["03"].loc[2026] + seen["40"].loc[2026])  # observed years untouched
    # Within a county the bands keep the nation's mix: the ratio of two bands is the carried one.
    alone = demand.population_by_band(seen["40"], national, "MMMM", 2040)
    tel = demand.county_control({"40": seen["40"]}, national, totals, "MMMM", 2040)
    assert tel.loc[2040, "80-89"] / tel.loc[2040, "20-44"] == pytest.approx(
        alone.loc[2040, "80-89"] / alone.loc[2040, "20-44"]
    )


def test_county_totals_move_the_demography_index(population):
    # The region grows faster than the nation (SOURCES.md section 4), so the county totals raise the index.
    tables = {k: population[k] for k in demand.POPULATION_TABLES}
    national_only = {k: v for k, v in tables.items() if k != demand.COUNTY_TOTALS}
    with_counties = demand.demography_index(tables, "MMMM", 2025, 2040)
    without = demand.demography_index(national_only, "MMMM", 2025, 2040)
    assert with_counties[2025] == without[2025] == 1
    assert with_counties[2040] > without[2040]


def test_a_county_missing_from_the_totals_is_named(population):
    observed, national = population["population_observed"], population["population_projection_national"]
    totals = population["population_projection_counties"]
    seen = demand.observed_by_county_band(observed)
    with pytest.raises(demand.DemandError, match="county 42"):
        demand.county_control(seen, national, totals[totals["county_code"] != "42"], "MMMM", 2040)


def test_the_prepared_weighted_population_gives_the_computed_index_to_the_bit(population):
    prepared = demand.with_weighted_population(population)
    assert set(prepared[demand.WEIGHTED].columns) == {"MMMM", "LLML", "HHMH"}
    for code in ("MMMM", "LLML", "HHMH"):
        for base, horizon in ((2025, 2030), (2025, 2040), (2024, 2050)):
            computed = demand.demography_index(population, code, base, horizon)
            read = demand.demography_index(prepared, code, base, horizon)
            assert read.index.tolist() == computed.index.tolist()
            assert np.array_equal(read.to_numpy(), computed.to_numpy()), (code, base, horizon)


def test_a_horizon_past_the_prepared_projection_is_refused_as_before(population):
    prepared = demand.with_weighted_population(population)
    last = int(population["population_projection_national"]["year"].max())
    with pytest.raises(demand.DemandError, match=f"ends in {last}; the plan needs {last + 1}"):
        demand.demography_index(prepared, "MMMM", 2025, last + 1)
