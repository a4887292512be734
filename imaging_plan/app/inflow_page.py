"""Specialist inflow page: new specialists required, on course and from national approvals, and resident posts.

Reads the default line notebook 02 stored (in the two parts the exit-rate slider
adds up), and recomputes everything else from the sliders (no fitting here):
`compute(snapshot)` gives the numbers, `render` draws them, `section` is the
board's overview of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from .. import physicians, specialist_inflow
from ..charts import inflow as inflow_charts
from ..charts import overview as overview_charts
from ..charts.common import PALETTE, localized
from ..i18n import fmt_number, specialty_name, t
from ..inputs import TABLES
from ..reports import Headline, SmallChart
from . import state
from .components import (
    assumptions_table,
    backtest_note,
    data_error_shown,
    download_csv,
    forecast_status,
    show_chart_data,
)
from .sections import Section

FORECAST = "specialist_inflow"
RUN_COMMAND = "python -m imaging_plan.runner --only 02"
NATIONAL_FILE = TABLES["specialist_approvals"].file
PLAN_NUMBERS = [c for c in specialist_inflow.PLAN_COLUMNS if c not in ("specialty", "year", "supply_basis")]
PIPELINE_NUMBERS = ["residents_planned", "residents_needed", "posts_gap"]
DERIVED_NUMBERS = ["specialists", "growth", "exits", "inflow"]
GROUPS = ("general", "physicians", "inflow")


@dataclass(frozen=True)
class InflowView:
    hist: dict  # specialty -> specialist and resident history (Tabell 6)
    derived: pd.DataFrame  # inflow derived from the history
    plan: pd.DataFrame  # specialist_inflow.inflow_plan
    pipeline: pd.DataFrame  # resident posts planned and needed
    figures: pd.DataFrame  # specialist_inflow.summary (index: specialty)


def compute(snapshot: state.Snapshot) -> InflowView:
    """Return the inflow plan, the resident pipeline and their headline figures for the snapshot's scenario."""
    scenario, forecast = snapshot.scenario, snapshot.forecast(FORECAST)
    hist = specialist_inflow.histories(snapshot.tables["physician_ftes"])
    need = physicians.physician_need(snapshot.tables, scenario)  # the physician page's need
    plan = specialist_inflow.inflow_plan(
        hist, need, scenario, _stored(forecast, "inflow_trend"), _stored(forecast, "national_trend")
    )
    pipeline = specialist_inflow.resident_pipeline(hist, plan, scenario)
    return InflowView(
        hist,
        specialist_inflow.derived_inflow(hist, scenario["exit_rate_pct"]),
        plan,
        pipeline,
        specialist_inflow.summary(plan, pipeline, scenario),
    )


def _stored(forecast, table: str) -> pd.DataFrame | None:
    return None if forecast is None else forecast.tables.get(table)


def national_basis(forecast, specialty: str) -> tuple[str, int] | None:
    """Return how the stored forecast got this specialty's national approvals (basis, points), or None."""
    status = _stored(forecast, "national_status")
    if status is None:
        return None
    row = status[status["specialty"] == specialty]
    return (str(row["basis"].iloc[0]), int(row["points"].iloc[0])) if len(row) else None


def basis_notes(ctx, forecast, specialty: str) -> list[str]:
    """Return the captions that say where this specialty's approvals-based supply comes from."""
    lang, scenario = ctx.lang, ctx.scenario
    basis = national_basis(forecast, specialty)
    notes = []
    if basis is not None:
        notes.append(t(f"basis_{basis[0]}", lang, points=basis[1]))
        if basis[0] == "fitted":
            return notes
    central = scenario[f"approvals_{specialty}"]
    spread = scenario.get(f"approvals_{specialty}_spread", 0)
    notes.append(
        t(
            f"range_{specialty}",
            lang,
            central=fmt_number(central, lang, 1 if central % 1 else 0),
            low=fmt_number(max(central - spread, 0), lang),
            high=fmt_number(central + spread, lang),
            share=fmt_number(scenario["region_share_pct"], lang),
        )
    )
    return notes


def trend_note(ctx, forecast, specialty: str) -> str | None:
    """Return why there is no trend for this specialty although the forecast exists, or None."""
    status = _stored(forecast, "inflow_status")
    if status is None:
        return None
    growth = status[(status["specialty"] == specialty) & (status["part"] == "growth")]
    if len(growth) and not bool(growth["fitted"].iloc[0]):
        return t("trend_not_fitted", ctx.lang, points=int(growth["points"].iloc[0]))
    return None


def scored_exit_rate(forecast, exit_rate_pct: float) -> float | None:
    """Return the exit rate the stored trend was scored at when the slider is elsewhere, else None.

    At the notebook's exit rate the trend is exactly the line the backtest scored; at
    another rate the difference in exits is added on the specialists' own line.
    """
    if forecast is None:
        return None
    stored = forecast.manifest.get("parameters", {}).get("exit_rate_pct")
    return None if stored is None or abs(float(stored) - float(exit_rate_pct)) < 1e-9 else float(stored)


def negative_note(derived: pd.DataFrame, specialty: str, lang: str) -> str | None:
    """Return the note naming the years with a negative derived inflow, or None."""
    years = derived.loc[(derived["specialty"] == specialty) & (derived["inflow"] < 0), "year"]
    return t("negative_inflow", lang, years=", ".join(map(str, years.astype(int)))) if len(years) else None


def headline(ctx, row: pd.Series, first: int, last: int) -> None:
    """Show the specialty's figures: new specialists a year (required, on course, approvals), then what it takes."""
    lang, horizon = ctx.lang, int(ctx.scenario["horizon"])
    span = dict(first=first, last=last)
    cols = st.columns(3)
    cols[0].metric(
        t("m_required", lang), fmt_number(row["required_per_year"], lang, 1), help=t("m_required_help", lang, **span)
    )
    cols[1].metric(t("m_trend", lang), fmt_number(row["trend_per_year"], lang, 1), help=t("m_trend_help", lang, **span))
    cols[2].metric(
        t("m_supply", lang), fmt_number(row["supply_per_year"], lang, 1), help=t("m_supply_help", lang, **span)
    )
    deadline, training = int(row["deadline_year"]), int(ctx.scenario["training_years"])
    gap = row["posts_gap_at_deadline"]
    cols = st.columns(4)
    cols[0].metric(
        t("m_cum_trend", lang, year=horizon),
        fmt_number(row["cum_shortfall_trend"], lang),
        help=t("m_cum_help", lang, **span),
    )
    cols[1].metric(
        t("m_cum_supply", lang, year=horizon),
        fmt_number(row["cum_shortfall_supply"], lang),
        help=t("m_cum_help", lang, **span),
    )
    cols[2].metric(
        t("m_residents", lang, year=deadline),
        fmt_number(row["residents_needed_at_deadline"], lang),
        delta=None if pd.isna(gap) else fmt_number(gap, lang, signed=True),
        delta_color="inverse",
        help=t(
            "m_residents_help",
            lang,
            year=deadline,
            finish=deadline + training,
            planned=fmt_number(row["residents_needed_at_deadline"] - gap, lang) if pd.notna(gap) else "–",
        ),
    )
    cols[3].metric(
        t("m_deadline", lang),
        t("already_late", lang) if row["late"] else str(deadline),
        help=t("m_deadline_help", lang, horizon=horizon, years=training),
    )


def localized_table(frame: pd.DataFrame, numbers: list[str], lang: str) -> None:
    """Show a table with translated headers and specialty names, numbers in the user's format."""
    shown = frame.copy()
    shown["specialty"] = shown["specialty"].map(lambda s: specialty_name(s, lang))
    if "supply_basis" in shown:
        shown["supply_basis"] = shown["supply_basis"].map(lambda b: t(f"basis_{b}", lang))
    shown[numbers] = shown[numbers].astype(float).round(1)
    names = {c: t(f"inflow_col_{c}", lang) for c in shown.columns if c not in ("specialty", "year")}
    names.update(specialty=t("col_specialty", lang), year=t("year", lang))
    st.dataframe(
        shown.rename(columns=names),
        hide_index=True,
        width="stretch",
        column_config={names[c]: st.column_config.NumberColumn(format="localized") for c in numbers},
    )


def render(ctx) -> None:
    lang = ctx.lang
    st.title(t("inflow_title", lang))
    st.markdown(t("inflow_intro", lang))
    if data_error_shown(ctx):
        return
    scenario = ctx.scenario
    horizon = int(scenario["horizon"])
    forecast = forecast_status(ctx, FORECAST, RUN_COMMAND, "inflow_forecast_missing")
    if (
        forecast is not None
        and (ctx.data_dir / NATIONAL_FILE).exists()
        and forecast.manifest.get("inputs", {}).get(NATIONAL_FILE) is None
    ):  # made without it
        st.warning(t("national_file_new", lang, file=NATIONAL_FILE, cmd=RUN_COMMAND))
    inflow_trend = _stored(forecast, "inflow_trend")
    if inflow_trend is not None and not inflow_trend.empty and inflow_trend["year"].max() < horizon:
        st.caption(t("trend_short", lang, year=int(inflow_trend["year"].max())))

    view = state.computed(compute, ctx)
    hist, derived, plan, pipeline, figures = view.hist, view.derived, view.plan, view.pipeline, view.figures
    first, last = int(plan["year"].min()), int(plan["year"].max())
    scored_rate = scored_exit_rate(forecast, scenario["exit_rate_pct"])

    for specialty in figures.index:
        name = specialty_name(specialty, lang)
        st.subheader(name)
        row = figures.loc[specialty]
        headline(ctx, row, first, last)
        if row["late"]:
            st.info(t("late_note", lang, years=int(scenario["training_years"]), horizon=horizon, base=first - 1))
        notes = [
            *basis_notes(ctx, forecast, specialty),
            trend_note(ctx, forecast, specialty),
            negative_note(derived, specialty, lang),
        ]
        st.caption(" ".join(n for n in notes if n))
        backtest_note(ctx, f"inflow:{specialty}")
        show_chart_data(
            inflow_charts.inflow_chart, inflow_charts.inflow_lines(specialty, derived, plan, lang), None, lang=lang
        )
        st.caption(
            t("inflow_band_meaning", lang, rate=fmt_number(scored_rate, lang, 1))
            if scored_rate is not None
            else t("band_meaning", lang)
        )
        show_chart_data(inflow_charts.shortfall_chart, inflow_charts.shortfall_lines(plan, specialty, lang), lang=lang)
        show_chart_data(
            inflow_charts.pipeline_chart,
            inflow_charts.pipeline_lines(specialty, hist, pipeline, lang),
            int(row["deadline_year"]),
            bool(row["late"]),
            lang=lang,
        )

    # The tables are for analysts: downloads, drawn on the page only when asked for.
    st.subheader(t("inflow_table", lang))
    download_csv(plan.round(3), t("download_csv", lang), f"specialist_inflow_{horizon}.csv", "download_inflow_plan")
    if st.toggle(t("show_table", lang), key="inflow_show_plan"):
        localized_table(plan, PLAN_NUMBERS, lang)
    st.subheader(t("pipeline_table", lang))
    download_csv(
        pipeline.round(3), t("download_csv", lang), f"resident_pipeline_{horizon}.csv", "download_inflow_pipeline"
    )
    if st.toggle(t("show_table", lang), key="inflow_show_pipeline"):
        localized_table(pipeline, PIPELINE_NUMBERS, lang)
    if st.toggle(t("how_derived", lang), key="inflow_show_derived"):
        share = specialist_inflow.specialist_share(hist["radiology"]) if "radiology" in hist else 0.0
        st.markdown(t("how_derived_text", lang, share_now=fmt_number(100 * share, lang)))
        localized_table(derived, DERIVED_NUMBERS, lang)
    if st.toggle(t("show_sources", lang), key="inflow_show_sources"):
        st.dataframe(assumptions_table(ctx, GROUPS), hide_index=True, width="stretch")


def section(snapshot: state.Snapshot) -> Section | None:
    """Return the specialist inflow shortfall for the board: needed vs national supply per year."""
    if snapshot.data_error:
        return None
    lang = snapshot.lang
    view = compute(snapshot)
    plan, pipeline, figures = view.plan, view.pipeline, view.figures
    first, last = int(plan["year"].min()), int(plan["year"].max())
    headlines = []
    for specialty, row in figures.iterrows():
        name = specialty_name(specialty, lang)
        headlines.append(
            Headline(
                t("ov_inflow_label", lang, specialty=name),
                t(
                    "ov_inflow_value",
                    lang,
                    required=fmt_number(row["required_per_year"], lang, 1),
                    supply=fmt_number(row["supply_per_year"], lang, 1),
                ),
                t(
                    "ov_inflow_sentence",
                    lang,
                    first=first,
                    last=last,
                    shortfall=fmt_number(row["cum_shortfall_supply"], lang),
                    needed=fmt_number(row["residents_needed_now"], lang),
                    today=fmt_number(row["residents_today"], lang),
                ),
            )
        )
    rows = plan[["specialty", "year", "required", "supply"]].melt(
        id_vars=["specialty", "year"], var_name="kind", value_name="value"
    )
    names = {"required": t("ov_inflow_required", lang), "supply": t("ov_inflow_supply", lang)}
    rows["series"] = rows["kind"].map(names)
    rows["panel"] = [specialty_name(s, lang) for s in rows["specialty"]]
    colours = {names["required"]: PALETTE["vermillion"], names["supply"]: PALETTE["blue"]}
    unit = t("ov_inflow_unit", lang)
    radiology = rows[rows["specialty"] == "radiology"]
    return Section(
        title=t("inflow_title", lang),
        headlines=headlines,
        chart=localized(overview_charts.overview_lines(rows, unit, lang, colours=colours), lang),
        pdf_chart=SmallChart(
            f"{t('page_inflow', lang)}: {specialty_name('radiology', lang)}",
            unit,
            radiology[["year", "series", "value"]],
            colours=colours,
        ),
        tables={"specialist_inflow_plan": plan.round(3), "resident_pipeline": pipeline.round(3)},
        groups=GROUPS,
    )


def fan(snapshot: state.Snapshot) -> pd.DataFrame:
    """Return the yearly shortfall of new specialists against national approvals, per specialty (panel)."""
    plan = state.computed(compute, snapshot).plan
    return pd.DataFrame(
        {
            "panel": [specialty_name(s, snapshot.lang) for s in plan["specialty"]],
            "year": plan["year"],
            "value": plan["shortfall_supply"],
        }
    )
