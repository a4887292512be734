"""The equipment page's numbers: what falls due when, what the budget covers, the backlog and the fleet's age.

Recomputed from the register with the pure functions in `planning.equipment`, in parts cached on
what each reads (schedule and band, budget and ages, demand, fleet growth): a budget slider
recomputes the budget part only. The Weibull band is read from the stored forecast when that was
made with the same assumptions and the shipped register; otherwise it is recomputed with fewer draws.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from imaging_plan.charts import equipment as equipment_charts
from imaging_plan.charts import overview as overview_charts
from imaging_plan.charts.common import PALETTE, localized
from imaging_plan.data import inputs, uploads, schemas
from imaging_plan.data.codes import EQUIPMENT_MODALITIES
from imaging_plan.i18n import fmt_number, modality_name, t
from imaging_plan.planning import assumptions, equipment
from imaging_plan.views import cache
from imaging_plan.views.chain import (
    ACTIVITY_KEYS,
    CAPACITY_KEYS,
    MACHINE_KEYS,
    STAFF_MINUTE_KEYS,
    activity_part,
    machines_part,
)
from imaging_plan.views.metrics import Metric
from imaging_plan.views.provenance import is_illustrative
from imaging_plan.views.reports import Headline, SmallChart
from imaging_plan.views.sections import Section
from imaging_plan.views.snapshot import Snapshot

FORECAST = "equipment_replacement"
RUN_COMMAND = "python -m imaging_plan.pipeline.runner --only 04"
APP_DRAWS = 200  # the app's own band when the stored one does not fit the scenario
SOON = 2030
GROUPS = ("general", "equipment", "activity")


def band_keys() -> list[str]:
    """Return the assumptions the stored Weibull band was made with (the band fits when they match)."""
    keys = [a.key for a in assumptions.in_group("equipment") if a.key.startswith(("lifetime_", "price_"))]
    return ["horizon", *keys, "upgrade_years", "replacement_age_shape"]


# What `equipment.fleet` reads: each unit's lifetime, price, upgrade and priority.
FLEET_KEYS = tuple(
    a.key
    for a in assumptions.in_group("equipment")
    if a.key.startswith(("lifetime_", "price_", "priority_")) or a.key == "upgrade_years"
)
SCHEDULE_KEYS = ("horizon", *FLEET_KEYS, "replacement_age_shape")  # the band's draws read the age shape
BUDGET_KEYS = ("horizon", *FLEET_KEYS, "replacement_budget_mnok")


@dataclass(frozen=True)
class Register:
    """The register planned with: the shipped one, or a planner's upload (kept in memory, keyed by its hash)."""

    table: pd.DataFrame
    digest: str | None = None  # None: the shipped data/equipment_register.csv

    def cache_key(self) -> str:
        return self.digest or "shipped"


@dataclass(frozen=True)
class Upload:
    """An uploaded register: the register when it passed the schema, else the validation message."""

    register: Register | None
    error: str | None = None


def _read_upload(content: bytes, name: str, digest: str) -> Upload:
    try:
        return Upload(Register(uploads.read_uploaded("equipment_register", content, name), digest))
    except schemas.InputDataError as err:
        return Upload(None, str(err))


def read_upload(content: bytes, name: str) -> Upload:
    """Return an uploaded register checked with data/equipment_register.csv's schema, read once per content."""
    digest = hashlib.sha256(content).hexdigest()
    return cache.shared("register_upload", (digest,), lambda: _read_upload(content, name, digest))


def register_differences(snapshot: Snapshot, register: Register) -> list[str]:
    """Return where the register's counts differ from Tabell 5 (the units per owner and modality)."""
    return inputs.register_count_problems(register.table, snapshot.tables["equipment_units"])


def shipped(snapshot: Snapshot) -> Register:
    """Return the data folder's register."""
    return Register(snapshot.tables["equipment_register"])


def register_illustrative(snapshot: Snapshot, register: Register) -> bool:
    """Return whether the register in use is illustrative: a planner's upload by its rows, the
    data folder's register as the forecast's manifest records it."""
    if register.digest is not None:
        return equipment.is_illustrative(register.table)
    return is_illustrative(snapshot, FORECAST, schemas.TABLES["equipment_register"].file)


def stored_band(forecast, scenario, uploaded: bool) -> pd.DataFrame | None:
    """Return the forecast's band when it was made for this scenario and the shipped register."""
    if forecast is None or uploaded or "band" not in forecast.tables:
        return None
    made_with = forecast.manifest.get("parameters", {})
    if any(made_with.get(k) != scenario[k] for k in band_keys()):
        return None
    return forecast.tables["band"]


# --- The parts, each computed once per scenario values it reads ----------------------------------


@dataclass(frozen=True)
class Schedule:
    first: int  # the first plan year
    band_stored: bool  # the band is the stored forecast's (else recomputed with APP_DRAWS)
    schedule: pd.DataFrame  # units and cost due per year, owner and modality
    per_owner: pd.DataFrame  # units due per owner and modality (overdue now, by SOON, to the horizon)
    value_mnok: float  # the public fleet's replacement value
    due_units: pd.DataFrame  # units due per year with the band (the chart's lines)
    due_cost: pd.DataFrame  # the same in MNOK

    def due_lines(self, value: str) -> pd.DataFrame:
        """Return the due lines of `value` ('units' or 'cost_mnok')."""
        return self.due_units if value == "units" else self.due_cost


@cache.cached(keys=SCHEDULE_KEYS)
def schedule_part(snapshot: Snapshot, register: Register) -> Schedule:
    """Return what falls due when (per year, owner and modality), the fleet's value and the due lines with band."""
    units, scenario = snapshot.tables["equipment_units"], snapshot.scenario
    first, horizon = equipment.first_plan_year(units), int(scenario["horizon"])
    planned = equipment.fleet(register.table, scenario)
    events = equipment.replacement_schedule(planned, first, horizon)
    stored = stored_band(snapshot.forecast(FORECAST), scenario, register.digest is not None)
    band = (
        stored
        if stored is not None
        else equipment.replacement_band(
            planned, first, horizon, scenario["replacement_age_shape"], APP_DRAWS, equipment.REGISTER_SEED
        )
    )
    due = equipment.units_due(events, planned, ("year",), first, horizon)
    return Schedule(
        first,
        stored is not None,
        equipment.units_due(events, planned, ("year", "owner", "modality"), first, horizon),
        equipment.per_owner_due(events, planned, first, horizon, min(SOON, horizon)),
        equipment.replacement_value_mnok(planned),
        equipment_charts.due_lines(due, band, "units"),
        equipment_charts.due_lines(due, band, "cost_mnok"),
    )


@dataclass(frozen=True)
class Budget:
    yearly: pd.DataFrame  # per year: spent, replaced, backlog (units and MNOK)
    rules: pd.DataFrame  # the golden rules of the fleet's age per scope and year
    breaks: pd.DataFrame  # where and when the rules are broken
    lines: pd.DataFrame  # the budget chart's lines


@cache.cached(keys=BUDGET_KEYS)
def budget_part(snapshot: Snapshot, register: Register) -> Budget:
    """Return the replacements the budget pays for, the backlog, and the golden rules of the fleet's age."""
    units, scenario = snapshot.tables["equipment_units"], snapshot.scenario
    reference, horizon = equipment.reference_year(units), int(scenario["horizon"])
    plan = equipment.replace_under_budget(
        equipment.fleet(register.table, scenario), reference, horizon, scenario["replacement_budget_mnok"]
    )
    rules = equipment.golden_rules(plan.age_profile)
    return Budget(plan.yearly, rules, equipment.rule_breaks(rules), equipment_charts.budget_lines(plan.yearly))


@cache.cached(groups=("general", "activity"), keys=(*ACTIVITY_KEYS, *CAPACITY_KEYS))
def demand_part(snapshot: Snapshot, register: Register) -> pd.DataFrame:
    """Return units on hand against units needed per modality and year."""
    units = snapshot.tables["equipment_units"]
    reference, horizon = equipment.reference_year(units), int(snapshot.scenario["horizon"])
    return equipment.demand_check(
        snapshot.tables["exams_by_modality"],
        register.table,
        snapshot.scenario,
        reference,
        horizon,
        activity_part(snapshot),  # the exams every need reads
    )


@cache.cached(groups=("general", "activity"), keys=(*ACTIVITY_KEYS, *STAFF_MINUTE_KEYS, *MACHINE_KEYS, *FLEET_KEYS))
def growth_part(snapshot: Snapshot, register: Register) -> pd.DataFrame:
    """Return per year the cost of like-for-like replacement (budget unlimited) beside the fleet's growth.

    Out: year, replacement_mnok, growth_mnok, units_added (public units beyond like for like).
    """
    units, scenario = snapshot.tables["equipment_units"], snapshot.scenario
    reference, horizon = equipment.reference_year(units), int(scenario["horizon"])
    first = reference + 1
    planned = equipment.fleet(register.table, scenario)
    events = equipment.replacement_schedule(planned, first, horizon)
    due = equipment.units_due(events, planned, ("year",), first, horizon).set_index("year")["cost_mnok"]
    growth = equipment.fleet_growth(machines_part(snapshot), scenario, first)
    added = growth.groupby("year")[["units_added", "cost_mnok"]].sum()
    years = range(first, horizon + 1)
    return pd.DataFrame(
        {
            "year": list(years),
            "replacement_mnok": due.reindex(years).fillna(0).to_numpy(),
            "growth_mnok": added["cost_mnok"].reindex(years).fillna(0).to_numpy(),
            "units_added": added["units_added"].reindex(years).fillna(0).to_numpy(),
        }
    )


@dataclass(frozen=True)
class EquipmentView:
    horizon: int
    first: int
    schedule: Schedule
    budget: Budget
    demand: pd.DataFrame
    illustrative: bool


@cache.cached(groups=("general", "activity"), keys=(*ACTIVITY_KEYS, *CAPACITY_KEYS, *SCHEDULE_KEYS, *BUDGET_KEYS))
def compute(snapshot: Snapshot, register: Register | None = None) -> EquipmentView:
    """Return the page's numbers for the snapshot's scenario and a register (the shipped one by default)."""
    register = register or shipped(snapshot)
    schedule = schedule_part(snapshot, register)
    return EquipmentView(
        int(snapshot.scenario["horizon"]),
        schedule.first,
        schedule,
        budget_part(snapshot, register),
        demand_part(snapshot, register),
        register_illustrative(snapshot, register),
    )


# --- Texts and tables the page shows -----------------------------------------------------------


def headline(view: EquipmentView, lang: str) -> list[Metric]:
    """Return the fleet's value, what is overdue now, the backlog at the horizon and the golden rules."""
    owners, horizon = view.schedule.per_owner, view.horizon
    last = view.budget.yearly.set_index("year").loc[horizon]
    since = equipment.first_year_all_met(view.budget.rules)
    return [
        Metric(
            t("metric_value", lang),
            f"{fmt_number(view.schedule.value_mnok, lang)} MNOK",
            help=t("metric_value_help", lang),
        ),
        Metric(
            t("metric_overdue", lang, year=view.first - 1),
            t("n_units", lang, units=fmt_number(owners["overdue_at_start"].sum(), lang)),
            f"{fmt_number(owners['overdue_cost_mnok'].sum(), lang)} MNOK",
            t("metric_overdue_help", lang),
        ),
        Metric(
            t("metric_backlog", lang, year=horizon),
            t("n_units", lang, units=fmt_number(last["backlog_units"], lang)),
            f"{fmt_number(last['backlog_mnok'], lang)} MNOK",
            t("metric_backlog_help", lang),
        ),
        Metric(
            t("metric_rules", lang),
            str(since) if since else t("rules_no", lang),
            None if since else t("rules_never", lang, year=horizon),
            t("metric_rules_help", lang),
        ),
    ]


def band_caption(view: EquipmentView, forecast, lang: str) -> str:
    """Return where the due lines' band comes from: the stored forecast, or recomputed here with fewer draws."""
    if view.schedule.band_stored:
        return t("band_stored", lang, draws=forecast.manifest["parameters"].get("draws"))
    stored = forecast.manifest["parameters"].get("draws") if forecast is not None else "–"
    return t("band_recomputed", lang, draws=APP_DRAWS, stored=stored)


def breaks_table(breaks: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the golden-rule breaks with words for scope and rule."""
    scope = breaks["scope"].map(lambda s: t("region", lang) if s == "region" else modality_name(s, lang))
    rule = [
        t(f"rule_{b}", lang, limit=f"{lim:g}", age=t(f"age_{c}", lang))
        for c, b, lim in zip(breaks["age_class"], breaks["bound"], breaks["limit_pct"])
    ]
    return pd.DataFrame(
        {
            t("col_scope", lang): scope,
            t("col_rule", lang): rule,
            t("col_years_broken", lang): breaks["years_broken"],
            t("col_broken_in", lang): breaks["broken_in"],
        }
    )


def owner_table(owners: pd.DataFrame, soon: int, horizon: int, lang: str) -> pd.DataFrame:
    """Return units due per owner and modality with translated headers (`soon` left out when it is the horizon)."""
    columns = {
        t("col_owner", lang): owners["owner"],
        t("col_modality", lang): owners["modality"].map(lambda m: modality_name(m, lang)),
        t("col_units", lang): owners["units"],
        t("col_overdue_at_start", lang): owners["overdue_at_start"],
    }
    if soon < horizon:
        columns[t("col_due_by", lang, year=soon)] = owners["due_by_year"]
    columns[t("col_due_by", lang, year=horizon)] = owners["due_to_horizon"]
    columns[t("col_cost_to_horizon", lang, year=horizon)] = owners["cost_to_horizon_mnok"].round(1)
    return pd.DataFrame(columns)


def demand_table(demand: pd.DataFrame, horizon: int, lang: str) -> pd.DataFrame:
    """Return units on hand, needed and short per modality at the horizon."""
    last = demand[demand["year"] == horizon]
    return pd.DataFrame(
        {
            t("col_modality", lang): last["modality"].map(lambda m: modality_name(m, lang)),
            t("col_on_hand", lang): last["units_on_hand"],
            t("col_needed", lang, year=horizon): last["units_needed"].round(1),
            t("col_short", lang, year=horizon): last["gap_units"].round(1),
        }
    )


def machines_table(snapshot: Snapshot, horizon: int) -> pd.DataFrame:
    """Return per type the units on hand, the units needed at the opening hours and the radiographers they need."""
    lang = snapshot.lang
    machines = machines_part(snapshot)
    last = machines[machines["year"] == horizon].groupby("modality", sort=False)
    table = last[["units_needed", "units_on_hand", "staff_fte"]].sum().reset_index()
    return pd.DataFrame(
        {
            t("col_modality", lang): table["modality"].map(lambda m: modality_name(m, lang)),
            t("col_on_hand", lang): table["units_on_hand"],
            t("col_needed", lang, year=horizon): table["units_needed"].round(1),
            t("staff_fte_open", lang): table["staff_fte"].round(1),
        }
    )


def growth_table(snapshot: Snapshot, register: Register) -> pd.DataFrame:
    """Return the fleet's growth beside like-for-like replacement per year, with translated headers."""
    lang = snapshot.lang
    return (
        growth_part(snapshot, register)
        .rename(
            columns={
                "year": t("year", lang),
                "replacement_mnok": t("cost_replacement", lang),
                "growth_mnok": t("cost_growth", lang),
                "units_added": t("units_added", lang),
            }
        )
        .round(1)
    )


@dataclass(frozen=True)
class EquipmentDrawn:
    """What the page draws, prepared once per scenario, register and language (a rerun then only draws)."""

    headline: list  # [Metric]
    band_caption: str
    scopes: list  # "region", then the modalities with golden rules
    age_lines: dict  # scope -> the age-profile chart's table
    breaks: pd.DataFrame
    names: dict  # modality -> name
    demand_lines: pd.DataFrame
    demand: pd.DataFrame  # demand_table
    machines: pd.DataFrame  # machines_table
    growth: pd.DataFrame  # growth_table


@cache.cached(
    groups=GROUPS,
    keys=(*ACTIVITY_KEYS, *CAPACITY_KEYS, *STAFF_MINUTE_KEYS, *MACHINE_KEYS, *SCHEDULE_KEYS, *BUDGET_KEYS),
)
def drawn(snapshot: Snapshot, register: Register) -> EquipmentDrawn:
    """Return the page's headline, tables and chart tables (`compute`'s numbers, the chain's machines)."""
    view, lang = compute(snapshot, register), snapshot.lang
    rules = view.budget.rules
    scopes = ["region", *[m for m in EQUIPMENT_MODALITIES if m in set(rules["scope"])]]
    names = {m: modality_name(m, lang) for m in EQUIPMENT_MODALITIES}
    return EquipmentDrawn(
        headline(view, lang),
        band_caption(view, snapshot.forecast(FORECAST), lang),
        scopes,
        {s: equipment_charts.age_lines(rules[rules["scope"] == s], lang) for s in scopes},
        breaks_table(view.budget.breaks, lang),
        names,
        equipment_charts.demand_lines(view.demand, names, lang),
        demand_table(view.demand, view.horizon, lang),
        machines_table(snapshot, view.horizon),
        growth_table(snapshot, register),
    )


# --- The board's overview ----------------------------------------------------------------------


@cache.cached(groups=GROUPS, keys=(*ACTIVITY_KEYS, *STAFF_MINUTE_KEYS, *MACHINE_KEYS, *FLEET_KEYS))
def section(snapshot: Snapshot) -> Section | None:
    """Return the equipment figures for the board: fleet value, overdue now, backlog and golden rules."""
    if snapshot.data_error:
        return None
    lang = snapshot.lang
    view = compute(snapshot)
    sched, plan, horizon, first = view.schedule, view.budget, view.horizon, view.first
    owners, last = sched.per_owner, plan.yearly.set_index("year").loc[horizon]
    since = equipment.first_year_all_met(plan.rules)
    value, overdue = sched.value_mnok, owners["overdue_at_start"].sum()
    overdue_mnok = owners["overdue_cost_mnok"].sum()
    rules = t("rules_from_year", lang, year=since) if since else t("rules_not_by", lang, year=horizon)
    headlines = [
        Headline(
            t("metric_value", lang),
            f"{fmt_number(value, lang)} MNOK",
            t("ov_eq_value", lang, units=fmt_number(owners["units"].sum(), lang)),
        ),
        Headline(
            t("metric_overdue", lang, year=first - 1),
            f"{t('n_units', lang, units=fmt_number(overdue, lang))}, {fmt_number(overdue_mnok, lang)} MNOK",
            t("ov_eq_overdue", lang, year=first),
        ),
        Headline(
            t("metric_backlog", lang, year=horizon),
            f"{t('n_units', lang, units=fmt_number(last['backlog_units'], lang))}, "
            f"{fmt_number(last['backlog_mnok'], lang)} MNOK",
            t(
                "ov_eq_backlog",
                lang,
                budget=fmt_number(snapshot.scenario["replacement_budget_mnok"], lang),
                rules=rules,
            ),
        ),
    ]
    yearly = plan.yearly
    due = sched.due_cost
    long = pd.concat(
        [
            pd.DataFrame({"year": due["year"], "series": t("ov_eq_due", lang), "value": due["due"]}),
            pd.DataFrame({"year": yearly["year"], "series": t("spent", lang), "value": yearly["spent_mnok"]}),
            pd.DataFrame({"year": yearly["year"], "series": t("backlog", lang), "value": yearly["backlog_mnok"]}),
        ],
        ignore_index=True,
    )
    colours = {
        t("ov_eq_due", lang): PALETTE["blue"],
        t("spent", lang): PALETTE["green"],
        t("backlog", lang): PALETTE["vermillion"],
    }
    chart = overview_charts.overview_lines(long, t("mnok_per_year", lang), lang, height=330, colours=colours)
    return Section(
        title=t("equipment_title", lang),
        headlines=headlines,
        chart=localized(chart, lang),
        pdf_chart=SmallChart(
            t("page_equipment", lang), t("mnok_per_year", lang), long, illustrative=view.illustrative, colours=colours
        ),
        tables={
            "equipment_schedule": sched.schedule.round(3),
            "equipment_budget": yearly.round(3),
            "equipment_per_owner": owners.round(3),
            "equipment_rule_breaks": plan.breaks,
        },
        groups=GROUPS,
        illustrative=view.illustrative,
    )


@cache.cached(groups=GROUPS, keys=(*ACTIVITY_KEYS, *FLEET_KEYS))
def fan(snapshot: Snapshot) -> pd.DataFrame:
    """Return the replacement backlog (MNOK) per year: one line of the overview's fan."""
    yearly = budget_part(snapshot, shipped(snapshot)).yearly
    return pd.DataFrame({"year": yearly["year"], "value": yearly["backlog_mnok"]})
