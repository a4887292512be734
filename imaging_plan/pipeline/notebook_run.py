"""The steps every forecast notebook opens and closes with, written once.

A notebook calls `open_run` right after its `parameters` cell and `NotebookRun.publish` at the
end; in between it shows only what is particular to it. Opening resolves the data and output
folders, loads and validates the input tables, records the parameters the run was asked for, and
turns the notebook's assumption parameters into a checked scenario. Publishing builds the manifest
(notebook and code hashes, input hashes, parameters used and asked for) and writes the tables
through the forecast store, which publishes them whole or not at all.

A note for whoever writes a `parameters` cell: papermill 2.7 drops a parameter annotated
`float | None` from `papermill --help-notebook` and from `inspect_notebook` (the runner's check of
`-p` names would then refuse it as unknown), so an optional number is written `name: float = None`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Callable, Mapping

import pandas as pd

from imaging_plan import paths
from imaging_plan.planning import assumptions, demand, preparedness, workload
from imaging_plan.data import inputs, schemas
from imaging_plan.pipeline import store
from imaging_plan.pipeline.runner import forecast_name
from imaging_plan.forecasting.trends import TrendSettings

# Parameters that are not in the assumption registry yet belong to the scenario, each with its check.
SCENARIO_CHOICES: dict[str, Callable[[object], object]] = {
    "population_scenario": demand.check_population_scenario,
    **{key: preparedness.check_choice(key) for key in preparedness.CHOICE_KEYS},
    "need_method": workload.check_need_method,
}


@dataclass
class NotebookRun:
    """One notebook's run: where it reads and writes, what it loaded, and what it was asked for."""

    notebook: str  # the notebook's file name (or path), as `store` hashes and records it
    forecast: str  # the folder it publishes, named after the notebook (as the runner locks it)
    data_dir: Path
    output_dir: Path
    tables: dict[str, pd.DataFrame]  # validated inputs; an optional file that is absent is left out
    input_hashes: dict[str, str | None]  # file -> SHA-256; None records an optional file that was absent
    requested: dict  # every declared parameter as asked for, locations left out (staleness compares these)
    scenario: dict  # the notebook's assumptions, checked, derived defaults filled in
    settings: TrendSettings | None  # the Prophet settings, when the notebook declares them all

    def parameters(self, derived: Mapping | None = None) -> dict:
        """Return the parameters the run used: as asked, the scenario's resolved values over them, then `derived`."""
        return {**self.requested, **self.scenario, **(derived or {})}

    def publish(self, tables: Mapping[str, pd.DataFrame], derived: Mapping | None = None) -> Path:
        """Write `tables` beside their manifest as the new version of this run's forecast; return its folder.

        `derived` adds values the notebook computed from its parameters (e.g. the origin years) to
        the manifest's `parameters`. Nothing is published until every table is written.
        """
        manifest = store.build_manifest(
            self.forecast,
            self.notebook,
            parameters=self.parameters(derived),
            inputs=self.input_hashes,
            data_dir=self.data_dir,
            requested=self.requested,
        )
        return store.write_forecast(self.output_dir, self.forecast, dict(tables), manifest)


def open_run(notebook: str, namespace: Mapping, tables: tuple[str, ...], optional: tuple[str, ...] = ()) -> NotebookRun:
    """Open a notebook's run from its `globals()`: folders, inputs, parameters asked for, scenario.

    `tables` are loaded and validated (an error names the file, line and rule); `optional` tables
    are loaded when their file exists and recorded as absent otherwise, so adding one later makes
    the forecast stale. Each parameter that is an assumption (`assumptions.ASSUMPTIONS`) is
    range-checked and, when None, given its default derived from the loaded tables; the scenario
    holds exactly the assumptions the notebook declares (tests/test_assumptions.py checks each
    notebook declares every assumption of the groups it uses).
    """
    data_dir = paths.resolve(namespace.get("data_dir"), paths.DATA_DIR)
    output_dir = paths.resolve(namespace.get("output_dir"), paths.FORECASTS_DIR)
    requested = store.requested_parameters(notebook, namespace)
    loaded, hashes = inputs.load_inputs(data_dir, tuple(tables))
    for name in optional:
        table, table_hashes = inputs.load_optional(name, data_dir)
        if table is not None:
            loaded[name] = table
        hashes.update(table_hashes or {schemas.TABLES[name].file: None})
    own = {k: v for k, v in requested.items() if k in assumptions.ASSUMPTIONS}
    scenario = {k: v for k, v in assumptions.resolve(own, loaded).items() if k in own}
    scenario.update({k: check(requested[k]) for k, check in SCENARIO_CHOICES.items() if k in requested})
    names = [f.name for f in fields(TrendSettings)]
    settings = TrendSettings(**{n: namespace[n] for n in names}) if all(n in namespace for n in names) else None
    return NotebookRun(
        notebook=notebook,
        forecast=forecast_name(Path(notebook)),
        data_dir=data_dir,
        output_dir=output_dir,
        tables=loaded,
        input_hashes=hashes,
        requested=requested,
        scenario=scenario,
        settings=settings,
    )
