"""The topics the board's overview and the exports read, in menu order: an explicit list, no lookup by name.

Each topic gives its overview `section(snapshot)` and its `fan(snapshot)`: the one
series per year (a `panel` column when it has several) drawn for the baseline,
low and high presets beside the viewer's scenario. The overview imports this
module; the pages never import the overview, so there is no cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import pandas as pd

from imaging_plan.app import equipment_page, inflow_page, physicians_page, staffing_page
from imaging_plan.app.sections import Section
from imaging_plan.app.state import Snapshot


@dataclass(frozen=True)
class Topic:
    name: str
    section: Callable[[Snapshot], Section | None]
    fan: Callable[[Snapshot], pd.DataFrame]  # year, value (and panel)
    fan_title: str  # i18n key of what the fan shows
    fan_unit: str  # i18n key of its unit
    # the viewer's 80 % interval of the fan's series (panel, year, lower, upper); None: the presets' span
    band: Optional[Callable[[Snapshot], pd.DataFrame]] = None


TOPICS = [
    Topic("physicians", physicians_page.section, physicians_page.fan, "fan_phys_gap", "fte", physicians_page.fan_band),
    Topic(
        "inflow", inflow_page.section, inflow_page.fan, "fan_inflow_shortfall", "ov_inflow_unit", inflow_page.fan_band
    ),
    Topic("staffing", staffing_page.section, staffing_page.fan, "fan_staff_hires", "fte"),
    Topic("equipment", equipment_page.section, equipment_page.fan, "fan_eq_backlog", "mnok_unit"),
]
