"""The forecast store writes whole forecasts or nothing, and knows when one is stale."""

from __future__ import annotations

import json
import os
import shutil
import time

import pandas as pd
import pytest

from imaging_plan.pipeline import build, runs, store


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
        store.write_forecast(
            tmp_path, "demo", {"trend": good.assign(fte=9.0), "plan": Broken(good)}, _manifest(tmp_path)
        )
    forecast = store.read_forecast(tmp_path, "demo")
    assert forecast.tables["trend"]["fte"].tolist() == [1.0]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".versions", "demo"]
    assert [p.name for p in (tmp_path / ".versions" / "demo").iterdir() if p.name != ".publish.lock"] == [
        store.forecast_version(tmp_path, "demo")
    ]  # the one good version; no staging folder left


def test_missing_forecast_raises(tmp_path):
    with pytest.raises(store.ForecastMissing):
        store.read_forecast(tmp_path, "nothing")


def _notebook(path, parameters_source="horizon: int = 2040  # last year\nseed: int = 1\n", body="x = 1"):
    cells = [
        {
            "cell_type": "code",
            "metadata": {"tags": ["parameters"]},
            "source": parameters_source,
            "outputs": [],
            "execution_count": None,
        },
        {"cell_type": "code", "metadata": {}, "source": body, "outputs": [], "execution_count": None},
    ]
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
    assert store.is_stale(out, "demo", data, notebook, {"horizon": 2045, "seed": 2}) == "parameters differ: seed 1 -> 2"
    # Where to read and write is not what to compute.
    assert store.is_stale(out, "demo", data, notebook, {"horizon": 2045, "output_dir": "/x"}) is None
    # A default changed in the notebook's parameters cell is a notebook change.
    _notebook(notebook, parameters_source="horizon: int = 2045\nseed: int = 1\n")
    assert store.is_stale(out, "demo", data, notebook) == "the notebook changed since"


def test_a_forecast_without_a_record_of_its_parameters_is_rebuilt(tmp_path):
    notebook = _notebook(tmp_path / "00_demo.ipynb")
    store.write_forecast(tmp_path / "out", "demo", {}, store.build_manifest("demo", notebook, {}, {}, tmp_path))
    assert store.is_stale(tmp_path / "out", "demo", tmp_path, notebook) == "made without a record of its parameters"


def test_the_code_hash_leaves_out_the_app_text_and_charts(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    (package / "app").mkdir(parents=True)
    (package / "charts").mkdir()
    (package / "text").mkdir()
    for name in ("physicians.py", "i18n.py", "charts/staffing.py", "app/page.py", "text/physicians.py"):
        (package / name).write_text("x = 1\n")
    monkeypatch.setattr(store, "PACKAGE_DIR", package)
    before = store.code_sha256()
    (package / "i18n.py").write_text("x = 'a new label'\n")
    (package / "text" / "physicians.py").write_text("x = 'a new sentence'\n")
    (package / "charts" / "staffing.py").write_text("x = 'a new colour'\n")
    (package / "charts" / "common.py").write_text("x = 'a new chart module'\n")
    (package / "app" / "page.py").write_text("x = 'a new page'\n")
    assert store.code_sha256() == before
    (package / "physicians.py").write_text("x = 2\n")
    assert store.code_sha256() != before


def test_requested_parameters_are_the_declared_ones_as_run(tmp_path):
    notebook = _notebook(
        tmp_path / "00_demo.ipynb",
        parameters_source='data_dir: str = "data"\nhorizon: int = 2040\ngrowth: float = None\n',
    )
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
    manifest = store.build_manifest(
        name, f"00_{name}.ipynb", parameters or {"horizon": 2040}, inputs or {"t.csv": "a" * 64}, out
    )
    store.write_forecast(out, name, {"plan": pd.DataFrame({"year": [2040], "gap": [value]})}, manifest)


def test_snapshot_keeps_every_forecast_with_its_manifest_under_a_run_id(tmp_path):
    from datetime import datetime, timezone

    _write(tmp_path, "alpha", 1.0)
    _write(tmp_path, "beta", 2.0)
    (tmp_path / "_runs").mkdir()
    kept = runs.snapshot_run(tmp_path, when=datetime(2026, 3, 1, 12, 0, 5, tzinfo=timezone.utc))
    assert kept.parent == tmp_path / runs.HISTORY
    assert kept.name.startswith("20260301T120005Z-") and len(kept.name) == len("20260301T120005Z-") + 8
    run = runs.read_run(tmp_path, kept.name)
    assert sorted(run) == ["alpha", "beta"]  # not _runs, not _history
    assert run["beta"].tables["plan"]["gap"].tolist() == [2.0]
    assert run["alpha"].manifest == store.read_forecast(tmp_path, "alpha").manifest
    assert runs.list_runs(tmp_path) == [kept.name]


def test_run_ids_share_their_hash_when_data_parameters_and_code_are_the_same(tmp_path):
    from datetime import datetime, timezone

    _write(tmp_path, "alpha", 1.0)
    first = runs.snapshot_run(tmp_path, when=datetime(2026, 3, 1, tzinfo=timezone.utc)).name
    _write(tmp_path, "alpha", 1.0)
    same = runs.snapshot_run(tmp_path, when=datetime(2026, 3, 2, tzinfo=timezone.utc)).name
    _write(tmp_path, "alpha", 1.0, parameters={"horizon": 2045})
    other = runs.snapshot_run(tmp_path, when=datetime(2026, 3, 3, tzinfo=timezone.utc)).name
    assert first.split("-")[1] == same.split("-")[1] != other.split("-")[1]


def test_history_keeps_only_the_newest_runs(tmp_path):
    from datetime import datetime, timezone

    _write(tmp_path, "alpha", 1.0)
    for day in (1, 2, 3):
        runs.snapshot_run(tmp_path, keep=2, when=datetime(2026, 3, day, tzinfo=timezone.utc))
    assert [r[:8] for r in runs.list_runs(tmp_path)] == ["20260303", "20260302"]
    assert len(list((tmp_path / runs.HISTORY).iterdir())) == 2


def test_failed_snapshot_leaves_no_partial_run(tmp_path, monkeypatch):
    _write(tmp_path, "alpha", 1.0)
    _write(tmp_path, "beta", 2.0)
    copied, copy = [], shutil.copytree

    def flaky_copy(src, dst):  # the first forecast copies, the second fails
        if copied:
            raise OSError("disk full")
        copied.append(src)
        return copy(src, dst)

    monkeypatch.setattr(runs.shutil, "copytree", flaky_copy)
    with pytest.raises(OSError):
        runs.snapshot_run(tmp_path)
    assert len(copied) == 1
    assert runs.list_runs(tmp_path) == [] and list((tmp_path / runs.HISTORY).iterdir()) == []


def test_nothing_to_keep_without_forecasts(tmp_path):
    assert runs.snapshot_run(tmp_path) is None and runs.list_runs(tmp_path) == []
    with pytest.raises(store.ForecastMissing):
        runs.read_run(tmp_path, "20260101T000000Z-00000000")


# --- versions, the pointer, hashes on read ---------------------------------------------------------


def _plan(value: float) -> dict[str, pd.DataFrame]:
    return {
        "plan": pd.DataFrame({"year": [2040], "gap": [value]}),
        "trend": pd.DataFrame({"year": [2040], "trend": [value * 10]}),
    }


def _write_value(out, value: float, name: str = "demo"):
    store.write_forecast(out, name, _plan(value), store.build_manifest(name, "00_demo.ipynb", {"v": value}, {}, out))


def test_each_write_is_a_new_version_behind_one_switched_pointer(tmp_path):
    _write_value(tmp_path, 1.0)
    first = store.forecast_version(tmp_path, "demo")
    pointer = tmp_path / "demo"
    assert pointer.is_symlink() and not os.path.isabs(os.readlink(pointer))  # the folder can be moved whole
    for value in (2.0, 3.0, 4.0, 5.0):
        _write_value(tmp_path, value)
    current = store.forecast_version(tmp_path, "demo")
    assert current != first and current == os.path.basename(os.readlink(pointer))
    forecast = store.read_forecast(tmp_path, "demo")
    assert forecast.tables["plan"]["gap"].tolist() == [5.0] and forecast.version == current
    assert forecast.warning is None
    kept = store.published_versions(tmp_path, "demo")
    assert len(kept) == store.KEEP_VERSIONS and kept[0] == current and first not in kept
    assert store.list_forecasts(tmp_path) == ["demo"]


def test_forecast_versions_lists_complete_forecasts_with_their_current_version(tmp_path):
    assert store.forecast_versions(tmp_path / "absent") == ()
    _write_value(tmp_path, 1.0, name="zeta")
    _write_value(tmp_path, 1.0, name="alpha")
    (tmp_path / "half_written").mkdir()  # no manifest: not a forecast
    (tmp_path / "notes.txt").write_text("not a folder")
    before = store.forecast_versions(tmp_path)
    assert [name for name, _ in before] == ["alpha", "zeta"] == store.list_forecasts(tmp_path)
    assert dict(before)["zeta"] == store.forecast_version(tmp_path, "zeta")
    _write_value(tmp_path, 2.0, name="zeta")  # a new build publishes a new version
    after = dict(store.forecast_versions(tmp_path))
    assert after["zeta"] != dict(before)["zeta"] and after["alpha"] == dict(before)["alpha"]


def _damage(out, version, table="plan"):
    path = out / ".versions" / "demo" / version / f"{table}.csv"
    path.write_text(path.read_text().replace("2040", "2041"))


def test_a_damaged_table_is_named_and_the_last_good_version_is_served(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    notebook = _notebook(tmp_path / "00_demo.ipynb")
    _built(tmp_path, data, notebook, {}, {"horizon": 2040, "seed": 1})  # version 1: good, no tables
    _write_value(tmp_path, 1.0)
    good = store.forecast_version(tmp_path, "demo")
    _write_value(tmp_path, 2.0)
    bad = store.forecast_version(tmp_path, "demo")
    _damage(tmp_path, bad, "trend")
    with pytest.warns(RuntimeWarning, match="table 'trend' does not match its manifest"):
        forecast = store.read_forecast(tmp_path, "demo")
    assert forecast.version == good and forecast.tables["plan"]["gap"].tolist() == [1.0]
    assert "table 'trend'" in forecast.warning and good in forecast.warning
    # the runner rebuilds it
    assert store.is_stale(tmp_path, "demo", data, notebook).startswith("damaged (forecast 'demo'")


def test_a_damaged_forecast_without_an_earlier_version_says_which_table(tmp_path):
    _write_value(tmp_path, 1.0)
    _damage(tmp_path, store.forecast_version(tmp_path, "demo"))
    with pytest.raises(store.ForecastDamaged, match="table 'plan' does not match"):
        store.read_forecast(tmp_path, "demo")
    (tmp_path / ".versions" / "demo" / store.forecast_version(tmp_path, "demo") / "trend.csv").unlink()
    with pytest.raises(store.ForecastMissing, match="table '(plan|trend)'"):  # a subclass: pages show 'missing'
        store.read_forecast(tmp_path, "demo")


def test_a_forecast_written_before_versioning_is_read_and_then_adopted(tmp_path):
    _write_value(tmp_path / "old", 1.0)
    plain = tmp_path / "out" / "demo"
    shutil.copytree(store.current_folder(tmp_path / "old", "demo"), plain)  # the layout before versions
    assert store.read_forecast(tmp_path / "out", "demo").tables["plan"]["gap"].tolist() == [1.0]
    assert store.forecast_version(tmp_path / "out", "demo").startswith("plain-")
    _write_value(tmp_path / "out", 2.0)
    assert plain.is_symlink() and store.read_forecast(tmp_path / "out", "demo").tables["plan"]["gap"].tolist() == [2.0]
    assert len(store.published_versions(tmp_path / "out", "demo")) == 2  # the plain one is the fallback


# --- killed writers and concurrent readers (real processes) -------------------------------------------

WRITER = """
import sys
import pandas as pd
from imaging_plan.pipeline import store
out, value = sys.argv[1], float(sys.argv[2])
count = int(sys.argv[3]) if len(sys.argv) > 3 else 1
for i in range(count):
    v = value + i
    store.write_forecast(out, "demo", {"plan": pd.DataFrame({"year": [2040], "gap": [v]}),
                                       "trend": pd.DataFrame({"year": [2040], "trend": [v * 10]})},
                         store.build_manifest("demo", "00_demo.ipynb", {"v": v}, {}, out))
"""


def _python(code, *args, env=None):
    import subprocess
    import sys

    from imaging_plan import paths

    environment = {**os.environ, "PYTHONPATH": str(paths.PROJECT_ROOT), **(env or {})}
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], env=environment)


def _wait_for(path, process, seconds=60):
    deadline = time.time() + seconds
    while not path.exists():
        assert process.poll() is None, f"the writer ended (code {process.returncode}) before its pause"
        assert time.time() < deadline, f"the writer did not reach its pause in {seconds} s"
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.parametrize("step, served", [("write", 1.0), ("swap", 1.0), ("published", 2.0)])
def test_a_writer_killed_at_any_step_leaves_a_whole_forecast_served(tmp_path, step, served):
    import signal

    out = tmp_path / "out"
    _write_value(out, 1.0)
    paused = tmp_path / "paused"
    writer = _python(
        WRITER, out, 2.0, env={"IMAGING_PLAN_STORE_PAUSE": step, "IMAGING_PLAN_STORE_PAUSE_FILE": str(paused)}
    )
    try:
        _wait_for(paused, writer)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(30)
    forecast = store.read_forecast(out, "demo")
    assert forecast.warning is None
    assert forecast.tables["plan"]["gap"].tolist() == [served]
    assert forecast.tables["trend"]["trend"].tolist() == [served * 10]  # tables of one run
    assert forecast.manifest["parameters"] == {"v": served}  # and that run's manifest
    # The next write clears what the killed writer left and publishes normally.
    _write_value(out, 3.0)
    assert store.read_forecast(out, "demo").tables["plan"]["gap"].tolist() == [3.0]
    leftovers = [p.name for p in (out / ".versions" / "demo").glob(".staging-*")] + [
        p.name for p in out.glob(".demo.link-*")
    ]
    assert leftovers == []


@pytest.mark.slow
def test_readers_never_see_a_forecast_missing_or_mixed_while_versions_are_published(tmp_path):
    out = tmp_path / "out"
    _write_value(out, 0.0)
    writer = _python(WRITER, out, 1.0, 30)  # 30 versions, published one after another
    reads, versions = 0, set()
    try:
        deadline = time.time() + 120
        while writer.poll() is None and time.time() < deadline:
            forecast = store.read_forecast(out, "demo")  # raises if missing; warns if damaged
            value = forecast.manifest["parameters"]["v"]
            assert forecast.warning is None
            assert forecast.tables["plan"]["gap"].tolist() == [value]
            assert forecast.tables["trend"]["trend"].tolist() == [value * 10]
            reads += 1
            versions.add(forecast.version)
    finally:
        writer.kill()
        writer.wait(30)
    assert writer.returncode == 0
    assert reads > 10 and len(versions) > 2  # the reads really overlapped the publishing
    assert store.read_forecast(out, "demo").manifest["parameters"] == {"v": 30.0}


# --- the build lock --------------------------------------------------------------------------------

HOLDER = """
import sys, time
from imaging_plan.pipeline import build
with build.build_lock(sys.argv[1], "demo", command="an analyst's run"):
    open(sys.argv[2], "w").write("held")
    time.sleep(60)
"""


@pytest.mark.slow
def test_a_second_build_is_refused_naming_the_holder_and_a_dead_holder_is_taken_over(tmp_path):
    import signal

    held = tmp_path / "held"
    holder = _python(HOLDER, tmp_path, held)
    try:
        _wait_for(held, holder)
        with pytest.raises(build.StoreBusy, match=rf"pid {holder.pid} .*an analyst's run"):
            with build.build_lock(tmp_path, "demo"):
                pass
        started = time.perf_counter()
        with pytest.raises(build.StoreBusy, match="after waiting 0.5 s"):
            with build.build_lock(tmp_path, "demo", wait=0.5):
                pass
        assert time.perf_counter() - started >= 0.5
        with build.build_lock(tmp_path, "other"):  # other forecasts build meanwhile
            pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(30)
    assert build.lock_holder(tmp_path, "demo")["pid"] == holder.pid  # its record outlived it
    with build.build_lock(tmp_path, "demo", command="me") as stale:
        assert stale["pid"] == holder.pid  # reported as taken over
        assert build.lock_holder(tmp_path, "demo")["pid"] == os.getpid()
    assert build.lock_holder(tmp_path, "demo") is None  # released cleanly: no record left


# --- build progress --------------------------------------------------------------------------------


def test_build_status_extrapolates_the_fits_done(tmp_path):
    build.start_progress(tmp_path, "demo")
    record = build.read_progress(tmp_path, "demo")
    started = record["started"]
    # before any fit and without an earlier build: nothing to extrapolate from
    assert build.build_status(tmp_path, "demo", now=started + 3)["seconds_left"] is None
    # the first 4 fits ended 10 s in (the workers' start-up); too few since then to trust a rate
    build.write_progress(tmp_path, "demo", done=20, total=84, first_done=4, first_done_at=started + 10)
    assert build.build_status(tmp_path, "demo", now=started + 14)["seconds_left"] is None
    # 20 fits in the 10 s after the first ones: 60 left take 30 s, plus the write after the fits
    build.write_progress(tmp_path, "demo", done=24)
    status = build.build_status(tmp_path, "demo", now=started + 20)
    assert status["state"] == "running" and status["seconds_left"] == 30 + build.TAIL_S
    assert (status["done"], status["total"], status["elapsed_s"]) == (24, 84, 20)
    build.finish_progress(tmp_path, "demo", ok=True)
    assert build.build_status(tmp_path, "demo")["state"] == "done"
    # the next build starts from the last one's duration
    build.start_progress(tmp_path, "demo")
    record = build.read_progress(tmp_path, "demo")
    assert record["last_seconds"] >= 0 and record["done"] == 0
    build.write_progress(tmp_path, "demo", last_seconds=100.0)
    assert build.build_status(tmp_path, "demo", now=record["started"] + 30)["seconds_left"] == 70


def test_a_build_whose_process_is_gone_is_reported_stopped(tmp_path):
    import subprocess
    import sys

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    build.start_progress(tmp_path, "demo")
    build.write_progress(tmp_path, "demo", pid=int(gone.stdout))
    assert build.build_status(tmp_path, "demo")["state"] == "stopped"
    assert build.build_status(tmp_path, "nothing") is None


def test_fit_progress_records_done_and_total_throttled(tmp_path):
    report = build.fit_progress(tmp_path, "demo", every_s=3600)
    report(0, 10)  # outside the runner: the first call opens the record
    assert build.read_progress(tmp_path, "demo")["state"] == "running"
    report(4, 10)  # within the throttle: not written
    assert build.read_progress(tmp_path, "demo")["done"] == 0
    report(10, 10)  # the last one always is
    assert (build.read_progress(tmp_path, "demo")["done"], build.read_progress(tmp_path, "demo")["total"]) == (10, 10)
