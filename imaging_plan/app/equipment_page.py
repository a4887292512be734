"""Equipment page: what falls due when, what the budget covers, the backlog and the fleet's age.

The numbers, tables and texts come from `views.equipment` (Streamlit-free, cached per part, so a
budget slider recomputes the budget part only); this module reads an uploaded register and draws.
"""

from __future__ import annotations

import streamlit as st

from imaging_plan.app.components import (
    assumptions_table,
    data_error_shown,
    download_csv,
    forecast_status,
    show_chart_data,
    show_table,
)
from imaging_plan.charts import equipment as equipment_charts
from imaging_plan.i18n import modality_name, t
from imaging_plan.views.equipment import (
    FORECAST,
    GROUPS,
    RUN_COMMAND,
    SOON,
    EquipmentDrawn,
    Register,
    compute,
    owner_table,
    read_upload,
    register_differences,
    register_illustrative,
    shipped,
)
from imaging_plan.views.equipment import drawn as equipment_drawn
from imaging_plan.views.snapshot import Snapshot


def register_in_use(snapshot: Snapshot) -> Register:
    """Return the register to plan with.

    An upload is validated with the same schema as data/equipment_register.csv, kept in
    memory only, and used when it passes; its differences from Tabell 5 are shown.
    """
    lang, default = snapshot.lang, shipped(snapshot)
    with st.expander(t("register_upload", lang)):
        st.caption(t("register_upload_help", lang))
        upload = st.file_uploader(t("register_file", lang), type=["csv"], key="equipment_register_upload")
    if upload is None:
        st.caption(t("register_shipped", lang, units=len(default.table)))
        return default
    read = read_upload(upload.getvalue(), upload.name)
    if read.error is not None:
        st.error(f"{t('register_rejected', lang)}\n\n```\n{read.error}\n```")
        return default
    differences = register_differences(snapshot, read.register)
    if differences:
        st.warning(t("register_counts_differ", lang) + "\n\n" + "\n".join(f"- {d}" for d in differences[:10]))
    st.success(t("register_used", lang, file=upload.name, units=len(read.register.table)))
    return read.register


def machines_section(lang: str, drawn: EquipmentDrawn) -> None:
    """Draw units needed at the opening hours beside the radiographers they need; fleet growth beside replacement."""
    st.subheader(t("machines_title", lang))
    st.markdown(t("machines_intro", lang))
    show_table(drawn.machines)
    st.markdown(f"**{t('fleet_growth_title', lang)}**  \n{t('fleet_growth_intro', lang)}")
    show_table(drawn.growth)


def render(snapshot: Snapshot) -> None:
    lang = snapshot.lang
    st.title(t("equipment_title", lang))
    st.markdown(t("equipment_intro", lang))
    if data_error_shown(snapshot):
        return
    register = register_in_use(snapshot)
    note = t("illustrative_notice", lang) if register_illustrative(snapshot, register) else None
    if note:
        st.caption(note)
    forecast_status(snapshot, FORECAST, RUN_COMMAND, "equipment_forecast_missing")
    view, drawn = compute(snapshot, register), equipment_drawn(snapshot, register)
    sched, plan, horizon = view.schedule, view.budget, view.horizon
    soon = min(SOON, horizon)

    grey = {"delta_color": "off", "delta_arrow": "off"}
    for i, (col, metric) in enumerate(zip(st.columns(4), drawn.headline)):
        col.metric(metric.label, metric.value, metric.delta, help=metric.help, **(grey if i else {}))
    left, right = st.columns(2)
    for col, value, title in ((left, "units", "due_units_title"), (right, "cost_mnok", "due_cost_title")):
        with col:
            show_chart_data(equipment_charts.due_chart, sched.due_lines(value), value, t(title, lang), note, lang=lang)
    st.caption(drawn.band_caption)

    left, right = st.columns(2)
    with left:
        show_chart_data(equipment_charts.budget_chart, plan.lines, t("budget_title", lang), note, lang=lang)
    with right:
        scope = st.selectbox(
            t("age_scope", lang),
            drawn.scopes,
            key="equipment_age_scope",
            format_func=lambda s: t("region", lang) if s == "region" else modality_name(s, lang),
        )
        show_chart_data(
            equipment_charts.age_profile_chart, drawn.age_lines[scope], t("age_title", lang), note, lang=lang
        )

    st.subheader(t("breaks_title", lang))
    if note:
        st.caption(note)
    show_table(drawn.breaks)

    st.subheader(t("trust_title", lang))
    st.caption(t("trust_note", lang) + (f" {note}" if note else ""))
    download_csv(
        sched.schedule,
        t("download_schedule", lang),
        f"equipment_schedule_{horizon}.csv",
        "download_equipment_schedule",
        illustrative=t("illustrative_column", lang) if note else None,
        decimals=3,
    )
    if st.toggle(t("show_table", lang), key="equipment_show_owners"):
        show_table(owner_table(sched.per_owner, soon, horizon, lang))

    st.subheader(t("demand_title", lang))
    st.markdown(t("demand_intro", lang))
    show_chart_data(equipment_charts.demand_chart, drawn.demand_lines, tuple(drawn.names.values()), lang=lang)
    show_table(drawn.demand)
    machines_section(lang, drawn)

    if st.toggle(t("show_sources", lang), key="equipment_show_sources"):
        st.dataframe(assumptions_table(snapshot, GROUPS), hide_index=True, width="stretch")
