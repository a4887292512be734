"""The physician planning math on small hand cases and on Tabell 6."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from imaging_plan.planning import assumptions, physicians, recruitment


def _ftes(specialists: float, residents: float, years=range(2020, 2026), specialty="radiology"):
    rows = []
    for year in years:
        rows.append((year, specialty, "consultant", specialists))
        rows.append((year, specialty, "resident", residents))
    return pd.DataFrame(rows, columns=["year", "specialty", "category", "fte"])


def flat_population(first=2015, last_observed=2026, until=2050, old_growth_pct=0.0):
    """Return population tables with 100 persons at every age; 80+ may grow in the projection.

    With no growth the demography index is 1 every year, so the need follows use and AI only.
    """
    observed = pd.DataFrame(
        [("03", "Oslo", y, a, 100.0) for y in range(first, last_observed + 1) for a in range(106)],
        columns=["county_code", "county_name", "year", "age", "persons"],
    )
    bands = {
        "0": 1,
        "1-5": 5,
        "6-12": 7,
        "13-15": 3,
        "16-19": 4,
        "20-44": 25,
        "45-66": 22,
        "67-79": 13,
        "80-89": 10,
        "90+": 16,
    }
    projection = pd.DataFrame(
        [
            (
                scenario,
                y,
                band,
                100.0 * n * ((1 + old_growth_pct / 100) ** (y - last_observed) if band in ("80-89", "90+") else 1),
            )
            for scenario in ("MMMM", "LLML", "HHMH")
            for y in range(last_observed, until + 1)
            for band, n in bands.items()
        ],
        columns=["scenario", "year", "age_band", "persons"],
    )
    rates = pd.DataFrame(
        {
            "age_group": ["all ages", ">80"],
            "year": [2021, 2021],
            "exams_per_person": [0.8, 2.2],
            "modality": "all",
            "source_location": "test",
        }
    )
    return {
        "population_observed": observed,
        "population_projection_national": projection,
        "imaging_rates_by_age": rates,
    }


def _tables(ftes, **population):
    return {"physician_ftes": ftes, **flat_population(**population)}


def _scenario(**overrides):
    base = dict(
        horizon=2040,
        use_growth_pct=0.0,
        ai_gain_pct=0.0,
        ai_full_year=2040,
        exit_rate_pct=0.0,
        training_years=5,
        resident_growth_pct=0.0,
        recruitment_window_years=10,
        recruitment_radiology_extra_fte=0.0,
        recruitment_nuclear_medicine_extra_fte=0.0,
    )
    return {**base, **overrides}


def test_zero_exit_and_no_residents_keep_supply_flat():
    plan = physicians.physician_plan(_tables(_ftes(100, 0)), _scenario())
    assert np.allclose(plan["supply"], 100)
    assert np.allclose(plan["need"], 100)  # flat population, no extra use, no AI: need stays


def test_flat_posts_at_the_steady_state_keep_supply_flat():
    # 100 specialists leaving at 5 %/year lose 5 a year; 25 residents over 5 years finish 5 a year.
    plan = physicians.physician_plan(_tables(_ftes(100, 25)), _scenario(exit_rate_pct=5.0))
    assert np.allclose(plan["supply"], 125)
    assert np.allclose(plan["exits"].iloc[1:], 5) and np.allclose(plan["completions"].iloc[1:], 5)


def test_zero_exit_with_residents_adds_exactly_the_completions():
    history = physicians.specialist_and_resident_history(_ftes(100, 20), "radiology")
    supply = physicians.supply_projection(history, 2040, 0.0, 4, 0.0, 0.0)
    assert np.allclose(np.diff(supply["specialists"]), 20 / 4)


def test_recruitment_is_recalibrated_for_the_scenarios_exit_rate_and_training_years():
    # A flat history: 100 specialists and 20 residents every year. What came in each year then
    # replaced the exits at the exit rate, less what the region's own residents brought, so the
    # calibrated recruitment is rate x 100 - 20 / training years, whatever the scenario says.
    tables = _tables(_ftes(100, 20))
    for rate, years in ((0.0, 4), (3.3, 5), (5.0, 5), (5.0, 6)):
        plan = physicians.physician_plan(tables, _scenario(exit_rate_pct=rate, training_years=years))
        assert plan["recruited"].iloc[1] == pytest.approx(rate - 20 / years)
        # Calibrated on the flat history, the supply stays flat at any exit rate and training time.
        assert np.allclose(plan["supply"], 120)
    # Moving the exit rate moves the recruitment with it, and the extra adds to it.
    more = physicians.physician_plan(tables, _scenario(exit_rate_pct=5.0, recruitment_radiology_extra_fte=2.0))
    assert more["recruited"].iloc[1] == pytest.approx(5.0 - 4.0 + 2.0)


def test_recruitment_adds_exactly_its_ftes_each_year():
    plan = physicians.physician_plan(_tables(_ftes(100, 0)), _scenario(recruitment_radiology_extra_fte=7.0))
    own = plan.set_index("year")
    assert own.loc[2025, "recruited"] == 0 and np.allclose(own.loc[2026:, "recruited"], 7)
    assert own.loc[2035, "specialists"] == pytest.approx(100 + 7 * 10)


def test_recruitment_that_replaces_the_exits_keeps_supply_flat():
    # A flat history of 100 specialists at 5 % exits: 5 a year must have come in from outside, so
    # the calibrated recruitment is 5 and the steady state S = r / e holds.
    plan = physicians.physician_plan(_tables(_ftes(100, 0)), _scenario(exit_rate_pct=5.0))
    assert np.allclose(plan["specialists"], 100) and np.allclose(plan["recruited"].iloc[1:], 5)
    later = plan.iloc[1:]
    assert np.allclose(
        later["specialists"], plan["specialists"].shift().iloc[1:] * 0.95 + later["completions"] + later["recruited"]
    )


def test_need_grows_at_exactly_the_set_use_per_person():
    plan = physicians.physician_plan(_tables(_ftes(100, 20)), _scenario(use_growth_pct=3.0))
    ratio = plan["need"].to_numpy()[1:] / plan["need"].to_numpy()[:-1]
    assert np.allclose(ratio, 1.03)
    assert plan["need"].iloc[0] == pytest.approx(120)  # base year: today's FTEs


def test_need_follows_the_ageing_weighted_by_use():
    # 80+ (26 of 106 ages) grow 2 %/year from 2026; the younger rate makes the 2021 average 0.8.
    plan = physicians.physician_plan(_tables(_ftes(100, 0), old_growth_pct=2.0), _scenario())
    share_old = 26 / 106
    young = (0.8 - 2.2 * share_old) / (1 - share_old)
    old_2040 = 2600 * 1.02 ** (2040 - 2026)
    expected = (young * 8000 + 2.2 * old_2040) / (young * 8000 + 2.2 * 2600)
    assert plan.set_index("year").loc[2040, "need"] == pytest.approx(100 * expected)


def test_ai_gain_is_reached_in_its_year_whatever_the_horizon():
    near = physicians.physician_plan(
        _tables(_ftes(100, 0)), _scenario(ai_gain_pct=20.0, ai_full_year=2035, horizon=2035)
    ).set_index("year")["need"]
    far = physicians.physician_plan(
        _tables(_ftes(100, 0)), _scenario(ai_gain_pct=20.0, ai_full_year=2035, horizon=2050)
    ).set_index("year")["need"]
    assert near[2025] == pytest.approx(100)
    assert near[2030] == pytest.approx(90) and far[2030] == pytest.approx(90)  # halfway: half the gain
    assert near[2035] == pytest.approx(80) and far[2035] == pytest.approx(80)
    assert far[2050] == pytest.approx(80)  # held after the year it is reached


def test_resident_posts_grow_as_set():
    plan = physicians.physician_plan(_tables(_ftes(100, 20)), _scenario(resident_growth_pct=10.0))
    residents = plan.set_index("year")["residents"]
    assert residents[2025] == pytest.approx(20) and residents[2027] == pytest.approx(24.2)


def test_pipeline_lag_uses_the_cohort_that_started_training_years_earlier(shipped_tables):
    # Tabell 6, radiology LiS 2-3: 2021 = 136, 2022 = 141; training 5 years -> finishing 2026 = 136/5.
    plan = physicians.physician_plan(shipped_tables, {**assumptions.defaults(shipped_tables), "exit_rate_pct": 0.0})
    rad = plan[plan["specialty"] == "radiology"].set_index("year")
    assert rad.loc[2026, "completions"] == pytest.approx(136 / 5)
    assert rad.loc[2027, "completions"] == pytest.approx(141 / 5)
    assert rad.loc[2031, "completions"] == pytest.approx(125 / 5)  # from then on, today's posts
    # Base year: 9 + 10 + 510 specialist FTEs (acting consultant, specialist, consultant) + 125 residents
    assert rad.loc[2025, "specialists"] == 529 and rad.loc[2025, "supply"] == 654


def test_gap_is_need_minus_supply_and_zero_in_the_base_year(shipped_tables):
    scenario = assumptions.defaults(shipped_tables)
    plan = physicians.physician_plan(shipped_tables, scenario)
    assert np.allclose(plan["gap"], plan["need"] - plan["supply"])
    assert np.allclose(plan.loc[plan["year"] == 2025, "gap"], 0)
    assert list(plan["specialty"].unique()) == ["radiology", "nuclear_medicine"]
    assert plan["year"].max() == scenario["horizon"]


def test_headline_gaps_are_read_at_the_asked_years(shipped_tables):
    plan = physicians.physician_plan(shipped_tables, assumptions.defaults(shipped_tables))
    gaps = physicians.gap_at(plan, [2030, 2040])
    row = plan[(plan["specialty"] == "radiology") & (plan["year"] == 2040)]
    assert gaps.loc["radiology", 2040] == pytest.approx(row["gap"].iloc[0])


def test_shipped_need_is_todays_ftes_times_demography_use_and_nothing_of_supplys_past(shipped_tables):
    scenario = assumptions.defaults(shipped_tables)
    need = physicians.physician_need(shipped_tables, scenario).set_index(["specialty", "year"])
    rad = need.loc["radiology"]
    assert rad.loc[2025, "need"] == pytest.approx(654)
    assert rad.loc[2040, "use"] == pytest.approx((1 + scenario["use_growth_pct"] / 100) ** 15)
    assert rad.loc[2040, "need"] == pytest.approx(654 * rad.loc[2040, "demography"] * rad.loc[2040, "use"])
    # Same demography for both specialties; nuclear medicine's use grows on its own driver.
    nm = need.loc["nuclear_medicine"]
    assert np.allclose(nm["demography"], rad["demography"])
    assert nm.loc[2040, "use"] == pytest.approx((1 + scenario["use_growth_nuclear_medicine_pct"] / 100) ** 15)
    # Changing Tabell 6's past (not the base year) leaves the need as it was.
    ftes = shipped_tables["physician_ftes"]
    earlier = ftes.assign(fte=np.where(ftes["year"] < 2025, ftes["fte"] * 0.5, ftes["fte"]))
    halved = physicians.physician_need({**shipped_tables, "physician_ftes": earlier}, scenario)
    assert np.allclose(halved["need"], need["need"].to_numpy())


def test_plan_has_the_recruited_column_beside_exits_and_completions(shipped_tables):
    defaults = assumptions.defaults(shipped_tables)
    plan = physicians.physician_plan(shipped_tables, defaults)
    assert list(plan.columns[:7]) == [
        "specialty",
        "year",
        "specialists",
        "residents",
        "exits",
        "completions",
        "recruited",
    ]
    rad = plan[plan["specialty"] == "radiology"].set_index("year")
    history = physicians.histories(shipped_tables["physician_ftes"])["radiology"]
    window = defaults["recruitment_window_years"]
    assert rad.loc[2026, "recruited"] == pytest.approx(recruitment.calibrated_fte(history, window, 3.3, 5))
    # New specialists a year are the own finishers plus the recruited; the gap is its two parts.
    assert np.allclose(rad["new_specialists"], rad["completions"] + rad["recruited"])
    assert np.allclose(rad["gap"], rad["specialists_gap"] + rad["residents_gap"])
    assert np.allclose(rad["specialists_gap"], rad["specialist_need"] - rad["specialists"])


def test_a_trust_gets_its_share_of_the_regions_recruitment():
    region, trust = _ftes(100, 20), _ftes(25, 5)  # a quarter of every FTE
    scenario = _scenario(exit_rate_pct=4.0, use_growth_pct=2.0, recruitment_radiology_extra_fte=8.0)
    own = physicians.share_of_recruitment(scenario, region, trust)
    assert own["recruitment_radiology_extra_fte"] == pytest.approx(2.0)  # 8 x 30 / 120
    assert own["recruitment_nuclear_medicine_extra_fte"] == 0.0 and own["exit_rate_pct"] == 4.0
    whole = physicians.physician_plan(_tables(region), scenario).set_index("year")
    part = physicians.physician_plan(_tables(trust), own).set_index("year")
    # Supply and need are linear in the FTEs and the recruitment: a quarter of each, a quarter of the gap.
    assert np.allclose(part["gap"], whole["gap"] / 4) and abs(whole["gap"].iloc[-1]) > 1


# --- the base year's unmet need: the file and the share ----------------------------------------------


def _unmet_file(folder, rows):
    path = folder / "unmet_need.csv"
    pd.DataFrame(rows, columns=["year", "trust", "specialty", "kind", "fte", "source"]).to_csv(path, index=False)
    return path


def test_base_year_need_is_ftes_plus_the_unmet_need_of_the_file_and_the_share(shipped_tables, tmp_path):
    from imaging_plan.data.inputs import load_optional

    _unmet_file(
        tmp_path,
        [
            (2025, "OUS", "radiology", "vacancy", 6.0, "test"),
            (2025, "SIHF", "radiology", "locum", 2.5, "test"),
            (2024, "OUS", "radiology", "vacancy", 40.0, "test: not the base year, not counted"),
            (2025, "OUS", "nuclear_medicine", "overtime", 1.0, "test"),
        ],
    )
    unmet = load_optional("unmet_need", tmp_path)[0]
    scenario = {**assumptions.defaults(shipped_tables), "unmet_need_pct": 10.0}
    plan = physicians.physician_plan({**shipped_tables, "unmet_need": unmet}, scenario)
    at = plan[plan["year"] == 2025].set_index("specialty")
    assert at.loc["radiology", "need"] == pytest.approx(654 * 1.10 + 8.5)
    assert at.loc["nuclear_medicine", "need"] == pytest.approx(35 * 1.10 + 1.0)
    # The base year is no longer balanced by construction: the gap there is the unmet need.
    assert at.loc["radiology", "gap"] == pytest.approx(65.4 + 8.5)
    # One trust's view counts only its own rows.
    ous = physicians.physician_plan({**shipped_tables, "unmet_need": unmet}, {**scenario, "unmet_need_pct": 0.0}, "OUS")
    assert ous[ous["year"] == 2025].set_index("specialty").loc["radiology", "unmet_need"] == pytest.approx(6.0)


@pytest.mark.parametrize(
    "row,words",
    [
        ((2025, "OUS", "radiology", "vacancy", -2.0, "x"), "line 2, column 'fte'"),
        ((2025, "NOPE", "radiology", "vacancy", 2.0, "x"), "line 2, column 'trust'"),
        ((2025, "OUS", "cardiology", "vacancy", 2.0, "x"), "line 2, column 'specialty'"),
        ((2025, "OUS", "radiology", "holiday", 2.0, "x"), "line 2, column 'kind'"),
    ],
)
def test_a_bad_unmet_need_file_is_refused_naming_line_and_column(tmp_path, row, words):
    from imaging_plan.data.inputs import load_optional
    from imaging_plan.data.schemas import InputDataError

    _unmet_file(tmp_path, [row])
    with pytest.raises(InputDataError, match=f"(?s)unmet_need.csv.*{words}"):
        load_optional("unmet_need", tmp_path)
