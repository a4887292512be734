"""The board's downloads built from the overview's sections: the workbook, the CSVs and the one-page PDF.

The screen, the workbook and the PDF read the same sections, so they show the same numbers. What
only the app knows (the viewer's uploads, the preparedness page's sheets) comes in as arguments.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable, Mapping

import pandas as pd

from imaging_plan import __version__, paths
from imaging_plan.i18n import t
from imaging_plan.planning import assumptions, scenario
from imaging_plan.views import reports
from imaging_plan.views.decisions import Decision
from imaging_plan.views.sections import Section
from imaging_plan.views.snapshot import Snapshot


def all_assumptions(snapshot: Snapshot) -> pd.DataFrame:
    """Return every assumption (and scenario choice) with value, default, changed flag and source (for exports)."""
    rows = [
        {
            "key": a.key,
            "label": a.label(snapshot.lang),
            "unit": a.unit,
            "value": snapshot.scenario[a.key],
            "default": snapshot.defaults[a.key],
            "changed": snapshot.scenario[a.key] != snapshot.defaults[a.key],
            "source": a.source,
        }
        for a in assumptions.ASSUMPTIONS.values()
    ]
    rows += [
        {
            "key": key,
            "label": t(key, snapshot.lang),
            "unit": "",
            "value": snapshot.scenario[key],
            "default": snapshot.defaults[key],
            "changed": snapshot.scenario[key] != snapshot.defaults[key],
            "source": t(f"{key}_help", snapshot.lang),
        }
        for key in scenario.CHOICES
    ]
    return pd.DataFrame(rows)


def data_label(snapshot: Snapshot, workspaces: Path, uploads: Callable[[], Mapping]) -> str:
    """Return what the figures are built on, for the workbook's cover: the shipped data or the planner's files.

    `workspaces` is the folder of the planners' workspaces; `uploads()` the viewer's accepted uploads
    (table -> upload with a `file_name`), asked for only when the data is a workspace's.
    """
    data_dir = Path(snapshot.data_dir).resolve()
    if data_dir.is_relative_to(Path(workspaces).resolve()):
        files = ", ".join(f"{u.file_name} ({n})" for n, u in sorted(uploads().items()))
        return t("cover_data_uploaded", snapshot.lang, files=files or Path(snapshot.data_dir).parent.name)
    if data_dir == paths.DATA_DIR.resolve():
        return t("cover_data_shipped", snapshot.lang)
    return str(snapshot.data_dir)


def illustrative_tables(found: list[Section]) -> set[str]:
    """Return the names of the tables built on illustrative rows (every table of such a section)."""
    return {
        name
        for s in found
        if s.illustrative
        for name in (s.tables if s.illustrative_tables is None else s.illustrative_tables)
    }


def excel_bytes(
    snapshot: Snapshot,
    found: list[Section],
    decided: list[Decision] = (),
    *,
    data: str,
    extra: tuple[Mapping[str, pd.DataFrame], set[str]] = ({}, set()),
) -> bytes:
    """Return the workbook: a cover, every section's tables, the decisions with their years, the assumptions.

    `data` says on the cover what the figures are built on (`data_label`); `extra` is more sheets and
    those of them built on illustrative rows (the preparedness page's stress tests and on-call floor).
    """
    lang = snapshot.lang
    tables = {name: frame for s in found for name, frame in s.tables.items()}
    if decided:
        tables["decisions"] = pd.DataFrame([vars(d) for d in decided])
    sheets, extra_illustrative = extra
    tables.update(sheets)
    cover = [
        (t("cover_title", lang), ""),
        (t("cover_made", lang), date.today().isoformat()),
        (t("cover_data_version", lang), snapshot.data_version),
        (t("cover_data", lang), data),
    ]
    cover += [(t("illustrative_in_section", lang, title=s.title), "") for s in found if s.illustrative]
    if extra_illustrative:
        cover.append((t("illustrative_in_section", lang, title=t("page_preparedness", lang)), ""))
    return reports.excel_workbook(
        tables,
        all_assumptions(snapshot),
        illustrative=illustrative_tables(found) | extra_illustrative,
        cover=cover,
        label=t("illustrative_column", lang),
    )


def csv_bytes(snapshot: Snapshot, found: list[Section], name: str, frame: pd.DataFrame) -> bytes:
    """Return a table as CSV; one built on illustrative rows says so in a first column."""
    if name in illustrative_tables(found):
        frame = reports.mark_illustrative(frame, t("illustrative_column", snapshot.lang))
    return frame.to_csv(index=False).encode("utf-8")


def pdf_bytes(snapshot: Snapshot, found: list[Section], first: list[reports.Headline] = ()) -> bytes:
    """Return the one-page PDF: `first` (the LiS decision), every section's headlines and charts, the assumptions."""
    lang = snapshot.lang
    changed = int(all_assumptions(snapshot)["changed"].sum())
    summary = reports.BoardSummary(
        title=t("ov_pdf_title", lang),
        subtitle=t("ov_pdf_subtitle", lang, date=date.today().isoformat(), changed=changed),
        headlines=[*first, *(h for s in found for h in s.headlines)],
        charts=[s.pdf_chart for s in found if s.pdf_chart is not None],
        # changed ones first: the page has room for about 30 of the 50-odd assumptions
        assumptions=all_assumptions(snapshot).sort_values("changed", ascending=False, kind="stable"),
        footer=t("ov_pdf_footer", lang, version=snapshot.data_version, package=__version__),
        notes=[t("illustrative_in_section", lang, title=s.title) for s in found if s.illustrative],
        illustrative_label=t("illustrative_mark", lang),
    )
    return reports.board_summary_pdf(summary)
