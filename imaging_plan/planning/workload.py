"""People and machines from the activity: WHO's WISN way, exams x standard time / time available.

- **Physicians** (radiologists; nuclear medicine physicians for the nuclear medicine lines):
  FTEs = public exams x minutes per exam (`read_min_<modality>`) / 60
  / (hours per FTE (`hours_per_fte_physician`) x (1 - share of time not reporting
  (`nonreporting_pct`))). Private exams are read by the providers' own radiologists.
- **Radiographers**: FTEs = public exams x radiographer minutes (`staff_min_<modality>`) / 60
  / hours per FTE (`hours_per_fte_radiographer`), per trust by its share of Tabell 2.
- **Machines**: units = exams / (exams per machine-hour (`exams_per_hour_<type>`) x opening
  hours a week x operating weeks), per trust (public) and for the private providers together;
  the radiographer FTEs the opening hours need = units x hours a week x weeks x radiographers
  per running machine / hours per FTE.
- **Education places**: places a year = radiographer hires / (completion rate x the share of
  graduates the region recruits).

Every figure and its source is in the assumption registry (`imaging_plan/planning/assumptions/`, group
`workload` and `equipment`). The base year's FTEs these imply are shown beside the FTEs the
plan counts (`implied_vs_actual`), never scaled to them. Pure functions; no Streamlit.
"""

from __future__ import annotations

from collections import ChainMap
from typing import Mapping

import numpy as np
import pandas as pd

from imaging_plan.planning import activity as activity_module
from imaging_plan.planning import demand
from imaging_plan.data.codes import ACTIVITY_MODALITIES
from imaging_plan.data.codes import EQUIPMENT_MODALITIES, EXAM_MODALITY_OF_EQUIPMENT, PRIVATE_PROVIDERS

NEED_METHODS = ("workload", "index")
# The input tables the workload needs (the activity's, Tabell 2 for the trusts, Tabell 6 for the level).
TABLES = tuple(dict.fromkeys(("physician_ftes", *activity_module.TABLES, "exams_by_trust")))
NEED_COLUMNS = ["year", "demography", "use", "ai", "index", "specialty", "need"]
PRIVATE_OWNER = "PRIVATE"  # the private providers together (Tabell 3 is by area, not provider)


class WorkloadError(ValueError):
    """A workload figure is missing or out of its range (the message names the parameter and the rule)."""


def _figure(scenario: Mapping[str, object], key: str, low: float = 0.0, high: float | None = None) -> float:
    """Return a scenario value as a number, or raise naming the parameter and the rule."""
    try:
        value = float(scenario[key])
    except KeyError:
        raise WorkloadError(f"parameter '{key}': missing from the scenario") from None
    except (TypeError, ValueError):
        raise WorkloadError(f"parameter '{key}': {scenario[key]!r} is not a number") from None
    if value != value or value < low or (high is not None and value > high):
        rule = f"{low:g} or more" if high is None else f"from {low:g} to {high:g}"
        raise WorkloadError(f"parameter '{key}': {value:g} breaks the rule: must be {rule}")
    return value


def _minutes(scenario: Mapping[str, object], prefix: str, modalities) -> np.ndarray:
    return np.array([_figure(scenario, f"{prefix}_{m.lower()}") for m in modalities])


def _public(activity: pd.DataFrame) -> pd.DataFrame:
    return activity_module.check_activity(activity)[lambda f: f["sector"] == "public"]


def physician_need(activity: pd.DataFrame, scenario: Mapping[str, object]) -> pd.DataFrame:
    """Return physician hours and FTEs needed per specialty and year for the public exams.

    Out: specialty, year, hours (reporting hours a year), fte.
    """
    public = _public(activity)
    hours_per_fte = _figure(scenario, "hours_per_fte_physician", 1.0)
    available = hours_per_fte * (1 - _figure(scenario, "nonreporting_pct", 0, 99) / 100)
    minutes = dict(zip(ACTIVITY_MODALITIES, _minutes(scenario, "read_min", ACTIVITY_MODALITIES)))
    hours = public["exams"].to_numpy(float) * public["modality"].map(minutes).to_numpy(float) / 60
    frame = pd.DataFrame(
        {
            "specialty": public["modality"].map(activity_module.SPECIALTY_OF).to_numpy(),
            "year": public["year"].to_numpy(),
            "hours": hours,
        }
    )
    out = frame.groupby(["specialty", "year"], as_index=False, sort=False)["hours"].sum()
    out["fte"] = out["hours"] / available
    return out


def radiographer_need(
    activity: pd.DataFrame, scenario: Mapping[str, object], exams_by_trust: pd.DataFrame
) -> pd.DataFrame:
    """Return radiographer hours and FTEs needed per trust and year for the public exams.

    Out: trust, year, hours, fte. The trusts are Tabell 2's (public exams split by their share).
    """
    per_trust = activity_module.by_trust(_public(activity), exams_by_trust)
    hours_per_fte = _figure(scenario, "hours_per_fte_radiographer", 1.0)
    minutes = dict(zip(ACTIVITY_MODALITIES, _minutes(scenario, "staff_min", ACTIVITY_MODALITIES)))
    per_trust["hours"] = per_trust["exams"] * per_trust["modality"].map(minutes) / 60
    out = per_trust.groupby(["trust", "year"], as_index=False)["hours"].sum()
    out["fte"] = out["hours"] / hours_per_fte
    return out


def capacity_per_unit(scenario: Mapping[str, object], hours_key: str = "opening_hours_week") -> dict[str, float]:
    """Return exams a unit carries in a year per equipment type: per hour x hours a week x weeks.

    `hours_key` names the scenario's hours a week (the opening hours; the preparedness page passes
    its scaled-up hours, `prep_hours_max`).
    """
    hours = _figure(scenario, hours_key, 1.0, 168.0) * _figure(scenario, "weeks_per_year", 1.0, 52.0)
    return {m: _figure(scenario, f"exams_per_hour_{m.lower()}", 0.0) * hours for m in EQUIPMENT_MODALITIES}


def machines_needed(
    activity: pd.DataFrame, units: pd.DataFrame, exams_by_trust: pd.DataFrame, scenario: Mapping[str, object]
) -> pd.DataFrame:
    """Return units needed per year, equipment type and owner against the units on hand (Tabell 5).

    Public exams per trust (share of Tabell 2) on the trust's units; private exams on the
    private providers' units together (owner `PRIVATE`). Out: year, modality, owner, sector,
    exams, capacity (exams per unit a year), units_needed, units_on_hand, gap_units,
    staff_fte (radiographer FTEs to run the needed units, rounded up to whole machines per
    owner, for the opening hours; none for a type whose exams take no radiographer minutes).
    """
    capacity = capacity_per_unit(scenario)
    if any(v <= 0 for v in capacity.values()):
        zero = next(m for m, v in capacity.items() if v <= 0)
        raise WorkloadError(f"parameter 'exams_per_hour_{zero.lower()}': must be above 0 to carry any exams")
    line_of = {line: unit for unit, line in EXAM_MODALITY_OF_EQUIPMENT.items()}
    carried = activity_module.check_activity(activity)[lambda f: f["modality"].isin(line_of)]
    public = activity_module.by_trust(carried, exams_by_trust).rename(columns={"trust": "owner"})
    public["sector"] = "public"
    private = carried[carried["sector"] == "private"].assign(owner=PRIVATE_OWNER)
    frame = pd.concat([public, private[["year", "modality", "owner", "sector", "exams"]]], ignore_index=True)
    frame["modality"] = frame["modality"].map(line_of)
    latest = units[units["year"] == units["year"].max()]
    owner = np.where(latest["owner"].isin(list(PRIVATE_PROVIDERS)), PRIVATE_OWNER, latest["owner"])
    on_hand = latest.assign(owner=owner).groupby(["owner", "modality"])["units"].sum()
    frame["capacity"] = frame["modality"].map(capacity)
    frame["units_needed"] = frame["exams"] / frame["capacity"]
    index = pd.MultiIndex.from_arrays([frame["owner"], frame["modality"]])
    frame["units_on_hand"] = on_hand.reindex(index).fillna(0).to_numpy()
    frame["gap_units"] = frame["units_needed"] - frame["units_on_hand"]
    hours = _figure(scenario, "opening_hours_week", 1.0, 168.0) * _figure(scenario, "weeks_per_year", 1.0, 52.0)
    per_fte = _figure(scenario, "hours_per_fte_radiographer", 1.0)
    staff = _figure(scenario, "radiographers_per_machine", 0.0)
    # Radiographers run a machine whose exams take radiographer minutes (not ultrasound by default).
    line = {unit: line for line, unit in line_of.items()}
    staffed = frame["modality"].map(lambda m: _figure(scenario, f"staff_min_{line[m].lower()}") > 0)
    whole = np.ceil(frame["units_needed"].to_numpy() - 1e-9)  # an owner runs whole machines
    frame["staff_fte"] = np.where(staffed, whole * hours * staff / per_fte, 0.0)
    return frame[
        [
            "year",
            "modality",
            "owner",
            "sector",
            "exams",
            "capacity",
            "units_needed",
            "units_on_hand",
            "gap_units",
            "staff_fte",
        ]
    ]


def radiographer_path(
    tables: Mapping[str, pd.DataFrame], scenario: Mapping[str, object], ftes: pd.DataFrame
) -> pd.DataFrame:
    """Return planned radiographer FTEs per trust and year that follow the workload's growth.

    fte(year) = the trust's base-year FTEs (Tabell 7) x workload(year) / workload(base year):
    the workload sets the growth, today's FTEs the level, as the published minutes per exam
    cover only part of what radiographers do (`implied_vs_actual` shows how much). Only trusts
    in both Tabell 7 and Tabell 2. Out: role, trust, year, fte, method ('workload').
    """
    own = ftes[(ftes["role"] == "radiographer") & ftes["fte"].notna()]
    base = int(own["year"].max())
    horizon = int(scenario["horizon"])
    # the scenario read through (not copied), so a caller sees which keys the projection reads
    projected = activity_module.exams_projection(tables, ChainMap({"horizon": max(horizon, base)}, scenario))
    need = radiographer_need(projected, scenario, tables["exams_by_trust"]).pivot(
        index="year", columns="trust", values="fte"
    )
    start = own[own["year"] == base].set_index("trust")["fte"]
    trusts = [t for t in start.index if t in need.columns]
    years = np.arange(base, horizon + 1)
    growth = need.loc[years, trusts] / need.loc[base, trusts]
    path = growth * start[trusts]
    return pd.DataFrame(
        {
            "role": "radiographer",
            "trust": np.repeat(trusts, len(years)),
            "year": np.tile(years, len(trusts)),
            "fte": path.to_numpy().T.ravel(),
            "method": "workload",
        }
    )


def ftes_in(ftes: pd.DataFrame, year: int, group: str = "specialty", role: str | None = None) -> pd.Series:
    """Return the FTEs counted in `year` per `group` (Tabell 6 per specialty; Tabell 7 per trust for a `role`)."""
    rows = ftes[(ftes["year"] == year) & (ftes["role"] == role)] if role else ftes[ftes["year"] == year]
    return rows.groupby(group)["fte"].sum()


def hires_per_year(plan: pd.DataFrame, role: str = "radiographer") -> pd.DataFrame:
    """Return a role's hires a year in people over the region's trusts (`staffing.staff_plan`): year, hires."""
    rows = plan[plan["role"] == role]
    return rows.groupby("year", as_index=False)["hires_people"].sum().rename(columns={"hires_people": "hires"})


def education_places(hires: pd.DataFrame, scenario: Mapping[str, object]) -> pd.DataFrame:
    """Return study places a year that give the hires: hires / (completion x share the region recruits).

    `hires`: year, hires (radiographer FTEs or people a year). Out: year, hires, places.
    """
    completion = _figure(scenario, "radiographer_completion_pct", 1, 100) / 100
    share = _figure(scenario, "radiographer_region_share_pct", 1, 100) / 100
    out = hires[["year", "hires"]].copy()
    out["places"] = out["hires"] / (completion * share)
    return out


def implied_vs_actual(
    need: pd.DataFrame, actual: pd.Series, year: int, unmet: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Return, per group, the FTEs the workload implies in `year` beside the FTEs counted then.

    `need`: a group column first (specialty or trust), then year and fte; `actual`: FTEs per
    group in `year` (Tabell 6 or 7); `unmet`: the base year's unmet need per group where known
    (vacancies, locums, bought-in reading), added to the actual. Out: group, implied, actual,
    unmet, ratio (implied / (actual + unmet)).
    """
    group = need.columns[0]
    implied = need[need["year"] == year].groupby(group)["fte"].sum()
    out = pd.DataFrame({"implied": implied, "actual": actual.reindex(implied.index)})
    out["unmet"] = [float((unmet or {}).get(g, 0.0)) for g in out.index]
    out["ratio"] = out["implied"] / (out["actual"] + out["unmet"])
    return out.rename_axis("group").reset_index()


def workload_need(
    tables: Mapping[str, pd.DataFrame],
    scenario: Mapping[str, object],
    base_ftes: Mapping[str, float],
    base: int,
    horizon: int,
) -> pd.DataFrame:
    """Return the physicians' need per specialty from the workload, in the columns of the index method.

    need(year) = workload FTEs(year) x the AI factor; its parts relative to the base year:
    demography (the population), use (everything else the activity's growth and mix add),
    ai, and index = need / the base year's FTEs (`base_ftes`), so need = FTEs x index holds
    for both methods. The level is the workload's own, not the base year's FTEs.
    """
    projected = activity_module.exams_projection(tables, {**scenario, "horizon": horizon})
    per = physician_need(projected, scenario).set_index(["specialty", "year"])["fte"]
    years = np.arange(base, horizon + 1)
    parts = demand.demand_index(tables, {**scenario, "use_growth_pct": 0.0}, base, horizon)
    frames = []
    for specialty, fte in base_ftes.items():
        if specialty not in per.index.get_level_values(0):
            continue
        own = per.loc[specialty].reindex(years).to_numpy()
        need = own * parts["ai"].to_numpy()
        frame = parts[["year", "demography"]].copy()
        frame["use"] = own / own[0] / frame["demography"].to_numpy()
        frame["ai"] = parts["ai"].to_numpy()
        frame["index"] = need / float(fte)
        frame["specialty"] = specialty
        frame["need"] = need
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)[NEED_COLUMNS]


def check_need_method(name: str | None) -> str:
    """Return a valid need method (None: the default), or raise naming the choices."""
    if name is None or name == "":
        return DEFAULT_NEED_METHOD
    if name not in NEED_METHODS:
        raise WorkloadError(f"parameter 'need_method': {name!r} is not one of {', '.join(NEED_METHODS)}")
    return str(name)


def need_backcast(
    tables: Mapping[str, pd.DataFrame], scenario: Mapping[str, object], origin: int = 2015, target: int = 2025
) -> pd.DataFrame:
    """Return each need method's physicians (both specialties) in `target` from `origin`, beside the actual.

    index: the origin's FTEs x the demand index from origin to target (the scenario's use
    growth and AI). workload: the workload FTEs of the target year (the exams exist only for
    2024, so its level rests on them; nothing is fitted to the FTEs). Out: method, modelled,
    actual, error, error_pct; the smaller absolute error is the default method.
    """
    ftes = tables["physician_ftes"]
    total = ftes.groupby("year")["fte"].sum()
    index = demand.demand_index(tables, scenario, origin, target).set_index("year")["index"]
    year0 = int(tables["exams_by_modality"]["year"].max())
    projected = activity_module.exams_projection(tables, {**scenario, "horizon": max(target, year0)})
    workload = physician_need(projected, scenario)
    modelled = {
        "index": float(total.loc[origin] * index.loc[target]),
        "workload": float(workload.loc[workload["year"] == target, "fte"].sum()),
    }
    actual = float(total.loc[target])
    out = pd.DataFrame({"method": list(modelled), "modelled": list(modelled.values())})
    out["actual"] = actual
    out["error"] = out["modelled"] - actual
    out["error_pct"] = 100 * out["error"] / actual
    return out


# The method whose backcast from 2015 came closer to 2025 on the shipped data (tests/test_workload.py
# recomputes it; stated, not tuned): see README.md, "Need from the workload".
DEFAULT_NEED_METHOD = "index"
