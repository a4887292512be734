"""Chart builders, tested on the data they draw and the spec they produce."""

from __future__ import annotations

import pandas as pd
import pytest

from imaging_plan import assumptions, charts, physicians


@pytest.fixture(scope="module")
def plan(shipped_ftes):
    return physicians.physician_plan(shipped_ftes, assumptions.defaults({"physician_ftes": shipped_ftes}))


def _trend():
    years = range(2015, 2051)
    return pd.DataFrame({"specialty": "radiology", "series": "total", "year": list(years), "fte": None,
                         "trend": [500.0] * 36, "trend_lower": [450.0] * 36, "trend_upper": [550.0] * 36})


def test_physician_lines_hold_history_trend_supply_and_need_in_integer_years(shipped_ftes, plan):
    lines = charts.physician_lines("radiology", shipped_ftes, _trend(), plan, "en")
    assert set(lines["series"]) == {"History (Tabell 6)", "Trend (Prophet, 80 % interval)", "Supply", "Need"}
    assert pd.api.types.is_integer_dtype(lines["year"])
    history = lines[lines["series"] == "History (Tabell 6)"].set_index("year")["fte"]
    assert history[2015] == 445 and history[2025] == 654  # Tabell 6 totals
    trend = lines[lines["series"].str.startswith("Trend")]
    assert trend["year"].max() == 2040  # cut at the plan's horizon, not the stored 2050


def test_physician_lines_without_trend_still_draw_the_plan(shipped_ftes, plan):
    lines = charts.physician_lines("nuclear_medicine", shipped_ftes, None, plan, "nb")
    assert set(lines["series"]) == {"Historikk (Tabell 6)", "Tilbud", "Behov"}


def test_physician_chart_is_a_valid_spec_with_the_palette_and_a_band(shipped_ftes, plan):
    chart = charts.physician_chart(charts.physician_lines("radiology", shipped_ftes, _trend(), plan, "en"),
                                   "Radiology", "en")
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    text = str(spec)
    assert "'mark': {'type': 'area'" in text and charts.PALETTE["blue"] in text
    assert "'format': 'd'" in text  # years drawn as integers


def test_gap_chart_colours_shortage_and_surplus(plan):
    chart = charts.gap_chart(plan, "radiology", "nb")
    data = chart.data
    assert set(data["kind"]) <= {"Mangel", "Overskudd"}
    assert (data.loc[data["gap"] > 0, "kind"] == "Mangel").all()
    chart.to_dict()


@pytest.mark.parametrize("lang,decimal", [("nb", ","), ("en", ".")])
def test_localized_spec_carries_the_number_format(plan, lang, decimal):
    spec = charts.localized(charts.gap_chart(plan, "radiology", lang), lang)
    assert spec["config"]["locale"]["number"]["decimal"] == decimal


def test_swapping_data_into_a_built_spec_equals_building_with_that_data(shipped_ftes, plan):
    other = physicians.physician_plan(shipped_ftes, {**assumptions.defaults({"physician_ftes": shipped_ftes}),
                                                     "exit_rate_pct": 6.0})
    a = charts.localized(charts.gap_chart(plan, "radiology", "en"), "en")
    b = charts.localized(charts.gap_chart(other, "radiology", "en"), "en")
    swapped = charts.with_data(a, charts.gap_data(other, "radiology", "en"))
    assert list(swapped["datasets"].values()) == list(b["datasets"].values())
    assert {k: v for k, v in swapped.items() if k not in ("datasets", "data")} == \
        {k: v for k, v in b.items() if k not in ("datasets", "data")}
