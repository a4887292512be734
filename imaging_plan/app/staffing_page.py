"""Staffing page: FTEs, leavers and hires needed per trust and role, and signs of rising turnover.

The plan is recomputed on every slider move from Tabell 7 and the stored
trends; the turnover history is read from the optional HR file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from .. import charts, staffing
from ..codes import STAFF_ROLES
from ..i18n import fmt_number, role_name, t
from ..inputs import TABLES, InputDataError, file_sha256, load_optional
from .components import assumptions_table, download_csv, forecast_status, show_chart

FORECAST = "radiographer_turnover"
RUN_COMMAND = "python -m imaging_plan.runner --only 03"
GROUPS = ("general", "staff", "staff_trusts")
PLAN_TABLE = ("fte", "change", "turnover_pct", "leavers", "hires_needed", "excess",
              "cumulative_hires", "hires_share_pct")
HR_EXAMPLE = ("year,trust,role,leavers,hires,avg_ftes,headcount,source\n"
              "2024,OUS,radiographer,21,25,398.0,431,HR export 2025-01-15\n"
              "2025,OUS,radiographer,19,16,397.5,,HR export 2025-01-15\n")


@st.cache_data(show_spinner=False)
def _hr_table(data_dir: str, digest: str | None) -> pd.DataFrame | None:
    return load_optional("staff_turnover", Path(data_dir))[0]


def hr_table(data_dir: Path) -> tuple[pd.DataFrame | None, str | None]:
    """Return the HR table (None when the file is absent) and the error text when it is broken."""
    path = Path(data_dir) / TABLES["staff_turnover"].file
    try:
        return _hr_table(str(data_dir), file_sha256(path) if path.exists() else None), None
    except InputDataError as err:
        return None, str(err)


def pick(ftes: pd.DataFrame, lang: str) -> tuple[list[str], list[str]]:
    """Return the trusts and roles chosen (both bound to the URL)."""
    trusts = sorted(ftes["trust"].unique())
    roles = [r for r in STAFF_ROLES if r in set(ftes["role"])]
    left, right = st.columns([3, 2])
    chosen_trusts = left.multiselect(t("staff_trusts", lang), trusts, default=trusts, key="trusts",
                                     bind="query-params")
    chosen_roles = right.multiselect(t("staff_roles", lang), roles, default=roles[:1], key="roles",
                                     format_func=lambda r: role_name(r, lang), bind="query-params")
    return chosen_trusts, chosen_roles


def status_notes(status: pd.DataFrame, base: int, lang: str) -> list[str]:
    """Return one sentence per series that is not complete, saying how it is handled."""
    notes = []
    for row in status[status["status"] != "complete"].itertuples():
        notes.append(t(f"staff_status_{row.status}", lang, trust=row.trust, role=role_name(row.role, lang),
                       first=row.first_year, last=row.last_year, base=base))
    return notes


def headline(plan: pd.DataFrame, baseline: pd.DataFrame, roles: list[str], lang: str) -> None:
    """Show per role: hires to the horizon, hires in the first year, mean hires share (chosen trusts)."""
    first, last = int(plan["year"].min()), int(plan["year"].max())
    for role in roles:
        own, base = plan[plan["role"] == role], baseline[baseline["role"] == role]
        st.markdown(f"**{role_name(role, lang)}**")
        cols = st.columns(3)
        figures = [
            (t("staff_hires_to", lang, first=first, horizon=last), own["hires_needed"].sum(),
             base["hires_needed"].sum(), 0, t("staff_metric_help", lang)),
            (t("staff_hires_in", lang, year=first), own.loc[own["year"] == first, "hires_needed"].sum(),
             base.loc[base["year"] == first, "hires_needed"].sum(), 0, t("staff_metric_help", lang)),
            (t("staff_share_mean", lang), _mean_share(own), _mean_share(base), 1, t("staff_share_help", lang)),
        ]
        for col, (label, now, before, decimals, help_text) in zip(cols, figures):
            delta = now - before
            col.metric(label, fmt_number(now, lang, decimals),
                       delta=None if abs(delta) < 0.05 else fmt_number(delta, lang, 1, signed=True),
                       delta_color="inverse", help=help_text)


def _mean_share(plan: pd.DataFrame) -> float:
    """Return hires as a % of average FTEs over all years and rows of `plan`."""
    average = (plan["fte"] - plan["change"] / 2).sum()
    return 100 * plan["hires_needed"].sum() / average if average > 0 else float("nan")


def per_trust_table(plan: pd.DataFrame, constant: pd.DataFrame, base: int, lang: str) -> pd.DataFrame:
    """Return per trust and role: FTEs now and at the horizon, hires to it under today's and rising turnover."""
    rising = staffing.hires_to_horizon(plan)
    today = staffing.hires_to_horizon(constant)[["role", "trust", "cumulative_hires"]]
    start = (plan[plan["year"] == base + 1].assign(fte=lambda f: f["fte"] - f["change"])
             [["role", "trust", "fte"]].rename(columns={"fte": "fte_base"}))
    table = rising.merge(today, on=["role", "trust"], suffixes=("", "_today")).merge(start, on=["role", "trust"])
    horizon = int(plan["year"].max())
    shown = pd.DataFrame({
        t("col_trust", lang): table["trust"],
        t("col_role", lang): table["role"].map(lambda r: role_name(r, lang)),
        t("col_fte_at", lang, year=base): table["fte_base"].round(1),
        t("col_fte_at", lang, year=horizon): table["fte"].round(1),
        t("col_hires_today", lang): table["cumulative_hires_today"].round(1),
        t("col_hires_rising", lang): table["cumulative_hires"].round(1),
        t("col_hires_share_pct", lang): table["hires_share_pct"].round(1),
    })
    return shown


def plan_table(plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the plan rows with translated headers, role names and methods, one decimal."""
    shown = plan.copy()
    shown["role"] = shown["role"].map(lambda r: role_name(r, lang))
    shown["method"] = shown["method"].map(lambda m: t(f"staff_method_{m}", lang))
    shown[list(PLAN_TABLE)] = shown[list(PLAN_TABLE)].round(1)
    names = {"role": t("col_role", lang), "trust": t("col_trust", lang), "year": t("year", lang),
             "method": t("col_method", lang), "fte": t("col_staff_fte", lang),
             **{c: t(f"col_{c}", lang) for c in PLAN_TABLE if c != "fte"}}
    return shown.rename(columns=names)


def flags_table(flags: pd.DataFrame, plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the flags with the rate the plan uses beside the latest observed one."""
    used = plan[plan["year"] == plan["year"].min()][["role", "trust", "turnover_pct"]]
    own = flags.merge(used.rename(columns={"turnover_pct": "rate_used"}), on=["role", "trust"], how="left")
    notes = own["note"].fillna("").map(
        lambda n: "; ".join(t(f"staff_note_{code}", lang) for code in n.split(";") if code))
    return pd.DataFrame({
        t("col_trust", lang): own["trust"],
        t("col_role", lang): own["role"].map(lambda r: role_name(r, lang)),
        t("col_flag", lang): own["flag"].map(lambda f: "▲ " + t("staff_yes", lang) if f else ""),
        t("col_latest_pct", lang): own["latest_pct"].round(1),
        t("col_history_pct", lang): own["history_pct"].round(1),
        t("col_p_value", lang): own["p_value"].round(3),
        t("col_slope_pp", lang): own["slope_pp"].round(2),
        t("col_rate_used", lang): own["rate_used"].round(1),
        t("col_note", lang): notes,
    })


def turnover_section(ctx, plan: pd.DataFrame, trusts: list[str], roles: list[str]) -> None:
    """Show the turnover history with its flags, or the missing-file state with the shape to provide."""
    lang = ctx.lang
    st.subheader(t("staff_turnover_header", lang))
    hr, error = hr_table(ctx.data_dir)
    if error:
        st.error(f"{t('staff_hr_error', lang)}\n\n```\n{error}\n```")
        return
    if hr is None:
        st.info(t("staff_hr_missing", lang, folder=ctx.data_dir))
        st.code(HR_EXAMPLE, language="csv")
        st.caption(t("staff_hr_columns", lang))
        return
    tables = staffing.turnover_tables(hr, ctx.scenario["turnover_flag_pp"])
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
        title = prefix + t("staff_turnover_title", lang, role=role_name(role, lang))
        show_chart(charts.staff_turnover_chart(history, flags, role, trusts,
                                               ctx.scenario[f"turnover_{role}_pct"], title, lang), lang)
    st.markdown(f"**{prefix}{t('staff_flags', lang)}**")
    st.dataframe(flags_table(shown, plan, lang), hide_index=True, width="stretch")


def render(ctx) -> None:
    lang = ctx.lang
    st.title(t("staff_title", lang))
    if ctx.data_error:
        st.error(f"{t('data_error', lang)}\n\n```\n{ctx.data_error}\n```")
        return
    ftes = ctx.tables["staff_ftes"]
    base = staffing.base_year(ftes)
    st.markdown(t("staff_intro", lang, base=base))
    forecast = forecast_status(ctx, FORECAST, RUN_COMMAND, "staff_forecast_missing")
    trend = forecast.tables.get("trend") if forecast is not None else None
    scenario = ctx.scenario
    if trend is None or int(scenario["staff_follow_trend"]) == 0:
        st.caption(t("staff_using_target", lang, pct=fmt_number(scenario["staff_target_growth_pct"], lang, 1)))
    status = staffing.series_status(ftes)
    for note in status_notes(status, base, lang):
        st.caption(note)

    trusts, roles = pick(ftes, lang)
    if not trusts or not roles:
        st.info(t("staff_pick", lang))
        return
    plan = staffing.staff_plan(ftes, trend, scenario)
    rise = scenario["turnover_rise_pp"]
    constant = staffing.staff_plan(ftes, trend, {**scenario, "turnover_rise_pp": 0.0}) if rise else plan
    baseline = staffing.staff_plan(ftes, trend, {**ctx.defaults, "horizon": scenario["horizon"]})
    chosen = plan["trust"].isin(trusts) & plan["role"].isin(roles)

    headline(plan[chosen], baseline[baseline["trust"].isin(trusts) & baseline["role"].isin(roles)],
             roles, lang)
    st.subheader(t("staff_per_trust", lang, horizon=int(scenario["horizon"])))
    st.caption(t("staff_per_trust_help", lang, pp=fmt_number(rise, lang, 1)))
    st.dataframe(per_trust_table(plan[chosen], constant[constant["trust"].isin(trusts)
                                                        & constant["role"].isin(roles)], base, lang),
                 hide_index=True, width="stretch")

    totals = staffing.plan_totals(plan, status)
    band = staffing.anchored_trend(ftes, trend, int(scenario["horizon"])) \
        if trend is not None and int(scenario["staff_follow_trend"]) == 1 else None
    regional = staffing.regional_history(ftes)
    for role in roles:
        name = role_name(role, lang)
        covered = status[(status["role"] == role) & (status["status"] == "complete")]["trust"]
        show_chart(charts.staff_region_chart(
            charts.staff_region_lines(role, regional, trend, totals, lang),
            t("staff_region", lang, role=name), lang), lang)
        st.caption(t("staff_region_covers", lang, trusts=", ".join(covered)))
        show_chart(charts.staff_trust_chart(charts.staff_trust_lines(role, ftes, band, plan, trusts, lang),
                                            t("staff_by_trust", lang, role=name), lang), lang)
        show_chart(charts.staff_hires_chart(plan, role, trusts, t("staff_hires_by_trust", lang, role=name),
                                            lang), lang)
    if forecast is not None:
        st.caption(t("staff_methods", lang, n=forecast.manifest["parameters"].get("min_prophet_points", "?")))

    turnover_section(ctx, plan, trusts, roles)

    st.subheader(t("staff_table", lang))
    st.dataframe(plan_table(plan[chosen], lang), hide_index=True, width="stretch")
    download_csv(plan[chosen].round(3), t("download_csv", lang),
                 f"staff_plan_{int(scenario['horizon'])}.csv", "download_staff_plan")
    with st.expander(t("sources", lang)):
        st.dataframe(assumptions_table(ctx, GROUPS), hide_index=True, width="stretch")
