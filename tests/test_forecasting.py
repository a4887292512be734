"""The forecast methods the backtest compares (baselines), and the default line (forecasting), by hand."""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

from imaging_plan.forecasting import baselines, default_lines, trends
from imaging_plan.forecasting.trends import TrendSettings

Z80 = NormalDist().inv_cdf(0.9)


def _history(values, first=2015) -> pd.DataFrame:
    return pd.DataFrame({"year": range(first, first + len(values)), "value": [float(v) for v in values]})


def test_naive_carries_the_last_value_with_a_random_walk_interval():
    out = baselines.naive_forecast(_history([10, 12, 11, 15]), 2)
    sigma = math.sqrt((2**2 + 1**2 + 4**2) / 3)  # changes 2, -1, 4
    assert out["year"].tolist() == [2019, 2020] and (out["forecast"] == 15).all()
    assert out["upper"].tolist() == pytest.approx([15 + Z80 * sigma, 15 + Z80 * sigma * math.sqrt(2)])
    assert out["lower"].tolist() == pytest.approx([15 - Z80 * sigma, 15 - Z80 * sigma * math.sqrt(2)])


def test_drift_extends_the_first_to_last_line_with_its_interval():
    out = baselines.drift_forecast(_history([10, 12, 11, 16]), 2)  # slope (16 - 10) / 3 = 2
    assert out["forecast"].tolist() == pytest.approx([18, 20])
    sigma = math.sqrt((0**2 + 3**2 + 3**2) / (4 - 2))  # changes 2, -1, 5 less the slope
    assert out["upper"].iloc[0] - 18 == pytest.approx(Z80 * sigma * math.sqrt(1 * (1 + 1 / 4)))


def test_intervals_never_go_below_zero():
    out = baselines.naive_forecast(_history([9, 1, 8, 1]), 3)
    assert (out[["forecast", "lower", "upper"]] >= 0).all().all() and (out["lower"] == 0).any()


def test_theta_follows_a_rising_series_inside_its_interval():
    out = baselines.theta_forecast(_history([100, 104, 107, 113, 115, 120]), 3)
    assert out["year"].tolist() == [2021, 2022, 2023]
    assert (out["lower"] <= out["forecast"]).all() and (out["forecast"] <= out["upper"]).all()
    assert np.all(np.diff(out["forecast"]) > 0) and out["forecast"].iloc[0] > 115


def test_missing_values_are_left_out_and_too_short_a_history_refused():
    out = baselines.naive_forecast(pd.DataFrame({"year": [2015, 2016, 2017], "value": [1.0, 2.0, None]}), 1)
    assert out["year"].tolist() == [2017] and out["forecast"].iloc[0] == 2
    with pytest.raises(ValueError, match="at least 3 yearly points"):
        baselines.drift_forecast(_history([1, 2]), 1)


def test_prophet_forecast_is_the_stored_trend_after_the_last_year():
    history = _history([445, 494, 524, 552, 554, 583])
    ahead = baselines.prophet_forecast(history, 3)
    trend = trends.fit_trend(history, 2023)
    trend = trend[trend["year"] > 2020]
    assert ahead["year"].tolist() == [2021, 2022, 2023]
    np.testing.assert_allclose(
        ahead[["forecast", "lower", "upper"]].to_numpy(), trend[["trend", "trend_lower", "trend_upper"]].to_numpy()
    )


def test_flat_growth_gives_a_level_trend():
    ahead = baselines.prophet_forecast(_history([10, 14, 9, 13, 11, 12]), 3, TrendSettings(growth="flat"))
    assert ahead["forecast"].nunique() == 1


def test_the_grid_holds_the_project_settings_and_one_change_each():
    settings = TrendSettings()
    grid = baselines.settings_grid(settings)
    assert settings.label in grid and len(grid) == 4
    changed = [
        {k for k in ("n_changepoints", "changepoint_prior_scale", "growth") if getattr(c, k) != getattr(settings, k)}
        for c in grid.values()
    ]
    assert sorted(len(c) for c in changed) == [0, 1, 1, 1]


def test_methods_name_the_grid_candidates_apart_from_the_project_settings():
    settings = TrendSettings()
    methods = baselines.forecast_methods(settings, baselines.settings_grid(settings))
    assert list(methods)[:4] == ["naive", "drift", "theta", "prophet"]
    assert sum(name.startswith("prophet: ") for name in methods) == 3
    assert "prophet" not in baselines.forecast_methods(settings, prophet=False)


# --- combinations, bands and the default line ------------------------------------------------------


def _ahead(years, forecast, lower, upper) -> pd.DataFrame:
    return pd.DataFrame({"year": years, "forecast": forecast, "lower": lower, "upper": upper})


def test_combination_takes_the_median_or_mean_of_each_column():
    members = [
        _ahead([2026, 2027], [1.0, 10.0], [0.0, 8.0], [2.0, 12.0]),
        _ahead([2026, 2027], [4.0, 20.0], [3.0, 18.0], [5.0, 22.0]),
        _ahead([2026, 2027], [10.0, 30.0], [9.0, 28.0], [11.0, 32.0]),
    ]
    median = baselines.combine(members, "median")
    assert median["forecast"].tolist() == [4.0, 20.0] and median["lower"].tolist() == [3.0, 18.0]
    assert baselines.combine(members, "mean")["forecast"].tolist() == [5.0, 20.0]
    with pytest.raises(ValueError, match="same years"):
        baselines.combine([members[0], _ahead([2027, 2028], [1, 1], [1, 1], [1, 1])], "median")
    with pytest.raises(ValueError, match="unknown combination"):
        baselines.combine(members, "mode")


def test_band_grows_as_the_square_root_beyond_what_was_measured_and_never_narrows():
    q = baselines.band_quantiles({1: 1.0, 2: 2.0}, 4)
    assert q == pytest.approx([1.0, 2.0, 2.0 * math.sqrt(3 / 2), 2.0 * math.sqrt(2)])
    # a narrower measured 2-year band is raised to the 1-year one: bands widen with the horizon
    assert baselines.band_quantiles({1: 2.0, 2: 1.0}, 2) == pytest.approx([2.0, 2.0])
    # a horizon with too few errors (NaN) takes the nearest shorter one's, widened
    assert baselines.band_quantiles({1: 1.0, 2: float("nan")}, 2) == pytest.approx([1.0, math.sqrt(2)])
    assert np.isnan(baselines.band_quantiles({1: float("nan")}, 2)).all()


def test_scaled_band_is_never_below_zero_and_has_no_width_without_a_scale():
    lower, upper = baselines.scaled_band([1.0, 10.0], 2.0, [1.0, 1.0])
    assert lower.tolist() == [0.0, 8.0] and upper.tolist() == [3.0, 12.0]
    lower, upper = baselines.scaled_band([5.0], float("nan"), [3.0])
    assert lower.tolist() == upper.tolist() == [5.0]


def test_default_line_band_is_the_measured_multiple_of_the_series_yearly_change():
    line = default_lines.DefaultLine("naive", (1.0,))
    out = line.forecast(_history([10, 12, 11, 15]), 2)
    scale = (2 + 1 + 4) / 3  # mean absolute yearly change
    assert out["forecast"].tolist() == [15.0, 15.0]
    assert out["lower"].tolist() == pytest.approx([15 - scale, 15 - math.sqrt(2) * scale])
    assert out["upper"].tolist() == pytest.approx([15 + scale, 15 + math.sqrt(2) * scale])


def test_default_trend_starts_at_the_last_observed_value_and_draws_no_fit_before():
    trend = default_lines.default_trend(
        _history([10, 12, 11, 15]), 2020, default_lines.DefaultLine("drift", (0.5, 1.0))
    ).set_index("year")
    assert trend.index.tolist() == list(range(2015, 2021))
    assert trend.loc[:2017, "trend"].isna().all()
    assert trend.loc[2018, ["trend", "trend_lower", "trend_upper"]].tolist() == [15.0, 15.0, 15.0]
    assert trend.loc[2019, "trend"] == pytest.approx(15 + 5 / 3)  # drift: (15 - 10) / 3 a year
    widths = (trend["trend_upper"] - trend["trend_lower"]).loc[2019:]
    assert (widths.diff().dropna() >= 0).all()


def test_series_trends_use_the_default_line_and_short_series_the_simple_method():
    history = pd.DataFrame(
        {
            "role": "radiographer",
            "trust": ["A"] * 6 + ["B"] * 2,
            "year": [*range(2020, 2026), 2024, 2025],
            "fte": [10, 11, 12, 12, 13, 14, 5, 6],
        }
    )
    line = default_lines.DefaultLine("naive", (1.0,))
    trends = default_lines.series_trends(history, ["role", "trust"], "fte", 2027, line, min_prophet_points=5)
    a, b = (trends[trends["trust"] == s].set_index("year") for s in ("A", "B"))
    assert set(a["method"]) == {"default"} and a.loc[2027, "trend"] == 14.0
    assert set(b["method"]) == {"drift"} and b.loc[2027, "trend"] == 8.0


def test_inflow_parts_add_up_to_the_scored_line_at_its_exit_rate():
    """The app adds the parts at the slider's exit rate: at the notebook's rate that is the scored line."""
    from imaging_plan.planning import specialist_inflow as si

    years = list(range(2015, 2026))
    specialists = [100, 103, 104, 108, 110, 111, 115, 118, 118, 121, 125]
    hist = {"radiology": pd.DataFrame({"specialists": specialists, "residents": 30.0}, index=years)}
    line, stock_line = default_lines.DefaultLine("drift", (1.0, 1.5)), default_lines.DefaultLine("naive", (1.0,))
    parts, status = default_lines.inflow_trends(si.inflow_parts(hist), 2030, line, 5.0, stock_line)
    assert status["fitted"].all()
    inflow = si.derived_inflow(hist, 5.0).rename(columns={"inflow": "value"})[["year", "value"]]
    scored = line.forecast(inflow.reset_index(drop=True), 5).set_index("year")
    drawn = si.forecast_inflow(parts, 5.0).set_index("year")
    for ours, theirs in (("trend", "forecast"), ("trend_lower", "lower"), ("trend_upper", "upper")):
        assert drawn.loc[2026:2030, ours].to_numpy() == pytest.approx(scored[theirs].to_numpy())
    # at another rate the exits' difference is added on the specialists' own line (naive: 125)
    moved = si.forecast_inflow(parts, 7.0).set_index("year")
    assert (moved.loc[2026:2030, "trend"] - drawn.loc[2026:2030, "trend"]).to_numpy() == pytest.approx([2.5] * 5)


def test_default_lines_name_known_methods_and_a_band_that_widens():
    for family, line in default_lines.DEFAULT_LINES.items():
        assert line.method in (*baselines.SINGLE_METHODS, *baselines.COMBINATIONS), family
        assert all(q > 0 for q in line.band), family
    with pytest.raises(ValueError, match="unknown family"):
        default_lines.default_line("equipment")
    settings = TrendSettings(n_changepoints=2)
    assert default_lines.default_line("staff", settings).settings == settings


def test_default_line_names_itself_as_the_backtest_does():
    assert default_lines.DefaultLine("median", (1.0,)).name == "median"
    assert default_lines.DefaultLine("naive", (1.0,), TrendSettings(growth="flat")).name == "naive"
    flat = default_lines.DefaultLine("median", (1.0,), TrendSettings(growth="flat"))
    assert flat.name == baselines.grid_method("flat", TrendSettings()).replace("prophet", "median")


def test_the_staffing_plan_follows_the_default_line():
    """'Follow the trend' plans each series along the line series_trends stores: the default line."""
    from imaging_plan.planning import assumptions, staffing

    ftes = pd.DataFrame(
        {
            "trust": "OUS",
            "role": "radiographer",
            "year": range(2020, 2026),
            "fte": [100.0, 102.0, 101.0, 105.0, 107.0, 110.0],
        }
    )
    line = default_lines.DefaultLine("drift", (1.0,))  # (110 - 100) / 5 = 2 FTEs a year
    trend = default_lines.series_trends(staffing.trend_input(ftes), ["role", "trust"], "fte", 2028, line)
    scenario = {
        **assumptions.resolve({}, {}, ("general", "staff", "staff_trusts")),
        "horizon": 2028,
        "staff_follow_trend": 1,
    }
    plan = staffing.planned_ftes(ftes, trend, scenario).set_index("year")
    assert plan["fte"].tolist() == pytest.approx([110.0, 112.0, 114.0, 116.0])
    assert set(plan["method"]) == {"default"}
