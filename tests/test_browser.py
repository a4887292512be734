"""The app in a real browser (Debian's Chromium driven by Playwright), as a planner uses it.

Starts `streamlit run app.py` on a free localhost port, moves a slider, copies
the address into a fresh browser context and checks the same numbers appear;
opens a link with garbage parameters and checks the defaults and no error.
Screenshots go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from imaging_plan import paths

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = paths.PROJECT_ROOT / "tests" / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing in CI: `make test` installs it (Debian package chromium)")
    pytest.skip("Chromium not installed (make test installs it as root)", allow_module_level=True)

playwright = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """Serve the app with real forecasts built by notebook 01 into a scratch folder."""
    from imaging_plan import runner

    forecasts = tmp_path_factory.mktemp("forecasts")
    assert runner.run_all(only=["01"], output_dir=forecasts, progress=False) == 0
    port = _free_port()
    env = {**os.environ, "IMAGING_PLAN_FORECASTS_DIR": str(forecasts)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false"],
        cwd=paths.PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("streamlit did not start: " + proc.stdout.read().decode()[-2000:])
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _open(browser, url: str, width: int = 1400):
    context = browser.new_context(viewport={"width": width, "height": 2000})
    page = context.new_page()
    page.goto(url)
    _settle(page)
    return context, page


def _settle(page) -> None:
    page.wait_for_selector("[data-test-script-state=notRunning]", timeout=60_000)
    page.wait_for_selector("[data-testid=stMetricValue]", timeout=60_000)
    page.wait_for_timeout(800)


def _changed_metrics(page, before: list[str], timeout: float = 30) -> list[str]:
    """Return the metrics once the rerun after an input has replaced `before` (or after `timeout`)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        _settle(page)
        now = _metrics(page)
        if now != before and len(now) == len(before):
            return now
        page.wait_for_timeout(300)
    return _metrics(page)


def _metrics(page) -> list[str]:
    return page.locator("[data-testid=stMetricValue]").all_inner_texts()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_moved_slider_travels_in_the_url_to_a_fresh_browser(browser, app_url):
    context, page = _open(browser, app_url)
    overview_before = _metrics(page)
    _shot(page, "overview_default")
    page.get_by_role("link", name="Legeårsverk").click()
    page.wait_for_url("**/physicians**")
    _settle(page)
    before = _metrics(page)
    assert len(before) == 6 and page.locator("[data-testid=stException]").count() == 0
    _shot(page, "physicians_default")

    slider = page.locator("[data-testid=stSlider]").filter(has_text="Avgang spesialister")
    slider.locator("input[type=range]").focus()
    for _ in range(7):  # 3.3 -> 4.0 %/year
        page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('exit_rate_pct=4')", timeout=30_000)
    moved = _changed_metrics(page, before)
    assert moved != before
    shared = page.url
    _shot(page, "physicians_exit_rate_4")
    context.close()

    fresh, page2 = _open(browser, shared)
    assert _metrics(page2) == moved
    assert "4.0" in page2.locator("[data-testid=stSlider]").filter(has_text="Avgang spesialister").inner_text()
    # The scenario stays in the URL across pages: the overview shows the moved numbers too.
    page2.get_by_role("link", name="Oversikt").click()
    page2.wait_for_function("() => location.search.includes('exit_rate_pct=4')", timeout=30_000)
    _settle(page2)
    assert _changed_metrics(page2, overview_before) != overview_before
    _shot(page2, "overview_exit_rate_4")
    fresh.close()


def test_garbage_url_falls_back_to_defaults_without_an_error_page(browser, app_url):
    context, page = _open(browser, app_url + "/physicians")
    defaults = _metrics(page)
    context.close()
    context, page = _open(browser, app_url + "/physicians?horizon=abc&exit_rate_pct=99&nope=1"
                                             "&training_years=5&training_years=7")
    assert page.locator("[data-testid=stException]").count() == 0
    assert _metrics(page) == defaults
    _shot(page, "physicians_garbage_url")
    context.close()


def test_english_switch_and_tablet_width(browser, app_url):
    context, page = _open(browser, app_url + "/physicians?lang=English", width=820)
    assert page.get_by_text("Physician FTEs: supply, need and gap").count() == 1
    assert page.locator("[data-testid=stException]").count() == 0
    _shot(page, "physicians_english_tablet")
    context.close()


def test_board_downloads_pdf_and_excel_with_the_screen_numbers(browser, app_url, tmp_path):
    import io

    import pandas as pd
    import pypdf

    context, page = _open(browser, app_url + "/?exit_rate_pct=4.5")
    shown = _metrics(page)
    with page.expect_download(timeout=60_000) as pdf_download:
        page.get_by_text("Styresammendrag (PDF, én side)").click()
    pdf_path = tmp_path / "summary.pdf"
    pdf_download.value.save_as(pdf_path)
    reader = pypdf.PdfReader(str(pdf_path))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for value in shown:
        assert value.split(" ")[0] in text, value
    assert "Avgang spesialister (%/år): 4.5" in text

    with page.expect_download(timeout=60_000) as xlsx_download:
        page.get_by_text("Alle tabeller (Excel)").click()
    book = pd.read_excel(io.BytesIO(open(xlsx_download.value.path(), "rb").read()), sheet_name=None)
    assert "assumptions" in book and "physician_plan" in book
    exit_rate = book["assumptions"].set_index("key").loc["exit_rate_pct"]
    assert exit_rate["value"] == 4.5 and bool(exit_rate["changed"])
    _shot(page, "overview_downloads")
    context.close()


def _upload(page, path) -> None:
    """Choose a scenario file and press apply once the upload's rerun has enabled the button."""
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(path))
    button = page.get_by_role("button", name="Bruk scenarioet")
    playwright.expect(button).to_be_enabled(timeout=30_000)
    _settle(page)
    button.click()


def test_scenario_file_is_applied_whole_or_refused_whole(browser, app_url, tmp_path):
    context, page = _open(browser, app_url + "/physicians")
    before = _metrics(page)
    page.get_by_text("Scenario: del, lagre, last inn").click()
    bad = tmp_path / "bad.yaml"
    bad.write_text("exit_rate_pct: 5\nhorizont: 2045\ntraining_years: 4.5\n")
    _upload(page, bad)
    page.get_by_text("nothing applied").wait_for(timeout=30_000)
    error = page.locator("[data-testid=stAlertContentError]").inner_text()
    assert "'horizont': unknown parameter" in error and "'training_years': 4.5" in error
    _settle(page)
    assert _metrics(page) == before  # exit_rate_pct 5 was not applied either
    _shot(page, "scenario_upload_refused")

    good = tmp_path / "good.yaml"
    good.write_text("exit_rate_pct: 5\ntraining_years: 6\n")
    _upload(page, good)
    page.wait_for_function("() => location.search.includes('exit_rate_pct=5') && "
                           "location.search.includes('training_years=6')", timeout=30_000)
    assert _changed_metrics(page, before) != before
    context.close()
