"""Run the forecast notebooks with papermill: `python -m imaging_plan.runner`.

Each executed notebook is kept in `<output_dir>/_runs/` as the record of its
run. A notebook that fails is named, its executed copy is kept as
`*.failed.ipynb`, and the earlier forecasts stay as they were (the notebook's
own write is atomic and comes last). Each full run (no --only) that built
something keeps a copy of every forecast under `<output_dir>/_history/<run_id>/`
(the last 20 runs), so a run can be compared with an earlier one.

    python -m imaging_plan.runner                      # run every notebook
    python -m imaging_plan.runner --if-stale           # only missing or out-of-date forecasts
    python -m imaging_plan.runner --only 01 -p horizon 2045 --output-dir /tmp/scratch
    python -m imaging_plan.runner -f scenario.yaml     # a scenario saved from the app
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import paths
from .assumptions import ASSUMPTIONS, AssumptionError
from .store import HISTORY_KEEP, is_stale, snapshot_run

RUNS = "_runs"


def notebooks(only: list[str] | None = None) -> list[Path]:
    """Return the project's forecast notebooks in run order, optionally those whose name starts with `only`."""
    found = sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    if only:
        found = [nb for nb in found if any(nb.stem.startswith(o) or nb.stem == o for o in only)]
    return found


def forecast_name(notebook: Path) -> str:
    """Return the forecast folder a notebook writes: '01_forecast_physician_ftes' -> 'physician_ftes'."""
    stem = notebook.stem.split("_", 1)[1]
    return stem.removeprefix("forecast_")


def declared_parameters(notebook: Path) -> dict:
    """Return the parameters a notebook declares in its `parameters` cell (papermill's view)."""
    import papermill as pm

    return pm.inspect_notebook(str(notebook))


def _typed(value: str):
    """Return a -p value as int, float, bool or str, as papermill's own CLI does."""
    for cast in (int, float):
        try:
            return cast(value)
        except ValueError:
            pass
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def run_notebook(notebook: Path, parameters: dict, output_dir: Path, progress: bool = True) -> Path:
    """Execute one notebook with papermill; return the kept executed copy, or raise on failure."""
    import papermill as pm

    runs = Path(output_dir) / RUNS
    runs.mkdir(parents=True, exist_ok=True)
    partial = runs / f"{notebook.stem}.partial.ipynb"
    try:
        pm.execute_notebook(str(notebook), str(partial), parameters=parameters,
                            cwd=str(paths.PROJECT_ROOT), progress_bar=progress,
                            kernel_name="python3")
    except BaseException:
        failed = runs / f"{notebook.stem}.failed.ipynb"
        if partial.exists():
            os.replace(partial, failed)
        raise
    record = runs / f"{notebook.stem}.ipynb"
    os.replace(partial, record)
    (runs / f"{notebook.stem}.failed.ipynb").unlink(missing_ok=True)
    return record


def run_all(only: list[str] | None = None, parameters: dict | None = None,
            data_dir: Path | None = None, output_dir: Path | None = None,
            if_stale: bool = False, progress: bool = True, out=None) -> int:
    """Run the selected notebooks; return 0 when all succeeded, 1 when one failed.

    A full run (no `only`) that ran at least one notebook ends by keeping the run in the history.
    """
    out = out or sys.stdout
    data_dir = paths.resolve(data_dir, paths.DATA_DIR)
    output_dir = paths.resolve(output_dir, paths.FORECASTS_DIR)
    parameters = dict(parameters or {})
    selected = notebooks(only)
    if not selected:
        print(f"No notebook matches {only}; have: {[nb.stem for nb in notebooks()]}", file=out)
        return 1
    declared = {nb: declared_parameters(nb) for nb in selected}
    unused = set(parameters) - {p for d in declared.values() for p in d}
    if unused:
        print(f"Unknown parameter(s) {sorted(unused)}: no selected notebook declares them.", file=out)
        return 1
    try:  # range-check assumption values now rather than in the middle of a run
        for key, value in parameters.items():
            if key in ASSUMPTIONS:
                parameters[key] = ASSUMPTIONS[key].check(value)
    except AssumptionError as err:
        print(f"Refused: {err}", file=out)
        return 1
    ran = 0
    for i, nb in enumerate(selected, 1):
        label = f"[{i}/{len(selected)}] {nb.name}"
        own = {k: v for k, v in parameters.items() if k in declared[nb]}
        if if_stale:
            reason = is_stale(output_dir, forecast_name(nb), data_dir, nb, own)
            if reason is None:
                print(f"{label}: up to date", file=out, flush=True)
                continue
            print(f"{label}: building ({reason})", file=out, flush=True)
        else:
            print(f"{label}: running", file=out, flush=True)
        own.update(data_dir=str(data_dir), output_dir=str(output_dir))
        started = time.perf_counter()
        try:
            record = run_notebook(nb, own, output_dir, progress=progress)
        except Exception as err:  # papermill raises PapermillExecutionError with the cell's error
            print(f"{label}: FAILED. Earlier forecasts are unchanged; the executed notebook is "
                  f"{output_dir / RUNS / (nb.stem + '.failed.ipynb')}\n{err}", file=out, flush=True)
            return 1
        print(f"{label}: done in {time.perf_counter() - started:.1f} s (record: {record})",
              file=out, flush=True)
        ran += 1
    if not only and ran:
        kept = snapshot_run(output_dir)
        print(f"Run kept as {kept} (the last {HISTORY_KEEP} runs are kept)", file=out, flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m imaging_plan.runner", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", help="notebook name or number prefix, e.g. 01")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                        metavar=("NAME", "VALUE"), help="pass a parameter to the notebooks")
    parser.add_argument("-f", "--parameters-file", metavar="SCENARIO.yaml",
                        help="a scenario file saved from the app (strictly checked); -p overrides it")
    parser.add_argument("--data-dir", help="input tables folder (default: data/)")
    parser.add_argument("--output-dir", help="forecast folder (default: forecasts/)")
    parser.add_argument("--if-stale", action="store_true",
                        help="run only notebooks whose forecast is missing or was made from other content "
                             "(notebook, code, input files or parameters)")
    parser.add_argument("--no-progress", action="store_true", help="hide papermill's progress bar")
    args = parser.parse_args(argv)
    parameters = {}
    if args.parameters_file:
        from .scenario import ScenarioError, from_yaml

        try:
            parameters = from_yaml(Path(args.parameters_file).read_text(encoding="utf-8"), defaults={})
        except (OSError, ScenarioError) as err:
            print(f"{args.parameters_file}: {err}")
            return 1
    parameters.update({name: _typed(value) for name, value in args.parameter})
    return run_all(args.only, parameters, args.data_dir, args.output_dir, args.if_stale,
                   progress=not args.no_progress)


if __name__ == "__main__":
    sys.exit(main())
