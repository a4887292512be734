"""The snapshot and the app's use of the one cache: shared across sessions, never mixed between scenarios."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import open_page
from imaging_plan.app import state
from imaging_plan.planning import physicians
from imaging_plan.views.snapshot import freeze


@pytest.fixture(autouse=True)
def empty_cache():
    state.clear()
    yield
    state.clear()


def _snapshot(lang: str = "nb", data_version: str = "v1", **values):
    defaults = {"a": 1.0, "b": 2.0, "horizon": 2040}
    return freeze(lang, {**defaults, **values}, defaults, data_version=data_version)


def test_the_snapshot_cannot_be_changed():
    snapshot = _snapshot()
    with pytest.raises(TypeError):
        snapshot.scenario["a"] = 5.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        snapshot.lang = "en"


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
