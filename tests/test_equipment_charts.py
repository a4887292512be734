"""Equipment chart builders: the data they draw, a valid Vega-Lite spec, and the data refill."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from imaging_plan.charts import equipment as equipment_charts

YEARS = [2026, 2027, 2028]


def _band():
    return pd.DataFrame(
        {
            "year": YEARS,
            "units_median": [5.0, 6, 7],
            "units_lower": [4.0, 5, 6],
            "units_upper": [6.0, 7, 8],
            "cost_median_mnok": [50.0, 60, 70],
            "cost_lower_mnok": [40.0, 50, 60],
            "cost_upper_mnok": [60.0, 70, 80],
        }
    )


def test_due_lines_put_the_band_beside_the_schedule_by_year():
    due = pd.DataFrame({"year": YEARS, "units": [3, 0, 9], "cost_mnok": [30.0, 0.0, 90.0]})
    band = _band().iloc[::-1].reset_index(drop=True)  # any order
    lines = equipment_charts.due_lines(due, band.iloc[:2], "cost_mnok")
    assert lines.columns.tolist() == ["year", "due", "median", "lower", "upper"]
    assert lines["due"].tolist() == [30.0, 0.0, 90.0]
    assert lines["median"].tolist()[1:] == [60.0, 70.0] and math.isnan(lines["median"].iloc[0])
    assert equipment_charts.due_lines(due, None, "units").columns.tolist() == ["year", "due"]


def test_due_chart_draws_its_lines_and_validates():
    due = pd.DataFrame({"year": YEARS, "units": [3, 0, 9], "cost_mnok": [30.0, 0.0, 90.0]})
    lines = equipment_charts.due_lines(due, _band(), "units")
    chart = equipment_charts.due_chart(lines, "units", "Units", "Illustrative data", "en")
    assert chart.data is lines
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    assert spec["title"]["subtitle"] == "Illustrative data"
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["area", "bar", "line"]
    without_band = equipment_charts.due_lines(due, None, "units")
    assert len(equipment_charts.due_chart(without_band, "units", "U", None, "en").to_dict()["layer"]) == 1


def test_budget_lines_leave_an_unlimited_budget_blank():
    yearly = pd.DataFrame(
        {
            "year": YEARS,
            "spent_mnok": 1.0,
            "backlog_mnok": 2.0,
            "budget_mnok": [np.inf, 100.0, 100.0],
            "backlog_units": 1,
            "oldest_age_years": 12,
        }
    )
    lines = equipment_charts.budget_lines(yearly)
    assert math.isnan(lines["budget_mnok"].iloc[0]) and lines["budget_mnok"].iloc[1] == 100.0
    equipment_charts.budget_chart(lines, "Budget", None, "nb").to_dict()


def test_age_lines_stack_the_three_classes_to_100():
    shares = pd.DataFrame(
        {"year": [2025, 2026], "share_0-5": [44.0, 60.0], "share_6-10": [33.0, 30.0], "share_over_10": [23.0, 10.0]}
    )
    lines = equipment_charts.age_lines(shares, "en")
    assert lines.groupby("year")["share"].sum().tolist() == [100.0, 100.0]
    assert lines.loc[lines["order"] == 2, "age"].unique().tolist() == ["over 10 years"]
    spec = equipment_charts.age_profile_chart(lines, "Age", None, "en").to_dict()
    assert len(spec["datasets"]) == 1  # one dataset at the top: the page sends it beside a cached spec
    rules = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    assert [r["transform"][-1]["as"] for r in rules] == ["y", "y"]
    assert [r["transform"][-1]["calculate"] for r in rules] == ["60", "90"]


def test_demand_lines_pair_needed_and_on_hand_per_modality():
    demand = pd.DataFrame(
        {"modality": ["CT", "CT"], "year": [2025, 2026], "units_needed": [75.0, 78.0], "units_on_hand": [74, 74]}
    )
    lines = equipment_charts.demand_lines(demand, {"CT": "CT"}, "en")
    assert lines["series"].tolist() == ["Units needed"] * 2 + ["Units on hand"] * 2
    assert lines["units"].tolist() == [75.0, 78.0, 74.0, 74.0]
    equipment_charts.demand_chart(lines, ("CT",), "en").to_dict()
