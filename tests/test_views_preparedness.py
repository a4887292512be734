"""The preparedness page's view without Streamlit: the model's numbers, cached under what they read."""

from __future__ import annotations

import io
import math
from dataclasses import replace

import pandas as pd
import pytest

from imaging_plan.app.shell import snapshot_for
from imaging_plan.i18n import t
from imaging_plan.planning import preparedness
from imaging_plan.views import cache
from imaging_plan.views import preparedness as view_of


@pytest.fixture(scope="module")
def snapshot():
    return snapshot_for("en")


def _not_done(view, name: str) -> float:
    return view.summary.loc[view.summary["scenario"] == name, "not_done"].sum()


def test_the_view_is_the_models_for_the_same_scenario(snapshot):
    view = view_of.compute(snapshot)
    model = preparedness.compute(snapshot)
    pd.testing.assert_frame_equal(view.capacity, model.capacity)
    pd.testing.assert_frame_equal(view.summary, model.summary)
    pd.testing.assert_frame_equal(view.on_call, model.on_call)
    assert view.error is None and view.on_call_illustrative == model.on_call_illustrative


def test_a_larger_surge_leaves_more_exams_undone_and_other_tests_alone(snapshot):
    base = view_of.compute(snapshot)
    bigger = view_of.compute(snapshot.with_values(prep_surge_pct=snapshot.scenario["prep_surge_pct"] + 20))
    assert _not_done(bigger, "surge") > _not_done(base, "surge")
    assert _not_done(bigger, "absence") == pytest.approx(_not_done(base, "absence"))


def test_more_extra_staff_raises_staffed_capacity(snapshot):
    base = view_of.compute(snapshot)
    more = view_of.compute(snapshot.with_values(prep_staff_extra_pct=snapshot.scenario["prep_staff_extra_pct"] + 20))
    assert more.by_modality["staffed_capacity"].sum() > base.by_modality["staffed_capacity"].sum()


def test_a_slider_of_another_page_reuses_the_cached_view(snapshot):
    """The key holds the preparedness keys and the few others it reads, not the physicians' sliders."""
    cache.clear()
    first = view_of.compute(snapshot)
    assert view_of.compute(snapshot.with_values(horizon=snapshot.scenario["horizon"] + 5)) is first
    changed = snapshot.with_values(fte_per_person_physician=snapshot.scenario["fte_per_person_physician"] / 2)
    assert view_of.compute(changed) is not first


def test_a_refused_stress_test_gives_an_empty_summary_and_says_why(snapshot):
    refused = view_of.compute(snapshot.with_values(prep_units_out=60))
    assert refused.error and refused.summary.empty and refused.weekly.empty
    lines = view_of.headlines(refused, snapshot.scenario, "en")
    assert [h.value for h in lines] == ["–"] * len(preparedness.SCENARIOS)
    book = pd.read_excel(io.BytesIO(view_of.excel_bytes(snapshot, refused)), sheet_name=None)
    assert any(refused.error in str(v) for v in book[next(iter(book))].to_numpy().ravel())
    assert view_of.pdf_bytes(snapshot, refused).startswith(b"%PDF")  # the page's PDF still builds


def test_tables_are_named_in_the_viewers_language_and_a_backlog_that_never_clears_says_so(snapshot):
    view = view_of.compute(snapshot)
    never = view.summary.assign(weeks_to_clear_kept=math.inf)
    shown = view_of.summary_frame(replace(view, summary=never), snapshot.scenario, "nb")
    assert len(shown) == len(view.summary)
    assert set(shown[t("prep_col_weeks_to_clear_kept", "nb")]) == {t("prep_never", "nb")}
    capacity = view_of.capacity_frame(view.by_modality, ["modality"], "en")
    assert capacity.iloc[:, 0].tolist() == [view_of.modality_name(m, "en") for m in view.by_modality["modality"]]
    tables, illustrative = view_of.board_tables(snapshot)
    assert set(tables) == set(view_of.BOARD_TABLES)
    assert illustrative == ({"on_call_floor"} if view.on_call_illustrative else set())
