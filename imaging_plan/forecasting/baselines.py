"""The forecast methods a backtest compares: naive, drift, Theta, Prophet and their combinations.

Every method takes a yearly history (year, value) and a number of years, and returns the
next `steps` years after the last observed one: year, forecast, lower, upper (the interval
of `interval_width`), clipped at zero like the Prophet trend, since every series is a count.
A combination (median or mean of naive, Theta and Prophet) is computed from its members'
forecasts, so a backtest fits each member once and combines without refitting.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Mapping

import numpy as np
import pandas as pd

from imaging_plan.forecasting.trends import MIN_POINTS, TrendSettings, fit_trend

FORECAST_COLUMNS = ["year", "forecast", "lower", "upper"]
SINGLE_METHODS = ("naive", "drift", "theta", "prophet")
# A combination keeps Prophet as a member: M4's combinations beat every single benchmark.
COMBINATIONS = ("median", "mean")
COMBINATION_MEMBERS = ("naive", "theta", "prophet")


def _observed(history: pd.DataFrame, minimum: int) -> pd.DataFrame:
    series = history.dropna(subset=["value"]).sort_values("year")
    if len(series) < minimum:
        raise ValueError(f"this method needs at least {minimum} yearly points; got {len(series)}")
    return series


def _ahead(last_year: int, steps: int, mean, half_width) -> pd.DataFrame:
    mean, half = np.asarray(mean, dtype=float), np.asarray(half_width, dtype=float)
    return (
        pd.DataFrame(
            {
                "year": np.arange(last_year + 1, last_year + steps + 1),
                "forecast": mean,
                "lower": mean - half,
                "upper": mean + half,
            }
        )
        .clip(lower=0)
        .astype({"year": int})
    )


def _z(interval_width: float) -> float:
    from statistics import NormalDist

    return NormalDist().inv_cdf(0.5 + interval_width / 2)


def prophet_forecast(history: pd.DataFrame, steps: int, settings: TrendSettings = TrendSettings()) -> pd.DataFrame:
    """Return the next `steps` years of the Prophet trend.

    It is `fit_trend` itself, so a backtest scores exactly what the notebooks store.
    """
    series = _observed(history, MIN_POINTS)
    last = int(series["year"].max())
    trend = fit_trend(series, last + steps, settings)
    ahead = trend[trend["year"] > last]
    return pd.DataFrame(
        {
            "year": ahead["year"].astype(int).to_numpy(),
            "forecast": ahead["trend"].to_numpy(),
            "lower": ahead["trend_lower"].to_numpy(),
            "upper": ahead["trend_upper"].to_numpy(),
        }
    )


def naive_forecast(history: pd.DataFrame, steps: int, interval_width: float = 0.8) -> pd.DataFrame:
    """Return the last value carried forward, with the random-walk interval sigma * sqrt(h).

    sigma is the root mean square of the one-year changes (Hyndman & Athanasopoulos,
    Forecasting: Principles and Practice, 3rd ed., section 5.5).
    """
    series = _observed(history, 2)
    values = series["value"].to_numpy(dtype=float)
    sigma = np.sqrt(np.mean(np.diff(values) ** 2))
    h = np.arange(1, steps + 1)
    return _ahead(
        int(series["year"].iloc[-1]), steps, np.full(steps, values[-1]), _z(interval_width) * sigma * np.sqrt(h)
    )


def drift_forecast(history: pd.DataFrame, steps: int, interval_width: float = 0.8) -> pd.DataFrame:
    """Return the line through the first and last points, extended; interval sigma * sqrt(h (1 + h / T)).

    sigma: standard deviation of the one-year changes around the drift, T - 2 degrees of
    freedom (Forecasting: Principles and Practice, 3rd ed., section 5.5).
    """
    series = _observed(history, 3)
    values, years = series["value"].to_numpy(dtype=float), series["year"].to_numpy(dtype=float)
    slope = (values[-1] - values[0]) / (years[-1] - years[0])
    residuals = np.diff(values) - slope * np.diff(years)
    sigma = np.sqrt(np.sum(residuals**2) / (len(values) - 2))
    h = np.arange(1, steps + 1)
    return _ahead(
        int(years[-1]), steps, values[-1] + slope * h, _z(interval_width) * sigma * np.sqrt(h * (1 + h / len(values)))
    )


def theta_forecast(history: pd.DataFrame, steps: int, interval_width: float = 0.8) -> pd.DataFrame:
    """Return the Theta method's forecast and interval (statsmodels ThetaModel, no seasonality).

    Theta (Assimakopoulos & Nikolopoulos 2000, best method of the M3 competition) is simple
    exponential smoothing with drift equal to half the OLS slope (Hyndman & Billah 2003).
    """
    import warnings

    from statsmodels.tsa.forecasting.theta import ThetaModel

    series = _observed(history, 3)
    values = pd.Series(
        series["value"].to_numpy(dtype=float),
        index=pd.period_range(str(int(series["year"].iloc[0])), periods=len(series), freq="Y"),
    )
    with warnings.catch_warnings():  # a handful of points: statsmodels warns about its start values
        warnings.simplefilter("ignore")
        result = ThetaModel(values, deseasonalize=False).fit()
        mean = result.forecast(steps).to_numpy()
        bounds = result.prediction_intervals(steps, alpha=1 - interval_width)
    out = _ahead(int(series["year"].iloc[-1]), steps, mean, 0.0)
    out["lower"] = np.clip(bounds["lower"].to_numpy(), 0, None)
    out["upper"] = np.clip(bounds["upper"].to_numpy(), 0, None)
    return out


def naive_scale(values) -> float:
    """Return the in-sample one-step naive MAE: the mean absolute change between successive values.

    MASE divides by it (Hyndman & Koehler 2006), and the default line's band is a multiple of it.
    """
    values = np.asarray(values, dtype=float)
    return float(np.mean(np.abs(np.diff(values)))) if len(values) > 1 else float("nan")


def combine(members: list[pd.DataFrame], how: str) -> pd.DataFrame:
    """Return the median or mean of member forecasts (same years), bounds combined the same way.

    The combined bounds are a starting point only: the default line's band is calibrated
    on the backtest's errors instead (`forecasting.DefaultLine`).
    """
    if how not in COMBINATIONS:
        raise ValueError(f"unknown combination '{how}'; known: {', '.join(COMBINATIONS)}")
    years = members[0]["year"].to_numpy()
    if any(not np.array_equal(m["year"].to_numpy(), years) for m in members[1:]):
        raise ValueError("members of a combination must forecast the same years")
    stacked = {c: np.vstack([m[c].to_numpy(dtype=float) for m in members]) for c in ("forecast", "lower", "upper")}
    pick = np.median if how == "median" else np.mean
    return pd.DataFrame({"year": years.astype(int), **{c: pick(v, axis=0) for c, v in stacked.items()}})


def combination_forecast(
    history: pd.DataFrame, steps: int, how: str = "median", settings: TrendSettings = TrendSettings()
) -> pd.DataFrame:
    """Return the median or mean of naive, Theta and Prophet (with `settings`), each fitted once."""
    width = settings.interval_width
    return combine(
        [
            naive_forecast(history, steps, width),
            theta_forecast(history, steps, width),
            prophet_forecast(history, steps, settings),
        ],
        how,
    )


def method_forecast(
    method: str, history: pd.DataFrame, steps: int, settings: TrendSettings = TrendSettings()
) -> pd.DataFrame:
    """Return the forecast of one named method: a single method or a combination; Prophet uses `settings`."""
    if method in COMBINATIONS:
        return combination_forecast(history, steps, method, settings)
    methods = forecast_methods(settings)
    if method not in methods:
        raise ValueError(f"unknown forecast method '{method}'; known: {', '.join([*methods, *COMBINATIONS])}")
    return methods[method](history, steps)


def band_quantiles(measured: Mapping[int, float], steps: int) -> np.ndarray:
    """Return the band's scaled half-width 1..`steps` years ahead from the ones measured per horizon.

    Beyond the last measured horizon H the half-width grows as sqrt(h / H), the random
    walk's rate (assumption: nothing beyond H was measured). The result never narrows
    with the horizon (running maximum). NaN where nothing at or below h was measured.
    """
    known = {int(h): float(q) for h, q in measured.items() if q is not None and np.isfinite(q)}
    out = np.full(steps, np.nan)
    for h in range(1, steps + 1):
        below = [k for k in known if k <= h]
        if below:
            k = max(below)
            out[h - 1] = known[k] * np.sqrt(h / k)
    return np.fmax.accumulate(out) if steps else out


def scaled_band(forecast, scale, quantiles) -> tuple[np.ndarray, np.ndarray]:
    """Return the band forecast -/+ quantile x scale, never below zero (every series is a count).

    A scale of zero or unknown (a history that never changed) gives a band of no width.
    """
    forecast, quantiles = np.asarray(forecast, float), np.asarray(quantiles, float)
    scale = np.nan_to_num(np.asarray(scale, float), nan=0.0)
    half = quantiles * scale
    return np.clip(forecast - half, 0, None), np.clip(forecast + half, 0, None)


def grid_method(label: str, settings: TrendSettings) -> str:
    """Return the backtest's name for the Prophet grid candidate `label`: 'prophet' for `settings` itself."""
    return "prophet" if label == settings.label else f"prophet: {label}"


def forecast_methods(
    settings: TrendSettings = TrendSettings(), grid: Mapping[str, TrendSettings] | None = None, prophet: bool = True
) -> dict:
    """Return the methods a backtest compares, by name: naive, drift, Theta and Prophet with `settings`.

    Each other candidate of `grid` is added as 'prophet: <label>' (see `grid_method`);
    `prophet=False` leaves Prophet out (the forward lines the app may draw instead of it).
    """
    width = settings.interval_width
    methods = {
        "naive": partial(naive_forecast, interval_width=width),
        "drift": partial(drift_forecast, interval_width=width),
        "theta": partial(theta_forecast, interval_width=width),
        "prophet": partial(prophet_forecast, settings=settings),
    }
    if not prophet:
        del methods["prophet"]
        return methods
    for label, candidate in (grid or {}).items():
        methods.setdefault(grid_method(label, settings), partial(prophet_forecast, settings=candidate))
    return methods


def settings_grid(settings: TrendSettings = TrendSettings()) -> dict[str, TrendSettings]:
    """Return the Prophet settings a backtest tries, by label: `settings` and one change at a time.

    Kept small (about 12 s of fitting each on the project's 35 series): fewer changepoints
    (3), Prophet's default prior (0.05), and a flat trend instead of a linear one.
    """
    candidates = [
        settings,
        replace(settings, n_changepoints=3),
        replace(settings, changepoint_prior_scale=0.05),
        replace(settings, growth="flat" if settings.growth == "linear" else "linear"),
    ]
    return {c.label: c for c in candidates}
