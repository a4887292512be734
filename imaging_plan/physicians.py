"""Physician supply, need and gap per specialty and year: pure planning functions.

Supply is a stock and flow: specialists (consultants, specialists and acting
consultants) leave at the exit rate; residents (LiS 2-3) finish after the
training time and become specialists; resident posts grow as set. Need is the
base year's physician FTEs grown at the demand growth, less the AI
productivity gain phased in linearly to the horizon. Gap = need - supply
(positive: too few physicians).

All rates are in percent, as the planner sets them. No Prophet here: the app
calls these on every slider move.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from .codes import SPECIALIST_CATEGORIES, SPECIALTIES

PLAN_COLUMNS = ["specialty", "year", "specialists", "residents", "exits", "completions",
                "supply", "need", "gap"]


def base_year(ftes: pd.DataFrame) -> int:
    """Return the latest year in the physician FTE table: the plan starts from it."""
    return int(ftes["year"].max())


def specialist_and_resident_history(ftes: pd.DataFrame, specialty: str) -> pd.DataFrame:
    """Return yearly specialist and resident FTEs of one specialty (index: year)."""
    rows = ftes[ftes["specialty"] == specialty]
    is_resident = (rows["category"] == "resident").to_numpy()
    is_specialist = rows["category"].isin(SPECIALIST_CATEGORIES).to_numpy()
    fte = rows["fte"].fillna(0).to_numpy()
    return pd.DataFrame({
        "specialists": np.where(is_specialist, fte, 0.0),
        "residents": np.where(is_resident, fte, 0.0),
    }, index=rows["year"].to_numpy()).groupby(level=0).sum().sort_index()


def resident_posts(history: pd.Series, years: np.ndarray, growth_pct: float) -> pd.Series:
    """Return resident FTEs for `years`: history where known, the base year's grown after.

    Years before the history starts take the first known value, so the pipeline
    has an intake for any training time.
    """
    known = {int(y): float(v) for y, v in history.items()}
    base, first = max(known), known[min(known)]
    values = [known[y] if y in known
              else known[base] * (1 + growth_pct / 100) ** (y - base) if y > base
              else first
              for y in map(int, years)]
    return pd.Series(values, index=years)


def supply_projection(history: pd.DataFrame, horizon: int, exit_rate_pct: float,
                      training_years: int, resident_growth_pct: float) -> pd.DataFrame:
    """Return specialists, residents, exits, completions and supply from the base year to the horizon.

    A year's completions are the cohort that started `training_years` earlier:
    residents(year - training_years) / training_years, since a training post
    holds one of `training_years` cohorts at a time.
    """
    base = int(history.index.max())
    years = np.arange(base, horizon + 1)
    residents = resident_posts(history["residents"], np.arange(base - training_years, horizon + 1),
                               resident_growth_pct)
    intake = dict(zip(residents.index.astype(int), residents.to_numpy() / training_years))
    specialists = [float(history.loc[base, "specialists"])]
    exits, completions = [0.0], [0.0]
    for year in years[1:]:
        leaving = specialists[-1] * exit_rate_pct / 100
        finishing = intake[int(year) - training_years]
        specialists.append(specialists[-1] - leaving + finishing)
        exits.append(leaving)
        completions.append(finishing)
    out = pd.DataFrame({
        "year": years,
        "specialists": specialists,
        "residents": residents.loc[years].to_numpy(),
        "exits": exits,
        "completions": completions,
    })
    out["supply"] = out["specialists"] + out["residents"]
    return out


def ai_gain_share(years: np.ndarray, base: int, horizon: int, ai_gain_pct: float) -> np.ndarray:
    """Return the AI productivity gain (0-1) per year, rising linearly to its full value at the horizon."""
    span = max(horizon - base, 1)
    return np.clip((np.asarray(years) - base) / span, 0, 1) * ai_gain_pct / 100


def need_projection(base_fte: float, base: int, horizon: int, demand_growth_pct: float,
                    ai_gain_pct: float) -> pd.DataFrame:
    """Return physician FTE need per year: base FTEs grown at the demand growth, less the AI gain."""
    years = np.arange(base, horizon + 1)
    demand = base_fte * (1 + demand_growth_pct / 100) ** (years - base)
    return pd.DataFrame({"year": years,
                         "need": demand * (1 - ai_gain_share(years, base, horizon, ai_gain_pct))})


def physician_plan(ftes: pd.DataFrame, scenario: Mapping[str, float]) -> pd.DataFrame:
    """Return supply, need and gap per specialty and year, from the base year to the horizon.

    `scenario` holds the assumption values by key (see `assumptions.ASSUMPTIONS`).
    """
    horizon = int(scenario["horizon"])
    frames = []
    present = set(ftes["specialty"])
    for specialty in [s for s in SPECIALTIES if s in present]:
        history = specialist_and_resident_history(ftes, specialty)
        base = int(history.index.max())
        supply = supply_projection(history, horizon, scenario["exit_rate_pct"],
                                   int(scenario["training_years"]), scenario["resident_growth_pct"])
        need = need_projection(float(history.loc[base].sum()), base, horizon,
                               scenario[f"demand_growth_{specialty}_pct"], scenario["ai_gain_pct"])
        plan = supply.merge(need, on="year")
        plan.insert(0, "specialty", specialty)
        plan["gap"] = plan["need"] - plan["supply"]
        frames.append(plan)
    return pd.concat(frames, ignore_index=True)[PLAN_COLUMNS]


def gap_at(plan: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Return the gap per specialty at the given years (rows: specialty, columns: year)."""
    rows = plan[plan["year"].isin(years)]
    return rows.pivot(index="specialty", columns="year", values="gap")
