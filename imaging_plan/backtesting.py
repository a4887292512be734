"""Rolling-origin backtests of the project's yearly series: how far to trust each forecast line.

Every series is a long frame (series_id, family, year, value), so any yearly series
can be added. For each origin year (the last year a method may see, with at least
`MIN_TRAIN_YEARS` of history: an expanding window, step one year) each method
forecasts one to `HORIZONS` years ahead and is scored against what happened:

- MASE: absolute error divided by the mean absolute one-year change of that origin's
  training window (the in-sample one-step naive error; Hyndman & Koehler 2006). Below 1
  beats that in-sample naive error. Undefined where the training window never changed.
- MAPE (%): only where the actual is at least `MAPE_MIN_ACTUAL` FTEs from zero; on
  smaller counts one FTE is already a double-digit percentage.
- Coverage of the 80 % interval as hits / checks. Few checks per series make it noisy.

Methods are passed in (see `forecasting.forecast_methods`): this module only slices,
scores and summarises, so the app can import it without fitting anything.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Callable, Mapping

import numpy as np
import pandas as pd

from .codes import SPECIALIST_CATEGORIES
from .forecasting import TrendSettings, grid_method

FAMILIES = ("physicians", "staff", "inflow")
# The methods compared per series, simplest first: a tie goes to the simpler method.
METHODS = ("naive", "drift", "theta", "prophet")
MIN_TRAIN_YEARS = 6
HORIZONS = 3
MAPE_MIN_ACTUAL = 5.0
SERIES_COLUMNS = ["series_id", "family", "year", "value"]
FORECAST_COLUMNS = ["series_id", "family", "method", "origin", "horizon", "year", "forecast", "lower",
                    "upper", "actual", "scale", "scaled_error"]

Method = Callable[[pd.DataFrame, int], pd.DataFrame]


def series_id(*parts: str) -> str:
    """Return the id of a series from its parts: ('staff', 'OUS', 'radiographer') -> 'staff:OUS:radiographer'."""
    return ":".join(parts)


def _long(frame: pd.DataFrame, family: str, id_parts: list[str], value: str) -> pd.DataFrame:
    ids = frame[id_parts].astype(str).agg(":".join, axis=1)
    out = pd.DataFrame({"series_id": family + ":" + ids, "family": family,
                        "year": frame["year"].astype(int), "value": frame[value].astype(float)})
    return out.dropna(subset=["value"]).sort_values(["series_id", "year"], ignore_index=True)


def physician_series(ftes: pd.DataFrame) -> pd.DataFrame:
    """Return physician FTEs per specialty and category, and each specialty's total, as series."""
    totals = ftes.groupby(["specialty", "year"], as_index=False)["fte"].sum().assign(category="total")
    both = pd.concat([totals, ftes[["specialty", "category", "year", "fte"]]], ignore_index=True)
    return _long(both, "physicians", ["specialty", "category"], "fte")


def staff_series(staff: pd.DataFrame) -> pd.DataFrame:
    """Return staff FTEs per trust and role as series; blank cells are left out, never filled."""
    return _long(staff, "staff", ["trust", "role"], "fte")


def specialist_inflow(ftes: pd.DataFrame, exit_rate_pct: float) -> pd.DataFrame:
    """Return the specialists S and the inflow implied by their change, per specialty and year.

    S = consultants + specialists + acting consultants; inflow(t) = S(t) - S(t-1) +
    exit_rate * S(t-1): the new specialists needed to explain the change if S(t-1) left at
    the exit rate. It can be negative when more left than the exit rate says. Issue 3 builds
    the same derivation in `specialist_inflow.py`; the lead points this at it after merging.
    """
    rows = ftes[ftes["category"].isin(SPECIALIST_CATEGORIES)]
    stock = rows.groupby(["specialty", "year"])["fte"].sum().rename("specialists").reset_index()
    stock = stock.sort_values(["specialty", "year"], ignore_index=True)
    before = stock.groupby("specialty")["specialists"].shift(1)
    consecutive = stock.groupby("specialty")["year"].diff() == 1
    stock["inflow"] = (stock["specialists"] - before * (1 - exit_rate_pct / 100)).where(consecutive)
    return stock.dropna(subset=["inflow"]).reset_index(drop=True)


def inflow_series(ftes: pd.DataFrame, exit_rate_pct: float) -> pd.DataFrame:
    """Return the derived specialist inflow per specialty as series."""
    return _long(specialist_inflow(ftes, exit_rate_pct), "inflow", ["specialty"], "inflow")


def build_series(tables: Mapping[str, pd.DataFrame], exit_rate_pct: float,
                 families: tuple[str, ...] = FAMILIES) -> pd.DataFrame:
    """Return every series of the chosen families in one long frame."""
    builders = {
        "physicians": lambda: physician_series(tables["physician_ftes"]),
        "staff": lambda: staff_series(tables["staff_ftes"]),
        "inflow": lambda: inflow_series(tables["physician_ftes"], exit_rate_pct),
    }
    unknown = sorted(set(families) - set(builders))
    if unknown:
        raise ValueError(f"unknown series families {unknown}; known: {', '.join(builders)}")
    return pd.concat([builders[f]() for f in families], ignore_index=True)[SERIES_COLUMNS]


def origins(years, min_train: int = MIN_TRAIN_YEARS) -> list[int]:
    """Return the origin years of an expanding-window backtest: `min_train` years seen, one left to check."""
    years = sorted(int(y) for y in years)
    return years[min_train - 1:-1]


def overview(series: pd.DataFrame, min_train: int = MIN_TRAIN_YEARS) -> pd.DataFrame:
    """Return per series: points, first and last year, origins, and whether it can be backtested."""
    rows = []
    for sid, rows_of in series.groupby("series_id", sort=False):
        years = rows_of["year"]
        rows.append({"series_id": sid, "family": rows_of["family"].iloc[0], "points": len(rows_of),
                     "first_year": int(years.min()), "last_year": int(years.max()),
                     "origins": len(origins(years, min_train)),
                     "backtestable": len(rows_of) >= min_train + 1})
    return pd.DataFrame(rows)


def naive_scale(values) -> float:
    """Return the in-sample one-step naive MAE: the mean absolute change between successive values."""
    values = np.asarray(values, dtype=float)
    return float(np.mean(np.abs(np.diff(values)))) if len(values) > 1 else float("nan")


def mase(actual, forecast, scale: float) -> float:
    """Return the mean absolute error divided by `scale` (NaN when the scale is zero or unknown)."""
    if not scale or np.isnan(scale):
        return float("nan")
    return float(np.mean(np.abs(np.asarray(actual, float) - np.asarray(forecast, float))) / scale)


def mape(actual, forecast, min_actual: float = MAPE_MIN_ACTUAL) -> tuple[float, int]:
    """Return the MAPE (%) over the checks whose actual is at least `min_actual` from zero, and their count."""
    actual, forecast = np.asarray(actual, float), np.asarray(forecast, float)
    keep = np.abs(actual) >= min_actual
    if not keep.any():
        return float("nan"), 0
    return float(np.mean(np.abs(actual[keep] - forecast[keep]) / np.abs(actual[keep])) * 100), int(keep.sum())


def interval_hits(actual, lower, upper) -> tuple[int, int]:
    """Return how many actuals fell inside their interval, and how many were checked."""
    actual, lower, upper = (np.asarray(a, float) for a in (actual, lower, upper))
    return int(np.sum((lower <= actual) & (actual <= upper))), len(actual)


def backtest_series(history: pd.DataFrame, methods: Mapping[str, Method], min_train: int = MIN_TRAIN_YEARS,
                    horizons: int = HORIZONS) -> pd.DataFrame:
    """Return every method's forecasts from every origin of one series, beside what happened.

    Each method sees only the years up to its origin (the slice is cut here, before the
    method is called). Out: method, origin, horizon, year, forecast, lower, upper, actual,
    scale (the origin's in-sample naive MAE) and scaled_error (|actual - forecast| / scale).
    """
    history = history.sort_values("year")
    actuals = dict(zip(history["year"].astype(int), history["value"].astype(float)))
    frames = []
    for origin in origins(history["year"], min_train):
        train = history[history["year"] <= origin][["year", "value"]].reset_index(drop=True)
        scale = naive_scale(train["value"])
        for name, method in methods.items():
            ahead = method(train.copy(), horizons)
            ahead = ahead[ahead["year"].isin(actuals)].copy()
            ahead["actual"] = ahead["year"].map(actuals)
            ahead.insert(0, "horizon", ahead["year"] - origin)
            ahead.insert(0, "origin", origin)
            ahead.insert(0, "method", name)
            ahead["scale"] = scale
            frames.append(ahead)
    if not frames:
        return pd.DataFrame(columns=FORECAST_COLUMNS[2:])
    out = pd.concat(frames, ignore_index=True)
    out["scaled_error"] = (out["actual"] - out["forecast"]).abs() / out["scale"].where(out["scale"] > 0)
    return out


# Imported once by the fork server that starts the worker processes, not by every worker.
PRELOAD = ("imaging_plan.forecasting", "prophet", "statsmodels.tsa.forecasting.theta")


def _backtest_job(job: tuple) -> pd.DataFrame:
    """One parallel job: one series, one method, every origin (see `rolling_origin`)."""
    rows, methods, min_train, horizons = job
    return backtest_series(rows, methods, min_train, horizons)


def rolling_origin(series: pd.DataFrame, methods: Mapping[str, Method], min_train: int = MIN_TRAIN_YEARS,
                   horizons: int = HORIZONS, workers: int | None = 1, scheduler: str | None = None,
                   progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """Return the backtest forecasts of every series (see `backtest_series`), with series_id and family.

    The fits run as one job per series and method through `parallel.map_jobs`: `workers`
    processes (1: here; None or 0: all cores) or the Dask cluster at `scheduler`, with the same
    result. `progress(done, total)` counts fits (one per origin and method).
    """
    from .parallel import map_jobs

    groups = list(series.groupby(["series_id", "family"], sort=False))
    jobs = [(rows, {name: method}, min_train, horizons) for _, rows in groups for name, method in methods.items()]
    fits = [len(origins(job[0]["year"], min_train)) for job in jobs]
    done = [0]

    def tick(_done: int, _total: int, index: int) -> None:
        done[0] += fits[index] if index >= 0 else 0
        progress(done[0], sum(fits))

    results = map_jobs(_backtest_job, jobs, workers=workers, scheduler=scheduler,
                       progress=tick if progress else None, preload=PRELOAD)
    frames = []
    for g, ((sid, family), _) in enumerate(groups):
        parts = [r for r in results[g * len(methods):(g + 1) * len(methods)] if not r.empty]
        if parts:  # back to the serial order: origin by origin, each origin's methods in turn
            one = pd.concat(parts, ignore_index=True).sort_values("origin", kind="stable", ignore_index=True)
            frames.append(one.assign(series_id=sid, family=family))
    if not frames:
        return pd.DataFrame(columns=FORECAST_COLUMNS)
    return pd.concat(frames, ignore_index=True)[FORECAST_COLUMNS]


def _scores(rows: pd.DataFrame, mape_min_actual: float) -> dict:
    hits, checks = interval_hits(rows["actual"], rows["lower"], rows["upper"])
    mape_value, mape_checks = mape(rows["actual"], rows["forecast"], mape_min_actual)
    scaled = rows["scaled_error"].dropna()
    return {"checks": checks, "mase": float(scaled.mean()) if len(scaled) else float("nan"),
            "mase_checks": len(scaled), "mape": mape_value, "mape_checks": mape_checks,
            "hits": hits, "coverage": hits / checks if checks else float("nan")}


def accuracy(forecasts: pd.DataFrame, mape_min_actual: float = MAPE_MIN_ACTUAL) -> pd.DataFrame:
    """Return MASE, MAPE and interval coverage (hits / checks) per series, method and horizon."""
    rows = [{"series_id": sid, "family": family, "method": method, "horizon": int(horizon),
             **_scores(group, mape_min_actual)}
            for (sid, family, method, horizon), group
            in forecasts.groupby(["series_id", "family", "method", "horizon"], sort=False)]
    return pd.DataFrame(rows)


def winners(forecasts: pd.DataFrame, overview_table: pd.DataFrame, methods: tuple[str, ...] = METHODS
            ) -> pd.DataFrame:
    """Return per series each method's MASE pooled over horizons and origins, and the winner (lowest).

    A tie goes to the method listed first (the simpler one). Series that cannot be
    backtested are listed with no MASE and no winner. Prophet's interval hits and checks
    come along, since its band is what the pages draw.
    """
    shown = forecasts[forecasts["method"].isin(methods)]
    pooled = shown.groupby(["series_id", "method"])["scaled_error"].mean().unstack("method")
    pooled = pooled.reindex(columns=list(methods))
    out = overview_table.set_index("series_id").copy()
    for method in methods:
        out[f"mase_{method}"] = pooled[method].reindex(out.index)
    mase_columns = [f"mase_{m}" for m in methods]
    best = out[mase_columns].to_numpy(dtype=float)
    has_any = ~np.all(np.isnan(best), axis=1)
    index = np.nanargmin(np.where(np.isnan(best), np.inf, best), axis=1)
    out["winner"] = [methods[i] if ok else None for i, ok in zip(index, has_any)]
    prophet = shown[shown["method"] == "prophet"]
    inside = (prophet["lower"] <= prophet["actual"]) & (prophet["actual"] <= prophet["upper"])
    out["prophet_hits"] = inside.groupby(prophet["series_id"]).sum().reindex(out.index).fillna(0).astype(int)
    out["prophet_checks"] = prophet.groupby("series_id").size().reindex(out.index).fillna(0).astype(int)
    return out.reset_index()


def pooled(forecasts: pd.DataFrame, winners_table: pd.DataFrame, methods: tuple[str, ...] = METHODS
           ) -> pd.DataFrame:
    """Return per method the pooled MASE at each horizon and over all, coverage, and the series it wins.

    Pooled MASE is the mean scaled error over every check in the pool, so each forecast
    weighs the same; a near-constant series can dominate it, so the median scaled error
    (half the checks scored below it) comes along.
    """
    rows = []
    for method in methods:
        own = forecasts[forecasts["method"] == method]
        hits, checks = interval_hits(own["actual"], own["lower"], own["upper"])
        row = {"method": method}
        for h in sorted(forecasts["horizon"].unique()):
            row[f"mase_h{int(h)}"] = own.loc[own["horizon"] == h, "scaled_error"].mean()
        row.update({"mase_all": own["scaled_error"].mean(), "median_all": own["scaled_error"].median(),
                    "checks": checks, "hits": hits,
                    "coverage": hits / checks if checks else float("nan"),
                    "series_won": int((winners_table["winner"] == method).sum())})
        rows.append(row)
    return pd.DataFrame(rows)


def grid_table(forecasts: pd.DataFrame, grid: Mapping[str, TrendSettings], settings: TrendSettings
               ) -> pd.DataFrame:
    """Return the Prophet settings tried, each with its pooled MASE per horizon and coverage; mark the best.

    `grid` maps a label to its settings (`forecasting.settings_grid`); `settings` are the
    project's, scored as 'prophet'. The best candidate has the lowest pooled MASE over all horizons.
    """
    names = {grid_method(label, settings): label for label in grid}
    table = pooled(forecasts, pd.DataFrame({"winner": []}), tuple(names)).drop(columns="series_won")
    candidates = pd.DataFrame([{"method": grid_method(label, settings), "label": label, **asdict(candidate)}
                               for label, candidate in grid.items()])
    table = candidates.merge(table, on="method")
    table["current"] = table["label"] == settings.label
    table["best"] = table["mase_all"] == table["mase_all"].min()
    return table.sort_values("mase_all", ignore_index=True)


def forward(series: pd.DataFrame, methods: Mapping[str, Method], until: int,
            min_points: int = MIN_TRAIN_YEARS + 1) -> pd.DataFrame:
    """Return each method's forecast from every series' last year to `until`, fitted on the whole series.

    Only series long enough to be backtested (`min_points`) get one: no line without its figures.
    """
    frames = []
    for (sid, family), rows in series.groupby(["series_id", "family"], sort=False):
        steps = until - int(rows["year"].max())
        if steps < 1 or len(rows) < min_points:
            continue
        for name, method in methods.items():
            ahead = method(rows[["year", "value"]].reset_index(drop=True), steps)
            frames.append(ahead.assign(series_id=sid, family=family, method=name))
    return pd.concat(frames, ignore_index=True)[["series_id", "family", "method", "year", "forecast",
                                                "lower", "upper"]]
