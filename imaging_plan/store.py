"""The forecast store: the only code that writes to `forecasts/`.

A forecast is a folder of CSV tables beside `manifest.json` (notebook,
parameters, input hashes, code version, time). It is written whole into a
temporary folder and swapped into place, so a failed run never leaves a
half-written forecast or touches the earlier one.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from . import __version__
from .inputs import file_sha256, illustrative_files
from .paths import NOTEBOOKS_DIR, PACKAGE_DIR

MANIFEST = "manifest.json"


class ForecastMissing(FileNotFoundError):
    """No complete forecast of that name in the folder."""


@dataclass(frozen=True)
class Forecast:
    name: str
    folder: Path
    tables: dict[str, pd.DataFrame]
    manifest: dict

    def created(self) -> datetime:
        return datetime.fromisoformat(self.manifest["created_utc"])

    def changed_inputs(self, data_dir: Path) -> list[str]:
        """Return the input files whose content differs from when this forecast was made.

        A digest of None records an optional file that was absent: it counts as
        changed once the file appears.
        """
        changed = []
        for file, digest in self.manifest.get("inputs", {}).items():
            path = Path(data_dir) / file
            if (file_sha256(path) if path.exists() else None) != digest:
                changed.append(file)
        return changed


# Package files that only present results (the app, text, charts, exports, the runner's
# bookkeeping): editing them changes no forecast, so they are left out of the code hash.
PRESENTATION = ("app", "charts", "charts.py", "i18n.py", "reports.py", "run_history.py",
                "runner.py", "serve.py")
# Notebook parameters that say where to read and write, not what to compute: the inputs are
# compared by content instead.
LOCATION_PARAMETERS = ("data_dir", "output_dir")


def code_sha256() -> str:
    """Return one hash over the package files that compute forecasts: they go stale when it changes."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        relative = path.relative_to(PACKAGE_DIR)
        if relative.parts[0] in PRESENTATION:
            continue
        digest.update(relative.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _notebook_file(notebook: str | os.PathLike) -> Path:
    """Return a notebook's path: a bare name is one of the project's notebooks."""
    path = Path(notebook)
    return path if path.is_absolute() else NOTEBOOKS_DIR / path


def notebook_sha256(notebook: str | os.PathLike) -> str | None:
    """Return a hash of a notebook's cells (type and source), or None when it is not found.

    Outputs, execution counts and the file's time are left out: running, stripping or checking
    out a notebook does not change what it computes.
    """
    path = _notebook_file(notebook)
    if not path.exists():
        return None
    cells = json.loads(path.read_text(encoding="utf-8") or "{}").get("cells", [])
    made_of = [(c.get("cell_type"), "".join(c.get("source", []))) for c in cells]
    return hashlib.sha256(json.dumps(made_of).encode()).hexdigest()


def requested_parameters(notebook: str | os.PathLike, namespace: dict) -> dict:
    """Return the values a notebook ran with for each parameter it declares (locations left out).

    The notebook passes its own `globals()`: after papermill's injected cell these hold the
    values asked for, before any derivation, which is what staleness compares.
    """
    declared = _declared_defaults(notebook)
    return {key: namespace[key] for key in declared if key in namespace}


def _declared_defaults(notebook: str | os.PathLike) -> dict:
    """Return {parameter: default} from the notebook's `parameters` cell (literal defaults only)."""
    import ast

    path = _notebook_file(notebook)
    cells = json.loads(path.read_text(encoding="utf-8") or "{}").get("cells", [])
    source = next(("".join(c["source"]) for c in cells
                   if "parameters" in c.get("metadata", {}).get("tags", [])), "")
    defaults = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            target, value = node.target.id, node.value
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        else:
            continue
        if target not in LOCATION_PARAMETERS:
            defaults[target] = ast.literal_eval(value) if value is not None else None
    return defaults


def build_manifest(name: str, notebook: str, parameters: dict, inputs: dict[str, str],
                   data_dir: Path, requested: dict | None = None) -> dict:
    """Return the manifest of a forecast run: what it was made from, with what, and when.

    `parameters` are the values the run used (derived defaults filled in); `requested` are the
    notebook's parameters as asked for (see `requested_parameters`), which staleness compares.
    """
    import importlib.metadata as md

    versions = {}
    for package in ("prophet", "pandas", "numpy"):
        try:
            versions[package] = md.version(package)
        except md.PackageNotFoundError:
            versions[package] = None
    return {
        "forecast": name,
        "notebook": Path(notebook).name,
        "notebook_sha256": notebook_sha256(notebook),
        "parameters": parameters,
        "requested": requested,
        "data_dir": str(data_dir),
        "inputs": inputs,
        # Inputs whose rows are generated (their `source` says 'illustrative'): pages label from this.
        "illustrative": illustrative_files(data_dir, inputs),
        "package_version": __version__,
        "code_sha256": code_sha256(),
        "python": platform.python_version(),
        "libraries": versions,
        "created_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def write_forecast(output_dir: Path, name: str, tables: dict[str, pd.DataFrame], manifest: dict) -> Path:
    """Write `tables` and `manifest` as forecast `name` under `output_dir`, atomically; return its folder."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / name
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".tmp", dir=output_dir))
    try:
        manifest = {**manifest, "tables": {}}
        for table, frame in tables.items():
            path = staging / f"{table}.csv"
            frame.to_csv(path, index=False)
            manifest["tables"][table] = {"rows": len(frame), "sha256": file_sha256(path)}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
        old = None
        if target.exists():
            old = output_dir / f".{name}.{os.getpid()}.old"
            os.replace(target, old)
        os.replace(staging, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def read_forecast(output_dir: Path, name: str) -> Forecast:
    """Return the stored forecast `name`, or raise ForecastMissing."""
    folder = Path(output_dir) / name
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        raise ForecastMissing(f"no forecast '{name}' in {output_dir}")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    tables = {table: pd.read_csv(folder / f"{table}.csv") for table in manifest.get("tables", {})}
    return Forecast(name, folder, tables, manifest)


def is_stale(output_dir: Path, name: str, data_dir: Path, notebook: Path,
             parameters: dict | None = None) -> str | None:
    """Return why forecast `name` must be rebuilt, or None when it is current.

    Current means made from the same content: the notebook's cells, the package code that
    computes (not the app's text or pages), the input files, and the parameters (the notebook's
    declared defaults overlaid with `parameters`). File times play no part.
    """
    try:
        forecast = read_forecast(output_dir, name)
    except (ForecastMissing, json.JSONDecodeError, OSError) as err:
        return "missing" if isinstance(err, ForecastMissing) else f"unreadable ({err})"
    if forecast.manifest.get("notebook_sha256") != notebook_sha256(notebook):
        return "the notebook changed since"
    if forecast.manifest.get("code_sha256") != code_sha256():
        return "the package code changed"
    wanted = {**_declared_defaults(notebook),
              **{k: v for k, v in (parameters or {}).items() if k not in LOCATION_PARAMETERS}}
    made = forecast.manifest.get("requested")
    if made is None:
        return "made without a record of its parameters"
    differ = sorted(k for k in set(wanted) | set(made) if wanted.get(k) != made.get(k))
    if differ:
        return "parameters differ: " + ", ".join(f"{k} {made.get(k)!r} -> {wanted.get(k)!r}" for k in differ)
    changed = forecast.changed_inputs(data_dir)
    if changed:
        return f"input data changed: {', '.join(changed)}"
    return None


# --- Run history -----------------------------------------------------------------------------
# Each full run of the runner keeps a copy of every forecast (tables and manifest) under
# `_history/<run_id>/<name>/`, written like a forecast: staged, then renamed into place.
# Only the last HISTORY_KEEP runs are kept, so the folder stays small.

HISTORY = "_history"
HISTORY_KEEP = 20
RUN_MANIFEST = "run.json"


def list_forecasts(output_dir: Path) -> list[str]:
    """Return the names of the complete forecasts in `output_dir` (folders holding a manifest)."""
    folder = Path(output_dir)
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir()
                  if p.is_dir() and p.name[0] not in "._" and (p / MANIFEST).exists())


def run_id(manifests: dict[str, dict], when: datetime) -> str:
    """Return a run's id: its UTC time, then a short hash of what made it (inputs, parameters, code).

    Two runs from the same data, parameters and code share the hash part.
    """
    made_of = {name: {k: m.get(k) for k in ("inputs", "parameters", "code_sha256")}
               for name, m in sorted(manifests.items())}
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
    manifests = {n: json.loads((output_dir / n / MANIFEST).read_text(encoding="utf-8")) for n in names}
    when = when or datetime.now(timezone.utc)
    history = output_dir / HISTORY
    history.mkdir(parents=True, exist_ok=True)
    target = history / run_id(manifests, when)
    if target.exists():  # the same forecasts, kept within the same second
        return target
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=history))
    try:
        for name in names:
            shutil.copytree(output_dir / name, staging / name)
        (staging / RUN_MANIFEST).write_text(json.dumps(
            {"run_id": target.name, "created_utc": when.isoformat(timespec="seconds"), "forecasts": names},
            indent=2) + "\n", encoding="utf-8")
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
    return sorted((p.name for p in history.iterdir() if p.is_dir() and (p / RUN_MANIFEST).exists()),
                  reverse=True)


def read_run(output_dir: Path, run: str) -> dict[str, Forecast]:
    """Return the forecasts kept for run `run`, by name."""
    folder = Path(output_dir) / HISTORY / run
    if not (folder / RUN_MANIFEST).exists():
        raise ForecastMissing(f"no kept run '{run}' in {Path(output_dir) / HISTORY}")
    return {name: read_forecast(folder, name) for name in list_forecasts(folder)}
