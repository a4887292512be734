"""The forecast store: the only code that writes to `forecasts/`.

A forecast is a folder of CSV tables beside `manifest.json` (notebook,
parameters, input hashes, table hashes, code version, time). Each write makes a
new, never-changed version folder under `.versions/<name>/`; `<name>` itself is
a symlink to the current version, switched in one `os.replace`. A reader that
follows the link gets one whole version (manifest and tables of the same run),
whatever a writer does meanwhile; a killed writer leaves the last good version
served. Table hashes are checked on read: a damaged version names the table and
the previous good version is served instead.

Builds are serialised and report progress through `imaging_plan.pipeline.build`;
full runs are kept by `imaging_plan.pipeline.runs`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import shutil
import tempfile
import time
import warnings
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from imaging_plan import __version__
from imaging_plan.data.inputs import file_sha256, illustrative_files
from imaging_plan.paths import NOTEBOOKS_DIR, PACKAGE_DIR
from imaging_plan.pipeline.build import finish_progress, pid_alive, read_progress

MANIFEST = "manifest.json"


class ForecastMissing(FileNotFoundError):
    """No complete forecast of that name in the folder."""


class ForecastDamaged(ForecastMissing):
    """A forecast whose tables do not match its manifest, with no good earlier version to serve."""


@dataclass(frozen=True)
class Forecast:
    name: str
    folder: Path
    tables: dict[str, pd.DataFrame]
    manifest: dict
    version: str | None = None  # the version folder read (None: a plain folder, e.g. in the run history)
    warning: str | None = None  # set when a damaged current version was passed over for this one

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


# Package files that only present results (the app, text, charts, exports, the runner's bookkeeping)
# or only say where the fits run (parallel.py: the same results on any number of workers, tested):
# editing them changes no forecast, so they are left out of the code hash.
PRESENTATION = (
    "app",
    "charts",
    "i18n.py",
    "text",
    "reports.py",
    "run_history.py",
    "runner.py",
    "serve.py",
    "parallel.py",
)
# Notebook parameters that say where to read and write, or where to compute, not what: the inputs
# are compared by content instead, and the backtest's results are the same on any number of workers.
LOCATION_PARAMETERS = ("data_dir", "output_dir", "workers", "scheduler")


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
    source = next(("".join(c["source"]) for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])), "")
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


def build_manifest(
    name: str, notebook: str, parameters: dict, inputs: dict[str, str], data_dir: Path, requested: dict | None = None
) -> dict:
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


# --- Versions and the pointer -------------------------------------------------------------------
# <output_dir>/<name>                      symlink -> .versions/<name>/<version> (relative)
# <output_dir>/.versions/<name>/<version>/ one complete forecast, never changed after it is named
# <output_dir>/.versions/<name>/.staging-<pid>-*/  a version being written (removed when its writer is gone)
VERSIONS = ".versions"
# Published versions kept per forecast, the current one included: the older ones are the fallback
# when the current is damaged, and give a reader still on one time to finish.
KEEP_VERSIONS = 3
PUBLISH_TIMEOUT_S = 120


def _versions_dir(output_dir: Path, name: str) -> Path:
    return Path(output_dir) / VERSIONS / name


def _new_version() -> str:
    """Return a version name that sorts by time and is unique per writer: '20260301T120005.123456Z-4242'."""
    return f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S.%fZ}-{os.getpid()}"


def _pause_point(step: str) -> None:
    """Fault-injection hook for the kill tests: with IMAGING_PLAN_STORE_PAUSE=<step>, stop here.

    The writer touches the file named by IMAGING_PLAN_STORE_PAUSE_FILE and sleeps (60 s at
    most) so a test can kill it at exactly this step. Inert unless the variable is set.
    """
    if os.environ.get("IMAGING_PLAN_STORE_PAUSE") != step:
        return
    signal = os.environ.get("IMAGING_PLAN_STORE_PAUSE_FILE")
    if signal:
        Path(signal).write_text(f"{os.getpid()} {step}\n")
    time.sleep(60)


def _umask() -> int:
    """Return the process's umask without changing it (os.umask would, for a moment, for every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    return 0o022


def _clean_leftovers(output_dir: Path, name: str) -> None:
    """Remove staging folders and temporary links that writers no longer alive left behind."""
    for staging in _versions_dir(output_dir, name).glob(".staging-*"):
        if not pid_alive(staging.name.split("-")[1]):
            shutil.rmtree(staging, ignore_errors=True)
    for link in Path(output_dir).glob(f".{name}.link-*"):
        if not pid_alive(link.name.rsplit("-", 1)[1]):
            link.unlink(missing_ok=True)


def published_versions(output_dir: Path, name: str) -> list[str]:
    """Return the complete version folders of forecast `name`, newest first."""
    folder = _versions_dir(output_dir, name)
    if not folder.exists():
        return []
    return sorted((p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")), reverse=True)


def forecast_version(output_dir: Path, name: str) -> str | None:
    """Return the current version of forecast `name` (one readlink), or None when there is none.

    Cheap enough for every rerun: caches of a forecast key on it. A forecast written before
    versioning (a plain folder) gets a stamp from its manifest's modification time.
    """
    pointer = Path(output_dir) / name
    try:
        return os.path.basename(os.readlink(pointer))
    except OSError:
        try:
            return f"plain-{(pointer / MANIFEST).stat().st_mtime_ns}"
        except OSError:
            return None


def _adopt_plain_folder(output_dir: Path, name: str) -> None:
    """Move a forecast written before versioning (a plain folder) into .versions/ as its oldest version."""
    pointer = Path(output_dir) / name
    if pointer.is_symlink() or not pointer.is_dir():
        return
    old = _versions_dir(output_dir, name) / f"00000000T000000.000000Z-plain-{os.getpid()}"
    os.replace(pointer, old)


def _point_to(output_dir: Path, name: str, version: str) -> None:
    """Switch the pointer `<output_dir>/<name>` to `version` in one os.replace."""
    link = Path(output_dir) / f".{name}.link-{os.getpid()}"
    link.unlink(missing_ok=True)
    os.symlink(os.path.join(VERSIONS, name, version), link)
    _pause_point("swap")
    os.replace(link, Path(output_dir) / name)


def _prune(output_dir: Path, name: str, keep: int = KEEP_VERSIONS) -> None:
    """Delete all but the current version and the newest `keep - 1` versions older than it."""
    current = forecast_version(output_dir, name)
    older = [v for v in published_versions(output_dir, name) if current is None or v < current]
    kept = set(older[: max(keep - 1, 0)]) | {current}
    for version in published_versions(output_dir, name):
        if version not in kept:
            shutil.rmtree(_versions_dir(output_dir, name) / version, ignore_errors=True)


def write_forecast(output_dir: Path, name: str, tables: dict[str, pd.DataFrame], manifest: dict) -> Path:
    """Write `tables` and `manifest` as a new version of forecast `name` and publish it; return the pointer.

    The version is written whole under a staging name, renamed, and then the pointer is
    switched in one step; until then readers get the previous version. Versions beyond
    KEEP_VERSIONS are deleted after the switch.
    """
    from filelock import FileLock

    output_dir = Path(output_dir)
    versions = _versions_dir(output_dir, name)
    versions.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(output_dir, name)
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{os.getpid()}-", dir=versions))
    try:
        staging.chmod(0o777 & ~_umask())  # readable like any folder, not mkdtemp's owner-only mode
        manifest = {**manifest, "tables": {}}
        for table, frame in tables.items():
            path = staging / f"{table}.csv"
            frame.to_csv(path, index=False)
            manifest["tables"][table] = {"rows": len(frame), "sha256": file_sha256(path)}
            _pause_point("write")
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        # One publisher at a time per forecast: naming, switching and pruning see each other whole.
        with FileLock(versions / ".publish.lock", timeout=PUBLISH_TIMEOUT_S):
            version = _new_version()
            os.replace(staging, versions / version)
            _adopt_plain_folder(output_dir, name)
            _point_to(output_dir, name, version)
            _pause_point("published")
            _prune(output_dir, name)
        record = read_progress(output_dir, name)
        if record and record.get("state") == "running" and record.get("pid") == os.getpid():
            finish_progress(output_dir, name, ok=True)  # a notebook run without the runner: it ends here
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return output_dir / name


def _load(folder: Path, name: str, version: str | None) -> Forecast:
    """Return the forecast in `folder`, each table checked against the manifest's hash.

    Raises ForecastMissing when there is no manifest, ForecastDamaged naming the table
    whose bytes differ from the manifest or that is gone.
    """
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        raise ForecastMissing(f"no forecast '{name}' in {folder.parent}")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise ForecastDamaged(f"forecast '{name}' ({folder}): manifest.json is not valid JSON ({err})") from err
    tables = {}
    for table, recorded in manifest.get("tables", {}).items():
        path = folder / f"{table}.csv"
        try:
            raw = path.read_bytes()
        except FileNotFoundError as err:
            raise ForecastDamaged(f"forecast '{name}' ({folder}): table '{table}' is missing ({path.name})") from err
        expected = recorded.get("sha256") if isinstance(recorded, dict) else None
        if expected and hashlib.sha256(raw).hexdigest() != expected:
            raise ForecastDamaged(
                f"forecast '{name}' ({folder}): table '{table}' does not match its "
                f"manifest (sha256 differs from the one recorded when it was written)"
            )
        tables[table] = pd.read_csv(io.BytesIO(raw))
    return Forecast(name, folder, tables, manifest, version)


def current_folder(output_dir: Path, name: str) -> Path:
    """Return the folder of the current version of `name` (the pointer followed once), or the plain folder."""
    pointer = Path(output_dir) / name
    if pointer.is_symlink():
        return _versions_dir(output_dir, name) / os.path.basename(os.readlink(pointer))
    return pointer


def read_forecast(output_dir: Path, name: str) -> Forecast:
    """Return the stored forecast `name` (its current version), or raise ForecastMissing.

    Every table is checked against its hash in the manifest. When the current version is
    damaged, the newest good earlier version is returned with `warning` naming the damaged
    table (also issued as a RuntimeWarning); with no good version, ForecastDamaged.
    """
    output_dir = Path(output_dir)
    pointer = output_dir / name
    for _ in range(3):  # a version pruned between readlink and read: look again
        version = forecast_version(output_dir, name)
        if pointer.is_symlink():
            folder = _versions_dir(output_dir, name) / version
        elif version is not None:  # a plain folder (written before versioning, or the run history)
            return _load(pointer, name, None)
        elif published_versions(output_dir, name):  # the pointer is gone but versions remain
            return _fallback(output_dir, name, None, f"forecast '{name}': its pointer is missing")
        else:
            raise ForecastMissing(f"no forecast '{name}' in {output_dir}")
        try:
            return _load(folder, name, version)
        except ForecastMissing as err:
            if forecast_version(output_dir, name) != version:  # switched (and pruned) meanwhile: read again
                continue
            problem = (
                str(err)
                if isinstance(err, ForecastDamaged)
                else f"forecast '{name}': its current version {version} is gone"
            )
            return _fallback(output_dir, name, version, problem)
    raise ForecastMissing(f"forecast '{name}' in {output_dir} kept changing while being read")


def _fallback(output_dir: Path, name: str, bad: str | None, problem: str) -> Forecast:
    """Return the newest good version older than `bad` with a warning naming `problem`."""
    for version in published_versions(output_dir, name):
        if bad is not None and version >= bad:
            continue
        try:
            good = _load(_versions_dir(output_dir, name) / version, name, version)
        except ForecastMissing:
            continue
        message = (
            f"{problem}; serving the last good version instead, made "
            f"{good.manifest.get('created_utc', '?')} ({version})"
        )
        warnings.warn(message, RuntimeWarning, stacklevel=3)
        return Forecast(good.name, good.folder, good.tables, good.manifest, version, message)
    raise ForecastDamaged(f"{problem}; no good earlier version to fall back on")


def is_stale(output_dir: Path, name: str, data_dir: Path, notebook: Path, parameters: dict | None = None) -> str | None:
    """Return why forecast `name` must be rebuilt, or None when it is current.

    Current means made from the same content: the notebook's cells, the package code that
    computes (not the app's text or pages), the input files, and the parameters (the notebook's
    declared defaults overlaid with `parameters`). File times play no part.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            forecast = read_forecast(output_dir, name)
    except ForecastDamaged as err:
        return f"damaged ({err})"
    except (ForecastMissing, json.JSONDecodeError, OSError) as err:
        return "missing" if isinstance(err, ForecastMissing) else f"unreadable ({err})"
    if forecast.warning:
        return f"damaged ({forecast.warning})"
    if forecast.manifest.get("notebook_sha256") != notebook_sha256(notebook):
        return "the notebook changed since"
    if forecast.manifest.get("code_sha256") != code_sha256():
        return "the package code changed"
    wanted = {
        **_declared_defaults(notebook),
        **{k: v for k, v in (parameters or {}).items() if k not in LOCATION_PARAMETERS},
    }
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


def list_forecasts(output_dir: Path) -> list[str]:
    """Return the names of the complete forecasts in `output_dir` (folders holding a manifest)."""
    return [name for name, _ in forecast_versions(output_dir)]


def forecast_versions(output_dir: Path) -> tuple[tuple[str, str | None], ...]:
    """Return (name, current version) of every complete forecast in `output_dir`, by name: one scan of the folder.

    The app reads it on every rerun (its caches key on it), so it costs a few system calls a forecast.
    """
    try:
        entries = list(os.scandir(output_dir))
    except FileNotFoundError:
        return ()
    return tuple(
        sorted(
            (entry.name, forecast_version(output_dir, entry.name))
            for entry in entries
            if entry.name[0] not in "._" and entry.is_dir() and os.path.exists(os.path.join(entry.path, MANIFEST))
        )
    )
