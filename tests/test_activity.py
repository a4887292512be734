"""The activity projection: Tabell 1's exams carried by demography and use growth, split public and private."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_physicians import flat_population

from imaging_plan import paths
from imaging_plan.planning import activity, assumptions, scenario as scenario_module
from imaging_plan.data import inputs
from imaging_plan.planning.assumptions import ASSUMPTIONS, AssumptionError


def _tables(ct=1000, mr=500, private_ct=100, private_mr=300):
    """Flat population (demography 1 every year) and a small Tabell 1 and 3."""
    exams = pd.DataFrame(
        {
            "year": 2024,
            "specialty": ["radiology", "radiology", "radiology", "nuclear_medicine"],
            "modality": ["CT", "MR", "INTERVENTION", "PET_CT"],
            "exams": [ct, mr, 50, 20],
        }
    )
    private = pd.DataFrame(
        {
            "year": 2024,
            "hospital_area": ["OSLO", "OSLO", "AKERSHUS"],
            "modality": ["CT", "MR", "MR"],
            "exams": [private_ct, private_mr // 2, private_mr - private_mr // 2],
        }
    )
    by_trust = pd.DataFrame(
        {
            "year": 2024,
            "trust": ["AHUS", "AHUS", "OUS", "OUS"],
            "setting": ["inpatient", "outpatient"] * 2,
            "exams": [100, 200, 300, 400],
        }
    )
    return {**flat_population(), "exams_by_modality": exams, "private_exams": private, "exams_by_trust": by_trust}


def _scenario(**changes):
    values = {
        "horizon": 2030,
        "population_scenario": "MMMM",
        "use_growth_pct": 0.0,
        **{k: 0.0 for k in ASSUMPTIONS if k.startswith("growth_")},
        "private_share_ct_pct": 10.0,
        "private_share_mr_pct": 60.0,
        "private_share_rg_pct": 0.0,
        "private_share_ul_pct": 0.0,
    }
    return {**values, **changes}


def test_exams_grow_by_their_own_rate_and_split_by_the_private_share():
    out = activity.exams_projection(_tables(), _scenario(growth_ct_pct=10.0))
    ct = out[out["modality"] == "CT"].set_index(["sector", "year"])["exams"]
    # Hand-worked: 1000 CT in 2024, +10 % a year beyond a flat demography, 10 % private.
    assert ct[("public", 2024)] == pytest.approx(900) and ct[("private", 2024)] == pytest.approx(100)
    assert ct[("public", 2026)] == pytest.approx(1000 * 1.1**2 * 0.9)
    mr = out[out["modality"] == "MR"].set_index(["sector", "year"])["exams"]
    assert mr[("public", 2030)] == pytest.approx(200)  # no growth: 500 x 40 % public
    # Lines Tabell 3 lacks are all public; lines without a rate of their own follow use_growth_pct.
    other = activity.exams_projection(_tables(), _scenario(use_growth_pct=2.0))
    intervention = other[other["modality"] == "INTERVENTION"].set_index(["sector", "year"])["exams"]
    assert intervention[("private", 2030)] == 0 and intervention[("public", 2026)] == pytest.approx(50 * 1.02**2)
    assert list(out.columns) == activity.COLUMNS


def test_moving_the_private_share_moves_exams_between_sectors_not_the_total():
    low = activity.exams_projection(_tables(), _scenario(private_share_mr_pct=20.0))
    high = activity.exams_projection(_tables(), _scenario(private_share_mr_pct=80.0))
    assert activity.totals(low)["MR"].equals(activity.totals(high)["MR"])
    assert (activity.totals(low, "public")["MR"] > activity.totals(high, "public")["MR"]).all()


def test_demography_carries_every_line_alike():
    tables = {**_tables(), **flat_population(old_growth_pct=2.0)}
    out = activity.totals(activity.exams_projection(tables, _scenario()))
    ratio = out.loc[2030] / out.loc[2024]
    assert ratio.min() == pytest.approx(ratio.max()) and ratio.min() > 1


def test_the_private_share_default_is_tabell_3_over_tabell_1():
    tables, _ = inputs.load_inputs(paths.DATA_DIR, ("exams_by_modality", "private_exams"))
    defaults = assumptions.defaults(tables, ("activity",))
    private = tables["private_exams"].groupby("modality")["exams"].sum()
    total = tables["exams_by_modality"].set_index("modality")["exams"]
    for m in ("CT", "MR", "RG", "UL"):
        assert defaults[f"private_share_{m.lower()}_pct"] == pytest.approx(100 * private[m] / total[m], abs=0.05)
    assert 60 < defaults["private_share_mr_pct"] < 70  # "two thirds of its MR"


def test_a_share_over_100_or_a_bad_growth_is_refused_naming_the_parameter():
    with pytest.raises(activity.ActivityError, match="private_share_mr_pct.*0 to 100"):
        activity.exams_projection(_tables(), _scenario(private_share_mr_pct=120.0))
    with pytest.raises(activity.ActivityError, match="growth_ct_pct.*not a number"):
        activity.exams_projection(_tables(), _scenario(growth_ct_pct="fast"))
    with pytest.raises(AssumptionError, match="private_share_ct_pct.*outside the allowed range 0.0 to 100.0"):
        ASSUMPTIONS["private_share_ct_pct"].check(101)
    # A link is lenient: the bad value is left out, its default kept, and the reason noted.
    parsed = scenario_module.from_query({"private_share_mr_pct": "150"}, {"private_share_mr_pct": 66.8})
    assert parsed.values["private_share_mr_pct"] == 66.8 and "private_share_mr_pct" in parsed.ignored[0]


def test_public_exams_are_shared_over_the_trusts_by_tabell_2():
    out = activity.exams_projection(_tables(), _scenario())
    per = activity.by_trust(out, _tables()["exams_by_trust"])
    ct = per[(per["modality"] == "CT") & (per["year"] == 2024)].set_index("trust")["exams"]
    assert ct["AHUS"] == pytest.approx(900 * 300 / 1000) and ct["OUS"] == pytest.approx(900 * 700 / 1000)


def test_a_stored_activity_with_a_negative_count_is_refused_naming_the_line():
    bad = pd.DataFrame({"year": [2024, 2025], "modality": "CT", "sector": "public", "exams": [10.0, -1.0]})
    with pytest.raises(activity.ActivityError, match="activity.csv: line 3, column 'exams'"):
        activity.check_activity(bad)


def test_the_shipped_data_give_the_plans_2024_counts():
    tables, _ = inputs.load_inputs(paths.DATA_DIR, activity.TABLES)
    scenario = {**assumptions.defaults(tables), "population_scenario": "MMMM"}
    out = activity.exams_projection(tables, scenario)
    at_base = activity.totals(out).loc[2024]
    printed = tables["exams_by_modality"].set_index("modality")["exams"]
    assert np.allclose(at_base[printed.index], printed)  # both sectors together: Tabell 1
    public = activity.totals(out, "public").loc[2024].sum()
    assert 0.7 < public / printed.sum() < 0.8  # the plan: the trusts do about 70 % ("står for 70 %")


def test_the_activity_and_chain_charts_draw_integer_years_and_named_lines():
    from imaging_plan.charts import activity as charts

    out = activity.exams_projection(_tables(), _scenario())
    lines = charts.activity_lines(out, "en")
    assert lines["year"].dtype.kind == "i" and set(lines["sector"]) == {"Public", "Private"}
    assert "Intervention" in set(lines["modality"]) and "MRI" in set(lines["modality"])
    assert lines["exams"].sum() == pytest.approx(out["exams"].sum() / 1000)  # thousands on the axis
    spec = charts.activity_chart(lines, "en").to_dict()
    assert spec["spec"]["encoding"]["y"]["title"] == "Exams (thousands a year)"
    chain = pd.DataFrame({"year": [2025, 2026], "panel": ["exams", "radiologists"], "value": [1.0, 2.0]})
    drawn = charts.chain_lines(chain, "nb")
    assert drawn["panel"].tolist() == ["Undersøkelser, offentlige (tusen per år)", "Legebehov, radiologi (årsverk)"]
    assert drawn["lower"].isna().all() and drawn["year"].dtype.kind == "i"
    assert charts.chain_chart(drawn, "nb").to_dict()["columns"] == 2  # two panels a row fit a laptop
