"""Preparedness: capacity today, stress tests with their weekly backlog, and on-call as a staffing floor.

Pure DataFrame functions (no Streamlit); `compute(snapshot)` gathers them for the page.

Capacity today, per owner (a trust, or the private providers of one hospital area) and modality
-------------------------------------------------------------------------------------------
- units: Tabell 5 (private units per area: each provider modality's units shared over the areas
  in proportion to the area's private exams, Tabell 3; an assumption, the plan gives no split).
- exams (use): public = Tabell 1 less the private exams of Tabell 3 (PET/CT: Tabell 1's
  outpatient PET/CT; SPECT/CT: conventional nuclear medicine, `codes.EXAM_MODALITY_OF_EQUIPMENT`),
  shared over the trusts by units x the trust's exams per unit (Tabell 2 over its Tabell 5 units;
  an assumption: the plan gives no exams per trust and modality). Private = Tabell 3 per area.
  Why not the activity's split (`activity.by_trust`, each trust's share of Tabell 2 in the
  region's mix of modalities, which the Equipment page's `workload.machines_needed` uses): that
  split says where exams are due, whatever the trust's machines, so the Equipment page can show a
  trust short of units. Capacity today needs the exams done today, and those are done on the units
  that exist: the activity's split would put PET/CT exams at DHS, LDS and STHF, which have no
  PET/CT (Tabell 5), and give OUS' 17 MR units 1,820 exams each against AHUS' 3,550. Here exams
  follow the units, so both pages start from the same public exams per modality (Tabell 1 less
  Tabell 3) but share them over the trusts differently, on purpose.
- machine capacity M = units x the equipment assumptions of the activity, one set for the
  Equipment page and this one (`workload.capacity_per_unit`): exams per machine-hour
  (`exams_per_hour_<type>`) x hours a week when scaled up (`prep_hours_max`; today's opening hours
  are `opening_hours_week`) x operating weeks (`weeks_per_year`).
- staffed capacity S = exams x (1 + extra staffed hours %): staff are fully used today.
- capacity C = max(min(M, S), exams) (what is done today can be done); spare = C - exams.
All per year; a week is a 52nd.

Weekly backlog of a stress test, per modality (`weekly_backlog`)
-----------------------------------------------------------------
For each owner e in an event of W weeks: weekly demand d_e, weekly capacity c_e, and x_e exams that
cannot be done anywhere while it lasts (a failed supply). Each event week:
  short_w  = sum_e [x_e + max(0, d_e - x_e - c_e)]   exams that cannot be done where they are due
  slack_w  = sum over owners within reach (not short, same or neighbouring area) of
             max(0, c_e - (d_e - x_e))                 spare others have during the event
  moved_w  = min(sum_e max(0, d_e - x_e - c_e), slack_w)   (a supply failure's x never moves)
  backlog (kept)  B_w = B_{w-1} + short_w;   backlog (moved) B'_w = B'_{w-1} + short_w - moved_w.
After the event the backlog is cleared at today's spare: r = the short owners' weekly spare (kept)
or theirs plus the reachable owners' (moved); B_{w+1} = max(0, B_w - r).
Weeks to clear = B_W / r; infinite (flagged) when r <= 0 and B_W > 0. Reach is the union over the
short owners' areas and `codes.NEIGHBOUR_AREAS`: an upper bound, as each area draws on that pool.

On-call floor (`on_call_floor`)
-------------------------------
Minimum FTEs per trust and specialty = sum over sites of lines x rota length (weeks) x FTEs per
person: a rota of n weeks with one person on call a week holds n people per line, and each
person is `fte_per_person_physician` FTEs (the existing assumption, 1.0: one person one FTE, no
source for the region's average contract). With shared on-call, a trust's reading lines (lines
less on-site lines) are pooled to those of its busiest site; the on-site lines (interventions)
stay. The trust's physician need is the larger of its planning need and this floor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import pandas as pd

from imaging_plan.data import codes
from imaging_plan.planning import workload

WEEKS_A_YEAR = 52
MAX_WEEKS = 156  # the weekly table stops here even when a backlog never clears
ILLUSTRATIVE_PREFIX = "illustrative"
# The scenario choices (scenario.CHOICES) the stress tests read.
CHOICE_KEYS = ("prep_surge_modality", "prep_units_trust", "prep_units_modality", "prep_supply")


class PreparednessError(ValueError):
    """A stress test or on-call input breaks a rule; the message names the parameter or file, row and column."""


def check_choice(key: str):
    """Return the check of scenario choice `key` (a notebook parameter): the value, or PreparednessError."""
    from imaging_plan.planning.scenario import CHOICES

    allowed = CHOICES[key][0]

    def check(value: object) -> str:
        if str(value) not in allowed:
            raise PreparednessError(f"parameter '{key}': {value!r} is not one of {', '.join(allowed)}")
        return str(value)

    return check


# --- Capacity today ------------------------------------------------------------------------------


def _latest(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["year"] == frame["year"].max()]


def public_exams(exams_by_modality: pd.DataFrame, private_exams: pd.DataFrame) -> pd.Series:
    """Return the public exams per equipment modality: Tabell 1 less the private exams of Tabell 3."""
    total = _latest(exams_by_modality).groupby("modality")["exams"].sum()
    private = _latest(private_exams).groupby("modality")["exams"].sum()
    out = {}
    for modality in codes.EQUIPMENT_MODALITIES:
        line = codes.EXAM_MODALITY_OF_EQUIPMENT[modality]
        out[modality] = float(total.get(line, 0.0)) - float(private.get(modality, 0.0))
    return pd.Series(out, name="exams")


def capacity_table(
    units: pd.DataFrame,
    exams_by_modality: pd.DataFrame,
    exams_by_trust: pd.DataFrame,
    private_exams: pd.DataFrame,
    scenario: Mapping[str, Any],
) -> pd.DataFrame:
    """Return capacity today per owner and modality (see the module docstring), yearly figures.

    Columns: owner, sector, area, modality, units, exams_per_hour, machine_capacity,
    staffed_capacity, capacity, exams, spare, at_capacity (machines bind: M below today's exams).
    """
    units = _latest(units).assign(units=lambda f: f["units"].fillna(0.0))
    per_unit = workload.capacity_per_unit(scenario, "prep_hours_max")  # exams a unit a year, scaled up
    extra = float(scenario["prep_staff_extra_pct"]) / 100
    public = units[units["sector"] == "public"]
    by_trust = _latest(exams_by_trust).groupby("trust")["exams"].sum()
    trust_per_unit = by_trust / public.groupby("owner")["units"].sum()  # the trust's exams per unit (Tabell 2 / 5)
    public_total = public_exams(exams_by_modality, private_exams)
    rows = []
    for modality in codes.EQUIPMENT_MODALITIES:
        own = public[public["modality"] == modality]
        weight = own["units"].to_numpy() * own["owner"].map(trust_per_unit).fillna(0.0).to_numpy()
        share = weight / weight.sum() if weight.sum() > 0 else np.zeros(len(weight))
        for (_, row), s in zip(own.iterrows(), share):
            rows.append(
                {
                    "owner": row["owner"],
                    "sector": "public",
                    "area": codes.TRUST_AREA[row["owner"]],
                    "modality": modality,
                    "units": float(row["units"]),
                    "exams": float(public_total[modality]) * float(s),
                }
            )
    private_units = units[units["sector"] == "private"].groupby("modality")["units"].sum()
    private = _latest(private_exams)
    for modality, own in private.groupby("modality", sort=False):
        total = float(own["exams"].sum())
        for _, row in own.iterrows():
            rows.append(
                {
                    "owner": f"PRIVATE_{row['hospital_area']}",
                    "sector": "private",
                    "area": row["hospital_area"],
                    "modality": modality,
                    "units": float(private_units.get(modality, 0.0)) * float(row["exams"]) / total if total else 0.0,
                    "exams": float(row["exams"]),
                }
            )
    out = pd.DataFrame(rows)
    out["exams_per_hour"] = out["modality"].map(lambda m: float(scenario[f"exams_per_hour_{m.lower()}"]))
    out["machine_capacity"] = out["units"] * out["modality"].map(per_unit)
    out["staffed_capacity"] = out["exams"] * (1 + extra)
    out["capacity"] = np.maximum(np.minimum(out["machine_capacity"], out["staffed_capacity"]), out["exams"])
    out["spare"] = out["capacity"] - out["exams"]
    out["at_capacity"] = out["machine_capacity"] < out["exams"]
    columns = ["owner", "sector", "area", "modality", "units", "exams_per_hour", "machine_capacity"]
    return out[[*columns, "staffed_capacity", "capacity", "exams", "spare", "at_capacity"]]


def capacity_by(capacity: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Return units, capacity, exams and spare summed by `keys` (e.g. ["area", "modality"]), with utilisation in %.

    With "modality" among the keys the modality's exams per machine-hour (one per modality) comes along.
    """
    out = capacity.groupby(keys, as_index=False, sort=False)[
        ["units", "machine_capacity", "staffed_capacity", "capacity", "exams", "spare"]
    ].sum()
    if "modality" in keys:
        out.insert(
            len(keys) + 1, "exams_per_hour", out["modality"].map(capacity.groupby("modality")["exams_per_hour"].first())
        )
    out["utilisation_pct"] = 100 * out["exams"] / out["capacity"].where(out["capacity"] > 0)
    return out


# --- Weekly backlog --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One stress test on one modality: per owner (same order as `capacity`) weekly figures in the event."""

    scenario: str  # surge, absence, units_out, supply
    modality: str
    weeks: int
    demand: np.ndarray  # weekly demand d_e during the event
    capacity: np.ndarray  # weekly capacity c_e during the event
    fixed_loss: np.ndarray  # weekly exams x_e that cannot be done anywhere (per full week)
    week_share: tuple[float, ...] = ()  # share of each event week the event lasts (supply days); () = whole weeks


def weeks_to_clear(backlog: float, spare_per_week: float) -> float:
    """Return backlog / weekly spare: 0 without backlog, infinite when there is no spare to clear it."""
    if backlog <= 1e-9:
        return 0.0
    return backlog / spare_per_week if spare_per_week > 1e-9 else math.inf


def weekly_backlog(
    event: Event, spare_today: np.ndarray, areas: np.ndarray | None = None
) -> tuple[pd.DataFrame, dict[str, float]]:
    """Return the weekly table of one event and its totals (module docstring; figures per week).

    `spare_today` is each owner's weekly spare today; `areas` their hospital areas (for the reach of
    moved overflow; None: nothing can move). Table columns: week, in_event, demand, capacity,
    short, moved, backlog_kept, backlog_moved. Totals: not_done, moved, backlog_kept,
    backlog_moved, weeks_to_clear_kept, weeks_to_clear_moved (inf: never at today's spare).
    """
    d, c, x = event.demand, event.capacity, event.fixed_loss
    shares = list(event.week_share) or [1.0] * event.weeks
    movable = np.maximum(0.0, d - x - c)
    short_owner = (movable > 1e-9) | (x > 1e-9)
    if areas is not None and short_owner.any():
        reach = set(areas[short_owner])
        for area in list(reach):
            reach |= set(codes.NEIGHBOUR_AREAS.get(area, ()))
        reachable = np.isin(areas, list(reach)) & ~short_owner
    else:
        reachable = np.zeros(len(d), dtype=bool)
    slack = float(np.maximum(0.0, c - (d - x))[reachable].sum())
    rate_kept = float(np.maximum(0.0, spare_today[short_owner]).sum())
    rate_moved = rate_kept + float(np.maximum(0.0, spare_today[reachable]).sum())
    rows, kept, moved_b = [], 0.0, 0.0
    not_done = moved_total = 0.0
    for week, share in enumerate(shares, start=1):
        short = share * float((x + movable).sum())
        moved = share * min(float(movable.sum()), slack)
        kept += short
        moved_b += short - moved
        not_done += short
        moved_total += moved
        rows.append((week, True, share * float(d.sum()), share * float(c.sum()), short, moved, kept, moved_b))
    end_kept, end_moved = kept, moved_b
    week = len(shares)
    while (kept > 1e-9 or moved_b > 1e-9) and week < MAX_WEEKS and (rate_kept > 1e-9 or rate_moved > 1e-9):
        week += 1
        kept = max(0.0, kept - rate_kept) if rate_kept > 1e-9 else kept
        moved_b = max(0.0, moved_b - rate_moved) if rate_moved > 1e-9 else moved_b
        rows.append((week, False, float(d.sum()), float(c.sum()), 0.0, 0.0, kept, moved_b))
    table = pd.DataFrame(
        rows, columns=["week", "in_event", "demand", "capacity", "short", "moved", "backlog_kept", "backlog_moved"]
    )
    totals = {
        "not_done": not_done,
        "moved": moved_total,
        "backlog_kept": end_kept,
        "backlog_moved": end_moved,
        "spare_kept": rate_kept,
        "spare_moved": rate_moved,
        "weeks_to_clear_kept": weeks_to_clear(end_kept, rate_kept),
        "weeks_to_clear_moved": weeks_to_clear(end_moved, rate_moved),
    }
    return table, totals


# --- The four stress tests -----------------------------------------------------------------------

SCENARIOS = ("surge", "absence", "units_out", "supply")
SUMMARY_COLUMNS = [
    "scenario",
    "modality",
    "weeks",
    "not_done",
    "moved",
    "backlog_kept",
    "backlog_moved",
    "spare_kept",
    "spare_moved",
    "weeks_to_clear_kept",
    "weeks_to_clear_moved",
]
WEEKLY_COLUMNS = [
    "scenario",
    "modality",
    "week",
    "in_event",
    "demand",
    "capacity",
    "short",
    "moved",
    "backlog_kept",
    "backlog_moved",
]
OVERFLOW_COLUMNS = ["scenario", "modality", "owner", "sector", "area", "relation", "spare_per_week"]


def check_units_out(capacity: pd.DataFrame, scenario: Mapping[str, Any]) -> None:
    """Refuse more units out than the trust has of the modality (Tabell 5), naming the parameters."""
    trust, modality, out = scenario["prep_units_trust"], scenario["prep_units_modality"], scenario["prep_units_out"]
    if trust not in codes.TRUSTS:
        raise PreparednessError(f"parameter 'prep_units_trust': {trust!r} is not one of {', '.join(codes.TRUSTS)}")
    have = capacity.loc[(capacity["owner"] == trust) & (capacity["modality"] == modality), "units"].sum()
    if out > have:
        raise PreparednessError(
            f"parameter 'prep_units_out': {int(out)} {modality} units out at {trust}, but {trust} has "
            f"{int(have)} (equipment_units.csv, Tabell 5); at most the units the trust has can be out"
        )


def events(capacity: pd.DataFrame, scenario: Mapping[str, Any]) -> list[Event]:
    """Return the events of the scenario's four stress tests, one per modality each touches."""
    check_units_out(capacity, scenario)
    found = []
    for modality, own in capacity.groupby("modality", sort=False):
        u = own["exams"].to_numpy() / WEEKS_A_YEAR
        c0 = own["capacity"].to_numpy() / WEEKS_A_YEAR
        machine = np.maximum(own["machine_capacity"].to_numpy() / WEEKS_A_YEAR, u)  # today's exams are done
        staffed = own["staffed_capacity"].to_numpy() / WEEKS_A_YEAR
        none = np.zeros(len(u))
        if scenario["prep_surge_modality"] in ("ALL", modality) and int(scenario["prep_surge_weeks"]) > 0:
            found.append(
                Event(
                    "surge",
                    modality,
                    int(scenario["prep_surge_weeks"]),
                    u * (1 + scenario["prep_surge_pct"] / 100),
                    c0,
                    none,
                )
            )
        if int(scenario["prep_absence_weeks"]) > 0:
            public = (own["sector"] == "public").to_numpy()
            present = np.where(public, 1 - scenario["prep_absence_pct"] / 100, 1.0)
            cap = np.where(public, np.minimum(machine, staffed * present), c0)
            found.append(Event("absence", modality, int(scenario["prep_absence_weeks"]), u, cap, none))
        if modality == scenario["prep_units_modality"] and int(scenario["prep_units_weeks"]) > 0:
            hit = (own["owner"] == scenario["prep_units_trust"]).to_numpy()
            n = own["units"].to_numpy()
            left = np.where(n > 0, (n - scenario["prep_units_out"]) / np.where(n > 0, n, 1), 0.0)
            cap = np.where(hit, np.minimum(machine * left, staffed), c0)
            found.append(Event("units_out", modality, int(scenario["prep_units_weeks"]), u, cap, none))
        supply = codes.SUPPLIES[scenario["prep_supply"]][2]
        days = int(scenario["prep_supply_days"])
        if modality == supply and days > 0:
            share = scenario["prep_supply_pct"] / 100
            if scenario["prep_supply"] == "CONTRAST":
                share *= scenario["prep_contrast_share_pct"] / 100
            weeks = math.ceil(days / 7)
            parts = tuple(min(7, days - 7 * w) / 7 for w in range(weeks))
            found.append(Event("supply", modality, weeks, u, c0, u * share, parts))
    return found


def stress_results(
    capacity: pd.DataFrame, scenario: Mapping[str, Any]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return (summary, weekly, overflow) of the scenario's stress tests.

    summary: scenario, modality, weeks, not_done, moved, backlog_kept, backlog_moved,
    weeks_to_clear_kept, weeks_to_clear_moved (inf: not at today's spare). weekly: the weekly
    tables with scenario and modality. overflow: per stress test and owner within reach, the
    weekly spare it has during the event (where the overflow could go) and whether its area is the
    short owners' own or a neighbour.
    """
    summaries, weekly, overflow = [], [], []
    for event in events(capacity, scenario):
        own = capacity[capacity["modality"] == event.modality].reset_index(drop=True)
        areas = own["area"].to_numpy()
        table, totals = weekly_backlog(event, own["spare"].to_numpy() / WEEKS_A_YEAR, areas)
        summaries.append({"scenario": event.scenario, "modality": event.modality, "weeks": event.weeks, **totals})
        weekly.append(table.assign(scenario=event.scenario, modality=event.modality))
        short = (np.maximum(0.0, event.demand - event.fixed_loss - event.capacity) > 1e-9) | (event.fixed_loss > 1e-9)
        if short.any() and not event.fixed_loss.any():
            home = set(areas[short])
            near = {n for a in home for n in codes.NEIGHBOUR_AREAS.get(a, ())} - home
            slack = np.maximum(0.0, event.capacity - event.demand)
            for i in np.flatnonzero(~short & np.isin(areas, list(home | near)) & (slack > 1e-9)):
                overflow.append(
                    {
                        "scenario": event.scenario,
                        "modality": event.modality,
                        "owner": own.loc[i, "owner"],
                        "sector": own.loc[i, "sector"],
                        "area": areas[i],
                        "relation": "same_area" if areas[i] in home else "neighbour",
                        "spare_per_week": float(slack[i]),
                    }
                )
    summary = pd.DataFrame(summaries, columns=SUMMARY_COLUMNS)
    weekly_frame = (
        pd.concat(weekly, ignore_index=True)[WEEKLY_COLUMNS] if weekly else pd.DataFrame(columns=WEEKLY_COLUMNS)
    )
    return summary, weekly_frame, pd.DataFrame(overflow, columns=OVERFLOW_COLUMNS)


# --- On-call as a staffing floor ------------------------------------------------------------------


def is_illustrative(lines: pd.DataFrame) -> bool:
    """Return True when any on-call row's `source` says it is illustrative."""
    return bool(lines["source"].fillna("").str.strip().str.lower().str.startswith(ILLUSTRATIVE_PREFIX).any())


def on_call_floor(lines: pd.DataFrame, fte_per_person: float) -> pd.DataFrame:
    """Return per trust and specialty: sites, lines, people on the rotas, the floor in FTEs, and with shared on-call.

    people = sum of lines x rota_weeks; floor_fte = people x fte_per_person; shared: the reading lines (lines -
    on_site_lines) of the trust's busiest site (by reading lines, its rota length) plus every
    site's on-site lines; freed_fte = floor_fte - floor_shared_fte (module docstring).
    """
    if not 0 < fte_per_person <= 1:
        raise PreparednessError(
            f"parameter 'fte_per_person_physician': {fte_per_person!r} must be above 0 and at most 1"
        )
    rows = []
    for (trust, specialty), own in lines.groupby(["trust", "specialty"], sort=True):
        people = float((own["lines"] * own["rota_weeks"]).sum())
        reading = own["lines"] - own["on_site_lines"]
        busiest = own.loc[reading.idxmax()]
        shared = float(reading.max() * busiest["rota_weeks"] + (own["on_site_lines"] * own["rota_weeks"]).sum())
        rows.append(
            {
                "trust": trust,
                "specialty": specialty,
                "sites": int(own["site"].nunique()),
                "lines": float(own["lines"].sum()),
                "people": people,
                "floor_fte": people * fte_per_person,
                "shared_lines": float(reading.max() + own["on_site_lines"].sum()),
                "floor_shared_fte": shared * fte_per_person,
            }
        )
    out = pd.DataFrame(
        rows,
        columns=["trust", "specialty", "sites", "lines", "people", "floor_fte", "shared_lines", "floor_shared_fte"],
    )
    out["freed_fte"] = out["floor_fte"] - out["floor_shared_fte"]
    return out


def floor_of(floor: pd.DataFrame, trust: str, shared: bool) -> dict[str, float]:
    """Return the on-call floor of `trust` per specialty (FTEs), shared or per site."""
    own = floor[floor["trust"] == trust]
    column = "floor_shared_fte" if shared else "floor_fte"
    return dict(zip(own["specialty"], own[column].astype(float)))


def with_on_call_floor(plan: pd.DataFrame, floor: Mapping[str, float]) -> pd.DataFrame:
    """Return a physician plan whose need is the larger of the planning need and the on-call floor.

    Adds planning_need (the need before), on_call_floor and floor_binds; gap = need - supply again.
    A specialty without on-call lines has no floor (0).
    """
    out = plan.copy()
    out["planning_need"] = out["need"]
    out["on_call_floor"] = out["specialty"].map(lambda s: float(floor.get(s, 0.0)))
    out["need"] = np.maximum(out["planning_need"], out["on_call_floor"])
    out["floor_binds"] = out["on_call_floor"] > out["planning_need"]
    out["gap"] = out["need"] - out["supply"]
    return out


# --- The page's view -----------------------------------------------------------------------------

TABLES = ("equipment_units", "exams_by_modality", "exams_by_trust", "private_exams", "on_call_lines")


@dataclass(frozen=True)
class PreparednessView:
    """What the preparedness page and its exports show, for one scenario."""

    capacity: pd.DataFrame  # per owner and modality (capacity_table)
    by_modality: pd.DataFrame  # capacity_by(["modality"])
    by_area: pd.DataFrame  # capacity_by(["area", "modality"])
    summary: pd.DataFrame  # stress_results' summary
    weekly: pd.DataFrame  # stress_results' weekly tables
    overflow: pd.DataFrame  # stress_results' overflow destinations
    on_call: pd.DataFrame  # on_call_floor per trust and specialty
    shared_on_call: bool
    on_call_illustrative: bool
    error: str | None  # a refused scenario (stress results empty then)


def compute(snapshot) -> PreparednessView:
    """Return the page's view of `snapshot` (its tables and scenario); a refused stress test is in `error`."""
    tables, scenario = snapshot.tables, snapshot.scenario
    capacity = capacity_table(
        tables["equipment_units"],
        tables["exams_by_modality"],
        tables["exams_by_trust"],
        tables["private_exams"],
        scenario,
    )
    error = None
    try:
        summary, weekly, overflow = stress_results(capacity, scenario)
    except PreparednessError as err:
        error, summary, weekly, overflow = str(err), pd.DataFrame(), pd.DataFrame(), pd.DataFrame()
    lines = tables["on_call_lines"]
    return PreparednessView(
        capacity=capacity,
        by_modality=capacity_by(capacity, ["modality"]),
        by_area=capacity_by(capacity, ["area", "modality"]),
        summary=summary,
        weekly=weekly,
        overflow=overflow,
        on_call=on_call_floor(lines, float(scenario["fte_per_person_physician"])),
        shared_on_call=bool(int(scenario["prep_shared_on_call"])),
        on_call_illustrative=is_illustrative(lines),
        error=error,
    )
