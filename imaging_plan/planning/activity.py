"""Imaging activity: exams per modality, year and sector, the one projection every need reads.

exams(year, modality) = Tabell 1's 2024 exams x demography(year) x (1 + use growth)^(year - 2024)

- **demography**: the region's use-weighted population relative to the exam year
  (`demand.demography_index`: SSB's population by county and age, each county held to its
  own projected total);
- **use growth**: use per person beyond demography, one rate per modality
  (`growth_<modality>_pct`; conventional nuclear medicine follows SPECT/CT's); the lines
  without a rate of their own (intervention, other, radionuclide therapy) follow the
  plan's general use growth (`use_growth_pct`);
- **sector**: the private share per modality (`private_share_<modality>_pct`, default
  Tabell 3's 2024 share) is done by private providers under their agreements, the rest
  by the trusts. Tabell 3 has CT, MR, X-ray and ultrasound; every other line is public.

Public exams are split over the trusts by their share of Tabell 2's 2024 exams
(`by_trust`; an assumption: every trust has the region's modality mix).

Pure functions of DataFrames; no Streamlit.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from imaging_plan.planning import demand
from imaging_plan.data.codes import ACTIVITY_MODALITIES, PRIVATE_MODALITIES
from imaging_plan.data.codes import EXAM_MODALITIES, EXAM_MODALITY_OF_EQUIPMENT

COLUMNS = ["year", "modality", "sector", "exams"]
# The input tables the projection reads.
TABLES = ("exams_by_modality", "private_exams", *demand.POPULATION_TABLES)
# The exam line each growth key carries (the equipment type's line of Tabell 1).
GROWTH_KEY = {line: f"growth_{unit.lower()}_pct" for unit, line in EXAM_MODALITY_OF_EQUIPMENT.items()}
GENERAL_GROWTH = "use_growth_pct"
SPECIALTY_OF = {m: specialty for specialty, lines in EXAM_MODALITIES.items() for m in lines}


class ActivityError(ValueError):
    """The activity cannot be projected from these tables or values (the message says which and why)."""


def growth_key(modality: str) -> str:
    """Return the scenario key of a modality's use growth beyond demography."""
    return GROWTH_KEY.get(modality, GENERAL_GROWTH)


def private_key(modality: str) -> str | None:
    """Return the scenario key of a modality's private share, or None for a line private providers do not do."""
    return f"private_share_{modality.lower()}_pct" if modality in PRIVATE_MODALITIES else None


def _percent(scenario: Mapping[str, object], key: str, low: float, high: float) -> float:
    try:
        value = float(scenario[key])
    except KeyError:
        raise ActivityError(f"parameter '{key}': missing from the scenario") from None
    except (TypeError, ValueError):
        raise ActivityError(f"parameter '{key}': {scenario[key]!r} is not a number") from None
    if not low <= value <= high:
        raise ActivityError(f"parameter '{key}': {value:g} is outside {low:g} to {high:g} %")
    return value


def base_exams(exams: pd.DataFrame) -> tuple[int, pd.Series]:
    """Return Tabell 1's latest year and its exams per modality (in ACTIVITY_MODALITIES order)."""
    year = int(exams["year"].max())
    latest = exams[exams["year"] == year].groupby("modality")["exams"].sum()
    unknown = sorted(set(latest.index) - set(ACTIVITY_MODALITIES))
    if unknown:
        raise ActivityError(f"exams_by_modality.csv: modality {unknown[0]!r} is not one of {ACTIVITY_MODALITIES}")
    if (latest < 0).any():
        raise ActivityError(f"exams_by_modality.csv: negative exams for {latest[latest < 0].index[0]} in {year}")
    return year, latest.reindex([m for m in ACTIVITY_MODALITIES if m in latest.index])


def exams_projection(tables: Mapping[str, pd.DataFrame], scenario: Mapping[str, object]) -> pd.DataFrame:
    """Return exams per year (Tabell 1's year to the horizon), modality and sector (public, private).

    `tables`: `TABLES`; `scenario`: `horizon`, `population_scenario` (default MMMM), the growth
    keys of `growth_key` and the private shares of `private_key`. A share outside 0-100 % is
    refused naming its parameter.
    """
    year0, exams = base_exams(tables["exams_by_modality"])
    horizon = int(scenario["horizon"])
    if horizon < year0:
        raise ActivityError(f"parameter 'horizon': {horizon} is before the exams' year {year0}")
    years = np.arange(year0, horizon + 1)
    population = demand.check_population_scenario(scenario.get("population_scenario"))
    demography = demand.demography_index(tables, population, year0, horizon).to_numpy()
    modalities = list(exams.index)
    rate = np.array([_percent(scenario, growth_key(m), -100, 100) for m in modalities]) / 100
    share = np.array([_percent(scenario, private_key(m), 0, 100) / 100 if private_key(m) else 0.0 for m in modalities])
    total = exams.to_numpy(float)[:, None] * demography[None, :] * (1 + rate[:, None]) ** (years - year0)[None, :]
    parts = {"public": total * (1 - share[:, None]), "private": total * share[:, None]}
    n, k = len(modalities), len(years)
    return pd.DataFrame(
        {
            "year": np.tile(np.tile(years, n), 2),
            "modality": np.tile(np.repeat(modalities, k), 2),
            "sector": np.repeat(["public", "private"], n * k),
            "exams": np.concatenate([parts["public"].ravel(), parts["private"].ravel()]),
        }
    )[COLUMNS]


def totals(activity: pd.DataFrame, sector: str | None = None) -> pd.DataFrame:
    """Return exams per year and modality (rows: year, columns: modality), one sector or both."""
    rows = activity if sector is None else activity[activity["sector"] == sector]
    return rows.pivot_table(index="year", columns="modality", values="exams", aggfunc="sum")


def trust_shares(by_trust: pd.DataFrame) -> pd.Series:
    """Return each trust's share of Tabell 2's latest year's exams (inpatient and outpatient together)."""
    latest = by_trust[by_trust["year"] == by_trust["year"].max()]
    per = latest.groupby("trust")["exams"].sum()
    if per.sum() <= 0:
        raise ActivityError("exams_by_trust.csv: no exams in its latest year to share the public activity")
    return per / per.sum()


def by_trust(activity: pd.DataFrame, exams_by_trust: pd.DataFrame) -> pd.DataFrame:
    """Return public exams per year, modality and trust: the region's public exams x the trust's share.

    An assumption: each trust has the region's mix of modalities (Tabell 2 gives totals only).
    Out: year, modality, trust, exams.
    """
    public = activity[activity["sector"] == "public"]
    shares = trust_shares(exams_by_trust)
    n = len(public)
    return pd.DataFrame(
        {
            "year": np.repeat(public["year"].to_numpy(), len(shares)),
            "modality": np.repeat(public["modality"].to_numpy(), len(shares)),
            "trust": np.tile(shares.index.to_numpy(), n),
            "exams": (public["exams"].to_numpy()[:, None] * shares.to_numpy()[None, :]).ravel(),
        }
    )


def check_activity(activity: pd.DataFrame, where: str = "activity.csv") -> pd.DataFrame:
    """Return a stored activity table if it has the columns and sane values, or raise naming the row."""
    missing = [c for c in COLUMNS if c not in activity.columns]
    if missing:
        raise ActivityError(f"{where}: column {missing[0]!r} is missing (expected {', '.join(COLUMNS)})")
    bad = activity.index[~(pd.to_numeric(activity["exams"], errors="coerce") >= 0)]
    if len(bad):
        raise ActivityError(f"{where}: line {int(bad[0]) + 2}, column 'exams': must be a number of 0 or more")
    sectors = set(activity["sector"]) - {"public", "private"}
    if sectors:
        raise ActivityError(f"{where}: column 'sector': {sorted(sectors)[0]!r} is not 'public' or 'private'")
    return activity
