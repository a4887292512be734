"""Staffing page: FTEs, leavers and hires needed per trust and role, and signs of rising turnover.

The numbers, tables and texts come from `views.staffing` (Streamlit-free, cached); this module
draws them and keeps the page's own URL widgets (the trusts and roles shown).
"""

from __future__ import annotations

import streamlit as st

from imaging_plan.app import url_codes
from imaging_plan.app.components import (
    assumptions_table,
    backtest_note,
    data_error_shown,
    download_csv,
    forecast_status,
    show_chart_data,
    show_table,
)
from imaging_plan.charts import staffing as staffing_charts
from imaging_plan.data.codes import STAFF_ROLES
from imaging_plan.forecasting.default_lines import DEFAULT_LINES
from imaging_plan.i18n import fmt_number, role_name, t
from imaging_plan.planning import staffing
from imaging_plan.views import cache
from imaging_plan.views.snapshot import Snapshot
from imaging_plan.views.staffing import (
    FORECAST,
    GROUPS,
    RUN_COMMAND,
    RoleCharts,
    StaffDrawn,
    compute,
    hr_part,
    plan_table,
    turnover_illustrative,
)
from imaging_plan.views.staffing import drawn as staff_drawn

URL_KEYS = ("staff_trusts", "staff_roles")  # the page's own URL keys (not assumptions)
HR_EXAMPLE = (
    "year,trust,role,leavers,hires,avg_ftes,headcount,source\n"
    "2024,OUS,radiographer,21,25,398.0,431,HR export 2025-01-15\n"
    "2025,OUS,radiographer,19,16,397.5,,HR export 2025-01-15\n"
)  # made-up example rows


# --- Page pieces -------------------------------------------------------------------------------


def pick(snapshot: Snapshot) -> tuple[list[str], list[str]]:
    """Return the trusts and roles chosen (both bound to the URL)."""
    lang, ftes = snapshot.lang, snapshot.tables["staff_ftes"]
    trusts, roles = cache.shared(
        "staff_choices",
        (str(snapshot.data_dir), snapshot.data_version),
        lambda: (sorted(ftes["trust"].unique()), [r for r in STAFF_ROLES if r in set(ftes["role"])]),
    )
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


def draw_headline(metrics: list) -> None:
    """Show a role's hires to the horizon, hires in the first year, mean hires share (chosen trusts)."""
    for col, metric in zip(st.columns(3), metrics):
        col.metric(metric.label, metric.value, delta=metric.delta, delta_color="inverse", help=metric.help)


def staff_charts(charts: RoleCharts, years: tuple[int, int], role: str, lang: str) -> None:
    """Draw a role's regional FTEs, FTEs per trust and hires per year by trust (specs built once per shape)."""
    name = role_name(role, lang)
    show_chart_data(staffing_charts.staff_region_chart, charts.region, t("staff_region", lang, role=name), lang=lang)
    st.caption(t("staff_region_covers", lang, trusts=", ".join(charts.covered)) + " " + t("band_meaning", lang))
    show_chart_data(
        staffing_charts.staff_trust_chart,
        charts.by_trust,
        t("staff_by_trust", lang, role=name),
        lang=lang,
        trusts=tuple(sorted(set(charts.by_trust["trust"]))),
    )
    show_chart_data(
        staffing_charts.staff_hires_chart,
        charts.hires,
        t("staff_hires_by_trust", lang, role=name),
        lang=lang,
        trusts=tuple(sorted(set(charts.hires["trust"]))),
        years=years,
    )


def turnover_section(snapshot: Snapshot, drawn: StaffDrawn, roles: list[str]) -> None:
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
    st.markdown(drawn.flagged)
    prefix = f"{t('illustrative_mark', lang)}: " if illustrative else ""
    for role in roles:
        data = drawn.turnover[role]
        title = prefix + t("staff_turnover_title", lang, role=role_name(role, lang))
        show_chart_data(
            staffing_charts.staff_turnover_chart, data, title, lang=lang, trusts=tuple(sorted(set(data["trust"])))
        )
    st.markdown(f"**{prefix}{t('staff_flags', lang)}**")
    show_table(drawn.flags)


def workload_section(snapshot: Snapshot, drawn: StaffDrawn) -> None:
    """Draw the radiographers from the workload: implied vs counted, and the study places the hires need."""
    lang = snapshot.lang
    st.subheader(t("workload_title", lang))
    st.markdown(t("workload_intro", lang))
    st.caption(drawn.ratio_text)
    st.markdown(f"**{t('education_title', lang)}**  \n{t('education_intro', lang)}")
    show_table(drawn.places)


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
    if view.notes:
        st.caption("  \n".join(view.notes))

    trusts, roles = pick(snapshot)
    if not trusts or not roles:
        st.info(t("staff_pick", lang))
        return
    plan = view.plan
    rise = scenario["turnover_rise_pp"]
    drawn = staff_drawn(snapshot, tuple(trusts), tuple(roles))

    for role in roles:
        st.markdown(f"**{role_name(role, lang)}**")
        draw_headline(drawn.headlines[role])
    st.subheader(t("staff_per_trust", lang, horizon=horizon))
    st.caption(t("staff_per_trust_help", lang, pp=fmt_number(rise, lang, 1)))
    show_table(drawn.per_trust)

    status = view.status
    years = (int(plan["year"].min()), int(plan["year"].max()))
    for role in roles:
        staff_charts(drawn.charts[role], years, role, lang)
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

    workload_section(snapshot, drawn)
    turnover_section(snapshot, drawn, roles)

    st.subheader(t("staff_table", lang))
    download_csv(drawn.rows, t("download_csv", lang), f"staff_plan_{horizon}.csv", "download_staff_plan", decimals=3)
    if st.toggle(t("show_table", lang), key="staff_show_table"):
        show_table(plan_table(drawn.rows, lang))
    if st.toggle(t("show_sources", lang), key="staff_show_sources"):
        st.dataframe(assumptions_table(snapshot, GROUPS), hide_index=True, width="stretch")
