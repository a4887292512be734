"""Physician supply, need and gap per specialty and year: pure planning functions.

Supply is a stock and flow with every flow the data shows: specialists
(consultants, specialists and acting consultants) leave at the exit rate;
residents (LiS 2-3) finish after the training time and become specialists;
specialists are recruited from outside the region's own training (FTEs a
year, calibrated on the history in `specialist_inflow.recruitment_history`);
resident posts grow as set. Need is the base year's physician FTEs times the
demand index of `demand.demand_index` (demography x use per person x AI).
Gap = need - supply (positive: too few physicians).

All rates are in percent, as the planner sets them. No Prophet here: the app
calls these on every slider move.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from . import demand
from .codes import SPECIALIST_CATEGORIES, SPECIALTIES

PLAN_COLUMNS = [
    "specialty",
    "year",
    "specialists",
    "residents",
    "exits",
    "completions",
    "recruited",
    "supply",
    "need",
    "gap",
]
# The input tables `physician_plan` reads.
PLAN_TABLES = ("physician_ftes", *demand.POPULATION_TABLES)


def base_year(ftes: pd.DataFrame) -> int:
    """Return the latest year in the physician FTE table: the plan starts from it."""
    return int(ftes["year"].max())


def specialist_and_resident_history(ftes: pd.DataFrame, specialty: str) -> pd.DataFrame:
    """Return yearly specialist and resident FTEs of one specialty (index: year)."""
    rows = ftes[ftes["specialty"] == specialty]
    is_resident = (rows["category"] == "resident").to_numpy()
    is_specialist = rows["category"].isin(SPECIALIST_CATEGORIES).to_numpy()
    fte = rows["fte"].fillna(0).to_numpy()
    return (
        pd.DataFrame(
            {
                "specialists": np.where(is_specialist, fte, 0.0),
                "residents": np.where(is_resident, fte, 0.0),
            },
            index=rows["year"].to_numpy(),
        )
        .groupby(level=0)
        .sum()
        .sort_index()
    )


def resident_posts(history: pd.Series, years: np.ndarray, growth_pct: float) -> pd.Series:
    """Return resident FTEs for `years`: history where known, the base year's grown after.

    Years before the history starts take the first known value, so the pipeline
    has an intake for any training time.
    """
    known = {int(y): float(v) for y, v in history.items()}
    base, first = max(known), known[min(known)]
    values = [
        known[y] if y in known else known[base] * (1 + growth_pct / 100) ** (y - base) if y > base else first
        for y in map(int, years)
    ]
    return pd.Series(values, index=years)


def supply_projection(
    history: pd.DataFrame,
    horizon: int,
    exit_rate_pct: float,
    training_years: int,
    resident_growth_pct: float,
    recruited_fte: float = 0.0,
) -> pd.DataFrame:
    """Return specialists, residents, exits, completions, recruited and supply from the base year to the horizon.

    A year's completions are the cohort that started `training_years` earlier:
    residents(year - training_years) / training_years, since a training post
    holds one of `training_years` cohorts at a time. `recruited_fte` a year join
    from outside the region's own training (negative: net departures beyond the exits).
    """
    base = int(history.index.max())
    years = np.arange(base, horizon + 1)
    residents = resident_posts(history["residents"], np.arange(base - training_years, horizon + 1), resident_growth_pct)
    intake = dict(zip(residents.index.astype(int), residents.to_numpy() / training_years))
    specialists = [float(history.loc[base, "specialists"])]
    exits, completions, recruited = [0.0], [0.0], [0.0]
    for year in years[1:]:
        leaving = specialists[-1] * exit_rate_pct / 100
        finishing = intake[int(year) - training_years]
        specialists.append(specialists[-1] - leaving + finishing + recruited_fte)
        exits.append(leaving)
        completions.append(finishing)
        recruited.append(float(recruited_fte))
    out = pd.DataFrame(
        {
            "year": years,
            "specialists": specialists,
            "residents": residents.loc[years].to_numpy(),
            "exits": exits,
            "completions": completions,
            "recruited": recruited,
        }
    )
    out["supply"] = out["specialists"] + out["residents"]
    return out


def _histories(ftes: pd.DataFrame) -> dict[str, pd.DataFrame]:
    present = set(ftes["specialty"])
    return {s: specialist_and_resident_history(ftes, s) for s in SPECIALTIES if s in present}


def _need(
    histories: Mapping[str, pd.DataFrame], tables: Mapping[str, pd.DataFrame], scenario: Mapping[str, object]
) -> pd.DataFrame:
    horizon = int(scenario["horizon"])
    if scenario.get("need_method") == "workload":  # issue 23: need from exams x minutes (workload.py)
        from . import workload

        base = max(int(h.index.max()) for h in histories.values())
        ftes = {s: float(h.loc[int(h.index.max())].sum()) for s, h in histories.items()}
        return workload.workload_need(tables, scenario, ftes, base, horizon)
    frames = []
    indices: dict[int, pd.DataFrame] = {}  # one index per base year (usually one for both)
    for specialty, history in histories.items():
        base = int(history.index.max())
        if base not in indices:
            indices[base] = demand.demand_index(tables, scenario, base, horizon)
        index = indices[base].copy()
        index.insert(0, "specialty", specialty)
        index["need"] = float(history.loc[base].sum()) * index["index"]
        frames.append(index)
    return pd.concat(frames, ignore_index=True)


def physician_need(tables: Mapping[str, pd.DataFrame], scenario: Mapping[str, object]) -> pd.DataFrame:
    """Return the need per specialty and year with the demand index and its parts.

    need = base-year physician FTEs (specialists and residents) x demand index;
    the index is the same for both specialties (the population and its use of
    imaging; the data give no split by specialty).
    """
    return _need(_histories(tables["physician_ftes"]), tables, scenario)


def physician_plan(tables: Mapping[str, pd.DataFrame], scenario: Mapping[str, object]) -> pd.DataFrame:
    """Return supply, need and gap per specialty and year, from the base year to the horizon.

    `tables` holds the input tables by name (`PLAN_TABLES`: Tabell 6 and the
    population tables); `scenario` the assumption values by key (see
    `assumptions.ASSUMPTIONS`) and `population_scenario` (default MMMM).
    """
    horizon = int(scenario["horizon"])
    histories = _histories(tables["physician_ftes"])
    need = _need(histories, tables, scenario)
    frames = []
    for specialty, history in histories.items():
        supply = supply_projection(
            history,
            horizon,
            scenario["exit_rate_pct"],
            int(scenario["training_years"]),
            scenario["resident_growth_pct"],
            scenario[f"recruitment_{specialty}_fte"],
        )
        plan = supply.merge(need.loc[need["specialty"] == specialty, ["year", "need"]], on="year")
        plan.insert(0, "specialty", specialty)
        plan["gap"] = plan["need"] - plan["supply"]
        frames.append(plan)
    return pd.concat(frames, ignore_index=True)[PLAN_COLUMNS]


def share_of_recruitment(scenario: Mapping[str, object], region: pd.DataFrame, part: pd.DataFrame) -> dict[str, object]:
    """Return the scenario with each specialty's recruitment scaled to `part`'s share of the region.

    Recruitment is an absolute figure for the region (FTEs a year); a trust's plan
    gets the share of it that the trust holds of the specialty's base-year FTEs, so
    a trust with a quarter of every FTE has a quarter of the region's gap.
    """
    out = dict(scenario)
    for specialty in SPECIALTIES:
        key = f"recruitment_{specialty}_fte"
        own, whole = part[part["specialty"] == specialty], region[region["specialty"] == specialty]
        if key not in out or own.empty or whole.empty:
            continue
        base = int(whole["year"].max())
        total = float(whole.loc[whole["year"] == base, "fte"].sum())
        share = float(own.loc[own["year"] == base, "fte"].sum()) / total if total > 0 else 0.0
        out[key] = float(out[key]) * share
    return out


def gap_at(plan: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Return the gap per specialty at the given years (rows: specialty, columns: year)."""
    rows = plan[plan["year"].isin(years)]
    return rows.pivot(index="specialty", columns="year", values="gap")
