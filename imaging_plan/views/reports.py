"""Exports for the board and for analysts: one Excel workbook, one-page PDF summary.

Both are built in memory from DataFrames, without a browser: the PDF is drawn
with matplotlib (already installed with Prophet), in the same palette as the app.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pandas as pd

from imaging_plan.charts.common import PALETTE

SERIES_COLOURS = [
    PALETTE["blue"],
    PALETTE["vermillion"],
    PALETTE["green"],
    PALETTE["orange"],
    PALETTE["purple"],
    PALETTE["sky_blue"],
    PALETTE["black"],
]


ILLUSTRATIVE_COLUMN = "illustrative"


def mark_illustrative(frame: pd.DataFrame, label: str) -> pd.DataFrame:
    """Return `frame` with a first column saying, on every row, that its rows are illustrative.

    A column (rather than a note above the table) survives filtering, sorting and copying
    the rows elsewhere, and keeps the file a plain table a program can read.
    """
    if ILLUSTRATIVE_COLUMN in frame.columns:
        return frame
    return frame.assign(**{ILLUSTRATIVE_COLUMN: label})[[ILLUSTRATIVE_COLUMN, *frame.columns]]


def excel_workbook(
    tables: dict[str, pd.DataFrame],
    assumptions: pd.DataFrame,
    illustrative: tuple[str, ...] | frozenset[str] = (),
    cover: list[tuple[str, str]] | None = None,
    label: str = "ILLUSTRATIVE DATA: generated rows, not real figures",
) -> bytes:
    """Return an .xlsx: a cover sheet, the assumptions, then one sheet per table.

    Tables named in `illustrative` carry `label` in a first column on every row, and the
    cover sheet lists them, so a sheet copied out of the workbook still says so.
    """
    buffer = io.BytesIO()
    marked = [name for name in tables if name in illustrative]
    lines = list(cover or [])
    lines += [(label, name) for name in marked]
    if not marked:
        lines.append(("illustrative", "none: every table is built on the data as given"))
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame(lines, columns=["item", "value"]).to_excel(writer, sheet_name="cover", index=False)
        assumptions.to_excel(writer, sheet_name="assumptions", index=False)
        used = {"cover", "assumptions"}
        for name, frame in tables.items():
            sheet = _sheet_name(name, used)
            (mark_illustrative(frame, label) if name in illustrative else frame).to_excel(
                writer, sheet_name=sheet, index=False
            )
    return buffer.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    """Return an Excel-safe, unique sheet name (31 characters, no []:*?/\\)."""
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "sheet"
    sheet, i = base, 2
    while sheet.lower() in {u.lower() for u in used}:
        suffix = f"_{i}"
        sheet, i = base[: 31 - len(suffix)] + suffix, i + 1
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
    illustrative_label: str = "ILLUSTRATIVE DATA"  # in the summary's language, on illustrative charts


LEFT, RIGHT = 0.06, 0.94  # page margins (fraction of the width)
VALUE_X = 0.64  # headline values start here; labels wrap before it
GAP = 0.004  # vertical gap between stacked texts (fraction of the height)
SOURCE_X = 0.50  # the assumptions' sources start here
FOOTER_TOP = 0.04  # the footer's top edge; the assumption list ends above it


def board_summary_pdf(summary: BoardSummary) -> bytes:
    """Return a one-page A4 PDF of the summary: every headline, up to four small charts, assumptions."""
    import matplotlib.pyplot as plt

    fig = board_figure(summary)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="pdf")
    plt.close(fig)
    return buffer.getvalue()


def board_figure(summary: BoardSummary):
    """Return the summary drawn on an A4 matplotlib figure.

    Texts are wrapped by measuring them, not by counting characters, and each is placed
    below the lowest edge of what came before, so nothing is cut and nothing overprints.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {"pdf.fonttype": 42, "font.size": 7, "axes.titlesize": 8, "axes.spines.top": False, "axes.spines.right": False}
    )
    fig = plt.figure(figsize=(8.27, 11.69))  # A4 portrait, inches
    renderer = fig.canvas.get_renderer()
    place = _Placer(fig, renderer)
    y = place.text(LEFT, 0.965, summary.title, RIGHT, fontsize=14, weight="bold")
    y = place.text(LEFT, y - GAP, summary.subtitle, RIGHT, fontsize=8, color="#444444")

    y -= 2 * GAP
    for h in summary.headlines:
        below_label = place.text(LEFT, y, h.label, VALUE_X - 0.02, fontsize=8, weight="bold")
        below_value = place.text(VALUE_X, y, h.value, RIGHT, fontsize=9, weight="bold")
        y = (
            place.text(LEFT, min(below_label, below_value) - GAP / 2, h.sentence, RIGHT, fontsize=7, color="#333333")
            - 1.5 * GAP
        )
    for note in summary.notes:
        y = place.text(LEFT, y, note, RIGHT, fontsize=7, color=PALETTE["vermillion"]) - GAP

    charts = summary.charts[:4]
    rows = (len(charts) + 1) // 2
    # The charts share what the headlines leave, keeping room for a few assumptions below.
    room = y - 0.02 - 0.16
    height = max(0.10, min(0.19, room / max(rows, 1) - 0.05)) if rows else 0
    top = y - 0.02
    for i, chart in enumerate(charts):
        col, row = i % 2, i // 2
        ax = fig.add_axes([0.08 + col * 0.47, top - (row + 1) * (height + 0.05) + 0.02, 0.39, height])
        _draw(ax, chart, summary.illustrative_label)
    table_top = top - rows * (height + 0.05) - 0.01

    fig.text(LEFT, table_top, "Assumptions / Forutsetninger", fontsize=8, weight="bold", va="top")
    # The footer first, wrapped, at a fixed top: the assumption rows stop above it with room for the note.
    footer_top = FOOTER_TOP
    place.text(LEFT, footer_top, summary.footer, RIGHT, fontsize=6, color="#555555")
    note_room = 0.014  # one line of the '… see the workbook' note and a gap
    y = table_top - 0.018
    for _, row in summary.assumptions.iterrows():
        mark = "● " if row["changed"] else "  "
        label = f"{mark}{row['label']}: {_number(row['value'])} (default {_number(row['default'])})"
        style = {"fontsize": 6.2, "weight": "bold" if row["changed"] else "normal"}
        drawn_before = len(fig.texts)
        below_label = place.text(LEFT, y, label, SOURCE_X - 0.01, **style)
        source = fig.text(SOURCE_X, y, _wrap(str(row["source"]), 95, lines=1), fontsize=5.5, va="top", color="#555555")
        below_source = source.get_window_extent(renderer).y0 / fig.bbox.height
        bottom = min(below_label, below_source)
        if bottom < footer_top + GAP + note_room:
            for text in fig.texts[drawn_before:]:
                text.remove()
            fig.text(LEFT, y, "… (see the Excel workbook for all assumptions)", fontsize=6, va="top")
            break
        y = bottom - GAP / 2
    return fig


class _Placer:
    """Draws wrapped text top-down on a figure and returns where it ended."""

    def __init__(self, fig, renderer):
        self.fig, self.renderer = fig, renderer

    def _width(self, artist) -> float:
        box = artist.get_window_extent(self.renderer)
        return box.width / self.fig.bbox.width

    def text(self, x: float, y: float, text: str, right: float, **style) -> float:
        """Draw `text` from (x, y) down, wrapped to end before `right`; return its lower edge."""
        probe = self.fig.text(x, y, "", va="top", **style)
        lines, line = [], ""
        # Split at plain spaces only: a no-break space (1\u00a0443 in bokmål) must stay, and keep its figure whole.
        for word in (w for w in str(text).split(" ") if w):
            trial = f"{line} {word}".strip()
            probe.set_text(trial)
            if line and x + self._width(probe) > right:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
        probe.set_text("\n".join(lines))
        box = probe.get_window_extent(self.renderer)
        return box.y0 / self.fig.bbox.height


def _number(value) -> str:
    """Return 2040 for 2040.0 and 3.3 for 3.3: assumption values as a person writes them."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def _draw(ax, chart: SmallChart, illustrative_label: str = "ILLUSTRATIVE DATA") -> None:
    data = chart.data
    groups = list(data.groupby("series", sort=False))
    colours = [chart.colours.get(str(name), c) for (name, _), c in zip(groups, SERIES_COLOURS)]
    for colour, (series, rows) in zip(colours, groups):
        rows = rows.sort_values("year")
        if {"lower", "upper"} <= set(rows) and rows["lower"].notna().any():
            ax.fill_between(rows["year"], rows["lower"], rows["upper"], color=colour, alpha=0.15, lw=0)
        ax.plot(rows["year"], rows["value"], color=colour, lw=1.3, label=str(series))
    title = chart.title + (f"  [{illustrative_label}]" if chart.illustrative else "")
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
