"""The app's side of the snapshot: the versions that key the cache, and the stored forecasts, read once.

Every page reads one `views.snapshot.Snapshot` per rerun (built by
`shell.build_context`), and every computation that is worth keeping goes
through the one shared cache, `views.cache` (explicit keys, bounded, shared by
every session of the server process).

`computed` is the older read-tracking entry into that cache, kept only while pages move to
`views.cache.cached`.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from imaging_plan.data.inputs import TABLES, file_sha256
from imaging_plan.pipeline.store import Forecast, ForecastMissing, forecast_version, list_forecasts, read_forecast
from imaging_plan.views import cache
from imaging_plan.views.snapshot import Snapshot, freeze  # noqa: F401  (pages still name state.Snapshot)


# --- The one cache ------------------------------------------------------------------------------


def _entry(key: tuple, build: Callable[[], Any]) -> Any:
    return cache.shared("computed", key, build)


def clear() -> None:
    """Empty the shared cache (tests; a new data version makes new keys without this)."""
    cache.clear()
    with _LOCK:
        _READS.clear()


_LOCK = threading.Lock()
_READS: dict[str, frozenset[str]] = {}  # function -> every scenario key it was seen reading


class _Recording(Mapping):
    """A scenario that notes which keys are read."""

    def __init__(self, values: Mapping[str, Any]):
        self._values, self.read = values, set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key: object) -> bool:
        self.read.add(key)  # type: ignore[arg-type]
        return key in self._values


def _arg_key(arg: Any) -> Any:
    """Return what an extra argument contributes to a key: its `cache_key()`, or itself (hashable)."""
    return arg.cache_key() if hasattr(arg, "cache_key") else arg


def name_of(fn: Callable) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def key_for(fn: Callable, snapshot: Snapshot, args: tuple) -> tuple:
    """Return the cache key of `fn(snapshot, *args)` from what the function is known to read."""
    name = name_of(fn)
    with _LOCK:
        reads = _READS.get(name)
    scenario = None if reads is None else tuple((k, snapshot.scenario.get(k)) for k in sorted(reads))
    return (
        name,
        snapshot.lang,
        snapshot.data_version,
        snapshot.forecast_versions,
        tuple(_arg_key(a) for a in args),
        scenario,
    )


def computed(fn: Callable[..., Any], snapshot: Snapshot, *args: Any) -> Any:
    """Return `fn(snapshot, *args)` through the shared cache (see the module's docstring).

    The first call of a function has no recorded reads yet; its key then holds the whole
    scenario. The set of keys a function reads only grows, and the key names the keys it
    holds, so an entry is never found for a scenario that differs in a key it read.
    """

    def build() -> Any:
        recording = _Recording(snapshot.scenario)
        result = fn(replace(snapshot, scenario=recording), *args)
        with _LOCK:
            name = name_of(fn)
            _READS[name] = _READS.get(name, frozenset()) | frozenset(recording.read)
        return result

    key = key_for(fn, snapshot, args)
    if key[-1] is not None:
        return _entry(key, build)
    # First run of this function in this process: key on every value, then file the result
    # under the keys it read too, where the next call will look. Called inside another cached
    # function, the values are read past its recording: the outer function reads what this one
    # reads (recorded while it runs), not every key.
    values = snapshot.scenario._values if isinstance(snapshot.scenario, _Recording) else snapshot.scenario
    result = _entry(key[:-1] + (("*", tuple(sorted(values.items()))),), build)
    _entry(key_for(fn, snapshot, args), lambda: result)
    return result


# --- Versions: what makes cached results stale --------------------------------------------------


def data_version(data_dir: Path, names=None) -> str:
    """Return a short fingerprint of the input files (all of them, or `names`), printed on exports."""
    digest = hashlib.sha256()
    for name, spec in TABLES.items():
        if names is not None and name not in names:
            continue
        path = Path(data_dir) / spec.file
        if path.exists():
            digest.update(spec.file.encode() + file_sha256(path).encode())
    return digest.hexdigest()[:10]


def forecast_versions(forecasts_dir: Path) -> tuple:
    """Return (name, version) of every stored forecast: a new build publishes a new version."""
    return tuple((name, forecast_version(Path(forecasts_dir), name)) for name in list_forecasts(Path(forecasts_dir)))


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
