"""The snapshot and the one cache layer: shared across sessions, keyed by what a computation reads, never mixed."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import open_page
from imaging_plan.planning import physicians
from imaging_plan.app import state
from imaging_plan.views import cache


@pytest.fixture(autouse=True)
def empty_cache():
    state.clear()
    yield
    state.clear()


def _snapshot(lang: str = "nb", data_version: str = "v1", **values) -> state.Snapshot:
    defaults = {"a": 1.0, "b": 2.0, "horizon": 2040}
    return state.freeze(lang, {**defaults, **values}, defaults, data_version=data_version)


def test_the_same_scenario_in_two_sessions_is_computed_once():
    calls = []

    def plan(snapshot):
        calls.append(snapshot.scenario["a"])
        return snapshot.scenario["a"] * 10

    # Each session builds its own snapshot object from the same link.
    assert state.computed(plan, _snapshot()) == 10.0
    assert state.computed(plan, _snapshot()) == 10.0
    assert calls == [1.0]


def test_different_scenarios_never_share_a_result_and_unread_values_do_not_recompute():
    calls = []

    def plan(snapshot):
        calls.append(1)
        return snapshot.scenario["a"] * 10

    assert state.computed(plan, _snapshot(a=1.0)) == 10.0
    assert state.computed(plan, _snapshot(a=3.0)) == 30.0
    assert state.computed(plan, _snapshot(a=3.0, b=99.0)) == 30.0  # b is never read: same entry
    assert len(calls) == 2


def test_a_value_read_only_on_some_paths_still_keys_the_result():
    def plan(snapshot):
        s = snapshot.scenario
        return s["a"] + (s["b"] if s["a"] > 1 else 0.0)

    assert state.computed(plan, _snapshot(a=1.0, b=2.0)) == 1.0  # reads a only
    assert state.computed(plan, _snapshot(a=2.0, b=2.0)) == 4.0  # now reads b too
    assert state.computed(plan, _snapshot(a=2.0, b=5.0)) == 7.0  # b differs: not the 4.0 above
    assert state.computed(plan, _snapshot(a=1.0, b=5.0)) == 1.0


def test_language_data_version_and_extra_arguments_are_part_of_the_key():
    calls = []

    def label(snapshot, suffix):
        calls.append(1)
        return f"{snapshot.lang}-{snapshot.data_version}-{suffix}"

    assert state.computed(label, _snapshot(), "x") == "nb-v1-x"
    assert state.computed(label, _snapshot(lang="en"), "x") == "en-v1-x"
    assert state.computed(label, _snapshot(data_version="v2"), "x") == "nb-v2-x"
    assert state.computed(label, _snapshot(), "y") == "nb-v1-y"
    assert state.computed(label, _snapshot(), "x") == "nb-v1-x"
    assert len(calls) == 4


def test_with_values_changes_one_value_and_records_the_reads_of_the_others():
    def plan(snapshot):
        return snapshot.scenario["a"] + snapshot.scenario["b"]

    snapshot = _snapshot(a=1.0, b=2.0)
    assert state.computed(plan, snapshot.with_values(b=0.0)) == 1.0
    assert state.computed(plan, snapshot) == 3.0
    assert dict(snapshot.scenario) == {"a": 1.0, "b": 2.0, "horizon": 2040}


def test_the_snapshot_cannot_be_changed():
    snapshot = _snapshot()
    with pytest.raises(TypeError):
        snapshot.scenario["a"] = 5.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        snapshot.lang = "en"


def test_the_cache_is_bounded():
    calls = []

    def plan(snapshot):
        calls.append(1)
        return snapshot.scenario["a"]

    for a in range(cache.MAX_ENTRIES + 5):
        state.computed(plan, _snapshot(a=float(a)))
    before = len(calls)
    state.computed(plan, _snapshot(a=0.0))  # the oldest entry was dropped: computed again
    assert len(calls) == before + 1


@pytest.fixture
def counted_plans(monkeypatch, tmp_path):
    """Count the runs of the physician model the app makes (no stored forecasts needed)."""
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path / "none"))
    calls = []
    real = physicians.simulate

    def counting(basis, draws):
        calls.append(draws.n)
        return real(basis, draws)

    monkeypatch.setattr(physicians, "simulate", counting)
    return calls


def test_two_viewers_of_one_link_compute_the_physician_page_once(counted_plans):
    first = open_page("physicians", {"exit_rate_pct": "4.5"})
    computed_once = len(counted_plans)
    assert computed_once > 0 and not first.exception
    second = open_page("physicians", {"exit_rate_pct": "4.5"})  # another session, same link
    assert len(counted_plans) == computed_once
    assert [m.value for m in second.metric] == [m.value for m in first.metric]
    third = open_page("physicians", {"exit_rate_pct": "5.5"})  # another scenario: its own numbers
    assert len(counted_plans) > computed_once
    assert [m.value for m in third.metric] != [m.value for m in first.metric]


def test_a_cached_function_inside_another_records_only_what_it_reads():
    from imaging_plan.app import state

    state.clear()

    def inner(snapshot):
        return snapshot.scenario["a"] * 2

    def outer(snapshot):
        return state.computed(inner, snapshot) + 1

    snap = state.freeze("nb", {"a": 1, "b": 2}, {"a": 1, "b": 2})
    assert state.computed(outer, snap) == 3  # first run of both: inner keys on every value
    assert state._READS[state.name_of(outer)] == {"a"}  # ... but outer read only what inner did
    assert state.computed(outer, snap.with_values(b=5)) == 3  # a key neither reads: the cached result
    assert state.computed(outer, snap.with_values(a=5)) == 11
