"""Model quality page: how each forecast did in the backtest, and what changed since an earlier run.

The sentences, tables and charts come from `views.quality` (no Streamlit); this module draws them
and holds the page's widgets (the series and methods of the chart, the kept run to compare with).
"""

from __future__ import annotations

import streamlit as st

from imaging_plan.forecasting.backtesting import METHODS
from imaging_plan.i18n import fmt_number, t
from imaging_plan.pipeline import runs
from imaging_plan.views import quality
from imaging_plan.views.quality import PLANNING_BACKCAST, QualityView, series_label
from imaging_plan.views.snapshot import Snapshot
from imaging_plan.app import url_codes
from imaging_plan.app.build_progress import forecast_or_progress
from imaging_plan.app.components import BACKTEST, BACKTEST_COMMAND, download_csv, forecast_status, show_table

RUN_COMMAND = "python -m imaging_plan.pipeline.runner"
PLANNING_COMMAND = "python -m imaging_plan.pipeline.runner --only 06"


def _bullets(lines: list[str]) -> None:
    st.markdown("\n".join(f"- {line}" for line in lines))


def chart_section(snapshot: Snapshot, view: QualityView) -> None:
    lang = snapshot.lang
    st.subheader(t("chart_title", lang))
    chosen = url_codes.coded(
        st.selectbox,
        t("choose_series", lang),
        list(view.measured),
        format_func=lambda s: series_label(s, lang),
        default=view.first_series,
        key="series",
    )
    winner = view.winners.set_index("series_id").loc[chosen, "winner"]
    methods = st.pills(
        t("choose_methods", lang),
        list(METHODS),
        selection_mode="multi",
        default=list(dict.fromkeys([winner, "prophet"])),
        format_func=lambda m: quality._method(m, lang, True),
        key=f"methods_{chosen}",
    )
    st.caption(t("chart_help", lang))
    st.vega_lite_chart(quality.chart_spec(snapshot, chosen, tuple(methods or ())), width="stretch")


def history_section(snapshot: Snapshot) -> None:
    lang = snapshot.lang
    st.subheader(t("history_title", lang))
    kept = quality.history(snapshot)
    if kept is None:
        st.info(t("history_none", lang, cmd=RUN_COMMAND, keep=runs.HISTORY_KEEP))
        return
    st.caption(t("history_help", lang))
    run = st.selectbox(t("choose_run", lang), kept.runs, index=kept.default, key="run")
    compared = quality.comparison(snapshot, run)
    show_table(compared.changes)
    st.dataframe(compared.reasons, hide_index=True, width="stretch")


def backtest_section(snapshot: Snapshot, view: QualityView) -> None:
    lang = snapshot.lang
    st.subheader(t("default_title", lang))
    if view.rule:
        st.caption(view.rule)
    if view.lead is not None:
        _bullets(view.lead)
    else:
        st.info(t("default_not_run", lang, cmd=BACKTEST_COMMAND))
    st.subheader(t("reading_title", lang))
    _bullets(view.reading)

    st.subheader(t("pooled_title", lang))
    st.caption(t("pooled_help", lang))
    show_table(view.pooled)

    st.subheader(t("accuracy_title", lang))
    st.caption(t("accuracy_help", lang))
    show_table(view.accuracy)
    if st.toggle(t("detail_title", lang), key="quality_show_detail"):
        st.caption(t("detail_help", lang, min=fmt_number(view.mape_min_actual, lang)))
        show_table(quality.detail_table(view.detail, lang))
        download_csv(view.detail, t("download_csv", lang), "backtest_accuracy.csv", "download_backtest_accuracy")

    chart_section(snapshot, view)
    st.subheader(t("grid_title", lang))
    st.caption(t("grid_help", lang))
    if not view.grid_run:
        st.caption(t("grid_not_run", lang))
    st.markdown(view.grid_summary)
    show_table(view.grid)


def planning_backcast_section(snapshot: Snapshot) -> None:
    """Show how the physician supply and the staffing plan did from earlier origins against what happened."""
    lang = snapshot.lang
    st.subheader(t("backcast_title", lang))
    if forecast_status(snapshot, PLANNING_BACKCAST, PLANNING_COMMAND, "backcast_missing") is None:
        return
    view = quality.backcast(snapshot)
    st.markdown(t("backcast_intro", lang, origins=view.origins))
    for specialty in view.specialties:
        st.vega_lite_chart(quality.backcast_spec(snapshot, specialty), width="stretch")
    st.caption(t("backcast_summary", lang, year=view.last_year))
    show_table(view.errors)
    download_csv(view.rows, t("download_csv", lang), "planning_backcast.csv", "download_planning_backcast")


def render(snapshot: Snapshot) -> None:
    lang = snapshot.lang
    st.title(t("quality_title", lang))
    st.markdown(t("quality_intro", lang))
    backtest = forecast_or_progress(snapshot, BACKTEST, BACKTEST_COMMAND, "backtest_missing", t("page_quality", lang))
    view = quality.compute(snapshot) if backtest is not None else None
    if view is not None:
        backtest_section(snapshot, view)
    history_section(snapshot)
    planning_backcast_section(snapshot)
