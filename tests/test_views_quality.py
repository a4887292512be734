"""The Model quality page's view without Streamlit: kept runs and the backcast.

The view of the stored backtest is tested in test_quality_app.py, beside the backtest it builds once.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from test_quality_app import _physician_forecast

from imaging_plan import paths
from imaging_plan.app.shell import snapshot_for
from imaging_plan.data import codes, inputs
from imaging_plan.pipeline import runs, store
from imaging_plan.views import quality


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
