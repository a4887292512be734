"""The inflow page's view without Streamlit: the planning's numbers, the sliders' directions, no forecast."""

from __future__ import annotations

import pandas as pd
import pytest

from imaging_plan.app.shell import snapshot_for
from imaging_plan.i18n import t
from imaging_plan.planning import physicians, specialist_inflow
from imaging_plan.views import cache
from imaging_plan.views import inflow as view_of
from imaging_plan.views import model as model_view


@pytest.fixture
def snapshot(tmp_path):
    """The shipped data, no stored forecasts, the defaults."""
    cache.clear()
    return snapshot_for("nb", forecasts_dir=tmp_path / "none")


def _mean(plan: pd.DataFrame, specialty: str, column: str) -> float:
    return float(plan.loc[plan["specialty"] == specialty, column].mean())


def test_the_plan_is_the_planning_functions_for_the_whole_scenario(snapshot):
    own = snapshot.with_values(approvals_radiology=30.0, region_share_pct=40.0, exit_rate_pct=4.0)
    view = view_of.compute(own)
    scenario = dict(own.scenario)  # every value, where the view hands on its declared ones
    model = model_view.model_of(own)
    hist = physicians.histories(own.tables["physician_ftes"])
    plan = specialist_inflow.inflow_plan(hist, model.need, scenario, None, None, physician_plan=model.plan)
    pd.testing.assert_frame_equal(view.plan, plan)
    pipeline = specialist_inflow.resident_pipeline(hist, plan, scenario, physician_plan=model.plan)
    pd.testing.assert_frame_equal(view.pipeline, pipeline)
    pd.testing.assert_frame_equal(view.figures, specialist_inflow.summary(plan, pipeline, scenario))


def test_more_approvals_or_a_larger_share_raise_the_approvals_based_supply(snapshot):
    base = _mean(view_of.compute(snapshot).plan, "radiology", "supply")
    approvals = snapshot.scenario["approvals_radiology"] + 10
    more = view_of.compute(snapshot.with_values(approvals_radiology=approvals))
    assert _mean(more.plan, "radiology", "supply") > base
    share = snapshot.scenario["region_share_pct"] + 10
    larger = view_of.compute(snapshot.with_values(region_share_pct=share))
    assert _mean(larger.plan, "radiology", "supply") > base


def test_without_the_stored_forecast_there_is_no_trend(snapshot):
    view = view_of.compute(snapshot)
    assert view.plan["trend"].isna().all()
    assert view_of.scored_exit_rate(None, 3.0) is None
    assert view_of.national_basis(None, "radiology") is None
    assert view_of.trend_note("nb", None, "radiology") is None


def test_a_deadline_before_the_base_year_is_shown_as_already_late(snapshot):
    own = snapshot.with_values(horizon=2028, training_years=6)
    view = view_of.compute(own)
    assert bool(view.figures.loc["radiology", "late"])
    assert view_of.figures_of(view, "radiology", "nb").deadline == t("already_late", "nb")
    on_time = view_of.compute(snapshot)
    assert view_of.figures_of(on_time, "radiology", "nb").deadline != t("already_late", "nb")


def test_the_fan_and_its_band_are_the_shortfall_of_the_same_model(snapshot):
    fan = view_of.fan(snapshot)
    view = view_of.compute(snapshot)
    assert fan["value"].to_numpy() == pytest.approx(view.plan["shortfall_planned"].to_numpy())
    band = view_of.fan_band(snapshot)
    assert (band["lower"] <= band["upper"]).all()
    rows = view_of.overview_rows(view, "nb")
    planned = rows[rows["series"] == t("ov_inflow_planned", "nb")]
    assert planned["lower"].notna().any() and (planned["lower"] <= planned["upper"]).all()
