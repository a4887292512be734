"""One state per rerun: the snapshot every page reads, and the one cache every computation goes through.

A `Snapshot` holds what a page may use (language, scenario, defaults, the input
tables, the stored forecasts, and the versions of both). It is built once per
rerun by `shell.build_context` and never changed.

`computed(fn, snapshot, *args)` returns `fn(snapshot, *args)` from a cache shared
by every session of the server process, bounded in entries and age. Its key is
derived, never listed by hand: the function's name, the language, the data
version, the forecast versions, the extra arguments, and the values of exactly the
scenario keys the function read the last times it ran (recorded while it runs).
So two board members opening the same link compute a page once; a physician
slider leaves the equipment results where they were; and two scenarios that
differ in a value a computation reads never share its result.

Cached results are shared objects: pages read them and never modify them.
"""

from __future__ import annotations

import hashlib
import threading
from collections import ChainMap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable

import pandas as pd
import streamlit as st

from imaging_plan import paths
from imaging_plan.data.inputs import TABLES, file_sha256
from imaging_plan.pipeline.store import Forecast, ForecastMissing, forecast_version, list_forecasts, read_forecast

# Bounds of the shared cache: about 20 pages x a few scenarios x two languages stay in it;
# an entry unused for an hour goes (a forecast rerun or a data change makes new keys anyway).
MAX_ENTRIES = 512
TTL_SECONDS = 3600


@dataclass(frozen=True)
class Snapshot:
    """What every page reads in one rerun; immutable (the mappings are read-only views)."""

    lang: str
    scenario: Mapping[str, Any]
    defaults: Mapping[str, Any]
    data_version: str = ""
    forecast_versions: tuple = ()
    tables: Mapping[str, pd.DataFrame] = field(default_factory=lambda: MappingProxyType({}))
    forecasts: Mapping[str, Forecast] = field(default_factory=lambda: MappingProxyType({}))
    data_error: str | None = None
    data_dir: Path = paths.DATA_DIR
    forecasts_dir: Path = paths.FORECASTS_DIR

    def forecast(self, name: str) -> Forecast | None:
        """Return stored forecast `name` (shared, read-only), or None when it has not been made."""
        return self.forecasts.get(name)

    def with_scenario(self, scenario: Mapping[str, Any]) -> "Snapshot":
        """Return the same snapshot for another scenario (e.g. a preset drawn beside the viewer's)."""
        return replace(self, scenario=MappingProxyType(dict(scenario)))

    def with_values(self, **changes: Any) -> "Snapshot":
        """Return the snapshot with a few values changed, the others read through (so reads stay recorded)."""
        return replace(self, scenario=MappingProxyType(ChainMap(dict(changes), self.scenario)))


def freeze(lang: str, scenario: Mapping, defaults: Mapping, **rest) -> Snapshot:
    """Return a Snapshot with read-only copies of the mappings."""
    for name in ("tables", "forecasts"):
        if name in rest:
            rest[name] = MappingProxyType(dict(rest[name]))
    return Snapshot(lang, MappingProxyType(dict(scenario)), MappingProxyType(dict(defaults)), **rest)


# --- The one cache ------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=MAX_ENTRIES, ttl=TTL_SECONDS)
def _entry(key: tuple, _build: Callable[[], Any]) -> Any:
    return _build()


def clear() -> None:
    """Empty the shared cache (tests; a new data version makes new keys without this)."""
    _entry.clear()
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
        forecast = _entry(
            ("forecast", str(forecasts_dir), name, stamp), lambda name=name: _read_forecast(str(forecasts_dir), name)
        )
        if forecast is not None:
            found[name] = forecast
    return found


def shared(kind: str, key: tuple, build: Callable[[], Any]) -> Any:
    """Return `build()` through the same shared cache, under a key the caller derives from build's inputs."""
    return _entry((kind, *key), build)
