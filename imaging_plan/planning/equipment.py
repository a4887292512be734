"""Equipment replacement: what falls due when, what a budget buys, and how old the fleet gets.

The plan counts the region's imaging units in 2025 (Tabell 5), puts the
hospitals' replacement value near 3 billion NOK and calls the fleet older than
recommended; it gives no unit ages or prices. So the input is an equipment
register (one row per unit), and until a planner brings the real one the
project ships an illustrative register generated from Tabell 5 (`equipment_register`).

Planning scope: the public fleet (the ten trusts and hospitals). The region's
budget buys their units, the plan's 3 billion NOK is "i sykehusene", and the
23 % over ten years old is a survey of the trusts. Private providers' units
count in the demand check only (they carry part of the exams and renew their
own equipment).

Pure functions of DataFrames; no Prophet and no Streamlit: the app calls them
on every slider move, the notebook with the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd

from imaging_plan.data.codes import EQUIPMENT_MODALITIES, EXAM_MODALITY_OF_EQUIPMENT

REGISTER_SEED = 2025  # the illustrative register's seed (equipment_register.generate_register)

# --- the age profile: COCIR's golden rules -----------------------------------------------------

AGE_CLASSES = ("0-5", "6-10", "over_10")
# (age class, "min" or "max", share in %): at least 60 % five years old or less, at most 30 %
# six to ten, at most 10 % over ten (COCIR, Medical Imaging Equipment Age Profile & Density).
GOLDEN_RULES = (("0-5", "min", 60.0), ("6-10", "max", 30.0), ("over_10", "max", 10.0))
PLANNED_SECTORS = ("public",)
MNOK = 1e6


def modality_key(modality: str) -> str:
    """Return the assumption-key form of a modality: 'PET_CT' -> 'pet_ct'."""
    return modality.lower()


def per_modality(scenario: Mapping[str, float], template: str) -> dict[str, float]:
    """Return {modality: scenario value} for keys like 'lifetime_{}_years'."""
    return {m: scenario[template.format(modality_key(m))] for m in EQUIPMENT_MODALITIES}


def reference_year(units: pd.DataFrame) -> int:
    """Return the year Tabell 5 counts the units in (2025): the register's 'today'."""
    return int(units["year"].max())


def is_illustrative(register: pd.DataFrame) -> bool:
    """Return True when any row of the register says it is illustrative (generated)."""
    return bool(register["source"].fillna("").str.startswith("illustrative").any())


# --- the fleet and its replacement schedule ----------------------------------------------------

EVENT_COLUMNS = ["year", "unit_id", "owner", "sector", "modality", "cost_nok", "overdue_years"]


def _modality_codes(modalities) -> np.ndarray:
    """Return each modality's position in EQUIPMENT_MODALITIES (vectors index by it)."""
    lookup = {m: i for i, m in enumerate(EQUIPMENT_MODALITIES)}
    return np.fromiter((lookup[m] for m in modalities), dtype=int, count=len(modalities))


def _by_modality(scenario: Mapping[str, float], template: str) -> np.ndarray:
    return np.array(list(per_modality(scenario, template).values()), dtype=float)


def fleet(
    register: pd.DataFrame, scenario: Mapping[str, float], sectors: tuple[str, ...] = PLANNED_SECTORS
) -> pd.DataFrame:
    """Return the planned units with their lifetime, first due year, price and priority weight.

    due_year = install_year + lifetime; a major upgrade adds `upgrade_years`, counted from
    the end of the original life or from the upgrade if that came later:
    due_year = max(install_year + lifetime, upgrade_year) + upgrade_years.
    The register's own price_nok wins over the modality price.
    """
    units = register[register["sector"].isin(sectors)]
    code = _modality_codes(units["modality"])
    lifetime = _by_modality(scenario, "lifetime_{}_years").astype(int)[code]
    install = units["install_year"].to_numpy(dtype=float).astype(int)
    upgrade = units["upgrade_year"].to_numpy(dtype=float, na_value=np.nan)
    end = install + lifetime
    extended = np.maximum(end, np.nan_to_num(upgrade)) + int(scenario["upgrade_years"])
    own_price = units["price_nok"].to_numpy(dtype=float, na_value=np.nan)
    price = _by_modality(scenario, "price_{}_mnok")[code] * MNOK
    return pd.DataFrame(
        {
            "unit_id": units["unit_id"].to_numpy(),
            "owner": units["owner"].to_numpy(),
            "sector": units["sector"].to_numpy(),
            "modality": units["modality"].to_numpy(),
            "install_year": install,
            "lifetime_years": lifetime,
            "due_year": np.where(np.isnan(upgrade), end, extended).astype(int),
            "price_nok": np.where(np.isnan(own_price), price, own_price),
            "weight": _by_modality(scenario, "priority_{}")[code],
        }
    )


def replacement_value_mnok(fleet_table: pd.DataFrame) -> float:
    """Return what replacing every unit in the fleet would cost, in MNOK."""
    return float(fleet_table["price_nok"].sum() / MNOK)


def _events(fleet_table: pd.DataFrame, position: np.ndarray, year: np.ndarray, overdue: np.ndarray) -> pd.DataFrame:
    """Return replacement events of the fleet's units at `position`, in year and fleet order."""
    order = np.lexsort((position, year))
    position, year, overdue = position[order], year[order], overdue[order]
    out = {"year": year.astype(int)}
    for column in ("unit_id", "owner", "sector", "modality"):
        out[column] = fleet_table[column].to_numpy()[position]
    out["cost_nok"] = fleet_table["price_nok"].to_numpy()[position]
    out["overdue_years"] = overdue.astype(int)
    return pd.DataFrame(out, columns=EVENT_COLUMNS)


def replacement_schedule(fleet_table: pd.DataFrame, first_year: int, horizon: int) -> pd.DataFrame:
    """Return every replacement falling due from `first_year` to the horizon, budget unlimited.

    A unit overdue before `first_year` is due in `first_year`; each new unit falls due again
    after its modality's lifetime. Out: year, unit_id, owner, sector, modality, cost_nok,
    overdue_years (how late the replaced unit is; > 0 only for units overdue at the start).
    """
    due = fleet_table["due_year"].to_numpy()
    life = fleet_table["lifetime_years"].to_numpy()
    year = np.maximum(due, first_year)
    overdue = year - due
    positions, years, lateness = [], [], []
    while (now := np.flatnonzero(year <= horizon)).size:
        positions.append(now)
        years.append(year[now])
        lateness.append(overdue[now])
        year, overdue = year + life, np.zeros_like(overdue)
    if not positions:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    return _events(fleet_table, np.concatenate(positions), np.concatenate(years), np.concatenate(lateness))


def _groups(fleet_table: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Return each unit's group number by `keys` and the groups' labels, sorted by the keys."""
    if not keys:
        return np.zeros(len(fleet_table), dtype=int), pd.DataFrame(index=[0])
    joined = fleet_table[keys[0]].to_numpy(dtype=object)
    for k in keys[1:]:
        joined = joined + "\x1f" + fleet_table[k].to_numpy(dtype=object)
    labels, code = np.unique(joined.astype(str), return_inverse=True)
    return code, pd.DataFrame([label.split("\x1f") for label in labels], columns=keys)


def units_due(
    events: pd.DataFrame, fleet_table: pd.DataFrame, by: tuple[str, ...], first_year: int, horizon: int
) -> pd.DataFrame:
    """Return units and cost (MNOK) per year and the other `by` keys, every year and group shown.

    Groups come from the fleet, so a trust with nothing due in a year shows 0.
    """
    keys = [c for c in by if c != "year"]
    code, labels = _groups(fleet_table, keys)
    n_groups, years = len(labels), np.arange(first_year, horizon + 1)
    unit = pd.Index(fleet_table["unit_id"]).get_indexer(events["unit_id"])
    slot = (events["year"].to_numpy(dtype=int) - first_year) * n_groups + code[unit]
    size = len(years) * n_groups
    out = {"year": np.repeat(years, n_groups)}
    for k in keys:
        out[k] = np.tile(labels[k].to_numpy(), len(years))
    out["units"] = np.bincount(slot, minlength=size)
    out["cost_mnok"] = np.bincount(slot, weights=events["cost_nok"].to_numpy(dtype=float), minlength=size) / MNOK
    return pd.DataFrame(out)[["year", *keys, "units", "cost_mnok"]]


# --- replacement under a budget cap ------------------------------------------------------------


@dataclass(frozen=True)
class BudgetPlan:
    """What a budget replaces each year, what it leaves behind, and the fleet's ages."""

    replaced: pd.DataFrame  # year, unit_id, owner, sector, modality, cost_nok, overdue_years
    yearly: pd.DataFrame  # year, budget, spent, replaced, due, backlog (units, MNOK), oldest age
    age_profile: pd.DataFrame  # year, modality, age_class, units (from the reference year)


def _age_class(age: np.ndarray) -> np.ndarray:
    """Return 0, 1, 2 for ages 0-5, 6-10 and over 10 (COCIR's classes)."""
    return np.where(age <= 5, 0, np.where(age <= 10, 1, 2))


def replace_under_budget(
    fleet_table: pd.DataFrame, reference: int, horizon: int, budget_mnok: float | None
) -> BudgetPlan:
    """Return the yearly replacements under an annual budget (None: unlimited), in priority order.

    Each year from reference + 1 the units due or overdue queue: most years overdue first,
    then the higher modality weight, then the older unit. The budget buys units from the head
    of the queue; the queue is not jumped, so when the next unit costs more than what is left,
    the remainder is saved for it (it carries into next year); with nothing waiting, unspent
    budget lapses. A replaced unit is new that year and falls due after its lifetime.
    Backlog = units due and not replaced by the end of the year. In the first year, units
    overdue since before count as falling due then.
    """
    install = fleet_table["install_year"].to_numpy(dtype=int).copy()
    due = fleet_table["due_year"].to_numpy(dtype=int).copy()
    life = fleet_table["lifetime_years"].to_numpy(dtype=int)
    price = fleet_table["price_nok"].to_numpy(dtype=float)
    weight = fleet_table["weight"].to_numpy(dtype=float)
    modality = _modality_codes(fleet_table["modality"])
    years = np.arange(reference + 1, horizon + 1)
    per_year = np.inf if budget_mnok is None else float(budget_mnok) * MNOK
    counts = np.zeros((len(years) + 1, len(EQUIPMENT_MODALITIES), len(AGE_CLASSES)), dtype=int)
    np.add.at(counts[0], (modality, _age_class(reference - install)), 1)
    yearly = np.zeros((len(years), 8))
    positions, when, lateness = [], [], []
    carried = 0.0
    for i, year in enumerate(years):
        newly_due = (due == year) if i else (due <= year)
        queue = np.flatnonzero(due <= year)
        order = queue[np.lexsort((queue, install[queue], -weight[queue], -(year - due[queue])))]
        available = per_year + carried
        bought = order[: int(np.searchsorted(np.cumsum(price[order]), available, side="right"))]
        spent = price[bought].sum()
        carried = available - spent if len(bought) < len(order) else 0.0
        positions.append(bought)
        when.append(np.full(len(bought), year))
        lateness.append(year - due[bought])
        install[bought], due[bought] = year, year + life[bought]
        waiting = due <= year
        yearly[i] = (
            per_year,
            spent,
            len(bought),
            newly_due.sum(),
            price[newly_due].sum(),
            waiting.sum(),
            price[waiting].sum(),
            year - install.min() if len(install) else 0,
        )
        np.add.at(counts[i + 1], (modality, _age_class(year - install)), 1)
    table = pd.DataFrame(
        yearly,
        columns=[
            "budget_mnok",
            "spent_mnok",
            "replaced_units",
            "newly_due_units",
            "newly_due_mnok",
            "backlog_units",
            "backlog_mnok",
            "oldest_age_years",
        ],
    )
    for c in ("budget_mnok", "spent_mnok", "newly_due_mnok", "backlog_mnok"):
        table[c] = table[c] / MNOK
    for c in ("replaced_units", "newly_due_units", "backlog_units", "oldest_age_years"):
        table[c] = table[c].astype(int)
    table.insert(0, "year", years)
    replaced = _events(
        fleet_table,
        np.concatenate(positions or [np.zeros(0, int)]).astype(int),
        np.concatenate(when or [np.zeros(0, int)]),
        np.concatenate(lateness or [np.zeros(0, int)]),
    )
    return BudgetPlan(replaced, table, _profile(np.arange(reference, horizon + 1), counts))


def _profile(years: np.ndarray, counts: np.ndarray) -> pd.DataFrame:
    """Return counts[year, modality, class] as a long table: year, modality, age_class, units."""
    n_mod, n_cls = len(EQUIPMENT_MODALITIES), len(AGE_CLASSES)
    return pd.DataFrame(
        {
            "year": np.repeat(years, n_mod * n_cls),
            "modality": np.tile(np.repeat(EQUIPMENT_MODALITIES, n_cls), len(years)),
            "age_class": np.tile(AGE_CLASSES, len(years) * n_mod),
            "units": counts.reshape(-1),
        }
    )


# --- the golden rules --------------------------------------------------------------------------


def golden_rules(age_profile: pd.DataFrame) -> pd.DataFrame:
    """Return each year's age shares (%) per modality and for the region, and whether each rule holds.

    Out: scope ('region' or a modality), year, units, and per age class c in 0-5, 6-10,
    over_10: share_c (%) and met_c (True/False). Modalities without units are left out.
    """
    years = np.sort(age_profile["year"].unique())
    counts = np.zeros((len(years), len(EQUIPMENT_MODALITIES), len(AGE_CLASSES)))
    cls = {c: i for i, c in enumerate(AGE_CLASSES)}
    np.add.at(
        counts,
        (
            np.searchsorted(years, age_profile["year"].to_numpy()),
            _modality_codes(age_profile["modality"]),
            np.fromiter((cls[c] for c in age_profile["age_class"]), dtype=int),
        ),
        age_profile["units"].to_numpy(),
    )
    scopes = ["region", *EQUIPMENT_MODALITIES]
    by_scope = np.concatenate([counts.sum(axis=1)[None], counts.transpose(1, 0, 2)])  # scope, year, class
    total = by_scope.sum(axis=2)
    keep = np.flatnonzero(total.sum(axis=1) > 0)
    by_scope, total = by_scope[keep], total[keep]
    out = {
        "scope": np.repeat([scopes[k] for k in keep], len(years)),
        "year": np.tile(years, len(keep)),
        "units": total.reshape(-1).astype(int),
    }
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = 100 * by_scope / total[:, :, None]
    for c, bound, limit in GOLDEN_RULES:
        share = shares[:, :, cls[c]].reshape(-1)
        out[f"share_{c}"] = share
        out[f"met_{c}"] = share >= limit if bound == "min" else share <= limit
    return pd.DataFrame(out)


def year_ranges(years) -> str:
    """Return [2026, 2027, 2028, 2031] as '2026-2028, 2031' ('' when empty)."""
    runs: list[list[int]] = []
    for y in sorted(int(v) for v in years):
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def rule_breaks(rules: pd.DataFrame) -> pd.DataFrame:
    """Return, per scope and golden rule, how many years and which years the rule is broken.

    Out: scope, age_class, bound ('min'/'max'), limit_pct, years_broken (count), broken_in (text).
    """
    scope, year = rules["scope"].to_numpy(), rules["year"].to_numpy()
    rows = []
    for name in dict.fromkeys(scope):
        own = scope == name
        for cls, bound, limit in GOLDEN_RULES:
            broken = year[own & ~rules[f"met_{cls}"].to_numpy()]
            rows.append((name, cls, bound, limit, len(broken), year_ranges(broken)))
    return pd.DataFrame(rows, columns=["scope", "age_class", "bound", "limit_pct", "years_broken", "broken_in"])


def first_year_all_met(rules: pd.DataFrame, scope: str = "region") -> int | None:
    """Return the first year from which every golden rule holds to the horizon, or None."""
    own = rules[rules["scope"] == scope].sort_values("year")
    ok = own[[f"met_{c}" for c, _, _ in GOLDEN_RULES]].all(axis=1).to_numpy()
    if not ok.any() or not ok[-1]:
        return None
    broken = np.flatnonzero(~ok)
    return int(own["year"].iloc[0 if len(broken) == 0 else broken[-1] + 1])


# --- uncertainty: replacement age around the lifetime ------------------------------------------


def replacement_band(
    fleet_table: pd.DataFrame, first_year: int, horizon: int, shape: float, draws: int, seed: int, interval: float = 0.8
) -> pd.DataFrame:
    """Return the median and the `interval` band of units and cost (MNOK) due per year.

    Each unit's replacement age is drawn from a Weibull with the unit's life (its due year
    less its install year) as scale and `shape` as shape, rounded to whole years; each new
    unit draws again with its modality's lifetime as scale. Budget unlimited, as in
    `replacement_schedule`. Seeded: the same seed gives the same band.
    Out: year, units_median, units_lower, units_upper, cost_median_mnok, cost_lower_mnok,
    cost_upper_mnok.
    """
    rng = np.random.default_rng(seed)
    n_years, n = horizon - first_year + 1, len(fleet_table)
    install = fleet_table["install_year"].to_numpy()
    first_life = fleet_table["due_year"].to_numpy() - install
    life = fleet_table["lifetime_years"].to_numpy()
    price = np.broadcast_to(fleet_table["price_nok"].to_numpy(dtype=float), (draws, n))
    row = np.broadcast_to(np.arange(draws)[:, None] * n_years, (draws, n))
    units = np.zeros(draws * n_years)
    cost = np.zeros(draws * n_years)
    due = np.maximum(install + np.rint(rng.weibull(shape, (draws, n)) * first_life), first_year)
    while (now := due <= horizon).any():
        slot = row[now] + (due[now] - first_year).astype(int)
        units += np.bincount(slot, minlength=draws * n_years)
        cost += np.bincount(slot, weights=price[now], minlength=draws * n_years)
        due = due + np.maximum(np.rint(rng.weibull(shape, (draws, n)) * life), 1)
    lo, hi = (1 - interval) / 2, (1 + interval) / 2
    u = np.quantile(units.reshape(draws, n_years), [0.5, lo, hi], axis=0)
    c = np.quantile(cost.reshape(draws, n_years), [0.5, lo, hi], axis=0) / MNOK
    return pd.DataFrame(
        {
            "year": np.arange(first_year, horizon + 1),
            "units_median": u[0],
            "units_lower": u[1],
            "units_upper": u[2],
            "cost_median_mnok": c[0],
            "cost_lower_mnok": c[1],
            "cost_upper_mnok": c[2],
        }
    )


# --- the demand check --------------------------------------------------------------------------


def demand_check(
    exams: pd.DataFrame,
    register: pd.DataFrame,
    scenario: Mapping[str, float],
    first_year: int,
    horizon: int,
    activity: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return, per modality and year, the units needed to carry the exam volume vs units on hand.

    exams(year): the activity projection's exams of both sectors (`activity.exams_projection`,
    the one every need reads); without it, Tabell 1's exams x (1 + use growth)^(year - exam
    year), demography left out. Units needed = exams / (exams per machine-hour x opening hours
    a week x weeks) (`workload.capacity_per_unit`); on hand = the register's units of all
    sectors (each kept by like-for-like replacement). gap = needed - on hand (positive: too few).
    """
    from imaging_plan.planning.workload import capacity_per_unit

    exam_year = int(exams["year"].max())
    latest = dict(
        zip(exams.loc[exams["year"] == exam_year, "modality"], exams.loc[exams["year"] == exam_year, "exams"])
    )
    carried = [m for m in EQUIPMENT_MODALITIES if EXAM_MODALITY_OF_EQUIPMENT[m] in latest]
    years = np.arange(first_year, horizon + 1)
    if activity is not None:
        total = activity.groupby(["modality", "year"])["exams"].sum()
        volume = np.array(
            [[total.get((EXAM_MODALITY_OF_EQUIPMENT[m], int(y)), np.nan) for y in years] for m in carried], dtype=float
        )
    else:
        growth = per_modality(scenario, "growth_{}_pct")
        base = np.array([latest[EXAM_MODALITY_OF_EQUIPMENT[m]] for m in carried], dtype=float)
        rate = np.array([growth[m] for m in carried]) / 100
        volume = base[:, None] * (1 + rate[:, None]) ** (years[None, :] - exam_year)
    capacity = capacity_per_unit(scenario)
    per_unit = np.array([capacity[m] for m in carried], dtype=float)
    on_hand = register["modality"].value_counts()
    have = np.array([on_hand.get(m, 0) for m in carried])
    needed = volume / per_unit[:, None]
    return pd.DataFrame(
        {
            "modality": np.repeat(carried, len(years)),
            "year": np.tile(years, len(carried)),
            "exams": volume.reshape(-1),
            "throughput": np.repeat(per_unit, len(years)),
            "units_needed": needed.reshape(-1),
            "units_on_hand": np.repeat(have, len(years)),
            "gap_units": (needed - have[:, None]).reshape(-1),
        }
    )


def fleet_growth(machines: pd.DataFrame, scenario: Mapping[str, float], first_year: int) -> pd.DataFrame:
    """Return the public units to add per year and type beyond like-for-like replacement, and their cost.

    Per type, for the public fleet as a whole (a trust's share of a rare type is not a unit of
    its own): whole units needed (the trusts' `workload.machines_needed` summed, rounded up)
    above the most the fleet has held so far (its units on hand, then what was added); a fall
    in need sells nothing (units go when they fall due). Cost = units x the type's price.
    Out: year, modality, units_added, cost_mnok (from `first_year`).
    """
    public = machines[(machines["sector"] == "public") & (machines["year"] >= first_year)]
    region = public.groupby(["modality", "year"], as_index=False)[["units_needed", "units_on_hand"]].sum()
    price = per_modality(scenario, "price_{}_mnok")
    frames = []
    for modality, rows in region.groupby("modality", sort=False):
        rows = rows.sort_values("year")
        whole = np.ceil(rows["units_needed"].to_numpy() - 1e-9)
        on_hand = float(rows["units_on_hand"].iloc[0])
        held = np.maximum.accumulate(np.maximum(whole, on_hand))
        added = np.diff(np.concatenate([[on_hand], held]))
        frames.append(pd.DataFrame({"year": rows["year"].to_numpy(), "modality": modality, "units_added": added}))
    out = pd.concat(frames, ignore_index=True)
    out["cost_mnok"] = out["units_added"] * out["modality"].map(price)
    return out


# --- per owner ---------------------------------------------------------------------------------


def per_owner_due(
    events: pd.DataFrame, fleet_table: pd.DataFrame, first_year: int, horizon: int, soon: int
) -> pd.DataFrame:
    """Return per owner and modality: units and their value, what is overdue at the start,
    due by `soon` and due by the horizon (units and cost, budget unlimited).

    Counts replacements of the unlimited schedule (a unit replaced twice counts twice).
    """
    code, labels = _groups(fleet_table, ["owner", "modality"])
    n = len(labels)
    group = code[pd.Index(fleet_table["unit_id"]).get_indexer(events["unit_id"])]
    year = events["year"].to_numpy()
    cost = events["cost_nok"].to_numpy(dtype=float)
    overdue = (events["overdue_years"].to_numpy() > 0) & (year == first_year)
    tally = lambda mask, w=None: np.bincount(
        group[mask],
        weights=None if w is None else w[mask],  # noqa: E731
        minlength=n,
    )
    everything = np.ones(len(events), dtype=bool)
    out = labels.copy()
    out["units"] = np.bincount(code, minlength=n)
    out["value_mnok"] = np.bincount(code, weights=fleet_table["price_nok"].to_numpy(), minlength=n) / MNOK
    out["overdue_at_start"] = tally(overdue)
    out["overdue_cost_mnok"] = tally(overdue, cost) / MNOK
    out["due_by_year"] = tally(year <= soon)
    out["due_to_horizon"] = tally(everything)
    out["cost_to_horizon_mnok"] = tally(everything, cost) / MNOK
    return out


def first_plan_year(units: pd.DataFrame) -> int:
    """Return the first year replacements are planned: the year after Tabell 5's count."""
    return reference_year(units) + 1
