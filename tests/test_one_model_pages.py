"""The one physician model as every page and export shows it: one inflow, the gap in its parts, the
interval on every headline, the LiS decision first, the tornado and waterfall, the new sheets."""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
import pytest

from conftest import open_page
from imaging_plan.planning import uncertainty
from imaging_plan.app import overview_page, state
from imaging_plan.views import exports
from imaging_plan.views import inflow as inflow_view
from imaging_plan.views import model as model_view
from imaging_plan.views import physicians as physicians_view
from imaging_plan.app.shell import snapshot_for
from imaging_plan.charts import uncertainty as charts

RANGE = re.compile(r"^(−?[\d\u00a0]+(?:,\d)?) \((−?[\d\u00a0]+(?:,\d)?) til (−?[\d\u00a0]+(?:,\d)?)\)")


def _number(text: str) -> float:
    return float(text.replace("\u00a0", "").replace("−", "-").replace(",", "."))


@pytest.fixture
def snapshot(tmp_path):
    """The shipped data, no stored forecasts, a scenario off the defaults in the values the inflow reads."""
    state.clear()
    base = snapshot_for("nb", forecasts_dir=tmp_path / "none")
    return base.with_values(exit_rate_pct=4.1, training_years=6, recruitment_radiology_extra_fte=3.5)


def _by_year(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame.set_index(["specialty", "year"])[column].astype(float).sort_index()


def test_new_specialists_are_one_figure_on_every_page_and_in_the_workbook(snapshot):
    physicians = physicians_view.compute(snapshot)
    inflow = inflow_view.compute(snapshot)
    view = overview_page.compute(snapshot)
    tables = {name: frame for s in view.sections for name, frame in s.tables.items()}
    book = pd.read_excel(
        io.BytesIO(overview_page.excel_bytes(snapshot, view.sections, view.decisions)), sheet_name=None
    )

    plan = _by_year(physicians.plan, "new_specialists")
    # own finishers + recruited, the plan's definition, and the extra recruitment is in it
    parts = _by_year(physicians.plan, "completions") + _by_year(physicians.plan, "recruited")
    pd.testing.assert_series_equal(plan, parts, check_names=False)
    later = plan[plan.index.get_level_values("year") > physicians.plan["year"].min()]
    for other in (
        _by_year(inflow.plan, "planned"),  # the inflow page's on-course line
        _by_year(tables["specialist_inflow_plan"], "planned"),  # the overview's section
        _by_year(book["specialist_inflow_plan"], "planned"),  # the workbook
    ):
        pd.testing.assert_series_equal(other, later, check_names=False, atol=1e-3)
    for other in (
        _by_year(tables["physician_plan"], "new_specialists"),
        _by_year(book["physician_plan"], "new_specialists"),
    ):
        pd.testing.assert_series_equal(other, plan, check_names=False, atol=1e-3)
    # The headline figures: the inflow page's planned a year is the physician plan's mean, and its
    # interval is the same cached model the physicians page reads.
    means = later.groupby(level="specialty").mean()
    assert inflow.figures["planned_per_year"].to_dict() == pytest.approx(means.to_dict())
    assert inflow.model is physicians.model


def test_the_draws_are_computed_once_per_scenario_through_the_apps_cache(snapshot):
    first = model_view.model_of(snapshot)
    assert model_view.model_of(snapshot) is first  # a rerun with the same scenario: no new draws
    assert model_view.model_of(snapshot.with_values(fte_per_person_physician=0.8)) is first  # not read
    assert model_view.model_of(snapshot.with_values(exit_rate_pct=5.0)) is not first
    assert first.draws == uncertainty.DRAWS


def test_the_headline_is_the_draws_median_and_its_interval_contains_it(snapshot):
    view = physicians_view.compute(snapshot)
    for specialty in view.specialties:
        for year in view.years:
            for measure in ("gap", "specialists_gap", "residents_gap"):
                p = view.headline(specialty, year, measure)
                assert p["p10"] <= p["p50"] <= p["p90"]
        # The parts' medians are not the total's, but the scenario's parts add up to its gap.
        own = view.plan[view.plan["specialty"] == specialty]
        np.testing.assert_allclose(own["specialists_gap"] + own["residents_gap"], own["gap"])
    text = physicians_view.parts_text(view.model, "radiology", view.horizon, "nb")
    assert text.startswith("spesialister ") and " · LiS " in text and text.count(" til ") == 2


def test_the_overview_opens_with_the_lis_decision_as_a_range():
    state.clear()
    at = open_page(None)
    assert not at.exception
    first = at.metric[0]
    assert first.label.startswith("Radiologi: LiS-årsverk i utdanning hvert år")
    found = RANGE.match(first.value)
    assert found, first.value
    p50, p10, p90 = (_number(g) for g in found.groups())
    assert p10 < p50 < p90  # a range, with the median inside
    assert "opprettet innen" in at.caption[0].value  # by when the posts must exist, under the figure


def test_the_workbook_has_the_interval_and_the_tornado_sheets(snapshot):
    view = overview_page.compute(snapshot)
    book = pd.read_excel(
        io.BytesIO(overview_page.excel_bytes(snapshot, view.sections, view.decisions)), sheet_name=None
    )
    interval, sensitivity = book["gap_interval"], book["sensitivity"]
    assert list(interval.columns) == uncertainty.INTERVAL_COLUMNS
    assert set(interval["measure"]) == set(uncertainty.INTERVAL_MEASURES)
    assert (interval["p10"] <= interval["p50"] + 1e-9).all() and (interval["p50"] <= interval["p90"] + 1e-9).all()
    assert list(sensitivity.columns) == uncertainty.SENSITIVITY_COLUMNS
    assert set(sensitivity["assumption"]) == set(uncertainty.RANGES)
    assert set(sensitivity["year"]) == {int(snapshot.scenario["horizon"])}


def test_the_board_pdf_is_one_page_and_shows_the_interval(snapshot):
    pypdf = pytest.importorskip("pypdf")
    view = overview_page.compute(snapshot)
    pdf = pypdf.PdfReader(io.BytesIO(exports.pdf_bytes(snapshot, view.sections, view.lis)))
    assert len(pdf.pages) == 1
    text = " ".join(pdf.pages[0].extract_text().split())
    assert view.lis[0].label in text and view.lis[0].value in text  # the decision, first, as a range
    gap = next(h for s in view.sections for h in s.headlines if h.label.startswith("Radiologi: gap"))
    assert RANGE.match(gap.value) and gap.value.split(" årsverk")[0] in text
    assert "80 % intervall" in text


def test_the_waterfall_adds_up_to_the_need_and_to_the_supply(snapshot):
    found = physicians_view.drivers(snapshot)
    model = model_view.model_of(snapshot)
    horizon = found.horizon
    for specialty, drawn in found.specialties.items():
        steps = drawn.waterfall.set_index("step")
        at = model.plan[(model.plan["specialty"] == specialty) & (model.plan["year"] == horizon)].iloc[0]
        assert steps.loc["Behov", "end"] == pytest.approx(at["need"])
        assert steps.loc["Tilbud", "end"] == pytest.approx(at["supply"])
        # the last need step ends at the need, the last supply step at the supply
        assert steps.loc["KI", "end"] == pytest.approx(at["need"])
        assert steps.loc["Endring i LiS", "end"] == pytest.approx(at["supply"])
        # the supply side starts again from the base year's FTEs
        assert steps.loc["Avgang", "start"] == pytest.approx(steps.loc["Årsverk i basisåret", "end"])
        assert (steps.loc[["Årsverk i basisåret", "Behov", "Tilbud"], "start"] == 0).all()


def test_the_tornado_names_each_assumption_and_puts_the_widest_swing_first(snapshot):
    found = physicians_view.drivers(snapshot)
    tornado = found.specialties["radiology"].tornado
    labels = physicians_view.assumption_labels("nb")
    assert set(tornado["assumption"]) <= set(labels.values())  # translated, no keys
    assert "Befolkningsframskriving (SSB)" in set(tornado["assumption"])
    swings = tornado.drop_duplicates("assumption")["swing"].tolist()
    assert swings == sorted(swings, reverse=True)
    model = model_view.model_of(snapshot)
    at = model.plan[(model.plan["specialty"] == "radiology") & (model.plan["year"] == found.horizon)]
    assert (tornado["start"] == float(at["gap"].iloc[0])).all()  # bars start at the scenario's gap
    # nuclear medicine's own use growth moves only its gap
    nm = "Bruk per innbygger utover demografi, nukleærmedisin (%/år)"
    assert nm not in set(tornado["assumption"])
    assert nm in set(found.specialties["nuclear_medicine"].tornado["assumption"])


# --- chart builders, on their data and spec ---------------------------------------------------------


def _plan_and_band():
    plan = pd.DataFrame(
        {
            "specialty": "radiology",
            "year": [2025, 2026, 2027],
            "specialists_gap": [0.0, -4.0, 3.0],
            "residents_gap": [0.0, 2.0, 5.0],
        }
    )
    plan["gap"] = plan["specialists_gap"] + plan["residents_gap"]
    band = pd.DataFrame({"specialty": "radiology", "year": [2025, 2026, 2027], "p10": [0.0, -9.0, -2.0]})
    band["p90"] = [1.0, 7.0, 20.0]
    return plan, band


def test_gap_parts_data_splits_the_gap_and_bands_the_total():
    plan, band = _plan_and_band()
    data = charts.gap_parts_data(plan, band, "radiology", "en")
    parts = data[data["kind"] == "part"].groupby("year")["value"].sum()
    total = data[data["kind"] == "total"].set_index("year")
    assert parts.tolist() == total["value"].tolist()
    assert total["lower"].tolist() == [0.0, -9.0, -2.0] and total["upper"].tolist() == [1.0, 7.0, 20.0]
    assert data[data["kind"] == "part"]["lower"].isna().all()  # only the total has a band
    assert set(data["series"]) == {"Specialists", "Residents (LiS)", "Total gap (80 % interval)"}
    assert pd.api.types.is_integer_dtype(data["year"])


def test_gap_parts_chart_has_integer_years_a_band_and_units():
    plan, band = _plan_and_band()
    spec = charts.gap_parts_chart(
        charts.gap_parts_data(plan, band, "radiology", "en"), "en", years=(2025, 2027)
    ).to_dict()
    band_layer, bars, line = spec["layer"]
    assert band_layer["mark"]["type"] == "area" and band_layer["encoding"]["y2"]["field"] == "upper"
    assert bars["encoding"]["y"]["stack"] == "zero"
    assert line["encoding"]["x"]["axis"]["format"] == "d"
    assert line["encoding"]["y"]["title"] == "Gap (FTEs)"


def test_tornado_data_leaves_out_what_does_not_move_and_keeps_both_ends():
    sens = pd.DataFrame(
        {
            "specialty": "radiology",
            "year": 2040,
            "assumption": ["exit_rate_pct", "ai_full_year", "population_scenario"],
            "low_value": [2.5, 2035.0, -1.28],
            "high_value": [4.1, 2045.0, 1.28],
            "gap_at_low": [-10.0, 5.0, 0.0],
            "gap_at_high": [30.0, 5.0, 12.0],
        }
    )
    data = charts.tornado_data(sens, "radiology", 5.0, {"exit_rate_pct": "Exit rate"}, "en")
    assert set(data["assumption"]) == {"Exit rate", "population_scenario"}  # the AI year moves nothing
    exit_rows = data[data["assumption"] == "Exit rate"].set_index("end")
    assert exit_rows.loc["Low (p10)", "value"] == -10.0 and exit_rows.loc["High (p90)", "value"] == 30.0
    assert exit_rows["setting"].tolist() == ["2.5", "4.1"] and (exit_rows["swing"] == 40.0).all()
    assert set(data.loc[data["assumption"] == "population_scenario", "setting"]) == {"LLML", "HHMH"}
    spec = charts.tornado_chart(data, "Radiology", "en", year=2040).to_dict()
    bars = spec["layer"][0]["encoding"]
    assert bars["x2"]["field"] == "value" and bars["y"]["sort"]["field"] == "swing"
    assert bars["x"]["title"] == "Gap in 2040 (FTEs)"


def test_waterfall_chart_orders_the_steps_as_the_model_gives_them():
    steps = uncertainty.WATERFALL_STEPS
    frame = pd.DataFrame(
        {
            "step": steps,
            "kind": ["total", "step", "step", "step", "step", "total", "step", "step", "step", "step", "total"],
            "side": ["both", *["need"] * 5, *["supply"] * 5],
            "value": [100.0, 5.0, 10.0, 20.0, -5.0, 130.0, -30.0, 25.0, 10.0, 0.0, 105.0],
        }
    )
    data = charts.waterfall_data(frame, "en")
    assert data["order"].tolist() == list(range(len(steps)))
    assert data.set_index("step").loc["AI", "end"] == pytest.approx(130.0)
    assert data.set_index("step").loc["Change in residents", "end"] == pytest.approx(105.0)
    spec = charts.waterfall_chart(data, "Radiology", "en").to_dict()
    assert spec["encoding"]["y"]["sort"]["field"] == "order" and spec["encoding"]["x"]["title"] == "FTEs"


# --- where the supply leaves the trend's band -------------------------------------------------------


def _view_with_trend(snapshot, lower: float, upper: float):
    view = physicians_view.compute(snapshot)
    plan = view.plan
    years = plan.loc[plan["specialty"] == "radiology", "year"]
    base = float(plan.loc[(plan["specialty"] == "radiology"), "supply"].iloc[0])
    trend = pd.DataFrame(
        {
            "specialty": "radiology",
            "series": "total",
            "year": years.to_numpy(),
            "trend": base,
            "trend_lower": base + lower,
            "trend_upper": base + upper,
        }
    )
    from dataclasses import replace

    return replace(view, trend=trend)


def test_band_exit_names_recruitment_with_its_numbers_when_the_supply_leaves_the_band(snapshot):
    view = _view_with_trend(snapshot, -5.0, 5.0)  # a flat trend, a tight band: the growing supply leaves it
    sentence = physicians_view.band_exit(view, "radiology", "nb")
    assert sentence is not None and "over trendens bånd" in sentence and "rekrutteringen utenfra" in sentence
    periods = model_view.period_text(view.periods, "radiology", "nb")
    assert periods in sentence  # the 3 / 5 / 10-year calibrations
    own = view.plan[view.plan["specialty"] == "radiology"]
    recruited = own["recruited"].iloc[-1]
    growth = (own["supply"].iloc[-1] - own["supply"].iloc[0]) / (own["year"].iloc[-1] - own["year"].iloc[0])
    # a flat trend grows by nothing: the recruitment that would follow it is the plan's less its growth
    from imaging_plan.i18n import fmt_number

    assert f"svarer til om lag {fmt_number(recruited - growth, 'nb', 1)}" in sentence


def test_band_exit_says_nothing_while_the_supply_stays_in_the_band(snapshot):
    assert physicians_view.band_exit(_view_with_trend(snapshot, -1e6, 1e6), "radiology", "nb") is None


def test_the_models_need_is_physician_need(snapshot):
    from imaging_plan.planning import physicians

    expected = physicians.physician_need(snapshot.tables, snapshot.scenario)
    pd.testing.assert_frame_equal(model_view.model_of(snapshot).need, expected)


def test_the_pages_interval_is_uncertaintys(snapshot):
    from imaging_plan.planning import physicians

    result = physicians.simulate(
        physicians.basis(snapshot.tables, snapshot.scenario), uncertainty.draws(snapshot.scenario)
    )
    found = model_view.model_of(snapshot)
    lead = found.interval[found.interval["measure"].isin(uncertainty.INTERVAL_MEASURES)].reset_index(drop=True)
    pd.testing.assert_frame_equal(lead, uncertainty.interval(result))
    row = found.interval.iloc[40]
    assert tuple(found.at(row["specialty"], row["year"], row["measure"])) == (row["p10"], row["p50"], row["p90"])


def test_the_fans_preset_lines_are_the_pages_scenario_lines_without_draws(snapshot):
    np.testing.assert_allclose(physicians_view.fan(snapshot)["value"], physicians_view.compute(snapshot).plan["gap"])
    np.testing.assert_allclose(
        inflow_view.fan(snapshot)["value"], inflow_view.compute(snapshot).plan["shortfall_planned"]
    )
