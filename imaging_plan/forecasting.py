"""Prophet trends on yearly series: the project's only Prophet import.

Eleven yearly points make a piecewise-linear trend: seasonality off, few
changepoints, seeded intervals, never below zero. Called from the notebooks
only; the app reads what they stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import codes

MIN_POINTS = 3


@dataclass(frozen=True)
class TrendSettings:
    """Prophet settings for yearly data (notebook parameters)."""

    n_changepoints: int = 3
    changepoint_prior_scale: float = 0.05
    interval_width: float = 0.8
    seed: int = 2025


def _quiet() -> None:
    for name in ("cmdstanpy", "prophet"):
        logging.getLogger(name).setLevel(logging.ERROR)


def fit_trend(history: pd.DataFrame, horizon: int, settings: TrendSettings = TrendSettings(),
              clip: bool = True) -> pd.DataFrame:
    """Return the Prophet trend of a yearly series from its first year to the horizon.

    `history` has columns year and value. Out: year, value (observed, missing
    after the data), trend, trend_lower, trend_upper, clipped at zero unless
    `clip` is False (for flows such as a net inflow, which can be negative).
    """
    _quiet()
    from prophet import Prophet  # imported here: slow, and only notebooks get this far

    series = history.dropna(subset=["value"]).sort_values("year")
    if len(series) < MIN_POINTS:
        raise ValueError(f"a trend needs at least {MIN_POINTS} yearly points; got {len(series)}")
    frame = pd.DataFrame({"ds": pd.to_datetime(series["year"].astype(str) + "-01-01"),
                          "y": series["value"].astype(float).to_numpy()})
    model = Prophet(
        growth="linear",
        yearly_seasonality=False, weekly_seasonality=False, daily_seasonality=False,
        n_changepoints=min(settings.n_changepoints, len(series) - 2),
        changepoint_prior_scale=settings.changepoint_prior_scale,
        interval_width=settings.interval_width,
    )
    model.fit(frame)
    last = int(series["year"].max())
    future = pd.DataFrame({"ds": pd.to_datetime(
        [f"{y}-01-01" for y in range(int(series["year"].min()), max(horizon, last) + 1)])})
    np.random.seed(settings.seed)  # Prophet draws its intervals with numpy's global state
    predicted = model.predict(future)
    floor = 0 if clip else None
    out = pd.DataFrame({
        "year": predicted["ds"].dt.year.astype(int),
        "trend": predicted["yhat"].clip(lower=floor),
        "trend_lower": predicted["yhat_lower"].clip(lower=floor),
        "trend_upper": predicted["yhat_upper"].clip(lower=floor),
    })
    observed = series[["year", "value"]].astype({"year": int})
    return observed.merge(out, on="year", how="right")[
        ["year", "value", "trend", "trend_lower", "trend_upper"]]


def physician_trends(ftes: pd.DataFrame, horizon: int, settings: TrendSettings = TrendSettings()) -> pd.DataFrame:
    """Return the Prophet trend of each specialty's total and of each category.

    Out: specialty, series ('total' or a category), year, fte, trend, trend_lower, trend_upper.
    """
    frames = []
    for specialty, rows in ftes.groupby("specialty", sort=True):
        series = {"total": rows.groupby("year", as_index=False)["fte"].sum()}
        for category, cat_rows in rows.groupby("category", sort=True):
            series[category] = cat_rows[["year", "fte"]]
        for name, frame in series.items():
            trend = fit_trend(frame.rename(columns={"fte": "value"}), horizon, settings)
            trend.insert(0, "series", name)
            trend.insert(0, "specialty", specialty)
            frames.append(trend.rename(columns={"value": "fte"}))
    return pd.concat(frames, ignore_index=True)


# Issue 3: specialist inflow and national approvals.

def grouped_trends(series: pd.DataFrame, by: list[str], horizon: int,
                   settings: TrendSettings = TrendSettings(), clip: bool = True
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the Prophet trend of each group of a long yearly table, and which groups were fitted.

    `series` has the `by` columns, year and value. A group with fewer than
    MIN_POINTS observed years is not fitted (a line through two points is not
    a trend); the status table says so. Out: (by..., year, value, trend,
    trend_lower, trend_upper) and (by..., points, fitted).
    """
    frames, status = [], []
    for key, rows in series.groupby(by, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        points = int(rows["value"].notna().sum())
        status.append({**dict(zip(by, key)), "points": points, "fitted": points >= MIN_POINTS})
        if points >= MIN_POINTS:
            trend = fit_trend(rows[["year", "value"]], horizon, settings, clip=clip)
            for column, value in reversed(list(zip(by, key))):
                trend.insert(0, column, value)
            frames.append(trend)
    columns = [*by, "year", "value", "trend", "trend_lower", "trend_upper"]
    trends = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    return trends[columns], pd.DataFrame(status, columns=[*by, "points", "fitted"])


def inflow_trends(parts: pd.DataFrame, horizon: int, settings: TrendSettings = TrendSettings()
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the Prophet trends of the two parts of the derived specialist inflow, and their status.

    `parts` is `specialist_inflow.inflow_parts(ftes)`: per specialty, the
    yearly growth of specialist FTEs (not clipped: it can be negative) and the
    specialist FTEs themselves. The app adds them up at the exit rate it is
    set to, so the trend follows the exit-rate slider without a refit.
    """
    return grouped_trends(parts, ["specialty", "part"], horizon, settings, clip=False)


def approval_trends(national: pd.DataFrame | None, horizon: int,
                    settings: TrendSettings = TrendSettings()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the Prophet trend of the user's national approvals per specialty, and what was used.

    `national` is the optional specialist_approvals table (None when absent).
    Status per specialty: points and basis: 'fitted' (a trend of the file),
    'too_few_points' (fewer than MIN_POINTS years: not fitted), 'not_in_file'
    or 'no_file'; in the last three the planner's range assumption is used.
    """
    if national is None:
        series = pd.DataFrame(columns=["specialty", "year", "value"])
    else:
        series = national.rename(columns={"approvals": "value"})[["specialty", "year", "value"]]
    trends, fitted = grouped_trends(series, ["specialty"], horizon, settings, clip=True)
    rows = []
    for specialty in codes.SPECIALTIES:
        own = fitted[fitted["specialty"] == specialty]
        points = int(own["points"].iloc[0]) if len(own) else 0
        basis = ("no_file" if national is None else "not_in_file" if points == 0
                 else "fitted" if bool(own["fitted"].iloc[0]) else "too_few_points")
        rows.append({"specialty": specialty, "points": points, "basis": basis})
    return trends.rename(columns={"value": "approvals"}), pd.DataFrame(rows)
