"""Preparedness page (/preparedness): capacity today, four stress tests, the on-call floor, exports.

The numbers, tables and exports come from `views.preparedness` (no Streamlit); this module draws them.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from imaging_plan.charts import preparedness as charts
from imaging_plan.i18n import fmt_number, t
from imaging_plan.views import preparedness as view_of
from imaging_plan.views.preparedness import (
    GROUPS,
    OTHER_KEYS,
    PrepDrawn,
    PreparednessView,
    excel_bytes,
    pdf_bytes,
    scenario_label,
)
from imaging_plan.views.snapshot import Snapshot
from imaging_plan.app.components import assumptions_table, data_error_shown, show_chart_data, show_table


def capacity_section(snapshot: Snapshot, drawn: PrepDrawn) -> None:
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
    show_table(drawn.by_modality)
    if drawn.at_capacity:
        st.caption(t("prep_at_capacity", lang, owners=drawn.at_capacity))
    show_chart_data(charts.spare_bars, drawn.spare, lang=lang)
    for key, frame in (("prep_by_area", drawn.by_area), ("prep_by_owner", drawn.by_owner)):
        folded = st.expander(t(key, lang), key=f"_open_{key}", on_change="rerun")
        if folded.open:  # drawn once opened
            with folded:
                show_table(frame)


def stress_section(snapshot: Snapshot, view: PreparednessView, drawn: PrepDrawn) -> None:
    lang, values = snapshot.lang, snapshot.scenario
    st.header(t("prep_stress_header", lang))
    st.markdown(t("prep_stress_intro", lang))
    if view.error:
        st.error(f"{t('prep_refused', lang)}: {view.error}")
        return
    for col, card in zip(st.columns(len(drawn.cards)), drawn.cards):
        col.markdown(f"**{card.headline.label}**")
        if card.not_done is not None:
            col.metric(t("prep_col_not_done", lang), card.not_done)
            col.metric(t("prep_col_weeks_to_clear_kept", lang), card.weeks, help=t("prep_worst", lang))
        col.caption(card.headline.sentence)
    show_table(drawn.summary)
    names = list(drawn.weekly)
    for i in range(0, len(names), 2):
        for col, name in zip(st.columns(2), names[i : i + 2]):
            with col:
                title = t("prep_weekly_title", lang, scenario=scenario_label(name, values, lang))
                if drawn.weekly[name] is None:
                    st.markdown(f"**{title}**")
                    st.caption(t("prep_no_backlog", lang))
                    continue
                show_chart_data(charts.backlog_lines, drawn.weekly[name], title, lang=lang)
    st.subheader(t("prep_overflow_header", lang))
    if drawn.overflow is None:
        st.caption(t("prep_overflow_none", lang))
        return
    show_table(drawn.overflow)


def on_call_section(snapshot: Snapshot, view: PreparednessView, drawn: PrepDrawn) -> None:
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
    show_chart_data(charts.floor_bars, drawn.floor, subtitle, lang=lang)
    show_table(drawn.floor_table)


def render(snapshot: Snapshot) -> None:
    lang = snapshot.lang
    st.title(t("prep_title", lang))
    st.markdown(t("prep_intro", lang))
    if data_error_shown(snapshot):
        return
    view = view_of.compute(snapshot)
    drawn = view_of.drawn(snapshot)
    capacity_section(snapshot, drawn)
    stress_section(snapshot, view, drawn)
    on_call_section(snapshot, view, drawn)
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
