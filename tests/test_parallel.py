"""The parallel map gives the serial run's results, in order, on processes and on a Dask cluster."""

from __future__ import annotations

import random
import time

import numpy as np
import pandas as pd
import pytest

from imaging_plan.forecasting import backtesting, baselines, parallel, trends

# A local Dask cluster for the tests, on this test file's ports (scheduler, nannies, workers).
SCHEDULER_PORT = 8650


def draw(job):
    """A job whose result depends on the global generators and finishes out of order."""
    label, pause = job
    time.sleep(pause)
    return label, float(np.random.rand()), random.random()


def fail_on_three(job):
    if job == 3:
        raise ValueError("three is not allowed")
    return job * 2


JOBS = [(f"job{i}", 0.2 if i % 3 == 0 else 0.0) for i in range(7)]


def test_serial_map_seeds_each_job_from_its_index():
    results = parallel.map_jobs(draw, JOBS, workers=1, seed=100)
    assert [r[0] for r in results] == [label for label, _ in JOBS]
    for i, (_, numpy_draw, python_draw) in enumerate(results):  # independent of what ran before
        np.random.seed(100 + i)
        random.seed(100 + i)
        assert (numpy_draw, python_draw) == (float(np.random.rand()), random.random())


@pytest.mark.slow
def test_processes_return_the_serial_results_in_job_order():
    serial = parallel.map_jobs(draw, JOBS, workers=1)
    seen = []
    on_two = parallel.map_jobs(draw, JOBS, workers=2, progress=lambda done, total, i: seen.append((done, total, i)))
    assert on_two == serial
    assert [s[0] for s in seen] == list(range(len(JOBS) + 1)) and {s[1] for s in seen} == {len(JOBS)}
    assert sorted(s[2] for s in seen[1:]) == list(range(len(JOBS)))  # each job reported once


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_job_is_named(workers):
    with pytest.raises(
        parallel.JobFailed,
        match=r"job 4 of 5 failed \(ValueError: three is not allowed\); "
        r"the job: 3",
    ):
        parallel.map_jobs(fail_on_three, range(5), workers=workers)


def test_worker_count_defaults_to_the_available_cores_and_never_exceeds_the_jobs():
    cores = parallel.available_cores()
    assert parallel.worker_count(None, 1000) == parallel.worker_count(0, 1000) == cores
    assert parallel.worker_count(8, 3) == 3 and parallel.worker_count(1, 3) == 1
    assert parallel.map_jobs(draw, []) == []
    with pytest.raises(ValueError, match="workers must be 0"):
        parallel.worker_count(-1, 3)


# --- the backtest on real series ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_series(shipped_ftes):
    """Two specialties' totals to 2022 (origins 2020 and 2021): two series kept apart, in order, in few fits."""
    series = backtesting.physician_series(shipped_ftes)
    keep = ["physicians:radiology:total", "physicians:nuclear_medicine:total"]
    return series[series["series_id"].isin(keep) & (series["year"] <= 2022)]


@pytest.fixture(scope="module")
def methods():
    """Naive, drift and Theta: the map is what is tested (Prophet's backtest runs in the notebook's test)."""
    return baselines.forecast_methods(trends.TrendSettings(), prophet=False)


@pytest.fixture(scope="module")
def serial_loop(two_series, methods):
    """The backtest as the serial loop computed it before the parallel map: one series after another."""
    frames = [
        backtesting.backtest_series(rows, methods).assign(series_id=sid, family=family)
        for (sid, family), rows in two_series.groupby(["series_id", "family"], sort=False)
    ]
    return pd.concat(frames, ignore_index=True)[backtesting.FORECAST_COLUMNS]


@pytest.mark.slow
def test_the_backtest_on_processes_equals_the_serial_loop(two_series, methods, serial_loop):
    ticks = []
    in_process = backtesting.rolling_origin(two_series, methods, workers=1)
    on_two = backtesting.rolling_origin(two_series, methods, workers=2, progress=lambda d, t: ticks.append((d, t)))
    pd.testing.assert_frame_equal(in_process, serial_loop)
    pd.testing.assert_frame_equal(on_two, serial_loop)
    # 2 series of 2015-2022: origins 2020-2021 (2), 3 methods: 12 fits, counted as they finish
    assert ticks[0] == (0, 12) and ticks[-1] == (12, 12) and len(ticks) == 1 + 12


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=1,  # one worker process: the jobs still travel to another process and back
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        scheduler_port=SCHEDULER_PORT,
        dashboard_address=None,
        worker_dashboard_address=None,
        port=f"{SCHEDULER_PORT + 1}:{SCHEDULER_PORT + 2}",
        worker_port=f"{SCHEDULER_PORT + 3}:{SCHEDULER_PORT + 4}",
        silence_logs=40,
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close(timeout=30)


@pytest.mark.slow
def test_the_backtest_on_a_dask_cluster_equals_the_serial_loop(dask_cluster, two_series, methods, serial_loop):
    assert dask_cluster == f"tcp://127.0.0.1:{SCHEDULER_PORT}"
    ticks = []
    on_dask = backtesting.rolling_origin(
        two_series, methods, scheduler=dask_cluster, progress=lambda d, t: ticks.append((d, t))
    )
    pd.testing.assert_frame_equal(on_dask, serial_loop)
    assert ticks[-1] == (12, 12)
    # numpy's global generator repeats; Python's `random` is also drawn from by Dask's own threads
    on_dask, serial = (
        parallel.map_jobs(draw, JOBS, **where) for where in ({"scheduler": dask_cluster}, {"workers": 1})
    )
    assert [r[:2] for r in on_dask] == [r[:2] for r in serial]
    with pytest.raises(parallel.JobFailed, match="job 4 of 5 failed on tcp://127.0.0.1"):
        parallel.map_jobs(fail_on_three, range(5), scheduler=dask_cluster)


def test_an_unreachable_scheduler_is_named(monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(parallel, "DASK_CONNECT_TIMEOUT_S", 1)
    with pytest.raises(ConnectionError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:8659"):
        parallel.map_jobs(draw, JOBS[:1], scheduler="tcp://127.0.0.1:8659")
