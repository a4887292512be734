"""People and machines from the activity (WISN): hand-worked small cases, bad input named, the default method."""

from __future__ import annotations

import pandas as pd
import pytest
from test_activity import _scenario as activity_scenario
from test_activity import _tables

from imaging_plan import paths
from imaging_plan.planning import activity, assumptions, equipment, physicians, scenario, staffing, workload
from imaging_plan.data import inputs
from imaging_plan.planning.assumptions import ASSUMPTIONS
from imaging_plan.data.codes import ACTIVITY_MODALITIES


def _scenario(**changes):
    values = {
        **activity_scenario(),
        **{f"read_min_{m.lower()}": 0.0 for m in ACTIVITY_MODALITIES},
        **{f"staff_min_{m.lower()}": 0.0 for m in ACTIVITY_MODALITIES},
        "read_min_ct": 15.0,
        "staff_min_ct": 30.0,
        "nonreporting_pct": 25.0,
        "hours_per_fte_physician": 1000,
        "hours_per_fte_radiographer": 1500,
        **{f"exams_per_hour_{m.lower()}": 1.0 for m in ("CT", "MR", "RG", "UL", "PET_CT", "SPECT_CT")},
        "opening_hours_week": 10.0,
        "weeks_per_year": 50,
        "radiographers_per_machine": 1.0,
        "radiographer_completion_pct": 50.0,
        "radiographer_region_share_pct": 50.0,
        "ai_gain_pct": 0.0,
        "ai_full_year": 2040,
    }
    return {**values, **changes}


def _activity(**changes):
    return activity.exams_projection(_tables(), _scenario(**changes))


def test_physician_need_is_exams_times_minutes_over_the_hours_left_for_reporting():
    need = workload.physician_need(_activity(), _scenario()).set_index(["specialty", "year"])
    # 900 public CT x 15 min = 225 h; 1000 h an FTE of which 75 % reporting: 0.3 FTE.
    assert need.loc[("radiology", 2024), "hours"] == pytest.approx(225)
    assert need.loc[("radiology", 2024), "fte"] == pytest.approx(0.3)
    # PET/CT is nuclear medicine's: its minutes land there.
    pet = workload.physician_need(_activity(), _scenario(read_min_pet_ct=60.0)).set_index(["specialty", "year"])
    assert pet.loc[("nuclear_medicine", 2024), "hours"] == pytest.approx(20)


def test_radiographer_need_is_shared_over_the_trusts():
    need = workload.radiographer_need(_activity(), _scenario(), _tables()["exams_by_trust"])
    at = need[need["year"] == 2024].set_index("trust")["fte"]
    # 900 CT x 30 min = 450 h = 0.3 FTE at 1500 h; AHUS has 30 % of Tabell 2.
    assert at.sum() == pytest.approx(0.3) and at["AHUS"] == pytest.approx(0.09)


def test_units_needed_fall_with_longer_hours_and_staff_follow_whole_machines():
    units = pd.DataFrame(
        {
            "owner": ["AHUS", "OUS", "ALFA"],
            "sector": ["public", "public", "private"],
            "modality": "CT",
            "year": 2025,
            "units": [1, 1, 1],
        }
    )
    trusts = _tables()["exams_by_trust"]
    short = workload.machines_needed(_activity(), units, trusts, _scenario())
    long = workload.machines_needed(_activity(), units, trusts, _scenario(opening_hours_week=20.0))
    ct = short[(short["modality"] == "CT") & (short["year"] == 2024)].set_index("owner")
    # OUS: 900 x 70 % = 630 CT a year; 1 an hour x 10 h x 50 weeks = 500 a unit: 1.26 units, 1 on hand.
    assert ct.loc["OUS", "units_needed"] == pytest.approx(1.26) and ct.loc["OUS", "gap_units"] == pytest.approx(0.26)
    assert ct.loc["PRIVATE", "units_needed"] == pytest.approx(100 / 500) and ct.loc["PRIVATE", "units_on_hand"] == 1
    # Two whole machines at OUS, open 500 h a year, one radiographer each, 1500 h an FTE.
    assert ct.loc["OUS", "staff_fte"] == pytest.approx(2 * 500 / 1500)
    ct_long = long[(long["modality"] == "CT") & (long["year"] == 2024)].set_index("owner")
    assert ct_long.loc["OUS", "units_needed"] == pytest.approx(0.63)
    assert ct_long.loc["OUS", "staff_fte"] == pytest.approx(1 * 1000 / 1500)  # one machine, twice the hours


def test_fleet_growth_buys_what_need_exceeds_and_prices_it():
    machines = pd.DataFrame(
        {
            "year": [2025, 2026, 2027, 2025, 2026, 2027],
            "modality": "CT",
            "owner": ["AHUS"] * 3 + ["OUS"] * 3,
            "sector": "public",
            "units_needed": [0.5, 1.2, 1.1, 1.0, 1.9, 2.6],
            "units_on_hand": 1.0,
        }
    )
    scenario_ = {f"price_{m.lower()}_mnok": 10.0 for m in ("CT", "MR", "RG", "UL", "PET_CT", "SPECT_CT")}
    out = equipment.fleet_growth(machines, scenario_, 2025).set_index("year")
    # Region: 1.5, 3.1, 3.7 needed against 2 on hand: 0 in 2025, 2 in 2026 (to 4), none after.
    assert out["units_added"].tolist() == [0, 2, 0] and out.loc[2026, "cost_mnok"] == 20


def test_education_places_are_hires_over_completion_and_share():
    places = workload.education_places(pd.DataFrame({"year": [2026], "hires": [10.0]}), _scenario())
    assert places.loc[0, "places"] == pytest.approx(40)  # 10 / (0.5 x 0.5)


@pytest.mark.parametrize(
    "key, value, rule",
    [
        ("read_min_ct", -1.0, "read_min_ct.*must be 0 or more"),
        ("staff_min_mr", "x", "staff_min_mr.*not a number"),
        ("nonreporting_pct", 100.0, "nonreporting_pct.*from 0 to 99"),
    ],
)
def test_bad_workload_figures_are_refused_naming_the_parameter(key, value, rule):
    with pytest.raises(workload.WorkloadError, match=rule):
        workload.physician_need(_activity(), _scenario(**{key: value}))
        workload.radiographer_need(_activity(), _scenario(**{key: value}), _tables()["exams_by_trust"])


def test_a_negative_minute_in_a_scenario_file_or_link_is_refused_naming_it():
    with pytest.raises(scenario.ScenarioError, match="read_min_ct"):
        scenario.from_yaml("read_min_ct: -5\n", {})
    parsed = scenario.from_query({"staff_min_ct": "-5"}, {"staff_min_ct": 20.0})
    assert parsed.values["staff_min_ct"] == 20.0 and "staff_min_ct" in parsed.ignored[0]
    assert "need_method" in scenario.CHOICES
    assert scenario.from_query({"need_method": "guess"}, {"need_method": "index"}).values["need_method"] == "index"


def test_implied_vs_actual_is_a_ratio_not_a_factor():
    need = pd.DataFrame({"specialty": ["radiology"], "year": [2024], "fte": [300.0]})
    out = workload.implied_vs_actual(need, pd.Series({"radiology": 600.0}), 2024, {"radiology": 150.0})
    assert out.loc[0, "ratio"] == pytest.approx(300 / 750)


# --- on the shipped data -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    tables, _ = inputs.load_inputs(
        paths.DATA_DIR, (*workload.TABLES, "staff_ftes", "equipment_units", "equipment_register")
    )
    values = {**assumptions.defaults(tables), "population_scenario": "MMMM", "need_method": "index"}
    return tables, values


def test_growth_ct_moves_radiologists_radiographers_and_ct_units_together(shipped):
    tables, base = shipped
    faster = {**base, "growth_ct_pct": 8.0}

    def chain(values):
        projected = activity.exams_projection(tables, values)
        need = physicians.physician_plan(tables, {**values, "need_method": "workload"})
        path = workload.radiographer_path(tables, values, tables["staff_ftes"])
        plan = staffing.planned_ftes(tables["staff_ftes"], None, values, path)
        machines = equipment.demand_check(
            tables["exams_by_modality"], tables["equipment_register"], values, 2025, 2040, projected
        )
        at = lambda f, col="year": f[f[col] == 2040]  # noqa: E731
        return (
            at(need).set_index("specialty").loc["radiology", "need"],
            at(plan)[at(plan)["role"] == "radiographer"]["fte"].sum(),
            at(machines).set_index("modality").loc["CT", "units_needed"],
        )

    before, after = chain(base), chain(faster)
    assert all(a > b for a, b in zip(after, before)), (before, after)


def test_the_default_need_method_is_the_closer_backcast(shipped):
    tables, values = shipped
    backcast = workload.need_backcast(tables, {**values, "ai_gain_pct": 0.0})
    closer = backcast.loc[backcast["error"].abs().idxmin(), "method"]
    assert closer == workload.DEFAULT_NEED_METHOD == scenario.CHOICES["need_method"][1]


def test_the_workload_need_keeps_the_index_columns_and_need_equals_ftes_times_index(shipped):
    tables, values = shipped
    need = physicians.physician_need(tables, {**values, "need_method": "workload"})
    assert list(need.columns) == physicians.NEED_COLUMNS and set(physicians.NEED_COLUMNS) == set(workload.NEED_COLUMNS)
    base = need[need["year"] == need["year"].min()]
    assert (base["demography"] == 1).all() and (base["use"].round(9) == 1).all()
    ftes = tables["physician_ftes"]
    radiology = ftes[(ftes["year"] == 2025) & (ftes["specialty"] == "radiology")]["fte"].sum()
    rows = need[need["specialty"] == "radiology"]
    assert (rows["need"] - radiology * rows["index"]).abs().max() < 1e-9


def test_with_default_hours_todays_fleet_carries_todays_exams_where_no_rate_is_published(shipped):
    tables, values = shipped
    projected = activity.exams_projection(tables, values)
    demand = equipment.demand_check(
        tables["exams_by_modality"], tables["equipment_register"], values, 2024, 2024, projected
    ).set_index("modality")
    for m in ("RG", "UL", "PET_CT", "SPECT_CT"):  # derived: today's exams per unit over 50 h x 52
        assert demand.loc[m, "units_needed"] == pytest.approx(demand.loc[m, "units_on_hand"], rel=0.02)  # to the step
    assert ASSUMPTIONS["exams_per_hour_ct"].default == 2.34  # published (SOURCES.md 5.2)


def test_notebook_01_declares_the_default_need_method():
    import papermill as pm

    declared = pm.inspect_notebook(str(paths.NOTEBOOKS_DIR / "01_forecast_physician_ftes.ipynb"))
    assert declared["need_method"]["default"] == repr(workload.DEFAULT_NEED_METHOD).replace("'", '"')
