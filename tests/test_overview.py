"""The board's overview without Streamlit: decisions with their lead times, and the fans of the presets."""

from __future__ import annotations

import pandas as pd
import pytest

from imaging_plan.planning import equipment, physicians, staffing, uncertainty, workload
from imaging_plan.i18n import fmt_number
from imaging_plan.charts import overview as overview_charts
from imaging_plan.app import overview_page, pages, state
from imaging_plan.views import decisions
from imaging_plan.views import overview as overview_view
from imaging_plan.app.shell import snapshot_for


@pytest.fixture
def snapshot(tmp_path):
    """The shipped data, no stored forecasts (the plans do not need them), the defaults."""
    state.clear()
    return snapshot_for("nb", forecasts_dir=tmp_path / "none")


def test_resident_posts_must_be_filled_the_training_years_before_the_goal_year(snapshot):
    for training in (5, 6):
        own = snapshot.with_values(training_years=training)
        found = decisions.resident_posts(own)
        # The draws hold the scenario's training years and one more: the posts for 2040 must exist by
        # 2040 - (T + 1) at the earliest draw, 2040 - T at the latest.
        assert [d.by_year for d in found] == [2040 - training - 1] * 2
        assert f"innen {2040 - training - 1}–{2040 - training}" in found[0].sentence
        # The number is the median over the draws of the LiS FTEs needed in training each year.
        result = physicians.simulate(physicians.basis(own.tables, own.scenario), uncertainty.draws(own.scenario))
        decision = uncertainty.lis_decision(result, "radiology")
        assert found[0].number == pytest.approx(decision["p50"])
        low, high = (fmt_number(decision[p], "nb") for p in ("p10", "p90"))
        assert f"({low} til {high})" in found[0].sentence  # the range, not one figure


def test_a_deadline_already_passed_is_said_plainly(snapshot):
    found = decisions.resident_posts(snapshot.with_values(horizon=2028, training_years=6))
    assert all(d.by_year == 2022 for d in found)
    assert all("passert" in d.sentence for d in found)


def test_radiographer_places_start_three_years_before_the_hires_they_supply(snapshot):
    found = decisions.radiographer_places(snapshot)
    ftes = snapshot.tables["staff_ftes"]
    path = workload.radiographer_path(snapshot.tables, snapshot.scenario, ftes)  # the default: the workload
    plan = staffing.staff_plan(ftes, None, snapshot.scenario, path)
    totals = staffing.plan_totals(plan, staffing.series_status(ftes))
    own = totals[totals["role"] == "radiographer"]
    first = int(own["year"].min())
    assert found.by_year == first
    assert found.number == pytest.approx(own.loc[own["year"] >= first + 3, "hires_needed"].mean())
    assert f"fra {first + 3} til 2040" in found.sentence


def test_equipment_due_in_one_to_two_years_must_be_ordered_now(snapshot):
    found = decisions.equipment_orders(snapshot)
    register, units = snapshot.tables["equipment_register"], snapshot.tables["equipment_units"]
    first = equipment.first_plan_year(units)
    planned = equipment.fleet(register, snapshot.scenario)
    events = equipment.replacement_schedule(planned, first, 2040)
    assert found.by_year == first
    assert found.number == events["year"].between(first + 1, first + 2).sum()
    assert f"{first + 1}–{first + 2}" in found.sentence


def test_fan_band_is_the_viewers_interval_where_one_is_given():
    lines = {k: pd.DataFrame({"year": [2030, 2031], "value": [1.0, 2.0]}) for k in overview_charts.FAN_SCENARIOS}
    band = pd.DataFrame({"year": [2030, 2031], "lower": [-5.0, -6.0], "upper": [7.0, 8.0]})
    fan = overview_charts.fan_lines(lines, {k: k for k in lines}, band)
    assert fan.groupby("year")["lower"].unique().map(list).tolist() == [[-5.0], [-6.0]]
    assert fan.groupby("year")["upper"].unique().map(list).tolist() == [[7.0], [8.0]]


def test_the_physician_and_inflow_fans_carry_the_draws_interval_around_the_viewers_line(snapshot):
    for topic in pages.TOPICS[:2]:
        fan = overview_view.fan(snapshot, topic)
        yours = fan[fan["series"] == "Ditt scenario"].dropna(subset=["lower"])
        assert len(yours) > 0 and (yours["lower"] <= yours["upper"]).all()
        # a band of the draws, not the presets' span: it differs from the presets' min and max somewhere
        presets = fan[fan["series"] != "Ditt scenario"].groupby(["panel", "year"])["value"]
        span = pd.DataFrame({"lo": presets.min(), "hi": presets.max()}).reset_index()
        both = yours.merge(span, on=["panel", "year"])
        assert not ((both["lower"] - both["lo"]).abs().max() < 1e-9 and (both["upper"] - both["hi"]).abs().max() < 1e-9)


def test_fan_band_spans_the_three_presets_and_leaves_the_viewer_out():
    lines = {
        "baseline": pd.DataFrame({"year": [2030, 2031], "value": [1.0, 2.0]}),
        "low": pd.DataFrame({"year": [2030, 2031], "value": [0.0, 5.0]}),
        "high": pd.DataFrame({"year": [2030, 2031], "value": [3.0, 1.0]}),
        "yours": pd.DataFrame({"year": [2030, 2031], "value": [9.0, -9.0]}),
    }
    names = {k: k.upper() for k in lines}
    fan = overview_charts.fan_lines(lines, names)
    band = fan[fan["series"] == "YOURS"].set_index("year")
    assert band["lower"].tolist() == [0.0, 1.0] and band["upper"].tolist() == [3.0, 5.0]
    assert len(fan) == 8 and set(fan["series"]) == set(names.values())


def test_each_topic_fans_out_with_the_presets_in_their_stated_direction(snapshot):
    for topic in pages.TOPICS:
        fan = overview_view.fan(snapshot, topic)
        assert set(fan["series"]) == {"Basis (standardverdier)", "Lavt press", "Høyt press", "Ditt scenario"}
        by = {s: rows.set_index(["panel", "year"])["value"] for s, rows in fan.groupby("series")}
        # The viewer's scenario is the defaults here: its line is the baseline's.
        pd.testing.assert_series_equal(by["Ditt scenario"], by["Basis (standardverdier)"], check_names=False)
    # High pressure (high population growth, more use per person, more exits, no AI gain) widens the
    # radiology gap; low narrows it.
    fan = overview_view.fan(snapshot, pages.TOPICS[0])
    at = fan[(fan["year"] == 2040) & (fan["panel"] == "Radiologi")].set_index("series")["value"]
    assert at["Høyt press"] > at["Basis (standardverdier)"] > at["Lavt press"]


def test_overview_and_exports_read_the_same_sections(snapshot):
    view = overview_page.compute(snapshot)
    assert [s.title for s in view.sections] == [t.overview.section(snapshot).title for t in pages.TOPICS]
    tables = {name for s in view.sections for name in s.tables}
    assert {"physician_plan", "staff_plan", "equipment_schedule", "specialist_inflow_plan"} <= tables
    import io

    book = pd.read_excel(
        io.BytesIO(overview_page.excel_bytes(snapshot, view.sections, view.decisions)), sheet_name=None
    )
    assert book["decisions"]["sentence"].tolist() == [d.sentence for d in view.decisions]
