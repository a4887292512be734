"""Staffing page: FTEs, leavers and hires needed per trust and role, and signs of rising turnover.

`compute(snapshot)` gives the page's numbers from Tabell 7 and the stored trends
(pure; its parts go through the shared cache, so a turnover slider does not
recompute the planned FTEs); `render` draws them. The turnover history is read
from the optional HR file.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from imaging_plan.planning import staffing, workload
from imaging_plan.charts import overview as overview_charts
from imaging_plan.charts import staffing as staffing_charts
from imaging_plan.charts.common import PALETTE, localized
from imaging_plan.data.codes import STAFF_ROLES
from imaging_plan.forecasting.default_lines import DEFAULT_LINES
from imaging_plan.i18n import fmt_number, role_name, t
from imaging_plan.data.inputs import load_optional
from imaging_plan.data.schemas import TABLES, InputDataError
from imaging_plan.views.reports import Headline, SmallChart
from imaging_plan.app import chain, state
from imaging_plan.app.components import (
    assumptions_table,
    backtest_note,
    data_error_shown,
    download_csv,
    forecast_status,
    is_illustrative,
    show_chart_data,
)
from imaging_plan.app import url_codes
from imaging_plan.views.sections import Section

FORECAST = "radiographer_turnover"
RUN_COMMAND = "python -m imaging_plan.pipeline.runner --only 03"
GROUPS = ("general", "staff", "staff_trusts", "activity", "workload_staff")
URL_KEYS = ("staff_trusts", "staff_roles")  # the page's own URL keys (not assumptions)
PLAN_TABLE = (
    "fte",
    "change",
    "turnover_pct",
    "leavers",
    "hires_needed",
    "excess",
    "cumulative_hires",
    "hires_share_pct",
    "leavers_people",
    "hires_people",
)
HR_EXAMPLE = (
    "year,trust,role,leavers,hires,avg_ftes,headcount,source\n"
    "2024,OUS,radiographer,21,25,398.0,431,HR export 2025-01-15\n"
    "2025,OUS,radiographer,19,16,397.5,,HR export 2025-01-15\n"
)  # made-up example rows


def _trend(snapshot: state.Snapshot) -> pd.DataFrame | None:
    forecast = snapshot.forecast(FORECAST)
    return forecast.tables.get("trend") if forecast is not None else None


def static_part(snapshot: state.Snapshot) -> tuple:
    """Return the series status, the regional history and the anchored trend band (None without a trend)."""
    ftes, trend = snapshot.tables["staff_ftes"], _trend(snapshot)
    band = staffing.anchored_trend(ftes, trend, int(snapshot.scenario["horizon"])) if trend is not None else None
    return staffing.series_status(ftes), staffing.regional_history(ftes), band


def planned_part(snapshot: state.Snapshot) -> pd.DataFrame:
    """Return the planned FTEs per trust, role and year (what the turnover sliders do not change)."""
    path = state.computed(chain.radiographer_path_part, snapshot)  # the workload's (choice 2), else None
    return staffing.planned_ftes(snapshot.tables["staff_ftes"], _trend(snapshot), snapshot.scenario, path)


def hr_part(snapshot: state.Snapshot) -> tuple[dict[str, pd.DataFrame] | None, str | None]:
    """Return the turnover history and flags (None without an HR file), and the error text when the file is broken."""
    try:
        hr = load_optional("staff_turnover", snapshot.data_dir)[0]
    except InputDataError as err:
        return None, str(err)
    return (None if hr is None else staffing.turnover_tables(hr, float(snapshot.scenario["turnover_flag_pp"]))), None


@dataclass(frozen=True)
class StaffView:
    ftes: pd.DataFrame
    trend: pd.DataFrame | None
    status: pd.DataFrame
    regional: pd.DataFrame
    band: pd.DataFrame | None
    plan: pd.DataFrame  # the scenario's flows per trust, role and year
    constant: pd.DataFrame  # the same with today's turnover (no rise)
    baseline: pd.DataFrame  # the defaults' flows at the scenario's horizon
    totals: pd.DataFrame  # the plan summed over the region per role and year


def _flows(snapshot: state.Snapshot) -> pd.DataFrame:
    return staffing.plan_flows(state.computed(planned_part, snapshot), snapshot.scenario)


def compute(snapshot: state.Snapshot) -> StaffView:
    """Return the staffing plan of the snapshot's scenario, with today's turnover and with the defaults."""
    scenario = snapshot.scenario
    horizon = int(scenario["horizon"])
    status, regional, band = state.computed(static_part, snapshot)
    plan = _flows(snapshot)
    constant = _flows(snapshot.with_values(turnover_rise_pp=0.0)) if scenario["turnover_rise_pp"] else plan
    baseline = _flows(snapshot.with_scenario({**snapshot.defaults, "horizon": horizon}))
    return StaffView(
        snapshot.tables["staff_ftes"],
        _trend(snapshot),
        status,
        regional,
        band,
        plan,
        constant,
        baseline,
        staffing.plan_totals(plan, status),
    )


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


def status_notes(status: pd.DataFrame, base: int, lang: str) -> list[str]:
    """Return one sentence per series that is not complete, saying how it is handled."""
    return [
        t(
            f"staff_status_{row.status}",
            lang,
            trust=row.trust,
            role=role_name(row.role, lang).lower(),
            first=row.first_year,
            last=row.last_year,
            base=base,
        )
        for row in status[status["status"] != "complete"].itertuples()
    ]


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
            (
                t("staff_hires_to", lang, first=first, horizon=last),
                own["hires_needed"].sum(),
                base["hires_needed"].sum(),
                t("staff_metric_help", lang),
            ),
            (
                t("staff_hires_in", lang, year=first),
                own.loc[own["year"] == first, "hires_needed"].sum(),
                base.loc[base["year"] == first, "hires_needed"].sum(),
                t("staff_metric_help", lang),
            ),
            (t("staff_share_mean", lang), mean_share(own), mean_share(base), t("staff_share_help", lang)),
        ]
        for i, (col, (label, now, before, help_text)) in enumerate(zip(st.columns(3), figures)):
            delta = now - before
            col.metric(
                label,
                fmt_number(now, lang, 1 if i == 2 else 0),
                delta=None if abs(delta) < 0.05 else fmt_number(delta, lang, 1, signed=True),
                delta_color="inverse",
                help=help_text,
            )


def per_trust_table(plan: pd.DataFrame, constant: pd.DataFrame, base: int, lang: str) -> pd.DataFrame:
    """Return per trust and role: FTEs now and at the horizon, hires to it under today's and rising turnover."""
    rising = staffing.hires_to_horizon(plan)
    today = staffing.hires_to_horizon(constant)
    first = plan[plan["year"] == base + 1]
    horizon = int(plan["year"].max())
    return pd.DataFrame(
        {
            t("col_trust", lang): rising["trust"],
            t("col_role", lang): [role_name(r, lang) for r in rising["role"]],
            t("col_fte_at", lang, year=base): (first["fte"] - first["change"]).round(1).to_numpy(),
            t("col_fte_at", lang, year=horizon): rising["fte"].round(1),
            t("col_rate_first", lang, year=base + 1): first["turnover_pct"].round(1).to_numpy(),
            t("col_hires_today", lang): today["cumulative_hires"].round(1),
            t("col_hires_rising", lang): rising["cumulative_hires"].round(1),
            t("col_hires_share_pct", lang): rising["hires_share_pct"].round(1),
        }
    )


def plan_table(plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the plan rows with translated headers, role names and methods, one decimal."""
    shown = plan.copy()
    shown["role"] = [role_name(r, lang) for r in shown["role"]]
    shown["method"] = [t(f"staff_method_{m}", lang) for m in shown["method"]]
    shown[list(PLAN_TABLE)] = shown[list(PLAN_TABLE)].round(1)
    names = {
        "role": t("col_role", lang),
        "trust": t("col_trust", lang),
        "year": t("year", lang),
        "method": t("col_method", lang),
        "fte": t("col_staff_fte", lang),
        **{c: t(f"col_{c}", lang) for c in PLAN_TABLE if c != "fte"},
    }
    return shown.rename(columns=names)


def flags_table(flags: pd.DataFrame, plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the flags with the rate the plan uses (first plan year) beside the latest observed one."""
    used = plan[plan["year"] == plan["year"].min()][["role", "trust", "turnover_pct"]]
    own = flags.merge(used.rename(columns={"turnover_pct": "rate_used"}), on=["role", "trust"], how="left")
    notes = [
        "; ".join(t(f"staff_note_{code}", lang) for code in str(n).split(";") if code and n == n) for n in own["note"]
    ]
    return pd.DataFrame(
        {
            t("col_trust", lang): own["trust"],
            t("col_role", lang): [role_name(r, lang) for r in own["role"]],
            t("col_flag", lang): ["▲ " + t("staff_yes", lang) if f else "" for f in own["flag"]],
            t("col_latest_pct", lang): own["latest_pct"].round(1),
            t("col_history_pct", lang): own["history_pct"].round(1),
            t("col_p_value", lang): own["p_value"].round(3),
            t("col_p_adjusted", lang): own["p_adjusted"].round(3),
            t("col_trend_p_adjusted", lang): own["trend_p_adjusted"].round(3),
            t("col_slope_pp", lang): own["slope_pp"].round(2),
            t("col_rate_used", lang): own["rate_used"].round(1),
            t("col_note", lang): notes,
        }
    )


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


def turnover_section(ctx, plan: pd.DataFrame, trusts: list[str], roles: list[str]) -> None:
    """Show the turnover history with its flags, or the missing-file state with the shape to provide."""
    lang = ctx.lang
    st.subheader(t("staff_turnover_header", lang))
    tables, error = state.computed(hr_part, ctx)
    if error:
        st.error(f"{t('staff_hr_error', lang)}\n\n```\n{error}\n```")
        return
    if tables is None:
        st.info(t("staff_hr_missing", lang, folder=ctx.data_dir))
        st.caption(t("hr_example_caption", lang))
        st.code(HR_EXAMPLE, language="csv")
        st.caption(t("staff_hr_columns", lang))
        return
    history, flags = tables["turnover_history"], tables["turnover_flags"]
    illustrative = is_illustrative(ctx, FORECAST, TABLES["staff_turnover"].file)
    if illustrative:
        st.warning(t("illustrative_notice", lang))
    st.caption(
        t(
            "staff_flag_rule",
            lang,
            window=staffing.FLAG_WINDOW_YEARS,
            threshold=fmt_number(ctx.scenario["turnover_flag_pp"], lang, 1),
        )
        + " "
        + t("staff_flag_correction", lang)
    )
    shown = flags[flags["trust"].isin(trusts) & flags["role"].isin(roles)]
    hits = shown[shown["flag"]]
    st.markdown(
        t(
            "staff_flagged_list",
            lang,
            items=", ".join(f"{r.trust} ({role_name(r.role, lang).lower()})" for r in hits.itertuples()),
        )
        if not hits.empty
        else t("staff_none_flagged", lang)
    )
    prefix = f"{t('illustrative_mark', lang)}: " if illustrative else ""
    for role in roles:
        data = staffing_charts.staff_turnover_data(
            history, flags, role, trusts, ctx.scenario[f"turnover_{role}_pct"], lang
        )
        title = prefix + t("staff_turnover_title", lang, role=role_name(role, lang))
        show_chart_data(
            staffing_charts.staff_turnover_chart, data, title, lang=lang, trusts=tuple(sorted(set(data["trust"])))
        )
    st.markdown(f"**{prefix}{t('staff_flags', lang)}**")
    show_table(flags_table(shown, plan, lang), lang)


def workload_part(snapshot: state.Snapshot) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the radiographers the workload implies in the exams' year beside Tabell 7, and the region's need."""
    tables = snapshot.tables
    year = int(tables["exams_by_modality"]["year"].max())
    need = workload.radiographer_need(
        state.computed(chain.activity_part, snapshot), snapshot.scenario, tables["exams_by_trust"]
    )
    implied = workload.implied_vs_actual(
        need, workload.ftes_in(tables["staff_ftes"], year, "trust", "radiographer"), year
    )
    return implied, need.groupby("year", as_index=False)["fte"].sum()


def workload_section(ctx, plan: pd.DataFrame) -> None:
    """Draw the radiographers from the workload: implied vs counted, and the study places the hires need."""
    lang = ctx.lang
    st.subheader(t("workload_title", lang))
    st.markdown(t("workload_intro", lang))
    implied, _ = state.computed(workload_part, ctx)
    counted = implied.dropna()
    st.caption(
        t(
            "workload_ratio",
            lang,
            year=int(ctx.tables["exams_by_modality"]["year"].max()),
            implied=fmt_number(counted["implied"].sum(), lang),
            actual=fmt_number(counted["actual"].sum(), lang),
            ratio=fmt_number(counted["implied"].sum() / counted["actual"].sum(), lang, 2),
        )
    )
    st.markdown(f"**{t('education_title', lang)}**  \n{t('education_intro', lang)}")
    places = workload.education_places(workload.hires_per_year(plan), ctx.scenario)
    shown = places.rename(columns={"year": t("year", lang), "hires": t("hires", lang), "places": t("places", lang)})
    st.dataframe(shown.round(1), hide_index=True, width="stretch")


def render(ctx) -> None:
    lang = ctx.lang
    st.title(t("staff_title", lang))
    if data_error_shown(ctx):
        return
    scenario = ctx.scenario
    ftes = ctx.tables["staff_ftes"]
    base, horizon = staffing.base_year(ftes), int(scenario["horizon"])
    st.markdown(t("staff_intro", lang, base=base))
    forecast = forecast_status(ctx, FORECAST, RUN_COMMAND, "staff_forecast_missing")
    view = state.computed(compute, ctx)
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

    headline(plan[chosen], baseline[chosen], roles, lang)
    st.subheader(t("staff_per_trust", lang, horizon=horizon))
    st.caption(t("staff_per_trust_help", lang, pp=fmt_number(rise, lang, 1)))
    show_table(per_trust_table(plan[chosen], constant[chosen], base, lang), lang)

    shown_band = view.band if int(scenario["staff_follow_trend"]) == 1 else None
    for role in roles:
        staff_charts(view, shown_band, role, trusts, lang)
        if st.toggle(t("staff_backtest", lang, role=role_name(role, lang).lower()), key=f"staff_backtest_{role}"):
            backtest_note(
                ctx,
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

    workload_section(ctx, plan)
    turnover_section(ctx, plan, trusts, roles)

    st.subheader(t("staff_table", lang))
    download_csv(plan[chosen].round(3), t("download_csv", lang), f"staff_plan_{horizon}.csv", "download_staff_plan")
    if st.toggle(t("show_table", lang), key="staff_show_table"):
        show_table(plan_table(plan[chosen], lang), lang)
    if st.toggle(t("show_sources", lang), key="staff_show_sources"):
        st.dataframe(assumptions_table(ctx, GROUPS), hide_index=True, width="stretch")


# --- The board's overview ----------------------------------------------------------------------


def section(snapshot: state.Snapshot) -> Section | None:
    """Return, for the board: radiographer hires needed to the horizon, and which trusts' turnover is rising."""
    if snapshot.data_error:
        return None
    lang, scenario = snapshot.lang, snapshot.scenario
    view = state.computed(compute, snapshot)
    plan, totals = view.plan, view.totals
    first, last = int(plan["year"].min()), int(plan["year"].max())
    radiographers = totals[totals["role"] == "radiographer"]
    hires = radiographers["hires_needed"].sum()
    headlines = [
        Headline(
            t("ov_staff_label", lang, first=first, last=last),
            f"{fmt_number(hires, lang)} {t('fte_unit', lang)}",
            t(
                "ov_staff_sentence" if scenario["turnover_rise_pp"] else "ov_staff_sentence_steady",
                lang,
                hires=fmt_number(hires, lang),
                per_year=fmt_number(hires / len(radiographers), lang),
                rate=fmt_number(scenario["turnover_radiographer_pct"], lang, 1),
                rise=fmt_number(scenario["turnover_rise_pp"], lang, 1),
                year=last,
            ),
        )
    ]
    tables, error = state.computed(hr_part, snapshot)
    illustrative = tables is not None and is_illustrative(snapshot, FORECAST, TABLES["staff_turnover"].file)
    if tables is not None:
        flags = tables["turnover_flags"]
        hits = flags[flags["flag"]]
        names = ", ".join(f"{r.trust} ({role_name(r.role, lang).lower()})" for r in hits.itertuples())
        headlines.append(
            Headline(
                t("ov_staff_flags", lang),
                t("ov_staff_flag_count", lang, n=len(hits), of=len(flags)),
                t("ov_staff_flags_sentence", lang, names=names or t("ov_staff_none", lang))
                + (" " + t("illustrative_notice", lang) if illustrative else ""),
            )
        )
    else:
        headlines.append(
            Headline(t("ov_staff_flags", lang), "–", t("ov_staff_hr_error" if error else "ov_staff_no_hr", lang))
        )
    series = {"leavers": t("col_leavers", lang), "hires_needed": t("col_hires_needed", lang)}
    long = radiographers.melt(id_vars=["year"], value_vars=list(series), var_name="kind", value_name="value")
    long["series"] = long["kind"].map(series)
    colours = {series["leavers"]: PALETTE["sky_blue"], series["hires_needed"]: PALETTE["orange"]}
    chart = localized(
        overview_charts.overview_lines(
            long[["year", "series", "value"]], t("fte", lang), lang, height=300, colours=colours
        ).properties(title=t("ov_staff_region", lang)),
        lang,
    )
    return Section(
        title=t("page_staffing", lang),
        headlines=headlines,
        chart=chart,
        pdf_chart=SmallChart(
            t("ov_staff_region", lang), t("fte", lang), long[["year", "series", "value"]], colours=colours
        ),
        # The staff plan is Tabell 7 and the assumed rates; only the turnover flags come from the HR rows.
        tables={
            "staff_plan": plan.round(3),
            **({"turnover_flags": tables["turnover_flags"]} if tables is not None else {}),
        },
        groups=GROUPS,
        illustrative=illustrative,
        illustrative_tables=("turnover_flags",),
        note=None if view.trend is not None else t("staff_forecast_missing", lang, cmd=RUN_COMMAND),
    )


def fan(snapshot: state.Snapshot) -> pd.DataFrame:
    """Return the radiographer hires needed in the region per year: one line of the overview's fan."""
    totals = state.computed(compute, snapshot).totals
    own = totals[totals["role"] == "radiographer"]
    return pd.DataFrame({"year": own["year"], "value": own["hires_needed"]})
