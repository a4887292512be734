"""The replacement plan's tables as notebook 04 stores them, and the variant with a budget per owner."""

from __future__ import annotations

from typing import Mapping

import pandas as pd

from imaging_plan.planning.equipment import (
    REGISTER_SEED,
    BudgetPlan,
    demand_check,
    fleet,
    fleet_growth,
    golden_rules,
    per_owner_due,
    reference_year,
    replace_under_budget,
    replacement_band,
    replacement_schedule,
    rule_breaks,
    units_due,
)


def trust_budgets(fleet_table: pd.DataFrame, total_mnok: float) -> dict[str, float]:
    """Return the regional budget split over the owners by their share of the replacement value."""
    value = fleet_table.groupby("owner")["price_nok"].sum()
    return (total_mnok * value / value.sum()).to_dict()


def replace_under_trust_budgets(
    fleet_table: pd.DataFrame, reference: int, horizon: int, budgets_mnok: Mapping[str, float]
) -> BudgetPlan:
    """Return the budget plan when each owner has its own budget (each queue runs on its own).

    The yearly table then has one row per owner and year; the age profile adds up over owners.
    """
    plans = {
        owner: replace_under_budget(units, reference, horizon, budgets_mnok.get(owner, 0.0))
        for owner, units in fleet_table.groupby("owner")
    }
    yearly = pd.concat([p.yearly.assign(owner=o) for o, p in plans.items()], ignore_index=True)
    ages = (
        pd.concat([p.age_profile for p in plans.values()])
        .groupby(["year", "modality", "age_class"], as_index=False, sort=False)["units"]
        .sum()
    )
    replaced = pd.concat([p.replaced for p in plans.values()], ignore_index=True).sort_values(
        ["year", "owner", "unit_id"], ignore_index=True
    )
    return BudgetPlan(replaced, yearly, ages)


def replacement_tables(
    register: pd.DataFrame,
    units: pd.DataFrame,
    exams: pd.DataFrame,
    scenario: Mapping[str, float],
    draws: int = 0,
    seed: int = REGISTER_SEED,
    soon: int = 2030,
    activity: pd.DataFrame | None = None,
    exams_by_trust: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """Return every table of the replacement plan for one scenario (the notebook stores them).

    schedule: units and cost due per year, owner and modality (budget unlimited);
    budget_yearly and budget_replaced: what the budget buys and leaves as backlog;
    age_profile, golden_rules, rule_breaks: the fleet's ages against COCIR's rules;
    per_owner: per owner and modality, overdue at the start, due by `soon` and by the horizon;
    demand: units needed vs on hand; band (when draws > 0): the Weibull interval per year;
    with the activity and Tabell 2: machines (units needed per trust and type, and the
    radiographers the opening hours need) and fleet_growth (units to add and their cost).
    """
    reference, horizon = reference_year(units), int(scenario["horizon"])
    first = reference + 1
    planned = fleet(register, scenario)
    events = replacement_schedule(planned, first, horizon)
    budget = replace_under_budget(planned, reference, horizon, scenario["replacement_budget_mnok"])
    rules = golden_rules(budget.age_profile)
    tables = {
        "schedule": units_due(events, planned, ("year", "owner", "modality"), first, horizon),
        "budget_yearly": budget.yearly,
        "budget_replaced": budget.replaced,
        "age_profile": budget.age_profile,
        "golden_rules": rules,
        "rule_breaks": rule_breaks(rules),
        "per_owner": per_owner_due(events, planned, first, horizon, min(soon, horizon)),
        "demand": demand_check(exams, register, scenario, reference, horizon, activity),
    }
    if activity is not None and exams_by_trust is not None:  # machines from the activity
        from imaging_plan.planning.workload import machines_needed

        tables["machines"] = machines_needed(activity, units, exams_by_trust, scenario)
        tables["fleet_growth"] = fleet_growth(tables["machines"], scenario, first)
    if draws > 0:
        tables["band"] = replacement_band(planned, first, horizon, scenario["replacement_age_shape"], draws, seed)
    return tables
