"""Run history: full runs are kept, and a run compares with an earlier one figure by figure."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from imaging_plan.pipeline import build, run_history, runner, store
from imaging_plan.pipeline import runs as kept_runs
from imaging_plan.pipeline.store import Forecast


def _plan(gap_radiology: float, gap_nm: float = 5.0) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "specialty": ["radiology", "nuclear_medicine"] * 2,
            "year": [2025, 2025, 2040, 2040],
            "gap": [0.0, 0.0, gap_radiology, gap_nm],
        }
    )


def _trend(value: float) -> pd.DataFrame:
    return pd.DataFrame({"specialty": ["radiology"], "series": ["total"], "year": [2040], "trend": [value]})


def _forecast(name, tables, inputs=None, parameters=None, code="c1", created="2026-01-01T00:00:00+00:00"):
    manifest = {
        "inputs": inputs or {"physician_ftes.csv": "h1"},
        "parameters": parameters or {"horizon": 2040},
        "code_sha256": code,
        "created_utc": created,
    }
    return Forecast(name, Path("."), tables, manifest)


def test_physician_headlines_are_the_gap_and_trend_at_the_horizon():
    figures = run_history.physician_headlines({"plan": _plan(120.0), "trend": _trend(800.0)}).set_index("figure")
    assert figures.loc["gap:radiology:2040", "value"] == 120.0
    assert figures.loc["gap:nuclear_medicine:2040", "value"] == 5.0
    assert figures.loc["trend:radiology:2040", "value"] == 800.0
    assert figures.loc["gap:radiology:2040", "label_en"] == "Gap 2040, Radiology (FTEs)"
    assert figures.loc["gap:radiology:2040", "label_nb"] == "Gap 2040, Radiologi (årsverk)"


def test_backtest_headlines_are_pooled_mase_wins_and_coverage():
    pooled = pd.DataFrame(
        {"method": ["naive", "prophet"], "mase_all": [1.5, 1.9], "series_won": [20, 3], "coverage": [0.8, 0.6]}
    )
    figures = run_history.backtest_headlines({"pooled": pooled}).set_index("figure")["value"]
    assert figures.to_dict() == {"mase:naive": 1.5, "mase:prophet": 1.9, "wins:prophet": 3.0, "coverage:prophet": 60.0}


def test_backtest_headlines_keep_the_default_lines_scores_pooled_and_per_family():
    pooled = pd.DataFrame(
        {"method": ["naive", "default"], "mase_all": [1.5, 1.4], "series_won": [20, None], "coverage": [0.8, 0.78]}
    )
    by_family = pd.DataFrame(
        {
            "family": ["staff", "staff", "inflow"],
            "method": ["default", "naive", "default"],
            "mase_all": [1.1, 1.2, 1.3],
            "coverage": [0.75, 0.9, 0.5],
        }
    )
    figures = run_history.backtest_headlines({"pooled": pooled, "pooled_by_family": by_family})
    values = figures.set_index("figure")["value"].to_dict()
    assert values == {
        "mase:naive": 1.5,
        "mase:default": 1.4,
        "coverage:default": 78.0,
        "mase:default:staff": 1.1,
        "coverage:default:staff": 75.0,
        "mase:default:inflow": 1.3,
        "coverage:default:inflow": 50.0,
    }
    assert "Pooled MASE, default line, Staff" in figures["label_en"].tolist()


def test_headline_changes_between_two_runs():
    earlier = {"physician_ftes": _forecast("physician_ftes", {"plan": _plan(100.0)})}
    current = {
        "physician_ftes": _forecast("physician_ftes", {"plan": _plan(130.0)}),
        "other": _forecast("other", {}),
    }  # no headline function: compared on its manifest only
    changes = run_history.compare_headlines(current, earlier).set_index("figure")
    assert changes.loc["gap:radiology:2040", ["earlier", "current", "change"]].tolist() == [100.0, 130.0, 30.0]
    assert changes.loc["gap:nuclear_medicine:2040", "change"] == 0.0


def test_a_figure_only_one_run_has_shows_as_missing_on_the_other_side():
    earlier = {"physician_ftes": _forecast("physician_ftes", {"plan": _plan(100.0)})}
    current = {"physician_ftes": _forecast("physician_ftes", {"plan": _plan(100.0), "trend": _trend(700.0)})}
    row = run_history.compare_headlines(current, earlier).set_index("figure").loc["trend:radiology:2040"]
    assert pd.isna(row["earlier"]) and row["current"] == 700.0 and row["label_en"].startswith("Default line")


def test_runs_say_whether_data_parameters_or_code_changed():
    earlier = {
        "physician_ftes": _forecast(
            "physician_ftes",
            {},
            inputs={"physician_ftes.csv": "h1"},
            parameters={"horizon": 2040, "exit_rate_pct": 3.3},
        ),
        "gone": _forecast("gone", {}),
    }
    current = {
        "physician_ftes": _forecast(
            "physician_ftes",
            {},
            inputs={"physician_ftes.csv": "h2"},
            parameters={"horizon": 2040, "exit_rate_pct": 4.0},
            code="c2",
        )
    }
    why = run_history.compare_runs(current, earlier).set_index("forecast")
    assert why.loc["physician_ftes", "data_changed"] == "physician_ftes.csv"
    assert why.loc["physician_ftes", "parameters_changed"] == "exit_rate_pct: 3.3 → 4.0"
    assert bool(why.loc["physician_ftes", "code_changed"]) is True
    assert pd.isna(why.loc["gone", "made_current"]) and why.loc["gone", "made_earlier"]


def test_same_run_shows_no_change():
    run = {"physician_ftes": _forecast("physician_ftes", {"plan": _plan(100.0)})}
    why = run_history.compare_runs(run, run).iloc[0]
    assert why["data_changed"] == "" and why["parameters_changed"] == "" and not why["code_changed"]
    assert (run_history.compare_headlines(run, run)["change"] == 0).all()


# --- the runner keeps full runs only -----------------------------------------------------------


@pytest.fixture
def fake_notebooks(tmp_path, monkeypatch):
    """Two notebooks whose 'run' writes a small forecast: the runner's bookkeeping without papermill."""
    books = [tmp_path / "01_forecast_alpha.ipynb", tmp_path / "05_backtest_beta.ipynb"]
    for book in books:
        book.write_text("{}")
    monkeypatch.setattr(
        runner, "notebooks", lambda only=None: [b for b in books if not only or any(b.stem.startswith(o) for o in only)]
    )
    monkeypatch.setattr(runner, "declared_parameters", lambda nb: {"data_dir": {}, "output_dir": {}})

    def run(notebook, parameters, output_dir, progress=True):
        name = runner.forecast_name(notebook)
        store.write_forecast(
            output_dir,
            name,
            {"t": pd.DataFrame({"a": [1]})},
            store.build_manifest(name, notebook, {}, {}, Path(parameters["data_dir"]), requested={}),
        )
        return notebook

    monkeypatch.setattr(runner, "run_notebook", run)
    return tmp_path / "out"


def test_a_full_run_is_kept_and_a_partial_or_idle_one_is_not(fake_notebooks, capsys):
    out = fake_notebooks
    assert runner.run_all(output_dir=out, progress=False) == 0
    runs = kept_runs.list_runs(out)
    assert len(runs) == 1 and sorted(kept_runs.read_run(out, runs[0])) == ["alpha", "backtest_beta"]
    assert "the last 20 runs are kept" in capsys.readouterr().out
    assert runner.run_all(only=["01"], output_dir=out, progress=False) == 0
    assert kept_runs.list_runs(out) == runs  # --only: not a full run
    assert runner.run_all(output_dir=out, if_stale=True, progress=False) == 0
    assert kept_runs.list_runs(out) == runs  # nothing was rebuilt: nothing new to keep


def test_headlines_keep_the_registry_order():
    run = {"physician_ftes": _forecast("physician_ftes", {"plan": _plan(100.0), "trend": _trend(700.0)})}
    figures = run_history.compare_headlines(run, run)["figure"].tolist()
    assert figures == ["gap:radiology:2040", "gap:nuclear_medicine:2040", "trend:radiology:2040"]


def test_if_stale_rebuilds_what_was_made_with_other_parameters(tmp_path, monkeypatch):
    import json

    book = tmp_path / "01_forecast_alpha.ipynb"
    book.write_text(
        json.dumps(
            {
                "cells": [
                    {
                        "cell_type": "code",
                        "metadata": {"tags": ["parameters"]},
                        "source": "horizon: int = 2040\n",
                        "outputs": [],
                    }
                ]
            }
        )
    )
    monkeypatch.setattr(runner, "notebooks", lambda only=None: [book])
    monkeypatch.setattr(runner, "declared_parameters", lambda nb: {"data_dir": {}, "output_dir": {}, "horizon": {}})
    built = []

    def run(notebook, parameters, output_dir, progress=True):  # what the notebook records, as it would
        built.append(parameters.get("horizon", 2040))
        requested = {"horizon": parameters.get("horizon", 2040)}
        store.write_forecast(
            output_dir,
            "alpha",
            {"t": pd.DataFrame({"a": [1]})},
            store.build_manifest("alpha", notebook, requested, {}, Path(parameters["data_dir"]), requested=requested),
        )
        return notebook

    monkeypatch.setattr(runner, "run_notebook", run)
    out = tmp_path / "out"
    assert runner.run_all(output_dir=out, parameters={"horizon": 2045}, progress=False) == 0
    assert runner.run_all(output_dir=out, parameters={"horizon": 2045}, if_stale=True, progress=False) == 0
    assert built == [2045]  # the same parameters: current
    assert runner.run_all(output_dir=out, if_stale=True, progress=False) == 0
    assert built == [2045, 2040]  # back to the defaults: rebuilt


# --- one build of a forecast at a time; what reaches the notebooks -----------------------------------


@pytest.mark.slow
def test_a_run_is_refused_naming_the_run_that_builds_the_same_forecast(fake_notebooks, tmp_path, capsys):
    import os
    import signal
    import subprocess
    import sys
    import time

    from imaging_plan import paths

    out, held = fake_notebooks, tmp_path / "held"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom imaging_plan.pipeline import build\n"
            "with build.build_lock(sys.argv[1], 'backtest_beta', command='make app (background)'):\n"
            "    open(sys.argv[2], 'w').write('held'); time.sleep(60)",
            str(out),
            str(held),
        ],
        env={**os.environ, "PYTHONPATH": str(paths.PROJECT_ROOT)},
    )
    try:
        deadline = time.time() + 60
        while not held.exists():
            assert holder.poll() is None and time.time() < deadline
            time.sleep(0.05)
        assert runner.run_all(output_dir=out, progress=False) == runner.BUSY
        said = capsys.readouterr().out
        assert (
            f"[2/2] 05_backtest_beta.ipynb: refused: forecast 'backtest_beta' is being built by another "
            f"run: pid {holder.pid}"
            in said
            and "make app (background)" in said
        )
        assert store.read_forecast(out, "alpha")  # the free one was built first
        assert kept_runs.list_runs(out) == []  # an incomplete run is not kept
        # the fast notebooks build while the backtest is busy elsewhere
        assert runner.run_all(output_dir=out, skip=["05"], progress=False) == 0
        assert kept_runs.list_runs(out) == []  # --skip: not a full run
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(30)
    assert runner.run_all(output_dir=out, if_stale=True, progress=False) == 0
    assert "took over the lock of a run that is gone" in capsys.readouterr().out
    assert build.build_status(out, "backtest_beta")["state"] == "done"
    assert len(kept_runs.list_runs(out)) == 1


def test_workers_and_scheduler_reach_only_the_notebooks_that_declare_them(tmp_path, monkeypatch, capsys):
    books = [tmp_path / "01_forecast_alpha.ipynb", tmp_path / "05_backtest_beta.ipynb"]
    monkeypatch.setattr(
        runner, "notebooks", lambda only=None: [b for b in books if not only or any(b.stem.startswith(o) for o in only)]
    )
    declared = {
        "01_forecast_alpha": {"data_dir": {}, "output_dir": {}},
        "05_backtest_beta": {"data_dir": {}, "output_dir": {}, "workers": {}, "scheduler": {}},
    }
    monkeypatch.setattr(runner, "declared_parameters", lambda nb: declared[nb.stem])
    got = {}

    def run(notebook, parameters, output_dir, progress=True):
        got[notebook.stem] = {k: v for k, v in parameters.items() if k not in ("data_dir", "output_dir")}
        return notebook

    monkeypatch.setattr(runner, "run_notebook", run)
    assert runner.run_all(output_dir=tmp_path / "out", progress=False, workers=2, scheduler="tcp://127.0.0.1:8786") == 0
    assert got == {"01_forecast_alpha": {}, "05_backtest_beta": {"workers": 2, "scheduler": "tcp://127.0.0.1:8786"}}
    assert runner.run_all(only=["01"], output_dir=tmp_path / "out", progress=False, workers=2) == 0  # not refused
    assert runner.main(["--only", "05", "--output-dir", str(tmp_path / "out"), "--no-progress", "--workers", "1"]) == 0
    assert got["05_backtest_beta"] == {"workers": 1}
    with pytest.raises(SystemExit):
        runner.main(["--scheduler", "localhost:8786"])
    assert "expected an address such as tcp://" in capsys.readouterr().err


def test_two_notebooks_at_a_time_build_both_and_a_failure_fails_the_run(fake_notebooks, monkeypatch, capsys):
    import threading

    out = fake_notebooks
    started, both = [], threading.Barrier(2, timeout=30)
    fake = runner.run_notebook

    def run(notebook, parameters, output_dir, progress=True):
        started.append(notebook.stem)
        both.wait()  # returns only when the two run at the same time
        return fake(notebook, parameters, output_dir, progress)

    monkeypatch.setattr(runner, "run_notebook", run)
    assert runner.run_all(output_dir=out, progress=False, jobs=2) == 0
    assert sorted(started) == ["01_forecast_alpha", "05_backtest_beta"] and len(kept_runs.list_runs(out)) == 1

    def fail_one(notebook, parameters, output_dir, progress=True):
        if notebook.stem.startswith("01"):
            raise RuntimeError("cell 3 raised")
        return fake(notebook, parameters, output_dir, progress)

    monkeypatch.setattr(runner, "run_notebook", fail_one)
    assert runner.run_all(output_dir=out, progress=False, jobs=2) == 1
    said = capsys.readouterr().out
    assert "01_forecast_alpha.ipynb: FAILED" in said and "05_backtest_beta.ipynb: done" in said
    assert len(kept_runs.list_runs(out)) == 1  # a run with a failure is not kept
    assert build.build_status(out, "alpha")["state"] == "failed"
    assert build.build_status(out, "alpha")["message"] == "cell 3 raised"
