"""The forecast store writes whole forecasts or nothing, and knows when one is stale."""

from __future__ import annotations

import os
import time

import pandas as pd
import pytest

from imaging_plan import store


def _manifest(data_dir, inputs=None):
    return store.build_manifest("demo", "00_demo.ipynb", {"horizon": 2040}, inputs or {}, data_dir)


def test_written_forecast_reads_back_with_manifest(tmp_path):
    table = pd.DataFrame({"year": [2025, 2026], "fte": [1.0, 2.0]})
    store.write_forecast(tmp_path, "demo", {"trend": table}, _manifest(tmp_path))
    forecast = store.read_forecast(tmp_path, "demo")
    pd.testing.assert_frame_equal(forecast.tables["trend"], table)
    assert forecast.manifest["tables"]["trend"]["rows"] == 2
    assert forecast.manifest["parameters"] == {"horizon": 2040}
    assert forecast.manifest["package_version"] and forecast.manifest["created_utc"]


def test_failed_write_leaves_the_earlier_forecast_whole(tmp_path):
    good = pd.DataFrame({"year": [2025], "fte": [1.0]})
    store.write_forecast(tmp_path, "demo", {"trend": good, "plan": good}, _manifest(tmp_path))

    class Broken(pd.DataFrame):
        def to_csv(self, *args, **kwargs):
            raise OSError("disk full")

    with pytest.raises(OSError):
        store.write_forecast(tmp_path, "demo", {"trend": good.assign(fte=9.0), "plan": Broken(good)},
                             _manifest(tmp_path))
    forecast = store.read_forecast(tmp_path, "demo")
    assert forecast.tables["trend"]["fte"].tolist() == [1.0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo"]  # no temporary folder left


def test_missing_forecast_raises(tmp_path):
    with pytest.raises(store.ForecastMissing):
        store.read_forecast(tmp_path, "nothing")


def test_staleness_follows_data_and_notebook(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "t.csv").write_text("a\n1\n")
    notebook = tmp_path / "00_demo.ipynb"
    notebook.write_text("{}")
    old = time.time() - 60
    os.utime(notebook, (old, old))
    out = tmp_path / "out"
    assert store.is_stale(out, "demo", data, notebook).startswith("missing")

    inputs = {"t.csv": store.file_sha256(data / "t.csv")}
    store.write_forecast(out, "demo", {}, _manifest(data, inputs))
    assert store.is_stale(out, "demo", data, notebook) is None

    (data / "t.csv").write_text("a\n2\n")
    assert store.is_stale(out, "demo", data, notebook) == "input data changed: t.csv"
    forecast = store.read_forecast(out, "demo")
    assert forecast.changed_inputs(data) == ["t.csv"]

    (data / "t.csv").write_text("a\n1\n")
    later = time.time() + 60
    os.utime(notebook, (later, later))
    assert store.is_stale(out, "demo", data, notebook) == "the notebook changed since"


def test_an_optional_input_recorded_absent_goes_stale_when_it_appears(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    manifest = _manifest(data, {"staff_turnover.csv": None})
    store.write_forecast(tmp_path / "out", "demo", {"t": pd.DataFrame({"a": [1]})}, manifest)
    forecast = store.read_forecast(tmp_path / "out", "demo")
    assert forecast.changed_inputs(data) == []
    (data / "staff_turnover.csv").write_text("year\n2025\n")
    assert forecast.changed_inputs(data) == ["staff_turnover.csv"]
