"""The staffing page's view without Streamlit: its plan is the planning model's, and its sliders move it."""

from __future__ import annotations

import pytest

from imaging_plan.app.shell import snapshot_for
from imaging_plan.data.inputs import load_optional
from imaging_plan.i18n import fmt_number
from imaging_plan.planning import staffing, workload
from imaging_plan.views import cache
from imaging_plan.views import staffing as view_module


@pytest.fixture
def snapshot(tmp_path):
    """The shipped data, no stored forecasts (the plan then grows on the target), the defaults."""
    cache.clear()
    return snapshot_for("nb", forecasts_dir=tmp_path / "none")


def _hires(plan, role="radiographer"):
    return plan.loc[plan["role"] == role, "hires_needed"].sum()


@pytest.mark.parametrize("follow", [0, 2])
def test_the_plan_is_the_staffing_models_plan_for_the_scenario(snapshot, follow):
    own = snapshot.with_values(staff_follow_trend=follow, turnover_radiographer_pct=9.0)
    ftes = own.tables["staff_ftes"]
    path = workload.radiographer_path(own.tables, own.scenario, ftes) if follow == 2 else None
    expected = staffing.staff_plan(ftes, None, own.scenario, path)
    view = view_module.compute(own)
    assert view.plan.reset_index(drop=True).equals(expected.reset_index(drop=True))
    assert view.totals.equals(staffing.plan_totals(expected, staffing.series_status(ftes)))


def test_rising_turnover_needs_more_hires_than_todays_and_the_defaults_stay_the_baseline(snapshot):
    steady = view_module.compute(snapshot.with_values(turnover_rise_pp=0.0))
    rising = view_module.compute(snapshot.with_values(turnover_rise_pp=3.0))
    assert _hires(rising.plan) > _hires(steady.plan)
    assert rising.constant.equals(steady.plan)  # today's turnover: the plan without the rise
    assert rising.baseline.equals(steady.baseline)  # the defaults, whatever the viewer's sliders
    assert rising.plan["fte"].equals(steady.plan["fte"])  # turnover moves the flows, not the planned FTEs


def test_a_turnover_slider_reuses_the_planned_ftes(snapshot):
    one = view_module.planned_part(snapshot.with_values(turnover_radiographer_pct=5.0, turnover_rise_pp=2.0))
    other = view_module.planned_part(snapshot.with_values(turnover_radiographer_pct=11.0, turnover_rise_pp=0.0))
    assert one is other
    # the flag threshold only flags the HR history: the plan stays the one computed
    assert view_module.compute(snapshot.with_values(turnover_flag_pp=9.0)) is view_module.compute(snapshot)


def test_without_the_forecast_there_is_no_trend_and_the_overview_says_how_to_make_it(snapshot):
    view = view_module.compute(snapshot)
    assert view.trend is None and view.band is None
    section = view_module.section(snapshot)
    assert view_module.RUN_COMMAND in section.note
    assert section.tables["staff_plan"].equals(view.plan.round(3))


def test_the_fan_and_the_overview_headline_are_the_regions_radiographer_hires(snapshot):
    totals = view_module.compute(snapshot).totals
    own = totals[totals["role"] == "radiographer"]
    fan = view_module.fan(snapshot)
    assert fan["value"].tolist() == own["hires_needed"].tolist()
    assert view_module.section(snapshot).headlines[0].value.startswith(fmt_number(own["hires_needed"].sum(), "nb"))


def test_the_headline_shows_no_delta_at_the_defaults_and_the_change_when_a_slider_moved(snapshot):
    view = view_module.compute(snapshot)
    same = view_module.headline(view.plan, view.baseline, "radiographer", "nb")
    assert same[0].value == fmt_number(_hires(view.plan), "nb", 0)
    assert all(m.delta is None for m in same)
    moved = view_module.compute(snapshot.with_values(turnover_radiographer_pct=12.0))
    metrics = view_module.headline(moved.plan, moved.baseline, "radiographer", "nb")
    assert metrics[0].delta == fmt_number(_hires(moved.plan) - _hires(moved.baseline), "nb", 1, signed=True)
    assert metrics[0].delta.startswith("+")


def test_the_hr_file_gives_flags_on_the_threshold_and_a_broken_file_its_error(snapshot, data_copy):
    hr = load_optional("staff_turnover", snapshot.data_dir)[0]
    for threshold in (0.5, 4.0):
        turnover = view_module.hr_part(snapshot.with_values(turnover_flag_pp=threshold))
        expected = staffing.turnover_tables(hr, threshold)
        assert turnover.error is None
        assert turnover.flags.equals(expected["turnover_flags"])
        assert turnover.history.equals(expected["turnover_history"])

    path = data_copy / "staff_turnover.csv"
    lines = path.read_text().splitlines()
    cells = lines[1].split(",")
    cells[3] = "999"  # leavers far above the staff
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n")
    broken = view_module.hr_part(snapshot_for("nb", data_dir=data_copy, forecasts_dir=snapshot.forecasts_dir))
    assert broken.flags is None and "more leavers than staff" in broken.error

    path.unlink()
    missing = view_module.hr_part(snapshot_for("nb", data_dir=data_copy, forecasts_dir=snapshot.forecasts_dir))
    assert missing == view_module.Turnover()
