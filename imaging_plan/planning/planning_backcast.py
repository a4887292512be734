"""The planning models tested against history: started from an earlier year, compared with what happened.

From each origin year the physician supply (stock and flow) and the staffing
plan are rerun with only the data up to that origin and the defaults that
data gives (the recruitment flow is recalibrated on the years up to the
origin over the scenario's window; the exit rate and training time are the registry's defaults, which do
not come from the data). Each later year of the data is then compared with
what the model said. Error = modelled - actual (positive: the model said more
FTEs than there were); error_pct = 100 x error / actual.

Physicians: series = the specialty, its total FTEs (specialists + residents);
variant `with_recruitment` / `without_recruitment`. Staff: series = the role,
the regional FTEs of the series Tabell 7 has in every year; variant `trend`
(each trust's trend fitted on the years up to the origin, anchored at the
origin's figure: the default) / `target_growth` (FTEs held at the origin's
figure: the registry's 0 %/year).

Pure: the trend for the staffing plan is fitted by the caller (the notebook)
through `trend_fn`, so Prophet stays in `forecasting`.
"""

from __future__ import annotations

from typing import Callable, Mapping

import numpy as np
import pandas as pd

from imaging_plan.planning import physicians, recruitment, staffing
from imaging_plan.planning.physicians import supply_projection

COLUMNS = ["origin", "family", "series", "year", "modelled", "actual", "error", "error_pct", "variant"]
PHYSICIAN_VARIANTS = ("with_recruitment", "without_recruitment")
STAFF_VARIANTS = ("trend", "target_growth")


def origins(years, first: int, last_needed: int = 1) -> list[int]:
    """Return the origin years from `first` that leave at least `last_needed` later years to compare."""
    years = sorted(int(y) for y in years)
    return [y for y in years if y >= first and y <= years[-1] - last_needed]


def _compare(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["error"] = frame["modelled"] - frame["actual"]
    frame["error_pct"] = 100 * frame["error"] / frame["actual"].where(frame["actual"] != 0)
    return frame[COLUMNS]


def physician_backcast(ftes: pd.DataFrame, origin_years: list[int], scenario: Mapping[str, float]) -> pd.DataFrame:
    """Return the physician supply from each origin against the actual total FTEs per specialty and year.

    `scenario` gives the exit rate, training years and resident growth (the
    registry's defaults in the notebook); recruitment is recalibrated per origin.
    """
    hist = physicians.histories(ftes)
    exit_rate, training = scenario["exit_rate_pct"], int(scenario["training_years"])
    frames = []
    for origin in origin_years:
        for specialty, history in hist.items():
            known = history.loc[history.index <= origin]
            last = int(history.index.max())
            if known.empty or last <= origin:
                continue
            window = int(scenario.get("recruitment_window_years", max(recruitment.WINDOWS)))
            recruited = recruitment.calibrated_fte(known, window, exit_rate, training)
            actual = history.sum(axis=1)
            for variant, flow in zip(PHYSICIAN_VARIANTS, (recruited, 0.0)):
                supply = supply_projection(known, last, exit_rate, training, scenario["resident_growth_pct"], flow)
                later = supply[supply["year"] > origin]
                frames.append(
                    pd.DataFrame(
                        {
                            "origin": origin,
                            "family": "physicians",
                            "series": specialty,
                            "year": later["year"].to_numpy(),
                            "modelled": later["supply"].to_numpy(),
                            "actual": actual.reindex(later["year"]).to_numpy(),
                            "variant": variant,
                        }
                    )
                )
    return _compare(pd.concat(frames, ignore_index=True))


def staff_backcast(
    ftes: pd.DataFrame,
    origin_years: list[int],
    scenario: Mapping[str, float],
    trend_fn: Callable[[pd.DataFrame, int], pd.DataFrame] | None,
) -> pd.DataFrame:
    """Return the staffing plan's regional FTEs per role from each origin against the actual.

    Only series with a figure in every year of Tabell 7 count (as the regional
    history does), so both sides sum the same trusts. `trend_fn(history, horizon=until)`
    returns the trends of `staffing.trend_input`'s history (the notebook's
    fitted trend); without it only the target-growth variant is made.
    """
    complete = staffing.series_status(ftes)
    complete = complete.loc[complete["status"] == "complete", ["role", "trust"]]
    actual = (
        ftes.merge(complete, on=["role", "trust"]).groupby(["role", "year"])["fte"].sum().rename("actual").reset_index()
    )
    last = int(ftes["year"].max())
    frames = []
    for origin in origin_years:
        known = ftes[ftes["year"] <= origin]
        trend = trend_fn(staffing.trend_input(known), horizon=last) if trend_fn is not None else None
        for variant in STAFF_VARIANTS:
            if variant == "trend" and trend is None:
                continue
            own = {
                **scenario,
                "horizon": last,
                "staff_follow_trend": int(variant == "trend"),
                "staff_target_growth_pct": 0.0,
            }
            path = staffing.planned_ftes(known, trend, own).merge(complete, on=["role", "trust"])
            path = path[path["year"] > origin]
            modelled = path.groupby(["role", "year"], sort=False)["fte"].sum().rename("modelled").reset_index()
            both = modelled.merge(actual, on=["role", "year"])
            frames.append(
                both.rename(columns={"role": "series"}).assign(origin=origin, family="staff", variant=variant)
            )
    return _compare(pd.concat(frames, ignore_index=True))


def backcast(
    tables: Mapping[str, pd.DataFrame],
    origin_years: list[int],
    scenario: Mapping[str, float],
    trend_fn: Callable[..., pd.DataFrame] | None,
) -> pd.DataFrame:
    """Return the physician and the staffing backcast together (`physician_backcast`, `staff_backcast`)."""
    return pd.concat(
        [
            physician_backcast(tables["physician_ftes"], origin_years, scenario),
            staff_backcast(tables["staff_ftes"], origin_years, scenario, trend_fn),
        ],
        ignore_index=True,
    )


def summary(backcast: pd.DataFrame) -> pd.DataFrame:
    """Return per family, series, variant and years ahead: mean error and mean absolute error in %."""
    ahead = backcast.assign(ahead=backcast["year"] - backcast["origin"])
    return (
        ahead.groupby(["family", "series", "variant", "ahead"], sort=False)
        .agg(
            checks=("error", "size"),
            mean_error=("error", "mean"),
            mean_error_pct=("error_pct", "mean"),
            mean_abs_error_pct=("error_pct", lambda s: np.abs(s).mean()),
        )
        .reset_index()
    )


COVERAGE_COLUMNS = ["origin", "specialty", "year", "ahead", "p10", "p50", "p90", "actual", "covered"]


def supply_interval_coverage(
    ftes: pd.DataFrame, origin_years: list[int], scenario: Mapping[str, float], n: int = 1000, seed: int = 2025
) -> pd.DataFrame:
    """Return, from each origin, the supply's 80 % interval per later year beside the actual FTEs.

    The supply side of the Monte Carlo (`uncertainty.draws`: exit rate, training years and the
    recruitment window drawn around the scenario's values, recruitment calibrated per draw on
    the years up to the origin) with only the data up to the origin. covered: the actual total
    FTEs lie within p10-p90. Checks the interval's spread against what happened, by lead time.
    """
    from imaging_plan.planning import uncertainty  # uncertainty imports this module's neighbours only

    fill = {"use_growth_pct": 0.0, "ai_gain_pct": 0.0, "ai_full_year": 2040, "recruitment_window_years": 10}
    drawn = uncertainty.draws({**fill, **scenario}, n, seed)
    rows = []
    for origin in origin_years:
        for specialty, history in physicians.histories(ftes).items():
            known = history.loc[history.index <= origin]
            last = int(history.index.max())
            if len(known) < 2 or last <= origin:
                continue
            recruited = recruitment.recruited_per_draw(
                lambda window, known=known: recruitment.calibration(known, window),
                drawn.window,
                drawn.exit_rate_pct,
                drawn.training_years,
            )
            paths = physicians.supply_paths(
                known, last, drawn.exit_rate_pct, drawn.training_years, scenario["resident_growth_pct"], recruited
            )
            supply = paths["specialists"] + paths["residents"]
            p10, p50, p90 = np.percentile(supply, [10, 50, 90], axis=0)
            actual = history.sum(axis=1)
            for k, year in enumerate(paths["year"]):
                if year <= origin:
                    continue
                truth = float(actual.get(int(year), np.nan))
                rows.append(
                    (
                        origin,
                        specialty,
                        int(year),
                        int(year) - origin,
                        p10[k],
                        p50[k],
                        p90[k],
                        truth,
                        bool(p10[k] <= truth <= p90[k]),
                    )
                )
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)
