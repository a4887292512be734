"""What every browser test needs: Debian's Chromium, a served app, and waits that end.

The served app writes its output to a log file (a pipe nobody reads fills up and stops the
server), every wait has a timeout, and `conftest.py` saves a screenshot of each page a failed
test left open to tests/artifacts/.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from imaging_plan import paths

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = paths.PROJECT_ROOT / "tests" / "artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
START_TIMEOUT_S = 90


def require_chromium() -> None:
    """Skip the calling module when Chromium is missing, except in CI, where that is an error."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            raise RuntimeError("Chromium is missing in CI: `make test` installs it (Debian package chromium)")
        pytest.skip("Chromium not installed (make test installs it as root)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served_app(env: dict[str, str], log: Path, script: str | Path = "app.py", port: int | None = None):
    """Yield the URL of `streamlit run script` on `port` (default: a free one) of 127.0.0.1; output goes to `log`.

    The server is stopped (killed if it will not stop) when the block ends.
    """
    port = port or free_port()
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(script),
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(port),
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=paths.PROJECT_ROOT,
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.time() + START_TIMEOUT_S
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"streamlit exited with {proc.returncode}: see {log}")
                try:
                    with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as answer:
                        if answer.status == 200:
                            break
                except OSError:
                    pass
                if time.time() > deadline:
                    raise RuntimeError(f"streamlit did not answer within {START_TIMEOUT_S} s: see {log}")
                time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def settle(page, timeout_ms: int = 60_000, metrics: bool = True) -> None:
    """Wait until the script has finished its run and the page shows its numbers.

    A metric appears only once a run has started; the run is over when the state says so after it
    (the state reads notRunning before the first run starts, too). `metrics=False` for a page
    without numbers (the Data page).
    """
    page.wait_for_selector("[data-test-script-state=notRunning]", timeout=timeout_ms)
    if metrics:
        page.wait_for_selector("[data-testid=stMetricValue]", timeout=timeout_ms)
    page.wait_for_selector("[data-test-script-state=notRunning]", timeout=timeout_ms)
    page.wait_for_timeout(800)
    page.wait_for_selector("[data-test-script-state=notRunning]", timeout=timeout_ms)


def metrics(page) -> list[str]:
    return page.locator("[data-testid=stMetricValue]").all_inner_texts()


def changed_metrics(page, before: list[str], timeout: float = 30) -> list[str]:
    """Return the metrics once the rerun after an input has replaced `before` (or after `timeout`)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        settle(page)
        now = metrics(page)
        if now != before and len(now) == len(before):
            return now
        page.wait_for_timeout(300)
    return metrics(page)


def shot(page, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
