"""The forecast store writes whole forecasts or nothing, and knows when one is stale."""

from __future__ import annotations

import json
import os
import shutil
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
    assert sorted(p.name for p in tmp_path.iterdir()) == [".versions", "demo"]
    assert [p.name for p in (tmp_path / ".versions" / "demo").iterdir() if p.name != ".publish.lock"] == \
        [store.forecast_version(tmp_path, "demo")]  # the one good version; no staging folder left


def test_missing_forecast_raises(tmp_path):
    with pytest.raises(store.ForecastMissing):
        store.read_forecast(tmp_path, "nothing")


def _notebook(path, parameters_source='horizon: int = 2040  # last year\nseed: int = 1\n', body="x = 1"):
    cells = [{"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": parameters_source,
              "outputs": [], "execution_count": None},
             {"cell_type": "code", "metadata": {}, "source": body, "outputs": [], "execution_count": None}]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def _built(out, data, notebook, inputs, requested):
    manifest = store.build_manifest("demo", notebook, dict(requested), inputs, data, requested=requested)
    store.write_forecast(out, "demo", {}, manifest)


def test_staleness_follows_content_not_file_times(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "t.csv").write_text("a\n1\n")
    notebook = _notebook(tmp_path / "00_demo.ipynb")
    out = tmp_path / "out"
    assert store.is_stale(out, "demo", data, notebook).startswith("missing")

    inputs = {"t.csv": store.file_sha256(data / "t.csv")}
    _built(out, data, notebook, inputs, {"horizon": 2040, "seed": 1})
    assert store.is_stale(out, "demo", data, notebook) is None
    # A checkout or a run that touches the files without changing them: still current.
    for path in (notebook, data / "t.csv"):
        later = time.time() + 3600
        os.utime(path, (later, later))
    assert store.is_stale(out, "demo", data, notebook) is None

    (data / "t.csv").write_text("a\n2\n")
    assert store.is_stale(out, "demo", data, notebook) == "input data changed: t.csv"
    assert store.read_forecast(out, "demo").changed_inputs(data) == ["t.csv"]
    (data / "t.csv").write_text("a\n1\n")

    # Outputs and execution counts are not content; a changed cell is.
    nb = json.loads(notebook.read_text())
    nb["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "1"}]
    nb["cells"][1]["execution_count"] = 7
    notebook.write_text(json.dumps(nb))
    assert store.is_stale(out, "demo", data, notebook) is None
    _notebook(notebook, body="x = 2")
    assert store.is_stale(out, "demo", data, notebook) == "the notebook changed since"


def test_staleness_follows_the_parameters_asked_for(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    notebook = _notebook(tmp_path / "00_demo.ipynb")
    out = tmp_path / "out"
    _built(out, data, notebook, {}, {"horizon": 2045, "seed": 1})  # built with -p horizon 2045
    assert store.is_stale(out, "demo", data, notebook, {"horizon": 2045}) is None
    assert store.is_stale(out, "demo", data, notebook, {"horizon": 2045.0}) is None  # same number
    assert store.is_stale(out, "demo", data, notebook) == "parameters differ: horizon 2045 -> 2040"
    assert store.is_stale(out, "demo", data, notebook, {"horizon": 2045, "seed": 2}) == \
        "parameters differ: seed 1 -> 2"
    # Where to read and write is not what to compute.
    assert store.is_stale(out, "demo", data, notebook, {"horizon": 2045, "output_dir": "/x"}) is None
    # A default changed in the notebook's parameters cell is a notebook change.
    _notebook(notebook, parameters_source="horizon: int = 2045\nseed: int = 1\n")
    assert store.is_stale(out, "demo", data, notebook) == "the notebook changed since"


def test_a_forecast_without_a_record_of_its_parameters_is_rebuilt(tmp_path):
    notebook = _notebook(tmp_path / "00_demo.ipynb")
    store.write_forecast(tmp_path / "out", "demo", {}, store.build_manifest("demo", notebook, {}, {}, tmp_path))
    assert store.is_stale(tmp_path / "out", "demo", tmp_path, notebook) == \
        "made without a record of its parameters"


def test_the_code_hash_leaves_out_the_app_text_and_charts(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    (package / "app").mkdir(parents=True)
    for name in ("physicians.py", "i18n.py", "charts.py", "app/page.py"):
        (package / name).write_text("x = 1\n")
    monkeypatch.setattr(store, "PACKAGE_DIR", package)
    before = store.code_sha256()
    (package / "i18n.py").write_text("x = 'a new label'\n")
    (package / "charts.py").write_text("x = 'a new colour'\n")
    (package / "app" / "page.py").write_text("x = 'a new page'\n")
    assert store.code_sha256() == before
    (package / "physicians.py").write_text("x = 2\n")
    assert store.code_sha256() != before


def test_requested_parameters_are_the_declared_ones_as_run(tmp_path):
    notebook = _notebook(tmp_path / "00_demo.ipynb",
                         parameters_source='data_dir: str = "data"\nhorizon: int = 2040\ngrowth: float = None\n')
    namespace = {"data_dir": "/elsewhere", "horizon": 2045, "growth": None, "derived": 3.9}
    assert store.requested_parameters(notebook, namespace) == {"horizon": 2045, "growth": None}


def test_an_optional_input_recorded_absent_goes_stale_when_it_appears(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    manifest = _manifest(data, {"staff_turnover.csv": None})
    store.write_forecast(tmp_path / "out", "demo", {"t": pd.DataFrame({"a": [1]})}, manifest)
    forecast = store.read_forecast(tmp_path / "out", "demo")
    assert forecast.changed_inputs(data) == []
    (data / "staff_turnover.csv").write_text("year\n2025\n")
    assert forecast.changed_inputs(data) == ["staff_turnover.csv"]
# --- run history ---------------------------------------------------------------------------------

def _write(out, name, value, inputs=None, parameters=None):
    manifest = store.build_manifest(name, f"00_{name}.ipynb", parameters or {"horizon": 2040},
                                    inputs or {"t.csv": "a" * 64}, out)
    store.write_forecast(out, name, {"plan": pd.DataFrame({"year": [2040], "gap": [value]})}, manifest)


def test_snapshot_keeps_every_forecast_with_its_manifest_under_a_run_id(tmp_path):
    from datetime import datetime, timezone

    _write(tmp_path, "alpha", 1.0)
    _write(tmp_path, "beta", 2.0)
    (tmp_path / "_runs").mkdir()
    kept = store.snapshot_run(tmp_path, when=datetime(2026, 3, 1, 12, 0, 5, tzinfo=timezone.utc))
    assert kept.parent == tmp_path / store.HISTORY
    assert kept.name.startswith("20260301T120005Z-") and len(kept.name) == len("20260301T120005Z-") + 8
    run = store.read_run(tmp_path, kept.name)
    assert sorted(run) == ["alpha", "beta"]  # not _runs, not _history
    assert run["beta"].tables["plan"]["gap"].tolist() == [2.0]
    assert run["alpha"].manifest == store.read_forecast(tmp_path, "alpha").manifest
    assert store.list_runs(tmp_path) == [kept.name]


def test_run_ids_share_their_hash_when_data_parameters_and_code_are_the_same(tmp_path):
    from datetime import datetime, timezone

    _write(tmp_path, "alpha", 1.0)
    first = store.snapshot_run(tmp_path, when=datetime(2026, 3, 1, tzinfo=timezone.utc)).name
    _write(tmp_path, "alpha", 1.0)
    same = store.snapshot_run(tmp_path, when=datetime(2026, 3, 2, tzinfo=timezone.utc)).name
    _write(tmp_path, "alpha", 1.0, parameters={"horizon": 2045})
    other = store.snapshot_run(tmp_path, when=datetime(2026, 3, 3, tzinfo=timezone.utc)).name
    assert first.split("-")[1] == same.split("-")[1] != other.split("-")[1]


def test_history_keeps_only_the_newest_runs(tmp_path):
    from datetime import datetime, timezone

    _write(tmp_path, "alpha", 1.0)
    for day in (1, 2, 3):
        store.snapshot_run(tmp_path, keep=2, when=datetime(2026, 3, day, tzinfo=timezone.utc))
    assert [r[:8] for r in store.list_runs(tmp_path)] == ["20260303", "20260302"]
    assert len(list((tmp_path / store.HISTORY).iterdir())) == 2


def test_failed_snapshot_leaves_no_partial_run(tmp_path, monkeypatch):
    _write(tmp_path, "alpha", 1.0)
    _write(tmp_path, "beta", 2.0)
    copied, copy = [], shutil.copytree

    def flaky_copy(src, dst):  # the first forecast copies, the second fails
        if copied:
            raise OSError("disk full")
        copied.append(src)
        return copy(src, dst)

    monkeypatch.setattr(store.shutil, "copytree", flaky_copy)
    with pytest.raises(OSError):
        store.snapshot_run(tmp_path)
    assert len(copied) == 1
    assert store.list_runs(tmp_path) == [] and list((tmp_path / store.HISTORY).iterdir()) == []


def test_nothing_to_keep_without_forecasts(tmp_path):
    assert store.snapshot_run(tmp_path) is None and store.list_runs(tmp_path) == []
    with pytest.raises(store.ForecastMissing):
        store.read_run(tmp_path, "20260101T000000Z-00000000")
