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

from imaging_plan.planning import specialist_inflow
from imaging_plan.charts import inflow as inflow_charts
from imaging_plan.charts import overview as overview_charts
from imaging_plan.charts.common import PALETTE, localized
from imaging_plan.i18n import fmt_number, specialty_name, t
from imaging_plan.data.schemas import TABLES
from imaging_plan.planning.recruitment import by_period
from imaging_plan.views.reports import Headline, SmallChart
from imaging_plan.app import model_view, state
from imaging_plan.app.model_view import range_text
from imaging_plan.app.components import (
    assumptions_table,
    backtest_note,
    data_error_shown,
    download_csv,
    forecast_status,
    show_chart_data,
)
from imaging_plan.views.sections import Section

FORECAST = "specialist_inflow"
RUN_COMMAND = "python -m imaging_plan.pipeline.runner --only 02"
NATIONAL_FILE = TABLES["specialist_approvals"].file
PLAN_NUMBERS = [c for c in specialist_inflow.PLAN_COLUMNS if c not in ("specialty", "year", "supply_basis")]
PIPELINE_NUMBERS = ["residents_planned", "residents_needed", "posts_gap"]
DERIVED_NUMBERS = ["specialists", "growth", "exits", "inflow"]
GROUPS = ("general", "physicians", "inflow")


@dataclass(frozen=True)
class InflowView:
    hist: dict  # specialty -> specialist and resident history (Tabell 6)
    derived: pd.DataFrame  # inflow derived from the history
    plan: pd.DataFrame  # specialist_inflow.inflow_plan: `planned` is the physician plan's new specialists
    pipeline: pd.DataFrame  # resident posts planned and needed (the physician plan's residents_needed)
    figures: pd.DataFrame  # specialist_inflow.summary (index: specialty)
    model: model_view.ModelView  # the one physician model and its interval (the headlines)
    periods: pd.DataFrame  # recruitment calibrated over the latest 3, 5 and 10 years


def compute(snapshot: state.Snapshot) -> InflowView:
    """Return the inflow plan, the resident pipeline and their headline figures for the snapshot's scenario.

    The planned inflow and the residents needed are the physician plan's (`model_view.model_of`,
    the same cached model the physicians page and the overview read).
    """
    scenario, forecast = snapshot.scenario, snapshot.forecast(FORECAST)
    hist = specialist_inflow.histories(snapshot.tables["physician_ftes"])
    model = model_view.model_of(snapshot)
    need = model.need  # the physician page's need (physicians.physician_need's)
    plan = specialist_inflow.inflow_plan(
        hist,
        need,
        scenario,
        _stored(forecast, "inflow_trend"),
        _stored(forecast, "national_trend"),
        physician_plan=model.plan,
    )
    pipeline = specialist_inflow.resident_pipeline(hist, plan, scenario, physician_plan=model.plan)
    return InflowView(
        hist,
        specialist_inflow.derived_inflow(hist, scenario["exit_rate_pct"]),
        plan,
        pipeline,
        specialist_inflow.summary(plan, pipeline, scenario),
        model,
        by_period(hist, float(scenario["exit_rate_pct"]), int(scenario["training_years"])),
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


def supply_range(plan: pd.DataFrame, specialty: str) -> tuple[float, float, float]:
    """Return the approvals-based supply a year (mean over the plan years) with its low and high (the range's)."""
    own = plan[plan["specialty"] == specialty]
    return float(own["supply"].mean()), float(own["supply_lower"].mean()), float(own["supply_upper"].mean())


def figures_of(view: InflowView, specialty: str, lang: str) -> dict[str, str]:
    """Return the headline figures of a specialty as shown (median and 80 % interval), by figure name.

    required, planned: new specialists a year (mean over the plan years) needed and planned (the
    physician plan's own finishers + recruited); supply: from national approvals (the range's low
    and high); cum_planned and cum_supply: the shortfall summed to the horizon; residents: LiS
    FTEs needed in training each year to the deadline (the board's decision); deadline: the
    year the posts must exist by, over the draws.
    """
    per = view.model.per_year.loc[specialty]
    decision = view.model.decisions[specialty]
    row = view.figures.loc[specialty]
    mean, low, high = supply_range(view.plan, specialty)
    total = float(view.plan.loc[view.plan["specialty"] == specialty, "supply"].sum())
    first, last = decision["deadline_first"], decision["deadline_last"]
    whole = view.model.decimals(specialty)  # FTE totals: whole FTEs, one decimal for a small specialty
    return {
        "required": range_text(per["required_p50"], per["required_p10"], per["required_p90"], lang, 1),
        "planned": range_text(
            per["new_specialists_p50"], per["new_specialists_p10"], per["new_specialists_p90"], lang, 1
        ),
        "supply": range_text(mean, low, high, lang, 1),
        "cum_planned": range_text(
            per["cum_shortfall_p50"], per["cum_shortfall_p10"], per["cum_shortfall_p90"], lang, whole
        ),
        "cum_supply": range_text(
            per["cum_required_p50"] - total,
            per["cum_required_p10"] - total,
            per["cum_required_p90"] - total,
            lang,
            whole,
        ),
        "residents": range_text(decision["p50"], decision["p10"], decision["p90"], lang, whole),
        "deadline": t("already_late", lang) if row["late"] else (str(first) if first == last else f"{first}–{last}"),
    }


def headline(ctx, view: InflowView, specialty: str, first: int, last: int) -> None:
    """Show the specialty's figures: new specialists a year (required, planned, approvals), then what it takes."""
    lang, horizon = ctx.lang, int(ctx.scenario["horizon"])
    span = dict(first=first, last=last)
    shown = figures_of(view, specialty, lang)
    row = view.figures.loc[specialty]
    decision = view.model.decisions[specialty]
    cols = st.columns(3)
    cols[0].metric(t("m_required", lang), shown["required"], help=t("m_required_help", lang, **span))
    cols[1].metric(t("m_planned", lang), shown["planned"], help=t("m_planned_help", lang, **span))
    cols[2].metric(t("m_supply", lang), shown["supply"], help=t("m_supply_help", lang, **span))
    training = int(ctx.scenario["training_years"])
    cols = st.columns(3)
    cols[0].metric(t("m_cum_planned", lang, year=horizon), shown["cum_planned"], help=t("m_cum_help", lang, **span))
    cols[1].metric(t("m_cum_supply", lang, year=horizon), shown["cum_supply"], help=t("m_cum_help", lang, **span))
    cols[2].metric(
        t("m_deadline", lang),
        shown["deadline"],
        help=t("m_deadline_help", lang, horizon=horizon, years=training),
    )
    st.metric(
        t("m_residents", lang, base=decision["base"], year=decision["deadline_last"]),
        shown["residents"],
        delta=fmt_number(decision["p50"] - decision["today"], lang, signed=True),
        delta_color="inverse",
        help=t("m_residents_help", lang, today=fmt_number(decision["today"], lang)),
    )
    trend = row["trend_per_year"]
    notes = [
        t(
            "inflow_headline_caption",
            lang,
            draws=fmt_number(view.model.draws, lang),
            periods=model_view.period_text(view.periods, specialty, lang),
            window=int(ctx.scenario["recruitment_window_years"]),
        )
    ]
    if pd.notna(trend):
        notes.append(t("inflow_trend_caption", lang, trend=fmt_number(trend, lang, 1)))
    st.caption(" ".join(notes))


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
        headline(ctx, view, specialty, first, last)
        if row["late"]:
            st.info(t("late_note", lang, years=int(scenario["training_years"]), horizon=horizon, base=first - 1))
        notes = [
            *basis_notes(ctx, forecast, specialty),
            trend_note(ctx, forecast, specialty),
            negative_note(derived, specialty, lang),
        ]
        st.caption(" ".join(n for n in notes if n))
        backtest_note(ctx, f"inflow:{specialty}")
        planned_band = view.model.band("new_specialists")
        show_chart_data(
            inflow_charts.inflow_chart,
            inflow_charts.inflow_lines(specialty, derived, plan, lang, planned_band),
            None,
            lang=lang,
        )
        trend_band = (
            ""
            if not plan.loc[plan["specialty"] == specialty, "trend"].notna().any()
            else t("inflow_band_meaning", lang, rate=fmt_number(scored_rate, lang, 1))
            if scored_rate is not None
            else t("band_meaning", lang)
        )
        st.caption(f"{t('planned_band_meaning', lang, draws=fmt_number(view.model.draws, lang))} {trend_band}")
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
    """Return new specialists a year for the board: needed and planned (the one inflow), with their intervals."""
    if snapshot.data_error:
        return None
    lang = snapshot.lang
    view = state.computed(compute, snapshot)
    plan, pipeline = view.plan, view.pipeline
    first, last = int(plan["year"].min()), int(plan["year"].max())
    headlines = []
    for specialty in view.figures.index:
        name = specialty_name(specialty, lang)
        shown = figures_of(view, specialty, lang)
        headlines.append(
            Headline(
                t("ov_inflow_label", lang, specialty=name),
                shown["planned"],
                t(
                    "ov_inflow_sentence",
                    lang,
                    required=shown["required"],
                    first=first,
                    last=last,
                    shortfall=shown["cum_planned"],
                    supply=shown["supply"],
                    draws=fmt_number(view.model.draws, lang),
                ),
            )
        )
    rows = overview_rows(view, lang)
    names = [t(k, lang) for k in ("ov_inflow_required", "ov_inflow_planned", "ov_inflow_supply")]
    colours = dict(zip(names, (PALETTE["vermillion"], PALETTE["orange"], PALETTE["green"])))
    unit = t("ov_inflow_unit", lang)
    radiology = rows[rows["specialty"] == "radiology"]
    return Section(
        title=t("inflow_title", lang),
        headlines=headlines,
        chart=localized(
            overview_charts.overview_lines(rows.drop(columns="specialty"), unit, lang, colours=colours), lang
        ),
        pdf_chart=SmallChart(
            f"{t('page_inflow', lang)}: {specialty_name('radiology', lang)} ({t('pdf_band', lang)})",
            unit,
            radiology[["year", "series", "value", "lower", "upper"]],
            colours=colours,
        ),
        tables={"specialist_inflow_plan": plan.round(3), "resident_pipeline": pipeline.round(3)},
        groups=GROUPS,
    )


def overview_rows(view: InflowView, lang: str) -> pd.DataFrame:
    """Return required, planned (with its 80 % interval) and approvals-based new specialists per panel and year."""
    plan = view.plan
    band = view.model.band("new_specialists").set_index(["specialty", "year"])
    keys = pd.MultiIndex.from_frame(plan[["specialty", "year"]])
    frames = [
        plan[["specialty", "year"]].assign(series=t("ov_inflow_required", lang), value=plan["required"]),
        plan[["specialty", "year"]].assign(
            series=t("ov_inflow_planned", lang),
            value=plan["planned"],
            lower=band["p10"].reindex(keys).to_numpy(),
            upper=band["p90"].reindex(keys).to_numpy(),
        ),
        plan[["specialty", "year"]].assign(series=t("ov_inflow_supply", lang), value=plan["supply"]),
    ]
    rows = pd.concat(frames, ignore_index=True)
    rows["panel"] = [specialty_name(s, lang) for s in rows["specialty"]]
    return rows[["specialty", "year", "series", "value", "lower", "upper", "panel"]]


def fan(snapshot: state.Snapshot) -> pd.DataFrame:
    """Return the yearly shortfall of new specialists against the planned inflow, per specialty (panel).

    The scenario's values only (no draws, no trend): the presets' lines are drawn beside the viewer's.
    """
    physician_plan, need = model_view.scenario_plan(snapshot)
    hist = specialist_inflow.histories(snapshot.tables["physician_ftes"])
    plan = specialist_inflow.inflow_plan(hist, need, snapshot.scenario, physician_plan=physician_plan)
    return pd.DataFrame(
        {
            "panel": [specialty_name(s, snapshot.lang) for s in plan["specialty"]],
            "year": plan["year"],
            "value": plan["shortfall_planned"],
        }
    )


def fan_band(snapshot: state.Snapshot) -> pd.DataFrame:
    """Return the viewer's interval of that shortfall (required - planned, p10-p90 of the draws) per panel, year."""
    band = model_view.model_of(snapshot).band("shortfall")
    return pd.DataFrame(
        {
            "panel": [specialty_name(s, snapshot.lang) for s in band["specialty"]],
            "year": band["year"],
            "lower": band["p10"],
            "upper": band["p90"],
        }
    )
