"""The backtest's combinations and its default line, chosen without selection bias and scored like the methods.

At each origin, per family, only the checks already known at that origin are used: the line
starts from the prior (`PRIOR`) and moves to another candidate only when a
one-sided paired Wilcoxon test, Holm-corrected over the candidates, says it is better
(`choose`); the band is split-conformal on the same known checks.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from imaging_plan.forecasting.backtesting import (
    DEFAULT,
    FORECAST_COLUMNS,
    HORIZONS,
    POOLED_METHODS,
    interval_hits,
)
from imaging_plan.forecasting.baselines import (
    COMBINATION_MEMBERS,
    COMBINATIONS,
    SINGLE_METHODS,
    band_quantiles,
    scaled_band,
)


# The default line's prior: the median combination (in the M4 competition's 23,000 yearly series
# combinations beat every single benchmark). It is drawn where no check is known yet, and kept
# unless another candidate is better on the known checks by SWITCH_ALPHA (one-sided Wilcoxon
# signed-rank, Holm-corrected over the candidates).
PRIOR = "median"
SWITCH_ALPHA = 0.05
COVERAGE = 0.8

KEYS = ["series_id", "family", "origin", "horizon", "year"]


def combination_name(how: str, prophet_method: str = "prophet") -> str:
    """Return the backtest's name of a combination: 'median' with the project's Prophet, else 'median: <label>'."""
    return how if prophet_method == "prophet" else f"{how}: {prophet_method.removeprefix('prophet: ')}"


def add_combinations(forecasts: pd.DataFrame) -> pd.DataFrame:
    """Return the forecasts with the median and mean of naive, Theta and each Prophet candidate added.

    Combined from the stored member forecasts (no refit), bounds combined the same way,
    scored on the same checks. Only checks where every member forecast are combined.
    """
    prophets = [m for m in forecasts["method"].unique() if m == "prophet" or str(m).startswith("prophet: ")]
    frames = [forecasts]
    for prophet in prophets:
        members = [*COMBINATION_MEMBERS[:-1], prophet]
        own = forecasts[forecasts["method"].isin(members)]
        wide = own.pivot_table(
            index=KEYS + ["actual", "scale"], columns="method", values=["forecast", "lower", "upper"], aggfunc="first"
        )
        wide = wide.dropna()
        if wide.empty:
            continue
        for how in COMBINATIONS:
            pick = np.median if how == "median" else np.mean
            out = wide.index.to_frame(index=False)
            for column in ("forecast", "lower", "upper"):
                out[column] = pick(wide[column][members].to_numpy(dtype=float), axis=1)
            out["method"] = combination_name(how, prophet)
            out["scaled_error"] = (out["actual"] - out["forecast"]).abs() / out["scale"].where(out["scale"] > 0)
            frames.append(out[FORECAST_COLUMNS])
    return pd.concat(frames, ignore_index=True)


def candidates(forecasts: pd.DataFrame) -> list[str]:
    """Return the default line's candidates present, simplest first (a tie goes to the simpler)."""
    present = list(dict.fromkeys(forecasts["method"]))
    order = [*SINGLE_METHODS, *COMBINATIONS]
    return [m for m in order if m in present] + [m for m in present if m not in order and m != DEFAULT]


def conformal_quantile(scaled_errors, coverage: float = COVERAGE) -> float:
    """Return the split-conformal quantile of absolute scaled errors: the ceil((n + 1) x coverage)-th smallest.

    With exchangeable errors a band of that half-width holds a new actual with at
    least `coverage` probability (Vovk et al. 2005; Angelopoulos & Bates 2021). NaN when
    there are too few errors for that rank (fewer than 4 at 80 %).
    """
    errors = np.sort(np.asarray([e for e in scaled_errors if np.isfinite(e)], dtype=float))
    rank = math.ceil((len(errors) + 1) * coverage)
    return float(errors[rank - 1]) if 0 < rank <= len(errors) else float("nan")


def switch_tests(known: pd.DataFrame, names: list[str], prior: str = PRIOR) -> pd.DataFrame:
    """Return, per candidate other than `prior`, whether its known errors beat the prior's beyond chance.

    Paired on the checks both forecast (same series, origin and horizon): a one-sided
    Wilcoxon signed-rank test that the candidate's scaled errors are lower, p-values
    Holm-corrected over the candidates tested (`statsmodels.stats.multitest`). The checks
    of one origin are not independent (three horizons, related series), so the test
    is, if anything, too ready to switch. Out: method, pairs, mean, prior_mean, p, p_holm, better.
    """
    from scipy.stats import wilcoxon
    from statsmodels.stats.multitest import multipletests

    errors = known[known["method"].isin(names)].dropna(subset=["scaled_error"])
    wide = errors.pivot_table(
        index=["series_id", "origin", "horizon"], columns="method", values="scaled_error", aggfunc="first"
    )
    rows = []
    for method in names:
        if method == prior or method not in wide or prior not in wide:
            continue
        pair = wide[[method, prior]].dropna()
        diff = (pair[method] - pair[prior]).to_numpy()
        p = float("nan")
        if np.any(diff != 0):
            p = float(wilcoxon(diff, alternative="less", zero_method="wilcox").pvalue)
        rows.append(
            {
                "method": method,
                "pairs": len(pair),
                "mean": pair[method].mean(),
                "prior_mean": pair[prior].mean(),
                "p": p,
            }
        )
    out = pd.DataFrame(rows, columns=["method", "pairs", "mean", "prior_mean", "p"])
    tested = out["p"].notna()
    out["p_holm"] = np.nan
    if tested.any():
        out.loc[tested, "p_holm"] = multipletests(out.loc[tested, "p"], method="holm")[1]
    out["better"] = (out["p_holm"] <= SWITCH_ALPHA) & (out["mean"] < out["prior_mean"])
    return out


def choose(
    known: pd.DataFrame, names: list[str], horizons: int = HORIZONS, coverage: float = COVERAGE, prior: str = PRIOR
) -> dict:
    """Return the default line's candidate on the `known` checks, and its band.

    `known` holds one family's checks that may be used (actual year <= the origin the
    choice is for). The prior is kept unless some candidates beat it beyond chance
    (`switch_tests`); of those, the one with the lowest mean scaled error on the known
    checks is taken (a tie goes to the simpler, listed first in `names`). Out: chosen,
    basis ('fallback' with no known check, 'prior', or 'evidence'), checks (of the chosen),
    p_holm (the chosen's, NaN when the prior is kept), candidates (other than the prior), q_h1..q_hH (measured band
    half-widths, scaled; NaN where too few).
    """
    scores = known[known["method"].isin(names)].groupby("method")["scaled_error"].mean().dropna()
    chosen, basis, p_holm = prior, "fallback" if scores.empty else "prior", float("nan")
    if not scores.empty:
        tests = switch_tests(known, names, prior).set_index("method")
        better = tests.index[tests["better"]]
        if len(better):
            best = scores[better].min()
            chosen = next(m for m in names if m in better and scores[m] == best)
            basis, p_holm = "evidence", float(tests.loc[chosen, "p_holm"])
    own = known[known["method"] == chosen]
    out = {
        "chosen": chosen,
        "basis": basis,
        "checks": int(own["scaled_error"].notna().sum()),
        "p_holm": p_holm,
        "candidates": sum(m != prior for m in names),
    }
    for h in range(1, horizons + 1):
        out[f"q_h{h}"] = conformal_quantile(own.loc[own["horizon"] == h, "scaled_error"], coverage)
    return out


def default_forecasts(
    forecasts: pd.DataFrame, horizons: int = HORIZONS, coverage: float = COVERAGE
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the default line's backtest forecasts and the choice made at each origin, per family.

    At each origin the family's candidate is chosen, and its band calibrated, on the checks
    whose actual year is at or before that origin (nested rolling origin): the forecast from
    that origin is out of sample. A horizon with too few known errors takes its band from
    the nearest shorter one (`baselines.band_quantiles`); with none at all the candidate's
    own interval is kept. The last row per family (origin = its last year, `drawn`) is the
    choice on every check: the line the app draws. Out: (forecasts with method 'default',
    choices: family, origin, drawn, chosen, basis, checks, p_holm, candidates, q_h1..q_hH).
    """
    names = candidates(forecasts)
    frames, choices = [], []
    for family, own in forecasts.groupby("family", sort=False):
        made = sorted(int(o) for o in own["origin"].unique())
        for origin in [*made, int(own["year"].max())]:
            choice = choose(own[own["year"] <= origin], names, horizons, coverage)
            choices.append({"family": family, "origin": origin, "drawn": origin not in made, **choice})
            if origin not in made:
                continue
            rows = own[(own["origin"] == origin) & (own["method"] == choice["chosen"])].copy()
            measured = {h: choice[f"q_h{h}"] for h in range(1, horizons + 1)}
            q = band_quantiles(measured, horizons)[rows["horizon"].to_numpy(dtype=int) - 1]
            lower, upper = scaled_band(rows["forecast"], rows["scale"], q)
            use = np.isfinite(q)  # with nothing measured the candidate's own interval stays
            rows.loc[use, "lower"], rows.loc[use, "upper"] = lower[use], upper[use]
            frames.append(rows.assign(method=DEFAULT))
    out = pd.concat(frames, ignore_index=True)[FORECAST_COLUMNS] if frames else pd.DataFrame(columns=FORECAST_COLUMNS)
    return out, pd.DataFrame(choices)


def scored_forecasts(forecasts: pd.DataFrame, default: pd.DataFrame) -> pd.DataFrame:
    """Return the forecasts a backtest stores and scores: POOLED_METHODS only (the grid is summarised apart)."""
    shown = forecasts[forecasts["method"].isin(POOLED_METHODS)]
    return pd.concat([shown, default], ignore_index=True)[FORECAST_COLUMNS]


def family_pooled(forecasts: pd.DataFrame, methods: tuple[str, ...] = POOLED_METHODS) -> pd.DataFrame:
    """Return per family and method the pooled MASE, the median scaled error, and interval coverage."""
    rows = []
    for family, own in forecasts.groupby("family", sort=False):
        for method in methods:
            mine = own[own["method"] == method]
            if mine.empty:
                continue
            hits, checks = interval_hits(mine["actual"], mine["lower"], mine["upper"])
            rows.append(
                {
                    "family": family,
                    "method": method,
                    "mase_all": mine["scaled_error"].mean(),
                    "median_all": mine["scaled_error"].median(),
                    "checks": checks,
                    "hits": hits,
                    "coverage": hits / checks if checks else float("nan"),
                }
            )
    return pd.DataFrame(rows, columns=["family", "method", "mase_all", "median_all", "checks", "hits", "coverage"])
