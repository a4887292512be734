"""Imaging staff per trust: planned FTEs, leavers and hires needed; turnover history and its flags.

Stock and flow per trust, role (radiographer, bioengineer, secretary) and year,
from the base year (the latest year of Tabell 7) to the horizon:

    leavers      = turnover rate x average FTEs of the year (start and end)
    hires needed = leavers + planned change in FTEs

The planned FTEs follow the trust's own trend (anchored at its base-year
figure) or grow at the planner's target growth. The turnover rate is the
role's regional rate, plus the trust's difference, plus the rising-turnover
points per year since the base year, kept within 0-100 %. When FTEs are
planned to fall faster than people leave, hires needed is 0 and the rest is
`excess` (FTEs to shed beyond leavers): hires_needed - excess = leavers + change.

Turnover history comes from the region's HR export (data/staff_turnover.csv,
optional): rate = leavers / staff per trust, role and year, flagged when the
latest year is significantly above the trust's own history or the recent
trend rises faster than the planner's threshold (`turnover_flags`).

Missing cells of Tabell 7 are never filled: a series without a base-year
figure is not planned, and a regional total covers only the series with a
figure in every year (`series_status` says which). Pure functions: the
notebook calls them with the default assumptions, the app on every slider move.
"""

from __future__ import annotations

import math
from typing import Mapping

import numpy as np
import pandas as pd

from imaging_plan.data.codes import REGION, STAFF_ROLES

PLAN_COLUMNS = [
    "role",
    "trust",
    "year",
    "fte",
    "change",
    "turnover_pct",
    "leavers",
    "hires_needed",
    "excess",
    "cumulative_hires",
    "hires_share_pct",
    "method",
    "leavers_people",
    "hires_people",
]
HISTORY_COLUMNS = [
    "role",
    "trust",
    "year",
    "leavers",
    "hires",
    "staff",
    "staff_basis",
    "turnover_pct",
    "hires_pct",
    "source",
]
FLAG_COLUMNS = [
    "role",
    "trust",
    "first_year",
    "latest_year",
    "latest_pct",
    "history_pct",
    "leavers",
    "expected_leavers",
    "p_value",
    "p_adjusted",
    "slope_pp",
    "slope_z",
    "trend_p_value",
    "trend_p_adjusted",
    "significant",
    "rising",
    "flag",
    "note",
]
HR_COLUMNS = ["year", "trust", "role", "leavers", "hires", "avg_ftes", "headcount", "source"]

# The rising-turnover flag (see turnover_flags).
FLAG_ALPHA = 0.05  # one-sided significance level of both tests, after the correction below
# Benjamini-Hochberg over every test of one flags table (both tests, all trusts and roles): of the
# flags raised, at most 5 % are expected to be chance, where 46 uncorrected tests at 5 % would
# flag about two flat series a year.
FLAG_CORRECTION = "fdr_bh"
FLAG_WINDOW_YEARS = 5  # the trend is the slope over the latest five years
FLAG_MIN_YEARS = 3  # years needed: earlier years for the test, points for the slope
FLAG_MIN_LEAVERS = 5  # leavers in the window below which the trend's z-score is not trusted


def base_year(ftes: pd.DataFrame) -> int:
    """Return the latest year of the staff FTE table: the plan starts from it."""
    return int(ftes["year"].max())


def _role_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Return `frame` sorted by role (radiographer first, as the plan lists them), trust and year."""
    order = {r: i for i, r in enumerate(STAFF_ROLES)}
    return frame.sort_values(
        [c for c in ("role", "trust", "year") if c in frame], key=lambda s: s.map(order) if s.name == "role" else s
    )


# --- Tabell 7: which series are usable ------------------------------------------------------


def series_status(ftes: pd.DataFrame) -> pd.DataFrame:
    """Return per role and trust: first and last observed year, points, and a status.

    Status: 'complete' (a figure in every year of the table), 'ends_early' (no
    figure in the base year: not planned, left out of regional totals),
    'gaps' (a figure in the base year but not in every year: planned, left
    out of regional totals), 'no_data' (no figure at all, or no row: e.g.
    Telemark's bioengineers, which Tabell 7 does not have).
    """
    first, last = int(ftes["year"].min()), base_year(ftes)
    n_years = last - first + 1
    observed = ftes.dropna(subset=["fte"])
    stats = observed.groupby(["role", "trust"])["year"].agg(["min", "max", "count"])
    rows = []
    for role in [r for r in STAFF_ROLES if r in set(ftes["role"])]:
        for trust in sorted(set(ftes["trust"])):
            if (role, trust) not in stats.index:
                rows.append((role, trust, None, None, 0, "no_data"))
                continue
            lo, hi, count = stats.loc[(role, trust)]
            status = "ends_early" if hi < last else "complete" if count == n_years else "gaps"
            rows.append((role, trust, int(lo), int(hi), int(count), status))
    out = pd.DataFrame(rows, columns=["role", "trust", "first_year", "last_year", "points", "status"])
    return out.astype({"first_year": "Int64", "last_year": "Int64"})


def regional_history(ftes: pd.DataFrame) -> pd.DataFrame:
    """Return each role's regional FTEs per year: the sum over its complete series only.

    Summing a series that stops early would show a drop that is only a blank
    cell, so such series (and missing ones) are left out, not counted as zero.
    Out: role, trust (= REGION), year, fte.
    """
    status = series_status(ftes)
    complete = status.loc[status["status"] == "complete", ["role", "trust"]]
    rows = ftes.merge(complete, on=["role", "trust"])
    total = rows.groupby(["role", "year"], as_index=False)["fte"].sum()
    total.insert(1, "trust", REGION)
    return _role_order(total).reset_index(drop=True)


def trend_input(ftes: pd.DataFrame) -> pd.DataFrame:
    """Return the series to fit: every trust's observed FTEs and the regional totals (role, trust, year, fte)."""
    trusts = ftes.dropna(subset=["fte"])[["role", "trust", "year", "fte"]]
    return pd.concat([trusts, regional_history(ftes)], ignore_index=True)


# --- Planned FTEs, leavers and hires ----------------------------------------------------------


def _extend_linearly(trend: pd.DataFrame, horizon: int) -> pd.DataFrame:
    """Return `trend` reaching the horizon: a series stored to an earlier year goes on with its last step.

    Prophet's trend on yearly data is linear after its last changepoint, so
    this is what a longer run would have stored (the interval keeps its last width).
    """
    if trend.empty or int(trend["year"].max()) >= horizon:
        return trend
    extra = []
    for (role, trust), rows in trend.groupby(["role", "trust"]):
        rows = rows.sort_values("year")
        last = rows.iloc[-1]
        step = last["trend"] - rows["trend"].iloc[-2] if len(rows) > 1 else 0.0
        years = np.arange(int(last["year"]) + 1, horizon + 1)
        ahead = step * (years - int(last["year"]))
        extra.append(
            pd.DataFrame(
                {
                    "role": role,
                    "trust": trust,
                    "year": years,
                    "method": last["method"],
                    **{c: np.clip(last[c] + ahead, 0, None) for c in ("trend", "trend_lower", "trend_upper")},
                }
            )
        )
    return pd.concat([trend, *extra], ignore_index=True)


def _start(ftes: pd.DataFrame) -> pd.DataFrame:
    """Return the planned series: role, trust and FTEs of those with a base-year figure, in role order."""
    rows = ftes[(ftes["year"] == base_year(ftes)) & ftes["fte"].notna()][["role", "trust", "fte"]]
    return _role_order(rows).reset_index(drop=True)


def anchored_trend(ftes: pd.DataFrame, trend: pd.DataFrame, horizon: int) -> pd.DataFrame:
    """Return each planned series' trend from the base year to the horizon, moved to start at its base-year figure.

    trend(y) - trend(base) + fte(base), and the same shift for the interval,
    none below 0: the trend's growth without the jump between the fitted and
    the printed base-year value. Series without a base-year figure, or
    without a stored trend, are left out. Out: role, trust, year, trend,
    trend_lower, trend_upper, method.
    """
    base = base_year(ftes)
    own = trend[trend["year"] >= base][["role", "trust", "year", "trend", "trend_lower", "trend_upper", "method"]]
    own = _extend_linearly(own, horizon)
    own = own[own["year"] <= horizon].merge(_start(ftes), on=["role", "trust"])
    at_base = own.loc[own["year"] == base, ["role", "trust", "trend"]].rename(columns={"trend": "at_base"})
    own = own.merge(at_base, on=["role", "trust"])
    shift = own["fte"] - own["at_base"]
    for column in ("trend", "trend_lower", "trend_upper"):
        own[column] = (own[column] + shift).clip(lower=0)
    return own[["role", "trust", "year", "trend", "trend_lower", "trend_upper", "method"]]


def planned_ftes(
    ftes: pd.DataFrame,
    trend: pd.DataFrame | None,
    scenario: Mapping[str, float],
    workload: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return planned FTEs per role, trust and year from the base year to the horizon, with the method.

    Only series with a base-year figure are planned, each for every year.
    With `staff_follow_trend` = 1 a series follows its anchored trend (see
    anchored_trend; method: the trend's own). Otherwise, or when no trend is
    stored for it, it grows at `staff_target_growth_pct` from its base-year
    figure (method 'target_growth'). With `staff_follow_trend` = 2 the series in
    `workload` (role, trust, year, fte, method: `workload.radiographer_path`, the radiographers'
    FTEs grown with their exams) follow it, the others their trend as with 1.
    """
    base, horizon = base_year(ftes), int(scenario["horizon"])
    start = _start(ftes)
    years = np.arange(base, horizon + 1)
    growth = (1 + scenario["staff_target_growth_pct"] / 100) ** (years - base)
    path = pd.DataFrame(
        {
            "role": np.repeat(start["role"].to_numpy(), len(years)),
            "trust": np.repeat(start["trust"].to_numpy(), len(years)),
            "year": np.tile(years, len(start)),
            "fte": np.outer(start["fte"].to_numpy(float), growth).ravel(),
            "method": "target_growth",
        }
    )
    choice = int(scenario["staff_follow_trend"])
    if choice >= 1 and trend is not None and not trend.empty:
        own = anchored_trend(ftes, trend, horizon)[["role", "trust", "year", "trend", "method"]]
        matched = path[["role", "trust", "year"]].merge(own, on=["role", "trust", "year"], how="left")
        has = matched["trend"].notna().to_numpy()
        path.loc[has, "fte"] = matched.loc[has, "trend"].to_numpy()
        path.loc[has, "method"] = matched.loc[has, "method"].to_numpy()
    if choice == 2 and workload is not None and not workload.empty:
        own = workload.rename(columns={"fte": "path", "method": "path_method"})
        matched = path[["role", "trust", "year"]].merge(own, on=["role", "trust", "year"], how="left")
        has = matched["path"].notna().to_numpy()
        path.loc[has, "fte"] = matched.loc[has, "path"].to_numpy()
        path.loc[has, "method"] = matched.loc[has, "path_method"].to_numpy()
    return path


def turnover_rates(
    roles: np.ndarray, trusts: np.ndarray, years: np.ndarray, scenario: Mapping[str, float], base: int
) -> np.ndarray:
    """Return the turnover rate (%/year) for each role and trust (rows) and year (columns).

    rate = the role's regional rate + the trust's difference (0 for a trust
    without its own setting) + rising points x years since the base year,
    kept within 0-100 %.
    """
    regional = np.array([scenario[f"turnover_{r}_pct"] for r in roles], dtype=float)
    own = np.array([scenario.get(f"turnover_{t.lower()}_pp", 0.0) for t in trusts], dtype=float)
    rise = scenario["turnover_rise_pp"] * (np.asarray(years) - base)
    return np.clip((regional + own)[:, None] + rise[None, :], 0, 100)


def plan_flows(path: pd.DataFrame, scenario: Mapping[str, float]) -> pd.DataFrame:
    """Return leavers and hires needed from planned FTEs (`planned_ftes`), per role, trust and year after the base year.

    leavers = rate x (FTEs at the start + FTEs at the end of the year) / 2, the
    same staff measure an HR turnover rate uses; hires needed = leavers +
    change, or 0 with the shortfall in `excess` when FTEs fall faster than
    people leave; hires_share_pct = hires needed / average FTEs. Leavers and
    hires in people = FTEs / the role's FTEs per person (`fte_per_person_<role>`,
    1 when the scenario has none): a recruiter hires people, not FTEs.
    """
    years = np.unique(path["year"].to_numpy())
    base, n = int(years[0]), len(years)
    fte = path["fte"].to_numpy(float).reshape(-1, n)  # one row per series, one column per year
    keys = path.iloc[::n]
    start, end = fte[:, :-1], fte[:, 1:]
    average = (start + end) / 2
    rate = turnover_rates(keys["role"].to_numpy(), keys["trust"].to_numpy(), years[1:], scenario, base)
    leavers = rate / 100 * average
    net = leavers + end - start
    hires = np.clip(net, 0, None)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(average > 0, 100 * hires / average, np.nan)
    later = path["year"].to_numpy() > base
    per_person = np.array([scenario.get(f"fte_per_person_{r}", 1.0) for r in keys["role"]], dtype=float)[:, None]
    return pd.DataFrame(
        {
            "role": path["role"].to_numpy()[later],
            "trust": path["trust"].to_numpy()[later],
            "year": path["year"].to_numpy()[later],
            "fte": end.ravel(),
            "change": (end - start).ravel(),
            "turnover_pct": rate.ravel(),
            "leavers": leavers.ravel(),
            "hires_needed": hires.ravel(),
            "excess": np.clip(-net, 0, None).ravel(),
            "cumulative_hires": hires.cumsum(axis=1).ravel(),
            "hires_share_pct": share.ravel(),
            "method": path["method"].to_numpy()[later],
            "leavers_people": (leavers / per_person).ravel(),
            "hires_people": (hires / per_person).ravel(),
        }
    )[PLAN_COLUMNS]


def staff_plan(
    ftes: pd.DataFrame,
    trend: pd.DataFrame | None,
    scenario: Mapping[str, float],
    workload: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return FTEs, leavers, hires needed and their cumulation per role, trust and year after the base year.

    The planned FTEs (`planned_ftes`) and the flows they imply (`plan_flows`).
    """
    return plan_flows(planned_ftes(ftes, trend, scenario, workload), scenario)


def plan_totals(plan: pd.DataFrame, status: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the plan summed over trusts per role and year (trust = REGION, method 'sum').

    With `status` (from series_status), only complete series are summed, the
    same trusts as the regional history. Rates and shares are recomputed from
    the sums.
    """
    rows = plan
    if status is not None:
        rows = plan.merge(status.loc[status["status"] == "complete", ["role", "trust"]], on=["role", "trust"])
    sums = ["fte", "change", "leavers", "hires_needed", "excess", "leavers_people", "hires_people"]
    total = rows.groupby(["role", "year"], as_index=False, sort=False)[sums].sum()
    total["trust"] = REGION
    average = total["fte"] - total["change"] / 2
    total["turnover_pct"] = 100 * total["leavers"] / average.where(average > 0)
    total["cumulative_hires"] = total.groupby("role", sort=False)["hires_needed"].cumsum()
    total["hires_share_pct"] = 100 * total["hires_needed"] / average.where(average > 0)
    total["method"] = "sum"
    return total[PLAN_COLUMNS]


def hires_to_horizon(plan: pd.DataFrame) -> pd.DataFrame:
    """Return per role and trust: FTEs at the horizon, cumulative hires to it, and the mean yearly hires share."""
    groups = plan.groupby(["role", "trust"], sort=False)
    last = groups.tail(1)[["role", "trust", "year", "fte", "cumulative_hires"]]
    return last.assign(hires_share_pct=groups["hires_share_pct"].mean().to_numpy()).reset_index(drop=True)


# --- Turnover history from the HR export -------------------------------------------------------


def turnover_tables(hr: pd.DataFrame | None, threshold_pp: float) -> dict[str, pd.DataFrame]:
    """Return the turnover history and its flags from the HR table; nothing when there is no HR file."""
    from imaging_plan.planning.staffing_turnover import turnover_flags, turnover_history  # imports this module

    if hr is None:
        return {}
    history = turnover_history(hr)
    return {"turnover_history": history, "turnover_flags": turnover_flags(history, threshold_pp)}


def is_illustrative(history: pd.DataFrame) -> bool:
    """Return True when any HR row is marked illustrative in its source (shown as such everywhere)."""
    return bool(history["source"].astype(str).str.startswith("illustrative").any())


# --- Illustrative HR rows (shipped as data/staff_turnover.csv, labelled) -----------------------

ILLUSTRATIVE_SEED = 2025
ILLUSTRATIVE_RISE_FROM = 2021  # the chosen series rises by ILLUSTRATIVE_RISE_PP a year after this
ILLUSTRATIVE_RISE_PP = 1.0


def illustrative_source(seed: int) -> str:
    """Return the `source` text of the generated rows: what made them, so they cannot pass for data."""
    return f"illustrative: generated by imaging_plan.planning.staffing.illustrative_turnover(seed={seed})"


def illustrative_turnover(ftes: pd.DataFrame, seed: int = ILLUSTRATIVE_SEED) -> pd.DataFrame:
    """Return invented HR rows in the shape of data/staff_turnover.csv, to show the page working.

    Not data: every row's `source` says so. For each role, trust and year with
    Tabell 7 figures for that year and the one before, avg_ftes is their mean
    (from the plan); leavers are drawn from a Poisson law at a rate near 5.1 %
    (a series' rate is 5.1 % x exp(N(0, 0.25))), never more than the staff;
    hires = leavers + the FTE change, not below 0. One trust's radiographer
    rate, chosen by the seed, rises by 1 point a year after 2021 so that the
    flag can be seen; it says nothing about that trust.
    """
    rng = np.random.default_rng(seed)
    observed = ftes.dropna(subset=["fte"])
    radiographer_trusts = sorted(observed.loc[observed["role"] == "radiographer", "trust"].unique())
    rising = str(rng.choice(radiographer_trusts))
    values = observed.set_index(["role", "trust", "year"])["fte"]
    rows = []
    for role in [r for r in STAFF_ROLES if r in set(observed["role"])]:
        for trust in sorted(observed.loc[observed["role"] == role, "trust"].unique()):
            rate = 5.1 * math.exp(rng.normal(0, 0.25))
            for year in sorted(observed.loc[(observed["role"] == role) & (observed["trust"] == trust), "year"]):
                if (role, trust, year - 1) not in values.index:
                    continue
                start, end = values[(role, trust, year - 1)], values[(role, trust, year)]
                average = (start + end) / 2
                own = rate + (
                    ILLUSTRATIVE_RISE_PP * (year - ILLUSTRATIVE_RISE_FROM)
                    if (trust, role) == (rising, "radiographer") and year > ILLUSTRATIVE_RISE_FROM
                    else 0.0
                )
                leavers = min(int(rng.poisson(own / 100 * average)), math.floor(average))
                hires = max(0, leavers + int(round(end - start)))
                rows.append(
                    (int(year), trust, role, leavers, hires, round(average, 1), None, illustrative_source(seed))
                )
    out = pd.DataFrame(rows, columns=HR_COLUMNS)
    return out.astype({"headcount": "float64"})
