"""Staffing page: FTEs, leavers and hires needed per trust and role, and signs of rising turnover.

The flows are recomputed on every slider move from Tabell 7 and the stored
trends; what only the horizon and the growth settings change (the planned
FTEs, the anchored trend band) is cached, and chart specs are built once per
shape. The turnover history is read from the optional HR file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from .. import charts, staffing
from ..codes import STAFF_ROLES
from ..i18n import fmt_number, role_name, t
from ..inputs import TABLES, InputDataError, file_sha256, load_optional
from ..reports import Headline, SmallChart
from .components import (assumptions_table, backtest_note, data_error_shown, download_csv, forecast_status,
                         show_cached_chart)
from .sections import Section

FORECAST = "radiographer_turnover"
RUN_COMMAND = "python -m imaging_plan.runner --only 03"
GROUPS = ("general", "staff", "staff_trusts")
URL_KEYS = ("staff_trusts", "staff_roles")  # the page's own URL keys (not assumptions)
PLAN_TABLE = ("fte", "change", "turnover_pct", "leavers", "hires_needed", "excess",
              "cumulative_hires", "hires_share_pct", "leavers_people", "hires_people")
HR_EXAMPLE = ("year,trust,role,leavers,hires,avg_ftes,headcount,source\n"
              "2024,OUS,radiographer,21,25,398.0,431,HR export 2025-01-15\n"
              "2025,OUS,radiographer,19,16,397.5,,HR export 2025-01-15\n")


# --- Cached inputs: what a turnover slider does not change ------------------------------------
# Cached on `key` (the staff file's hash and the forecast's folder and time) rather than on the
# frames themselves, whose hashing would cost more than the cache saves.

@st.cache_data(show_spinner=False, max_entries=16)
def _planned(_ftes: pd.DataFrame, _trend: pd.DataFrame | None, key: tuple, horizon: int, follow: int,
             growth: float) -> pd.DataFrame:
    return staffing.planned_ftes(_ftes, _trend, {"horizon": horizon, "staff_follow_trend": follow,
                                                 "staff_target_growth_pct": growth})


@st.cache_data(show_spinner=False, max_entries=8)
def _static(_ftes: pd.DataFrame, _trend: pd.DataFrame | None, key: tuple, horizon: int):
    band = staffing.anchored_trend(_ftes, _trend, horizon) if _trend is not None else None
    return staffing.series_status(_ftes), staffing.regional_history(_ftes), band


@st.cache_data(show_spinner=False, max_entries=4)
def _hr_table(data_dir: str, digest: str | None) -> pd.DataFrame | None:
    return load_optional("staff_turnover", Path(data_dir))[0]


@st.cache_data(show_spinner=False, max_entries=16)
def _turnover(_hr: pd.DataFrame, digest: str, threshold_pp: float) -> dict[str, pd.DataFrame]:
    return staffing.turnover_tables(_hr, threshold_pp)


class Inputs:
    """One run's inputs: Tabell 7, the stored forecast and trend, and the key caching what derives from them."""

    def __init__(self, ctx, show_status: bool):
        self.ftes = ctx.tables["staff_ftes"]
        if show_status:
            self.forecast = forecast_status(ctx, FORECAST, RUN_COMMAND, "staff_forecast_missing")
        else:
            self.forecast = ctx.forecast(FORECAST)
        self.trend = self.forecast.tables.get("trend") if self.forecast is not None else None
        path = Path(ctx.data_dir) / TABLES["staff_ftes"].file
        self.key = (file_sha256(path) if path.exists() else None,
                    None if self.forecast is None else (str(self.forecast.folder),
                                                        self.forecast.manifest["created_utc"]))

    def plan(self, scenario: dict) -> pd.DataFrame:
        """Return staffing.staff_plan for `scenario`, the planned FTEs taken from the cache."""
        path = _planned(self.ftes, self.trend, self.key, int(scenario["horizon"]),
                        int(scenario["staff_follow_trend"]), float(scenario["staff_target_growth_pct"]))
        return staffing.plan_flows(path, scenario)

    def static(self, horizon: int):
        """Return the series status, the regional history and the anchored trend band (None without a trend)."""
        return _static(self.ftes, self.trend, self.key, horizon)


def hr_tables(data_dir: Path, threshold_pp: float) -> tuple[dict[str, pd.DataFrame] | None, str | None]:
    """Return the turnover history and flags (None without an HR file), and the error text when the file is broken."""
    path = Path(data_dir) / TABLES["staff_turnover"].file
    digest = file_sha256(path) if path.exists() else None
    try:
        hr = _hr_table(str(data_dir), digest)
    except InputDataError as err:
        return None, str(err)
    return (None if hr is None else _turnover(hr, digest, float(threshold_pp))), None


# --- Page pieces -------------------------------------------------------------------------------

def pick(ftes: pd.DataFrame, lang: str) -> tuple[list[str], list[str]]:
    """Return the trusts and roles chosen (both bound to the URL)."""
    trusts = sorted(ftes["trust"].unique())
    roles = [r for r in STAFF_ROLES if r in set(ftes["role"])]
    chosen_trusts = st.multiselect(t("staff_trusts", lang), trusts, default=trusts, key=URL_KEYS[0],
                                     bind="query-params")
    chosen_roles = st.multiselect(t("staff_roles", lang), roles, default=roles[:1], key=URL_KEYS[1],
                                     format_func=lambda r: role_name(r, lang), bind="query-params")
    return chosen_trusts, chosen_roles


def show_table(frame: pd.DataFrame, lang: str) -> None:
    """Draw a table with its numbers in the user's format (years as they are)."""
    numbers = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    st.dataframe(frame, hide_index=True, width="stretch",
                 column_config={c: st.column_config.NumberColumn(format="localized") for c in numbers})


def status_notes(status: pd.DataFrame, base: int, lang: str) -> list[str]:
    """Return one sentence per series that is not complete, saying how it is handled."""
    return [t(f"staff_status_{row.status}", lang, trust=row.trust, role=role_name(row.role, lang).lower(),
              first=row.first_year, last=row.last_year, base=base)
            for row in status[status["status"] != "complete"].itertuples()]


def mean_share(plan: pd.DataFrame) -> float:
    """Return hires as a % of average FTEs over all years and rows of `plan`."""
    average = (plan["fte"] - plan["change"] / 2).sum()
    return 100 * plan["hires_needed"].sum() / average if average > 0 else float("nan")


def headline(plan: pd.DataFrame, baseline: pd.DataFrame, roles: list[str], lang: str) -> None:
    """Show per role: hires to the horizon, hires in the first year, mean hires share (chosen trusts)."""
    first, last = int(plan["year"].min()), int(plan["year"].max())
    for role in roles:
        own, base = plan[plan["role"] == role], baseline[baseline["role"] == role]
        st.markdown(f"**{role_name(role, lang)}**")
        figures = [
            (t("staff_hires_to", lang, first=first, horizon=last), own["hires_needed"].sum(),
             base["hires_needed"].sum(), t("staff_metric_help", lang)),
            (t("staff_hires_in", lang, year=first), own.loc[own["year"] == first, "hires_needed"].sum(),
             base.loc[base["year"] == first, "hires_needed"].sum(), t("staff_metric_help", lang)),
            (t("staff_share_mean", lang), mean_share(own), mean_share(base), t("staff_share_help", lang)),
        ]
        for i, (col, (label, now, before, help_text)) in enumerate(zip(st.columns(3), figures)):
            delta = now - before
            col.metric(label, fmt_number(now, lang, 1 if i == 2 else 0),
                       delta=None if abs(delta) < 0.05 else fmt_number(delta, lang, 1, signed=True),
                       delta_color="inverse", help=help_text)


def per_trust_table(plan: pd.DataFrame, constant: pd.DataFrame, base: int, lang: str) -> pd.DataFrame:
    """Return per trust and role: FTEs now and at the horizon, hires to it under today's and rising turnover."""
    rising = staffing.hires_to_horizon(plan)
    today = staffing.hires_to_horizon(constant)
    first = plan[plan["year"] == base + 1]
    horizon = int(plan["year"].max())
    return pd.DataFrame({
        t("col_trust", lang): rising["trust"],
        t("col_role", lang): [role_name(r, lang) for r in rising["role"]],
        t("col_fte_at", lang, year=base): (first["fte"] - first["change"]).round(1).to_numpy(),
        t("col_fte_at", lang, year=horizon): rising["fte"].round(1),
        t("col_rate_first", lang, year=base + 1): first["turnover_pct"].round(1).to_numpy(),
        t("col_hires_today", lang): today["cumulative_hires"].round(1),
        t("col_hires_rising", lang): rising["cumulative_hires"].round(1),
        t("col_hires_share_pct", lang): rising["hires_share_pct"].round(1),
    })


def plan_table(plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the plan rows with translated headers, role names and methods, one decimal."""
    shown = plan.copy()
    shown["role"] = [role_name(r, lang) for r in shown["role"]]
    shown["method"] = [t(f"staff_method_{m}", lang) for m in shown["method"]]
    shown[list(PLAN_TABLE)] = shown[list(PLAN_TABLE)].round(1)
    names = {"role": t("col_role", lang), "trust": t("col_trust", lang), "year": t("year", lang),
             "method": t("col_method", lang), "fte": t("col_staff_fte", lang),
             **{c: t(f"col_{c}", lang) for c in PLAN_TABLE if c != "fte"}}
    return shown.rename(columns=names)


def flags_table(flags: pd.DataFrame, plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the flags with the rate the plan uses (first plan year) beside the latest observed one."""
    used = plan[plan["year"] == plan["year"].min()][["role", "trust", "turnover_pct"]]
    own = flags.merge(used.rename(columns={"turnover_pct": "rate_used"}), on=["role", "trust"], how="left")
    notes = ["; ".join(t(f"staff_note_{code}", lang) for code in str(n).split(";") if code and n == n)
             for n in own["note"]]
    return pd.DataFrame({
        t("col_trust", lang): own["trust"],
        t("col_role", lang): [role_name(r, lang) for r in own["role"]],
        t("col_flag", lang): ["▲ " + t("staff_yes", lang) if f else "" for f in own["flag"]],
        t("col_latest_pct", lang): own["latest_pct"].round(1),
        t("col_history_pct", lang): own["history_pct"].round(1),
        t("col_p_value", lang): own["p_value"].round(3),
        t("col_slope_pp", lang): own["slope_pp"].round(2),
        t("col_rate_used", lang): own["rate_used"].round(1),
        t("col_note", lang): notes,
    })


def staff_charts(ftes, trend, band, plan, totals, status, regional, role, trusts, lang) -> None:
    """Draw a role's regional FTEs, FTEs per trust and hires per year by trust (specs built once per shape)."""
    name = role_name(role, lang)
    horizon = int(plan["year"].max())
    lines = charts.staff_region_lines(role, regional, trend, totals, lang)
    show_cached_chart(("staff_region", role, "lower" in lines, horizon),
                      lambda: charts.staff_region_chart(lines, t("staff_region", lang, role=name), lang),
                      lines, lang)
    covered = status[(status["role"] == role) & (status["status"] == "complete")]["trust"]
    st.caption(t("staff_region_covers", lang, trusts=", ".join(covered)))
    by_trust = charts.staff_trust_lines(role, ftes, band, plan, trusts, lang)
    show_cached_chart(("staff_trusts", role, tuple(trusts), "lower" in by_trust, horizon),
                      lambda: charts.staff_trust_chart(by_trust, t("staff_by_trust", lang, role=name), lang),
                      by_trust, lang)
    hires = charts.staff_hires_data(plan, role, trusts)
    show_cached_chart(("staff_hires", role, tuple(trusts), horizon),
                      lambda: charts.staff_hires_chart(hires, t("staff_hires_by_trust", lang, role=name), lang),
                      hires, lang)


def turnover_section(ctx, plan: pd.DataFrame, trusts: list[str], roles: list[str]) -> None:
    """Show the turnover history with its flags, or the missing-file state with the shape to provide."""
    lang = ctx.lang
    st.subheader(t("staff_turnover_header", lang))
    tables, error = hr_tables(ctx.data_dir, ctx.scenario["turnover_flag_pp"])
    if error:
        st.error(f"{t('staff_hr_error', lang)}\n\n```\n{error}\n```")
        return
    if tables is None:
        st.info(t("staff_hr_missing", lang, folder=ctx.data_dir))
        st.code(HR_EXAMPLE, language="csv")
        st.caption(t("staff_hr_columns", lang))
        return
    history, flags = tables["turnover_history"], tables["turnover_flags"]
    illustrative = staffing.is_illustrative(history)
    if illustrative:
        st.warning(t("illustrative", lang))
    st.caption(t("staff_flag_rule", lang, window=staffing.FLAG_WINDOW_YEARS,
                 threshold=fmt_number(ctx.scenario["turnover_flag_pp"], lang, 1)))
    shown = flags[flags["trust"].isin(trusts) & flags["role"].isin(roles)]
    hits = shown[shown["flag"]]
    st.markdown(t("staff_flagged_list", lang, items=", ".join(
        f"{r.trust} ({role_name(r.role, lang).lower()})" for r in hits.itertuples()))
        if not hits.empty else t("staff_none_flagged", lang))
    prefix = f"{t('staff_illustrative_title', lang)}: " if illustrative else ""
    for role in roles:
        data = charts.staff_turnover_data(history, flags, role, trusts, ctx.scenario[f"turnover_{role}_pct"],
                                          lang)
        title = prefix + t("staff_turnover_title", lang, role=role_name(role, lang))
        show_cached_chart(("staff_turnover", role, tuple(trusts), illustrative, bool(data["flagged"].any())),
                          lambda: charts.staff_turnover_chart(data, title, lang), data, lang)
    st.markdown(f"**{prefix}{t('staff_flags', lang)}**")
    show_table(flags_table(shown, plan, lang), lang)


def render(ctx) -> None:
    lang = ctx.lang
    st.title(t("staff_title", lang))
    if data_error_shown(ctx):
        return
    scenario = ctx.scenario
    ftes = ctx.tables["staff_ftes"]
    base, horizon = staffing.base_year(ftes), int(scenario["horizon"])
    st.markdown(t("staff_intro", lang, base=base))
    inputs = Inputs(ctx, show_status=True)
    if inputs.trend is None or int(scenario["staff_follow_trend"]) == 0:
        st.caption(t("staff_using_target", lang, pct=fmt_number(scenario["staff_target_growth_pct"], lang, 1)))
    status, regional, band = inputs.static(horizon)
    for note in status_notes(status, base, lang):
        st.caption(note)

    trusts, roles = pick(ftes, lang)
    if not trusts or not roles:
        st.info(t("staff_pick", lang))
        return
    plan = inputs.plan(scenario)
    rise = scenario["turnover_rise_pp"]
    constant = inputs.plan({**scenario, "turnover_rise_pp": 0.0}) if rise else plan
    baseline = inputs.plan({**ctx.defaults, "horizon": horizon})
    chosen = (plan["trust"].isin(trusts) & plan["role"].isin(roles)).to_numpy()

    headline(plan[chosen], baseline[chosen], roles, lang)
    st.subheader(t("staff_per_trust", lang, horizon=horizon))
    st.caption(t("staff_per_trust_help", lang, pp=fmt_number(rise, lang, 1)))
    show_table(per_trust_table(plan[chosen], constant[chosen], base, lang), lang)

    totals = staffing.plan_totals(plan, status)
    shown_band = band if int(scenario["staff_follow_trend"]) == 1 else None
    for role in roles:
        staff_charts(ftes, inputs.trend, shown_band, plan, totals, status, regional, role, trusts, lang)
        with st.expander(t("staff_backtest", lang, role=role_name(role, lang).lower())):
            backtest_note(ctx, [f"staff:{trust}:{role}" for trust in trusts
                                if not status[(status["trust"] == trust) & (status["role"] == role)
                                              & (status["status"] == "no_data")].shape[0]])
    if inputs.forecast is not None:
        st.caption(t("staff_methods", lang,
                     n=inputs.forecast.manifest["parameters"].get("min_prophet_points", "?")))

    turnover_section(ctx, plan, trusts, roles)

    st.subheader(t("staff_table", lang))
    show_table(plan_table(plan[chosen], lang), lang)
    download_csv(plan[chosen].round(3), t("download_csv", lang), f"staff_plan_{horizon}.csv",
                 "download_staff_plan")
    with st.expander(t("sources", lang)):
        st.dataframe(assumptions_table(ctx, GROUPS), hide_index=True, width="stretch")


# --- The board's overview ----------------------------------------------------------------------

def overview(ctx) -> Section | None:
    """Return, for the board: radiographer hires needed to the horizon, and which trusts' turnover is rising."""
    if ctx.data_error:
        return None
    lang, scenario = ctx.lang, ctx.scenario
    inputs = Inputs(ctx, show_status=False)
    plan = inputs.plan(scenario)
    status, _, _ = inputs.static(int(scenario["horizon"]))
    totals = staffing.plan_totals(plan, status)
    first, last = int(plan["year"].min()), int(plan["year"].max())
    radiographers = totals[totals["role"] == "radiographer"]
    hires = radiographers["hires_needed"].sum()
    headlines = [Headline(
        t("ov_staff_label", lang, first=first, last=last), f"{fmt_number(hires, lang)} {t('fte_unit', lang)}",
        t("ov_staff_sentence" if scenario["turnover_rise_pp"] else "ov_staff_sentence_steady", lang,
          hires=fmt_number(hires, lang),
          per_year=fmt_number(hires / len(radiographers), lang),
          rate=fmt_number(scenario["turnover_radiographer_pct"], lang, 1),
          rise=fmt_number(scenario["turnover_rise_pp"], lang, 1), year=last))]
    tables, error = hr_tables(ctx.data_dir, scenario["turnover_flag_pp"])
    illustrative = tables is not None and staffing.is_illustrative(tables["turnover_history"])
    if tables is not None:
        flags = tables["turnover_flags"]
        hits = flags[flags["flag"]]
        names = ", ".join(f"{r.trust} ({role_name(r.role, lang).lower()})" for r in hits.itertuples())
        headlines.append(Headline(
            t("ov_staff_flags", lang), t("ov_staff_flag_count", lang, n=len(hits), of=len(flags)),
            t("ov_staff_flags_sentence", lang, names=names or t("ov_staff_none", lang))
            + (" " + t("illustrative", lang) if illustrative else "")))
    else:
        headlines.append(Headline(t("ov_staff_flags", lang), "–",
                                  t("ov_staff_hr_error" if error else "ov_staff_no_hr", lang)))
    series = {"leavers": t("col_leavers", lang), "hires_needed": t("col_hires_needed", lang)}
    long = radiographers.melt(id_vars=["year"], value_vars=list(series), var_name="kind", value_name="value")
    long["series"] = long["kind"].map(series)
    colours = {series["leavers"]: charts.PALETTE["sky_blue"], series["hires_needed"]: charts.PALETTE["orange"]}
    chart = charts.overview_lines(long[["year", "series", "value"]], t("fte", lang), lang, height=300,
                                  colours=colours).properties(title=t("ov_staff_region", lang))
    return Section(
        title=t("page_staffing", lang), headlines=headlines, chart=chart,
        pdf_chart=SmallChart(t("ov_staff_region", lang), t("fte", lang), long[["year", "series", "value"]],
                             colours=colours),
        tables={"staff_plan": plan.round(3)}, groups=GROUPS, illustrative=illustrative,
        note=None if inputs.trend is not None else t("staff_forecast_missing", lang, cmd=RUN_COMMAND))
