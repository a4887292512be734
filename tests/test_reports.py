"""Exports: the Excel workbook and the one-page PDF, read back and checked."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from imaging_plan.views import reports


def _assumptions():
    return pd.DataFrame(
        {
            "label": ["Exit rate", "Horizon"],
            "value": [4.0, 2040],
            "default": [3.3, 2040],
            "changed": [True, False],
            "source": ["Assumption: 30-year career", "Plan to 2040"],
        }
    )


def test_workbook_has_a_sheet_per_table_and_the_assumptions():
    tables = {
        "physician_plan": pd.DataFrame({"year": [2025, 2026], "gap": [0.0, 1.5]}),
        "a/very:long*name[that]exceeds thirty-one characters": pd.DataFrame({"x": [1]}),
    }
    book = pd.read_excel(io.BytesIO(reports.excel_workbook(tables, _assumptions())), sheet_name=None)
    assert list(book)[:2] == ["cover", "assumptions"] and len(book) == 4
    assert book["physician_plan"]["gap"].tolist() == [0.0, 1.5]
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in book)
    assert book["assumptions"]["source"].iloc[0] == "Assumption: 30-year career"


def test_sheet_names_stay_unique_after_truncation():
    used = set()
    names = [reports._sheet_name("x" * 40, used) for _ in range(3)]
    assert len(set(names)) == 3


def test_board_summary_is_one_pdf_page_with_its_numbers_and_illustrative_flag():
    pypdf = pytest.importorskip("pypdf")
    chart = pd.DataFrame(
        {
            "year": [2025, 2026, 2027] * 2,
            "series": ["Need"] * 3 + ["Supply"] * 3,
            "value": [1.0, 2.0, 3.0, 1.0, 1.5, 2.0],
            "lower": [None] * 6,
            "upper": [None] * 6,
        }
    )
    summary = reports.BoardSummary(
        title="Board summary",
        subtitle="Scenario: baseline",
        headlines=[reports.Headline("Radiology gap 2040", "412 FTEs", "Too few radiologists.")],
        charts=[
            reports.SmallChart("Radiology", "FTEs", chart),
            reports.SmallChart("Equipment", "units", chart, illustrative=True),
        ],
        assumptions=_assumptions(),
        footer="Data version abc123, made 2026-11-28",
    )
    pdf = pypdf.PdfReader(io.BytesIO(reports.board_summary_pdf(summary)))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    for expected in ("Board summary", "Radiology gap 2040", "412 FTEs", "ILLUSTRATIVE", "abc123", "Exit rate"):
        assert expected in text, expected


def test_illustrative_tables_say_so_on_every_row_and_on_the_cover():
    tables = {
        "equipment_schedule": pd.DataFrame({"year": [2026, 2027], "units": [3, 4]}),
        "physician_plan": pd.DataFrame({"year": [2026], "gap": [1.0]}),
    }
    label = "ILLUSTRERENDE DATA: genererte rader"
    book = pd.read_excel(
        io.BytesIO(reports.excel_workbook(tables, _assumptions(), illustrative={"equipment_schedule"}, label=label)),
        sheet_name=None,
    )
    marked = book["equipment_schedule"]
    assert list(marked.columns) == ["illustrative", "year", "units"]
    assert (marked["illustrative"] == label).all() and marked["units"].tolist() == [3, 4]
    assert "illustrative" not in book["physician_plan"].columns
    cover = book["cover"]
    assert ((cover["item"] == label) & (cover["value"] == "equipment_schedule")).sum() == 1
    assert "physician_plan" not in cover["value"].astype(str).tolist()


def test_mark_illustrative_puts_the_label_first_and_once():
    frame = pd.DataFrame({"year": [2026], "units": [2]})
    once = reports.mark_illustrative(frame, "X")
    assert list(once.columns) == ["illustrative", "year", "units"]
    assert list(reports.mark_illustrative(once, "X").columns) == list(once.columns)
    assert "illustrative" not in frame.columns  # the caller's frame is left as it was


def _long_summary(n: int = 9, label: str = "ILLUSTRERENDE DATA") -> reports.BoardSummary:
    chart = pd.DataFrame({"year": [2025, 2026, 2027], "series": ["Need"] * 3, "value": [1.0, 2.0, 3.0]})
    headlines = [
        reports.Headline(
            f"Headline {i}: nye spesialister per år, behov / fra godkjenninger i radiologi",
            f"{50 + i},5 / 39,2 årsverk",
            f"Sentence {i} " + "with many words that go on " * 8 + f"and ends with the word end{i}.",
        )
        for i in range(n)
    ]
    return reports.BoardSummary(
        title="Board summary",
        subtitle="Scenario",
        headlines=headlines,
        charts=[reports.SmallChart(f"Chart {i}", "FTEs", chart, illustrative=i == 3) for i in range(4)],
        assumptions=_assumptions(),
        footer="footer",
        notes=["Utstyr: bygger på illustrerende data."],
        illustrative_label=label,
    )


def test_pdf_prints_every_headline_whole_in_one_page():
    pypdf = pytest.importorskip("pypdf")
    pdf = pypdf.PdfReader(io.BytesIO(reports.board_summary_pdf(_long_summary())))
    assert len(pdf.pages) == 1
    text = " ".join(pdf.pages[0].extract_text().split())
    for i in range(9):  # nine headlines, each sentence to its last word (none cut to one line)
        assert f"Headline {i}:" in text and f"end{i}." in text, i
    assert "[ILLUSTRERENDE DATA]" in text and "ILLUSTRATIVE" not in text


def test_pdf_keeps_no_break_spaces_of_norwegian_numbers():
    pypdf = pytest.importorskip("pypdf")
    summary = _long_summary(n=1)
    summary.headlines[0].value = "1\u00a0443 årsverk"
    summary.headlines[0].sentence = "Regionen må ansette om lag 1\u00a0443 radiografårsverk fram til 2040."
    text = pypdf.PdfReader(io.BytesIO(reports.board_summary_pdf(summary))).pages[0].extract_text()
    assert text.count("1\u00a0443") == 2


def test_pdf_texts_do_not_overprint():
    import matplotlib.pyplot as plt

    fig = reports.board_figure(_long_summary())
    renderer = fig.canvas.get_renderer()
    boxes = [(txt.get_text(), txt.get_window_extent(renderer)) for txt in fig.texts if txt.get_text()]
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            assert not box_a.overlaps(box_b), f"{a[:40]!r} overprints {b[:40]!r}"
    # and no text runs into a chart
    for ax in fig.axes:
        frame = ax.get_tightbbox(renderer)
        for text, box in boxes:
            assert not box.overlaps(frame), f"{text[:40]!r} runs into a chart"
    plt.close(fig)


def test_only_the_tables_built_on_illustrative_rows_are_marked_in_csv():
    from imaging_plan.views.exports import csv_bytes, illustrative_tables
    from imaging_plan.views.sections import Section

    frame = pd.DataFrame({"year": [2026], "x": [1.0]})
    staff = Section(
        "Staff",
        [],
        None,
        None,
        tables={"staff_plan": frame, "turnover_flags": frame},
        illustrative=True,
        illustrative_tables=("turnover_flags",),
    )
    equipment = Section("Equipment", [], None, None, tables={"equipment_schedule": frame}, illustrative=True)
    real = Section("Physicians", [], None, None, tables={"physician_plan": frame})
    found = [staff, equipment, real]
    assert illustrative_tables(found) == {"turnover_flags", "equipment_schedule"}

    class Ctx:
        lang = "nb"

    marked = pd.read_csv(io.BytesIO(csv_bytes(Ctx, found, "turnover_flags", frame)))
    assert marked.columns[0] == "illustrative" and marked["illustrative"].str.startswith("ILLUSTRERENDE DATA").all()
    plain = pd.read_csv(io.BytesIO(csv_bytes(Ctx, found, "staff_plan", frame)))
    assert list(plain.columns) == ["year", "x"]


def test_a_long_assumption_list_stops_above_the_footer():
    import matplotlib.pyplot as plt

    summary = _long_summary(n=3)
    summary.footer = "Data version abc123, package 0.1.0. " + "A footer long enough to wrap onto a second line. " * 4
    summary.assumptions = pd.DataFrame(
        {
            "label": [
                f"Recruitment from outside beyond the calibration, assumption number {i} (FTEs/year)" for i in range(60)
            ],
            "value": [1.5] * 60,
            "default": [0.0] * 60,
            "changed": [True] * 60,
            "source": ["A source that runs on " * 10] * 60,
        }
    )
    fig = reports.board_figure(summary)
    renderer = fig.canvas.get_renderer()
    boxes = [(txt.get_text(), txt.get_window_extent(renderer)) for txt in fig.texts if txt.get_text()]
    footer = [box for text, box in boxes if text.startswith("Data version")]
    assert len(footer) == 1 and footer[0].y0 >= 0  # on the page, wrapped
    for text, box in boxes:
        if not text.startswith("Data version"):
            assert box.y0 > footer[0].y1, f"{text[:40]!r} runs into the footer"
    for i, (a, box_a) in enumerate(boxes):  # and the wrapped labels overprint neither the sources nor each other
        for b, box_b in boxes[i + 1 :]:
            assert not box_a.overlaps(box_b), f"{a[:40]!r} overprints {b[:40]!r}"
    assert any(text.startswith("…") for text, _ in boxes)  # says the rest is in the workbook
    plt.close(fig)
