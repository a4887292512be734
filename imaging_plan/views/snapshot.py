"""The snapshot: what a page, an export or a test reads in one go, immutable.

A `Snapshot` holds the language, the scenario (one value per assumption and
choice), the defaults, the input tables, the stored forecasts and the versions
of both. The app builds one per rerun (`app.shell.build_context`); exports,
benchmarks and tests build one without the sidebar (`app.shell.snapshot_for`).
Every page's `compute(snapshot)` reads it and nothing else.
"""

from __future__ import annotations

from collections import ChainMap
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import pandas as pd

from imaging_plan import paths
from imaging_plan.pipeline.store import Forecast


@dataclass(frozen=True)
class Snapshot:
    """What every page reads in one rerun; immutable (the mappings are read-only views)."""

    lang: str
    scenario: Mapping[str, Any]
    defaults: Mapping[str, Any]
    data_version: str = ""
    forecast_versions: tuple = ()
    tables: Mapping[str, pd.DataFrame] = field(default_factory=lambda: MappingProxyType({}))
    forecasts: Mapping[str, Forecast] = field(default_factory=lambda: MappingProxyType({}))
    data_error: str | None = None
    data_dir: Path = paths.DATA_DIR
    forecasts_dir: Path = paths.FORECASTS_DIR

    def forecast(self, name: str) -> Forecast | None:
        """Return stored forecast `name` (shared, read-only), or None when it has not been made."""
        return self.forecasts.get(name)

    def with_scenario(self, scenario: Mapping[str, Any]) -> "Snapshot":
        """Return the same snapshot for another scenario (e.g. a preset drawn beside the viewer's)."""
        return replace(self, scenario=MappingProxyType(dict(scenario)))

    def with_values(self, **changes: Any) -> "Snapshot":
        """Return the snapshot with a few values changed, the others read through (so reads stay recorded)."""
        return replace(self, scenario=MappingProxyType(ChainMap(dict(changes), self.scenario)))


def freeze(lang: str, scenario: Mapping, defaults: Mapping, **rest) -> Snapshot:
    """Return a Snapshot with read-only copies of the mappings."""
    for name in ("tables", "forecasts"):
        if name in rest:
            rest[name] = MappingProxyType(dict(rest[name]))
    return Snapshot(lang, MappingProxyType(dict(scenario)), MappingProxyType(dict(defaults)), **rest)
