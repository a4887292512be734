"""Notebook 00 publishes the activity, the runner builds it first, and one growth value moves every consumer."""

from __future__ import annotations

import threading
import time

import pytest

from imaging_plan import paths
from imaging_plan.planning import assumptions, physicians, workload
from imaging_plan.pipeline import runner, store
from imaging_plan.data.inputs import load_inputs


def test_the_activity_notebook_writes_forecasts_activity():
    assert runner.forecast_name(paths.NOTEBOOKS_DIR / "00_project_activity.ipynb") == "activity"
    assert runner.notebooks()[0].name == "00_project_activity.ipynb"  # first in run order


def test_with_jobs_the_activity_is_built_before_the_notebooks_that_read_it(tmp_path, monkeypatch):
    order, running = [], []
    lock = threading.Lock()

    def fake_run(notebook, parameters, output_dir, progress=True):
        with lock:
            running.append(notebook.stem)
            order.append((notebook.stem, tuple(running)))
        time.sleep(0.05)
        with lock:
            running.remove(notebook.stem)
        return tmp_path / f"{notebook.stem}.ipynb"

    monkeypatch.setattr(runner, "run_notebook", fake_run)
    code = runner.run_all(
        only=["00", "01", "03", "04"], output_dir=tmp_path, progress=False, jobs=3, out=open("/dev/null", "w")
    )
    assert code == 0
    assert order[0] == ("00_project_activity", ("00_project_activity",))  # alone, and first
    assert {stem for stem, _ in order[1:]} == {
        "01_forecast_physician_ftes",
        "03_forecast_radiographer_turnover",
        "04_forecast_equipment_replacement",
    }


@pytest.fixture(scope="module")
def two_runs(built_forecasts, tmp_path_factory):
    """The activity and its three consumers at the defaults (the run's shared build) and with CT use at 8 %/year.

    The second run also makes the physicians' need from the workload, so the radiologists follow the
    exams; the defaults' workload need is computed in process to compare with it.
    """
    out = tmp_path_factory.mktemp("fast_ct")
    code = runner.run_all(
        only=["00", "01", "03", "04"],
        # Notebook 03's trends by drift (no Prophet fit): its plan follows the workload, not the trend.
        parameters={"need_method": "workload", "growth_ct_pct": 8, "min_prophet_points": 99},
        output_dir=out,
        progress=False,
    )
    assert code == 0, f"the run failed: see {out / '_runs'}"
    return {"default": built_forecasts, "fast_ct": out}


def _need_2040(need):
    return need.query("year == 2040 and specialty == 'radiology'")["need"].sum()


def _workload_need_2040(out):
    """The defaults' radiology need in 2040 made from the workload, as notebook 01 makes it (in process)."""
    tables = load_inputs(paths.DATA_DIR, workload.TABLES)[0]
    values = {**assumptions.defaults(tables), "population_scenario": "MMMM", "need_method": "workload"}
    return _need_2040(physicians.physician_need(tables, values))


def _read(out, name):
    return store.read_forecast(out, name)


@pytest.mark.slow
def test_growth_ct_moves_radiologists_radiographers_and_ct_units_through_the_notebooks(two_runs):
    at = {}
    for run, out in two_runs.items():
        activity = _read(out, "activity").tables["activity"]
        need = _read(out, "physician_ftes").tables["need"]
        plan = _read(out, "radiographer_turnover").tables["plan"]
        machines = _read(out, "equipment_replacement").tables["machines"]
        at[run] = {
            "ct_exams": activity.query("year == 2040 and modality == 'CT'")["exams"].sum(),
            "radiologists": _workload_need_2040(out) if run == "default" else _need_2040(need),
            "radiographers": plan.query("year == 2040 and role == 'radiographer'")["fte"].sum(),
            "ct_units": machines.query("year == 2040 and modality == 'CT'")["units_needed"].sum(),
            "mr_units": machines.query("year == 2040 and modality == 'MR'")["units_needed"].sum(),
        }
        manifest = _read(out, "activity").manifest
        assert list(activity.columns) == ["year", "modality", "sector", "exams"]
        assert manifest["parameters"]["growth_ct_pct"] == (8 if run == "fast_ct" else 3.0)
    for key in ("ct_exams", "radiologists", "radiographers", "ct_units"):
        assert at["fast_ct"][key] > at["default"][key], key
    assert at["fast_ct"]["mr_units"] == pytest.approx(at["default"]["mr_units"])  # only CT moved


@pytest.mark.slow
def test_the_notebooks_publish_the_workload_beside_the_counted_ftes(two_runs):
    out = two_runs["default"]
    implied = _read(out, "physician_ftes").tables["implied"].set_index("group")
    assert 0 < implied.loc["radiology", "ratio"] < 1  # shown as a ratio, not scaled away
    backcast = _read(out, "physician_ftes").tables["need_backcast"]
    assert set(backcast["method"]) == {"index", "workload"}
    education = _read(out, "radiographer_turnover").tables["education"]
    assert (education["places"] >= education["hires"]).all()
    growth = _read(out, "equipment_replacement").tables["fleet_growth"]
    assert growth.query("modality == 'CT'")["units_added"].sum() > 0  # CT need outgrows like for like
