"""The pages, each declared once: read by the navigation, the sidebar, the URL, the overview and the exports.

A `PageRecord` names a page's menu title, icon and path, the assumption groups
its sidebar draws (and its cached computations are keyed on), which of them start
folded, its own URL keys beside the scenario, the stored forecasts it reads, where
its `render` lives, and, for a forecast topic, what it gives the board's overview
and exports.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Optional

import pandas as pd

from imaging_plan.views import equipment, inflow, physicians, staffing
from imaging_plan.views.sections import Section
from imaging_plan.views.snapshot import Snapshot


@dataclass(frozen=True)
class OverviewPart:
    """What a forecast topic gives the overview and the exports."""

    section: Callable[[Snapshot], Section | None]
    fan: Callable[[Snapshot], pd.DataFrame]  # year, value (and panel), per preset
    fan_title: str  # i18n key of what the fan shows
    fan_unit: str  # i18n key of its unit
    # the viewer's 80 % interval of the fan's series (panel, year, lower, upper); None: the presets' span
    band: Optional[Callable[[Snapshot], pd.DataFrame]] = None


@dataclass(frozen=True)
class PageRecord:
    path: str  # URL path; also the page's name
    title: str  # i18n key of the menu title
    icon: str
    module: str  # module of `imaging_plan.app` with render(snapshot), imported when the page is opened
    groups: tuple[str, ...]  # assumption groups drawn as sliders on this page
    # groups it shares with other topics: folded in the sidebar (their sliders drawn once opened), unless a
    # value of theirs differs from its default
    folded: tuple[str, ...] = ()
    url_keys: tuple[str, ...] = ()  # the page's own URL keys (a trailing * matches a prefix)
    forecasts: tuple[str, ...] = ()  # the stored forecasts it reads
    overview: OverviewPart | None = None  # its part of the board's overview; None: not a forecast topic

    def cache_key(self) -> tuple[str, str]:
        """Its part in a cached result's key: its path, written alike in every process (its functions are not)."""
        return ("page", self.path)

    def render(self, snapshot: Snapshot) -> None:
        importlib.import_module(f"imaging_plan.app.{self.module}").render(snapshot)


# In menu order. The overview is read, not steered: the general assumptions (and the presets).
PAGES = (
    PageRecord(
        "overview",
        "page_overview",
        ":material/dashboard:",
        "overview_page",
        ("general",),
        forecasts=("physician_ftes", "specialist_inflow", "radiographer_turnover", "equipment_replacement"),
    ),
    PageRecord(
        "physicians",
        "page_physicians",
        ":material/stethoscope:",
        "physicians_page",
        ("general", "physicians", "workload"),
        url_keys=("method_*",),
        forecasts=("activity", "physician_ftes", "backtest_forecasts"),
        overview=OverviewPart(physicians.section, physicians.fan, "fan_phys_gap", "fte", physicians.fan_band),
    ),
    PageRecord(
        "inflow",
        "page_inflow",
        ":material/school:",
        "inflow_page",
        ("general", "physicians", "inflow"),
        url_keys=("method_*",),
        forecasts=("physician_ftes", "specialist_inflow", "backtest_forecasts"),
        overview=OverviewPart(inflow.section, inflow.fan, "fan_inflow_shortfall", "ov_inflow_unit", inflow.fan_band),
    ),
    PageRecord(
        "staffing",
        "page_staffing",
        ":material/groups:",
        "staffing_page",
        ("general", "staff", "staff_trusts", "activity", "workload_staff"),
        folded=("staff_trusts", "activity", "workload_staff"),
        url_keys=("staff_trusts", "staff_roles", "method_*"),
        forecasts=("activity", "radiographer_turnover", "backtest_forecasts"),
        overview=OverviewPart(staffing.section, staffing.fan, "fan_staff_hires", "fte"),
    ),
    PageRecord(
        "equipment",
        "page_equipment",
        ":material/radiology:",
        "equipment_page",
        ("general", "equipment", "activity"),
        folded=("activity",),
        forecasts=("activity", "equipment_replacement"),
        overview=OverviewPart(equipment.section, equipment.fan, "fan_eq_backlog", "mnok_unit"),
    ),
    PageRecord(
        "preparedness",
        "page_preparedness",
        ":material/emergency:",
        "preparedness_page",
        ("general", "preparedness"),
        forecasts=("activity", "preparedness"),
    ),
    PageRecord(
        "quality",
        "page_quality",
        ":material/analytics:",
        "quality_page",
        ("general",),
        url_keys=("series",),
        forecasts=("backtest_forecasts", "backtest_planning_models"),
    ),
    PageRecord("data", "page_data", ":material/upload_file:", "data_page", ("general",)),
)

TOPICS = tuple(page for page in PAGES if page.overview is not None)  # the overview's sections, in menu order


def page(path: str) -> PageRecord:
    """Return the page at URL path `path`."""
    return next(p for p in PAGES if p.path == path)


def is_page_key(key: str) -> bool:
    """Whether a URL key belongs to one page's own widgets (a choice of view, not an assumption)."""
    return any(key == k or (k.endswith("*") and key.startswith(k[:-1])) for p in PAGES for k in p.url_keys)
