"""The backtest's fits on 1, 2 and 4 worker processes: wall time, CPU time, and the load beside it.

    python benchmarks/parallel_backtest.py [WORKERS ...] [--no-grid]

Runs what notebook 05 fits (every series of the plan's tables, naive, drift, Theta and Prophet
with the settings grid unless --no-grid) through `backtesting.rolling_origin`, once per worker
count, and checks each result equals the first. CPU time counts this process and every worker
and Stan process (the workers' fork server included). The machine's load average is printed before and after each run:
on a shared machine the wall times move with it, the CPU time much less.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from multiprocessing import forkserver

import psutil

from imaging_plan import paths
from imaging_plan.planning import assumptions
from imaging_plan.forecasting import backtesting, baselines, trends
from imaging_plan.data import inputs


def _cpu() -> float:
    """CPU seconds of this process, its reaped children, and the fork server's (the workers' parent)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    server = getattr(forkserver._forkserver, "_forkserver_pid", None)
    if server:  # alive, so not yet in RUSAGE_CHILDREN: its own time and its reaped workers'
        times = psutil.Process(server).cpu_times()
        total += times.user + times.system + times.children_user + times.children_system
    return total


def main(argv: list[str]) -> None:
    grid = "--no-grid" not in argv
    counts = [int(a) for a in argv if a.isdigit()] or [1, 2, 4]
    tables, _ = inputs.load_inputs(paths.DATA_DIR, ("physician_ftes", "staff_ftes"))
    scenario = assumptions.resolve({}, tables)
    series = backtesting.build_series(tables, scenario["exit_rate_pct"])
    settings = trends.TrendSettings()
    candidates = baselines.settings_grid(settings) if grid else {settings.label: settings}
    methods = baselines.forecast_methods(settings, candidates)
    n_series = series["series_id"].nunique()
    fits = sum(len(backtesting.origins(rows["year"])) for _, rows in series.groupby("series_id")) * len(methods)
    prophet_fits = fits // len(methods) * len(candidates)
    print(
        f"{n_series} series, {len(methods)} methods, {fits} fits ({prophet_fits} Prophet); "
        f"{os.cpu_count()} cores; grid {'on' if grid else 'off'}"
    )
    first = None
    for workers in counts:
        load_before = os.getloadavg()[0]
        cpu, wall = _cpu(), time.perf_counter()
        result = backtesting.rolling_origin(series, methods, workers=workers)
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
        load_after = os.getloadavg()[0]
        same = "" if first is None else ("  same result" if result.equals(first) else "  RESULT DIFFERS")
        if first is None:
            first = result
        print(
            f"workers {workers}: wall {wall:6.1f} s  cpu {cpu:6.1f} s  load {load_before:4.1f} -> "
            f"{load_after:4.1f}{same}",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
