"""The physicians page's view without Streamlit: the planning's numbers, the sliders' directions, no forecast."""

from __future__ import annotations

import pandas as pd
import pytest

from imaging_plan.app.shell import snapshot_for
from imaging_plan.planning import physicians
from imaging_plan.views import cache
from imaging_plan.views import physicians as view_of


@pytest.fixture
def snapshot(tmp_path):
    """The shipped data, no stored forecasts, the defaults."""
    cache.clear()
    return snapshot_for("nb", forecasts_dir=tmp_path / "none")


def _at(plan: pd.DataFrame, specialty: str, year: int, column: str) -> float:
    return float(plan.loc[(plan["specialty"] == specialty) & (plan["year"] == year), column].iloc[0])


def test_the_plan_is_the_planning_models_for_the_scenario(snapshot):
    own = snapshot.with_values(exit_rate_pct=4.0, recruitment_radiology_extra_fte=2.0, need_method="workload")
    view = view_of.compute(own)
    expected = physicians.physician_plan(own.tables, dict(own.scenario))
    pd.testing.assert_frame_equal(view.plan.reset_index(drop=True), expected.reset_index(drop=True))
    assert view.years[-1] == view.horizon == int(own.scenario["horizon"])


@pytest.mark.parametrize(
    ("key", "value", "sign"),
    [("exit_rate_pct", 6.0, 1), ("recruitment_radiology_extra_fte", 5.0, -1), ("unmet_need_pct", 20.0, 1)],
)
def test_a_slider_moves_the_radiology_gap_at_the_horizon_in_its_direction(snapshot, key, value, sign):
    before = view_of.compute(snapshot)
    after = view_of.compute(snapshot.with_values(**{key: value}))
    assert value != snapshot.scenario[key]
    horizon = before.horizon
    change = _at(after.plan, "radiology", horizon, "gap") - _at(before.plan, "radiology", horizon, "gap")
    assert change * sign > 0
    # the headline (the draws' median) moves the same way
    assert (after.headline("radiology", horizon)["p50"] - before.headline("radiology", horizon)["p50"]) * sign > 0


def test_without_the_stored_forecast_there_is_no_trend_and_no_band_sentence(snapshot):
    view = view_of.compute(snapshot)
    assert view.trend is None
    assert view.exits == {s: None for s in view.specialties}


def test_people_columns_divide_by_the_ftes_per_person(snapshot):
    view = view_of.compute(snapshot)
    shown = view_of.with_people(view.plan, {"fte_per_person_physician": 0.8})
    assert shown["exits_people"].to_numpy() == pytest.approx(view.plan["exits"].to_numpy() / 0.8)
    table = view_of.plan_table(shown, "en")
    assert "Specialty" in table.columns and set(table.iloc[:, 0]) == {"Radiology", "Nuclear medicine"}


def test_the_need_parts_follow_the_use_growth(snapshot):
    low = view_of.need_parts(snapshot.with_values(use_growth_pct=0.0))
    high = view_of.need_parts(snapshot.with_values(use_growth_pct=2.0))
    assert low.horizon == high.horizon == int(snapshot.scenario["horizon"])
    assert low.text != high.text
    assert not low.lines.equals(high.lines)


def test_the_recruitment_derivation_reads_only_its_three_values(snapshot):
    first = view_of.recruitment(snapshot)
    assert view_of.recruitment(snapshot.with_values(unmet_need_pct=25.0)) is first  # not read: the same entry
    other = view_of.recruitment(snapshot.with_values(exit_rate_pct=5.0))
    assert other is not first
    # more exits need more inflow for the same history, so more is recruited
    assert other.rows["recruited"].sum() > first.rows["recruited"].sum()
    table = view_of.recruitment_table(first.rows, "en")
    assert list(table.columns[:2]) == ["Specialty", "Year"]


def test_the_board_section_and_fan_are_the_views_numbers(snapshot):
    view = view_of.compute(snapshot)
    section = view_of.section(snapshot)
    pd.testing.assert_frame_equal(section.tables["physician_plan"], view.plan.round(3))
    band = view_of.fan_band(snapshot)
    assert (band["lower"] <= band["upper"]).all()
    from dataclasses import replace

    assert view_of.section(replace(snapshot, data_error="broken")) is None
