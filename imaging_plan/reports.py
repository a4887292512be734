"""Exports for the board and for analysts: one Excel workbook, one-page PDF summary.

Both are built in memory from DataFrames, without a browser: the PDF is drawn
with matplotlib (already installed with Prophet), in the same palette as the app.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pandas as pd

from .charts import PALETTE

SERIES_COLOURS = [PALETTE["blue"], PALETTE["vermillion"], PALETTE["green"], PALETTE["orange"],
                  PALETTE["purple"], PALETTE["sky_blue"], PALETTE["black"]]


def excel_workbook(tables: dict[str, pd.DataFrame], assumptions: pd.DataFrame) -> bytes:
    """Return an .xlsx with one sheet per table and the assumptions on their own sheet."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        assumptions.to_excel(writer, sheet_name="assumptions", index=False)
        used = {"assumptions"}
        for name, frame in tables.items():
            sheet = _sheet_name(name, used)
            frame.to_excel(writer, sheet_name=sheet, index=False)
    return buffer.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    """Return an Excel-safe, unique sheet name (31 characters, no []:*?/\\)."""
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "sheet"
    sheet, i = base, 2
    while sheet.lower() in {u.lower() for u in used}:
        suffix = f"_{i}"
        sheet, i = base[:31 - len(suffix)] + suffix, i + 1
    used.add(sheet)
    return sheet


@dataclass
class Headline:
    """One figure on the board summary: label, formatted value, and what it means in a sentence."""

    label: str
    value: str
    sentence: str


@dataclass
class SmallChart:
    """A small line chart: long data with year, series, value (and optional lower, upper band)."""

    title: str
    unit: str
    data: pd.DataFrame
    illustrative: bool = False
    colours: dict = field(default_factory=dict)  # series -> colour, to match the app


@dataclass
class BoardSummary:
    title: str
    subtitle: str
    headlines: list[Headline]
    charts: list[SmallChart]
    assumptions: pd.DataFrame  # columns: label, value, default, changed (bool), source
    footer: str
    notes: list[str] = field(default_factory=list)


def board_summary_pdf(summary: BoardSummary) -> bytes:
    """Return a one-page A4 PDF of the summary: headlines, up to four small charts, assumptions."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"pdf.fonttype": 42, "font.size": 7, "axes.titlesize": 8,
                         "axes.spines.top": False, "axes.spines.right": False})
    fig = plt.figure(figsize=(8.27, 11.69))  # A4 portrait, inches
    fig.text(0.06, 0.965, summary.title, fontsize=14, weight="bold", va="top")
    fig.text(0.06, 0.94, summary.subtitle, fontsize=8, va="top", color="#444444")

    y = 0.915
    for h in summary.headlines:  # every headline the screen shows (the assumptions list is cut instead)
        fig.text(0.06, y, f"{h.label}:  ", fontsize=8, weight="bold", va="top")
        fig.text(0.50, y, h.value, fontsize=9, weight="bold", va="top", ha="left")
        fig.text(0.06, y - 0.014, _wrap(h.sentence, 140, lines=1), fontsize=7, va="top", color="#333333")
        y -= 0.034
    for note in summary.notes:
        fig.text(0.06, y, _wrap(note, 130), fontsize=7, va="top", color=PALETTE["vermillion"])
        y -= 0.02

    charts = summary.charts[:4]
    top = y - 0.02
    height = 0.19
    for i, chart in enumerate(charts):
        col, row = i % 2, i // 2
        ax = fig.add_axes([0.08 + col * 0.47, top - (row + 1) * (height + 0.045) + 0.02, 0.39, height])
        _draw(ax, chart)
    table_top = top - ((len(charts) + 1) // 2) * (height + 0.045) - 0.01

    fig.text(0.06, table_top, "Assumptions / Forutsetninger", fontsize=8, weight="bold", va="top")
    y = table_top - 0.018
    for _, row in summary.assumptions.iterrows():
        if y < 0.05:
            fig.text(0.06, y, "… (see the Excel workbook for all assumptions)", fontsize=6, va="top")
            break
        mark = "● " if row["changed"] else "  "
        fig.text(0.06, y, f"{mark}{row['label']}: {_number(row['value'])} (default {_number(row['default'])})",
                 fontsize=6.2, va="top", weight="bold" if row["changed"] else "normal")
        fig.text(0.50, y, _wrap(str(row["source"]), 95, lines=1), fontsize=5.5, va="top", color="#555555")
        y -= 0.0135
    fig.text(0.06, 0.025, summary.footer, fontsize=6, color="#555555")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="pdf")
    plt.close(fig)
    return buffer.getvalue()


def _number(value) -> str:
    """Return 2040 for 2040.0 and 3.3 for 3.3: assumption values as a person writes them."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def _draw(ax, chart: SmallChart) -> None:
    data = chart.data
    groups = list(data.groupby("series", sort=False))
    colours = [chart.colours.get(str(name), c) for (name, _), c in zip(groups, SERIES_COLOURS)]
    for colour, (series, rows) in zip(colours, groups):
        rows = rows.sort_values("year")
        if {"lower", "upper"} <= set(rows) and rows["lower"].notna().any():
            ax.fill_between(rows["year"], rows["lower"], rows["upper"], color=colour, alpha=0.15, lw=0)
        ax.plot(rows["year"], rows["value"], color=colour, lw=1.3, label=str(series))
    title = chart.title + ("  [ILLUSTRATIVE DATA]" if chart.illustrative else "")
    ax.set_title(title, loc="left")
    ax.set_ylabel(chart.unit)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=5.5, frameon=False, loc="best")
    ax.grid(alpha=0.3, lw=0.4)


def _wrap(text: str, width: int, lines: int = 3) -> str:
    words, out, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1] + "…"
    return "\n".join(out)
