"""Physicians page: supply, need and gap per specialty, recomputed on every slider move."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import charts, codes, physicians
from ..inputs import physician_trust
from ..backtesting import series_id
from ..i18n import fmt_number, specialty_name, t
from ..reports import Headline, SmallChart
from .components import (assumptions_table, backtest_note, data_error_shown, download_csv, forecast_status,
                         forward_trend, method_choice, show_cached_chart)
from .sections import Section

FORECAST = "physician_ftes"
RUN_COMMAND = "python -m imaging_plan.runner --only 01"
HEADLINE_YEARS = (2030, 2035)
TABLE_COLUMNS = ("specialists", "residents", "exits", "completions", "supply", "need", "gap")


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


def plan_table(plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the plan with translated headers and one decimal, for display."""
    shown = plan.copy()
    shown["specialty"] = shown["specialty"].map(lambda s: specialty_name(s, lang))
    shown[list(TABLE_COLUMNS)] = shown[list(TABLE_COLUMNS)].round(1)
    names = {"specialty": t("col_specialty", lang), "year": t("year", lang),
             **{c: t(f"col_{c}", lang) for c in TABLE_COLUMNS}}
    return shown.rename(columns=names)


def chosen_trend(ctx, specialty: str, trend: pd.DataFrame | None) -> tuple[pd.DataFrame | None, str | None]:
    """Show the backtest's verdict and the method switch for a specialty; return the trend to draw and its label.

    The stored default line by default; another method's stored forward line when the planner
    switches to it (nothing is fitted here).
    """
    total = series_id("physicians", specialty, "total")
    backtest_note(ctx, total)
    method = method_choice(ctx, total, f"method_{specialty}")
    if method == "default":
        return trend, None
    line = forward_trend(ctx, total, method)
    if line is None:
        return trend, None
    line = line.assign(specialty=specialty, series="total")
    return line, t("trend_method", ctx.lang, method=t(f"method_{method}", ctx.lang))


def scope(ctx) -> tuple[pd.DataFrame, str | None]:
    """Return the FTEs to plan with and the trust chosen: the region, or one trust when the file gives trusts."""
    region, by_trust = ctx.tables["physician_ftes"], ctx.tables.get("physician_ftes_by_trust")
    if by_trust is None:
        return region, None
    trust = st.selectbox(t("phys_scope", ctx.lang), [None, *sorted(by_trust["trust"].unique())], key="phys_trust",
                         format_func=lambda c: t("phys_scope_region", ctx.lang) if c is None
                         else f"{c} – {codes.TRUSTS[c]}")
    if trust is None:
        return region, None
    st.caption(t("phys_trust_view", ctx.lang, trust=codes.TRUSTS[trust]))
    return physician_trust(by_trust, trust), trust


def render(ctx) -> None:
    lang = ctx.lang
    st.title(t("physicians_title", lang))
    st.markdown(t("physicians_intro", lang))
    if data_error_shown(ctx):
        return
    ftes, trust = scope(ctx)
    forecast = forecast_status(ctx, FORECAST, RUN_COMMAND, "forecast_missing")
    trend = forecast.tables.get("trend") if forecast is not None and trust is None else None
    if trend is not None and trend["year"].max() < ctx.scenario["horizon"]:
        st.caption(t("trend_short", lang, year=int(trend["year"].max())))
    plan = physicians.physician_plan(ftes, ctx.scenario)
    baseline = physicians.physician_plan(ftes, {**ctx.defaults, "horizon": ctx.scenario["horizon"]})

    headline_metrics(plan, baseline, int(ctx.scenario["horizon"]), lang)

    # One specialty under the other, full width: readable on a tablet as on a laptop.
    # Specs are built once per shape; a slider move only swaps the numbers in.
    horizon = int(ctx.scenario["horizon"])
    for specialty in plan["specialty"].unique():
        shown, label = chosen_trend(ctx, specialty, trend) if trust is None else (None, None)
        lines = charts.physician_lines(specialty, ftes, shown, plan, lang, trend_label=label)
        title = specialty_name(specialty, lang)
        show_cached_chart(("physician", specialty, "lower" in lines, horizon, label),
                          lambda: charts.physician_chart(lines, title, lang), lines, lang)
        if label is None:  # the default line: its band is calibrated on the backtest
            st.caption(t("band_meaning", lang))
        gaps = charts.gap_data(plan, specialty, lang)
        show_cached_chart(("gap", specialty, horizon), lambda: charts.gap_chart(plan, specialty, lang),
                          gaps, lang)

    st.subheader(t("table", lang))
    st.dataframe(plan_table(plan, lang), hide_index=True, width="stretch",
                 column_config={t(f"col_{c}", lang): st.column_config.NumberColumn(format="localized")
                                for c in TABLE_COLUMNS})
    download_csv(plan.round(3), t("download_csv", lang),
                 f"physician_plan_{trust + '_' if trust else ''}{int(ctx.scenario['horizon'])}.csv",
                 "download_physician_plan")
    with st.expander(t("sources", lang)):
        st.dataframe(assumptions_table(ctx, ("general", "physicians")), hide_index=True, width="stretch")


def overview(ctx) -> Section | None:
    """Return the physician gap for the board: per specialty at 2030, 2035 and the horizon."""
    if ctx.data_error:
        return None
    lang, horizon = ctx.lang, int(ctx.scenario["horizon"])
    plan = physicians.physician_plan(ctx.tables["physician_ftes"], ctx.scenario)
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
