"""Demand for physician work: an index of named parts, from the population and its use of imaging.

need(year) = today's FTEs x demand index(year), and the index is the product of

- **demography**: the region's population by age, weighted by use per person
  by age, relative to the base year. Observed (SSB table 07459, the region's
  eight counties) up to its latest year, then carried forward county by
  county with the growth of each age band in SSB's national projection
  (table 14746), each county scaled to follow its own projected total
  (SSB table 14288, 2024 round; `population_projection_counties.csv`), so
  the age mix within a county follows the national bands and its size its own;
- **use per person beyond demography**: (1 + rate)^(year - base);
- **productivity from AI**: 1 - gain x the share of it reached, rising
  linearly from the base year to the full gain in a set calendar year, so a
  given year gets the same gain whatever the horizon.

Use per person by age: the one Norwegian study at hand (Hofmann et al. 2024)
gives only all ages (0.8 exams a person in 2021) and over-80s (2.2). The
weights are two groups: 80 and over at the over-80 rate, everyone younger at
the rate that makes the region's all-ages average 0.8 in that year:
(0.8 - 2.2 x share 80+) / (1 - share 80+). An assumption: the study gives
no finer ages, reads "> 80" as 80 and over, and its rates are national.

Pure functions of DataFrames; no Streamlit.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from imaging_plan.data.codes import AGE_BANDS, POPULATION_SCENARIOS

DEFAULT_SCENARIO = "MMMM"
OLD_BANDS = ("80-89", "90+")  # the study's "> 80" group
POPULATION_TABLES = (
    "population_observed",
    "population_projection_national",
    "imaging_rates_by_age",
    "population_projection_counties",
)
# Without the county totals (a caller's own small tables) the national band growth carries the region whole.
COUNTY_TOTALS = "population_projection_counties"
WEIGHTED = "weighted_population"  # prepared: year (index) x projection (columns), see with_weighted_population
INDEX_COLUMNS = ["year", "demography", "use", "ai", "index"]

# The plan's activity growth, the best figure it gives for more use per person: "Det har vært en
# økning i poliklinisk pasientbehandling i sykehus i HSØ på ca. 24 % mellom 2015 og 2024."
PLAN_ACTIVITY_GROWTH = 0.24
PLAN_ACTIVITY_YEARS = (2015, 2024)


class DemandError(ValueError):
    """The population tables cannot give a demand index (the message says which and why)."""


def check_population_scenario(name: str | None) -> str:
    """Return a valid projection alternative (None: the main one), or raise naming the choices."""
    if name is None or name == "":
        return DEFAULT_SCENARIO
    if name not in POPULATION_SCENARIOS:
        raise DemandError(f"parameter 'population_scenario': {name!r} is not one of {', '.join(POPULATION_SCENARIOS)}")
    return str(name)


BAND_LABELS = [label for label, _, _ in AGE_BANDS]
# The band number of each single age 0-105.
_BAND_OF_AGE = np.concatenate([np.full(last - first + 1, i) for i, (_, first, last) in enumerate(AGE_BANDS)])


def observed_by_band(observed: pd.DataFrame) -> pd.DataFrame:
    """Return the region's observed persons per year (index) and age band (columns), all counties summed."""
    years, row = np.unique(observed["year"].to_numpy(), return_inverse=True)
    cell = row * len(BAND_LABELS) + _BAND_OF_AGE[observed["age"].to_numpy()]
    sums = np.bincount(cell, weights=observed["persons"].to_numpy(float), minlength=len(years) * len(BAND_LABELS))
    return pd.DataFrame(sums.reshape(len(years), len(BAND_LABELS)), index=years, columns=BAND_LABELS)


def population_by_band(seen: pd.DataFrame, projection: pd.DataFrame, scenario: str, until: int) -> pd.DataFrame:
    """Return the region's persons per year and band: observed, then carried by the projection's band growth.

    persons(y, band) = observed(anchor, band) x projected(y, band) / projected(anchor, band),
    anchor = the latest observed year that is also a projection year; `seen` is
    `observed_by_band` of the observed table.
    """
    return _carried(seen, _projected_bands(projection, scenario, seen.columns), until)


def _projected_bands(projection: pd.DataFrame, scenario: str, columns) -> pd.DataFrame:
    """Return the projection of `scenario` per year (index) and band (`columns`)."""
    own = projection[projection["scenario"] == check_population_scenario(scenario)]
    if own.empty:
        raise DemandError(f"population projection: no rows for scenario {scenario!r}")
    return own.pivot(index="year", columns="age_band", values="persons")[columns].astype(float)


def _carried(seen: pd.DataFrame, projected: pd.DataFrame, until: int) -> pd.DataFrame:
    """Return `seen` to its anchor year, then carried to `until` by `projected`'s band growth."""
    common = sorted(set(seen.index) & set(projected.index))
    if not common:
        raise DemandError(
            "population_observed.csv and population_projection_national.csv share no year: the "
            "projection is carried from the latest observed year, which must be one of its years"
        )
    anchor = common[-1]
    later = [y for y in projected.index if anchor < y <= until]
    if until > anchor and (not later or later[-1] < until):
        raise DemandError(f"population projection ends in {int(projected.index.max())}; the plan needs {until}")
    carried = projected.loc[later] / projected.loc[anchor] * seen.loc[anchor]
    return pd.concat([seen.loc[seen.index <= anchor], carried]).sort_index()


def observed_by_county_band(observed: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Return each county's observed persons per year (index) and age band (columns)."""
    return {str(code): observed_by_band(rows) for code, rows in observed.groupby("county_code", sort=True)}


def county_control(
    seen: Mapping[str, pd.DataFrame], projection: pd.DataFrame, totals: pd.DataFrame, scenario: str, until: int
) -> pd.DataFrame:
    """Return the region's persons per year and band, each county held to its own projected total.

    For county c: carried(y, band) = observed_c(anchor, band) x national(y, band) / national(anchor, band)
    (as `population_by_band`), then scaled by
    observed_c(anchor) x total_c(y) / total_c(anchor) / sum over bands of carried(y, band),
    so its total grows as SSB's projection of that county (table 14288) and its age mix as the
    nation's bands. `totals`: county_code, scenario, year, persons. The counties are summed.
    """
    scenario = check_population_scenario(scenario)
    own = totals[totals["scenario"] == scenario]
    by_county = {str(code): rows for code, rows in own.groupby(own["county_code"].astype(str), sort=False)}
    projected: pd.DataFrame | None = None  # the same national bands for every county: pivoted once
    frames = []
    for code, county in seen.items():
        if projected is None or not projected.columns.equals(county.columns):
            projected = _projected_bands(projection, scenario, county.columns)
        carried = _carried(county, projected, until)
        rows = by_county.get(code)
        if rows is None or rows.empty:
            raise DemandError(f"population_projection_counties.csv: no rows for county {code} in scenario {scenario}")
        total = rows.set_index("year")["persons"].astype(float)
        anchor = int(max(set(county.index) & set(projected.index)))
        later = carried.index[carried.index > anchor]
        if len(later) and anchor not in total.index:
            raise DemandError(
                f"population_projection_counties.csv: county {code}, scenario {scenario} has no total for {anchor}"
            )
        missing = [int(y) for y in later if y not in total.index]
        if missing:
            raise DemandError(
                f"population_projection_counties.csv: county {code}, scenario {scenario} has no total for {missing[0]}"
            )
        factor = county.loc[anchor].sum() * total.loc[later] / total.loc[anchor] / carried.loc[later].sum(axis=1)
        carried.loc[later] = carried.loc[later].mul(factor, axis=0)
        frames.append(carried)
    return sum(frames[1:], frames[0]).sort_index()


def use_weights(rates: pd.DataFrame, seen: pd.DataFrame) -> pd.Series:
    """Return exams per person by age band: the over-80 rate for 80+, the rest solved from the all-ages rate.

    Uses the latest year the rates table gives both figures for, and the
    region's age mix in that year (`seen`: `observed_by_band`; see the module's docstring).
    """
    both = rates.pivot(index="year", columns="age_group", values="exams_per_person").dropna()
    if both.empty or not {"all ages", ">80"} <= set(both.columns):
        raise DemandError("imaging_rates_by_age.csv: needs an 'all ages' and a '>80' rate for the same year")
    year = int(both.index.max())
    if year not in seen.index:
        raise DemandError(
            f"imaging_rates_by_age.csv: its year {year} is not in population_observed.csv "
            f"({int(seen.index.min())}-{int(seen.index.max())}); the weights need that year's age mix"
        )
    people = seen.loc[year]
    old_share = people[list(OLD_BANDS)].sum() / people.sum()
    overall, old = float(both.loc[year, "all ages"]), float(both.loc[year, ">80"])
    younger = (overall - old * old_share) / (1 - old_share)
    if younger <= 0:
        raise DemandError(
            "imaging_rates_by_age.csv: the over-80 rate is too high for the all-ages rate "
            "(the younger rate solved from them is not positive)"
        )
    return pd.Series({b: old if b in OLD_BANDS else younger for b in seen.columns})


def weighted_populations(tables: Mapping[str, pd.DataFrame], scenarios, until: int) -> dict[str, pd.Series]:
    """Return the use-weighted population per year (exams a year at the study's rates) of each projection.

    Read from the prepared table (`with_weighted_population`) when `tables` has it, for every
    year of the projection: a year's figure does not depend on the last year asked for. Otherwise
    computed (about 40 ms a projection on the shipped tables), the parts the projections share
    (the observed age mix, the use weights) once for all of them.
    """
    prepared = tables.get(WEIGHTED)
    if prepared is not None and all(check_population_scenario(s) in prepared.columns for s in scenarios):
        last = int(prepared.index.max())
        if until > last:
            raise DemandError(f"population projection ends in {last}; the plan needs {until}")
        return {s: prepared[s] for s in dict.fromkeys(scenarios)}
    return _weighted_populations(tables, scenarios, until)


def with_weighted_population(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Return `tables` and the use-weighted population of each of SSB's projections to the projection's last year.

    It depends on the population tables only, never on a slider: the app prepares it once per
    data version, so a horizon or projection move reads it instead of carrying every county again.
    """
    if not all(name in tables for name in POPULATION_TABLES[:3]):
        return dict(tables)
    projection = tables["population_projection_national"]
    last = int(projection["year"].max())
    weighted = {}
    for code in (s for s in POPULATION_SCENARIOS if s in set(projection["scenario"])):
        try:
            weighted.update(_weighted_populations(tables, (code,), last))
        except DemandError:  # left to the plan that asks for it, which names the problem
            continue
    return {**tables, WEIGHTED: pd.DataFrame(weighted)} if weighted else dict(tables)


def _weighted_populations(tables: Mapping[str, pd.DataFrame], scenarios, until: int) -> dict[str, pd.Series]:
    seen = observed_by_band(tables["population_observed"])
    weights = None
    counties = observed_by_county_band(tables["population_observed"]) if COUNTY_TOTALS in tables else None
    weighted = {}
    for scenario in dict.fromkeys(scenarios):
        if counties is not None:
            people = county_control(
                counties, tables["population_projection_national"], tables[COUNTY_TOTALS], scenario, until
            )
        else:
            people = population_by_band(seen, tables["population_projection_national"], scenario, until)
        if weights is None:  # after the first population, as its errors are the ones to name first
            weights = use_weights(tables["imaging_rates_by_age"], seen)
        weighted[scenario] = people.mul(weights).sum(axis=1)
    return weighted


def weighted_population(tables: Mapping[str, pd.DataFrame], scenario: str, until: int) -> pd.Series:
    """Return the use-weighted population per year (exams a year at the study's rates) of one projection."""
    return weighted_populations(tables, (scenario,), until)[scenario]


def demography_index(tables: Mapping[str, pd.DataFrame], scenario: str, base: int, horizon: int) -> pd.Series:
    """Return the demography part of the index for base..horizon (1 in the base year)."""
    return demography_indexes(tables, (scenario,), base, horizon)[scenario]


def demography_indexes(tables: Mapping[str, pd.DataFrame], scenarios, base: int, horizon: int) -> dict[str, pd.Series]:
    """Return `demography_index` of each projection in `scenarios` (their shared parts computed once)."""
    indexes = {}
    years = np.arange(base, horizon + 1)
    for scenario, weighted in weighted_populations(tables, scenarios, horizon).items():
        missing = [int(y) for y in years if y not in weighted.index]
        if missing:
            raise DemandError(
                f"population tables: no population for {missing[0]} (needed from the base year {base} to {horizon})"
            )
        indexes[scenario] = pd.Series(weighted.loc[years].to_numpy() / weighted.loc[base], index=years)
    return indexes


def demography_growth(tables: Mapping[str, pd.DataFrame], first: int, last: int) -> float:
    """Return the factor by which demography alone changed use from `first` to `last` (observed years)."""
    weighted = weighted_population(tables, DEFAULT_SCENARIO, last)
    return float(weighted.loc[last] / weighted.loc[first])


def use_growth_default_pct(tables: Mapping[str, pd.DataFrame]) -> float:
    """Return the use per person beyond demography (%/year): the plan's activity growth less demography.

    (1 + 24 %) / demography(2024) / demography(2015), per year over the nine years.
    """
    first, last = PLAN_ACTIVITY_YEARS
    ratio = (1 + PLAN_ACTIVITY_GROWTH) / demography_growth(tables, first, last)
    return 100 * (ratio ** (1 / (last - first)) - 1)


def ai_share(years: np.ndarray, base: int, ai_gain_pct: float, ai_full_year: int) -> np.ndarray:
    """Return the AI productivity gain (0-1) per year: linear from the base year to its full value in `ai_full_year`."""
    span = max(int(ai_full_year) - base, 1)
    return np.clip((np.asarray(years) - base) / span, 0, 1) * ai_gain_pct / 100


def demand_index(
    tables: Mapping[str, pd.DataFrame], scenario: Mapping[str, object], base: int, horizon: int
) -> pd.DataFrame:
    """Return the demand index and its parts per year, base year to horizon (all 1 in the base year)."""
    years = np.arange(base, horizon + 1)
    demography = demography_index(
        tables, check_population_scenario(scenario.get("population_scenario")), base, horizon
    ).to_numpy()
    use = (1 + float(scenario["use_growth_pct"]) / 100) ** (years - base)
    ai = 1 - ai_share(years, base, float(scenario["ai_gain_pct"]), int(scenario["ai_full_year"]))
    return pd.DataFrame({"year": years, "demography": demography, "use": use, "ai": ai, "index": demography * use * ai})
