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
