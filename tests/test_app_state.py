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


def test_the_data_version_reads_the_files_once_and_follows_a_change_of_content(data_copy, monkeypatch):
    reads = []
    hash_file = state.file_sha256
    monkeypatch.setattr(state, "file_sha256", lambda path: reads.append(path) or hash_file(path))
    first = state.data_version(data_copy)
    files = len(reads)
    assert files > 5 and state.data_version(data_copy) == first and len(reads) == files  # a rerun: no reads
    target = data_copy / "physician_ftes.csv"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("2025,", "2025,", 1), encoding="utf-8")  # rewritten, the same content
    assert state.data_version(data_copy) == first and len(reads) > files
    digits = [c for c in text if c.isdigit()]
    changed = text.replace(digits[-1], "7" if digits[-1] != "7" else "8", 1)  # one digit: the same size
    target.write_text(changed, encoding="utf-8")
    assert state.data_version(data_copy) != first
