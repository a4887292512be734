"""Physicians page: supply, need and gap per specialty, recomputed on every slider move.

`compute(snapshot)` returns the page's numbers (pure, no Streamlit); `render`
draws them; `section(snapshot)` is what the board's overview and the exports show.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from .. import codes, demand, physicians, preparedness, specialist_inflow
from ..charts import demand as demand_charts
from ..charts import overview as overview_charts
from ..charts import physicians as physician_charts
from ..charts.common import PALETTE, localized
from ..inputs import physician_trust
from ..backtesting import series_id
from ..i18n import fmt_number, specialty_name, t
from ..reports import Headline, SmallChart
from . import chain, state
from .components import (
    assumptions_table,
    backtest_note,
    data_error_shown,
    download_csv,
    forecast_status,
    forward_trend,
    method_choice,
    show_chart_data,
)
from .sections import Section

FORECAST = "physician_ftes"
RUN_COMMAND = "python -m imaging_plan.runner --only 01"
HEADLINE_YEARS = (2030, 2035)
TABLE_COLUMNS = (
    "specialists",
    "residents",
    "exits",
    "completions",
    "recruited",
    "supply",
    "need",
    "gap",
    "exits_people",
    "recruited_people",
)
GROUPS = ("general", "physicians")


def headline_years(horizon: int) -> list[int]:
    """Return the years the page headlines: 2030, 2035 and the horizon, those within it."""
    return sorted({y for y in HEADLINE_YEARS if y <= horizon} | {horizon})


@dataclass(frozen=True)
class PhysicianView:
    """The page's numbers: the plan for the scenario and for the defaults (same horizon), and the trend."""

    horizon: int
    years: list[int]
    plan: pd.DataFrame  # physicians.physician_plan for the scenario
    baseline: pd.DataFrame  # the same for the defaults at the scenario's horizon
    gaps: pd.DataFrame  # gap per specialty (index) at `years` (columns)
    baseline_gaps: pd.DataFrame
    trend: pd.DataFrame | None  # the stored Prophet trend (notebook 01), None when not made
    ftes: pd.DataFrame  # Tabell 6, the history drawn

    @property
    def specialties(self) -> list[str]:
        return list(self.plan["specialty"].unique())


def compute(snapshot: state.Snapshot, trust: str | None = None) -> PhysicianView:
    """Return the physician plan of the snapshot's scenario beside the default one.

    For the region, or for one `trust` when the physician file gives trusts (no stored trend then:
    the notebook trends the region).
    """
    tables, scenario = snapshot.tables, snapshot.scenario
    horizon = int(scenario["horizon"])
    defaults = {**snapshot.defaults, "horizon": horizon}
    if trust is not None:  # the trust's FTEs under the region's demand index, with its share of recruitment
        region = tables["physician_ftes"]
        tables = {**tables, "physician_ftes": physician_trust(tables["physician_ftes_by_trust"], trust)}
        scenario = physicians.share_of_recruitment(scenario, region, tables["physician_ftes"])
        defaults = physicians.share_of_recruitment(defaults, region, tables["physician_ftes"])
    ftes = tables["physician_ftes"]
    plan = physicians.physician_plan(tables, scenario)
    baseline = physicians.physician_plan(tables, defaults)
    if trust is not None and "on_call_lines" in tables:  # need = max(planning need, on-call floor)
        plan = preparedness.with_on_call_floor(plan, on_call_floor(tables, scenario, trust))
        baseline = preparedness.with_on_call_floor(baseline, on_call_floor(tables, defaults, trust))
    years = headline_years(horizon)
    forecast = snapshot.forecast(FORECAST)
    return PhysicianView(
        horizon,
        years,
        plan,
        baseline,
        physicians.gap_at(plan, years),
        physicians.gap_at(baseline, years).reindex(columns=years),
        forecast.tables.get("trend") if forecast is not None and trust is None else None,
        ftes,
    )


def on_call_floor(tables, scenario, trust: str) -> dict[str, float]:
    """Return the trust's on-call floor per specialty (FTEs) under the scenario's shared on-call switch."""
    floor = preparedness.on_call_floor(tables["on_call_lines"], float(scenario["fte_per_person_physician"]))
    return preparedness.floor_of(floor, trust, bool(int(scenario.get("prep_shared_on_call", 0))))


def floor_note(view: PhysicianView, trust: str, lang: str) -> str | None:
    """Return the sentence on the trust's on-call floor and the years it binds, or None without one."""
    if "on_call_floor" not in view.plan:
        return None
    floors = view.plan.groupby("specialty")["on_call_floor"].first()
    shown = ", ".join(f"{specialty_name(s, lang)} {fmt_number(f, lang, 1)}" for s, f in floors.items() if f > 0)
    years = int(view.plan.loc[view.plan["floor_binds"], "year"].nunique())
    return t("phys_on_call_floor", lang, trust=trust, floors=shown or "0", years=years)


def headline_metrics(view: PhysicianView, lang: str) -> None:
    for specialty in view.specialties:
        st.markdown(f"**{specialty_name(specialty, lang)}**")
        now, base = view.gaps.loc[specialty], view.baseline_gaps.loc[specialty]
        for col, year in zip(st.columns(len(view.years)), view.years):
            delta = now[year] - base[year] if pd.notna(base.get(year)) else None
            col.metric(
                t("gap_at", lang, year=year),
                fmt_number(now[year], lang),
                delta=None if delta is None or abs(delta) < 0.05 else fmt_number(delta, lang, 1, signed=True),
                delta_color="inverse",
                help=t("gap_help", lang),
            )


def with_people(plan: pd.DataFrame, scenario) -> pd.DataFrame:
    """Return the plan with exits and recruitment in people too: FTEs / FTEs per person."""
    per_person = float(scenario.get("fte_per_person_physician", 1.0))
    return plan.assign(exits_people=plan["exits"] / per_person, recruited_people=plan["recruited"] / per_person)


def plan_table(plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the plan (with `with_people`'s columns) with translated headers and one decimal, for display."""
    shown = plan.copy()
    shown["specialty"] = shown["specialty"].map(lambda s: specialty_name(s, lang))
    shown[list(TABLE_COLUMNS)] = shown[list(TABLE_COLUMNS)].round(1)
    names = {
        "specialty": t("col_specialty", lang),
        "year": t("year", lang),
        **{c: t(f"col_{c}", lang) for c in TABLE_COLUMNS},
    }
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
    trust = st.selectbox(
        t("phys_scope", lang),
        [None, *sorted(by_trust["trust"].unique())],
        key="phys_trust",
        format_func=lambda c: t("phys_scope_region", lang) if c is None else f"{c} – {codes.TRUSTS[c]}",
    )
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
    if trust is not None and (note := floor_note(view, trust, lang)):
        st.caption(note)
    if view.trend is not None and view.trend["year"].max() < view.horizon:
        st.caption(t("trend_short", lang, year=int(view.trend["year"].max())))
    headline_metrics(view, lang)

    # One specialty under the other, full width: readable on a tablet as on a laptop.
    # Specs are built once per shape; a slider move only swaps the numbers in.
    first = int(view.plan["year"].min())
    for specialty in view.specialties:
        shown, label = chosen_trend(snapshot, specialty, view.trend) if trust is None else (None, None)
        lines = physician_charts.physician_lines(specialty, view.ftes, shown, view.plan, lang, trend_label=label)
        show_chart_data(
            physician_charts.physician_chart, lines, specialty_name(specialty, lang), lang=lang, trend_label=label
        )
        if label is None and shown is not None:  # the default line: its band is calibrated on the backtest
            st.caption(t("band_meaning", lang))
        show_chart_data(
            physician_charts.gap_bars,
            physician_charts.gap_data(view.plan, specialty, lang),
            lang=lang,
            years=(first, view.horizon),
        )

    need_parts_section(snapshot)
    chain.physician_workload_section(snapshot)  # the workload beside the index
    recruitment_section(snapshot)

    # The full table is for analysts: a download, drawn on the page only when asked for.
    st.subheader(t("table", lang))
    scope_name = f"{trust}_" if trust else ""
    download_csv(
        view.plan.round(3),
        t("download_csv", lang),
        f"physician_plan_{scope_name}{view.horizon}.csv",
        "download_physician_plan",
    )
    if st.toggle(t("show_table", lang), key="physicians_show_table"):
        st.dataframe(
            plan_table(with_people(view.plan, snapshot.scenario), lang),
            hide_index=True,
            width="stretch",
            column_config={
                t(f"col_{c}", lang): st.column_config.NumberColumn(format="localized") for c in TABLE_COLUMNS
            },
        )
    if st.toggle(t("show_sources", lang), key="physicians_show_sources"):
        st.dataframe(assumptions_table(snapshot, GROUPS), hide_index=True, width="stretch")


def need_parts(snapshot: state.Snapshot) -> dict:
    """Return what the need section shows: the index's parts per year and the figures of its text (pure)."""
    need = physicians.physician_need(snapshot.tables, snapshot.scenario)
    scenario, lang = snapshot.scenario, snapshot.lang
    seen = demand.observed_by_band(snapshot.tables["population_observed"])
    weights = demand.use_weights(snapshot.tables["imaging_rates_by_age"], seen)
    first, last = demand.PLAN_ACTIVITY_YEARS
    at_end = need[need["specialty"] == need["specialty"].iloc[0]].iloc[-1]
    code = demand.check_population_scenario(scenario.get("population_scenario"))
    text = t(
        "demand_text",
        lang,
        base=int(need["year"].min()),
        horizon=int(at_end["year"]),
        scenario=codes.POPULATION_SCENARIOS[code][lang == "en"],
        old=fmt_number(weights[demand.OLD_BANDS[0]], lang, 2),
        young=fmt_number(weights["20-44"], lang, 2),
        demography=fmt_number(at_end["demography"], lang, 3),
        use=fmt_number(scenario["use_growth_pct"], lang, 1),
        use_default=fmt_number(snapshot.defaults.get("use_growth_pct", float("nan")), lang, 1),
        demo_past=fmt_number(demand.demography_growth(snapshot.tables, first, last), lang, 3),
        ai=fmt_number(scenario["ai_gain_pct"], lang),
        ai_year=int(scenario["ai_full_year"]),
        index=fmt_number(at_end["index"], lang, 3),
    )
    return {"lines": demand_charts.demand_index_lines(need, lang), "text": text, "horizon": int(at_end["year"])}


def need_parts_section(snapshot: state.Snapshot) -> None:
    """Show the demand index split into its parts, with how each is derived (the region's index)."""
    view = state.computed(need_parts, snapshot)
    st.subheader(t("need_parts_title", snapshot.lang))
    st.markdown(view["text"])
    show_chart_data(demand_charts.demand_index_chart, view["lines"], lang=snapshot.lang)


def recruitment(snapshot: state.Snapshot) -> dict:
    """Return the derivation of the recruitment default: per specialty and year, inflow, own finishers, recruited."""
    lang = snapshot.lang
    exit_rate, years = snapshot.defaults["exit_rate_pct"], int(snapshot.defaults["training_years"])
    hist = specialist_inflow.histories(snapshot.tables["physician_ftes"])
    rows = specialist_inflow.recruitment_history(hist, exit_rate, years)
    means = rows.groupby("specialty", sort=False)["recruited"].mean()
    summary = "; ".join(f"{specialty_name(s, lang).lower()} {fmt_number(v, lang, 1)}" for s, v in means.items())
    text = t(
        "recruitment_text",
        lang,
        exit=fmt_number(exit_rate, lang, 1),
        years=years,
        first=int(rows["year"].min()),
        last=int(rows["year"].max()),
        summary=summary,
    )
    return {"rows": rows, "text": text}


def recruitment_section(snapshot: state.Snapshot) -> None:
    """Show, when asked for, how the recruitment default comes from Tabell 6, year by year."""
    lang = snapshot.lang
    if not st.toggle(t("recruitment_title", lang), key="physicians_show_recruitment"):
        return
    view = state.computed(recruitment, snapshot)
    st.markdown(view["text"])
    shown = view["rows"][["specialty", "year", "inflow", "own_finishers", "recruited"]].copy()
    shown["specialty"] = shown["specialty"].map(lambda s: specialty_name(s, lang))
    numbers = {c: t(f"rec_col_{c}", lang) for c in ("inflow", "own_finishers", "recruited")}
    shown[list(numbers)] = shown[list(numbers)].round(1)
    st.dataframe(
        shown.rename(columns={**numbers, "specialty": t("col_specialty", lang), "year": t("year", lang)}),
        hide_index=True,
        width="stretch",
        column_config={v: st.column_config.NumberColumn(format="localized") for v in numbers.values()},
    )


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
        sentence = t(
            "ov_phys_sentence",
            lang,
            specialty=specialty_name(specialty, lang).lower(),
            gap=fmt_number(abs(at[horizon]), lang),
            year=horizon,
            kind=t("ov_short" if at[horizon] > 0 else "ov_surplus", lang),
        )
        headlines.append(
            Headline(
                f"{specialty_name(specialty, lang)}: {t('gap', lang)} {'/'.join(map(str, years))}",
                f"{values} {t('fte_unit', lang)}",
                sentence,
            )
        )
    long = plan.melt(id_vars=["specialty", "year"], value_vars=["supply", "need"], var_name="kind", value_name="value")
    long["series"] = [t(k, lang) for k in long["kind"]]
    long["panel"] = [specialty_name(s, lang) for s in long["specialty"]]
    colours = {t("supply", lang): PALETTE["green"], t("need", lang): PALETTE["vermillion"]}
    radiology = long[long["specialty"] == "radiology"]
    return Section(
        title=t("physicians_title", lang),
        headlines=headlines,
        chart=localized(overview_charts.overview_lines(long, t("fte", lang), lang, colours=colours), lang),
        pdf_chart=SmallChart(
            f"{t('page_physicians', lang)}: {specialty_name('radiology', lang)}",
            t("fte", lang),
            radiology[["year", "series", "value"]],
            colours=colours,
        ),
        tables={"physician_plan": plan.round(3)},
        groups=GROUPS,
    )


def fan(snapshot: state.Snapshot) -> pd.DataFrame:
    """Return the gap per specialty (panel) and year: one line of the overview's fan."""
    plan = physicians.physician_plan(snapshot.tables, snapshot.scenario)
    return pd.DataFrame(
        {
            "panel": [specialty_name(s, snapshot.lang) for s in plan["specialty"]],
            "year": plan["year"],
            "value": plan["gap"],
        }
    )
