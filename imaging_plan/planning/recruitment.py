"""Recruitment from outside the region's own training, calibrated on Tabell 6 for the scenario.

The supply model has three flows into and out of the specialist stock: exits (the exit rate),
own finishers (residents completing after the training years) and specialists recruited from
outside (other regions, abroad, or fewer leavers than the exit rate says). The history gives the
sum of the flows each year:

    inflow(t) = S(t) - S(t-1) + exit rate x S(t-1),      S = specialist FTEs
    own finishers(t) = residents(t - training years) / training years
    recruited(t) = inflow(t) - own finishers(t)

so recruitment depends on the exit rate and the training years the scenario holds: a higher exit
rate means more specialists came in to keep the stock where it was. `calibration` returns the
parts of that mean once per window, so the recruitment at any exit rate is
`growth + rate x stock - own[training years]` (linear in the rate: a vector of draws costs one
multiplication). The calibration window (the latest W years) is an assumption; `window_backcast`
chooses its default out of sample: from origins 2018-2020, the window whose calibration brought
the supply closest to the last year of the data.

Pure functions of DataFrames and numpy; no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd

WINDOWS = (3, 5, 10)  # the windows the backcast compares and the page shows
BACKCAST_ORIGINS = (2018, 2019, 2020)  # origins with five or more years to the data's last year
TRAINING_RANGE = range(1, 13)  # training years the calibration is made for (the slider's 3-8 and the draws')


@dataclass(frozen=True)
class Calibration:
    """The means over one window that make recruitment at any exit rate and training time."""

    window: int  # years asked for
    years: tuple[int, int]  # first and last year of the derived inflow used
    growth: float  # mean S(t) - S(t-1)
    stock: float  # mean S(t-1)
    own: Mapping[int, float]  # training years -> mean own finishers

    def recruited(self, exit_rate_pct, training_years):
        """Return the mean yearly recruitment (FTEs) at this exit rate and training time (arrays welcome)."""
        own = np.vectorize(self.own.__getitem__, otypes=[float])(np.asarray(training_years, dtype=int))
        return self.growth + np.asarray(exit_rate_pct, dtype=float) / 100 * self.stock - own


def _finishers(residents: pd.Series, years: np.ndarray, training_years: int) -> np.ndarray:
    """Return residents(year - training years) / training years, as the supply model counts own finishers."""
    from imaging_plan.planning.physicians import resident_posts  # physicians imports this module

    return resident_posts(residents, np.asarray(years) - training_years, 0.0).to_numpy() / training_years


def recruited_per_draw(calibrate, window, exit_rate_pct, training_years) -> np.ndarray:
    """Return each draw's yearly recruitment: `calibrate(window)` (a Calibration) at the draw's rate and training.

    One calibration per distinct window in the draws, so a thousand draws cost three.
    """
    window, training = np.asarray(window, dtype=int), np.asarray(training_years, dtype=int)
    rate = np.asarray(exit_rate_pct, dtype=float)
    out = np.empty(len(window))
    for w in np.unique(window):
        pick = window == w
        out[pick] = calibrate(int(w)).recruited(rate[pick], training[pick])
    return out


def calibration(history: pd.DataFrame, window: int) -> Calibration:
    """Return the calibration of one specialty's history over its latest `window` derived years.

    `history`: specialists and residents per year (`physicians.specialist_and_resident_history`);
    a year whose previous year is missing is left out, as in `specialist_inflow.derived_inflow`.
    A window longer than the history uses what there is.
    """
    if window < 1:
        raise ValueError(f"parameter 'recruitment_window_years': {window} must be at least 1")
    s = history["specialists"]
    full = s.reindex(range(int(s.index.min()), int(s.index.max()) + 1))
    before = full.shift(1)
    keep = full.notna() & before.notna()
    years = full.index[keep].to_numpy()
    if len(years) == 0:
        raise ValueError("recruitment: the physician FTEs need two consecutive years to calibrate on")
    years = years[-window:]
    growth = (full - before).loc[years].to_numpy()
    stock = before.loc[years].to_numpy()
    own = {t: float(_finishers(history["residents"], years, t).mean()) for t in TRAINING_RANGE}
    return Calibration(window, (int(years[0]), int(years[-1])), float(growth.mean()), float(stock.mean()), own)


def calibrated_fte(history: pd.DataFrame, window: int, exit_rate_pct: float, training_years: int) -> float:
    """Return the yearly recruitment (FTEs) calibrated on the latest `window` years at this exit rate and training."""
    return float(calibration(history, window).recruited(exit_rate_pct, training_years))


def by_period(
    hist: Mapping[str, pd.DataFrame], exit_rate_pct: float, training_years: int, windows=WINDOWS
) -> pd.DataFrame:
    """Return the calibrated recruitment per specialty over each window, so a reader sees where it went."""
    rows = []
    for specialty, history in hist.items():
        for window in windows:
            cal = calibration(history, window)
            rows.append(
                {
                    "specialty": specialty,
                    "window": window,
                    "first": cal.years[0],
                    "last": cal.years[1],
                    "recruited": float(cal.recruited(exit_rate_pct, training_years)),
                }
            )
    return pd.DataFrame(rows)


def window_backcast(
    hist: Mapping[str, pd.DataFrame],
    exit_rate_pct: float,
    training_years: int,
    resident_growth_pct: float = 0.0,
    windows=WINDOWS,
    origins=BACKCAST_ORIGINS,
) -> pd.DataFrame:
    """Return, per window, origin and specialty, the supply at the data's last year against the actual.

    From each origin only the years up to it are known: recruitment is calibrated on them over
    the window, and the supply is projected to the last year of the data. error_pct = 100 x
    (modelled - actual) / actual.
    """
    from imaging_plan.planning.physicians import supply_projection  # physicians imports this module

    rows = []
    for window in windows:
        for origin in origins:
            for specialty, history in hist.items():
                known = history.loc[history.index <= origin]
                last = int(history.index.max())
                if len(known) < 2 or last <= origin:
                    continue
                flow = calibrated_fte(known, window, exit_rate_pct, training_years)
                supply = supply_projection(known, last, exit_rate_pct, training_years, resident_growth_pct, flow)
                modelled = float(supply["supply"].iloc[-1])
                actual = float(history.loc[last].sum())
                rows.append(
                    {
                        "window": window,
                        "origin": origin,
                        "specialty": specialty,
                        "year": last,
                        "recruited": flow,
                        "modelled": modelled,
                        "actual": actual,
                        "error_pct": 100 * (modelled - actual) / actual,
                    }
                )
    return pd.DataFrame(rows)


def best_window(backcast: pd.DataFrame) -> int:
    """Return the window with the lowest mean absolute % error over the backcast's checks (ties: the longer)."""
    score = backcast.assign(abs_error=backcast["error_pct"].abs()).groupby("window")["abs_error"].mean()
    return int(score[score == score.min()].index.max())
