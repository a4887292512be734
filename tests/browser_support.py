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
from urllib.parse import urljoin, urlsplit
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


# A run that ran to its end: not one cut short by the next rerun, nor a fragment's own run.
_WHOLE_RUNS = ("FINISHED_SUCCESSFULLY", "FINISHED_WITH_COMPILE_ERROR")
_FINISHED: dict = {}  # page -> the script runs it has seen finish


def count_runs(page) -> None:
    """Count the script runs `page` sees finish, from Streamlit's own `script_finished` messages.

    Read from the websocket, not from the page: a rerun served from the cache can finish before
    the page ever draws its running state, so the page alone cannot tell that a run happened.
    """
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    _FINISHED[page] = 0

    def on_frame(payload) -> None:
        if not isinstance(payload, (bytes, bytearray)):
            return
        message = ForwardMsg()
        try:
            message.ParseFromString(bytes(payload))
        except Exception:  # noqa: BLE001  (not a Streamlit message)
            return
        if message.WhichOneof("type") == "script_finished":
            if ForwardMsg.ScriptFinishedStatus.Name(message.script_finished) in _WHOLE_RUNS:
                _FINISHED[page] += 1

    page.on("websocket", lambda socket: socket.on("framereceived", on_frame))


# True once the script has finished a run (after the `after`-th, when given) and nothing on the page
# is left over from an earlier one or still to be drawn: the run state says so, no element is marked stale
# and no placeholder (skeleton) waits for its content, the page has
# drawn its title (every page has one) and, when asked, its numbers.
_SETTLED = """(needMetrics) => {
  const state = document.querySelector('[data-test-script-state]');
  if (!state || state.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-stale="true"], [data-testid=stSkeleton]')) return false;
  if (!document.querySelector('[data-testid=stMain] h1')) return false;
  return !needMetrics || document.querySelector('[data-testid=stMetricValue]') !== null;
}"""

# True once the metrics on the page differ from `before` (same count) and the page has settled.
_CHANGED = (
    """([before, needMetrics]) => {
  if (!("""
    + _SETTLED
    + """)(needMetrics)) return false;
  const now = [...document.querySelectorAll('[data-testid=stMetricValue]')].map((e) => e.innerText);
  return now.length === before.length && now.some((text, i) => text !== before[i]);
}"""
)


def runs(page) -> int:
    """Return how many script runs the page has seen finish (see count_runs)."""
    return _FINISHED[page]


def settle(page, timeout_ms: int = 60_000, metrics: bool = True, after: int | None = None) -> None:
    """Wait until the script has finished its run and the page shows its numbers (a condition, no fixed time).

    `after`: the run count (`runs`) read before a click or key press; the wait then also needs a run
    finished since, so the old page's content is not taken for the new one. `metrics=False` for a
    page without numbers (the Data page).
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while after is not None and _FINISHED[page] <= after:  # the run the click or key press started
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no script run finished within {timeout_ms} ms (runs seen: {_FINISHED[page]})")
        page.wait_for_timeout(min(50, left * 1000))  # lets Playwright deliver the websocket's frames
    left_ms = max(1000, (deadline - time.monotonic()) * 1000)
    page.wait_for_function(_SETTLED, arg=metrics, timeout=left_ms, polling="raf")


def go_to(page, link: str, metrics: bool = True) -> None:
    """Click the menu entry `link` and wait for the page it opens to settle.

    On the page already, nothing is clicked: Streamlit may answer the click with no run, or with a
    run so quick that its running state is never drawn, and there is no new run to wait for.
    """
    entry = page.get_by_role("link", name=link)
    target = urlsplit(urljoin(page.url, entry.get_attribute("href") or "")).path.rstrip("/")
    if urlsplit(page.url).path.rstrip("/") == target:
        settle(page, metrics=metrics)
        return
    before = runs(page)
    entry.click()
    settle(page, metrics=metrics, after=before)


def metrics(page) -> list[str]:
    return page.locator("[data-testid=stMetricValue]").all_inner_texts()


def changed_metrics(page, before: list[str], timeout: float = 30) -> list[str]:
    """Return the metrics once the rerun after an input has replaced `before` (or, after `timeout`, as they are)."""
    try:
        page.wait_for_function(_CHANGED, arg=[before, True], timeout=timeout * 1000, polling="raf")
    except Exception as err:  # the caller's assertion says what did not change
        if "Timeout" not in type(err).__name__:
            raise
    return metrics(page)


def shot(page, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
