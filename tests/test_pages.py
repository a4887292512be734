"""The page records: each page declared once, and what reads them."""

import importlib

import pytest

from imaging_plan.app import pages
from imaging_plan.planning import scenario
from imaging_plan.planning.assumptions import ASSUMPTIONS, in_group


@pytest.mark.parametrize("record", pages.PAGES, ids=lambda p: p.path)
def test_a_record_names_a_page_that_renders_and_groups_that_exist(record):
    assert callable(importlib.import_module(f"imaging_plan.app.{record.module}").render)
    assert all(in_group(group) for group in record.groups), record.groups


def test_a_pages_own_url_keys_are_not_read_as_assumptions():
    assert pages.is_page_key("staff_trusts") and pages.is_page_key("method_radiology")
    assert not any(pages.is_page_key(key) for key in (*ASSUMPTIONS, *scenario.CHOICES, "lang"))


def test_every_assumption_group_is_drawn_on_some_page():
    drawn = {group for record in pages.PAGES for group in record.groups}
    assert {a.group for a in ASSUMPTIONS.values()} <= drawn
