"""Every planning assumption, defined once.

Each definition carries key, labels (bokmål and English), unit, default,
range, step and source. The same definition gives the notebooks their
parameter defaults and checks, the app its widgets (and URL keys), and the
range checks, so the three can never disagree.
"""

from __future__ import annotations

from typing import Mapping

import pandas as pd

from imaging_plan.planning.assumptions.activity import ACTIVITY
from imaging_plan.planning.assumptions.base import Assumption, AssumptionError
from imaging_plan.planning.assumptions.equipment import EQUIPMENT
from imaging_plan.planning.assumptions.physicians import PHYSICIANS
from imaging_plan.planning.assumptions.preparedness import PREPAREDNESS
from imaging_plan.planning.assumptions.staffing import STAFF

__all__ = ["ASSUMPTIONS", "Assumption", "AssumptionError", "defaults", "in_group", "resolve"]

# In definition order: the order of the sliders on each page and of the sources tables.
ASSUMPTIONS: dict[str, Assumption] = {a.key: a for a in [*PHYSICIANS, *STAFF, *EQUIPMENT, *ACTIVITY, *PREPAREDNESS]}


def in_group(*groups: str) -> list[Assumption]:
    """Return the assumptions of the given groups, in definition order."""
    return [a for a in ASSUMPTIONS.values() if a.group in groups]


def defaults(tables: Mapping[str, pd.DataFrame], groups: tuple[str, ...] | None = None) -> dict[str, float | int]:
    """Return the defaults of every assumption (or of `groups` only); data-derived ones come from `tables`.

    A derived default whose tables are not given is left out, so a notebook
    (which may also pass its own groups) loads only the tables it uses.
    """
    out = {}
    for a in ASSUMPTIONS.values() if groups is None else in_group(*groups):
        if a.derive is None:
            out[a.key] = a.default
        elif not all(name in tables for name in a.tables):
            continue
        else:
            value = round(a.derive(tables) / a.step) * a.step
            out[a.key] = round(min(max(value, a.min), a.max), 6)
    return out


def resolve(
    values: Mapping[str, object], tables: Mapping[str, pd.DataFrame], groups: tuple[str, ...] | None = None
) -> dict[str, float | int]:
    """Return a complete, checked scenario: defaults overlaid with `values` (None = default).

    With `groups`, the scenario holds those groups' assumptions only. Unknown
    keys and out-of-range values raise AssumptionError naming the parameter.
    """
    known = list(ASSUMPTIONS) if groups is None else [a.key for a in in_group(*groups)]
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise AssumptionError(f"unknown parameter(s): {', '.join(unknown)}; known: {', '.join(known)}")
    scenario = defaults(tables, groups)
    for key, value in values.items():
        if value is not None:
            scenario[key] = ASSUMPTIONS[key].check(value)
    return scenario
