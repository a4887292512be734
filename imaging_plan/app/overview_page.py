"""Overview, the landing page: the board's one screen for the scenario in the URL.

Board members open a link and read; they don't move sliders. Every forecast
page contributes a Section (headlines with one plain sentence, a small chart,
its tables, the assumptions behind it); the exports are built from the same
sections, so screen, Excel and PDF agree.
"""

from __future__ import annotations

import hashlib
import importlib
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from .. import __version__, assumptions, paths, reports
from ..i18n import t
from ..inputs import TABLES, file_sha256
from .components import assumptions_table, data_error_shown, show_chart
from .sections import Section


def sections(ctx) -> list[Section]:
    """Return the overview sections of every page that offers one, in menu order.

    A section is recomputed only when the assumptions of its own groups, the
    data or the stored forecasts changed: a slider of one topic leaves the
    other topics' sections as they were (kept per browser session).
    """
    from .shell import PAGES

    memo = st.session_state.setdefault("_overview_sections", {})
    stamp = (ctx.lang, data_version(ctx), _forecast_stamps(ctx))
    found = []
    for module, *_ in PAGES:
        page = importlib.import_module(f"{__package__}.{module}")
        if not hasattr(page, "overview"):
            continue
        cached = memo.get(module)
        if cached is not None and cached[0] == (stamp, _values(ctx, cached[1].groups)):
            section = cached[1]
        else:
            section = page.overview(ctx)
            if section is not None:
                memo[module] = ((stamp, _values(ctx, section.groups)), section)
        if section is not None:
            found.append(section)
    return found


def _values(ctx, groups: tuple[str, ...]) -> tuple:
    return tuple((a.key, ctx.scenario[a.key]) for a in assumptions.in_group(*groups))


def _forecast_stamps(ctx) -> tuple:
    """Return the modification times of the stored forecasts' manifests (a rerun of a notebook changes them)."""
    return tuple(sorted((p.parent.name, p.stat().st_mtime)
                        for p in ctx.forecasts_dir.glob("*/manifest.json")))


def data_version(ctx) -> str:
    """Return a short fingerprint of the input files, printed on exports."""
    digest = hashlib.sha256()
    for spec in TABLES.values():
        path = ctx.data_dir / spec.file
        if path.exists():
            digest.update(spec.file.encode() + file_sha256(path).encode())
    return digest.hexdigest()[:10]


def all_assumptions(ctx) -> pd.DataFrame:
    """Return every assumption with value, default, changed flag and source (for exports)."""
    return pd.DataFrame([{
        "key": a.key, "label": a.label(ctx.lang), "unit": a.unit, "value": ctx.scenario[a.key],
        "default": ctx.defaults[a.key], "changed": ctx.scenario[a.key] != ctx.defaults[a.key],
        "source": a.source} for a in assumptions.ASSUMPTIONS.values()])


def data_label(ctx) -> str:
    """Return what the figures are built on, for the workbook's cover: the shipped data or the planner's files."""
    from . import workspace

    if Path(ctx.data_dir).resolve().is_relative_to(workspace.root().resolve()):
        files = ", ".join(f"{u.file_name} ({n})" for n, u in sorted(workspace.session_uploads().items()))
        return t("cover_data_uploaded", ctx.lang, files=files or Path(ctx.data_dir).parent.name)
    if Path(ctx.data_dir).resolve() == paths.DATA_DIR.resolve():
        return t("cover_data_shipped", ctx.lang)
    return str(ctx.data_dir)


def illustrative_tables(found: list[Section]) -> set[str]:
    """Return the names of the tables built on illustrative rows (every table of such a section)."""
    return {name for s in found if s.illustrative
            for name in (s.tables if s.illustrative_tables is None else s.illustrative_tables)}


def excel_bytes(ctx, found: list[Section]) -> bytes:
    lang = ctx.lang
    tables = {name: frame for s in found for name, frame in s.tables.items()}
    cover = [(t("cover_title", lang), ""), (t("cover_made", lang), date.today().isoformat()),
             (t("cover_data_version", lang), data_version(ctx)),
             (t("cover_data", lang), data_label(ctx))]
    cover += [(t("illustrative_in_section", lang, title=s.title), "") for s in found if s.illustrative]
    return reports.excel_workbook(tables, all_assumptions(ctx), illustrative=illustrative_tables(found),
                                  cover=cover, label=t("illustrative_column", lang))


def csv_bytes(ctx, found: list[Section], name: str, frame: pd.DataFrame) -> bytes:
    """Return a table as CSV; one built on illustrative rows says so in a first column."""
    if name in illustrative_tables(found):
        frame = reports.mark_illustrative(frame, t("illustrative_column", ctx.lang))
    return frame.to_csv(index=False).encode("utf-8")


def pdf_bytes(ctx, found: list[Section]) -> bytes:
    lang = ctx.lang
    changed = int(all_assumptions(ctx)["changed"].sum())
    summary = reports.BoardSummary(
        title=t("ov_pdf_title", lang),
        subtitle=t("ov_pdf_subtitle", lang, date=date.today().isoformat(), changed=changed),
        headlines=[h for s in found for h in s.headlines],
        charts=[s.pdf_chart for s in found if s.pdf_chart is not None],
        # changed ones first: the page has room for about 30 of the 50-odd assumptions
        assumptions=all_assumptions(ctx).sort_values("changed", ascending=False, kind="stable"),
        footer=t("ov_pdf_footer", lang, version=data_version(ctx), package=__version__),
        notes=[t("illustrative_in_section", lang, title=s.title) for s in found if s.illustrative],
        illustrative_label=t("illustrative_mark", lang))
    return reports.board_summary_pdf(summary)


def render(ctx) -> None:
    lang = ctx.lang
    st.title(t("ov_title", lang))
    if data_error_shown(ctx):
        return
    changed = [a for a in assumptions.ASSUMPTIONS.values() if ctx.scenario[a.key] != ctx.defaults[a.key]]
    st.markdown(t("ov_intro_changed" if changed else "ov_intro_default", lang, n=len(changed)))
    found = sections(ctx)
    for section in found:
        st.subheader(section.title)
        if section.illustrative:
            st.warning(t("illustrative_notice", lang))
        if section.note:
            st.info(section.note)
        left, right = st.columns([2, 3])
        with left:
            for h in section.headlines:
                st.metric(h.label, h.value)
                st.caption(h.sentence)
        with right:
            if section.chart is not None:
                show_chart(section.chart, lang)
        with st.expander(t("ov_assumptions_behind", lang)):
            st.dataframe(assumptions_table(ctx, section.groups), hide_index=True, width="stretch")

    st.subheader(t("ov_exports", lang))
    c1, c2 = st.columns(2)
    c1.download_button(t("ov_pdf", lang), data=lambda: pdf_bytes(ctx, found),
                       file_name=f"board_summary_{date.today().isoformat()}.pdf",
                       mime="application/pdf", key="download_pdf", icon=":material/picture_as_pdf:")
    c2.download_button(t("ov_excel", lang), data=lambda: excel_bytes(ctx, found),
                       file_name="imaging_planning.xlsx", key="download_excel", icon=":material/table:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    with st.expander(t("ov_csv", lang)):
        for s in found:
            for name, frame in s.tables.items():
                st.download_button(f"{name}.csv", csv_bytes(ctx, found, name, frame),
                                   file_name=f"{name}.csv", mime="text/csv", key=f"csv_{name}")
    with st.expander(t("sources", lang)):
        groups = tuple(dict.fromkeys(a.group for a in assumptions.ASSUMPTIONS.values()))
        st.dataframe(assumptions_table(ctx, groups), hide_index=True, width="stretch")
