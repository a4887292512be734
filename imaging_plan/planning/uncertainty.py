"""The interval on every headline: a seeded Monte Carlo over the assumptions that move the gap.

Each assumption in `RANGES` gets a stated 10th-90th percentile range around the scenario's own
value, with its source or reasoning; draws are normal with that spread (whole years rounded,
bounds clipped), independent of each other, so the median stays at the scenario's value and the
board reads the scenario's figure with its spread. The population draws move between Statistics
Norway's alternatives (low and high read as the 10th and 90th percentiles); the recruitment
window is drawn among 3, 5 and 10 years, each calibrated for the draw's exit rate and training.

`physicians.simulate` runs all draws at once (numpy over the draws), so 1,000 draws cost a few
milliseconds. `interval` gives p10/p50/p90 per specialty, year and measure; `sensitivity` the
tornado (the gap with one assumption at its p10 and at its p90, the rest at the scenario); and
`waterfall` the steps from the base year's FTEs to the horizon's need and supply.

Pure: no Streamlit.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd

from imaging_plan.planning import physicians, recruitment
from imaging_plan.data.codes import SPECIALTIES

DRAWS = 1000
SEED = 2025
INTERVAL_MEASURES = ("gap", "specialists_gap", "residents_gap", "supply", "need", "new_specialists")
INTERVAL_COLUMNS = ["specialty", "year", "measure", "p10", "p50", "p90"]
SENSITIVITY_COLUMNS = ["specialty", "year", "assumption", "low_value", "high_value", "gap_at_low", "gap_at_high"]


@dataclass(frozen=True)
class Range:
    """An assumption's p10-p90 range: the scenario's value minus `below` and plus `above`."""

    key: str  # the scenario key (or a name of the draw's own for the population and the window)
    below: float
    above: float
    lower: float  # bounds the draws are clipped to
    upper: float
    source: str
    whole: bool = False  # drawn in whole numbers


RANGES: dict[str, Range] = {
    r.key: r
    for r in [
        Range(
            "exit_rate_pct",
            0.8,
            0.8,
            0.0,
            10.0,
            "Assumption: a 25- to 40-year specialist career (1/40 = 2.5 %, 1/25 = 4.0 %) around the scenario's "
            "rate; the plan gives no exit figures.",
        ),
        Range(
            "training_years",
            0.0,
            1.0,
            3,
            12,
            "Assumption: LiS 2-3 take at least five years (spesialistforskriften), and part-time, leave and "
            "research make some take longer: p10 the scenario's years, p90 one more.",
            whole=True,
        ),
        Range(
            "recruitment_window_years",
            0,
            0,
            1,
            10,
            "Half the draws keep the scenario's calibration window; the other half are shared evenly among "
            "the other windows of 3, 5 and 10 years: the backcast (notebook 06) cannot tell 5 from 10 "
            "(before 2020 at most five years are known) and finds 3 worse, while the latest years "
            "recruited far less (recruitment.by_period).",
            whole=True,
        ),
        Range(
            "use_growth_pct",
            1.0,
            1.0,
            -2.0,
            5.0,
            "Assumption: +/- 1 point around the scenario's rate. Norway's exams a year fell 0.5 %/year in "
            "2015-21 (workload SOURCES.md 7.3) while the plan's outpatient activity rose 24 % in 2015-2024; "
            "the UK's imaging demand grows over 5 %/year (7.6).",
        ),
        Range(
            "use_growth_nuclear_medicine_pct",
            1.5,
            1.5,
            -2.0,
            8.0,
            "Assumption: +/- 1.5 points, wider than radiology's: PET/CT grew 15-19 %/year in 2008-2015 "
            "(SOURCES.md 7.5) and theranostics is new, while conventional nuclear medicine falls.",
        ),
        Range(
            "population_scenario",
            1.0,
            1.0,
            -3.0,
            3.0,
            "Statistics Norway's low (LLML) and high (HHMH) national growth alternatives (table 14746) read "
            "as the 10th and 90th percentiles around the scenario's projection.",
        ),
        Range(
            "ai_gain_pct",
            5.0,
            5.0,
            0.0,
            30.0,
            "Assumption: +/- 5 points around the scenario's gain, never below 0; the plan warns against "
            "planning fewer radiologists on vague assumptions about AI.",
        ),
        Range(
            "ai_full_year",
            5,
            5,
            2027,
            2050,
            "Assumption: the gain is reached up to five years earlier or later than the scenario says.",
            whole=True,
        ),
        Range(
            "unmet_need_pct",
            5.0,
            5.0,
            0.0,
            30.0,
            "Assumption: +/- 5 % of FTEs around the scenario's share, never below 0: half the UK's 10 % "
            "funded vacancy rate (SOURCES.md 6.1), as no Norwegian figure was found (6.8: some trusts "
            "cannot fill their posts).",
        ),
    ]
}
WINDOW_CHOICES = recruitment.WINDOWS


def _normal(rng: np.random.Generator, n: int, centre: float, r: Range) -> np.ndarray:
    """Return n normal draws whose 10th and 90th percentiles are centre - below and centre + above."""
    z = rng.standard_normal(n)
    values = centre + np.where(z < 0, r.below, r.above) * z / physicians.Z_P90
    values = np.clip(values, r.lower, r.upper)
    return np.rint(values) if r.whole else values


MIN_DRAWS, MAX_DRAWS = 1000, 100_000


def check_draws(n) -> int:
    """Return the number of draws, or raise naming the parameter and its range."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not MIN_DRAWS <= n <= MAX_DRAWS:
        raise ValueError(f"parameter 'draws': {n!r} must be a whole number from {MIN_DRAWS} to {MAX_DRAWS}")
    return int(n)


def draws(scenario: Mapping[str, object], n: int = DRAWS, seed: int = SEED) -> physicians.Draws:
    """Return n seeded draws of the assumptions in RANGES around the scenario's values."""
    n = check_draws(n)
    rng = np.random.default_rng(seed)
    at = lambda key: float(scenario[key])
    exit_rate = _normal(rng, n, at("exit_rate_pct"), RANGES["exit_rate_pct"])
    training = rng.random(n) < 0.5  # p10 the scenario's years, p90 one more (half the draws)
    training_years = (at("training_years") + training).astype(int)
    own = int(scenario["recruitment_window_years"])
    others = [w for w in WINDOW_CHOICES if w != own]
    # Half the draws keep the scenario's window, the rest share the other windows evenly.
    window = rng.choice(np.array([own, *others]), size=n, p=[0.5, *[0.5 / len(others)] * len(others)])
    use = {
        s: _normal(rng, n, float(scenario.get(physicians.use_growth_key(s), at("use_growth_pct"))), RANGES[key])
        for s, key in (("radiology", "use_growth_pct"), ("nuclear_medicine", "use_growth_nuclear_medicine_pct"))
    }
    population = np.clip(rng.standard_normal(n), -3, 3)  # +/-1.28: SSB's high / low alternative
    ai_gain = _normal(rng, n, at("ai_gain_pct"), RANGES["ai_gain_pct"])
    ai_year = _normal(rng, n, at("ai_full_year"), RANGES["ai_full_year"]).astype(int)
    unmet = _normal(rng, n, float(scenario.get("unmet_need_pct", 0.0)), RANGES["unmet_need_pct"])
    return physicians.Draws(
        exit_rate_pct=exit_rate,
        training_years=training_years,
        window=window,
        use_growth_pct=use,
        population_z=population,
        ai_gain_pct=ai_gain,
        ai_full_year=ai_year,
        unmet_need_pct=unmet,
    )


def interval(result: Mapping[str, Mapping[str, np.ndarray]], measures=INTERVAL_MEASURES) -> pd.DataFrame:
    """Return p10, p50 and p90 over the draws per specialty, year and measure (INTERVAL_COLUMNS).

    One percentile call per specialty over the measures stacked; a year without a value in any
    draw (residents needed past the horizon) is NaN.
    """
    frames = []
    for specialty, values in result.items():
        years = values["year"]
        stacked = np.stack([values[m] for m in measures])  # measure, draw, year
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN year stays NaN
            p10, p50, p90 = np.nanpercentile(stacked, [10, 50, 90], axis=1)  # each: measure, year
        frames.append(
            pd.DataFrame(
                {
                    "specialty": specialty,
                    "year": np.tile(years, len(measures)),
                    "measure": np.repeat(list(measures), len(years)),
                    "p10": p10.ravel(),
                    "p50": p50.ravel(),
                    "p90": p90.ravel(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)[INTERVAL_COLUMNS]


def gap_interval(
    tables: Mapping[str, pd.DataFrame], scenario: Mapping[str, object], n: int = DRAWS, seed: int = SEED
) -> pd.DataFrame:
    """Return the interval of the gap, its parts, supply and need for the scenario (n seeded draws)."""
    return interval(physicians.simulate(physicians.basis(tables, scenario), draws(scenario, n, seed)))


def headline_table(plan: pd.DataFrame, interval: pd.DataFrame, years) -> pd.DataFrame:
    """Return per specialty and year: the scenario's gap and its parts beside the interval's p10, p50 and p90."""
    rows = interval[interval["year"].isin(years)].pivot_table(
        index=["specialty", "year"], columns="measure", values=["p10", "p50", "p90"]
    )
    rows.columns = [f"{measure}_{p}" for p, measure in rows.columns]
    scenario = plan[plan["year"].isin(years)].set_index(["specialty", "year"])[
        ["gap", "specialists_gap", "residents_gap"]
    ]
    columns = [f"gap_{p}" for p in ("p10", "p50", "p90")] + [
        f"{m}_{p}" for m in ("specialists_gap", "residents_gap") for p in ("p10", "p50", "p90")
    ]
    return scenario.join(rows[columns])


def _set(one: physicians.Draws, key: str, values: np.ndarray) -> physicians.Draws:
    """Return the single draw `one` repeated for `values`, with assumption `key` set to them."""
    n = len(values)
    fields = {
        name: {s: np.repeat(v, n) for s, v in value.items()} if isinstance(value, Mapping) else np.repeat(value, n)
        for name, value in one.__dict__.items()
    }
    if key == "population_scenario":
        fields["population_z"] = values.astype(float)
    elif key in ("use_growth_pct", "use_growth_nuclear_medicine_pct"):
        specialty = "radiology" if key == "use_growth_pct" else "nuclear_medicine"
        fields["use_growth_pct"][specialty] = values.astype(float)
    else:
        name = {"recruitment_window_years": "window"}.get(key, key)
        fields[name] = values.astype(fields[name].dtype)
    return physicians.Draws(**fields)


def _concat(parts: list[physicians.Draws]) -> physicians.Draws:
    """Return the draws of `parts` one after the other."""
    fields = {}
    for name, value in parts[0].__dict__.items():
        if isinstance(value, Mapping):
            fields[name] = {s: np.concatenate([p.__dict__[name][s] for p in parts]) for s in value}
        else:
            fields[name] = np.concatenate([p.__dict__[name] for p in parts])
    return physicians.Draws(**fields)


def low_high(scenario: Mapping[str, object], key: str) -> tuple[float, float]:
    """Return an assumption's p10 and p90 values around the scenario (the population as SSB's low and high)."""
    r = RANGES[key]
    if key == "population_scenario":
        return -physicians.Z_P90, physicians.Z_P90
    if key == "recruitment_window_years":
        return float(min(WINDOW_CHOICES)), float(max(WINDOW_CHOICES))
    centre = float(scenario.get(key, 0.0))
    return max(centre - r.below, r.lower), min(centre + r.above, r.upper)


def sensitivity(
    tables: Mapping[str, pd.DataFrame],
    scenario: Mapping[str, object],
    year: int | None = None,
    basis: physicians.Basis | None = None,
) -> pd.DataFrame:
    """Return the tornado: the gap in `year` (default the horizon) with each assumption at its p10 and its p90.

    The rest stay at the scenario's values: two draws per assumption, all in one `simulate`
    call (`basis`, when given, is the scenario's, as the app caches it). An assumption that only
    one specialty reads moves only that specialty's gap.
    """
    model = basis if basis is not None else physicians.basis(tables, scenario)
    year = int(year or scenario["horizon"])
    one = physicians.Draws.at(scenario)
    keys = list(RANGES)
    ends = [low_high(scenario, key) for key in keys]
    result = physicians.simulate(model, _concat([_set(one, k, np.array(e, dtype=float)) for k, e in zip(keys, ends)]))
    rows = []
    for specialty, values in result.items():
        k = int(np.searchsorted(values["year"], year))
        gap = values["gap"][:, k]
        for i, (key, (low, high)) in enumerate(zip(keys, ends)):
            rows.append((specialty, year, key, low, high, float(gap[2 * i]), float(gap[2 * i + 1])))
    out = pd.DataFrame(rows, columns=SENSITIVITY_COLUMNS)
    swing = (out["gap_at_high"] - out["gap_at_low"]).abs()
    order = out.assign(_swing=swing).sort_values(["specialty", "_swing"], ascending=[True, False], kind="stable")
    return order.drop(columns="_swing")


WATERFALL_STEPS = (
    "base_ftes",
    "unmet_need",
    "demography",
    "use",
    "ai",
    "need",
    "exits",
    "own_finishers",
    "recruitment",
    "residents",
    "supply",
)


def waterfall(plan: pd.DataFrame, need: pd.DataFrame, specialty: str, year: int | None = None) -> pd.DataFrame:
    """Return the steps from the base year's FTEs to the need and to the supply in `year` (default the last).

    Need side: base FTEs + unmet need, then x demography, x use, x AI, each step the change it
    makes (the product split in that order, so the steps add up to the need). Supply side: base
    FTEs - exits + own finishers + recruitment + the change in resident posts = the supply.
    Columns: step, kind ('total' or 'step'), side ('need' or 'supply'), value.
    """
    own = plan[plan["specialty"] == specialty].set_index("year")
    parts = need[need["specialty"] == specialty].set_index("year")
    year = int(year or own.index.max())
    base = int(own.index.min())
    base_fte = float(own.loc[base, "supply"])
    start = base_fte + float(own.loc[base, "unmet_need"])
    demography, use, ai = (float(parts.loc[year, c]) for c in ("demography", "use", "ai"))
    upto = own.loc[base + 1 : year]
    rows = [
        ("base_ftes", "total", "both", base_fte),
        ("unmet_need", "step", "need", start - base_fte),
        ("demography", "step", "need", start * (demography - 1)),
        ("use", "step", "need", start * demography * (use - 1)),
        ("ai", "step", "need", start * demography * use * (ai - 1)),
        ("need", "total", "need", float(own.loc[year, "need"])),
        ("exits", "step", "supply", -float(upto["exits"].sum())),
        ("own_finishers", "step", "supply", float(upto["completions"].sum())),
        ("recruitment", "step", "supply", float(upto["recruited"].sum())),
        ("residents", "step", "supply", float(own.loc[year, "residents"] - own.loc[base, "residents"])),
        ("supply", "total", "supply", float(own.loc[year, "supply"])),
    ]
    return pd.DataFrame(rows, columns=["step", "kind", "side", "value"])


def lis_decision(result: Mapping[str, Mapping[str, np.ndarray]], specialty: str) -> dict[str, float]:
    """Return the board's decision figures: LiS FTEs needed in training each year to the posts' deadline.

    Per draw: the mean over the years from the base year to the deadline (horizon - training
    years) of the residents needed (`physicians.simulate`: training years x (required inflow a
    training time later - recruitment)); then p10/p50/p90 over the draws, today's residents, and
    the deadline's earliest and latest year over the draws.
    """
    values = result[specialty]
    needed, years = values["residents_needed"], values["year"]
    known = ~np.isnan(needed)
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        # a horizon within the training time leaves no year to train for: NaN, said as too late
        warnings.simplefilter("ignore", RuntimeWarning)
        means = np.nanmean(needed, axis=1)  # NaN for a draw whose training outlasts the horizon
        p10, p50, p90 = np.nanpercentile(means, [10, 50, 90])
    deadline = years[np.where(known.any(axis=1), known.shape[1] - 1 - np.argmax(known[:, ::-1], axis=1), 0)]
    return {
        "p10": float(p10),
        "p50": float(p50),
        "p90": float(p90),
        "today": float(values["residents"][0, 0]),
        "deadline_first": int(deadline.min()),
        "deadline_last": int(deadline.max()),
        "base": int(years[0]),
    }


def specialties_in(result: Mapping[str, object]) -> list[str]:
    """Return the specialties of a result in the codes' order."""
    return [s for s in SPECIALTIES if s in result]
