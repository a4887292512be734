"""The app's side of the snapshot: the versions that key the cache, and the stored forecasts, read once.

Every page reads one `views.snapshot.Snapshot` per rerun (built by
`shell.build_context`), and every computation that is worth keeping goes
through the one shared cache, `views.cache` (explicit keys, bounded, shared by
every session of the server process).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from imaging_plan.data.inputs import file_sha256

from imaging_plan.data.schemas import TABLES
from imaging_plan.pipeline import store
from imaging_plan.pipeline.store import Forecast, ForecastMissing, read_forecast
from imaging_plan.views import cache


def clear() -> None:
    """Empty the shared cache (tests; a new data or forecast version makes new keys without this)."""
    cache.clear()


# --- Versions: what makes cached results stale --------------------------------------------------


def data_version(data_dir: Path, names=None) -> str:
    """Return a short fingerprint of the input files (all of them, or `names`), printed on exports.

    The files are hashed once per size and modification time (nanoseconds) of each: a rerun
    only looks at the files, it does not read them again.
    """
    files = [spec.file for name, spec in TABLES.items() if names is None or name in names]
    paths = [Path(data_dir) / file for file in files]
    seen = tuple((str(p), s.st_size, s.st_mtime_ns) if (s := _stat(p)) else (str(p), None) for p in paths)

    def build() -> str:
        digest = hashlib.sha256()
        for file, path in zip(files, paths):
            if path.exists():
                digest.update(file.encode() + file_sha256(path).encode())
        return digest.hexdigest()[:10]

    return cache.shared("data_version", seen, build)


def _stat(path: Path):
    try:
        return path.stat()
    except OSError:
        return None


def forecast_versions(forecasts_dir: Path) -> tuple:
    """Return (name, version) of every stored forecast: a new build publishes a new version."""
    return store.forecast_versions(Path(forecasts_dir))


def _read_forecast(forecasts_dir: str, name: str) -> Forecast | None:
    try:
        return read_forecast(Path(forecasts_dir), name)
    except ForecastMissing:
        return None


def stored_forecasts(forecasts_dir: Path, versions: tuple) -> dict[str, Forecast]:
    """Return every stored forecast at `versions`, read once per version and shared (read-only)."""
    found = {}
    for name, stamp in versions:
        forecast = cache.shared(
            "forecast", (str(forecasts_dir), name, stamp), lambda name=name: _read_forecast(str(forecasts_dir), name)
        )
        if forecast is not None:
            found[name] = forecast
    return found


shared = cache.shared  # the pages' older name for it
