"""Run one function over many jobs: in this process, on local processes, or on a Dask cluster.

The backtest fits hundreds of small models that do not depend on each other, so they
spread over cores (or a cluster's workers) with no change to what they compute. Results
come back in the order of the jobs, and each job starts from its own numpy and `random`
seed (`seed` + its index), so a job's result does not depend on where, or after which other
job, it ran: one process, four, or a cluster give the serial run's results.

On a Dask cluster give each worker one thread (`--nthreads 1`) when jobs use numpy's global
generator, as Prophet's intervals do: threads of one worker share it. Python's `random` is
seeded too, but Dask's own threads draw from it, so results there must not depend on it.

`fn` and the jobs must pickle (module-level functions, `functools.partial` of them, data
frames): they travel to other processes. On a Dask cluster the workers need this package
installed in the same version.
"""

from __future__ import annotations

import multiprocessing
import os
import random
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any, Callable, Iterable, Sequence

import numpy as np

# How long to try reaching a Dask scheduler before saying it cannot be reached.
DASK_CONNECT_TIMEOUT_S = 30
# progress(done, total, index): called after each job, `index` being the job just finished.
Progress = Callable[[int, int, int], None]


class JobFailed(RuntimeError):
    """A job raised: names which one (its index and the job itself, shortened)."""


def available_cores() -> int:
    """Return the cores this process may run on (the affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def worker_count(workers: int | None, jobs: int) -> int:
    """Return how many processes to use: `workers` (None or 0: every available core), never more than jobs."""
    if workers is not None and workers < 0:
        raise ValueError(f"workers must be 0 (all cores) or more; got {workers}")
    wanted = available_cores() if not workers else workers
    return max(1, min(wanted, jobs))


def _seeded(fn: Callable, job: Any, seed: int | None) -> Any:
    """Call fn(job) after seeding numpy's and Python's global generators (the serial run does the same)."""
    if seed is not None:
        np.random.seed(seed % 2**32)
        random.seed(seed)
    return fn(job)


def _describe(job: Any) -> str:
    text = repr(job)
    return text if len(text) <= 200 else text[:197] + "..."


def map_jobs(
    fn: Callable[[Any], Any],
    jobs: Iterable[Any],
    workers: int | None = None,
    scheduler: str | None = None,
    seed: int | None = 0,
    progress: Progress | None = None,
    preload: Sequence[str] = (),
) -> list:
    """Return [fn(job) for job in jobs], computed in parallel, in the order of `jobs`.

    workers: processes on this machine (None or 0: all available cores; 1: in this process,
    no pickling). scheduler: a Dask scheduler address ('tcp://host:8786'); when given the
    jobs run on that cluster and `workers` is not used. seed: job i starts from seed + i
    (None: leave the generators alone). A job that raises stops the map with JobFailed
    naming it; jobs not yet started are cancelled. preload: modules the local worker processes
    import once, before they are forked (slow imports such as Prophet are then paid once).
    """
    jobs = list(jobs)
    total = len(jobs)
    seeds = [None if seed is None else seed + i for i in range(total)]
    if progress:
        progress(0, total, -1)
    if not jobs:
        return []
    if scheduler:
        return _on_dask(fn, jobs, seeds, scheduler, progress)
    count = worker_count(workers, total)
    if count == 1:
        results = []
        for i, job in enumerate(jobs):
            results.append(_call(fn, job, seeds[i], i, total))
            if progress:
                progress(i + 1, total, i)
        return results
    return _on_processes(fn, jobs, seeds, count, progress, preload)


def _call(fn, job, seed, index, total):
    try:
        return _seeded(fn, job, seed)
    except Exception as err:
        raise JobFailed(
            f"job {index + 1} of {total} failed ({type(err).__name__}: {err}); the job: {_describe(job)}"
        ) from err


def _context(preload: Sequence[str] = ()):
    """Return the start method for worker processes: a fork server on Linux (safe in a Jupyter kernel,
    whose threads make a plain fork risky), preloaded with `preload` when it first starts; spawn
    elsewhere."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(preload))
        return context
    return multiprocessing.get_context("spawn")


def _on_processes(
    fn, jobs: Sequence, seeds: list, count: int, progress: Progress | None, preload: Sequence[str] = ()
) -> list:
    total = len(jobs)
    results: list = [None] * total
    with ProcessPoolExecutor(max_workers=count, mp_context=_context(preload)) as pool:
        pending = {pool.submit(_seeded, fn, job, seeds[i]): i for i, job in enumerate(jobs)}
        done_count = 0
        try:
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    i = pending.pop(future)
                    try:
                        results[i] = future.result()
                    except Exception as err:
                        raise JobFailed(
                            f"job {i + 1} of {total} failed ({type(err).__name__}: {err}); "
                            f"the job: {_describe(jobs[i])}"
                        ) from err
                    done_count += 1
                    if progress:
                        progress(done_count, total, i)
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    return results


def _on_dask(fn, jobs: Sequence, seeds: list, scheduler: str, progress: Progress | None) -> list:
    """Run the jobs on the Dask cluster at `scheduler`; the cluster is left running afterwards."""
    try:
        from distributed import Client, as_completed
    except ImportError as err:  # pinned in requirements.txt; say what is missing if it is not there
        raise RuntimeError(
            "a Dask scheduler was given but the 'distributed' package is not installed "
            "(pip install -r requirements.txt)"
        ) from err
    total = len(jobs)
    try:
        client = Client(scheduler, timeout=DASK_CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError) as err:
        raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
    with client:
        futures = client.map(_seeded, [fn] * total, jobs, seeds, pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        try:
            for done_count, future in enumerate(as_completed(futures, loop=client.loop), 1):
                i = index[future.key]
                if future.status == "error":
                    err = future.exception()
                    raise JobFailed(
                        f"job {i + 1} of {total} failed on {scheduler} "
                        f"({type(err).__name__}: {err}); the job: {_describe(jobs[i])}"
                    ) from err
                if progress:
                    progress(done_count, total, i)
            return client.gather(futures)
        finally:
            client.cancel([f for f in futures if not f.done()])
