"""Shared fixtures: the shipped data folder and small tables built from it."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

# Every cached computation refuses a scenario key it did not declare (views.cache), in this process
# and in the apps the browser tests start.
os.environ["IMAGING_PLAN_CHECK_READS"] = "1"

from imaging_plan import paths  # noqa: E402
from imaging_plan.data.inputs import load_table  # noqa: E402

ROOT = paths.PROJECT_ROOT


@pytest.fixture(scope="session")
def shipped_ftes():
    """Tabell 6 as shipped in data/physician_ftes.csv."""
    return load_table("physician_ftes", paths.DATA_DIR)


@pytest.fixture(scope="session")
def built_forecasts(tmp_path_factory) -> Path:
    """The fast forecasts (notebooks 00-04 on the shipped data), built once for the whole run.

    Every test worker shares one folder: the first builds under a lock, the others find the
    forecasts current (staleness is by content) and only read them. Tests must not write there.
    """
    from imaging_plan.pipeline import runner

    shared = tmp_path_factory.getbasetemp().parent  # the same for every xdist worker of a run
    target = shared / "shared_forecasts"
    with open(shared / "shared_forecasts.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            code = runner.run_all(
                only=["00", "01", "02", "03", "04"], output_dir=target, if_stale=True, progress=False, jobs=2
            )
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    assert code == 0, f"building the shared forecasts failed: see {target / '_runs'}"
    return target


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright, one per test module (no browser download).

    Not one per worker: Playwright's sync API keeps an event loop running in the thread while
    it is open, so the modules after it could not `asyncio.run` (the load test's client)."""
    from browser_support import ARGS, CHROMIUM
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, timeout=60_000)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def app_url(built_forecasts, tmp_path_factory):
    """The app served once per test worker on the run's forecasts, for every browser test module.

    Each browser test opens its own browser context, so its own session: uploads go to a
    scratch workspace folder of that session, and the shared server's caches are warm for the
    next module (as a deployment's are for the next viewer). The background refit is off: a
    browser test checks the upload, the refit has its own test.
    """
    from browser_support import ARTIFACTS, served_app

    env = {
        "IMAGING_PLAN_FORECASTS_DIR": str(built_forecasts),
        "IMAGING_PLAN_WORKSPACES": str(tmp_path_factory.mktemp("workspaces")),
        "IMAGING_PLAN_REFIT": "off",
    }
    with served_app(env, ARTIFACTS / f"server-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.log") as url:
        yield url


@pytest.fixture
def browser_pages(request):
    """A list a browser test appends its pages to: those still open when it fails are photographed."""
    pages: list = []
    yield pages
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        from browser_support import ARTIFACTS

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for i, page in enumerate(pages):
            try:
                if not page.is_closed():
                    page.screenshot(path=str(ARTIFACTS / f"FAILED-{request.node.name}-{i}.png"))
            except Exception:  # a crashed browser leaves nothing to photograph
                pass


@pytest.fixture
def open_in_browser(browser, browser_pages):
    """Return open_(url, width): the URL in a fresh browser context (downloads accepted), once its numbers show.

    Pages a failed test left open are photographed (`browser_pages`).
    """
    from browser_support import count_runs, settle

    def open_(url: str, width: int = 1400, metrics: bool = True):
        context = browser.new_context(viewport={"width": width, "height": 2000}, accept_downloads=True)
        context.set_default_timeout(60_000)
        page = context.new_page()
        count_runs(page)
        browser_pages.append(page)
        page.goto(url)
        settle(page, metrics=metrics)
        return context, page

    return open_


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can see whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def shipped_tables():
    """The tables notebook 01 reads (Tabell 6, the population tables, and the exams of the workload), as shipped."""
    from imaging_plan.planning import physicians, workload
    from imaging_plan.data.inputs import load_inputs

    return load_inputs(paths.DATA_DIR, tuple(dict.fromkeys((*physicians.PLAN_TABLES, *workload.TABLES))))[0]


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target)
    return target


def open_page(url_path: str | None = None, query: dict | None = None, timeout: float = 60):
    """Return an AppTest of app.py run once on the page at `url_path` (None: the landing page).

    AppTest.switch_page only knows file pages; our pages are callables, which
    Streamlit keys by the hash of their url_path, so the test selects that hash.
    """
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    # Secrets of the test's own: a developer's .streamlit/secrets.toml (sign-in) must not close the app here.
    at.secrets["tests"] = {"open": True}
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if url_path is not None:
        at._page_hash = calc_hash(url_path)
    return at.run()


def with_scenario_panel(at):
    """Return the AppTest rerun with the sidebar's scenario panel open (its tools are drawn once opened)."""
    at.session_state["_open_scenario"] = True
    return at.run()


def url_bound_keys(at) -> set[str]:
    """Return the URL keys of every widget Streamlit binds (`bind="query-params"`) in an AppTest's page."""
    keys, stack = set(), [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None and "query_param_key" in getattr(proto.DESCRIPTOR, "fields_by_name", {}):
            if proto.query_param_key:
                keys.add(proto.query_param_key)
        children = getattr(node, "children", {})
        stack.extend(children.values() if isinstance(children, dict) else children)
    return keys


@pytest.fixture
def coded_keys(monkeypatch) -> set[str]:
    """The URL keys of the code-bound widgets (app.url_codes.coded) drawn while the test runs."""
    from imaging_plan.app import url_codes

    seen: set[str] = set()
    original = url_codes.coded

    def recording(*args, key, **kwargs):
        seen.add(key)
        return original(*args, key=key, **kwargs)

    monkeypatch.setattr(url_codes, "coded", recording)
    return seen
