"""Physicians page: supply, need and gap per specialty, recomputed on every slider move.

`compute(snapshot)` returns the page's numbers (pure, no Streamlit); `render`
draws them; `section(snapshot)` is what the board's overview and the exports show.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from .. import charts, codes, physicians
from ..inputs import physician_trust
from ..backtesting import series_id
from ..i18n import fmt_number, specialty_name, t
from ..reports import Headline, SmallChart
from . import state
from .components import (assumptions_table, backtest_note, data_error_shown, download_csv, forecast_status,
                         forward_trend, method_choice, show_chart_data)
from .sections import Section

FORECAST = "physician_ftes"
RUN_COMMAND = "python -m imaging_plan.runner --only 01"
HEADLINE_YEARS = (2030, 2035)
TABLE_COLUMNS = ("specialists", "residents", "exits", "completions", "supply", "need", "gap")
GROUPS = ("general", "physicians")


def headline_years(horizon: int) -> list[int]:
    """Return the years the page headlines: 2030, 2035 and the horizon, those within it."""
    return sorted({y for y in HEADLINE_YEARS if y <= horizon} | {horizon})


@dataclass(frozen=True)
class PhysicianView:
    """The page's numbers: the plan for the scenario and for the defaults (same horizon), and the trend."""

    horizon: int
    years: list[int]
    plan: pd.DataFrame        # physicians.physician_plan for the scenario
    baseline: pd.DataFrame    # the same for the defaults at the scenario's horizon
    gaps: pd.DataFrame        # gap per specialty (index) at `years` (columns)
    baseline_gaps: pd.DataFrame
    trend: pd.DataFrame | None  # the stored Prophet trend (notebook 01), None when not made
    ftes: pd.DataFrame        # Tabell 6, the history drawn

    @property
    def specialties(self) -> list[str]:
        return list(self.plan["specialty"].unique())


def compute(snapshot: state.Snapshot, trust: str | None = None) -> PhysicianView:
    """Return the physician plan of the snapshot's scenario beside the default one.

    For the region, or for one `trust` when the physician file gives trusts (no stored trend then:
    the notebook trends the region).
    """
    ftes, scenario = snapshot.tables["physician_ftes"], snapshot.scenario
    if trust is not None:
        ftes = physician_trust(snapshot.tables["physician_ftes_by_trust"], trust)
    horizon = int(scenario["horizon"])
    plan = physicians.physician_plan(ftes, scenario)
    baseline = physicians.physician_plan(ftes, {**snapshot.defaults, "horizon": horizon})
    years = headline_years(horizon)
    forecast = snapshot.forecast(FORECAST)
    return PhysicianView(horizon, years, plan, baseline, physicians.gap_at(plan, years),
                         physicians.gap_at(baseline, years).reindex(columns=years),
                         forecast.tables.get("trend") if forecast is not None and trust is None else None,
                         ftes)


def headline_metrics(view: PhysicianView, lang: str) -> None:
    for specialty in view.specialties:
        st.markdown(f"**{specialty_name(specialty, lang)}**")
        now, base = view.gaps.loc[specialty], view.baseline_gaps.loc[specialty]
        for col, year in zip(st.columns(len(view.years)), view.years):
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


def scope(snapshot: state.Snapshot) -> str | None:
    """Return the trust chosen (None: the region); the choice is offered when the physician file gives trusts."""
    lang, by_trust = snapshot.lang, snapshot.tables.get("physician_ftes_by_trust")
    if by_trust is None:
        return None
    trust = st.selectbox(t("phys_scope", lang), [None, *sorted(by_trust["trust"].unique())], key="phys_trust",
                         format_func=lambda c: t("phys_scope_region", lang) if c is None
                         else f"{c} – {codes.TRUSTS[c]}")
    if trust is not None:
        st.caption(t("phys_trust_view", lang, trust=codes.TRUSTS[trust]))
    return trust


def render(snapshot: state.Snapshot) -> None:
    lang = snapshot.lang
    st.title(t("physicians_title", lang))
    st.markdown(t("physicians_intro", lang))
    if data_error_shown(snapshot):
        return
    trust = scope(snapshot)
    forecast_status(snapshot, FORECAST, RUN_COMMAND, "forecast_missing")
    view = state.computed(compute, snapshot, trust)
    if view.trend is not None and view.trend["year"].max() < view.horizon:
        st.caption(t("trend_short", lang, year=int(view.trend["year"].max())))
    headline_metrics(view, lang)

    # One specialty under the other, full width: readable on a tablet as on a laptop.
    # Specs are built once per shape; a slider move only swaps the numbers in.
    first = int(view.plan["year"].min())
    for specialty in view.specialties:
        shown, label = chosen_trend(snapshot, specialty, view.trend) if trust is None else (None, None)
        lines = charts.physician_lines(specialty, view.ftes, shown, view.plan, lang, trend_label=label)
        show_chart_data(charts.physician_chart, lines, specialty_name(specialty, lang), lang=lang,
                        trend_label=label)
        if label is None and shown is not None:  # the default line: its band is calibrated on the backtest
            st.caption(t("band_meaning", lang))
        show_chart_data(charts.gap_bars, charts.gap_data(view.plan, specialty, lang), lang=lang,
                        years=(first, view.horizon))

    # The full table is for analysts: a download, drawn on the page only when asked for.
    st.subheader(t("table", lang))
    scope_name = f"{trust}_" if trust else ""
    download_csv(view.plan.round(3), t("download_csv", lang), f"physician_plan_{scope_name}{view.horizon}.csv",
                 "download_physician_plan")
    if st.toggle(t("show_table", lang), key="physicians_show_table"):
        st.dataframe(plan_table(view.plan, lang), hide_index=True, width="stretch",
                     column_config={t(f"col_{c}", lang): st.column_config.NumberColumn(format="localized")
                                    for c in TABLE_COLUMNS})
    if st.toggle(t("show_sources", lang), key="physicians_show_sources"):
        st.dataframe(assumptions_table(snapshot, GROUPS), hide_index=True, width="stretch")


def section(snapshot: state.Snapshot) -> Section | None:
    """Return the physician gap for the board: per specialty at 2030, 2035 and the horizon."""
    if snapshot.data_error:
        return None
    lang = snapshot.lang
    view = compute(snapshot)
    plan, years, horizon = view.plan, view.years, view.horizon
    headlines = []
    for specialty in view.specialties:
        at = view.gaps.loc[specialty]
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
    radiology = long[long["specialty"] == "radiology"]
    return Section(
        title=t("physicians_title", lang), headlines=headlines,
        chart=charts.localized(charts.overview_lines(long, t("fte", lang), lang, colours=colours), lang),
        pdf_chart=SmallChart(f"{t('page_physicians', lang)}: {specialty_name('radiology', lang)}",
                             t("fte", lang), radiology[["year", "series", "value"]], colours=colours),
        tables={"physician_plan": plan.round(3)}, groups=GROUPS)


def fan(snapshot: state.Snapshot) -> pd.DataFrame:
    """Return the gap per specialty (panel) and year: one line of the overview's fan."""
    plan = physicians.physician_plan(snapshot.tables["physician_ftes"], snapshot.scenario)
    return pd.DataFrame({"panel": [specialty_name(s, snapshot.lang) for s in plan["specialty"]],
                         "year": plan["year"], "value": plan["gap"]})
