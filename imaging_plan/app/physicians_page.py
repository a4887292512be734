"""Physicians page: supply, need and gap per specialty, recomputed on every slider move."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import charts, demand, physicians, specialist_inflow
from ..backtesting import series_id
from ..codes import POPULATION_SCENARIOS
from ..i18n import fmt_number, specialty_name, t
from ..reports import Headline, SmallChart
from .components import (assumptions_table, backtest_note, data_error_shown, download_csv, forecast_status,
                         forward_trend, method_choice, show_cached_chart)
from .sections import Section

FORECAST = "physician_ftes"
RUN_COMMAND = "python -m imaging_plan.runner --only 01"
HEADLINE_YEARS = (2030, 2035)
TABLE_COLUMNS = ("specialists", "residents", "exits", "completions", "recruited", "supply", "need", "gap",
                 "exits_people", "recruited_people")


def headline_years(horizon: int) -> list[int]:
    """Return the years the page headlines: 2030, 2035 and the horizon, those within it."""
    return sorted({y for y in HEADLINE_YEARS if y <= horizon} | {horizon})


def headline_metrics(plan: pd.DataFrame, baseline: pd.DataFrame, horizon: int, lang: str) -> None:
    years = headline_years(horizon)
    for specialty in plan["specialty"].unique():
        st.markdown(f"**{specialty_name(specialty, lang)}**")
        now = physicians.gap_at(plan, years).loc[specialty]
        base = physicians.gap_at(baseline, years).reindex(columns=years).loc[specialty]
        for col, year in zip(st.columns(len(years)), years):
            delta = now[year] - base[year] if pd.notna(base.get(year)) else None
            col.metric(t("gap_at", lang, year=year), fmt_number(now[year], lang),
                       delta=None if delta is None or abs(delta) < 0.05 else fmt_number(delta, lang, 1, signed=True),
                       delta_color="inverse", help=t("gap_help", lang))


def with_people(plan: pd.DataFrame, scenario) -> pd.DataFrame:
    """Return the plan with exits and recruitment in people too: FTEs / FTEs per person."""
    per_person = float(scenario.get("fte_per_person_physician", 1.0))
    return plan.assign(exits_people=plan["exits"] / per_person, recruited_people=plan["recruited"] / per_person)


def plan_table(plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the plan (with `with_people`'s columns) with translated headers and one decimal, for display."""
    shown = plan.copy()
    shown["specialty"] = shown["specialty"].map(lambda s: specialty_name(s, lang))
    shown[list(TABLE_COLUMNS)] = shown[list(TABLE_COLUMNS)].round(1)
    names = {"specialty": t("col_specialty", lang), "year": t("year", lang),
             **{c: t(f"col_{c}", lang) for c in TABLE_COLUMNS}}
    return shown.rename(columns=names)


def chosen_trend(ctx, specialty: str, trend: pd.DataFrame | None) -> tuple[pd.DataFrame | None, str | None]:
    """Show the backtest's verdict and the method switch for a specialty; return the trend to draw and its label.

    Prophet's stored trend by default; another method's stored forward line when the planner
    switches to it (nothing is fitted here).
    """
    total = series_id("physicians", specialty, "total")
    backtest_note(ctx, total)
    method = method_choice(ctx, total, f"method_{specialty}")
    if method == "prophet":
        return trend, None
    line = forward_trend(ctx, total, method)
    if line is None:
        return trend, None
    line = line.assign(specialty=specialty, series="total")
    return line, t("trend_method", ctx.lang, method=t(f"method_{method}", ctx.lang))


def render(ctx) -> None:
    lang = ctx.lang
    st.title(t("physicians_title", lang))
    st.markdown(t("physicians_intro", lang))
    if data_error_shown(ctx):
        return
    ftes = ctx.tables["physician_ftes"]
    forecast = forecast_status(ctx, FORECAST, RUN_COMMAND, "forecast_missing")
    trend = forecast.tables.get("trend") if forecast is not None else None
    if trend is not None and trend["year"].max() < ctx.scenario["horizon"]:
        st.caption(t("trend_short", lang, year=int(trend["year"].max())))
    plan = physicians.physician_plan(ctx.tables, ctx.scenario)
    baseline = physicians.physician_plan(ctx.tables, {**ctx.defaults, "horizon": ctx.scenario["horizon"]})

    headline_metrics(plan, baseline, int(ctx.scenario["horizon"]), lang)

    # One specialty under the other, full width: readable on a tablet as on a laptop.
    # Specs are built once per shape; a slider move only swaps the numbers in.
    horizon = int(ctx.scenario["horizon"])
    for specialty in plan["specialty"].unique():
        shown, label = chosen_trend(ctx, specialty, trend)
        lines = charts.physician_lines(specialty, ftes, shown, plan, lang, trend_label=label)
        title = specialty_name(specialty, lang)
        show_cached_chart(("physician", specialty, "lower" in lines, horizon, label),
                          lambda: charts.physician_chart(lines, title, lang), lines, lang)
        gaps = charts.gap_data(plan, specialty, lang)
        show_cached_chart(("gap", specialty, horizon), lambda: charts.gap_chart(plan, specialty, lang),
                          gaps, lang)

    need_parts_section(ctx)
    recruitment_section(ctx)

    st.subheader(t("table", lang))
    st.dataframe(plan_table(with_people(plan, ctx.scenario), lang), hide_index=True, width="stretch",
                 column_config={t(f"col_{c}", lang): st.column_config.NumberColumn(format="localized")
                                for c in TABLE_COLUMNS})
    download_csv(plan.round(3), t("download_csv", lang),
                 f"physician_plan_{int(ctx.scenario['horizon'])}.csv", "download_physician_plan")
    with st.expander(t("sources", lang)):
        st.dataframe(assumptions_table(ctx, ("general", "physicians")), hide_index=True, width="stretch")


def need_parts_view(ctx) -> dict:
    """Return what the need section shows: the index's parts per year and the figures of its text."""
    need = physicians.physician_need(ctx.tables, ctx.scenario)
    scenario, lang = ctx.scenario, ctx.lang
    seen = demand.observed_by_band(ctx.tables["population_observed"])
    weights = demand.use_weights(ctx.tables["imaging_rates_by_age"], seen)
    first, last = demand.PLAN_ACTIVITY_YEARS
    at_end = need[need["specialty"] == need["specialty"].iloc[0]].iloc[-1]
    code = demand.check_population_scenario(scenario.get("population_scenario"))
    text = t("demand_text", lang, base=int(need["year"].min()), horizon=int(at_end["year"]),
             scenario=POPULATION_SCENARIOS[code][lang == "en"],
             old=fmt_number(weights[demand.OLD_BANDS[0]], lang, 2), young=fmt_number(weights["20-44"], lang, 2),
             demography=fmt_number(at_end["demography"], lang, 3), use=fmt_number(scenario["use_growth_pct"], lang, 1),
             use_default=fmt_number(ctx.defaults.get("use_growth_pct", float("nan")), lang, 1),
             demo_past=fmt_number(demand.demography_growth(ctx.tables, first, last), lang, 3),
             ai=fmt_number(scenario["ai_gain_pct"], lang), ai_year=int(scenario["ai_full_year"]),
             index=fmt_number(at_end["index"], lang, 3))
    return {"lines": charts.demand_index_lines(need, lang), "text": text, "horizon": int(at_end["year"])}


def need_parts_section(ctx) -> None:
    """Show the demand index split into its parts, with how each is derived."""
    view = need_parts_view(ctx)
    st.subheader(t("need_parts_title", ctx.lang))
    st.markdown(view["text"])
    show_cached_chart(("demand_index", view["horizon"]), lambda: charts.demand_index_chart(view["lines"], ctx.lang),
                      view["lines"], ctx.lang)


def recruitment_view(ctx) -> dict:
    """Return the derivation of the recruitment default: per specialty and year, inflow, own finishers, recruited."""
    exit_rate, years = ctx.defaults["exit_rate_pct"], int(ctx.defaults["training_years"])
    hist = specialist_inflow.histories(ctx.tables["physician_ftes"])
    rows = specialist_inflow.recruitment_history(hist, exit_rate, years)
    means = rows.groupby("specialty", sort=False)["recruited"].mean()
    summary = "; ".join(f"{specialty_name(s, ctx.lang).lower()} {fmt_number(v, ctx.lang, 1)}" for s, v in means.items())
    text = t("recruitment_text", ctx.lang, exit=fmt_number(exit_rate, ctx.lang, 1), years=years,
             first=int(rows["year"].min()), last=int(rows["year"].max()), summary=summary)
    return {"rows": rows, "text": text}


def recruitment_section(ctx) -> None:
    """Show how the recruitment default comes from Tabell 6, year by year."""
    view = recruitment_view(ctx)
    with st.expander(t("recruitment_title", ctx.lang)):
        st.markdown(view["text"])
        shown = view["rows"][["specialty", "year", "inflow", "own_finishers", "recruited"]].copy()
        shown["specialty"] = shown["specialty"].map(lambda s: specialty_name(s, ctx.lang))
        numbers = {c: t(f"rec_col_{c}", ctx.lang) for c in ("inflow", "own_finishers", "recruited")}
        shown[list(numbers)] = shown[list(numbers)].round(1)
        st.dataframe(shown.rename(columns={**numbers, "specialty": t("col_specialty", ctx.lang),
                                           "year": t("year", ctx.lang)}),
                     hide_index=True, width="stretch",
                     column_config={v: st.column_config.NumberColumn(format="localized") for v in numbers.values()})


def overview(ctx) -> Section | None:
    """Return the physician gap for the board: per specialty at 2030, 2035 and the horizon."""
    if ctx.data_error:
        return None
    lang, horizon = ctx.lang, int(ctx.scenario["horizon"])
    plan = physicians.physician_plan(ctx.tables, ctx.scenario)
    years = headline_years(horizon)
    gaps = physicians.gap_at(plan, years)
    headlines = []
    for specialty in plan["specialty"].unique():
        at = gaps.loc[specialty]
        values = " / ".join(fmt_number(at[y], lang) for y in years)
        sentence = t("ov_phys_sentence", lang, specialty=specialty_name(specialty, lang).lower(),
                     gap=fmt_number(abs(at[horizon]), lang), year=horizon,
                     kind=t("ov_short" if at[horizon] > 0 else "ov_surplus", lang))
        headlines.append(Headline(f"{specialty_name(specialty, lang)}: {t('gap', lang)} "
                                  f"{'/'.join(map(str, years))}", f"{values} {t('fte_unit', lang)}", sentence))
    long = plan.melt(id_vars=["specialty", "year"], value_vars=["supply", "need"], var_name="kind",
                     value_name="value")
    long["series"] = [t(k, lang) for k in long["kind"]]
    long["panel"] = [specialty_name(s, lang) for s in long["specialty"]]
    colours = {t("supply", lang): charts.PALETTE["green"], t("need", lang): charts.PALETTE["vermillion"]}
    chart = charts.overview_lines(long, t("fte", lang), lang, colours=colours)
    radiology = long[long["specialty"] == "radiology"]
    return Section(
        title=t("physicians_title", lang), headlines=headlines, chart=chart,
        pdf_chart=SmallChart(f"{t('page_physicians', lang)}: {specialty_name('radiology', lang)}",
                             t("fte", lang), radiology[["year", "series", "value"]], colours=colours),
        tables={"physician_plan": plan.round(3)}, groups=("general", "physicians"))
