"""Prophet trends on yearly series: the project's only Prophet import.

Eleven yearly points make a piecewise-linear trend: seasonality off, the
changepoints and prior the backtest chose (notebook 05), seeded intervals,
never below zero. Called from the notebooks
only; the app reads what they stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from functools import partial
from typing import Mapping

import numpy as np
import pandas as pd

from . import codes

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
        growth=settings.growth,
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


# Specialist inflow and national approvals.

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


# Staff FTE trends per trust and role, with a stated simpler method for short series.
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
    return observed.merge(out, on="year", how="right")[
        ["year", "value", "trend", "trend_lower", "trend_upper"]], method


def series_trends(history: pd.DataFrame, keys: list[str], value: str, horizon: int,
                  settings: TrendSettings = TrendSettings(),
                  min_prophet_points: int = MIN_PROPHET_POINTS) -> pd.DataFrame:
    """Return a trend per series (one series per combination of `keys`), saying which method made it.

    Series with at least `min_prophet_points` observed years get Prophet
    ('prophet'); shorter ones the simpler method of `simple_trend`; series
    with no observed value get none. Missing values are never filled: a
    series that ends early is fitted on the years it has. Out: keys, year,
    `value`, trend, trend_lower, trend_upper, method, last_observed.
    """
    frames = []
    for group, rows in history.groupby(keys, sort=True):
        series = rows[["year", value]].rename(columns={value: "value"}).dropna(subset=["value"])
        if series.empty:
            continue
        if len(series) >= max(min_prophet_points, MIN_POINTS):
            trend, method = fit_trend(series, horizon, settings), "prophet"
        else:
            trend, method = simple_trend(series, horizon)
        for key, part in zip(keys, group if isinstance(group, tuple) else (group,)):
            trend[key] = part
        trend["method"] = method
        trend["last_observed"] = int(series["year"].max())
        frames.append(trend.rename(columns={"value": value}))
    return pd.concat(frames, ignore_index=True)[
        [*keys, "year", value, "trend", "trend_lower", "trend_upper", "method", "last_observed"]]
# --- Forecast methods compared in the backtest -----------------------------------------------
# Every method takes a yearly history (year, value) and a number of years, and returns the
# next `steps` years after the last observed one: year, forecast, lower, upper (the interval of
# `interval_width`), clipped at zero like the Prophet trend, since every series is a count.

FORECAST_COLUMNS = ["year", "forecast", "lower", "upper"]


def _observed(history: pd.DataFrame, minimum: int) -> pd.DataFrame:
    series = history.dropna(subset=["value"]).sort_values("year")
    if len(series) < minimum:
        raise ValueError(f"this method needs at least {minimum} yearly points; got {len(series)}")
    return series


def _ahead(last_year: int, steps: int, mean, half_width) -> pd.DataFrame:
    mean, half = np.asarray(mean, dtype=float), np.asarray(half_width, dtype=float)
    return pd.DataFrame({"year": np.arange(last_year + 1, last_year + steps + 1),
                         "forecast": mean, "lower": mean - half, "upper": mean + half}
                        ).clip(lower=0).astype({"year": int})


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
    return pd.DataFrame({"year": ahead["year"].astype(int).to_numpy(),
                         "forecast": ahead["trend"].to_numpy(), "lower": ahead["trend_lower"].to_numpy(),
                         "upper": ahead["trend_upper"].to_numpy()})


def naive_forecast(history: pd.DataFrame, steps: int, interval_width: float = 0.8) -> pd.DataFrame:
    """Return the last value carried forward, with the random-walk interval sigma * sqrt(h).

    sigma is the root mean square of the one-year changes (Hyndman & Athanasopoulos,
    Forecasting: Principles and Practice, 3rd ed., section 5.5).
    """
    series = _observed(history, 2)
    values = series["value"].to_numpy(dtype=float)
    sigma = np.sqrt(np.mean(np.diff(values) ** 2))
    h = np.arange(1, steps + 1)
    return _ahead(int(series["year"].iloc[-1]), steps, np.full(steps, values[-1]),
                  _z(interval_width) * sigma * np.sqrt(h))


def drift_forecast(history: pd.DataFrame, steps: int, interval_width: float = 0.8) -> pd.DataFrame:
    """Return the line through the first and last points, extended; interval sigma * sqrt(h (1 + h / T)).

    sigma: standard deviation of the one-year changes around the drift, T - 2 degrees of
    freedom (Forecasting: Principles and Practice, 3rd ed., section 5.5).
    """
    series = _observed(history, 3)
    values, years = series["value"].to_numpy(dtype=float), series["year"].to_numpy(dtype=float)
    slope = (values[-1] - values[0]) / (years[-1] - years[0])
    residuals = np.diff(values) - slope * np.diff(years)
    sigma = np.sqrt(np.sum(residuals ** 2) / (len(values) - 2))
    h = np.arange(1, steps + 1)
    return _ahead(int(years[-1]), steps, values[-1] + slope * h,
                  _z(interval_width) * sigma * np.sqrt(h * (1 + h / len(values))))


def theta_forecast(history: pd.DataFrame, steps: int, interval_width: float = 0.8) -> pd.DataFrame:
    """Return the Theta method's forecast and interval (statsmodels ThetaModel, no seasonality).

    Theta (Assimakopoulos & Nikolopoulos 2000, best method of the M3 competition) is simple
    exponential smoothing with drift equal to half the OLS slope (Hyndman & Billah 2003).
    """
    import warnings

    from statsmodels.tsa.forecasting.theta import ThetaModel

    series = _observed(history, 3)
    values = pd.Series(series["value"].to_numpy(dtype=float),
                       index=pd.period_range(str(int(series["year"].iloc[0])), periods=len(series), freq="Y"))
    with warnings.catch_warnings():  # a handful of points: statsmodels warns about its start values
        warnings.simplefilter("ignore")
        result = ThetaModel(values, deseasonalize=False).fit()
        mean = result.forecast(steps).to_numpy()
        bounds = result.prediction_intervals(steps, alpha=1 - interval_width)
    out = _ahead(int(series["year"].iloc[-1]), steps, mean, 0.0)
    out["lower"] = np.clip(bounds["lower"].to_numpy(), 0, None)
    out["upper"] = np.clip(bounds["upper"].to_numpy(), 0, None)
    return out


def grid_method(label: str, settings: TrendSettings) -> str:
    """Return the backtest's name for the Prophet grid candidate `label`: 'prophet' for `settings` itself."""
    return "prophet" if label == settings.label else f"prophet: {label}"


def forecast_methods(settings: TrendSettings = TrendSettings(),
                     grid: Mapping[str, TrendSettings] | None = None, prophet: bool = True) -> dict:
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
