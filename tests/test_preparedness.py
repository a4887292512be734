"""Preparedness planning: capacity, the weekly backlog arithmetic, refusals, and the on-call floor (no Streamlit)."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from imaging_plan import paths
from imaging_plan.planning import assumptions, preparedness, preparedness_scenarios, scenario, workload
from imaging_plan.data import codes, inputs
from imaging_plan.planning.assumptions import AssumptionError
from imaging_plan.data.schemas import InputDataError
from imaging_plan.planning.preparedness import Event, PreparednessError


def _scenario(**changes) -> dict:
    names = ("equipment_units", "exams_by_modality")
    tables = {n: inputs.load_table(n, paths.DATA_DIR) for n in names}
    values = assumptions.defaults(tables)
    values.update({key: default for key, (_, default) in scenario.CHOICES.items()})
    values.update(changes)
    return values


@pytest.fixture(scope="module")
def shipped() -> dict[str, pd.DataFrame]:
    return {name: inputs.load_table(name, paths.DATA_DIR) for name in preparedness.TABLES}


@pytest.fixture(scope="module")
def shipped_capacity(shipped) -> pd.DataFrame:
    return preparedness.capacity_table(
        shipped["equipment_units"],
        shipped["exams_by_modality"],
        shipped["exams_by_trust"],
        shipped["private_exams"],
        _scenario(),
    )


# --- the weekly backlog, worked by hand --------------------------------------------------------------


def test_backlog_of_a_hand_worked_case_kept_and_moved_to_a_neighbour():
    """Oslo does 100 exams a week with room for 110; for 3 weeks it can do 80. Akershus (a neighbour) does
    50 with room for 60, and Sørlandet (not a neighbour) 50 with room for 70.

    Short 20 a week -> kept backlog 20, 40, 60; cleared at Oslo's spare 10 a week: 6 weeks (60 / 10).
    Moved: Akershus' slack 10 a week takes half -> 10, 20, 30; cleared at 10 + 10: 1.5 weeks.
    """
    event = Event(
        "units_out",
        "CT",
        3,
        demand=np.array([100.0, 50.0, 50.0]),
        capacity=np.array([80.0, 60.0, 70.0]),
        fixed_loss=np.zeros(3),
    )
    spare = np.array([10.0, 10.0, 20.0])
    table, totals = preparedness.weekly_backlog(event, spare, np.array(["OSLO", "AKERSHUS", "SORLANDET"]))
    assert totals["not_done"] == pytest.approx(60) and totals["moved"] == pytest.approx(30)
    assert totals["backlog_kept"] == pytest.approx(60) and totals["backlog_moved"] == pytest.approx(30)
    assert totals["weeks_to_clear_kept"] == pytest.approx(6) and totals["weeks_to_clear_moved"] == pytest.approx(1.5)
    event_weeks = table[table["in_event"]]
    assert event_weeks["week"].tolist() == [1, 2, 3]
    assert event_weeks["backlog_kept"].tolist() == pytest.approx([20, 40, 60])
    assert event_weeks["backlog_moved"].tolist() == pytest.approx([10, 20, 30])
    after = table[~table["in_event"]]
    assert after["backlog_kept"].tolist() == pytest.approx([50, 40, 30, 20, 10, 0])
    assert after["backlog_moved"].tolist()[:2] == pytest.approx([10, 0])
    assert pd.api.types.is_integer_dtype(table["week"])


def test_without_areas_nothing_moves_and_without_spare_the_backlog_never_clears():
    event = Event("absence", "MR", 2, np.array([100.0]), np.array([70.0]), np.zeros(1))
    _, totals = preparedness.weekly_backlog(event, np.array([10.0]))
    assert totals["moved"] == 0 and totals["backlog_moved"] == pytest.approx(60)
    table, totals = preparedness.weekly_backlog(event, np.array([0.0]))
    assert math.isinf(totals["weeks_to_clear_kept"]) and totals["backlog_kept"] == pytest.approx(60)
    assert len(table) == 2  # no clearing weeks are drawn when nothing clears
    assert preparedness.weeks_to_clear(0.0, 0.0) == 0.0


def test_a_supply_failure_is_lost_for_its_days_and_never_moved():
    """Half of 70 PET/CT a week for 10 days: 35 in week 1 and 35 x 3/7 = 15 in week 2; none moves."""
    event = Event(
        "supply",
        "PET_CT",
        2,
        demand=np.array([70.0, 70.0]),
        capacity=np.array([77.0, 90.0]),
        fixed_loss=np.array([35.0, 0.0]),
        week_share=(1.0, 3 / 7),
    )
    table, totals = preparedness.weekly_backlog(event, np.array([7.0, 20.0]), np.array(["OSLO", "AKERSHUS"]))
    assert totals["not_done"] == pytest.approx(35 + 15)
    assert totals["moved"] == 0 and totals["backlog_moved"] == pytest.approx(50)
    assert totals["weeks_to_clear_kept"] == pytest.approx(50 / 7)


# --- capacity today ------------------------------------------------------------------------------------


def _small_tables():
    units = pd.DataFrame(
        [
            ("AHUS", "public", "CT", 2025, 2.0),
            ("ALFA", "private", "CT", 2025, 1.0),
        ],
        columns=["owner", "sector", "modality", "year", "units"],
    )
    exams = pd.DataFrame([(2024, "radiology", "CT", 3000)], columns=["year", "specialty", "modality", "exams"])
    by_trust = pd.DataFrame([(2024, "AHUS", "inpatient", 500)], columns=["year", "trust", "setting", "exams"])
    private = pd.DataFrame(
        [(2024, "AKERSHUS", "CT", 750), (2024, "OSLO", "CT", 250)],
        columns=["year", "hospital_area", "modality", "exams"],
    )
    return units, exams, by_trust, private


def test_capacity_is_the_smaller_of_machine_and_staffed_hours_and_spare_is_capacity_less_use():
    units, exams, by_trust, private = _small_tables()
    values = _scenario(
        exams_per_hour_ct=1.0, opening_hours_week=50, prep_hours_max=100, weeks_per_year=20, prep_staff_extra_pct=10
    )
    cap = preparedness.capacity_table(units, exams, by_trust, private, values).set_index("owner")
    ahus = cap.loc["AHUS"]
    # public CT = 3000 - 1000 private; machines 2 units x 1 exam an hour x 100 h a week x 20 weeks = 4000;
    # staff 2000 x 1.1 = 2200
    assert ahus["exams"] == pytest.approx(2000) and ahus["machine_capacity"] == pytest.approx(4000)
    assert ahus["capacity"] == pytest.approx(2200) and ahus["spare"] == pytest.approx(200)
    assert ahus["area"] == "AKERSHUS" and not ahus["at_capacity"] and ahus["exams_per_hour"] == 1.0
    # the private unit is shared 3:1 by the areas' private exams
    assert cap.loc["PRIVATE_AKERSHUS", "units"] == pytest.approx(0.75)
    assert cap.loc["PRIVATE_OSLO", "units"] == pytest.approx(0.25)
    assert cap.loc["PRIVATE_AKERSHUS", "machine_capacity"] == pytest.approx(0.75 * 2000)
    # fewer machine hours than today's exams: 2 x 1 x 20 h x 20 weeks = 800 < 2000, at capacity, no spare
    # (what is done today can be done)
    tight = preparedness.capacity_table(units, exams, by_trust, private, {**values, "prep_hours_max": 20})
    tight = tight.set_index("owner").loc["AHUS"]
    assert tight["at_capacity"] and tight["spare"] == 0 and tight["capacity"] == pytest.approx(2000)
    # today's opening hours are not the scale-up lever: they leave the scaled-up capacity alone
    today = preparedness.capacity_table(units, exams, by_trust, private, {**values, "opening_hours_week": 20})
    assert today.set_index("owner").loc["AHUS", "machine_capacity"] == pytest.approx(4000)


def test_machine_capacity_is_the_equipment_pages_capacity_per_unit_at_the_scaled_up_hours(shipped_capacity):
    values = _scenario()
    per_unit = workload.capacity_per_unit({**values, "opening_hours_week": values["prep_hours_max"]})
    own = shipped_capacity[shipped_capacity["units"] > 0]
    expected = own["units"] * own["modality"].map(per_unit)
    assert own["machine_capacity"].to_numpy() == pytest.approx(expected.to_numpy())
    # CT: 2.34 exams an hour (SOURCES.md 5.2) x 84 h x 52 weeks = 10,221.12 a unit a year
    assert per_unit["CT"] == pytest.approx(2.34 * 84 * 52)


def test_exams_follow_the_units_so_a_trust_without_the_modality_does_none_of_its_exams(shipped_capacity):
    """Not the activity's split (each trust the region's mix): DHS, LDS and STHF have no PET/CT (Tabell 5)."""
    pet = shipped_capacity[(shipped_capacity["modality"] == "PET_CT") & (shipped_capacity["sector"] == "public")]
    none = pet[pet["units"] == 0]
    assert set(none["owner"]) == {"DHS", "LDS", "STHF"} and (none["exams"] == 0).all()


def test_shipped_capacity_covers_every_exam_of_tabell_1_and_3(shipped, shipped_capacity):
    by_modality = preparedness.capacity_by(shipped_capacity, ["modality"]).set_index("modality")
    total = shipped["exams_by_modality"].set_index("modality")["exams"]
    for modality, line in codes.EXAM_MODALITY_OF_EQUIPMENT.items():
        assert by_modality.loc[modality, "exams"] == pytest.approx(total[line])
    units = shipped["equipment_units"].groupby("modality")["units"].sum()
    assert by_modality["units"].to_dict() == pytest.approx(units.to_dict())
    assert (shipped_capacity["spare"] >= 0).all() and (shipped_capacity["capacity"] >= shipped_capacity["exams"]).all()
    assert set(shipped_capacity["area"]) == set(codes.HOSPITAL_AREAS)


def test_neighbouring_areas_are_symmetric_and_cover_every_area():
    assert set(codes.NEIGHBOUR_AREAS) == set(codes.HOSPITAL_AREAS) == set(codes.TRUST_AREA.values())
    for area, near in codes.NEIGHBOUR_AREAS.items():
        assert area not in near
        for other in near:
            assert area in codes.NEIGHBOUR_AREAS[other], (area, other)


# --- the stress tests on the shipped data -----------------------------------------------------------------


def test_more_units_out_means_more_backlog_and_the_units_out_stay_at_their_trust(shipped_capacity):
    def units_out(n: int) -> pd.Series:
        values = _scenario(prep_units_out=n, prep_units_trust="OUS", prep_units_modality="MR", prep_units_weeks=8)
        summary = preparedness.stress_results(shipped_capacity, values)[0]
        return summary[summary["scenario"] == "units_out"].iloc[0]

    few, all_ = units_out(2), units_out(17)
    assert all_["not_done"] > few["not_done"] >= 0
    assert all_["modality"] == "MR" and all_["weeks"] == 8
    assert all_["backlog_moved"] <= all_["backlog_kept"]
    assert 0 < all_["weeks_to_clear_kept"] < math.inf


def test_absence_hits_the_trusts_and_private_spare_can_take_some(shipped_capacity):
    values = _scenario(prep_absence_pct=20, prep_absence_weeks=6)
    summary, weekly, overflow = preparedness.stress_results(shipped_capacity, values)
    absence = summary[summary["scenario"] == "absence"].set_index("modality")
    assert (absence["not_done"] > 0).all() and (absence["backlog_moved"] <= absence["backlog_kept"] + 1e-9).all()
    more = preparedness.stress_results(shipped_capacity, {**values, "prep_absence_pct": 40})[0]
    assert more[more["scenario"] == "absence"]["not_done"].sum() > absence["not_done"].sum()
    gone = overflow[overflow["scenario"] == "absence"]
    assert set(gone["sector"]) == {"private"} and (gone["spare_per_week"] > 0).all()
    assert weekly.groupby(["scenario", "modality"])["week"].apply(lambda w: list(w) == list(range(1, len(w) + 1))).all()


def test_a_zero_duration_runs_no_event(shipped_capacity):
    values = _scenario(prep_surge_weeks=0, prep_absence_weeks=0, prep_units_weeks=0, prep_supply_days=0)
    summary, weekly, _ = preparedness.stress_results(shipped_capacity, values)
    assert summary.empty and weekly.empty


def test_contrast_failure_hits_ct_by_the_contrast_share(shipped_capacity):
    values = _scenario(prep_supply="CONTRAST", prep_supply_pct=100, prep_supply_days=7)
    half = preparedness.stress_results(shipped_capacity, {**values, "prep_contrast_share_pct": 50})[0]
    whole = preparedness.stress_results(shipped_capacity, {**values, "prep_contrast_share_pct": 100})[0]
    lost = [f.loc[f["scenario"] == "supply", "not_done"].item() for f in (half, whole)]
    assert half.loc[half["scenario"] == "supply", "modality"].item() == "CT"
    assert lost[1] == pytest.approx(2 * lost[0])


# --- bad input is refused, naming where and the rule --------------------------------------------------------


def test_more_units_out_than_the_trust_has_is_refused_naming_the_parameter(shipped_capacity):
    values = _scenario(prep_units_out=18, prep_units_trust="OUS", prep_units_modality="MR")
    with pytest.raises(PreparednessError, match=r"parameter 'prep_units_out': 18 MR units out at OUS, but OUS has 17"):
        preparedness.stress_results(shipped_capacity, values)
    with pytest.raises(PreparednessError, match="DHS has 0"):
        preparedness.stress_results(
            shipped_capacity,
            {**values, "prep_units_out": 1, "prep_units_trust": "DHS", "prep_units_modality": "PET_CT"},
        )


def test_a_negative_absence_or_unknown_choice_is_refused_naming_the_parameter():
    with pytest.raises(AssumptionError, match=r"parameter 'prep_absence_pct': -5 is outside the allowed range 0 to 90"):
        assumptions.resolve({"prep_absence_pct": -5}, {}, ("preparedness",))
    with pytest.raises(PreparednessError, match=r"parameter 'prep_units_trust': 'XYZ' is not one of"):
        preparedness.check_choice("prep_units_trust")("XYZ")


def test_a_scenario_set_is_run_whole_or_refused_naming_the_entry(shipped_capacity, tmp_path):
    good = tmp_path / "set.yaml"
    good.write_text("mr_down:\n  prep_units_out: 4\nflu:\n  prep_absence_pct: 30\n  prep_absence_weeks: 8\n")
    named = preparedness_scenarios.read_scenario_set(good, _scenario())
    assert list(named) == ["mr_down", "flu"] and named["flu"]["prep_absence_weeks"] == 8
    summary, weekly, _ = preparedness_scenarios.run_scenarios(shipped_capacity, named)
    assert list(summary.columns)[0] == "run" and set(summary["run"]) == {"mr_down", "flu"}
    assert set(weekly["run"]) == {"mr_down", "flu"}
    bad = tmp_path / "bad.yaml"
    bad.write_text("ok:\n  prep_units_out: 1\nwrong:\n  prep_absence_pct: -10\n")
    with pytest.raises(PreparednessError, match=r"(?s)bad.yaml, scenario 'wrong':.*'prep_absence_pct': -10 is outside"):
        preparedness_scenarios.read_scenario_set(bad, _scenario())
    too_many = {"ok": _scenario(), "too_many": _scenario(prep_units_out=40)}
    with pytest.raises(PreparednessError, match=r"scenario 'too_many': parameter 'prep_units_out'"):
        preparedness_scenarios.run_scenarios(shipped_capacity, too_many)


# --- the on-call floor on a small file --------------------------------------------------------------------------

ON_CALL = """site,trust,specialty,lines,rota_weeks,on_site_lines,source
Big,AHUS,radiology,2,7,1,"illustrative: test"
Small,AHUS,radiology,1,6,0,"illustrative: test"
Only,SIV,radiology,1,5,0,"a real rota"
"""


def _on_call(tmp_path, text: str = ON_CALL) -> pd.DataFrame:
    (tmp_path / "on_call_lines.csv").write_text(text, encoding="utf-8")
    return inputs.load_table("on_call_lines", tmp_path)


def test_the_floor_is_lines_times_rota_times_fte_per_person_and_sharing_frees_the_small_sites_reading(tmp_path):
    lines = _on_call(tmp_path)
    floor = preparedness.on_call_floor(lines, 1.0).set_index("trust")
    # AHUS: 2 x 7 + 1 x 6 = 20 people; shared: the busiest site's reading line (1 x 7) + its on-site line (1 x 7)
    assert floor.loc["AHUS", "floor_fte"] == pytest.approx(20) and floor.loc["AHUS", "floor_shared_fte"] == 14
    assert floor.loc["AHUS", "freed_fte"] == pytest.approx(6) and floor.loc["AHUS", "sites"] == 2
    assert floor.loc["AHUS", "people"] == 20 and floor.loc["AHUS", "lines"] == 3
    assert floor.loc["SIV", "floor_fte"] == 5 and floor.loc["SIV", "freed_fte"] == 0  # one site: nothing to share
    part_time = preparedness.on_call_floor(lines, 0.8).set_index("trust")
    assert part_time.loc["AHUS", "floor_fte"] == pytest.approx(16) and part_time.loc["AHUS", "people"] == 20
    assert preparedness.is_illustrative(lines)
    assert not preparedness.is_illustrative(lines[lines["trust"] == "SIV"])
    with pytest.raises(PreparednessError, match="fte_per_person_physician"):
        preparedness.on_call_floor(lines, 0.0)


def test_need_is_the_larger_of_planning_need_and_floor_and_says_where_the_floor_binds(tmp_path):
    floor = preparedness.on_call_floor(_on_call(tmp_path), 1.0)
    assert preparedness.floor_of(floor, "AHUS", shared=False) == {"radiology": 20.0}
    assert preparedness.floor_of(floor, "AHUS", shared=True) == {"radiology": 14.0}
    plan = pd.DataFrame(
        {
            "specialty": ["radiology", "radiology", "nuclear_medicine"],
            "year": [2025, 2030, 2025],
            "supply": [15.0, 15.0, 3.0],
            "need": [18.0, 25.0, 4.0],
            "gap": [3.0, 10.0, 1.0],
        }
    )
    out = preparedness.with_on_call_floor(plan, {"radiology": 20.0})
    assert out["need"].tolist() == [20.0, 25.0, 4.0]
    assert out["floor_binds"].tolist() == [True, False, False]
    assert out["gap"].tolist() == [5.0, 10.0, 1.0] and out["planning_need"].tolist() == [18.0, 25.0, 4.0]


@pytest.mark.parametrize(
    "row, message",
    [
        ('X,XYZ,radiology,1,6,0,"illustrative: t"', r"line 5, column 'trust': value 'XYZ' must be one of"),
        ('X,OUS,radiology,0,6,0,"illustrative: t"', r"line 5, column 'lines': value '0.0' must be at least 1"),
        ('X,OUS,radiology,1,6,2,"illustrative: t"', r"line 5 \(site X, specialty radiology\): on_site_lines is more"),
        ('Big,OUS,nuclear_medicine,1,6,0,"illustrative: t"', r"the site is given to more than one trust"),
    ],
)
def test_a_bad_on_call_file_is_refused_naming_line_column_and_rule(tmp_path, row, message):
    with pytest.raises(InputDataError, match=message) as refused:
        _on_call(tmp_path, ON_CALL + row + "\n")
    assert "on_call_lines.csv" in str(refused.value)


def test_the_shipped_on_call_file_is_illustrative_and_every_trust_of_tabell_2_has_lines(shipped):
    lines = shipped["on_call_lines"]
    assert lines["source"].str.startswith("illustrative").all()
    assert set(lines["trust"]) == set(codes.TRUSTS)


# --- the page's view ----------------------------------------------------------------------------------------


def test_compute_gives_the_page_one_typed_view_and_a_refusal_as_its_error(shipped):
    snapshot = SimpleNamespace(tables=shipped, scenario=_scenario())
    view = preparedness.compute(snapshot)
    assert isinstance(view, preparedness.PreparednessView)
    assert set(view.summary["scenario"]) == set(preparedness.SCENARIOS) and view.error is None
    assert view.on_call_illustrative and not view.shared_on_call
    assert set(view.by_area["area"]) == set(codes.HOSPITAL_AREAS)
    refused = preparedness.compute(SimpleNamespace(tables=shipped, scenario=_scenario(prep_units_out=60)))
    assert "prep_units_out" in refused.error and refused.summary.empty
    assert not refused.capacity.empty  # capacity today does not depend on the stress test
