"""The Model quality page's view without Streamlit: the stored backtest, kept runs and the backcast."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from types import MappingProxyType

import pytest
from test_quality_app import _physician_forecast, stored  # noqa: F401  (a real backtest, stored as notebook 05 does)

from imaging_plan import paths
from imaging_plan.app.shell import snapshot_for
from imaging_plan.data import codes, inputs
from imaging_plan.pipeline import runs, store
from imaging_plan.views import cache
from imaging_plan.views import quality


def _with_forecast(snapshot, forecast):
    """Return `snapshot` with `forecast` in place of its stored one, as a new version (a new cache key)."""
    versions = tuple((n, v) for n, v in snapshot.forecast_versions if n != forecast.name) + ((forecast.name, "new"),)
    forecasts = MappingProxyType({**snapshot.forecasts, forecast.name: forecast})
    return replace(snapshot, forecasts=forecasts, forecast_versions=versions)


def test_the_view_reads_the_stored_backtest(stored):  # noqa: F811
    snapshot = snapshot_for("en", forecasts_dir=stored[0])
    view = quality.compute(snapshot)
    winners = stored[1]["winners"]
    assert list(view.measured) == winners[winners["winner"].notna()]["series_id"].tolist()
    assert view.first_series == quality.FIRST_SERIES and view.first_series in view.measured
    assert len(view.detail) == len(stored[1]["accuracy"])
    backtest = snapshot.forecast(quality.BACKTEST)
    stricter = replace(backtest, manifest={**backtest.manifest, "parameters": {"mape_min_actual": 12.5}})
    assert quality.compute(_with_forecast(snapshot, stricter)).mape_min_actual == 12.5


def test_no_slider_changes_the_view_but_the_language_does(stored):  # noqa: F811
    cache.clear()
    snapshot = snapshot_for("en", forecasts_dir=stored[0])
    view = quality.compute(snapshot)
    assert quality.compute(snapshot.with_values(horizon=snapshot.scenario["horizon"] + 5)) is view
    norwegian = quality.compute(replace(snapshot, lang="nb"))
    assert norwegian.reading != view.reading and len(norwegian.reading) == len(view.reading)


def test_the_chart_draws_the_chosen_methods(stored):  # noqa: F811
    snapshot = snapshot_for("en", forecasts_dir=stored[0])
    one = quality.chart_spec(snapshot, quality.FIRST_SERIES, ("naive",))
    two = quality.chart_spec(snapshot, quality.FIRST_SERIES, ("naive", "prophet"))
    label = quality.method_label("prophet", "en")
    assert label not in str(one) and label in str(two)
    assert quality.chart_spec(snapshot, quality.FIRST_SERIES, ("naive",)) is one  # built once, shared


def test_kept_runs_compare_with_the_current_one(tmp_path):
    snapshot = snapshot_for("en", forecasts_dir=tmp_path)
    assert quality.history(snapshot) is None
    _physician_forecast(tmp_path)
    runs.snapshot_run(tmp_path, when=datetime(2026, 1, 1, tzinfo=timezone.utc))
    same = quality.history(snapshot_for("en", forecasts_dir=tmp_path))
    assert len(same.runs) == 1 and same.default == 0
    _physician_forecast(tmp_path, gap_shift=10.0)
    now = snapshot_for("en", forecasts_dir=tmp_path)
    kept = quality.history(now)
    compared = quality.comparison(now, kept.runs[kept.default])
    changes = compared.changes.set_index("Headline figure")
    assert changes.loc["Gap 2040, Radiology (FTEs)", "Change"] == pytest.approx(10.0)
    assert "Forecast" in compared.reasons.columns


def test_the_backcast_shows_each_specialty_and_the_last_years_errors(tmp_path):
    from imaging_plan.planning import planning_backcast

    assert quality.backcast(snapshot_for("en", forecasts_dir=tmp_path)) is None
    tables, hashes = inputs.load_inputs(paths.DATA_DIR, ("physician_ftes", "staff_ftes"))
    scenario = {"exit_rate_pct": 3.3, "training_years": 5, "resident_growth_pct": 0.0}
    rows = planning_backcast.backcast(tables, [2020, 2019], scenario, None)
    manifest = store.build_manifest(quality.PLANNING_BACKCAST, "06.ipynb", scenario, hashes, paths.DATA_DIR)
    store.write_forecast(tmp_path, quality.PLANNING_BACKCAST, {"planning_backcast": rows}, manifest)
    view = quality.backcast(snapshot_for("en", forecasts_dir=tmp_path))
    assert view.origins == "2019, 2020"
    assert view.specialties == tuple(s for s in codes.SPECIALTIES if s in set(rows["series"]))
    assert view.last_year == rows["year"].max()
    assert len(view.errors) == (rows["year"] == rows["year"].max()).sum()
