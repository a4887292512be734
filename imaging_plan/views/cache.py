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

A deployment of several processes (`pipeline.serve`) names one folder for all of
them (`RESULTS_DIR_ENV`): a cached function's result that one process computed
is then read there by the others instead of computed again, and two processes
asking for one key at once compute it once (a lock file per key). Without the
folder (`make app`, the tests) each process keeps its own.

Results are shared objects: read them, never change them.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import logging
import numbers
import os
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable

from imaging_plan.planning import scenario as scenario_module
from imaging_plan.planning.assumptions import ASSUMPTIONS, in_group

# Every page's default scenario and the Overview at every horizon in both languages (what a
# deployment warms: about 2,700 entries) and a meeting's own scenarios stay in it; an entry unused
# for an hour goes (a forecast rerun or a data change makes new keys anyway).
MAX_ENTRIES = 4096
TTL_SECONDS = 3600


# The folder the processes of one deployment share their results in (set by `pipeline.serve`).
RESULTS_DIR_ENV = "IMAGING_PLAN_SHARED_RESULTS"
MAX_FILES = 4096  # after warming, 2,678 results took 86 MB: about 130 MB at the limit; the oldest go first

_LOG = logging.getLogger(__name__)


def _stable(part: Any) -> str | None:
    """Return `part` written the same way in every process (tuples, text, numbers, None), or None."""
    if part is None or isinstance(part, (str, bool)):
        return repr(part)
    if isinstance(part, numbers.Integral):
        return repr(int(part))
    if isinstance(part, numbers.Real):
        return repr(float(part))  # a NumPy float and a Python float of one value are one key, as in memory
    if isinstance(part, tuple):
        parts = [_stable(p) for p in part]
        return None if None in parts else "(" + ",".join(parts) + ")"
    return None  # a set's order, an object's repr: not the same across processes


class _Folder:
    """Results pickled in a folder the processes of one deployment share, one file per key."""

    def __init__(self, folder: Path, ttl: float, max_files: int = MAX_FILES):
        self.folder, self.ttl, self.max_files = folder, ttl, max_files
        self.folder.mkdir(parents=True, exist_ok=True)
        self._saved = 0
        self._unpicklable: set[str] = set()

    def path(self, key: tuple) -> Path | None:
        written = _stable(key)
        if written is None:
            return None
        return self.folder / hashlib.sha256(written.encode()).hexdigest()

    def get(self, key: tuple, build: Callable[[], Any]) -> Any:
        """Return the result stored under `key`, or build, store and return it (one process builds; the
        others wait); a key not written alike in every process is built here only."""
        path = self.path(key)
        if path is None:
            return build()
        try:
            lock = self._open_lock(path)
        except OSError as err:  # the folder cannot be written: this process computes on its own
            _LOG.warning("shared results folder %s unusable: %r", self.folder, err)
            return build()
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or when its process dies
            found, value = self._load(path)
            if not found:
                value = build()
                self._save(key, path, value)
            return value

    def _open_lock(self, path: Path):
        try:
            return open(path.with_suffix(".lock"), "a")
        except FileNotFoundError:  # the folder went (a cleaner of /tmp): made again
            self.folder.mkdir(parents=True, exist_ok=True)
            return open(path.with_suffix(".lock"), "a")

    def _load(self, path: Path) -> tuple[bool, Any]:
        try:
            if time.time() - path.stat().st_mtime > self.ttl:
                return False, None
            with open(path, "rb") as f:
                return True, pickle.load(f)
        except FileNotFoundError:
            return False, None
        except Exception as err:  # a file cut short or from another version of the code: build again
            _LOG.warning("shared result %s unreadable, built again: %r", path.name, err)
            return False, None

    def _save(self, key: tuple, path: Path, value: Any) -> None:
        if key[1] in self._unpicklable:
            return
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as err:
            self._unpicklable.add(key[1])
            _LOG.warning("results of %s cannot be shared between processes: %r", key[1], err)
            return
        partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
        try:
            partial.write_bytes(data)
            os.replace(partial, path)  # a reader sees the whole file or none
        except OSError as err:  # a full disk: the result stays in this process only
            partial.unlink(missing_ok=True)
            _LOG.warning("shared result %s not written: %r", path.name, err)
            return
        self._saved += 1
        if self._saved % 64 == 0:
            self._prune()

    def _prune(self) -> None:
        files = [p for p in self.folder.iterdir() if not p.suffix]
        if len(files) <= self.max_files:
            return
        for p in sorted(files, key=lambda p: p.stat().st_mtime)[: len(files) - self.max_files]:
            p.unlink(missing_ok=True)
            p.with_suffix(".lock").unlink(missing_ok=True)


class _Store:
    """A bounded, thread-safe LRU with an age limit, building each missing key once."""

    def __init__(self, max_entries: int, ttl: float, folder: Path | None = None):
        self.max_entries, self.ttl = max_entries, ttl
        self._items: OrderedDict[tuple, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[tuple, threading.Lock] = {}
        self.folder = _Folder(folder, ttl) if folder else None

    def get(self, key: tuple, build: Callable[[], Any], share: bool = False) -> Any:
        """Return the value under `key`; `share`: look for it in (and give it to) the deployment's folder."""
        found, value = self._lookup(key)
        if found:
            return value
        with self._lock:
            key_lock = self._building.setdefault(key, threading.Lock())
        with key_lock:  # one build per key; the others wait for it
            found, value = self._lookup(key)
            if not found:
                value = self.folder.get(key, build) if share and self.folder else build()
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


_STORE = _Store(
    MAX_ENTRIES, TTL_SECONDS, Path(os.environ[RESULTS_DIR_ENV]) if os.environ.get(RESULTS_DIR_ENV) else None
)

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
    """Return what an extra argument adds to a key: its `cache_key()`, or itself (hashable); a tuple, item by item."""
    if isinstance(arg, tuple):
        return tuple(_arg_key(a) for a in arg)
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
            return _STORE.get(("fn", *key), lambda: _run(fn, name, reads, snapshot, args), share=True)

        wrapper.reads = reads
        wrapper.uncached = fn
        return wrapper

    return decorate
