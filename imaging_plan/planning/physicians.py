"""Physician supply, need and gap per specialty and year: the one model every page, notebook and export reads.

Supply is a stock and flow with every flow the data shows: specialists (consultants,
specialists and acting consultants) leave at the exit rate; residents (LiS 2-3) finish after
the training time and become specialists; specialists are recruited from outside the region's
own training, calibrated on Tabell 6 for the scenario's exit rate and training time over the
calibration window (`recruitment`), plus any extra the planner sets. New specialists a year =
own finishers + recruited: `new_specialists` in the plan, the figure every page shows.

Need is the base year's physician FTEs plus the base year's unmet need (vacancies, locums,
overtime, bought-in reading: the unmet-need file and a share of FTEs), times the demand index of
`demand` (demography x use per person x AI), each specialty with its own use growth. It is
split into specialists and residents at the base year's mix, so the gap has two parts.

`simulate` is the model, vectorised over draws of the assumptions: `physician_plan` is one draw
at the scenario's values, `uncertainty` draws a thousand. Rates are in percent, as the planner
sets them. No Prophet, no Streamlit: the app calls this on every slider move.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np
import pandas as pd

from imaging_plan.planning import demand, recruitment
from imaging_plan.data.codes import SPECIALIST_CATEGORIES, SPECIALTIES

PLAN_COLUMNS = [
    "specialty",
    "year",
    "specialists",
    "residents",
    "exits",
    "completions",
    "recruited",
    "new_specialists",
    "supply",
    "need",
    "specialist_need",
    "resident_need",
    "unmet_need",
    "gap",
    "specialists_gap",
    "residents_gap",
    "required",
    "residents_needed",
]
NEED_COLUMNS = ["specialty", "year", "demography", "use", "ai", "index", "need"]
# The input tables `physician_plan` reads (Tabell 1 for nuclear medicine's use growth; the
# unmet-need file is optional: absent = none).
PLAN_TABLES = ("physician_ftes", "exams_by_modality", *demand.POPULATION_TABLES)
OPTIONAL_TABLES = ("unmet_need",)
# SSB's alternatives on either side of the main one: the demography draws move towards them.
LOW_POPULATION, HIGH_POPULATION = "LLML", "HHMH"
Z_P90 = 1.2815515655446004  # the standard normal's 90th percentile


def base_year(ftes: pd.DataFrame) -> int:
    """Return the latest year in the physician FTE table: the plan starts from it."""
    return int(ftes["year"].max())


def specialist_and_resident_history(ftes: pd.DataFrame, specialty: str) -> pd.DataFrame:
    """Return yearly specialist and resident FTEs of one specialty (index: year)."""
    rows = ftes[ftes["specialty"] == specialty]
    is_resident = (rows["category"] == "resident").to_numpy()
    is_specialist = rows["category"].isin(SPECIALIST_CATEGORIES).to_numpy()
    fte = rows["fte"].fillna(0).to_numpy()
    return (
        pd.DataFrame(
            {
                "specialists": np.where(is_specialist, fte, 0.0),
                "residents": np.where(is_resident, fte, 0.0),
            },
            index=rows["year"].to_numpy(),
        )
        .groupby(level=0)
        .sum()
        .sort_index()
    )


def histories(ftes: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Return {specialty: specialist and resident FTEs per year} for the specialties in the table."""
    present = set(ftes["specialty"])
    return {s: specialist_and_resident_history(ftes, s) for s in SPECIALTIES if s in present}


def resident_posts(history: pd.Series, years: np.ndarray, growth_pct: float) -> pd.Series:
    """Return resident FTEs for `years`: history where known, the base year's grown after.

    Years before the history starts take the first known value, so the pipeline
    has an intake for any training time.
    """
    known = {int(y): float(v) for y, v in history.items()}
    base, first = max(known), known[min(known)]
    values = [
        known[y] if y in known else known[base] * (1 + growth_pct / 100) ** (y - base) if y > base else first
        for y in map(int, years)
    ]
    return pd.Series(values, index=years)


def use_growth_key(specialty: str) -> str:
    """Return the scenario key of a specialty's use growth: radiology's is the general one."""
    return "use_growth_pct" if specialty == "radiology" else f"use_growth_{specialty}_pct"


@dataclass(frozen=True)
class Draws:
    """Values of the assumptions that move the gap, one per draw (arrays of one length)."""

    exit_rate_pct: np.ndarray
    training_years: np.ndarray  # whole years
    window: np.ndarray  # recruitment calibration window, years
    use_growth_pct: Mapping[str, np.ndarray]  # per specialty
    population_z: np.ndarray  # 0: the scenario's projection; +/-1.28: SSB's high / low alternative
    ai_gain_pct: np.ndarray
    ai_full_year: np.ndarray
    unmet_need_pct: np.ndarray

    @property
    def n(self) -> int:
        return len(self.exit_rate_pct)

    @classmethod
    def at(cls, scenario: Mapping[str, object], specialties=tuple(SPECIALTIES)) -> "Draws":
        """Return one draw at the scenario's values."""
        one = lambda key, default=None: np.array([scenario[key] if default is None else scenario.get(key, default)])
        return cls(
            exit_rate_pct=one("exit_rate_pct").astype(float),
            training_years=one("training_years").astype(int),
            window=one("recruitment_window_years").astype(int),
            use_growth_pct={s: one(use_growth_key(s), scenario["use_growth_pct"]).astype(float) for s in specialties},
            population_z=np.zeros(1),
            ai_gain_pct=one("ai_gain_pct").astype(float),
            ai_full_year=one("ai_full_year").astype(int),
            unmet_need_pct=one("unmet_need_pct", 0.0).astype(float),
        )


@dataclass(frozen=True)
class Basis:
    """What the model reads from the data and the scenario's fixed choices, computed once per scenario."""

    horizon: int
    histories: Mapping[str, pd.DataFrame]
    demography: Mapping[int, Mapping[str, np.ndarray]]  # base year -> population alternative -> index
    population: str  # the scenario's projection
    resident_growth_pct: float
    extra_recruitment: Mapping[str, float]  # FTEs a year beyond the calibration, per specialty
    unmet_fte: Mapping[str, float]  # the unmet-need file's base-year FTEs, per specialty
    # need_method 'workload': each specialty's need per year before AI, from the activity
    # (`workload.workload_need`); None: the index method, base FTEs x the demand index.
    workload: Mapping[str, np.ndarray] | None = None
    calibrations: dict = field(default_factory=dict)  # (specialty, window) -> Calibration, filled on use

    def calibration(self, specialty: str, window: int) -> recruitment.Calibration:
        key = (specialty, int(window))
        if key not in self.calibrations:
            self.calibrations[key] = recruitment.calibration(self.histories[specialty], int(window))
        return self.calibrations[key]


def unmet_need_fte(unmet: pd.DataFrame | None, specialty: str, year: int, trust: str | None = None) -> float:
    """Return the unmet need in FTEs the file gives for a specialty in `year` (one trust's, or the region's)."""
    if unmet is None or unmet.empty:
        return 0.0
    rows = unmet[(unmet["specialty"] == specialty) & (unmet["year"] == year)]
    if trust is not None:
        rows = rows[rows["trust"] == trust]
    return float(rows["fte"].sum())


def basis(tables: Mapping[str, pd.DataFrame], scenario: Mapping[str, object], trust: str | None = None) -> Basis:
    """Return the model's basis for `tables` (Tabell 6 or one trust's FTEs) and the scenario's fixed choices."""
    horizon = int(scenario["horizon"])
    hist = histories(tables["physician_ftes"])
    chosen = demand.check_population_scenario(scenario.get("population_scenario"))
    # The draws move towards SSB's other alternatives; one a user's projection file lacks stays put.
    offered = set(tables["population_projection_national"]["scenario"])
    demography: dict[int, dict[str, np.ndarray]] = {}
    for history in hist.values():
        base = int(history.index.max())
        if base not in demography:
            others = {LOW_POPULATION, HIGH_POPULATION, demand.DEFAULT_SCENARIO} - {chosen}
            wanted = [chosen, *(code for code in others if code in offered)]
            index = {code: i.to_numpy() for code, i in demand.demography_indexes(tables, wanted, base, horizon).items()}
            demography[base] = {code: index[code] if code in offered else index[chosen] for code in others}
            demography[base][chosen] = index[chosen]
    unmet = tables.get("unmet_need")
    workload_level = None
    if scenario.get("need_method") == "workload":
        from imaging_plan.planning import workload  # reads the activity; only this method needs it

        base = max(int(h.index.max()) for h in hist.values())
        ftes = {s: float(h.loc[int(h.index.max())].sum()) for s, h in hist.items()}
        frame = workload.workload_need(tables, scenario, ftes, base, horizon)
        workload_level = {s: (own["need"] / own["ai"]).to_numpy() for s, own in frame.groupby("specialty", sort=False)}
    return Basis(
        horizon=horizon,
        histories=hist,
        demography=demography,
        population=chosen,
        resident_growth_pct=float(scenario["resident_growth_pct"]),
        extra_recruitment={s: float(scenario.get(f"recruitment_{s}_extra_fte", 0.0)) for s in hist},
        unmet_fte={s: unmet_need_fte(unmet, s, int(h.index.max()), trust) for s, h in hist.items()},
        workload=workload_level,
    )


def _demography(alternatives: Mapping[str, np.ndarray], chosen: str, z: np.ndarray) -> np.ndarray:
    """Return the demography index per draw and year: the chosen projection, moved by z towards SSB's others.

    z = +1.28 (the 90th percentile) gives the chosen index plus the step from the main to the high
    alternative; z = -1.28 the step from the main to the low one. SSB's low and high alternatives
    are read as the 10th and 90th percentiles of the population.
    """
    main = alternatives[demand.DEFAULT_SCENARIO]
    up = (alternatives[HIGH_POPULATION] - main)[None, :]
    down = (main - alternatives[LOW_POPULATION])[None, :]
    step = np.where(z[:, None] >= 0, up, down)
    return alternatives[chosen][None, :] + z[:, None] / Z_P90 * step


def supply_paths(
    history: pd.DataFrame,
    horizon: int,
    exit_rate_pct: np.ndarray,
    training_years: np.ndarray,
    resident_growth_pct: float,
    recruited: np.ndarray,
) -> dict[str, np.ndarray]:
    """Return specialists, residents, exits, completions and recruited per draw (rows) and year (base to horizon).

    A year's completions are the cohort that started `training_years` earlier:
    residents(year - training_years) / training_years, since a training post holds one of
    `training_years` cohorts at a time. `recruited` FTEs a year join from outside the region's
    own training (negative: net departures beyond the exits).
    """
    base = int(history.index.max())
    years = np.arange(base, horizon + 1)
    e, training = np.asarray(exit_rate_pct, dtype=float) / 100, np.asarray(training_years, dtype=int)
    first = base - int(training.max())
    posts = resident_posts(history["residents"], np.arange(first, horizon + 1), resident_growth_pct).to_numpy()
    shape = (len(e), len(years))
    specialists, exits, completions, flows = (np.zeros(shape) for _ in range(4))
    specialists[:, 0] = float(history.loc[base, "specialists"])
    flows[:, 1:] = np.asarray(recruited, dtype=float)[:, None]
    for k in range(1, len(years)):
        exits[:, k] = specialists[:, k - 1] * e
        completions[:, k] = posts[years[k] - training - first] / training
        specialists[:, k] = specialists[:, k - 1] - exits[:, k] + completions[:, k] + flows[:, k]
    residents = np.repeat(posts[years - first][None, :], len(e), axis=0)
    return {
        "year": years,
        "specialists": specialists,
        "residents": residents,
        "exits": exits,
        "completions": completions,
        "recruited": flows,
    }


def simulate(basis: Basis, draws: Draws) -> dict[str, dict[str, np.ndarray]]:
    """Return, per specialty, each measure of the plan per draw (rows) and year (columns, base to horizon)."""
    out = {}
    e = draws.exit_rate_pct / 100
    training = draws.training_years.astype(int)
    for specialty, history in basis.histories.items():
        calibrate = lambda window, specialty=specialty: basis.calibration(specialty, window)  # noqa: E731
        recruited = recruitment.recruited_per_draw(calibrate, draws.window, draws.exit_rate_pct, training)
        recruited += basis.extra_recruitment.get(specialty, 0.0)
        supply = supply_paths(
            history, basis.horizon, draws.exit_rate_pct, training, basis.resident_growth_pct, recruited
        )
        years = supply["year"]
        base = int(years[0])
        shape = (draws.n, len(years))

        base_fte = float(history.loc[base].sum())
        unmet = base_fte * draws.unmet_need_pct / 100 + basis.unmet_fte.get(specialty, 0.0)
        demography = _demography(basis.demography[base], basis.population, draws.population_z)
        use = (1 + draws.use_growth_pct[specialty][:, None] / 100) ** (years - base)[None, :]
        span = np.maximum(draws.ai_full_year - base, 1)[:, None]
        ai = 1 - np.clip((years - base)[None, :] / span, 0, 1) * draws.ai_gain_pct[:, None] / 100
        if basis.workload is not None and specialty in basis.workload:
            # The workload's own level (exams x minutes / hours), not the base year's FTEs: the
            # unmet need is in it already; `use` carries what the activity adds beyond demography.
            need = basis.workload[specialty][None, :] * ai
            unmet = np.zeros(draws.n)
            index = need / base_fte  # need = base FTEs x index holds for both methods
            use = need / need[:, :1] / (demography * ai)
        else:
            index = demography * use * ai
            need = (base_fte + unmet)[:, None] * index
        share = float(history.loc[base, "specialists"]) / base_fte if base_fte > 0 else 0.0
        specialist_need = need * share

        # Residents needed in year y for enough specialists in y + training years: the required
        # inflow then (growth of the specialist need plus its exits) less what recruitment brings.
        required = np.full(shape, np.nan)
        required[:, 1:] = specialist_need[:, 1:] - specialist_need[:, :-1] + e[:, None] * specialist_need[:, :-1]
        needed = np.full(shape, np.nan)
        rows = np.arange(draws.n)
        for k in range(len(years)):
            later = k + training
            ok = later < len(years)
            needed[ok, k] = training[ok] * (required[rows[ok], later[ok]] - recruited[ok])
        total = supply["specialists"] + supply["residents"]
        out[specialty] = {
            **supply,
            "new_specialists": supply["completions"] + supply["recruited"],
            "supply": total,
            "need": need,
            "specialist_need": specialist_need,
            "resident_need": need - specialist_need,
            "unmet_need": np.repeat(unmet[:, None], len(years), axis=1),
            "gap": need - total,
            "specialists_gap": specialist_need - supply["specialists"],
            "residents_gap": need - specialist_need - supply["residents"],
            "residents_needed": needed,
            "required": required,
            "demography": demography,
            "use": use,
            "ai": ai,
            "index": index,
        }
    return out


def plan_frame(result: Mapping[str, Mapping[str, np.ndarray]], draw: int = 0) -> pd.DataFrame:
    """Return one draw of `simulate`'s result as the plan table (PLAN_COLUMNS)."""
    frames = []
    for specialty, measures in result.items():
        frame = pd.DataFrame({c: measures[c][draw] for c in PLAN_COLUMNS[2:]})
        frame.insert(0, "year", measures["year"])
        frame.insert(0, "specialty", specialty)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)[PLAN_COLUMNS]


def physician_plan(
    tables: Mapping[str, pd.DataFrame], scenario: Mapping[str, object], trust: str | None = None
) -> pd.DataFrame:
    """Return supply, need and gap per specialty and year, from the base year to the horizon.

    `tables` holds the input tables by name (`PLAN_TABLES`, and `unmet_need` when given);
    `scenario` the assumption values by key (see `assumptions.ASSUMPTIONS`) and
    `population_scenario` (default MMMM). `trust`: the unmet-need rows of that trust only
    (its FTEs are then `tables["physician_ftes"]`).
    """
    return plan_frame(simulate(basis(tables, scenario, trust), Draws.at(scenario)))


def physician_need(tables: Mapping[str, pd.DataFrame], scenario: Mapping[str, object]) -> pd.DataFrame:
    """Return the need per specialty and year with the demand index and its parts (NEED_COLUMNS)."""
    result = simulate(basis(tables, scenario), Draws.at(scenario))
    frames = []
    for specialty, measures in result.items():
        frame = pd.DataFrame({c: measures[c][0] for c in NEED_COLUMNS[2:]})
        frame.insert(0, "year", measures["year"])
        frame.insert(0, "specialty", specialty)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)[NEED_COLUMNS]


def supply_projection(
    history: pd.DataFrame,
    horizon: int,
    exit_rate_pct: float,
    training_years: int,
    resident_growth_pct: float,
    recruited_fte: float = 0.0,
) -> pd.DataFrame:
    """Return specialists, residents, exits, completions, recruited and supply from the base year to the horizon.

    `supply_paths` for one set of values and a fixed yearly recruitment (the backcasts use it).
    """
    one = supply_paths(
        history,
        int(horizon),
        np.array([exit_rate_pct]),
        np.array([training_years]),
        resident_growth_pct,
        np.array([recruited_fte]),
    )
    out = pd.DataFrame({"year": one["year"], **{c: one[c][0] for c in list(one)[1:]}})
    out["supply"] = out["specialists"] + out["residents"]
    return out


def share_of_recruitment(scenario: Mapping[str, object], region: pd.DataFrame, part: pd.DataFrame) -> dict[str, object]:
    """Return the scenario with each specialty's extra recruitment scaled to `part`'s share of the region.

    The calibrated recruitment of a trust comes from its own history (it adds up to the
    region's); the extra the planner sets is a figure for the region (FTEs a year), of which a
    trust gets the share it holds of the specialty's base-year FTEs.
    """
    out = dict(scenario)
    for specialty in SPECIALTIES:
        key = f"recruitment_{specialty}_extra_fte"
        own, whole = part[part["specialty"] == specialty], region[region["specialty"] == specialty]
        if key not in out or own.empty or whole.empty:
            continue
        base = int(whole["year"].max())
        total = float(whole.loc[whole["year"] == base, "fte"].sum())
        share = float(own.loc[own["year"] == base, "fte"].sum()) / total if total > 0 else 0.0
        out[key] = float(out[key]) * share
    return out


def gap_at(plan: pd.DataFrame, years: list[int], column: str = "gap") -> pd.DataFrame:
    """Return a column of the plan (default the gap) per specialty (rows) at the given years (columns)."""
    rows = plan[plan["year"].isin(years)]
    return rows.pivot(index="specialty", columns="year", values=column)
