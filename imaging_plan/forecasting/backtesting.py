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

Methods are passed in (see `baselines.forecast_methods`): this module only slices,
scores and summarises, so the app can import it without fitting anything. Every fit
goes through `run_fits`, one map over (series, origin, method) jobs.

The default line (`backtest_default.default_forecasts`) is chosen without selection bias: at each
origin, per family, only the checks already known at that origin (actual year <= origin)
are used. The line starts from a prior, the median of naive, Theta and Prophet, and moves
to another candidate only when that candidate's known scaled errors are lower than the
prior's by a one-sided paired Wilcoxon signed-rank test at 5 %, Holm-corrected over the
candidates (`backtest_default.choose`): picking the lowest mean among a dozen candidates on a few dozen
checks mostly picks noise. The band is calibrated on the same known checks
(split-conformal on scaled absolute errors per horizon). The default's score is
therefore out of sample: it is made only from forecasts at origins later than every
error it was chosen on.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Callable, Iterable, Mapping, NamedTuple

import numpy as np
import pandas as pd

from imaging_plan.planning import physicians
from imaging_plan.planning import specialist_inflow as si
from imaging_plan.forecasting.baselines import (
    COMBINATIONS,
    grid_method,
    naive_scale,
)
from imaging_plan.forecasting.trends import TrendSettings

FAMILIES = ("physicians", "staff", "inflow")
# The methods compared per series, simplest first: a tie goes to the simpler method.
METHODS = ("naive", "drift", "theta", "prophet")
MIN_TRAIN_YEARS = 6
HORIZONS = 3
MAPE_MIN_ACTUAL = 5.0
DEFAULT = "default"
# What pooled.csv scores, on the same checks: the single methods, the combinations, the default line.
POOLED_METHODS = (*METHODS, *COMBINATIONS, DEFAULT)
SERIES_COLUMNS = ["series_id", "family", "year", "value"]
FORECAST_COLUMNS = [
    "series_id",
    "family",
    "method",
    "origin",
    "horizon",
    "year",
    "forecast",
    "lower",
    "upper",
    "actual",
    "scale",
    "scaled_error",
]

Method = Callable[[pd.DataFrame, int], pd.DataFrame]


def series_id(*parts: str) -> str:
    """Return the id of a series from its parts: ('staff', 'OUS', 'radiographer') -> 'staff:OUS:radiographer'."""
    return ":".join(parts)


def _long(frame: pd.DataFrame, family: str, id_parts: list[str], value: str) -> pd.DataFrame:
    ids = frame[id_parts].astype(str).agg(":".join, axis=1)
    out = pd.DataFrame(
        {
            "series_id": family + ":" + ids,
            "family": family,
            "year": frame["year"].astype(int),
            "value": frame[value].astype(float),
        }
    )
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

    `specialist_inflow.derived_inflow`: inflow(t) = S(t) - S(t-1) + exit_rate * S(t-1);
    a year after a gap in the data gets none.
    """
    return si.derived_inflow(physicians.histories(ftes), exit_rate_pct)


def inflow_series(ftes: pd.DataFrame, exit_rate_pct: float) -> pd.DataFrame:
    """Return the derived specialist inflow per specialty as series."""
    return _long(specialist_inflow(ftes, exit_rate_pct), "inflow", ["specialty"], "inflow")


def build_series(
    tables: Mapping[str, pd.DataFrame], exit_rate_pct: float, families: tuple[str, ...] = FAMILIES
) -> pd.DataFrame:
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
    return years[min_train - 1 : -1]


def overview(series: pd.DataFrame, min_train: int = MIN_TRAIN_YEARS) -> pd.DataFrame:
    """Return per series: points, first and last year, origins, and whether it can be backtested."""
    rows = []
    for sid, rows_of in series.groupby("series_id", sort=False):
        years = rows_of["year"]
        rows.append(
            {
                "series_id": sid,
                "family": rows_of["family"].iloc[0],
                "points": len(rows_of),
                "first_year": int(years.min()),
                "last_year": int(years.max()),
                "origins": len(origins(years, min_train)),
                "backtestable": len(rows_of) >= min_train + 1,
            }
        )
    return pd.DataFrame(rows)


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


class FitJob(NamedTuple):
    """One fit of a backtest: a method on a series' history up to an origin, `steps` years ahead."""

    series_id: str
    family: str
    origin: int
    train: pd.DataFrame
    method: str
    fit: Method
    steps: int


def run_job(job: FitJob) -> pd.DataFrame:
    """Return one job's forecast (year, forecast, lower, upper)."""
    return job.fit(job.train.copy(), job.steps)


# Imported once by the fork server that starts the worker processes, not by every worker.
PRELOAD = (
    "imaging_plan.forecasting.trends",
    "imaging_plan.forecasting.baselines",
    "prophet",
    "statsmodels.tsa.forecasting.theta",
)


def run_fits(
    jobs: Iterable[FitJob],
    fit: Callable[[FitJob], pd.DataFrame] = run_job,
    workers: int | None = 1,
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[pd.DataFrame]:
    """Return `fit` of every job, in job order: the one place a backtest fits.

    In this process (`workers` 1), on local processes (None or 0: all cores) or on the Dask
    cluster at `scheduler`, with the same results (`parallel.map_jobs`, a seed per job).
    `progress(done, total)` counts the fits as they finish.
    """
    from imaging_plan.forecasting.parallel import map_jobs

    tick = (lambda done, total, _index: progress(done, total)) if progress else None
    return map_jobs(fit, list(jobs), workers=workers, scheduler=scheduler, progress=tick, preload=PRELOAD)


def fit_jobs(
    series: pd.DataFrame, methods: Mapping[str, Method], min_train: int = MIN_TRAIN_YEARS, horizons: int = HORIZONS
) -> list[FitJob]:
    """Return the jobs of a rolling-origin backtest: each series, origin and method.

    Each job holds only the years up to its origin (the slice is cut here, before any
    method is called).
    """
    jobs = []
    for (sid, family), rows in series.groupby(["series_id", "family"], sort=False):
        history = rows.sort_values("year")
        for origin in origins(history["year"], min_train):
            train = history[history["year"] <= origin][["year", "value"]].reset_index(drop=True)
            jobs.extend(FitJob(sid, family, origin, train, name, method, horizons) for name, method in methods.items())
    return jobs


def _scored(series: pd.DataFrame, jobs: list[FitJob], results: list[pd.DataFrame]) -> pd.DataFrame:
    """Return the jobs' forecasts beside what happened: actual, scale and scaled error."""
    actuals = {(sid, int(y)): float(v) for sid, y, v in series[["series_id", "year", "value"]].itertuples(index=False)}
    frames = []
    for job, ahead in zip(jobs, results):
        ahead = ahead[[(job.series_id, int(y)) in actuals for y in ahead["year"]]].copy()
        ahead["actual"] = [actuals[(job.series_id, int(y))] for y in ahead["year"]]
        ahead.insert(0, "horizon", ahead["year"] - job.origin)
        ahead.insert(0, "origin", job.origin)
        ahead.insert(0, "method", job.method)
        ahead.insert(0, "family", job.family)
        ahead.insert(0, "series_id", job.series_id)
        ahead["scale"] = naive_scale(job.train["value"])
        frames.append(ahead)
    if not frames:
        return pd.DataFrame(columns=FORECAST_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out["scaled_error"] = (out["actual"] - out["forecast"]).abs() / out["scale"].where(out["scale"] > 0)
    return out[FORECAST_COLUMNS]


def backtest_series(
    history: pd.DataFrame, methods: Mapping[str, Method], min_train: int = MIN_TRAIN_YEARS, horizons: int = HORIZONS
) -> pd.DataFrame:
    """Return every method's forecasts from every origin of one series, beside what happened.

    Each method sees only the years up to its origin. Out: method, origin, horizon, year,
    forecast, lower, upper, actual, scale (the origin's in-sample naive MAE) and
    scaled_error (|actual - forecast| / scale).
    """
    series = history.assign(series_id="one", family="one")
    out = rolling_origin(series, methods, min_train, horizons)
    return out.drop(columns=["series_id", "family"]).reset_index(drop=True)


def rolling_origin(
    series: pd.DataFrame,
    methods: Mapping[str, Method],
    min_train: int = MIN_TRAIN_YEARS,
    horizons: int = HORIZONS,
    fit: Callable[[FitJob], pd.DataFrame] = run_job,
    workers: int | None = 1,
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> pd.DataFrame:
    """Return the backtest forecasts of every series (see `backtest_series`), with series_id and family.

    One fit per series, origin and method, run through `run_fits` (here, on `workers` local
    processes or on the Dask cluster at `scheduler`, with the same result).
    """
    jobs = fit_jobs(series, methods, min_train, horizons)
    return _scored(series, jobs, run_fits(jobs, fit, workers, scheduler, progress))


def _scores(rows: pd.DataFrame, mape_min_actual: float) -> dict:
    hits, checks = interval_hits(rows["actual"], rows["lower"], rows["upper"])
    mape_value, mape_checks = mape(rows["actual"], rows["forecast"], mape_min_actual)
    scaled = rows["scaled_error"].dropna()
    return {
        "checks": checks,
        "mase": float(scaled.mean()) if len(scaled) else float("nan"),
        "mase_checks": len(scaled),
        "mape": mape_value,
        "mape_checks": mape_checks,
        "hits": hits,
        "coverage": hits / checks if checks else float("nan"),
    }


def accuracy(forecasts: pd.DataFrame, mape_min_actual: float = MAPE_MIN_ACTUAL) -> pd.DataFrame:
    """Return MASE, MAPE and interval coverage (hits / checks) per series, method and horizon."""
    rows = [
        {
            "series_id": sid,
            "family": family,
            "method": method,
            "horizon": int(horizon),
            **_scores(group, mape_min_actual),
        }
        for (sid, family, method, horizon), group in forecasts.groupby(
            ["series_id", "family", "method", "horizon"], sort=False
        )
    ]
    return pd.DataFrame(rows)


def winners(forecasts: pd.DataFrame, overview_table: pd.DataFrame, methods: tuple[str, ...] = METHODS) -> pd.DataFrame:
    """Return per series each method's MASE pooled over horizons and origins, and the winner (lowest).

    A tie goes to the method listed first (the simpler one). Series that cannot be
    backtested are listed with no MASE and no winner. Prophet's interval hits and checks
    come along, and where the forecasts hold the default line (what the pages draw) its
    MASE, hits and checks too, outside the contest.
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
    for method in ("prophet", DEFAULT):
        own = forecasts[forecasts["method"] == method]
        if method == DEFAULT and own.empty:
            continue
        if method == DEFAULT:  # beside the singles, never competing with them
            out[f"mase_{DEFAULT}"] = own.groupby("series_id")["scaled_error"].mean().reindex(out.index)
        inside = (own["lower"] <= own["actual"]) & (own["actual"] <= own["upper"])
        out[f"{method}_hits"] = inside.groupby(own["series_id"]).sum().reindex(out.index).fillna(0).astype(int)
        out[f"{method}_checks"] = own.groupby("series_id").size().reindex(out.index).fillna(0).astype(int)
    return out.reset_index()


def pooled(forecasts: pd.DataFrame, winners_table: pd.DataFrame, methods: tuple[str, ...] = METHODS) -> pd.DataFrame:
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
        row.update(
            {
                "mase_all": own["scaled_error"].mean(),
                "median_all": own["scaled_error"].median(),
                "checks": checks,
                "hits": hits,
                "coverage": hits / checks if checks else float("nan"),
                # only the single methods compete for a series; the others get no count
                "series_won": int((winners_table["winner"] == method).sum()) if method in METHODS else float("nan"),
            }
        )
        rows.append(row)
    return pd.DataFrame(rows)


def grid_table(forecasts: pd.DataFrame, grid: Mapping[str, TrendSettings], settings: TrendSettings) -> pd.DataFrame:
    """Return the Prophet settings tried, each with its pooled MASE per horizon and coverage; mark the best.

    `grid` maps a label to its settings (`forecasting.settings_grid`); `settings` are the
    project's, scored as 'prophet'. The best candidate has the lowest pooled MASE over all horizons.
    """
    names = {grid_method(label, settings): label for label in grid}
    table = pooled(forecasts, pd.DataFrame({"winner": []}), tuple(names)).drop(columns="series_won")
    candidates = pd.DataFrame(
        [
            {"method": grid_method(label, settings), "label": label, **asdict(candidate)}
            for label, candidate in grid.items()
        ]
    )
    table = candidates.merge(table, on="method")
    table["current"] = table["label"] == settings.label
    table["best"] = table["mase_all"] == table["mase_all"].min()
    return table.sort_values("mase_all", ignore_index=True)


def forward(
    series: pd.DataFrame, methods: Mapping[str, Method], until: int, min_points: int = MIN_TRAIN_YEARS + 1
) -> pd.DataFrame:
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
    return pd.concat(frames, ignore_index=True)[["series_id", "family", "method", "year", "forecast", "lower", "upper"]]
