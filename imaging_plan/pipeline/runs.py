"""Kept runs: a copy of every forecast per full run of the runner, the last HISTORY_KEEP of them."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from imaging_plan.pipeline.store import (
    MANIFEST,
    Forecast,
    ForecastMissing,
    current_folder,
    list_forecasts,
    read_forecast,
)

# --- Run history -----------------------------------------------------------------------------
# Each full run of the runner keeps a copy of every forecast (tables and manifest) under
# `_history/<run_id>/<name>/`, written like a forecast: staged, then renamed into place.
# Only the last HISTORY_KEEP runs are kept, so the folder stays small.

HISTORY = "_history"
HISTORY_KEEP = 20
RUN_MANIFEST = "run.json"


def run_id(manifests: dict[str, dict], when: datetime) -> str:
    """Return a run's id: its UTC time, then a short hash of what made it (inputs, parameters, code).

    Two runs from the same data, parameters and code share the hash part.
    """
    made_of = {
        name: {k: m.get(k) for k in ("inputs", "parameters", "code_sha256")} for name, m in sorted(manifests.items())
    }
    digest = hashlib.sha256(json.dumps(made_of, sort_keys=True, default=str).encode()).hexdigest()
    return f"{when.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}-{digest[:8]}"


def snapshot_run(output_dir: Path, keep: int = HISTORY_KEEP, when: datetime | None = None) -> Path | None:
    """Copy every current forecast into `_history/<run_id>/`, atomically; keep the newest `keep` runs.

    Returns the run's folder, or None when there is no forecast to keep.
    """
    output_dir = Path(output_dir)
    names = list_forecasts(output_dir)
    if not names:
        return None
    # Each pointer is followed once: the copy and its manifest come from the same version.
    folders = {n: current_folder(output_dir, n) for n in names}
    manifests = {n: json.loads((folders[n] / MANIFEST).read_text(encoding="utf-8")) for n in names}
    when = when or datetime.now(timezone.utc)
    history = output_dir / HISTORY
    history.mkdir(parents=True, exist_ok=True)
    target = history / run_id(manifests, when)
    if target.exists():  # the same forecasts, kept within the same second
        return target
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=history))
    try:
        for name in names:
            shutil.copytree(folders[name], staging / name)
        (staging / RUN_MANIFEST).write_text(
            json.dumps(
                {"run_id": target.name, "created_utc": when.isoformat(timespec="seconds"), "forecasts": names}, indent=2
            )
            + "\n",
            encoding="utf-8",
        )
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    for old in list_runs(output_dir)[keep:]:
        shutil.rmtree(history / old, ignore_errors=True)
    return target


def list_runs(output_dir: Path) -> list[str]:
    """Return the kept run ids, newest first."""
    history = Path(output_dir) / HISTORY
    if not history.exists():
        return []
    return sorted((p.name for p in history.iterdir() if p.is_dir() and (p / RUN_MANIFEST).exists()), reverse=True)


def read_run(output_dir: Path, run: str) -> dict[str, Forecast]:
    """Return the forecasts kept for run `run`, by name."""
    folder = Path(output_dir) / HISTORY / run
    if not (folder / RUN_MANIFEST).exists():
        raise ForecastMissing(f"no kept run '{run}' in {Path(output_dir) / HISTORY}")
    return {name: read_forecast(folder, name) for name in list_forecasts(folder)}
