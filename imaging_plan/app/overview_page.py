"""Overview, the landing page: the board's one screen for the scenario in the URL.

Board members open a link and read; they don't move sliders (the general
assumptions and the presets are all the sidebar offers here). The page shows
what must be decided by when, then per topic (`pages.TOPICS`) its headlines
with one plain sentence, a fan (the baseline, low and high presets and the
viewer's scenario together) and a small chart. The exports are built from the
same sections (`views.exports`), so screen, Excel and PDF agree.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from imaging_plan.app import chain, workspace
from imaging_plan.app.components import assumptions_table, data_error_shown, show_chart, show_chart_data
from imaging_plan.app.pages import TOPICS
from imaging_plan.charts import overview as overview_charts
from imaging_plan.i18n import t
from imaging_plan.planning import assumptions, scenario
from imaging_plan.views import exports, overview
from imaging_plan.views import preparedness as preparedness_view
from imaging_plan.views.decisions import Decision
from imaging_plan.views.sections import Section
from imaging_plan.views.snapshot import Snapshot


def compute(snapshot: Snapshot) -> overview.OverviewView:
    """Return the overview of the app's topics (`views.overview.compute` with the page records' TOPICS)."""
    return overview.compute(snapshot, TOPICS)


def excel_bytes(snapshot: Snapshot, found: list[Section], decided: list[Decision] = ()) -> bytes:
    """Return the board's workbook with what only the app knows: the viewer's uploads and the preparedness sheets."""
    return exports.excel_bytes(
        snapshot,
        found,
        decided,
        data=exports.data_label(snapshot, workspace.root(), workspace.session_uploads),
        extra=preparedness_view.board_tables(snapshot),  # its stress tests and on-call floor, as sheets too
    )


def render(snapshot: Snapshot) -> None:
    lang = snapshot.lang
    st.title(t("ov_title", lang))
    if data_error_shown(snapshot):
        return
    changed = [
        key for key in (*assumptions.ASSUMPTIONS, *scenario.CHOICES) if snapshot.scenario[key] != snapshot.defaults[key]
    ]
    st.markdown(t("ov_intro_changed" if changed else "ov_intro_default", lang, n=len(changed)))
    view = compute(snapshot)

    st.subheader(t("ov_lis_title", lang))
    for col, h in zip(st.columns(len(view.lis) or 1), view.lis):
        col.metric(h.label, h.value)
        col.caption(h.sentence)

    st.subheader(t("ov_decisions", lang))
    st.markdown("\n".join(f"- {d.sentence}" for d in view.decisions))
    st.caption(t("ov_decisions_help", lang))
    chain.overview_chain(snapshot)  # exams -> radiologists, radiographers and machines

    for section, (topic, fan_data), (series, panels) in zip(view.sections, view.fans, view.legends):
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
                series=series,
                panels=panels,
            )
        if section.chart is not None and st.toggle(t("ov_show_detail", lang), key=f"ov_detail_{topic.path}"):
            show_chart(section.chart, lang)
            st.dataframe(assumptions_table(snapshot, section.groups), hide_index=True, width="stretch")
    st.caption(t("fan_help", lang))

    st.subheader(t("ov_exports", lang))
    c1, c2 = st.columns(2)
    c1.download_button(
        t("ov_pdf", lang),
        data=lambda: exports.pdf_bytes(snapshot, view.sections, view.lis),
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
                    exports.csv_bytes(snapshot, view.sections, name, frame),
                    file_name=f"{name}.csv",
                    mime="text/csv",
                    key=f"csv_{name}",
                    on_click="ignore",
                )
    if st.toggle(t("sources", lang), key="ov_show_sources"):
        groups = tuple(dict.fromkeys(a.group for a in assumptions.ASSUMPTIONS.values()))
        st.dataframe(assumptions_table(snapshot, groups), hide_index=True, width="stretch")
