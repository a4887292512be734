"""Physicians page: supply, need and gap per specialty, recomputed on every slider move.

Draws `views.physicians`' numbers: `compute` for the charts and headlines, `drivers`,
`need_parts` and `recruitment` for the sections below them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from imaging_plan.app import chain
from imaging_plan.app.components import (
    assumptions_table,
    backtest_note,
    data_error_shown,
    download_csv,
    forecast_status,
    forward_trend,
    method_choice,
    show_chart_data,
    show_table,
)
from imaging_plan.charts import demand as demand_charts
from imaging_plan.charts import physicians as physician_charts
from imaging_plan.charts import uncertainty as uncertainty_charts
from imaging_plan.data import codes
from imaging_plan.forecasting.backtesting import series_id
from imaging_plan.i18n import fmt_number, specialty_name, t
from imaging_plan.views import physicians as view_of
from imaging_plan.views.physicians import FORECAST, GROUPS, REC_NUMBERS, RUN_COMMAND, TABLE_COLUMNS, PhysicianView
from imaging_plan.views.snapshot import Snapshot


def headline_metrics(view: PhysicianView, lang: str) -> None:
    """Show per specialty and headline year the gap's median and 80 % interval, its parts beneath."""
    for specialty in view.specialties:
        st.markdown(f"**{specialty_name(specialty, lang)}**")
        for col, card in zip(st.columns(len(view.years)), view.cards[specialty]):
            col.metric(
                t("gap_at", lang, year=card.year),
                card.value,
                delta=card.delta,
                delta_color="inverse",
                help=t("gap_help", lang),
            )
            col.caption(card.parts)
    st.caption(t("headline_median", lang, draws=fmt_number(view.model.draws, lang)))


def chosen_trend(
    snapshot: Snapshot, specialty: str, trend: pd.DataFrame | None
) -> tuple[pd.DataFrame | None, str | None]:
    """Show the backtest's verdict and the method switch for a specialty; return the trend to draw and its label.

    The stored default line by default; another method's stored forward line when the planner
    switches to it (nothing is fitted here).
    """
    total = series_id("physicians", specialty, "total")
    backtest_note(snapshot, total)
    method = method_choice(snapshot, total, f"method_{specialty}")
    if method == "default":
        return trend, None
    line = forward_trend(snapshot, total, method)
    if line is None:
        return trend, None
    line = line.assign(specialty=specialty, series="total")
    return line, t("trend_method", snapshot.lang, method=t(f"method_{method}", snapshot.lang))


def scope(snapshot: Snapshot) -> str | None:
    """Return the trust chosen (None: the region); the choice is offered when the physician file gives trusts."""
    lang, by_trust = snapshot.lang, snapshot.tables.get("physician_ftes_by_trust")
    if by_trust is None:
        return None
    trust = st.selectbox(
        t("phys_scope", lang),
        [None, *sorted(by_trust["trust"].unique())],
        key="phys_trust",
        format_func=lambda c: t("phys_scope_region", lang) if c is None else f"{c} – {codes.TRUSTS[c]}",
    )
    if trust is not None:
        st.caption(t("phys_trust_view", lang, trust=codes.TRUSTS[trust]))
    return trust


def render(snapshot: Snapshot) -> None:
    lang = snapshot.lang
    st.title(t("physicians_title", lang))
    st.markdown(t("physicians_intro", lang))
    if data_error_shown(snapshot):
        return
    trust = scope(snapshot)
    forecast_status(snapshot, FORECAST, RUN_COMMAND, "forecast_missing")
    view = view_of.compute(snapshot, trust)
    if trust is not None and (note := view_of.floor_note(view, trust, lang)):
        st.caption(note)
    if view.trend is not None and view.trend["year"].max() < view.horizon:
        st.caption(t("trend_short", lang, year=int(view.trend["year"].max())))
    headline_metrics(view, lang)
    st.markdown(view.periods_line)

    # One specialty under the other, full width: readable on a tablet as on a laptop.
    # Specs are built once per shape; a slider move only swaps the numbers in.
    first = int(view.plan["year"].min())
    for specialty in view.specialties:
        shown, label = chosen_trend(snapshot, specialty, view.trend) if trust is None else (None, None)
        if shown is view.trend:  # the stored trend (or none): its lines are prepared in the view
            lines = view.lines[specialty]
        else:
            lines = physician_charts.physician_lines(specialty, view.ftes, shown, view.plan, lang, trend_label=label)
        show_chart_data(
            physician_charts.physician_chart, lines, specialty_name(specialty, lang), lang=lang, trend_label=label
        )
        if label is None and shown is not None:  # the default line: its band is calibrated on the backtest
            st.caption(t("band_meaning", lang))
        exit_note = view.exits.get(specialty) if label is None else None
        if exit_note:
            st.markdown(exit_note)
        show_chart_data(
            uncertainty_charts.gap_parts_chart,
            view.gap_parts[specialty],
            lang=lang,
            years=(first, view.horizon),
        )
    st.caption(t("gap_parts_caption", lang))

    if trust is None:
        drivers_section(snapshot, view)
    need_parts_section(snapshot)
    chain.physician_workload_section(snapshot)  # the workload beside the index
    recruitment_section(snapshot)

    # The full table is for analysts: a download, drawn on the page only when asked for.
    st.subheader(t("table", lang))
    scope_name = f"{trust}_" if trust else ""
    download_csv(
        view.plan,
        t("download_csv", lang),
        f"physician_plan_{scope_name}{view.horizon}.csv",
        "download_physician_plan",
        decimals=3,
    )
    if st.toggle(t("show_table", lang), key="physicians_show_table"):
        show_table(
            view_of.plan_table(view_of.with_people(view.plan, snapshot.scenario), lang),
            [t(f"col_{c}", lang) for c in TABLE_COLUMNS],
        )
    if st.toggle(t("show_sources", lang), key="physicians_show_sources"):
        st.dataframe(assumptions_table(snapshot, GROUPS), hide_index=True, width="stretch")


def drivers_section(snapshot: Snapshot, view: PhysicianView) -> None:
    """Show per specialty the tornado (what moves the horizon's gap, p10 to p90) beside the waterfall."""
    lang = snapshot.lang
    found = view_of.drivers(snapshot)
    horizon = found.horizon
    st.subheader(t("drivers_title", lang, year=horizon))
    st.markdown(t("drivers_text", lang, year=horizon))
    for specialty, charts in found.specialties.items():
        name = specialty_name(specialty, lang)
        left, right = st.columns(2)
        with left:
            show_chart_data(
                uncertainty_charts.tornado_chart,
                charts.tornado,
                t("tornado_title", lang, specialty=name),
                lang=lang,
                year=horizon,
            )
        with right:
            show_chart_data(
                uncertainty_charts.waterfall_chart,
                charts.waterfall,
                t("waterfall_title", lang, specialty=name, year=horizon),
                lang=lang,
            )


def need_parts_section(snapshot: Snapshot) -> None:
    """Show the demand index split into its parts, with how each is derived (the region's index)."""
    view = view_of.need_parts(snapshot)
    st.subheader(t("need_parts_title", snapshot.lang))
    st.markdown(view.text)
    show_chart_data(demand_charts.demand_index_chart, view.lines, lang=snapshot.lang)


def recruitment_section(snapshot: Snapshot) -> None:
    """Show, when asked for, how the recruitment default comes from Tabell 6, year by year."""
    lang = snapshot.lang
    if not st.toggle(t("recruitment_title", lang), key="physicians_show_recruitment"):
        return
    view = view_of.recruitment(snapshot)
    st.markdown(view.text)
    show_table(view_of.recruitment_table(view.rows, lang), [t(f"rec_col_{c}", lang) for c in REC_NUMBERS])
