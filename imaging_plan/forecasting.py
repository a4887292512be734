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


def fit_trend(history: pd.DataFrame, horizon: int, settings: TrendSettings = TrendSettings()) -> pd.DataFrame:
    """Return the Prophet trend of a yearly series from its first year to the horizon.

    `history` has columns year and value. Out: year, value (observed, missing
    after the data), trend, trend_lower, trend_upper, all clipped at zero.
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
    out = pd.DataFrame({
        "year": predicted["ds"].dt.year.astype(int),
        "trend": predicted["yhat"].clip(lower=0),
        "trend_lower": predicted["yhat_lower"].clip(lower=0),
        "trend_upper": predicted["yhat_upper"].clip(lower=0),
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
