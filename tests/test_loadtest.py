"""The load test itself: two sessions against the trivial page, speaking Streamlit's websocket protocol."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from imaging_plan import paths

sys.path.insert(0, str(paths.PROJECT_ROOT / "benchmarks"))
import loadtest  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def trivial_page():
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "benchmarks/trivial_app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=paths.PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1).read()
                break
            except OSError:
                time.sleep(0.25)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.mark.slow
def test_two_sessions_open_the_link_and_each_slider_move_changes_the_metric(trivial_page):
    results = loadtest.measure(trivial_page, loadtest.TRIVIAL_LINK, sessions=2, timeout=30, deadline=60)
    assert [r.error for r in results] == [None, None]
    for r in results:
        assert [run.kind for run in r.runs] == ["open", "rerun", "rerun", "rerun"]
        # The link sets a=4, b=3; then a=6, b=7, a=8, each move keeping the other slider's value.
        assert [run.metrics for run in r.runs] == [["12.00"], ["18.00"], ["42.00"], ["56.00"]]
        assert all(run.seconds > 0 and run.messages > 0 for run in r.runs)
    summary = loadtest.summarize(results, wall=1.0)
    assert (summary["finished"], summary["errors"], summary["dropped"]) == (2, 0, 0)
    assert summary["open"]["n"] == 2 and summary["rerun"]["n"] == 6


def test_summary_percentiles_errors_and_drops():
    runs = [loadtest.ScriptRun("rerun", s, 1, 10) for s in (1.0, 2.0, 3.0, 4.0)]
    results = [
        loadtest.SessionResult(runs=runs[:2]),
        loadtest.SessionResult(runs=runs[2:]),
        loadtest.SessionResult(error="the page raised X"),
        loadtest.SessionResult(error="TimeoutError", dropped=True),
    ]
    summary = loadtest.summarize(results, wall=5.0)
    assert (summary["finished"], summary["errors"], summary["dropped"]) == (2, 1, 1)
    assert summary["rerun"] == {"n": 4, "p50": 2.5, "p95": 4.0, "max": 4.0}


def test_refuses_addresses_off_this_machine():
    with pytest.raises(SystemExit, match="only sends traffic to this machine"):
        loadtest.measure("http://example.org:8080", loadtest.TRIVIAL_LINK, sessions=1)
    with pytest.raises(SystemExit, match="1-50"):
        loadtest.measure("http://127.0.0.1:1", loadtest.TRIVIAL_LINK, sessions=500)
