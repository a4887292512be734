"""The one physician model as the pages read it: the scenario's plan and its interval, computed once per scenario.

`model(snapshot, trust)` runs `physicians.simulate` over the seeded draws of `uncertainty.draws`
(1,000) and keeps what the pages, the overview and the exports show: the interval per specialty,
year and measure; per specialty the p10/p50/p90 of the yearly means (new specialists, required
inflow) and of the shortfall cumulated to the horizon; and the board's LiS decision
(`uncertainty.lis_decision`). It is cached on the values it reads (`MODEL_GROUPS`, `MODEL_KEYS`),
so a slider move costs the draws once per scenario, shared by every session. The raw draws are
not kept (megabytes).

`range_text` writes a headline as the pages and the PDF show it: the median, then the 80 %
interval in brackets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np
import pandas as pd

from imaging_plan.planning import physicians, recruitment, uncertainty
from imaging_plan.i18n import fmt_number, specialty_name, t
from imaging_plan.data.inputs import physician_trust
from imaging_plan.views import cache
from imaging_plan.views.snapshot import Snapshot

# Measures of the interval: the lead's six, and the yearly shortfall of new specialists
# (required - planned: the inflow page's and the overview's fan).
MEASURES = (*uncertainty.INTERVAL_MEASURES, "shortfall")
PER_YEAR = ("new_specialists", "required", "cum_shortfall", "cum_required")
SMALL = 100  # base-year FTEs below which a specialty's headlines carry one decimal

# What the model reads: the physician assumptions but the FTEs per person (only the tables' people
# columns and the on-call floor read it), the horizon, and, under need_method 'workload', the
# workload and the activity.
MODEL_GROUPS = ("general", "workload", "activity")
MODEL_KEYS = tuple(sorted(cache.scenario_keys(("physicians",)) - {"fte_per_person_physician"}))
MODEL_READS = cache.scenario_keys(MODEL_GROUPS, MODEL_KEYS)
# The basis: what the draws leave fixed (the rates a slider moves, exits, training, use, AI, are drawn).
# Under need_method 'workload' it holds the workload's need, which reads the model's values (`basis_workload`).
BASIS_KEYS = (
    "population_scenario",
    "recruitment_nuclear_medicine_extra_fte",
    "recruitment_radiology_extra_fte",
    "resident_growth_pct",
)


@dataclass(frozen=True)
class ModelView:
    """The plan at the scenario's values and the Monte Carlo's summaries (read-only, shared)."""

    plan: pd.DataFrame  # physicians.physician_plan: the scenario's lines
    interval: pd.DataFrame  # specialty, year, measure (MEASURES), p10, p50, p90
    per_year: pd.DataFrame  # index specialty; columns <measure>_p10/_p50/_p90 for PER_YEAR
    decisions: Mapping[str, dict]  # specialty -> uncertainty.lis_decision
    draws: int
    need: pd.DataFrame  # the scenario's need and its demand index parts (physicians.NEED_COLUMNS)
    lookup: Mapping[tuple, tuple[float, float, float]] = field(default_factory=dict)  # (specialty, year, measure)

    def decimals(self, specialty: str) -> int:
        """Return the decimals a specialty's FTE headlines show: one below SMALL FTEs in the base year, else none.

        Nuclear medicine's tens of FTEs would round a real change away at whole FTEs.
        """
        own = self.plan[self.plan["specialty"] == specialty]
        return 1 if float(own["supply"].iloc[0]) < SMALL else 0

    def at(self, specialty: str, year: int, measure: str = "gap") -> pd.Series:
        """Return p10, p50 and p90 of a measure in a year."""
        return pd.Series(self.lookup[(specialty, int(year), measure)], index=["p10", "p50", "p90"])

    def band(self, measure: str) -> pd.DataFrame:
        """Return one measure's interval per specialty and year (NaN years dropped)."""
        rows = self.interval[self.interval["measure"] == measure]
        return rows.dropna(subset=["p50"]).reset_index(drop=True)

    def export_interval(self) -> pd.DataFrame:
        """Return the interval as notebook 01 stores `gap_interval` (the lead's measures), rounded."""
        rows = self.interval[self.interval["measure"].isin(uncertainty.INTERVAL_MEASURES)]
        return rows.round({"p10": 3, "p50": 3, "p90": 3}).reset_index(drop=True)


def declared(snapshot: Snapshot, keys) -> dict:
    """Return the scenario's values of `keys` as a plain dict, for planning code that copies the scenario
    (`{**scenario}`) or reads an optional key with `.get`, which the suite's checked scenario refuses.

    Called with a cached function's declared keys (`fn.reads`), it hands on exactly what the key holds.
    """
    return {key: snapshot.scenario[key] for key in sorted(keys) if key in snapshot.scenario}


def scoped(
    snapshot: Snapshot, trust: str | None, keys=MODEL_READS
) -> tuple[Mapping[str, pd.DataFrame], Mapping[str, object]]:
    """Return the tables and the scenario's values of `keys` of the region, or of one trust (its FTEs, its
    share of the extra recruitment)."""
    tables, scenario = snapshot.tables, declared(snapshot, keys)
    if trust is None:
        return tables, scenario
    region = tables["physician_ftes"]
    own = {**tables, "physician_ftes": physician_trust(tables["physician_ftes_by_trust"], trust)}
    return own, physicians.share_of_recruitment(scenario, region, own["physician_ftes"])


def _percentiles(values: np.ndarray) -> tuple[float, float, float]:
    p10, p50, p90 = np.nanpercentile(values, [10, 50, 90])
    return float(p10), float(p50), float(p90)


def summarise(result: Mapping[str, Mapping[str, np.ndarray]]) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Return the interval, the per-year summaries and the LiS decisions of `physicians.simulate`'s result."""
    with_shortfall = {
        s: {**values, "shortfall": values["required"] - values["new_specialists"]} for s, values in result.items()
    }
    found = uncertainty.interval(with_shortfall, MEASURES)
    rows = {}
    for specialty, values in result.items():
        later = slice(1, None)  # the plan years after the base year (the inflow page's years)
        new, required = values["new_specialists"][:, later], values["required"][:, later]
        draws = {
            "new_specialists": new.mean(axis=1),
            "required": required.mean(axis=1),
            "cum_shortfall": (required - new).sum(axis=1),
            "cum_required": required.sum(axis=1),
        }
        rows[specialty] = {
            f"{m}_{p}": v for m in PER_YEAR for p, v in zip(("p10", "p50", "p90"), _percentiles(draws[m]))
        }
    per_year = pd.DataFrame.from_dict(rows, orient="index")
    decisions = {s: uncertainty.lis_decision(result, s) for s in result}
    return found, per_year, decisions


def _basis(snapshot: Snapshot, trust: str | None, keys) -> physicians.Basis:
    tables, scenario = scoped(snapshot, trust, keys)
    return physicians.basis(tables, scenario, trust)


@cache.cached(groups=("general", "workload"), keys=BASIS_KEYS)
def basis(snapshot: Snapshot, trust: str | None) -> physicians.Basis:
    """Return the model's basis (demography, histories, calibrations) for the region or a trust (index method)."""
    return _basis(snapshot, trust, basis.reads)


@cache.cached(groups=MODEL_GROUPS, keys=MODEL_KEYS)
def basis_workload(snapshot: Snapshot, trust: str | None) -> physicians.Basis:
    """Return `basis` under need_method 'workload': its need per year reads the activity and the model's rates."""
    return _basis(snapshot, trust, basis_workload.reads)


def basis_of(snapshot: Snapshot, trust: str | None = None) -> physicians.Basis:
    """Return the cached basis: under the index method the rates a slider moves (exits, training, use, AI) leave it."""
    if snapshot.scenario.get("need_method") == "workload":
        return basis_workload(snapshot, trust)
    return basis(snapshot, trust)


def need_frame(result: Mapping[str, Mapping[str, np.ndarray]]) -> pd.DataFrame:
    """Return one draw's need and demand-index parts as `physicians.physician_need` gives them."""
    frames = []
    for specialty, measures in result.items():
        frame = pd.DataFrame({c: measures[c][0] for c in physicians.NEED_COLUMNS[2:]})
        frame.insert(0, "year", measures["year"])
        frame.insert(0, "specialty", specialty)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)[physicians.NEED_COLUMNS]


@cache.cached(groups=MODEL_GROUPS, keys=MODEL_KEYS)
def model(snapshot: Snapshot, trust: str | None) -> ModelView:
    """Return the scenario's plan and its Monte Carlo (uncertainty.DRAWS seeded draws) for the region or a trust."""
    _, scenario = scoped(snapshot, trust)
    fixed = basis_of(snapshot, trust)
    result = physicians.simulate(fixed, uncertainty.draws(scenario))
    found, per_year, decisions = summarise(result)
    one = physicians.simulate(fixed, physicians.Draws.at(scenario))
    lookup = {
        (s, int(y), m): (a, b, c)
        for s, y, m, a, b, c in zip(*(found[col].to_numpy() for col in uncertainty.INTERVAL_COLUMNS))
    }
    return ModelView(physicians.plan_frame(one), found, per_year, decisions, uncertainty.DRAWS, need_frame(one), lookup)


def model_of(snapshot: Snapshot, trust: str | None = None) -> ModelView:
    """Return `model` (cached on the values it reads; one entry for the region whether `trust` is given or not)."""
    return model(snapshot, trust)


@cache.cached(groups=MODEL_GROUPS, keys=MODEL_KEYS)
def scenario_plan(snapshot: Snapshot) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the region's plan and need at the scenario's values only (no draws): the overview's preset lines."""
    one = physicians.simulate(basis_of(snapshot), physicians.Draws.at(declared(snapshot, MODEL_READS)))
    return physicians.plan_frame(one), need_frame(one)


@cache.cached(groups=MODEL_GROUPS, keys=MODEL_KEYS)
def sensitivity(snapshot: Snapshot) -> pd.DataFrame:
    """Return the region's tornado at the horizon (`uncertainty.sensitivity` on the cached basis)."""
    return uncertainty.sensitivity(snapshot.tables, declared(snapshot, MODEL_READS), basis=basis_of(snapshot))


sensitivity_of = sensitivity  # the pages' name for it


def by_period(snapshot: Snapshot) -> pd.DataFrame:
    """Return the recruitment calibrated over the latest 3, 5 and 10 years at the scenario's exit rate and training."""
    hist = physicians.histories(snapshot.tables["physician_ftes"])
    scenario = snapshot.scenario
    return recruitment.by_period(hist, float(scenario["exit_rate_pct"]), int(scenario["training_years"]))


def range_text(p50: float, p10: float, p90: float, lang: str, decimals: int = 0) -> str:
    """Return a headline: the median, then the 80 % interval in brackets ('90 (10 til 250)')."""
    return t(
        "interval_value",
        lang,
        mid=fmt_number(p50, lang, decimals),
        low=fmt_number(p10, lang, decimals),
        high=fmt_number(p90, lang, decimals),
    )


def period_text(periods: pd.DataFrame, specialty: str, lang: str) -> str:
    """Return '0,8 / 6,8 / 11,1': a specialty's recruitment a year over the windows, shortest first."""
    own = periods[periods["specialty"] == specialty].sort_values("window")
    return " / ".join(fmt_number(v, lang, 1) for v in own["recruited"])


def fan_band(snapshot: Snapshot, measure: str) -> pd.DataFrame:
    """Return the viewer's 80 % interval of `measure` per specialty (panel) and year: an overview fan's band."""
    band = model_of(snapshot).band(measure)
    return pd.DataFrame(
        {
            "panel": [specialty_name(s, snapshot.lang) for s in band["specialty"]],
            "year": band["year"],
            "lower": band["p10"],
            "upper": band["p90"],
        }
    )
