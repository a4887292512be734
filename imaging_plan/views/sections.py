"""What a forecast page contributes to the board's overview and its exports.

Each topic in `app.pages.TOPICS` offers `section(snapshot) -> Section | None`; the
overview draws them in menu order, and the Excel and PDF exports are built from
the same sections, so a board member's screen and the downloaded summary show
the same numbers. A Section is computed once per scenario and shared: read it, never change it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from imaging_plan.views.reports import Headline, SmallChart


@dataclass(frozen=True)
class Section:
    title: str
    headlines: list[Headline]  # label, formatted value, one plain sentence
    chart: dict | None  # the small chart on screen, a finished Vega-Lite spec
    pdf_chart: SmallChart | None  # the same data for the PDF
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)  # for CSV and Excel
    groups: tuple[str, ...] = ()  # assumption groups behind the numbers
    illustrative: bool = False  # built on generated demonstration rows
    # the tables built on those rows (labelled in exports); None: every table of an illustrative section
    illustrative_tables: tuple[str, ...] | None = None
    note: str | None = None  # e.g. "forecast missing: run ..."
