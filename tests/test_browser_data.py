"""The Data page in a real browser, as a planner uses it: upload, refusal, Excel template.

A physician file with every FTE doubled changes the Overview's and the Physicians page's
figures; a file with a negative FTE is refused naming its line and column and changes
nothing; the Excel template, downloaded from the page and filled in, is accepted.
The background refit is switched off in the browser tests' server (IMAGING_PLAN_REFIT=off,
conftest.app_url): it is tested on its own in test_data_page.py, and would only compete for the CPU.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from browser_support import go_to, metrics, require_chromium, runs, settle, shot
from imaging_plan import paths

pytestmark = pytest.mark.slow
require_chromium()
playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module", autouse=True)
def shipped_data_untouched():
    """After the module: nothing uploaded ever reached data/, the shipped files are as they were."""
    yield
    assert not any(p.name.startswith("_") for p in paths.DATA_DIR.iterdir())


def _figures(page) -> tuple[list[str], list[str]]:
    """Return the Overview's and the Physicians page's metrics, reached through the menu (same session)."""
    go_to(page, "Oversikt")
    overview = metrics(page)
    go_to(page, "Legeårsverk")
    assert "/physicians" in page.url
    return overview, metrics(page)


def _upload_physicians(page, path: Path) -> None:
    go_to(page, "Data", metrics=False)
    block = page.locator("[data-testid=stExpander]").filter(has_text="physician_ftes.csv").first
    if block.locator("input[type=file]").count() == 0 or not block.locator("input[type=file]").is_visible():
        block.locator("summary").first.click()
    before = runs(page)
    block.locator("input[type=file]").set_input_files(str(path))
    # Accepted or refused, the file's block says so once the upload's rerun is over.
    settle(page, metrics=False, after=before)
    block.locator("[data-testid=stAlert]").first.wait_for(timeout=60_000)


def test_doubled_physician_ftes_change_the_overview_and_physicians_figures(open_in_browser, app_url, tmp_path):
    shipped = pd.read_csv(paths.DATA_DIR / "physician_ftes.csv")
    doubled = shipped.assign(fte=shipped["fte"] * 2)
    path = tmp_path / "physicians_doubled.csv"
    doubled.to_csv(path, index=False)

    context, page = open_in_browser(app_url)
    before = _figures(page)
    _upload_physicians(page, path)
    assert page.get_by_text("Din fil physicians_doubled.csv brukes i denne økten.").count() == 1
    shot(page, "data_doubled_accepted", full_page=True)
    after = _figures(page)
    assert after[0] != before[0] and after[1] != before[1]
    assert len(after[0]) == len(before[0]) and len(after[1]) == len(before[1])
    # The radiology gap at the horizon doubles (need and supply both scale with the FTEs).
    gap = lambda text: float(text.split(" / ")[-1].split(" ")[0].replace("\u00a0", "").replace(",", "."))
    assert gap(after[0][0]) == pytest.approx(2 * gap(before[0][0]), abs=1.0)
    shot(page, "physicians_doubled", full_page=True)
    # The share link says it was made on uploaded data; opened without the data, it says so.
    assert "data=" in page.url
    fresh, page2 = open_in_browser(page.url)
    assert page2.get_by_text("Denne lenken ble laget på opplastede data").count() == 1
    assert metrics(page2) == before[1]  # the shipped figures, and the page says they are
    shot(page2, "physicians_link_without_data", full_page=True)
    fresh.close()
    context.close()


def test_negative_fte_is_refused_naming_line_and_column_and_changes_nothing(open_in_browser, app_url, tmp_path):
    shipped = pd.read_csv(paths.DATA_DIR / "physician_ftes.csv")
    bad = shipped.copy()
    bad.loc[4, "fte"] = -3  # file line 6 (line 1 is the header)
    path = tmp_path / "physicians_negative.csv"
    bad.to_csv(path, index=False)

    context, page = open_in_browser(app_url)
    before = _figures(page)
    _upload_physicians(page, path)
    alert = page.locator("[data-testid=stAlert]").filter(has_text="avvist")
    assert alert.count() == 1
    text = alert.inner_text()
    assert "line 6, column 'fte'" in text and "must not be negative" in text
    shot(page, "data_negative_refused", full_page=True)
    assert _figures(page) == before
    context.close()


def test_the_excel_template_filled_in_is_accepted(open_in_browser, app_url, tmp_path):
    from openpyxl import load_workbook

    context, page = open_in_browser(app_url)
    go_to(page, "Data", metrics=False)
    block = page.locator("[data-testid=stExpander]").filter(has_text="physician_ftes.csv").first
    block.locator("summary").first.click()
    with page.expect_download(timeout=60_000) as download:
        block.get_by_text("Mal (Excel)").click()
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)

    book = load_workbook(template)  # fill in: the 2025 radiology consultants become 400
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        values = dict(zip(header, (c.value for c in row)))
        if values["year"] == 2025 and values["specialty"] == "radiology" and values["category"] == "consultant":
            row[header.index("fte")].value = 400
    filled = tmp_path / "legeårsverk_utfylt.xlsx"
    book.save(filled)

    _upload_physicians(page, filled)
    assert page.get_by_text("Din fil legeårsverk_utfylt.xlsx brukes i denne økten.").count() == 1
    assert page.locator("[data-testid=stException]").count() == 0
    shot(page, "data_excel_accepted", full_page=True)
    context.close()
