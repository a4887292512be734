"""The notebooks' shared open and close steps: checked inputs in, a whole forecast with its manifest out."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from imaging_plan import paths
from imaging_plan.pipeline import notebook_run, store
from imaging_plan.planning.assumptions import AssumptionError
from imaging_plan.planning.demand import DemandError
from imaging_plan.data.schemas import InputDataError
from imaging_plan.forecasting.trends import TrendSettings

PARAMETERS = """data_dir: str = "data"  # inputs
output_dir: str = "forecasts"  # outputs
horizon: int = 2040  # last plan year
exit_rate_pct: float = 3.3  # %/year
recruitment_window_years: int = None  # None: derived from Tabell 6 by the backcast
population_scenario: str = "MMMM"  # SSB alternative
trend_until: int = 2050  # last trend year
"""
SETTINGS = """n_changepoints: int = 5
changepoint_prior_scale: float = 5.0
interval_width: float = 0.8
seed: int = 2025
growth: str = "linear"
"""


def _notebook(folder, parameters=PARAMETERS, name="09_forecast_demo_things.ipynb"):
    """Write a notebook with a tagged parameters cell; its forecast is named after it ('demo_things')."""
    cells = [
        {
            "cell_type": "code",
            "metadata": {"tags": ["parameters"]},
            "source": parameters,
            "outputs": [],
            "execution_count": None,
        },
        {"cell_type": "code", "metadata": {}, "source": "x = 1", "outputs": [], "execution_count": None},
    ]
    path = folder / name
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def _namespace(data, out, **values):
    """What a notebook's globals() hold after papermill's injected cell: the defaults, overridden."""
    return {
        "data_dir": str(data),
        "output_dir": str(out),
        "horizon": 2040,
        "exit_rate_pct": 3.3,
        "recruitment_window_years": None,
        "population_scenario": "MMMM",
        "trend_until": 2050,
        "__name__": "__main__",
        "pd": pd,
        **values,
    }


@pytest.fixture
def data(tmp_path):
    """A data folder with Tabell 6 as shipped."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(paths.DATA_DIR / "physician_ftes.csv", folder)
    return folder


# --- open -----------------------------------------------------------------------------------------


def test_open_refuses_a_bad_table_with_the_loaders_message_naming_the_file(tmp_path, data):
    (data / "physician_ftes.csv").write_text("year,specialty,category,fte\n2025,radiology,consultant,-3\n")
    with pytest.raises(InputDataError, match="must not be negative") as err:
        notebook_run.open_run(str(_notebook(tmp_path)), _namespace(data, tmp_path / "out"), ("physician_ftes",))
    assert str(data / "physician_ftes.csv") in str(err.value)
    assert not (tmp_path / "out").exists()


def test_open_refuses_a_missing_table_and_a_broken_optional_one_naming_the_file(tmp_path, data):
    notebook = str(_notebook(tmp_path))
    with pytest.raises(InputDataError, match="staff_ftes.csv: file not found"):
        notebook_run.open_run(notebook, _namespace(data, tmp_path / "out"), ("physician_ftes", "staff_ftes"))
    (data / "staff_turnover.csv").write_text("not,the,columns\n1,2,3\n")  # present: validated, never skipped
    with pytest.raises(InputDataError, match="staff_turnover.csv"):
        notebook_run.open_run(
            notebook, _namespace(data, tmp_path / "out"), ("physician_ftes",), optional=("staff_turnover",)
        )


def test_open_refuses_an_assumption_out_of_range_and_an_unknown_population_scenario(tmp_path, data):
    notebook = str(_notebook(tmp_path))
    with pytest.raises(AssumptionError, match="parameter 'exit_rate_pct'.*outside the allowed range"):
        notebook_run.open_run(notebook, _namespace(data, tmp_path, exit_rate_pct=40.0), ("physician_ftes",))
    with pytest.raises(DemandError, match="parameter 'population_scenario'"):
        notebook_run.open_run(notebook, _namespace(data, tmp_path, population_scenario="XXXX"), ("physician_ftes",))


def test_open_resolves_folders_scenario_and_settings_from_the_notebooks_parameters(tmp_path, data):
    run = notebook_run.open_run(
        str(_notebook(tmp_path)), _namespace(data, "scratch/out", horizon=2045), ("physician_ftes",)
    )
    assert run.forecast == "demo_things" and run.data_dir == data
    assert run.output_dir == paths.PROJECT_ROOT / "scratch" / "out"  # relative: from the project root
    # Only the declared assumptions; None becomes the default derived from Tabell 6 (mean inflow 2016-2025,
    # tests/test_assumptions.py); a choice that is not an assumption is checked and joins the scenario.
    assert run.scenario == {
        "horizon": 2045,
        "exit_rate_pct": 3.3,
        "recruitment_window_years": 10,
        "population_scenario": "MMMM",
    }
    assert run.settings is None  # the notebook does not declare the Prophet settings
    assert set(run.tables) == {"physician_ftes"}
    with_settings = notebook_run.open_run(
        str(_notebook(tmp_path, PARAMETERS + SETTINGS)),
        {
            **_namespace(data, tmp_path),
            "n_changepoints": 3,
            "changepoint_prior_scale": 0.05,
            "interval_width": 0.9,
            "seed": 7,
            "growth": "flat",
        },
        ("physician_ftes",),
    )
    assert with_settings.settings == TrendSettings(
        n_changepoints=3, changepoint_prior_scale=0.05, interval_width=0.9, seed=7, growth="flat"
    )


# --- close ----------------------------------------------------------------------------------------


def test_publish_writes_the_tables_and_a_manifest_with_requested_parameters_and_assumption_values(tmp_path, data):
    notebook = _notebook(tmp_path)
    out = tmp_path / "out"
    asked = dict(horizon=2045, exit_rate_pct=4.0, population_scenario="LLML")
    run = notebook_run.open_run(str(notebook), {**_namespace(data, out, **asked), "unrelated": 1}, ("physician_ftes",))
    table = pd.DataFrame({"year": [2025, 2026], "fte": [1.5, 2.5]})
    assert run.publish({"trend": table}, derived={"origins": [2019, 2020]}) == out / "demo_things"

    forecast = store.read_forecast(out, "demo_things")
    pd.testing.assert_frame_equal(forecast.tables["trend"], table)
    m = forecast.manifest
    # What was asked for: every declared parameter but the locations, None kept as None.
    assert m["requested"] == {
        "horizon": 2045,
        "exit_rate_pct": 4.0,
        "recruitment_window_years": None,
        "population_scenario": "LLML",
        "trend_until": 2050,
    }
    # What was used: the same with the derived default filled in, plus what the notebook derived.
    assert m["parameters"] == {
        "horizon": 2045,
        "exit_rate_pct": 4.0,
        "recruitment_window_years": 10,
        "population_scenario": "LLML",
        "trend_until": 2050,
        "origins": [2019, 2020],
    }
    assert m["notebook"] == "09_forecast_demo_things.ipynb" and m["forecast"] == "demo_things"
    assert m["notebook_sha256"] == store.notebook_sha256(notebook) and m["code_sha256"] == store.code_sha256()
    assert m["inputs"] == {"physician_ftes.csv": store.file_sha256(data / "physician_ftes.csv")}
    assert m["data_dir"] == str(data)


def test_a_published_forecast_is_current_for_what_it_was_asked_and_stale_for_anything_else(tmp_path, data):
    notebook = _notebook(tmp_path)
    out = tmp_path / "out"
    notebook_run.open_run(
        str(notebook), _namespace(data, out, horizon=2045), ("physician_ftes",), optional=("specialist_approvals",)
    ).publish({"t": pd.DataFrame({"a": [1]})})
    assert store.is_stale(out, "demo_things", data, notebook, {"horizon": 2045}) is None
    assert store.is_stale(out, "demo_things", data, notebook) == "parameters differ: horizon 2045 -> 2040"
    # The optional file was recorded as absent: adding it later makes the forecast stale.
    assert store.read_forecast(out, "demo_things").manifest["inputs"]["specialist_approvals.csv"] is None
    (data / "specialist_approvals.csv").write_text("year,specialty,approvals,source\n2024,radiology,70,test\n")
    assert (
        store.is_stale(out, "demo_things", data, notebook, {"horizon": 2045})
        == "input data changed: specialist_approvals.csv"
    )


def test_an_optional_table_that_is_present_is_loaded_and_hashed(tmp_path, data):
    (data / "specialist_approvals.csv").write_text("year,specialty,approvals,source\n2024,radiology,70,test\n")
    run = notebook_run.open_run(
        str(_notebook(tmp_path)),
        _namespace(data, tmp_path / "out"),
        ("physician_ftes",),
        optional=("specialist_approvals",),
    )
    assert run.tables["specialist_approvals"]["approvals"].tolist() == [70]
    assert run.input_hashes["specialist_approvals.csv"] == store.file_sha256(data / "specialist_approvals.csv")


# --- a run that fails leaves no half-written forecast ---------------------------------------------


def test_a_run_that_fails_before_publish_leaves_the_earlier_forecast_served(tmp_path, data):
    notebook = str(_notebook(tmp_path))
    out = tmp_path / "out"
    first = notebook_run.open_run(notebook, _namespace(data, out), ("physician_ftes",))
    first.publish({"trend": pd.DataFrame({"fte": [1.0]})})
    before = store.forecast_version(out, "demo_things")

    second = notebook_run.open_run(notebook, _namespace(data, out, horizon=2045), ("physician_ftes",))
    with pytest.raises(ZeroDivisionError):  # a cell fails between open and publish
        second.tables["trend"] = pd.DataFrame({"fte": [1 / 0]})
    assert store.forecast_version(out, "demo_things") == before
    assert store.read_forecast(out, "demo_things").manifest["requested"]["horizon"] == 2040


def test_a_publish_that_fails_midway_leaves_no_half_written_version(tmp_path, data):
    notebook = str(_notebook(tmp_path))
    out = tmp_path / "out"
    notebook_run.open_run(notebook, _namespace(data, out), ("physician_ftes",)).publish(
        {"trend": pd.DataFrame({"fte": [1.0]}), "plan": pd.DataFrame({"gap": [0.0]})}
    )
    before = store.forecast_version(out, "demo_things")

    class Broken(pd.DataFrame):
        def to_csv(self, *args, **kwargs):
            raise OSError("disk full")

    run = notebook_run.open_run(notebook, _namespace(data, out, horizon=2045), ("physician_ftes",))
    with pytest.raises(OSError, match="disk full"):  # the first table is written, the second fails
        run.publish({"trend": pd.DataFrame({"fte": [9.0]}), "plan": Broken({"gap": [1.0]})})
    forecast = store.read_forecast(out, "demo_things")
    assert forecast.version == before and forecast.tables["trend"]["fte"].tolist() == [1.0]
    versions = out / store.VERSIONS / "demo_things"
    assert sorted(p.name for p in versions.iterdir() if p.name != ".publish.lock") == [before]  # no staging left


def test_a_first_run_that_fails_midway_publishes_nothing(tmp_path, data):
    class Broken(pd.DataFrame):
        def to_csv(self, *args, **kwargs):
            raise OSError("disk full")

    out = tmp_path / "out"
    run = notebook_run.open_run(str(_notebook(tmp_path)), _namespace(data, out), ("physician_ftes",))
    with pytest.raises(OSError):
        run.publish({"trend": pd.DataFrame({"fte": [9.0]}), "plan": Broken({"gap": [1.0]})})
    assert store.list_forecasts(out) == [] and store.forecast_version(out, "demo_things") is None
    with pytest.raises(store.ForecastMissing):
        store.read_forecast(out, "demo_things")
