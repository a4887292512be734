"""Named sets of stress-test scenarios (notebook 07): read from a YAML file, each run over the same capacity."""

from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

from imaging_plan.planning.preparedness import PreparednessError, stress_results


def read_scenario_set(path, base: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Return the named scenarios of a YAML file (name: {parameter: value}), each over `base`.

    Each entry is checked like a scenario file (`scenario.from_yaml`: known keys, ranges, choices);
    a bad one refuses the whole file, naming the file, the entry and the parameter.
    """
    from pathlib import Path

    import yaml

    from imaging_plan.planning.scenario import ScenarioError, from_yaml

    text = Path(path).read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise PreparednessError(f"{path}: a scenario set is a mapping of name: {{parameter: value}} entries")
    found = {}
    for name, values in data.items():
        try:
            found[str(name)] = {**base, **from_yaml(yaml.safe_dump(values), defaults={})}
        except ScenarioError as err:
            raise PreparednessError(f"{path}, scenario '{name}': {err}") from None
    return found


def run_scenarios(
    capacity: pd.DataFrame, named: Mapping[str, Mapping[str, Any]]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return the stress results (summary, weekly, overflow) of each named scenario, a first column `run` naming it.

    Every scenario is checked before any result is returned, so a refused one leaves nothing half-made.
    """
    parts: list[tuple[pd.DataFrame, ...]] = []
    for name, values in named.items():
        try:
            parts.append(tuple(frame.assign(run=name) for frame in stress_results(capacity, values)))
        except PreparednessError as err:
            raise PreparednessError(f"scenario '{name}': {err}") from None
    return tuple(  # type: ignore[return-value]
        pd.concat([p[i] for p in parts], ignore_index=True).pipe(lambda f: f[["run", *f.columns[:-1]]])
        for i in range(3)
    )
