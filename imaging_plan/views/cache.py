"""The one cache: results shared by every session of the server, under keys the caller states.

`cached(groups=..., keys=...)` marks a function of a `Snapshot` (and hashable or
`cache_key()`-bearing extra arguments) whose result depends on the scenario only
through the values of the named assumption groups and keys. The key of a call
is explicit: the function's name, the language, the data version (and its error, if
any), the forecast versions, the extra arguments and those values. A test
(`tests/test_cache.py`) runs every cached function on a scenario that records
what is read and fails when a function reads a key it did not declare, so a
missing declaration is caught in the suite, never by a stale page.

`shared(kind, key, build)` is the same store for what is not a function of a
snapshot (the input tables by data version, a stored forecast by its version,
a chart's spec by its data). The store is bounded in entries and age, and two
sessions asking for one key at once compute it once (the second waits).

Results are shared objects: read them, never change them.
"""

from __future__ import annotations

import functools
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any, Callable, Iterable

from imaging_plan.planning import scenario as scenario_module
from imaging_plan.planning.assumptions import ASSUMPTIONS, in_group

# About 20 pages x a few scenarios x two languages stay in it; an entry unused for an hour goes
# (a forecast rerun or a data change makes new keys anyway).
MAX_ENTRIES = 512
TTL_SECONDS = 3600


class _Store:
    """A bounded, thread-safe LRU with an age limit, building each missing key once."""

    def __init__(self, max_entries: int, ttl: float):
        self.max_entries, self.ttl = max_entries, ttl
        self._items: OrderedDict[tuple, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[tuple, threading.Lock] = {}

    def get(self, key: tuple, build: Callable[[], Any]) -> Any:
        found, value = self._lookup(key)
        if found:
            return value
        with self._lock:
            key_lock = self._building.setdefault(key, threading.Lock())
        with key_lock:  # one build per key; the others wait for it
            found, value = self._lookup(key)
            if not found:
                value = build()
                with self._lock:
                    self._items[key] = (time.monotonic(), value)
                    self._items.move_to_end(key)
                    while len(self._items) > self.max_entries:
                        self._items.popitem(last=False)
            with self._lock:
                self._building.pop(key, None)
        return value

    def _lookup(self, key: tuple) -> tuple[bool, Any]:
        with self._lock:
            entry = self._items.get(key)
            if entry is None:
                return False, None
            if time.monotonic() - entry[0] > self.ttl:
                del self._items[key]
                return False, None
            self._items.move_to_end(key)
            return True, entry[1]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


_STORE = _Store(MAX_ENTRIES, TTL_SECONDS)

# The suite sets IMAGING_PLAN_CHECK_READS=1 (tests/conftest.py): every cached function then runs on
# a scenario that refuses a key it did not declare, so a missing declaration fails a test.
CHECK_READS = os.environ.get("IMAGING_PLAN_CHECK_READS") == "1"


class UndeclaredRead(AssertionError):
    """A cached function read a scenario key its declaration leaves out (its results could go stale)."""


class _Checked(Mapping):
    """A scenario that refuses keys outside `allowed`."""

    def __init__(self, values: Mapping[str, Any], allowed: frozenset[str], name: str):
        self._values, self._allowed, self._name = values, allowed, name

    def _check(self, key: object) -> None:
        if key not in self._allowed:
            raise UndeclaredRead(f"{self._name} reads scenario key {key!r}, not among its declared groups and keys")

    def __getitem__(self, key: str) -> Any:
        self._check(key)
        return self._values[key]

    def __contains__(self, key: object) -> bool:
        self._check(key)
        return key in self._values

    def __iter__(self) -> Iterator[str]:
        raise UndeclaredRead(f"{self._name} reads the whole scenario; a cached function declares what it reads")

    def __len__(self) -> int:
        return len(self._values)


def shared(kind: str, key: tuple, build: Callable[[], Any]) -> Any:
    """Return `build()` from the shared store under (kind, *key); the key names all that build reads."""
    return _STORE.get((kind, *key), build)


def clear() -> None:
    """Empty the store (tests; a new data or forecast version makes new keys without this)."""
    _STORE.clear()


def scenario_keys(groups: Iterable[str] = (), keys: Iterable[str] = ()) -> frozenset[str]:
    """Return the scenario keys of assumption `groups` plus `keys` (choices such as the population projection)."""
    groups = tuple(groups)
    found = set(keys) | {a.key for a in in_group(*groups)}
    found |= {key for key, group in scenario_module.CHOICE_GROUPS.items() if group in groups}
    unknown = found - set(ASSUMPTIONS) - set(scenario_module.CHOICES)
    if unknown:
        raise KeyError(f"not assumption or choice keys: {sorted(unknown)}")
    return frozenset(found)


def _arg_key(arg: Any) -> Any:
    """Return what an extra argument adds to a key: its `cache_key()`, or itself (hashable)."""
    return arg.cache_key() if hasattr(arg, "cache_key") else arg


def _run(fn: Callable, name: str, reads: frozenset[str], snapshot, args: tuple) -> Any:
    if CHECK_READS:
        snapshot = replace(snapshot, scenario=_Checked(snapshot.scenario, reads, name))
    return fn(snapshot, *args)


def cached(*, groups: Iterable[str] = (), keys: Iterable[str] = ()) -> Callable:
    """Mark `fn(snapshot, *args)` as cached under the values of `groups`' and `keys`' scenario keys.

    The wrapped function's `reads` is the set of scenario keys it may read; `uncached` is the
    function itself (tests call it to compare).
    """
    reads = scenario_keys(groups, keys)

    def decorate(fn: Callable) -> Callable:
        name = f"{fn.__module__}.{fn.__qualname__}"

        @functools.wraps(fn)
        def wrapper(snapshot, *args):
            key = (
                name,
                snapshot.lang,
                snapshot.data_version,
                snapshot.data_error,
                snapshot.forecast_versions,
                tuple(_arg_key(a) for a in args),
                tuple((k, snapshot.scenario.get(k)) for k in sorted(reads)),
            )
            return _STORE.get(("fn", *key), lambda: _run(fn, name, reads, snapshot, args))

        wrapper.reads = reads
        wrapper.uncached = fn
        return wrapper

    return decorate
