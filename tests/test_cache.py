"""The one cache: explicit keys, shared, bounded, one build per key, and declarations that are checked."""

from __future__ import annotations

import threading
import time
from types import MappingProxyType

import pytest

from imaging_plan.views import cache
from imaging_plan.views.snapshot import freeze


def _snapshot(**values):
    scenario = {"exit_rate_pct": 3.0, "horizon": 2040, "replacement_budget_mnok": 100.0, **values}
    return freeze("nb", scenario, scenario, data_version="d1", forecast_versions=(("f", "1"),))


def test_keys_of_groups_are_the_groups_assumptions_and_choices():
    keys = cache.scenario_keys(("physicians",))
    assert "population_scenario" in keys  # a choice filed under the group
    assert "replacement_budget_mnok" not in keys
    with pytest.raises(KeyError, match="no_such_key"):
        cache.scenario_keys(keys=("no_such_key",))


def test_a_result_is_shared_until_a_declared_value_or_a_version_changes():
    calls = []

    @cache.cached(keys=("exit_rate_pct",))
    def need(snapshot):
        calls.append(1)
        return snapshot.scenario["exit_rate_pct"] * 2

    cache.clear()
    assert need(_snapshot()) == 6.0
    assert need(_snapshot(replacement_budget_mnok=5.0)) == 6.0  # an undeclared value: the same entry
    assert len(calls) == 1
    assert need(_snapshot(exit_rate_pct=4.0)) == 8.0
    from dataclasses import replace

    need(replace(_snapshot(), data_version="d2"))
    need(replace(_snapshot(), lang="en"))
    assert len(calls) == 4


def test_reading_an_undeclared_key_fails_when_checked(monkeypatch):
    monkeypatch.setattr(cache, "CHECK_READS", True)

    @cache.cached(keys=("exit_rate_pct",))
    def sloppy(snapshot):
        return snapshot.scenario["replacement_budget_mnok"]

    with pytest.raises(cache.UndeclaredRead, match="replacement_budget_mnok"):
        sloppy(_snapshot(exit_rate_pct=9.5))


def test_a_cached_call_inside_another_counts_as_the_outer_ones_read(monkeypatch):
    monkeypatch.setattr(cache, "CHECK_READS", True)

    @cache.cached(keys=("replacement_budget_mnok",))
    def inner(snapshot):
        return snapshot.scenario["replacement_budget_mnok"]

    @cache.cached(keys=("exit_rate_pct",))
    def outer(snapshot):
        return inner(snapshot)

    with pytest.raises(cache.UndeclaredRead, match="replacement_budget_mnok"):
        outer(_snapshot(exit_rate_pct=7.25))


def test_the_store_is_bounded():
    store = cache._Store(max_entries=3, ttl=60)
    built = []
    for key in range(5):
        store.get((key,), lambda key=key: built.append(key) or key)
    assert len(store) == 3
    store.get((0,), lambda: built.append("again") or 0)  # the oldest went: built again
    assert built[-1] == "again"


def test_an_entry_older_than_its_age_limit_is_built_again():
    store = cache._Store(max_entries=10, ttl=0.05)
    store.get(("k",), lambda: 1)
    time.sleep(0.1)
    assert store.get(("k",), lambda: 2) == 2


def test_sessions_asking_at_once_build_a_key_once():
    store = cache._Store(max_entries=10, ttl=60)
    builds = []

    def slow():
        builds.append(1)
        time.sleep(0.2)
        return MappingProxyType({"v": 1})

    results = []
    threads = [threading.Thread(target=lambda: results.append(store.get(("k",), slow))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1 and len(results) == 8 and all(r is results[0] for r in results)


def _replicas(folder, n=2):
    """Stores as the replicas of one deployment hold them: each its own memory, one shared folder."""
    return [cache._Store(max_entries=10, ttl=60, folder=folder) for _ in range(n)]


def _refuse():
    raise AssertionError("built again, though another process had built it")


def test_a_result_one_replica_computed_is_read_by_another_from_the_shared_folder(tmp_path):
    import numpy as np
    import pandas as pd

    first, second = _replicas(tmp_path)
    value = {"table": pd.DataFrame({"year": [2030, 2031], "fte": [np.float64(1.5), 2.5]}), "note": "x"}
    key = ("fn", "need", "nb", "d1", None, (("f", "1"),), (), (("exit_rate_pct", 3.5), ("horizon", 2040)))
    assert first.get(key, lambda: value, share=True) is value
    read = second.get(key, _refuse, share=True)
    pd.testing.assert_frame_equal(read["table"], value["table"])
    assert read["note"] == "x"
    # a NumPy number in a key is the same key as the Python number of that value, as in memory
    same = (*key[:-1], (("exit_rate_pct", np.float64(3.5)), ("horizon", np.int64(2040))))
    assert _replicas(tmp_path, 1)[0].get(same, _refuse, share=True)["note"] == "x"
    # what is not a cached function's result (input tables, stored forecasts) stays in each process
    first.get(("inputs", "d1"), lambda: 1)
    assert second.get(("inputs", "d1"), lambda: 2) == 2


def test_keys_not_written_alike_in_every_process_and_results_that_cannot_be_pickled_stay_in_memory(tmp_path):
    store = _replicas(tmp_path, 1)[0]
    assert store.get(("fn", "f", frozenset({"a", "b"})), lambda: 1, share=True) == 1  # a set's order varies
    unpicklable = lambda: None  # noqa: E731
    assert store.get(("fn", "g", 1.0), lambda: unpicklable, share=True) is unpicklable
    assert [p for p in tmp_path.iterdir() if not p.suffix] == []
    assert _replicas(tmp_path, 1)[0].get(("fn", "g", 1.0), lambda: 2, share=True) == 2


def test_an_unreadable_or_old_shared_result_is_built_again(tmp_path):
    first, second = _replicas(tmp_path)
    first.get(("fn", "f", 1), lambda: 1, share=True)
    path = first.folder.path(("fn", "f", 1))
    path.write_bytes(b"cut short")
    assert second.get(("fn", "f", 1), lambda: 2, share=True) == 2
    old = cache._Store(max_entries=10, ttl=0.05, folder=tmp_path)
    time.sleep(0.1)
    assert old.get(("fn", "f", 1), lambda: 3, share=True) == 3


def test_the_shared_folder_is_bounded(tmp_path):
    store = _replicas(tmp_path, 1)[0]
    store.folder.max_files = 5
    for key in range(70):
        store.get(("fn", "f", key), lambda key=key: key, share=True)
    # pruned to the newest 5 at the 64th save, then 6 more saved
    assert len([p for p in tmp_path.iterdir() if not p.suffix]) == 5 + 6
    assert store.get(("fn", "f", 69), _refuse, share=True) == 69


def test_two_processes_asking_at_once_build_a_key_once(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys, time; from pathlib import Path; from imaging_plan.views import cache\n"
        "folder = Path(sys.argv[1])\n"
        "def build():\n"
        "    with open(folder.parent / 'builds.txt', 'a') as f: f.write('built\\n')\n"
        "    time.sleep(1.0)\n"
        "    return {'v': 42}\n"
        "store = cache._Store(10, 60, folder=folder)\n"
        "print(store.get(('fn', 'slow', 1), build, share=True)['v'])\n"
    )
    folder = tmp_path / "results"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(folder)], stdout=subprocess.PIPE, text=True) for _ in range(2)
    ]
    outputs = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert outputs == ["42", "42"]
    assert (tmp_path / "builds.txt").read_text().count("built") == 1


def test_a_shared_folder_that_goes_is_made_again_and_one_that_cannot_be_written_is_done_without(tmp_path):
    import shutil

    store = _replicas(tmp_path / "results", 1)[0]
    shutil.rmtree(tmp_path / "results")  # a cleaner of /tmp
    assert store.get(("fn", "f", 1), lambda: 1, share=True) == 1
    assert store.folder.path(("fn", "f", 1)).exists()
    shutil.rmtree(tmp_path / "results")
    (tmp_path / "results").write_text("a file where the folder was")  # unusable, even for root
    assert store.get(("fn", "f", 2), lambda: 2, share=True) == 2
