"""The Beredskap page in a real browser (Debian's Chromium): a stress-test slider travels in the URL."""

from __future__ import annotations

import pytest

from browser_support import changed_metrics, metrics, require_chromium, shot

pytestmark = pytest.mark.slow
require_chromium()
playwright = pytest.importorskip("playwright.sync_api")


def test_units_out_slider_changes_the_backlog_and_the_link_opens_the_same_numbers(open_in_browser, app_url):
    context, page = open_in_browser(f"{app_url}/preparedness?lang=English")
    before = metrics(page)
    assert len(before) == 8 and page.locator("[data-testid=stException]").count() == 0
    shot(page, "preparedness_default", full_page=True)
    slider = page.locator("[data-testid=stSlider]").filter(has_text="Units out of service")
    slider.locator("input[type=range]").focus()
    for _ in range(13):  # 2 -> 15 MRI units out at OUS
        page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('prep_units_out=15')", timeout=30_000)
    moved = changed_metrics(page, before)
    assert moved != before and moved[4] != "0"  # the units-out test now leaves exams undone
    shared = page.url
    context.close()
    fresh, page2 = open_in_browser(shared)
    assert metrics(page2) == moved
    shot(page2, "preparedness_units_out_15")
    fresh.close()
