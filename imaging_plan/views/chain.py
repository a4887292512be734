"""The chain's shared parts: exams per modality -> radiographers and machines, for the viewer's scenario.

Every page reads the activity through `activity_part` (the same function notebook 00 runs), so
a growth slider moves the physicians' need, the radiographers and the machines together. Each
part is cached on the assumptions it reads, so a turnover or budget slider reuses them.
"""

from __future__ import annotations

import pandas as pd

from imaging_plan.planning import activity, workload
from imaging_plan.planning.assumptions import in_group
from imaging_plan.views import cache
from imaging_plan.views.snapshot import Snapshot

# What the projection of exams reads beside the activity group's growth and private shares.
ACTIVITY_KEYS = ("population_scenario", "use_growth_pct")
# What turns exams into radiographer FTEs (minutes per exam, hours per FTE).
STAFF_MINUTE_KEYS = tuple(
    a.key for a in in_group("workload_staff") if a.key.startswith("staff_min_") or a.key == "hours_per_fte_radiographer"
)
# What turns exams into machines (capacity per unit), and machines into radiographers.
CAPACITY_KEYS = (
    *(a.key for a in in_group("equipment") if a.key.startswith("exams_per_hour_")),
    "opening_hours_week",
    "weeks_per_year",
)
MACHINE_KEYS = (*CAPACITY_KEYS, "radiographers_per_machine")


@cache.cached(groups=("general", "activity"), keys=ACTIVITY_KEYS)
def activity_part(snapshot: Snapshot) -> pd.DataFrame:
    """Return the scenario's exams per year, modality and sector (`activity.exams_projection`)."""
    return activity.exams_projection(snapshot.tables, snapshot.scenario)


@cache.cached(groups=("general", "activity"), keys=(*ACTIVITY_KEYS, *STAFF_MINUTE_KEYS, "staff_follow_trend"))
def radiographer_path_part(snapshot: Snapshot) -> pd.DataFrame | None:
    """Return the radiographers' planned FTEs from the workload, or None when the scenario plans otherwise."""
    if int(snapshot.scenario["staff_follow_trend"]) != 2:
        return None
    return workload.radiographer_path(snapshot.tables, snapshot.scenario, snapshot.tables["staff_ftes"])


@cache.cached(groups=("general", "activity"), keys=(*ACTIVITY_KEYS, *STAFF_MINUTE_KEYS, *MACHINE_KEYS))
def machines_part(snapshot: Snapshot) -> pd.DataFrame:
    """Return units needed per year, type and owner at the scenario's opening hours (`workload.machines_needed`)."""
    return workload.machines_needed(
        activity_part(snapshot),
        snapshot.tables["equipment_units"],
        snapshot.tables["exams_by_trust"],
        snapshot.scenario,
    )
