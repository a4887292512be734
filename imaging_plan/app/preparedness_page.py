"""Preparedness page (/preparedness): capacity today, four stress tests, the on-call floor, exports.

The numbers, tables and exports come from `views.preparedness` (no Streamlit); this module draws them.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from imaging_plan.charts import preparedness as charts
from imaging_plan.i18n import fmt_number, t
from imaging_plan.planning import preparedness
from imaging_plan.views import preparedness as view_of
from imaging_plan.views.preparedness import (
    GROUPS,
    OTHER_KEYS,
    PreparednessView,
    capacity_frame,
    excel_bytes,
    floor_frame,
    headlines,
    overflow_frame,
    pdf_bytes,
    scenario_label,
    summary_frame,
    weeks_text,
)
from imaging_plan.views.snapshot import Snapshot
from imaging_plan.app.components import assumptions_table, data_error_shown, show_chart_data


def table(frame: pd.DataFrame) -> None:
    """Draw a table whose number columns follow the viewer's thousands separators."""
    numbers = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
    config = {c: st.column_config.NumberColumn(format="localized") for c in numbers}
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config)


def capacity_section(snapshot: Snapshot, view: PreparednessView) -> None:
    lang, values = snapshot.lang, snapshot.scenario
    st.header(t("prep_capacity_header", lang))
    st.markdown(
        t(
            "prep_capacity_intro",
            lang,
            max=fmt_number(values["prep_hours_max"], lang),
            today=fmt_number(values["opening_hours_week"], lang),
            weeks=fmt_number(values["weeks_per_year"], lang),
            extra=fmt_number(values["prep_staff_extra_pct"], lang),
        )
    )
    if values["prep_hours_max"] < values["opening_hours_week"]:
        st.caption(
            t(
                "prep_hours_below_today",
                lang,
                max=fmt_number(values["prep_hours_max"], lang),
                today=fmt_number(values["opening_hours_week"], lang),
            )
        )
    table(capacity_frame(view.by_modality, ["modality"], lang))
    owners = view_of.at_capacity(view, lang)
    if owners:
        st.caption(t("prep_at_capacity", lang, owners=owners))
    show_chart_data(charts.spare_bars, charts.spare_data(view.by_area, lang), lang=lang)
    with st.expander(t("prep_by_area", lang)):
        table(capacity_frame(view.by_area, ["area", "modality"], lang))
    with st.expander(t("prep_by_owner", lang)):
        table(capacity_frame(view.capacity, ["owner", "area", "modality"], lang))


def stress_section(snapshot: Snapshot, view: PreparednessView) -> None:
    lang, values = snapshot.lang, snapshot.scenario
    st.header(t("prep_stress_header", lang))
    st.markdown(t("prep_stress_intro", lang))
    if view.error:
        st.error(f"{t('prep_refused', lang)}: {view.error}")
        return
    found = headlines(view, values, lang)
    for col, name, headline in zip(st.columns(len(found)), preparedness.SCENARIOS, found):
        own = view.summary[view.summary["scenario"] == name]
        col.markdown(f"**{headline.label}**")
        if own.empty:
            col.caption(headline.sentence)
            continue
        col.metric(t("prep_col_not_done", lang), fmt_number(own["not_done"].sum(), lang))
        col.metric(
            t("prep_col_weeks_to_clear_kept", lang),
            weeks_text(own["weeks_to_clear_kept"].max(), lang),
            help=t("prep_worst", lang),
        )
        col.caption(headline.sentence)
    table(summary_frame(view, values, lang))
    names = [n for n in preparedness.SCENARIOS if (view.weekly["scenario"] == n).any()]
    for i in range(0, len(names), 2):
        for col, name in zip(st.columns(2), names[i : i + 2]):
            with col:
                own = view.weekly[view.weekly["scenario"] == name]
                title = t("prep_weekly_title", lang, scenario=scenario_label(name, values, lang))
                if own["backlog_kept"].max() <= 0:
                    st.markdown(f"**{title}**")
                    st.caption(t("prep_no_backlog", lang))
                    continue
                show_chart_data(charts.backlog_lines, charts.backlog_data(own, lang), title, lang=lang)
    st.subheader(t("prep_overflow_header", lang))
    if view.overflow.empty:
        st.caption(t("prep_overflow_none", lang))
        return
    table(overflow_frame(view, values, lang))


def on_call_section(snapshot: Snapshot, view: PreparednessView) -> None:
    lang = snapshot.lang
    st.header(t("prep_on_call_header", lang))
    st.markdown(
        t("prep_on_call_intro", lang, per_person=fmt_number(snapshot.scenario["fte_per_person_physician"], lang, 2))
    )
    note = t("prep_on_call_illustrative", lang) if view.on_call_illustrative else ""
    if note:
        st.warning(note)
    freed = fmt_number(view.on_call["freed_fte"].sum(), lang)
    st.markdown(t("prep_shared_on" if view.shared_on_call else "prep_shared_off", lang, freed=freed))
    subtitle = t("prep_illustrative_label", lang) if note else ""
    show_chart_data(charts.floor_bars, charts.floor_data(view.on_call, lang), subtitle, lang=lang)
    table(floor_frame(view.on_call, lang))


def render(snapshot: Snapshot) -> None:
    lang = snapshot.lang
    st.title(t("prep_title", lang))
    st.markdown(t("prep_intro", lang))
    if data_error_shown(snapshot):
        return
    view = view_of.compute(snapshot)
    capacity_section(snapshot, view)
    stress_section(snapshot, view)
    on_call_section(snapshot, view)
    st.subheader(t("prep_downloads", lang))
    left, right = st.columns(2)
    left.download_button(
        t("prep_excel", lang),
        data=lambda: excel_bytes(snapshot, view),
        file_name=f"preparedness_{date.today().isoformat()}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="prep_download_excel",
        icon=":material/table:",
    )
    right.download_button(
        t("prep_pdf", lang),
        data=lambda: pdf_bytes(snapshot, view),
        file_name=f"preparedness_plan_{date.today().isoformat()}.pdf",
        mime="application/pdf",
        key="prep_download_pdf",
        icon=":material/picture_as_pdf:",
    )
    if st.toggle(t("show_sources", lang), key="prep_show_sources"):
        st.dataframe(assumptions_table(snapshot, GROUPS, OTHER_KEYS), hide_index=True, width="stretch")
