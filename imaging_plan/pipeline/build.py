"""Builds of a forecast: one at a time (the build lock) and where each stands (build progress).

The runner (`python -m imaging_plan.pipeline.runner`) holds the lock and writes the progress
of each forecast it builds; the app reads both to show a running build.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator


class StoreBusy(RuntimeError):
    """Another run holds the build lock of a forecast."""


def pid_alive(pid) -> bool:
    """Return whether process `pid` runs on this host (a bad or missing pid is not alive)."""
    try:
        os.kill(int(pid), 0)
    except (OSError, ValueError, TypeError) as err:
        return isinstance(err, PermissionError)  # alive, owned by someone else
    return True


# --- Build lock ----------------------------------------------------------------------------------
# One build of a forecast at a time: the runner holds `.locks/<name>.lock` (an OS file lock, so a
# killed holder releases it) while it checks, builds and publishes `name`; `<name>.holder.json`
# says who holds it. A holder record whose process is gone is a stale lock: it is reported and
# taken over.
LOCKS = ".locks"


def _holder_file(output_dir: Path, name: str) -> Path:
    return Path(output_dir) / LOCKS / f"{name}.holder.json"


def lock_holder(output_dir: Path, name: str) -> dict | None:
    """Return the recorded holder of `name`'s build lock (pid, host, started_utc, command), if any."""
    try:
        return json.loads(_holder_file(output_dir, name).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


def _describe_holder(holder: dict | None) -> str:
    if not holder:
        return "a run that has not yet recorded itself"
    return (
        f"pid {holder.get('pid')} on {holder.get('host')}, started {holder.get('started_utc')} "
        f"({holder.get('command')})"
    )


@contextmanager
def build_lock(output_dir: Path, name: str, wait: float = 0.0, command: str | None = None) -> Iterator[dict | None]:
    """Hold the build lock of forecast `name`; yield the stale holder taken over, if there was one.

    With `wait` 0 a lock held by a live run is refused at once; otherwise wait up to `wait`
    seconds. Refusal raises StoreBusy naming the holder (pid, host, start time, command).
    """
    from filelock import FileLock, Timeout

    locks = Path(output_dir) / LOCKS
    locks.mkdir(parents=True, exist_ok=True)
    lock = FileLock(locks / f"{name}.lock", thread_local=False)
    try:
        lock.acquire(timeout=max(wait, 0))  # 0: one try
    except Timeout:
        holder = lock_holder(output_dir, name)
        waited = f" after waiting {wait:g} s" if wait > 0 else ""
        raise StoreBusy(
            f"forecast '{name}' is being built by another run{waited}: {_describe_holder(holder)}. "
            f"Wait for it to finish (--wait SECONDS) or stop it."
        ) from None
    try:
        previous = lock_holder(output_dir, name)
        same_host = previous and previous.get("host") == socket.gethostname()
        stale = previous if previous and same_host and not pid_alive(previous.get("pid")) else None
        record = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "command": command or " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
        }
        _write_json(_holder_file(output_dir, name), record)
        yield stale
    finally:
        _holder_file(output_dir, name).unlink(missing_ok=True)
        lock.release()


def _write_json(path: Path, content: dict) -> None:
    """Write `content` to `path` atomically (a reader sees the old file or the new one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    staging.write_text(json.dumps(content, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(staging, path)


# --- Build progress ------------------------------------------------------------------------------
# A build writes `.progress/<name>.json`: state (running, done, failed), who (pid), when it started,
# how many fits of how many are done, and the last finished build's duration (the estimate before the
# first fit is done). The app reads it through `build_status`.
PROGRESS = ".progress"


def _progress_file(output_dir: Path, name: str) -> Path:
    return Path(output_dir) / PROGRESS / f"{name}.json"


def read_progress(output_dir: Path, name: str) -> dict | None:
    """Return the progress record of forecast `name`'s latest build, or None."""
    try:
        return json.loads(_progress_file(output_dir, name).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


def write_progress(output_dir: Path, name: str, **fields) -> dict:
    """Update the progress record of `name` with `fields` (atomically); return the record."""
    record = {
        **(read_progress(output_dir, name) or {}),
        **fields,
        "updated_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    _write_json(_progress_file(output_dir, name), record)
    return record


def start_progress(output_dir: Path, name: str) -> None:
    """Record that a build of `name` starts now, in this process; keep the last build's duration."""
    last = read_progress(output_dir, name) or {}
    _write_json(
        _progress_file(output_dir, name),
        {
            "state": "running",
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "started": time.time(),
            "done": 0,
            "total": None,
            "fits_started": None,
            "first_done": None,
            "first_done_at": None,
            "last_seconds": last.get("seconds") if last.get("state") == "done" else last.get("last_seconds"),
        },
    )


def finish_progress(output_dir: Path, name: str, ok: bool, message: str | None = None) -> None:
    """Record that the build of `name` ended (done or failed) and how long it took."""
    record = read_progress(output_dir, name) or {}
    seconds = time.time() - record["started"] if record.get("started") else None
    write_progress(output_dir, name, state="done" if ok else "failed", seconds=seconds, message=message)


def fit_progress(output_dir: Path, name: str, every_s: float = 1.0) -> Callable[[int, int], None]:
    """Return a callback `(done, total)` that records fit progress for `name`, at most every `every_s` s.

    The first and the last call are always written.
    """
    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.time()
        if done not in (0, total) and now - last[0] < every_s:
            return
        last[0] = now
        record = read_progress(output_dir, name) or {}
        fields = {"done": int(done), "total": int(total)}
        if record.get("fits_started") is None or record.get("state") != "running":
            fields["fits_started"] = now
        if done and not record.get("first_done"):  # the rate is measured from here: workers are up
            fields.update(first_done=int(done), first_done_at=now)
        if record.get("state") != "running":  # run outside the runner (papermill itself)
            fields.update(
                state="running",
                pid=os.getpid(),
                host=socket.gethostname(),
                started=now,
                started_utc=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            )
        write_progress(output_dir, name, **fields)

    return report


# Seconds left after the last fit: the forward lines, the scores and the write (measured ~5 s).
TAIL_S = 5
# Fits counted before the rate is trusted: the first ones pay for starting the workers.
MIN_FITS_FOR_RATE = 20


def build_status(output_dir: Path, name: str, now: float | None = None) -> dict | None:
    """Return where a build of `name` stands: state, done, total, elapsed_s, seconds_left (or None).

    state is 'running', 'done', 'failed' or 'stopped' (recorded running, but its process is
    gone). seconds_left extrapolates the rate of the fits done since the first one finished
    (once MIN_FITS_FOR_RATE more are done); before that it is the last build's duration minus
    the time spent; None when nothing is known.
    """
    record = read_progress(output_dir, name)
    if record is None:
        return None
    now = time.time() if now is None else now
    state = record.get("state")
    if state == "running" and record.get("host") == socket.gethostname() and not pid_alive(record.get("pid")):
        state = "stopped"
    started = record.get("started") or now
    done, total = int(record.get("done") or 0), record.get("total")
    left = None
    if state == "running":
        first, first_at = record.get("first_done") or 0, record.get("first_done_at")
        if total and first_at and done - first >= MIN_FITS_FOR_RATE:
            left = (now - first_at) / (done - first) * (total - done) + TAIL_S
        elif record.get("last_seconds"):
            left = max(record["last_seconds"] - (now - started), TAIL_S)
    return {
        "state": state,
        "done": done,
        "total": total,
        "elapsed_s": now - started,
        "seconds_left": None if left is None else max(round(left), 1),
        "pid": record.get("pid"),
        "message": record.get("message"),
    }
