"""The forecast methods the backtest compares (baselines), and the default line (forecasting), on hand-computed cases."""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

from imaging_plan import baselines, forecasting, trends
from imaging_plan.trends import TrendSettings

Z80 = NormalDist().inv_cdf(0.9)


def _history(values, first=2015) -> pd.DataFrame:
    return pd.DataFrame({"year": range(first, first + len(values)), "value": [float(v) for v in values]})


def test_naive_carries_the_last_value_with_a_random_walk_interval():
    out = baselines.naive_forecast(_history([10, 12, 11, 15]), 2)
    sigma = math.sqrt((2 ** 2 + 1 ** 2 + 4 ** 2) / 3)  # changes 2, -1, 4
    assert out["year"].tolist() == [2019, 2020] and (out["forecast"] == 15).all()
    assert out["upper"].tolist() == pytest.approx([15 + Z80 * sigma, 15 + Z80 * sigma * math.sqrt(2)])
    assert out["lower"].tolist() == pytest.approx([15 - Z80 * sigma, 15 - Z80 * sigma * math.sqrt(2)])


def test_drift_extends_the_first_to_last_line_with_its_interval():
    out = baselines.drift_forecast(_history([10, 12, 11, 16]), 2)  # slope (16 - 10) / 3 = 2
    assert out["forecast"].tolist() == pytest.approx([18, 20])
    sigma = math.sqrt((0 ** 2 + 3 ** 2 + 3 ** 2) / (4 - 2))  # changes 2, -1, 5 less the slope
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
    np.testing.assert_allclose(ahead[["forecast", "lower", "upper"]].to_numpy(),
                               trend[["trend", "trend_lower", "trend_upper"]].to_numpy())


def test_flat_growth_gives_a_level_trend():
    ahead = baselines.prophet_forecast(_history([10, 14, 9, 13, 11, 12]), 3, TrendSettings(growth="flat"))
    assert ahead["forecast"].nunique() == 1


def test_the_grid_holds_the_project_settings_and_one_change_each():
    settings = TrendSettings()
    grid = baselines.settings_grid(settings)
    assert settings.label in grid and len(grid) == 4
    changed = [{k for k in ("n_changepoints", "changepoint_prior_scale", "growth")
                if getattr(c, k) != getattr(settings, k)} for c in grid.values()]
    assert sorted(len(c) for c in changed) == [0, 1, 1, 1]


def test_methods_name_the_grid_candidates_apart_from_the_project_settings():
    settings = TrendSettings()
    methods = baselines.forecast_methods(settings, baselines.settings_grid(settings))
    assert list(methods)[:4] == ["naive", "drift", "theta", "prophet"]
    assert sum(name.startswith("prophet: ") for name in methods) == 3
    assert "prophet" not in baselines.forecast_methods(settings, prophet=False)
