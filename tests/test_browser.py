"""The app in a real browser (Debian's Chromium driven by Playwright), as a planner uses it.

Uses the app the test worker serves on a free localhost port (conftest.app_url), moves a slider, copies
the address into a fresh browser context and checks the same numbers appear;
opens a link with garbage parameters and checks the defaults and no error.
Screenshots go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from browser_support import changed_metrics, go_to, metrics, require_chromium, runs, settle, shot

pytestmark = pytest.mark.slow
require_chromium()
playwright = pytest.importorskip("playwright.sync_api")


def test_warming_opens_every_page_in_both_languages_without_an_error(app_url, capsys):
    """What `make serve` does to each replica once it answers (first here: the next tests find it warm).

    In a thread of its own: an open Playwright keeps an event loop running in this one."""
    from imaging_plan.app import pages, warm
    from imaging_plan.i18n import LANGUAGES

    port = int(app_url.rsplit(":", 1)[1])
    with ThreadPoolExecutor(1) as thread:
        assert thread.submit(warm.main, ["--port", str(port)]).result() == 0
        runs_ = thread.submit(asyncio.run, warm.warm(port, ("en",), at_horizons=(2031,))).result()
    assert f"Replica {port} warmed: {len(pages.PAGES) * len(LANGUAGES)} page runs" in capsys.readouterr().out
    overview = pages.PAGES[0].path
    assert [(page, lang) for page, lang, _ in runs_] == [(p.path, "en") for p in pages.PAGES] + [
        (f"{overview}?horizon=2031", "en")  # checked: the page drew the slider at 2031
    ]
    assert not [error for *_, error in runs_ if error]  # each run says whether its page showed an exception


def test_moved_slider_travels_in_the_url_to_a_fresh_browser(open_in_browser, app_url):
    context, page = open_in_browser(app_url)
    overview_before = metrics(page)
    shot(page, "overview_default")
    go_to(page, "Legeårsverk")
    before = metrics(page)
    assert len(before) == 6 and page.locator("[data-testid=stException]").count() == 0
    shot(page, "physicians_default")

    slider = page.locator("[data-testid=stSlider]").filter(has_text="Avgang spesialister")
    slider.locator("input[type=range]").focus()
    for _ in range(7):  # 3.3 -> 4.0 %/year
        page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('exit_rate_pct=4')", timeout=30_000)
    moved = changed_metrics(page, before)
    assert moved != before
    shared = page.url
    shot(page, "physicians_exit_rate_4")
    context.close()

    fresh, page2 = open_in_browser(shared)
    assert metrics(page2) == moved
    assert "4.0" in page2.locator("[data-testid=stSlider]").filter(has_text="Avgang spesialister").inner_text()
    # The scenario stays in the URL across pages: the overview shows the moved numbers too.
    go_to(page2, "Oversikt")
    page2.wait_for_function("() => location.search.includes('exit_rate_pct=4')", timeout=30_000)
    assert changed_metrics(page2, overview_before) != overview_before
    shot(page2, "overview_exit_rate_4")
    fresh.close()


def test_garbage_url_falls_back_to_defaults_without_an_error_page(open_in_browser, app_url):
    context, page = open_in_browser(app_url + "/physicians")
    defaults = metrics(page)
    context.close()
    context, page = open_in_browser(
        app_url + "/physicians?horizon=abc&exit_rate_pct=99&nope=1&training_years=5&training_years=7"
    )
    assert page.locator("[data-testid=stException]").count() == 0
    assert metrics(page) == defaults
    shot(page, "physicians_garbage_url")
    context.close()


def _lang_in_url(page) -> list[str]:
    return page.evaluate("() => new URLSearchParams(location.search).getAll('lang')")


def test_english_link_opens_in_english_at_tablet_width(open_in_browser, app_url):
    # The README's link, opened fresh: English, and the code stays in the address.
    context, page = open_in_browser(app_url + "/physicians?lang=en", width=820)
    assert page.get_by_text("Physician FTEs: supply, need and gap").count() == 1
    assert page.locator("[data-testid=stException]").count() == 0
    assert _lang_in_url(page) == ["en"]
    shot(page, "physicians_english_tablet")
    context.close()


def test_language_switch_writes_its_code_and_the_code_survives_pages(open_in_browser, app_url):
    context, page = open_in_browser(app_url + "/?lang=en")
    page.get_by_role("heading", name="Overview for the board").wait_for()
    assert _lang_in_url(page) == ["en"]
    switch = page.locator("[data-testid=stSidebar] [data-testid=stButtonGroup]")
    # Bokmål is the default: the key leaves the address.
    switch.get_by_text("Norsk", exact=True).click()
    page.get_by_role("heading", name="Oversikt for styret").wait_for()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('lang')", timeout=30_000)
    # English writes the code, never the label.
    switch.get_by_text("English", exact=True).click()
    page.get_by_role("heading", name="Overview for the board").wait_for()
    _wait_for_query(page, "lang=en")
    assert _lang_in_url(page) == ["en"]
    page.get_by_role("link", name="Physician FTEs").click()
    page.wait_for_url("**/physicians**")
    page.get_by_role("heading", name="Physician FTEs: supply, need and gap").wait_for()
    _wait_for_query(page, "lang=en")
    settle(page)
    assert _lang_in_url(page) == ["en"]
    context.close()


def test_board_downloads_pdf_and_excel_with_the_screen_numbers(open_in_browser, app_url, tmp_path):
    import io

    import pandas as pd
    import pypdf

    context, page = open_in_browser(app_url + "/?exit_rate_pct=4.5")
    shown = metrics(page)
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
    shot(page, "overview_downloads")
    context.close()


def _upload(page, path) -> None:
    """Choose a scenario file and press apply once the upload's rerun has finished.

    Waiting for that run, not for the button: after an earlier file the button is enabled already,
    and a click before the upload's run would apply the earlier file again."""
    before = runs(page)
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(str(path))
    settle(page, after=before)
    button = page.get_by_role("button", name="Bruk scenarioet")
    playwright.expect(button).to_be_enabled(timeout=30_000)
    button.click()


def test_scenario_file_is_applied_whole_or_refused_whole(open_in_browser, app_url, tmp_path):
    context, page = open_in_browser(app_url + "/physicians")
    before = metrics(page)
    page.get_by_text("Scenario: del, lagre, last inn").click()
    bad = tmp_path / "bad.yaml"
    bad.write_text("exit_rate_pct: 5\nhorizont: 2045\ntraining_years: 4.5\n")
    _upload(page, bad)
    page.get_by_text("nothing applied").wait_for(timeout=30_000)
    error = page.locator("[data-testid=stAlertContentError]").inner_text()
    assert "'horizont': unknown parameter" in error and "'training_years': 4.5" in error
    settle(page)
    assert metrics(page) == before  # exit_rate_pct 5 was not applied either
    shot(page, "scenario_upload_refused")

    good = tmp_path / "good.yaml"
    good.write_text("exit_rate_pct: 5\ntraining_years: 6\n")
    _upload(page, good)
    page.wait_for_function(
        "() => location.search.includes('exit_rate_pct=5') && location.search.includes('training_years=6')",
        timeout=30_000,
    )
    assert changed_metrics(page, before) != before
    context.close()


def _wait_for_query(page, text: str) -> None:
    page.wait_for_function(f"() => location.search.includes('{text}')", timeout=30_000)


def test_a_value_set_on_equipment_survives_other_pages_and_a_copied_link(open_in_browser, app_url):
    context, page = open_in_browser(app_url + "/equipment")
    slider = page.locator("[data-testid=stSlider]").filter(has_text="Levetid MR")
    slider.locator("input[type=range]").focus()
    before = runs(page)
    for _ in range(2):  # 10 -> 12 years
        page.keyboard.press("ArrowRight")
    _wait_for_query(page, "lifetime_mr_years=12")
    settle(page, after=before)
    # The physicians page does not draw the equipment sliders, yet keeps the value in the link.
    go_to(page, "Legeårsverk")
    assert page.locator("[data-testid=stSlider]").filter(has_text="Levetid MR").count() == 0
    _wait_for_query(page, "lifetime_mr_years=12")
    go_to(page, "Oversikt")
    _wait_for_query(page, "lifetime_mr_years=12")
    assert page.locator("[data-testid=stException]").count() == 0
    shared = page.url
    shot(page, "overview_carrying_equipment_value")
    context.close()

    fresh, page2 = open_in_browser(shared)
    go_to(page2, "Utstyr")
    value = page2.locator("[data-testid=stSlider]").filter(has_text="Levetid MR")
    assert "12" in value.locator("[data-testid=stSliderThumbValue]").inner_text()
    shot(page2, "equipment_from_copied_link")
    fresh.close()
