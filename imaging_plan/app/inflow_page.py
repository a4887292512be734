"""Specialist inflow page: new specialists required, on course and from national approvals, and resident posts.

Draws `views.inflow`'s numbers: the headline figures per specialty, the charts, and the tables
for analysts.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from imaging_plan.app.components import (
    assumptions_table,
    backtest_note,
    data_error_shown,
    download_csv,
    forecast_status,
    show_chart_data,
    show_table,
)
from imaging_plan.charts import inflow as inflow_charts
from imaging_plan.i18n import fmt_number, specialty_name, t
from imaging_plan.planning import specialist_inflow
from imaging_plan.views import inflow as view_of
from imaging_plan.views.inflow import (
    DERIVED_NUMBERS,
    FORECAST,
    GROUPS,
    NATIONAL_FILE,
    PIPELINE_NUMBERS,
    PLAN_NUMBERS,
    RUN_COMMAND,
    InflowView,
)
from imaging_plan.views.snapshot import Snapshot


def headline(
    snapshot: Snapshot,
    view: InflowView,
    shown: view_of.Figures,
    captions: view_of.Captions,
    specialty: str,
    first: int,
    last: int,
) -> None:
    """Show the specialty's figures: new specialists a year (required, planned, approvals), then what it takes."""
    lang, horizon = snapshot.lang, int(snapshot.scenario["horizon"])
    span = dict(first=first, last=last)
    decision = view.model.decisions[specialty]
    cols = st.columns(3)
    cols[0].metric(t("m_required", lang), shown.required, help=t("m_required_help", lang, **span))
    cols[1].metric(t("m_planned", lang), shown.planned, help=t("m_planned_help", lang, **span))
    cols[2].metric(t("m_supply", lang), shown.supply, help=t("m_supply_help", lang, **span))
    training = int(snapshot.scenario["training_years"])
    cols = st.columns(3)
    cols[0].metric(t("m_cum_planned", lang, year=horizon), shown.cum_planned, help=t("m_cum_help", lang, **span))
    cols[1].metric(t("m_cum_supply", lang, year=horizon), shown.cum_supply, help=t("m_cum_help", lang, **span))
    cols[2].metric(
        t("m_deadline", lang),
        shown.deadline,
        help=t("m_deadline_help", lang, horizon=horizon, years=training),
    )
    st.metric(
        t("m_residents", lang, base=decision["base"], year=decision["deadline_last"]),
        shown.residents,
        delta=fmt_number(decision["p50"] - decision["today"], lang, signed=True),
        delta_color="inverse",
        help=t("m_residents_help", lang, today=fmt_number(decision["today"], lang)),
    )
    st.caption(captions.headline)


def localized_table(frame: pd.DataFrame, numbers: list[str], lang: str) -> None:
    """Show a table with translated headers and specialty names, numbers in the user's format."""
    show_table(*view_of.localized_table(frame, numbers, lang))


def render(snapshot: Snapshot) -> None:
    lang = snapshot.lang
    st.title(t("inflow_title", lang))
    st.markdown(t("inflow_intro", lang))
    if data_error_shown(snapshot):
        return
    scenario = snapshot.scenario
    horizon = int(scenario["horizon"])
    forecast = forecast_status(snapshot, FORECAST, RUN_COMMAND, "inflow_forecast_missing")
    if (
        forecast is not None
        and (snapshot.data_dir / NATIONAL_FILE).exists()
        and forecast.manifest.get("inputs", {}).get(NATIONAL_FILE) is None
    ):  # made without it
        st.warning(t("national_file_new", lang, file=NATIONAL_FILE, cmd=RUN_COMMAND))
    inflow_trend = view_of.stored(forecast, "inflow_trend")
    if inflow_trend is not None and not inflow_trend.empty and inflow_trend["year"].max() < horizon:
        st.caption(t("trend_short", lang, year=int(inflow_trend["year"].max())))

    view, drawn = view_of.compute(snapshot), view_of.drawn(snapshot)
    hist, derived, plan, pipeline, figures = view.hist, view.derived, view.plan, view.pipeline, view.figures
    first, last = int(plan["year"].min()), int(plan["year"].max())

    for specialty in figures.index:
        name = specialty_name(specialty, lang)
        st.subheader(name)
        row = figures.loc[specialty]
        captions = drawn.captions[specialty]
        headline(snapshot, view, drawn.figures[specialty], captions, specialty, first, last)
        if row["late"]:
            st.info(t("late_note", lang, years=int(scenario["training_years"]), horizon=horizon, base=first - 1))
        st.caption(captions.basis)
        backtest_note(snapshot, f"inflow:{specialty}")
        show_chart_data(inflow_charts.inflow_chart, drawn.inflow[specialty], None, lang=lang)
        st.caption(captions.bands)
        show_chart_data(inflow_charts.shortfall_chart, drawn.shortfall[specialty], lang=lang)
        show_chart_data(
            inflow_charts.pipeline_chart,
            drawn.pipeline[specialty],
            int(row["deadline_year"]),
            bool(row["late"]),
            lang=lang,
        )

    # The tables are for analysts: downloads, drawn on the page only when asked for.
    st.subheader(t("inflow_table", lang))
    download_csv(plan, t("download_csv", lang), f"specialist_inflow_{horizon}.csv", "download_inflow_plan", decimals=3)
    if st.toggle(t("show_table", lang), key="inflow_show_plan"):
        localized_table(plan, PLAN_NUMBERS, lang)
    st.subheader(t("pipeline_table", lang))
    download_csv(
        pipeline, t("download_csv", lang), f"resident_pipeline_{horizon}.csv", "download_inflow_pipeline", decimals=3
    )
    if st.toggle(t("show_table", lang), key="inflow_show_pipeline"):
        localized_table(pipeline, PIPELINE_NUMBERS, lang)
    if st.toggle(t("how_derived", lang), key="inflow_show_derived"):
        share = specialist_inflow.specialist_share(hist["radiology"]) if "radiology" in hist else 0.0
        st.markdown(t("how_derived_text", lang, share_now=fmt_number(100 * share, lang)))
        localized_table(derived, DERIVED_NUMBERS, lang)
    if st.toggle(t("show_sources", lang), key="inflow_show_sources"):
        st.dataframe(assumptions_table(snapshot, GROUPS), hide_index=True, width="stretch")
