"""Prophet trends on yearly series: the project's only Prophet import.

Eleven yearly points make a piecewise-linear trend: seasonality off, the
changepoints and prior the backtest chose (notebook 05), seeded intervals,
never below zero. Also the stated simpler trend of a series too short for any
backtested method. Called from the notebooks only; the app reads what they stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from imaging_plan.data import codes

MIN_POINTS = 3


@dataclass(frozen=True)
class TrendSettings:
    """Prophet settings for yearly data (notebook parameters).

    Chosen by the rolling-origin backtest of notebook 05 (pooled MASE over every series the
    project forecasts, one to three years ahead): 5 changepoints with a loose prior (5.0)
    scored 1.88 against 2.12 for Prophet's usual 3 changepoints and prior 0.05, and its
    80 % interval covered 60 % of outcomes against 38 % (README, "Forecast quality").
    """

    n_changepoints: int = 5
    changepoint_prior_scale: float = 5.0
    interval_width: float = 0.8
    seed: int = 2025
    growth: str = "linear"  # or "flat": a constant level (Prophet 1.1+)

    @property
    def label(self) -> str:
        """Return the settings a backtest compares, in words."""
        if self.growth == "flat":
            return "flat"
        return f"{self.growth}, {self.n_changepoints} changepoints, prior {self.changepoint_prior_scale:g}"


def _quiet() -> None:
    for name in ("cmdstanpy", "prophet"):
        logging.getLogger(name).setLevel(logging.ERROR)


def fit_trend(
    history: pd.DataFrame, horizon: int, settings: TrendSettings = TrendSettings(), clip: bool = True
) -> pd.DataFrame:
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
    frame = pd.DataFrame(
        {"ds": pd.to_datetime(series["year"].astype(str) + "-01-01"), "y": series["value"].astype(float).to_numpy()}
    )
    model = Prophet(
        growth=settings.growth,
        yearly_seasonality=False,
        weekly_seasonality=False,
        daily_seasonality=False,
        n_changepoints=min(settings.n_changepoints, len(series) - 2),
        changepoint_prior_scale=settings.changepoint_prior_scale,
        interval_width=settings.interval_width,
    )
    model.fit(frame)
    last = int(series["year"].max())
    future = pd.DataFrame(
        {"ds": pd.to_datetime([f"{y}-01-01" for y in range(int(series["year"].min()), max(horizon, last) + 1)])}
    )
    np.random.seed(settings.seed)  # Prophet draws its intervals with numpy's global state
    predicted = model.predict(future)
    floor = 0 if clip else None
    out = pd.DataFrame(
        {
            "year": predicted["ds"].dt.year.astype(int),
            "trend": predicted["yhat"].clip(lower=floor),
            "trend_lower": predicted["yhat_lower"].clip(lower=floor),
            "trend_upper": predicted["yhat_upper"].clip(lower=floor),
        }
    )
    observed = series[["year", "value"]].astype({"year": int})
    return observed.merge(out, on="year", how="right")[["year", "value", "trend", "trend_lower", "trend_upper"]]


def grouped_trends(
    series: pd.DataFrame, by: list[str], horizon: int, settings: TrendSettings = TrendSettings(), clip: bool = True
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


def approval_trends(
    national: pd.DataFrame | None, horizon: int, settings: TrendSettings = TrendSettings()
) -> tuple[pd.DataFrame, pd.DataFrame]:
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
        basis = (
            "no_file"
            if national is None
            else "not_in_file"
            if points == 0
            else "fitted"
            if bool(own["fitted"].iloc[0])
            else "too_few_points"
        )
        rows.append({"specialty": specialty, "points": points, "basis": basis})
    return trends.rename(columns={"value": "approvals"}), pd.DataFrame(rows)


MIN_PROPHET_POINTS = 5


def simple_trend(history: pd.DataFrame, horizon: int) -> tuple[pd.DataFrame, str]:
    """Return the trend of a series too short for Prophet, and the method's name.

    Two or more points: 'drift', the straight line through the first and last
    point (the naive drift forecast). One point: 'last_value', flat. No
    interval: lower and upper equal the trend.
    """
    series = history.dropna(subset=["value"]).sort_values("year")
    if series.empty:
        raise ValueError("a trend needs at least one yearly point; got none")
    first, last = series.iloc[0], series.iloc[-1]
    years = np.arange(int(first["year"]), max(horizon, int(last["year"])) + 1)
    if len(series) >= 2:
        slope = (last["value"] - first["value"]) / (last["year"] - first["year"])
        method = "drift"
    else:
        slope, method = 0.0, "last_value"
    trend = np.clip(last["value"] + slope * (years - last["year"]), 0, None)
    out = pd.DataFrame({"year": years, "trend": trend, "trend_lower": trend, "trend_upper": trend})
    observed = series[["year", "value"]].astype({"year": int})
    return observed.merge(out, on="year", how="right")[["year", "value", "trend", "trend_lower", "trend_upper"]], method
