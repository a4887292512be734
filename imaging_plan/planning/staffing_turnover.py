"""Turnover from the HR export: the rate per role, trust and year, and whether it is rising now (the flags).

Two one-sided tests per role and trust (this year's leavers against the earlier years'
rate, Poisson; the slope over the latest years against chance), corrected for the many
series tested. The constants and columns are `staffing`'s, where the page reads them.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy.stats import norm, poisson
from statsmodels.stats.multitest import multipletests

from imaging_plan.planning.staffing import (
    FLAG_ALPHA,
    FLAG_COLUMNS,
    FLAG_CORRECTION,
    FLAG_MIN_LEAVERS,
    FLAG_MIN_YEARS,
    FLAG_WINDOW_YEARS,
    HISTORY_COLUMNS,
    _role_order,
)


def turnover_history(hr: pd.DataFrame) -> pd.DataFrame:
    """Return the turnover rate per role, trust and year from the HR table.

    staff = headcount where given, else average FTEs (staff_basis says
    which); turnover_pct = 100 x leavers / staff; hires_pct likewise.
    """
    out = hr.copy()
    has_head = out["headcount"].notna()
    out["staff"] = out["headcount"].where(has_head, out["avg_ftes"]).astype(float)
    out["staff_basis"] = np.where(has_head, "headcount", "avg_ftes")
    out["turnover_pct"] = 100 * out["leavers"] / out["staff"]
    out["hires_pct"] = 100 * out["hires"] / out["staff"]
    out["source"] = out["source"].fillna("")
    return _role_order(out[HISTORY_COLUMNS]).reset_index(drop=True)


def poisson_sf(k: float, lam: float) -> float:
    """Return P(X >= k) for X ~ Poisson(lam): the chance of at least k leavers when lam are expected.

    scipy's survival function keeps its precision where a sum of terms from
    P(X = 0) = exp(-lam) underflows (hundreds of expected leavers in a large trust).
    """
    k = int(round(k))
    if k <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    return float(poisson.sf(k - 1, lam))


def rate_trend(years: np.ndarray, leavers: np.ndarray, staff: np.ndarray) -> tuple[float, float]:
    """Return the slope of the turnover rate (points per year) and its z-score against chance.

    Weighted least squares of rate = leavers / staff on year, each year
    weighted by its staff: under a flat rate p a year's rate varies by
    p(1 - p) / staff, so small groups count less. z = slope / its standard
    error; NaN when there were no leavers at all (nothing to measure).
    """
    rate = leavers / staff
    pooled = leavers.sum() / staff.sum()
    x = years - np.average(years, weights=staff)
    sxx = (staff * x * x).sum()
    slope = (staff * x * (rate - np.average(rate, weights=staff))).sum() / sxx
    if not 0 < pooled < 1:
        return 100 * slope, np.nan
    return 100 * slope, slope / math.sqrt(pooled * (1 - pooled) / sxx)


def turnover_flags(history: pd.DataFrame, threshold_pp: float) -> pd.DataFrame:
    """Return, per role and trust, whether turnover is rising now, and why.

    Two signals; either raises the flag:
    - significant: the latest year's leavers are more than the trust's own
      earlier rate leads one to expect. Expected = (leavers / staff pooled over
      the earlier years) x the latest staff; one-sided Poisson test (p_value).
      Needs FLAG_MIN_YEARS earlier years with some leavers.
    - rising: the trend of the rate over the latest FLAG_WINDOW_YEARS years
      (see rate_trend) is steeper than `threshold_pp` points a year and
      steeper than zero beyond chance (one-sided normal test of its z-score,
      trend_p_value). The second condition keeps small groups, where one
      leaver moves the rate by many points, from being flagged on noise; with
      fewer than FLAG_MIN_LEAVERS leavers in the window there is no trend test.
    Every p-value of the table is corrected together (FLAG_CORRECTION,
    Benjamini-Hochberg) and a test counts when its adjusted p is below FLAG_ALPHA.
    `note` names, separated by ';', why a test could not be made:
    no_earlier_leavers, few_earlier_years (no latest-year test),
    few_leavers_for_trend, few_years_for_trend (no trend test).
    """
    rows = []
    for (role, trust), series in history.groupby(["role", "trust"], sort=False):
        series = series.sort_values("year")
        latest, earlier = series.iloc[-1], series.iloc[:-1]
        window = series[series["year"] > latest["year"] - FLAG_WINDOW_YEARS]
        notes = []
        history_pct = expected = p_value = slope = z = np.nan
        if len(earlier) >= FLAG_MIN_YEARS:
            history_pct = 100 * earlier["leavers"].sum() / earlier["staff"].sum()
            expected = history_pct / 100 * latest["staff"]
            if expected > 0:
                p_value = poisson_sf(latest["leavers"], expected)
            else:
                notes.append("no_earlier_leavers")
        else:
            notes.append("few_earlier_years")
        if len(window) >= FLAG_MIN_YEARS:
            slope, z = rate_trend(
                window["year"].to_numpy(float), window["leavers"].to_numpy(float), window["staff"].to_numpy(float)
            )
            if window["leavers"].sum() < FLAG_MIN_LEAVERS:
                z = np.nan
                notes.append("few_leavers_for_trend")
        else:
            notes.append("few_years_for_trend")
        trend_p = float(norm.sf(z)) if not np.isnan(z) else np.nan
        rows.append(
            (
                role,
                trust,
                int(series["year"].min()),
                int(latest["year"]),
                latest["turnover_pct"],
                history_pct,
                latest["leavers"],
                expected,
                p_value,
                np.nan,
                slope,
                z,
                trend_p,
                np.nan,
                False,
                False,
                False,
                ";".join(notes),
            )
        )
    flags = pd.DataFrame(rows, columns=FLAG_COLUMNS)
    # One correction over both tests of every series: the table is read as a whole.
    tested = pd.concat([flags["p_value"], flags["trend_p_value"]], ignore_index=True)
    made = tested.notna().to_numpy()
    adjusted = np.full(len(tested), np.nan)
    if made.any():
        adjusted[made] = multipletests(tested[made].to_numpy(), alpha=FLAG_ALPHA, method=FLAG_CORRECTION)[1]
    flags["p_adjusted"], flags["trend_p_adjusted"] = adjusted[: len(flags)], adjusted[len(flags) :]
    flags["significant"] = flags["p_adjusted"] < FLAG_ALPHA
    flags["rising"] = (flags["slope_pp"] > threshold_pp) & (flags["trend_p_adjusted"] < FLAG_ALPHA)
    flags["flag"] = flags["significant"] | flags["rising"]
    return _role_order(flags).reset_index(drop=True)
