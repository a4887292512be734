"""Overview, the landing page: the board's one screen for the scenario in the URL.

Board members open a link and read; they don't move sliders (the general
assumptions and the presets are all the sidebar offers here). The page shows
what must be decided by when, then per topic (`pages.TOPICS`) its headlines
with one plain sentence, a fan (the baseline, low and high presets and the
viewer's scenario together) and a small chart. The exports are built from the
same sections, so screen, Excel and PDF agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from imaging_plan import __version__, paths
from imaging_plan.planning import assumptions, scenario
from imaging_plan.views import reports
from imaging_plan.charts import overview as overview_charts
from imaging_plan.i18n import t
from imaging_plan.app import chain, decisions, state
from imaging_plan.app.components import assumptions_table, data_error_shown, show_chart, show_chart_data
from imaging_plan.app.pages import TOPICS, PageRecord
from imaging_plan.views.sections import Section

FAN_PRESETS = ("baseline", "low", "high")


@dataclass(frozen=True)
class OverviewView:
    sections: list[Section]
    fans: list[tuple[PageRecord, pd.DataFrame]]  # per topic: fan_lines' long table
    decisions: list[decisions.Decision]
    lis: list[reports.Headline]  # the board's first figures: LiS FTEs in training each year, as a range


def preset_snapshot(snapshot: state.Snapshot, name: str) -> state.Snapshot:
    """Return the snapshot for preset `name` at the viewer's horizon (so every line spans the same years)."""
    values = scenario.PRESETS[name].apply(snapshot.defaults)
    return snapshot.with_scenario({**values, "horizon": snapshot.scenario["horizon"]})


def fan(snapshot: state.Snapshot, topic: PageRecord) -> pd.DataFrame:
    """Return the topic's fan: its series under the three presets and the viewer's scenario."""
    lines = {name: state.computed(topic.overview.fan, preset_snapshot(snapshot, name)) for name in FAN_PRESETS}
    lines["yours"] = state.computed(topic.overview.fan, snapshot)
    band = None if topic.overview.band is None else state.computed(topic.overview.band, snapshot)
    names = {
        "baseline": scenario.PRESETS["baseline"].label(snapshot.lang),
        "low": scenario.PRESETS["low"].label(snapshot.lang),
        "high": scenario.PRESETS["high"].label(snapshot.lang),
        "yours": t("fan_yours", snapshot.lang),
    }
    return overview_charts.fan_lines(lines, names, band)


def compute(snapshot: state.Snapshot) -> OverviewView:
    """Return every topic's section and fan, and the decisions with their lead times."""
    found = [(topic, state.computed(topic.overview.section, snapshot)) for topic in TOPICS]
    found = [(topic, section) for topic, section in found if section is not None]
    return OverviewView(
        [s for _, s in found],
        [(topic, fan(snapshot, topic)) for topic, _ in found],
        decisions.decisions(snapshot),
        [] if snapshot.data_error else decisions.lis_headlines(snapshot),
    )


def all_assumptions(ctx) -> pd.DataFrame:
    """Return every assumption (and scenario choice) with value, default, changed flag and source (for exports)."""
    rows = [
        {
            "key": a.key,
            "label": a.label(ctx.lang),
            "unit": a.unit,
            "value": ctx.scenario[a.key],
            "default": ctx.defaults[a.key],
            "changed": ctx.scenario[a.key] != ctx.defaults[a.key],
            "source": a.source,
        }
        for a in assumptions.ASSUMPTIONS.values()
    ]
    rows += [
        {
            "key": key,
            "label": t(key, ctx.lang),
            "unit": "",
            "value": ctx.scenario[key],
            "default": ctx.defaults[key],
            "changed": ctx.scenario[key] != ctx.defaults[key],
            "source": t(f"{key}_help", ctx.lang),
        }
        for key in scenario.CHOICES
    ]
    return pd.DataFrame(rows)


def data_label(ctx) -> str:
    """Return what the figures are built on, for the workbook's cover: the shipped data or the planner's files."""
    from imaging_plan.app import workspace

    if Path(ctx.data_dir).resolve().is_relative_to(workspace.root().resolve()):
        files = ", ".join(f"{u.file_name} ({n})" for n, u in sorted(workspace.session_uploads().items()))
        return t("cover_data_uploaded", ctx.lang, files=files or Path(ctx.data_dir).parent.name)
    if Path(ctx.data_dir).resolve() == paths.DATA_DIR.resolve():
        return t("cover_data_shipped", ctx.lang)
    return str(ctx.data_dir)


def illustrative_tables(found: list[Section]) -> set[str]:
    """Return the names of the tables built on illustrative rows (every table of such a section)."""
    return {
        name
        for s in found
        if s.illustrative
        for name in (s.tables if s.illustrative_tables is None else s.illustrative_tables)
    }


def excel_bytes(ctx, found: list[Section], decided: list[decisions.Decision] = ()) -> bytes:
    """Return the workbook: a cover, every section's tables, the decisions with their years, the assumptions."""
    from imaging_plan.app import (
        preparedness_page,
    )  # the preparedness page's stress tests and on-call floor, as sheets too

    lang = ctx.lang
    tables = {name: frame for s in found for name, frame in s.tables.items()}
    if decided:
        tables["decisions"] = pd.DataFrame([vars(d) for d in decided])
    stress, stress_illustrative = preparedness_page.board_tables(ctx)
    tables.update(stress)
    cover = [
        (t("cover_title", lang), ""),
        (t("cover_made", lang), date.today().isoformat()),
        (t("cover_data_version", lang), ctx.data_version),
        (t("cover_data", lang), data_label(ctx)),
    ]
    cover += [(t("illustrative_in_section", lang, title=s.title), "") for s in found if s.illustrative]
    if stress_illustrative:
        cover.append((t("illustrative_in_section", lang, title=t("page_preparedness", lang)), ""))
    return reports.excel_workbook(
        tables,
        all_assumptions(ctx),
        illustrative=illustrative_tables(found) | stress_illustrative,
        cover=cover,
        label=t("illustrative_column", lang),
    )


def csv_bytes(ctx, found: list[Section], name: str, frame: pd.DataFrame) -> bytes:
    """Return a table as CSV; one built on illustrative rows says so in a first column."""
    if name in illustrative_tables(found):
        frame = reports.mark_illustrative(frame, t("illustrative_column", ctx.lang))
    return frame.to_csv(index=False).encode("utf-8")


def pdf_bytes(ctx, found: list[Section], first: list[reports.Headline] = ()) -> bytes:
    """Return the one-page PDF: `first` (the LiS decision), every section's headlines and charts, the assumptions."""
    lang = ctx.lang
    changed = int(all_assumptions(ctx)["changed"].sum())
    summary = reports.BoardSummary(
        title=t("ov_pdf_title", lang),
        subtitle=t("ov_pdf_subtitle", lang, date=date.today().isoformat(), changed=changed),
        headlines=[*first, *(h for s in found for h in s.headlines)],
        charts=[s.pdf_chart for s in found if s.pdf_chart is not None],
        # changed ones first: the page has room for about 30 of the 50-odd assumptions
        assumptions=all_assumptions(ctx).sort_values("changed", ascending=False, kind="stable"),
        footer=t("ov_pdf_footer", lang, version=ctx.data_version, package=__version__),
        notes=[t("illustrative_in_section", lang, title=s.title) for s in found if s.illustrative],
        illustrative_label=t("illustrative_mark", lang),
    )
    return reports.board_summary_pdf(summary)


def render(snapshot: state.Snapshot) -> None:
    lang = snapshot.lang
    st.title(t("ov_title", lang))
    if data_error_shown(snapshot):
        return
    changed = [
        key for key in (*assumptions.ASSUMPTIONS, *scenario.CHOICES) if snapshot.scenario[key] != snapshot.defaults[key]
    ]
    st.markdown(t("ov_intro_changed" if changed else "ov_intro_default", lang, n=len(changed)))
    view = state.computed(compute, snapshot)

    st.subheader(t("ov_lis_title", lang))
    for col, h in zip(st.columns(len(view.lis) or 1), view.lis):
        col.metric(h.label, h.value)
        col.caption(h.sentence)

    st.subheader(t("ov_decisions", lang))
    st.markdown("\n".join(f"- {d.sentence}" for d in view.decisions))
    st.caption(t("ov_decisions_help", lang))
    chain.overview_chain(snapshot)  # exams -> radiologists, radiographers and machines

    for section, (topic, fan_data) in zip(view.sections, view.fans):
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
            show_chart_data(
                overview_charts.fan_chart,
                fan_data,
                t(topic.overview.fan_title, lang),
                t(topic.overview.fan_unit, lang),
                lang=lang,
                series=tuple(dict.fromkeys(fan_data["series"])),
                panels=tuple(dict.fromkeys(fan_data["panel"])),
            )
        if section.chart is not None and st.toggle(t("ov_show_detail", lang), key=f"ov_detail_{topic.path}"):
            show_chart(section.chart, lang)
            st.dataframe(assumptions_table(snapshot, section.groups), hide_index=True, width="stretch")
    st.caption(t("fan_help", lang))

    st.subheader(t("ov_exports", lang))
    c1, c2 = st.columns(2)
    c1.download_button(
        t("ov_pdf", lang),
        data=lambda: pdf_bytes(snapshot, view.sections, view.lis),
        file_name=f"board_summary_{date.today().isoformat()}.pdf",
        mime="application/pdf",
        key="download_pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",  # a rerun on the click would revoke the file the browser is fetching
    )
    c2.download_button(
        t("ov_excel", lang),
        data=lambda: excel_bytes(snapshot, view.sections, view.decisions),
        file_name="imaging_planning.xlsx",
        key="download_excel",
        icon=":material/table:",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    if st.toggle(t("ov_csv", lang), key="ov_show_csv"):
        for s in view.sections:
            for name, frame in s.tables.items():
                st.download_button(
                    f"{name}.csv",
                    csv_bytes(snapshot, view.sections, name, frame),
                    file_name=f"{name}.csv",
                    mime="text/csv",
                    key=f"csv_{name}",
                    on_click="ignore",
                )
    if st.toggle(t("sources", lang), key="ov_show_sources"):
        groups = tuple(dict.fromkeys(a.group for a in assumptions.ASSUMPTIONS.values()))
        st.dataframe(assumptions_table(snapshot, groups), hide_index=True, width="stretch")
