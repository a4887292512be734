"""The Model quality page while the backtest builds in the background: progress, then the page fills in."""

from __future__ import annotations

import os
import re
import time


from conftest import open_page
from imaging_plan.forecasting import backtesting, baselines, trends
from imaging_plan.pipeline import build, store
from imaging_plan.app import build_progress

BACKTEST = "backtest_forecasts"


def test_progress_text_says_seconds_left_and_fits_or_time_spent():
    status = {"state": "running", "done": 120, "total": 1225, "seconds_left": 95, "elapsed_s": 30}
    assert (
        build_progress.progress_text(status, "en", "Model quality")
        == "Model quality: being computed, about 95 s left (120 of 1,225 model fits done)."
    )
    assert (
        build_progress.progress_text(status, "nb", "Modellkvalitet")
        == "Modellkvalitet: beregnes, om lag 95 s igjen (120 av 1\u00a0225 modelltilpasninger ferdige)."
    )
    assert (
        build_progress.progress_text({**status, "seconds_left": 400, "total": None}, "en", "Model quality")
        == "Model quality: being computed, about 7 min left."
    )  # 6.7 minutes
    assert build_progress.duration(119, "nb") == "119 s" and build_progress.duration(120, "nb") == "2 min"
    unknown = {**status, "seconds_left": None, "elapsed_s": 12.4}
    assert (
        build_progress.progress_text(unknown, "en", "Model quality")
        == "Model quality: being computed (started 12 s ago)."
    )


def _running(out, done, total, fits_for_s):
    build.start_progress(out, BACKTEST)  # this process stands in for the runner: alive
    build.write_progress(
        out,
        BACKTEST,
        done=done,
        total=total,
        first_done=0 if done else None,
        first_done_at=time.time() - fits_for_s if done else None,
    )


def test_while_the_backtest_builds_the_page_shows_progress_instead_of_how_to_make_it(tmp_path, monkeypatch):
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path))
    _running(tmp_path, done=400, total=500, fits_for_s=20)  # 400 fits in 20 s: 100 left take 5 s, + the write
    fits_started = build.read_progress(tmp_path, BACKTEST)["first_done_at"]
    before = time.time()
    at = open_page("quality", {"lang": "en"})
    after = time.time()
    assert not at.exception
    info = "\n".join(i.value for i in at.info)
    # the page reads the record a few seconds later than it was written: the rate it sees is lower
    lowest, highest = ((t - fits_started) / 400 * 100 + build.TAIL_S for t in (before, after))
    said = re.search(r"Model quality: being computed, about (\d+) s left \(400 of 500 model fits done\)", info)
    assert said and lowest - 1 <= int(said.group(1)) <= highest + 1 and lowest >= 10
    assert "other pages work meanwhile" in info
    assert "has not been made yet" not in info

    # it ends without a forecast (failed): the page says so and how to see why
    build.finish_progress(tmp_path, BACKTEST, ok=False, message="ValueError: bad data")
    at = open_page("quality", {"lang": "en"})
    assert any("the last build failed (ValueError: bad data)" in w.value for w in at.warning)
    assert any("has not been made yet" in i.value for i in at.info)


def _small_backtest(out, shipped_ftes):
    """A backtest stored as notebook 05 does, on one series, with the drift method standing in for Prophet."""
    settings = trends.TrendSettings()
    methods = {**baselines.forecast_methods(settings, prophet=False), "prophet": baselines.drift_forecast}
    series = backtesting.physician_series(shipped_ftes)
    series = series[series["series_id"] == "physicians:radiology:total"]
    forecasts = backtesting.rolling_origin(series, methods)
    winners = backtesting.winners(forecasts, backtesting.overview(series))
    store.write_forecast(
        out,
        BACKTEST,
        {
            "series": series,
            "forecasts": forecasts,
            "accuracy": backtesting.accuracy(forecasts),
            "winners": winners,
            "pooled": backtesting.pooled(forecasts, winners),
            "prophet_grid": backtesting.grid_table(forecasts, {settings.label: settings}, settings),
            "forward": backtesting.forward(series, baselines.forecast_methods(settings, prophet=False), 2050),
        },
        store.build_manifest(BACKTEST, "05_backtest_forecasts.ipynb", {"mape_min_actual": 5.0}, {}, out),
    )


def test_a_rebuild_shows_the_previous_backtest_meanwhile(tmp_path, monkeypatch, shipped_ftes):
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path))
    _small_backtest(tmp_path, shipped_ftes)
    _running(tmp_path, done=0, total=None, fits_for_s=0)
    status = build.build_status(tmp_path, BACKTEST)
    assert status["state"] == "running" and status["pid"] == os.getpid()
    at = open_page("quality", {"lang": "en"})
    assert not at.exception
    infos = "\n".join(i.value for i in at.info)
    assert "Model quality: being computed (started" in infos
    assert any("Until then the previous result is shown." in c.value for c in at.caption)
    assert len(at.dataframe) >= 2  # the previous backtest's tables are on the page

    build.finish_progress(tmp_path, BACKTEST, ok=True)  # done: no notice left
    at = open_page("quality", {"lang": "en"})
    assert not at.exception and not any("being computed" in i.value for i in at.info)
