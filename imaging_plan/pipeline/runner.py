"""Run the forecast notebooks with papermill: `python -m imaging_plan.pipeline.runner`.

Each executed notebook is kept in `<output_dir>/_runs/` as the record of its
run. A notebook that fails is named, its executed copy is kept as
`*.failed.ipynb`, and the earlier forecasts stay as they were (the notebook's
own write is atomic and comes last). Each full run (no --only) that built
something keeps a copy of every forecast under `<output_dir>/_history/<run_id>/`
(the last 20 runs), so a run can be compared with an earlier one.

Notebook 00 (the activity) is built before the others, also with --jobs.
One build of a forecast at a time: a notebook whose forecast another run is
building is refused (exit code 2) with a message naming that run (pid, start
time, command), or waited for with --wait. Progress of each build is kept in
`<output_dir>/.progress/` for the app. The backtest (05) fits its models on all
cores, or on a Dask cluster with --scheduler.

    python -m imaging_plan.pipeline.runner                      # run every notebook
    python -m imaging_plan.pipeline.runner --if-stale           # only missing or out-of-date forecasts
    python -m imaging_plan.pipeline.runner --if-stale --skip 05 # the fast ones (what `make app` waits for)
    python -m imaging_plan.pipeline.runner --only 01 -p horizon 2045 --output-dir /tmp/scratch
    python -m imaging_plan.pipeline.runner -f scenario.yaml     # a scenario saved from the app
    python -m imaging_plan.pipeline.runner --only 05 --workers 2 --scheduler tcp://10.0.0.5:8786
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from imaging_plan import paths
from imaging_plan.planning.assumptions import ASSUMPTIONS, AssumptionError
from imaging_plan.pipeline.build import StoreBusy, build_lock, finish_progress, start_progress
from imaging_plan.pipeline.runs import HISTORY_KEEP, snapshot_run
from imaging_plan.pipeline.store import is_stale

RUNS = "_runs"
# Exit codes: 0 all built or current, 1 a notebook failed or the request was wrong, 2 refused
# because another run is building one of the forecasts.
BUSY = 2
# How a notebook computes, not what: passed only to the notebooks that declare them.
EXECUTION_PARAMETERS = ("workers", "scheduler")
# Notebooks whose forecast others are built after (run order puts them first; parallel runs wait for them).
PRODUCERS = ("00_",)


def notebooks(only: list[str] | None = None) -> list[Path]:
    """Return the project's forecast notebooks in run order, optionally those whose name starts with `only`."""
    found = sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    if only:
        found = [nb for nb in found if _matches(nb, only)]
    return found


def _matches(notebook: Path, prefixes: list[str]) -> bool:
    return any(notebook.stem.startswith(p) or notebook.stem == p for p in prefixes)


def forecast_name(notebook: Path) -> str:
    """Return the forecast folder a notebook writes: '01_forecast_physician_ftes' -> 'physician_ftes'.

    '00_project_activity' -> 'activity'; '07_stress_preparedness' -> 'preparedness' (its tables
    are stress tests, not forecasts).
    """
    stem = notebook.stem.split("_", 1)[1]
    return stem.removeprefix("forecast_").removeprefix("project_").removeprefix("stress_")


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
        pm.execute_notebook(
            str(notebook),
            str(partial),
            parameters=parameters,
            cwd=str(paths.PROJECT_ROOT),
            progress_bar=progress,
            kernel_name="python3",
        )
    except BaseException:
        failed = runs / f"{notebook.stem}.failed.ipynb"
        if partial.exists():
            os.replace(partial, failed)
        raise
    record = runs / f"{notebook.stem}.ipynb"
    os.replace(partial, record)
    (runs / f"{notebook.stem}.failed.ipynb").unlink(missing_ok=True)
    return record


def run_all(
    only: list[str] | None = None,
    parameters: dict | None = None,
    data_dir: Path | None = None,
    output_dir: Path | None = None,
    if_stale: bool = False,
    progress: bool = True,
    out=None,
    skip: list[str] | None = None,
    wait: float = 0.0,
    workers: int | None = None,
    scheduler: str | None = None,
    jobs: int = 1,
) -> int:
    """Run the selected notebooks; return 0 when all succeeded, 1 when one failed, 2 when refused.

    Each notebook runs holding its forecast's build lock (refused at once when another run holds
    it, or after `wait` seconds). `workers` and `scheduler` go to the notebooks that declare them
    (the backtest). `jobs` notebooks run at a time (each in its own kernel); with one, the run
    stops at the first notebook that fails or is refused. A full run (no `only`, no `skip`) in
    which every notebook succeeded and at least one ran ends by keeping the run in the history.
    """
    out = out or sys.stdout
    data_dir = paths.resolve(data_dir, paths.DATA_DIR)
    output_dir = paths.resolve(output_dir, paths.FORECASTS_DIR)
    parameters = dict(parameters or {})
    selected = [nb for nb in notebooks(only) if not (skip and _matches(nb, skip))]
    if not selected:
        print(f"No notebook matches {only} (skipping {skip}); have: {[nb.stem for nb in notebooks()]}", file=out)
        return 1
    execution = {k: v for k, v in (("workers", workers), ("scheduler", scheduler)) if v is not None}
    declared = {nb: declared_parameters(nb) for nb in selected}
    unused = set(parameters) - {p for d in declared.values() for p in d} - set(EXECUTION_PARAMETERS)
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

    def build(i: int, nb: Path) -> str:
        """Build one notebook's forecast under its lock; return 'ran', 'current', 'failed' or 'busy'."""
        label = f"[{i}/{len(selected)}] {nb.name}"
        name = forecast_name(nb)
        own = {k: v for k, v in parameters.items() if k in declared[nb]}
        try:
            with build_lock(output_dir, name, wait=wait) as stale:
                if stale:
                    print(
                        f"{label}: took over the lock of a run that is gone (pid {stale.get('pid')}, "
                        f"started {stale.get('started_utc')})",
                        file=out,
                        flush=True,
                    )
                if if_stale:  # checked under the lock: another run may have just built it
                    reason = is_stale(output_dir, name, data_dir, nb, own)
                    if reason is None:
                        print(f"{label}: up to date", file=out, flush=True)
                        return "current"
                    print(f"{label}: building ({reason})", file=out, flush=True)
                else:
                    print(f"{label}: running", file=out, flush=True)
                own.update({k: v for k, v in execution.items() if k in declared[nb]})
                own.update(data_dir=str(data_dir), output_dir=str(output_dir))
                started = time.perf_counter()
                start_progress(output_dir, name)
                try:
                    record = run_notebook(nb, own, output_dir, progress=progress)
                except Exception as err:  # papermill raises PapermillExecutionError with the cell's error
                    last_line = (str(err).strip().splitlines() or [""])[-1]
                    finish_progress(output_dir, name, ok=False, message=last_line)
                    print(
                        f"{label}: FAILED. Earlier forecasts are unchanged; the executed notebook is "
                        f"{output_dir / RUNS / (nb.stem + '.failed.ipynb')}\n{err}",
                        file=out,
                        flush=True,
                    )
                    return "failed"
                finish_progress(output_dir, name, ok=True)
        except StoreBusy as err:
            print(f"{label}: refused: {err}", file=out, flush=True)
            return "busy"
        print(f"{label}: done in {time.perf_counter() - started:.1f} s (record: {record})", file=out, flush=True)
        return "ran"

    outcomes = []
    if jobs <= 1:  # one after another, stopping at the first that fails or is refused
        for i, nb in enumerate(selected, 1):
            outcomes.append(build(i, nb))
            if outcomes[-1] in ("failed", "busy"):
                break
    else:  # each notebook runs in its own kernel process: threads only wait for them
        from concurrent.futures import ThreadPoolExecutor

        # The producers (00, the activity the others' needs read) are built first, one at a time.
        first = [i for i, nb in enumerate(selected) if nb.stem.startswith(PRODUCERS)]
        outcomes = [build(i + 1, selected[i]) for i in first]
        rest = [i for i in range(len(selected)) if i not in first]
        if not {"failed", "busy"} & set(outcomes):
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                outcomes += list(pool.map(build, [i + 1 for i in rest], [selected[i] for i in rest]))
    if "failed" in outcomes:
        return 1
    if "busy" in outcomes:
        return BUSY
    ran = outcomes.count("ran")
    if not only and not skip and ran:
        kept = snapshot_run(output_dir)
        print(f"Run kept as {kept} (the last {HISTORY_KEEP} runs are kept)", file=out, flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m imaging_plan.pipeline.runner",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--only", nargs="+", help="notebook name or number prefix, e.g. 01")
    parser.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="pass a parameter to the notebooks",
    )
    parser.add_argument(
        "-f",
        "--parameters-file",
        metavar="SCENARIO.yaml",
        help="a scenario file saved from the app (strictly checked); -p overrides it",
    )
    parser.add_argument("--data-dir", help="input tables folder (default: data/)")
    parser.add_argument("--output-dir", help="forecast folder (default: forecasts/)")
    parser.add_argument(
        "--if-stale",
        action="store_true",
        help="run only notebooks whose forecast is missing or was made from other content "
        "(notebook, code, input files or parameters)",
    )
    parser.add_argument(
        "--skip", nargs="+", metavar="PREFIX", help="leave out these notebooks, e.g. --skip 05 (the backtest)"
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="wait up to this long for another run building the same forecast (default: refuse at once, exit code 2)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes for the backtest's fits (default: all cores; 1: one process)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="run the backtest's fits on this Dask cluster instead of local processes",
    )
    parser.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="run N notebooks at a time, each in its own kernel (default 1)"
    )
    parser.add_argument("--no-progress", action="store_true", help="hide papermill's progress bar")
    args = parser.parse_args(argv)
    if args.workers is not None and args.workers < 0:
        parser.error("--workers must be 0 (all cores) or more")
    if args.scheduler is not None and "://" not in args.scheduler:
        parser.error(f"--scheduler {args.scheduler!r}: expected an address such as tcp://127.0.0.1:8786")
    parameters = {}
    if args.parameters_file:
        from imaging_plan.planning.scenario import ScenarioError, from_yaml

        try:
            parameters = from_yaml(Path(args.parameters_file).read_text(encoding="utf-8"), defaults={})
        except (OSError, ScenarioError) as err:
            print(f"{args.parameters_file}: {err}")
            return 1
    parameters.update({name: _typed(value) for name, value in args.parameter})
    return run_all(
        args.only,
        parameters,
        args.data_dir,
        args.output_dir,
        args.if_stale,
        progress=not args.no_progress,
        skip=args.skip,
        wait=args.wait,
        workers=args.workers,
        scheduler=args.scheduler,
        jobs=args.jobs,
    )


if __name__ == "__main__":
    sys.exit(main())
