"""Exports: the Excel workbook and the one-page PDF, read back and checked."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from imaging_plan import reports


def _assumptions():
    return pd.DataFrame({"label": ["Exit rate", "Horizon"], "value": [4.0, 2040], "default": [3.3, 2040],
                         "changed": [True, False], "source": ["Assumption: 30-year career", "Plan to 2040"]})


def test_workbook_has_a_sheet_per_table_and_the_assumptions():
    tables = {"physician_plan": pd.DataFrame({"year": [2025, 2026], "gap": [0.0, 1.5]}),
              "a/very:long*name[that]exceeds thirty-one characters": pd.DataFrame({"x": [1]})}
    book = pd.read_excel(io.BytesIO(reports.excel_workbook(tables, _assumptions())), sheet_name=None)
    assert list(book)[0] == "assumptions" and len(book) == 3
    assert book["physician_plan"]["gap"].tolist() == [0.0, 1.5]
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in book)
    assert book["assumptions"]["source"].iloc[0] == "Assumption: 30-year career"


def test_sheet_names_stay_unique_after_truncation():
    used = set()
    names = [reports._sheet_name("x" * 40, used) for _ in range(3)]
    assert len(set(names)) == 3


def test_board_summary_is_one_pdf_page_with_its_numbers_and_illustrative_flag():
    pypdf = pytest.importorskip("pypdf")
    chart = pd.DataFrame({"year": [2025, 2026, 2027] * 2, "series": ["Need"] * 3 + ["Supply"] * 3,
                          "value": [1.0, 2.0, 3.0, 1.0, 1.5, 2.0], "lower": [None] * 6, "upper": [None] * 6})
    summary = reports.BoardSummary(
        title="Board summary", subtitle="Scenario: baseline",
        headlines=[reports.Headline("Radiology gap 2040", "412 FTEs", "Too few radiologists.")],
        charts=[reports.SmallChart("Radiology", "FTEs", chart),
                reports.SmallChart("Equipment", "units", chart, illustrative=True)],
        assumptions=_assumptions(), footer="Data version abc123, made 2026-11-28")
    pdf = pypdf.PdfReader(io.BytesIO(reports.board_summary_pdf(summary)))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    for expected in ("Board summary", "Radiology gap 2040", "412 FTEs", "ILLUSTRATIVE", "abc123", "Exit rate"):
        assert expected in text, expected
