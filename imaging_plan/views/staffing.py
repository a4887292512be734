"""The staffing page's numbers: FTEs, leavers and hires needed per trust and role, and rising turnover.

`compute(snapshot)` gives the plan from Tabell 7 and the stored trends; its parts are cached on
what they read, so a turnover slider does not recompute the planned FTEs. The turnover history
is read from the optional HR file (`hr_part`). Tables and headline texts are built here; the
app's page draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from imaging_plan.charts import overview as overview_charts
from imaging_plan.charts import staffing as staffing_charts
from imaging_plan.charts.common import PALETTE, localized
from imaging_plan.data.inputs import load_optional
from imaging_plan.data.schemas import TABLES, InputDataError
from imaging_plan.i18n import fmt_number, role_name, t
from imaging_plan.planning import staffing, workload
from imaging_plan.planning.assumptions import in_group
from imaging_plan.views import cache
from imaging_plan.views.chain import ACTIVITY_KEYS, STAFF_MINUTE_KEYS, activity_part, radiographer_path_part
from imaging_plan.views.metrics import Metric
from imaging_plan.views.provenance import is_illustrative
from imaging_plan.views.reports import Headline, SmallChart
from imaging_plan.views.sections import Section
from imaging_plan.views.snapshot import Snapshot

FORECAST = "radiographer_turnover"
RUN_COMMAND = "python -m imaging_plan.pipeline.runner --only 03"
GROUPS = ("general", "staff", "staff_trusts", "activity", "workload_staff")
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


def _trend(snapshot: Snapshot) -> pd.DataFrame | None:
    forecast = snapshot.forecast(FORECAST)
    return forecast.tables.get("trend") if forecast is not None else None


@dataclass(frozen=True)
class SeriesState:
    status: pd.DataFrame  # per trust and role: complete, gaps, no_data ...
    regional: pd.DataFrame  # the region's history
    band: pd.DataFrame | None  # the trend band anchored at the base year; None without a trend


@cache.cached(groups=("general",))
def static_part(snapshot: Snapshot) -> SeriesState:
    """Return the series status, the regional history and the anchored trend band (None without a trend)."""
    ftes, trend = snapshot.tables["staff_ftes"], _trend(snapshot)
    band = staffing.anchored_trend(ftes, trend, int(snapshot.scenario["horizon"])) if trend is not None else None
    return SeriesState(staffing.series_status(ftes), staffing.regional_history(ftes), band)


# What the planned FTEs read: the workload's path (choice 2) or the trend / target growth.
PLANNED_KEYS = (*ACTIVITY_KEYS, *STAFF_MINUTE_KEYS, "staff_follow_trend", "staff_target_growth_pct")


@cache.cached(groups=("general", "activity"), keys=PLANNED_KEYS)
def planned_part(snapshot: Snapshot) -> pd.DataFrame:
    """Return the planned FTEs per trust, role and year (what the turnover sliders do not change)."""
    path = radiographer_path_part(snapshot)  # the workload's (choice 2), else None
    return staffing.planned_ftes(snapshot.tables["staff_ftes"], _trend(snapshot), snapshot.scenario, path)


@dataclass(frozen=True)
class Turnover:
    """The HR file's turnover history and flags; both None without the file or when it is broken (`error`)."""

    history: pd.DataFrame | None = None
    flags: pd.DataFrame | None = None
    error: str | None = None


@cache.cached(keys=("turnover_flag_pp",))
def hr_part(snapshot: Snapshot) -> Turnover:
    """Return the turnover history and flags (none without an HR file), and the error text when the file is broken."""
    try:
        hr = load_optional("staff_turnover", snapshot.data_dir)[0]
    except InputDataError as err:
        return Turnover(error=str(err))
    if hr is None:
        return Turnover()
    tables = staffing.turnover_tables(hr, float(snapshot.scenario["turnover_flag_pp"]))
    return Turnover(tables["turnover_history"], tables["turnover_flags"])


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
    notes: list  # status_notes: how each series that is not complete is handled, in the view's language


def _flows(snapshot: Snapshot) -> pd.DataFrame:
    return staffing.plan_flows(planned_part(snapshot), snapshot.scenario)


# What the flows add: turnover per role and trust, its rise, FTEs per person (the flag threshold only flags).
FLOW_KEYS = tuple(a.key for a in in_group("staff", "staff_trusts") if a.key != "turnover_flag_pp")


@cache.cached(groups=("general", "activity"), keys=(*PLANNED_KEYS, *FLOW_KEYS))
def compute(snapshot: Snapshot) -> StaffView:
    """Return the staffing plan of the snapshot's scenario, with today's turnover and with the defaults."""
    scenario = snapshot.scenario
    horizon = int(scenario["horizon"])
    series = static_part(snapshot)
    plan = _flows(snapshot)
    constant = _flows(snapshot.with_values(turnover_rise_pp=0.0)) if scenario["turnover_rise_pp"] else plan
    baseline = _flows(snapshot.with_scenario({**snapshot.defaults, "horizon": horizon}))
    return StaffView(
        snapshot.tables["staff_ftes"],
        _trend(snapshot),
        series.status,
        series.regional,
        series.band,
        plan,
        constant,
        baseline,
        staffing.plan_totals(plan, series.status),
        status_notes(series.status, staffing.base_year(snapshot.tables["staff_ftes"]), snapshot.lang),
    )


@dataclass(frozen=True)
class WorkloadView:
    implied: pd.DataFrame  # radiographers the workload implies per trust beside Tabell 7, in the exams' year
    region_need: pd.DataFrame  # the region's need per year: year, fte


@cache.cached(groups=("general", "activity"), keys=(*ACTIVITY_KEYS, *STAFF_MINUTE_KEYS))
def workload_part(snapshot: Snapshot) -> WorkloadView:
    """Return the radiographers the workload implies in the exams' year beside Tabell 7, and the region's need."""
    tables = snapshot.tables
    year = int(tables["exams_by_modality"]["year"].max())
    need = workload.radiographer_need(activity_part(snapshot), snapshot.scenario, tables["exams_by_trust"])
    implied = workload.implied_vs_actual(
        need, workload.ftes_in(tables["staff_ftes"], year, "trust", "radiographer"), year
    )
    return WorkloadView(implied, need.groupby("year", as_index=False)["fte"].sum())


# --- Texts and tables the page shows -----------------------------------------------------------


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


def headline(plan: pd.DataFrame, baseline: pd.DataFrame, role: str, lang: str) -> list[Metric]:
    """Return a role's hires to the horizon, hires in the first year and mean hires share, beside the defaults'."""
    first, last = int(plan["year"].min()), int(plan["year"].max())
    own, base = plan[plan["role"] == role], baseline[baseline["role"] == role]
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
    metrics = []
    for i, (label, now, before, help_text) in enumerate(figures):
        delta = now - before
        metrics.append(
            Metric(
                label,
                fmt_number(now, lang, 1 if i == 2 else 0),
                None if abs(delta) < 0.05 else fmt_number(delta, lang, 1, signed=True),
                help_text,
            )
        )
    return metrics


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


def flagged_text(flags: pd.DataFrame, lang: str) -> str:
    """Return the sentence naming the flagged trusts and roles among `flags` (or saying none is)."""
    hits = flags[flags["flag"]]
    if hits.empty:
        return t("staff_none_flagged", lang)
    items = ", ".join(f"{r.trust} ({role_name(r.role, lang).lower()})" for r in hits.itertuples())
    return t("staff_flagged_list", lang, items=items)


def workload_ratio_text(snapshot: Snapshot) -> str:
    """Return the sentence comparing the workload's implied radiographers with those Tabell 7 counts."""
    lang = snapshot.lang
    counted = workload_part(snapshot).implied.dropna()
    return t(
        "workload_ratio",
        lang,
        year=int(snapshot.tables["exams_by_modality"]["year"].max()),
        implied=fmt_number(counted["implied"].sum(), lang),
        actual=fmt_number(counted["actual"].sum(), lang),
        ratio=fmt_number(counted["implied"].sum() / counted["actual"].sum(), lang, 2),
    )


def places_table(snapshot: Snapshot, plan: pd.DataFrame) -> pd.DataFrame:
    """Return the study places the hires need per year, with translated headers, one decimal."""
    lang = snapshot.lang
    places = workload.education_places(workload.hires_per_year(plan), snapshot.scenario)
    shown = places.rename(columns={"year": t("year", lang), "hires": t("hires", lang), "places": t("places", lang)})
    return shown.round(1)


def turnover_illustrative(snapshot: Snapshot) -> bool:
    """Return whether the HR file's rows are illustrative (as the forecast's manifest records them)."""
    return is_illustrative(snapshot, FORECAST, TABLES["staff_turnover"].file)


@dataclass(frozen=True)
class RoleCharts:
    """A role's three charts' tables and the caption naming the trusts its regional line covers."""

    region: pd.DataFrame
    covered: list[str]
    by_trust: pd.DataFrame
    hires: pd.DataFrame


@dataclass(frozen=True)
class StaffDrawn:
    """What the page draws for the trusts and roles chosen, prepared once per scenario, language and choice."""

    headlines: dict  # role -> [Metric]
    per_trust: pd.DataFrame
    charts: dict  # role -> RoleCharts
    places: pd.DataFrame
    ratio_text: str
    flagged: str | None  # the flagged trusts and roles sentence; None without the HR file's flags
    flags: pd.DataFrame | None  # flags_table of the chosen ones
    turnover: dict  # role -> staff_turnover_data
    rows: pd.DataFrame  # the plan's rows of the chosen trusts and roles


@cache.cached(groups=GROUPS, keys=ACTIVITY_KEYS)
def drawn(snapshot: Snapshot, trusts: tuple[str, ...], roles: tuple[str, ...]) -> StaffDrawn:
    """Return the page's headlines, tables and chart tables for the chosen trusts and roles (`compute`'s plan)."""
    view, lang, scenario = compute(snapshot), snapshot.lang, snapshot.scenario
    plan = view.plan
    chosen = (plan["trust"].isin(trusts) & plan["role"].isin(roles)).to_numpy()
    rows = plan[chosen]
    base = staffing.base_year(snapshot.tables["staff_ftes"])
    band = view.band if int(scenario["staff_follow_trend"]) == 1 else None
    charts = {}
    for role in roles:
        covered = view.status[(view.status["role"] == role) & (view.status["status"] == "complete")]["trust"]
        charts[role] = RoleCharts(
            staffing_charts.staff_region_lines(role, view.regional, view.trend, view.totals, lang),
            list(covered),
            staffing_charts.staff_trust_lines(role, view.ftes, band, plan, list(trusts), lang),
            staffing_charts.staff_hires_data(plan, role, list(trusts)),
        )
    turnover = hr_part(snapshot)
    flagged = flags = None
    per_role = {}
    if not turnover.error and turnover.flags is not None:
        shown = turnover.flags[turnover.flags["trust"].isin(trusts) & turnover.flags["role"].isin(roles)]
        flagged, flags = flagged_text(shown, lang), flags_table(shown, plan, lang)
        per_role = {
            role: staffing_charts.staff_turnover_data(
                turnover.history, turnover.flags, role, list(trusts), scenario[f"turnover_{role}_pct"], lang
            )
            for role in roles
        }
    return StaffDrawn(
        {role: headline(rows, view.baseline[chosen], role, lang) for role in roles},
        per_trust_table(rows, view.constant[chosen], base, lang),
        charts,
        places_table(snapshot, plan),
        workload_ratio_text(snapshot),
        flagged,
        flags,
        per_role,
        rows,
    )


# --- The board's overview ----------------------------------------------------------------------


@cache.cached(groups=GROUPS, keys=ACTIVITY_KEYS)
def section(snapshot: Snapshot) -> Section | None:
    """Return, for the board: radiographer hires needed to the horizon, and which trusts' turnover is rising."""
    if snapshot.data_error:
        return None
    lang, scenario = snapshot.lang, snapshot.scenario
    view = compute(snapshot)
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
    turnover = hr_part(snapshot)
    flags = turnover.flags
    illustrative = flags is not None and turnover_illustrative(snapshot)
    if flags is not None:
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
            Headline(
                t("ov_staff_flags", lang), "–", t("ov_staff_hr_error" if turnover.error else "ov_staff_no_hr", lang)
            )
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
            **({"turnover_flags": flags} if flags is not None else {}),
        },
        groups=GROUPS,
        illustrative=illustrative,
        illustrative_tables=("turnover_flags",),
        note=None if view.trend is not None else t("staff_forecast_missing", lang, cmd=RUN_COMMAND),
    )


@cache.cached(groups=GROUPS, keys=ACTIVITY_KEYS)
def fan(snapshot: Snapshot) -> pd.DataFrame:
    """Return the radiographer hires needed in the region per year: one line of the overview's fan."""
    totals = compute(snapshot).totals
    own = totals[totals["role"] == "radiographer"]
    return pd.DataFrame({"year": own["year"], "value": own["hires_needed"]})
