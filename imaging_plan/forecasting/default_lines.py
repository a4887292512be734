"""The line every page draws by default: one definition per family, exactly as the backtest scored it.

Per family (physicians, staff, inflow) a `DefaultLine` names the method (a single
method or a combination of naive, Theta and Prophet), Prophet's settings and the
band's scaled half-widths 1 to 3 years ahead. All three come from notebook 05's nested
rolling-origin backtest (`backtest_default.default_forecasts`: its choice on every check,
the row marked `drawn`); the Model quality page says when a later backtest chooses
otherwise. The notebooks call the functions below, so what they store is what was
scored: the same `baselines` code, the same settings, the same band.

The band: forecast -/+ q_h x the series' mean absolute yearly change (the MASE scale),
q_h the split-conformal 80 % quantile of the backtest's scaled errors h years ahead;
beyond the last measured horizon it grows as sqrt(h) (assumption: nothing further
ahead was measured). Never below zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from imaging_plan.planning.assumptions import ASSUMPTIONS
from imaging_plan.forecasting.baselines import band_quantiles, method_forecast, naive_scale, scaled_band
from imaging_plan.forecasting.trends import MIN_POINTS, MIN_PROPHET_POINTS, TrendSettings, simple_trend
from imaging_plan.forecasting.trends import approval_trends  # noqa: F401  (notebook 02 reaches the approvals' trend from here)

FAMILY_OF_NOTEBOOK = {
    "01_forecast_physician_ftes.ipynb": "physicians",
    "02_forecast_specialist_inflow.ipynb": "inflow",
    "03_forecast_radiographer_turnover.ipynb": "staff",
}


@dataclass(frozen=True)
class DefaultLine:
    """The default line of one family: method, Prophet's settings, and the band per horizon (scaled)."""

    method: str
    band: tuple[float, ...]
    settings: TrendSettings = field(default_factory=TrendSettings)

    @property
    def name(self) -> str:
        """Return the backtest's name of this candidate: 'median', or 'median: <settings>' off the project's."""
        if self.method in ("naive", "drift", "theta") or self.settings.label == TrendSettings().label:
            return self.method
        return f"{self.method}: {self.settings.label}"

    def forecast(self, history: pd.DataFrame, steps: int) -> pd.DataFrame:
        """Return the next `steps` years: year, forecast, lower, upper (the calibrated 80 % band)."""
        ahead = method_forecast(self.method, history, steps, self.settings)
        quantiles = band_quantiles(dict(enumerate(self.band, start=1)), steps)
        scale = naive_scale(history.dropna(subset=["value"]).sort_values("year")["value"])
        ahead["lower"], ahead["upper"] = scaled_band(ahead["forecast"], scale, quantiles)
        return ahead


# Chosen by notebook 05 on the plan's tables with the Prophet grid (every check up to 2025: the
# `drawn` rows of default_choices.csv, band = their q_h1..q_h3, rounded); README, "Forecast
# quality", gives the scores. In every family no candidate beat the prior (the median of naive,
# Theta and Prophet with the project's settings) beyond chance, so the prior is drawn.
DEFAULT_LINES: dict[str, DefaultLine] = {
    "physicians": DefaultLine("median", (1.80, 2.97, 3.31)),
    "staff": DefaultLine("median", (1.28, 1.95, 2.03)),
    "inflow": DefaultLine("median", (2.42, 1.80, 2.16)),
}


def default_trend(history: pd.DataFrame, horizon: int, line: DefaultLine) -> pd.DataFrame:
    """Return a series' default line to `horizon` beside its history, in the notebooks' trend shape.

    Out: year (first year to horizon), value (observed), trend, trend_lower, trend_upper.
    The line starts at the last observed year, at the observed value, so it joins the
    history; before that it is empty (no in-sample fit is drawn).
    """
    series = history.dropna(subset=["value"]).sort_values("year")
    last = int(series["year"].max())
    steps = max(horizon - last, 1)
    ahead = line.forecast(series[["year", "value"]].reset_index(drop=True), steps)
    start = pd.DataFrame({"year": [last], "forecast": [float(series["value"].iloc[-1])]})
    start["lower"] = start["upper"] = start["forecast"]
    line_rows = pd.concat([start, ahead], ignore_index=True).rename(
        columns={"forecast": "trend", "lower": "trend_lower", "upper": "trend_upper"}
    )
    years = pd.DataFrame({"year": np.arange(int(series["year"].min()), last + steps + 1)})
    out = years.merge(series[["year", "value"]].astype({"year": int}), on="year", how="left")
    return out.merge(line_rows.astype({"year": int}), on="year", how="left")[
        ["year", "value", "trend", "trend_lower", "trend_upper"]
    ]


def physician_trends(ftes: pd.DataFrame, horizon: int, line: DefaultLine = DEFAULT_LINES["physicians"]) -> pd.DataFrame:
    """Return the default line of each specialty's total and of each category.

    Out: specialty, series ('total' or a category), year, fte, trend, trend_lower, trend_upper.
    """
    frames = []
    for specialty, rows in ftes.groupby("specialty", sort=True):
        series = {"total": rows.groupby("year", as_index=False)["fte"].sum()}
        for category, cat_rows in rows.groupby("category", sort=True):
            series[category] = cat_rows[["year", "fte"]]
        for name, frame in series.items():
            trend = default_trend(frame.rename(columns={"fte": "value"}), horizon, line)
            trend.insert(0, "series", name)
            trend.insert(0, "specialty", specialty)
            frames.append(trend.rename(columns={"value": "fte"}))
    return pd.concat(frames, ignore_index=True)


def series_trends(
    history: pd.DataFrame,
    keys: list[str],
    value: str,
    horizon: int,
    line: DefaultLine = DEFAULT_LINES["staff"],
    min_prophet_points: int = MIN_PROPHET_POINTS,
) -> pd.DataFrame:
    """Return a trend per series (one series per combination of `keys`), saying which method made it.

    Series with at least `min_prophet_points` observed years get the family's default
    line ('default'); shorter ones the simpler method of `simple_trend`; series with no
    observed value get none. Missing values are never filled: a series that ends early
    is fitted on the years it has. Out: keys, year, `value`, trend, trend_lower,
    trend_upper, method, last_observed.
    """
    frames = []
    for group, rows in history.groupby(keys, sort=True):
        series = rows[["year", value]].rename(columns={value: "value"}).dropna(subset=["value"])
        if series.empty:
            continue
        if len(series) >= max(min_prophet_points, MIN_POINTS):
            trend, method = default_trend(series, horizon, line), "default"
        else:
            trend, method = simple_trend(series, horizon)
        for key, part in zip(keys, group if isinstance(group, tuple) else (group,)):
            trend[key] = part
        trend["method"] = method
        trend["last_observed"] = int(series["year"].max())
        frames.append(trend.rename(columns={"value": value}))
    return pd.concat(frames, ignore_index=True)[
        [*keys, "year", value, "trend", "trend_lower", "trend_upper", "method", "last_observed"]
    ]


def inflow_trends(
    parts: pd.DataFrame,
    horizon: int,
    line: DefaultLine = DEFAULT_LINES["inflow"],
    exit_rate_pct: float = ASSUMPTIONS["exit_rate_pct"].default,
    specialists_line: DefaultLine = DEFAULT_LINES["physicians"],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the inflow's default line split into the two parts the app adds up, and their status.

    `parts` is `specialist_inflow.inflow_parts(hist)` (growth and specialists S per
    specialty). The inflow at `exit_rate_pct`, growth(t) + rate x S(t-1), is the series the
    backtest scored; its default line F and band are computed on it. Stored as parts so
    that `specialist_inflow.forecast_inflow` (growth + rate x S(t-1)) gives back exactly F
    at this exit rate: specialists = S's own default line (the physicians family's), growth
    = F - rate x S. At another exit rate the app adds the difference in exits on S's line
    (not itself scored). A specialty with fewer than MIN_POINTS inflow years gets none.
    Out: (specialty, part, year, value, trend, trend_lower, trend_upper) and
    (specialty, part, points, fitted).
    """
    rate = exit_rate_pct / 100
    frames, status = [], []
    columns = ["specialty", "part", "year", "value", "trend", "trend_lower", "trend_upper"]
    for specialty, rows in parts.groupby("specialty", sort=False):
        growth = rows[rows["part"] == "growth"].set_index("year")["value"].dropna()
        stock = rows[rows["part"] == "specialists"].set_index("year")["value"].dropna()
        fitted = len(growth) >= MIN_POINTS and len(stock) >= MIN_POINTS
        status += [
            {"specialty": specialty, "part": "specialists", "points": len(stock), "fitted": fitted},
            {"specialty": specialty, "part": "growth", "points": len(growth), "fitted": fitted},
        ]
        if not fitted:
            continue
        inflow = (growth + rate * stock.reindex(growth.index - 1).to_numpy()).dropna()  # at this exit rate
        inflow = pd.DataFrame({"year": inflow.index.astype(int), "value": inflow.to_numpy()})
        total = default_trend(inflow, horizon, line).set_index("year")
        s_line = default_trend(
            pd.DataFrame({"year": stock.index.astype(int), "value": stock.to_numpy()}), horizon, specialists_line
        ).set_index("year")
        s_before = s_line["trend"].shift(1)  # S's line a year earlier, per year
        g = pd.DataFrame({"value": growth.reindex(total.index)})
        for column in ("trend", "trend_lower", "trend_upper"):
            g[column] = total[column] - rate * s_before.reindex(total.index)
        g.loc[g.index <= int(inflow["year"].max()), ["trend", "trend_lower", "trend_upper"]] = np.nan
        s = s_line[["value", "trend"]].assign(trend_lower=s_line["trend"], trend_upper=s_line["trend"])
        frames.append(s.reset_index().assign(specialty=specialty, part="specialists"))
        frames.append(g.reset_index().assign(specialty=specialty, part="growth"))
    trends = pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)
    return trends, pd.DataFrame(status, columns=["specialty", "part", "points", "fitted"])


def default_line(family: str, settings: TrendSettings | None = None) -> DefaultLine:
    """Return a family's default line, with Prophet's `settings` as a notebook declares them (else the scored ones)."""
    if family not in DEFAULT_LINES:
        raise ValueError(f"unknown family '{family}'; known: {', '.join(DEFAULT_LINES)}")
    line = DEFAULT_LINES[family]
    return line if settings is None else replace(line, settings=settings)
