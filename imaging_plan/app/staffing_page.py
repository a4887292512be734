"""Staffing page: FTEs, leavers and hires needed per trust and role, and signs of rising turnover.

The numbers, tables and texts come from `views.staffing` (Streamlit-free, cached); this module
draws them and keeps the page's own URL widgets (the trusts and roles shown).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from imaging_plan.app import url_codes
from imaging_plan.app.components import (
    assumptions_table,
    backtest_note,
    data_error_shown,
    download_csv,
    forecast_status,
    show_chart_data,
)
from imaging_plan.charts import staffing as staffing_charts
from imaging_plan.data.codes import STAFF_ROLES
from imaging_plan.forecasting.default_lines import DEFAULT_LINES
from imaging_plan.i18n import fmt_number, role_name, t
from imaging_plan.planning import staffing
from imaging_plan.views.snapshot import Snapshot
from imaging_plan.views.staffing import (
    FORECAST,
    GROUPS,
    RUN_COMMAND,
    StaffView,
    compute,
    flagged_text,
    flags_table,
    headline,
    hr_part,
    per_trust_table,
    plan_table,
    places_table,
    status_notes,
    turnover_illustrative,
    workload_ratio_text,
)

URL_KEYS = ("staff_trusts", "staff_roles")  # the page's own URL keys (not assumptions)
HR_EXAMPLE = (
    "year,trust,role,leavers,hires,avg_ftes,headcount,source\n"
    "2024,OUS,radiographer,21,25,398.0,431,HR export 2025-01-15\n"
    "2025,OUS,radiographer,19,16,397.5,,HR export 2025-01-15\n"
)  # made-up example rows


# --- Page pieces -------------------------------------------------------------------------------


def pick(ftes: pd.DataFrame, lang: str) -> tuple[list[str], list[str]]:
    """Return the trusts and roles chosen (both bound to the URL)."""
    trusts = sorted(ftes["trust"].unique())
    roles = [r for r in STAFF_ROLES if r in set(ftes["role"])]
    chosen_trusts = url_codes.coded(
        st.multiselect, t("staff_trusts", lang), trusts, default=trusts, key=URL_KEYS[0], multi=True
    )
    chosen_roles = url_codes.coded(
        st.multiselect,
        t("staff_roles", lang),
        roles,
        default=roles[:1],
        key=URL_KEYS[1],
        format_func=lambda r: role_name(r, lang),
        multi=True,
    )
    return chosen_trusts, chosen_roles


def show_table(frame: pd.DataFrame, lang: str) -> None:
    """Draw a table with its numbers in the user's format (years as they are)."""
    numbers = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={c: st.column_config.NumberColumn(format="localized") for c in numbers},
    )


def draw_headline(plan: pd.DataFrame, baseline: pd.DataFrame, roles: list[str], lang: str) -> None:
    """Show per role: hires to the horizon, hires in the first year, mean hires share (chosen trusts)."""
    for role in roles:
        st.markdown(f"**{role_name(role, lang)}**")
        for col, metric in zip(st.columns(3), headline(plan, baseline, role, lang)):
            col.metric(metric.label, metric.value, delta=metric.delta, delta_color="inverse", help=metric.help)


def staff_charts(view: StaffView, band, role: str, trusts: list[str], lang: str) -> None:
    """Draw a role's regional FTEs, FTEs per trust and hires per year by trust (specs built once per shape)."""
    name = role_name(role, lang)
    plan = view.plan
    years = (int(plan["year"].min()), int(plan["year"].max()))
    lines = staffing_charts.staff_region_lines(role, view.regional, view.trend, view.totals, lang)
    show_chart_data(staffing_charts.staff_region_chart, lines, t("staff_region", lang, role=name), lang=lang)
    covered = view.status[(view.status["role"] == role) & (view.status["status"] == "complete")]["trust"]
    st.caption(t("staff_region_covers", lang, trusts=", ".join(covered)) + " " + t("band_meaning", lang))
    by_trust = staffing_charts.staff_trust_lines(role, view.ftes, band, plan, trusts, lang)
    show_chart_data(
        staffing_charts.staff_trust_chart,
        by_trust,
        t("staff_by_trust", lang, role=name),
        lang=lang,
        trusts=tuple(sorted(set(by_trust["trust"]))),
    )
    hires = staffing_charts.staff_hires_data(plan, role, trusts)
    show_chart_data(
        staffing_charts.staff_hires_chart,
        hires,
        t("staff_hires_by_trust", lang, role=name),
        lang=lang,
        trusts=tuple(sorted(set(hires["trust"]))),
        years=years,
    )


def turnover_section(snapshot: Snapshot, plan: pd.DataFrame, trusts: list[str], roles: list[str]) -> None:
    """Show the turnover history with its flags, or the missing-file state with the shape to provide."""
    lang = snapshot.lang
    st.subheader(t("staff_turnover_header", lang))
    turnover = hr_part(snapshot)
    if turnover.error:
        st.error(f"{t('staff_hr_error', lang)}\n\n```\n{turnover.error}\n```")
        return
    if turnover.flags is None:
        st.info(t("staff_hr_missing", lang, folder=snapshot.data_dir))
        st.caption(t("hr_example_caption", lang))
        st.code(HR_EXAMPLE, language="csv")
        st.caption(t("staff_hr_columns", lang))
        return
    history, flags = turnover.history, turnover.flags
    illustrative = turnover_illustrative(snapshot)
    if illustrative:
        st.warning(t("illustrative_notice", lang))
    st.caption(
        t(
            "staff_flag_rule",
            lang,
            window=staffing.FLAG_WINDOW_YEARS,
            threshold=fmt_number(snapshot.scenario["turnover_flag_pp"], lang, 1),
        )
        + " "
        + t("staff_flag_correction", lang)
    )
    shown = flags[flags["trust"].isin(trusts) & flags["role"].isin(roles)]
    st.markdown(flagged_text(shown, lang))
    prefix = f"{t('illustrative_mark', lang)}: " if illustrative else ""
    for role in roles:
        data = staffing_charts.staff_turnover_data(
            history, flags, role, trusts, snapshot.scenario[f"turnover_{role}_pct"], lang
        )
        title = prefix + t("staff_turnover_title", lang, role=role_name(role, lang))
        show_chart_data(
            staffing_charts.staff_turnover_chart, data, title, lang=lang, trusts=tuple(sorted(set(data["trust"])))
        )
    st.markdown(f"**{prefix}{t('staff_flags', lang)}**")
    show_table(flags_table(shown, plan, lang), lang)


def workload_section(snapshot: Snapshot, plan: pd.DataFrame) -> None:
    """Draw the radiographers from the workload: implied vs counted, and the study places the hires need."""
    lang = snapshot.lang
    st.subheader(t("workload_title", lang))
    st.markdown(t("workload_intro", lang))
    st.caption(workload_ratio_text(snapshot))
    st.markdown(f"**{t('education_title', lang)}**  \n{t('education_intro', lang)}")
    st.dataframe(places_table(snapshot, plan), hide_index=True, width="stretch")


def render(snapshot: Snapshot) -> None:
    lang = snapshot.lang
    st.title(t("staff_title", lang))
    if data_error_shown(snapshot):
        return
    scenario = snapshot.scenario
    ftes = snapshot.tables["staff_ftes"]
    base, horizon = staffing.base_year(ftes), int(scenario["horizon"])
    st.markdown(t("staff_intro", lang, base=base))
    forecast = forecast_status(snapshot, FORECAST, RUN_COMMAND, "staff_forecast_missing")
    view = compute(snapshot)
    if view.trend is None or int(scenario["staff_follow_trend"]) == 0:
        st.caption(t("staff_using_target", lang, pct=fmt_number(scenario["staff_target_growth_pct"], lang, 1)))
    status = view.status
    for note in status_notes(status, base, lang):
        st.caption(note)

    trusts, roles = pick(ftes, lang)
    if not trusts or not roles:
        st.info(t("staff_pick", lang))
        return
    plan, constant, baseline = view.plan, view.constant, view.baseline
    rise = scenario["turnover_rise_pp"]
    chosen = (plan["trust"].isin(trusts) & plan["role"].isin(roles)).to_numpy()

    draw_headline(plan[chosen], baseline[chosen], roles, lang)
    st.subheader(t("staff_per_trust", lang, horizon=horizon))
    st.caption(t("staff_per_trust_help", lang, pp=fmt_number(rise, lang, 1)))
    show_table(per_trust_table(plan[chosen], constant[chosen], base, lang), lang)

    shown_band = view.band if int(scenario["staff_follow_trend"]) == 1 else None
    for role in roles:
        staff_charts(view, shown_band, role, trusts, lang)
        if st.toggle(t("staff_backtest", lang, role=role_name(role, lang).lower()), key=f"staff_backtest_{role}"):
            backtest_note(
                snapshot,
                [
                    f"staff:{trust}:{role}"
                    for trust in trusts
                    if not status[
                        (status["trust"] == trust) & (status["role"] == role) & (status["status"] == "no_data")
                    ].shape[0]
                ],
            )
    if forecast is not None:
        st.caption(
            t(
                "staff_methods_default",
                lang,
                method=t(f"method_{DEFAULT_LINES['staff'].method}", lang),
                n=forecast.manifest["parameters"].get("min_prophet_points", "?"),
            )
        )

    workload_section(snapshot, plan)
    turnover_section(snapshot, plan, trusts, roles)

    st.subheader(t("staff_table", lang))
    download_csv(plan[chosen].round(3), t("download_csv", lang), f"staff_plan_{horizon}.csv", "download_staff_plan")
    if st.toggle(t("show_table", lang), key="staff_show_table"):
        show_table(plan_table(plan[chosen], lang), lang)
    if st.toggle(t("show_sources", lang), key="staff_show_sources"):
        st.dataframe(assumptions_table(snapshot, GROUPS), hide_index=True, width="stretch")
