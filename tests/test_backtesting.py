"""The backtest on hand-computed cases: series, origins, metrics, no leakage, winners and pooling."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from imaging_plan.forecasting import backtest_default as bd
from imaging_plan.forecasting import backtesting as bt
from imaging_plan.forecasting import baselines
from imaging_plan.forecasting.trends import TrendSettings


def _series(values, first=2015, sid="s:a", family="staff") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "series_id": sid,
            "family": family,
            "year": range(first, first + len(values)),
            "value": [float(v) for v in values],
        }
    )


# --- metrics -------------------------------------------------------------------------------------


def test_naive_scale_is_the_mean_absolute_yearly_change():
    assert bt.naive_scale([1, 3, 2, 6]) == pytest.approx(7 / 3)  # changes 2, 1, 4
    assert math.isnan(bt.naive_scale([5]))


def test_naive_method_scores_mase_one_on_its_own_in_sample_scale():
    values = np.array([10.0, 12.0, 11.0, 15.0, 14.0])
    one_step_naive = values[:-1]  # each year forecast by the year before
    assert bt.mase(values[1:], one_step_naive, bt.naive_scale(values)) == pytest.approx(1.0)


def test_perfect_forecast_scores_zero_and_a_hand_case_its_ratio():
    assert bt.mase([5, 7], [5, 7], 2.0) == 0.0
    assert bt.mase([5, 7], [4, 9], 2.0) == pytest.approx((1 + 2) / 2 / 2)


def test_mase_is_undefined_when_the_training_window_never_changed():
    assert math.isnan(bt.mase([3.0], [2.0], bt.naive_scale([1, 1, 1, 1])))


def test_mape_leaves_out_actuals_near_zero_and_counts_what_it_used():
    value, used = bt.mape([100, 2, 50], [110, 4, 40], min_actual=5)
    assert value == pytest.approx((10 + 20) / 2) and used == 2
    value, used = bt.mape([1, -2], [0, 0], min_actual=5)
    assert math.isnan(value) and used == 0


def test_interval_hits_count_the_actuals_inside_inclusive_bounds():
    # 1 in [0, 2] yes; 2 in [2.5, 3] no; 3 in [3, 3] yes; 4 in [5, 6] no
    assert bt.interval_hits([1, 2, 3, 4], [0, 2.5, 3, 5], [2, 3, 3, 6]) == (2, 4)


# --- series --------------------------------------------------------------------------------------


def test_origins_need_the_minimum_training_years_and_one_year_to_check():
    assert bt.origins(range(2015, 2026), 6) == [2020, 2021, 2022, 2023, 2024]
    assert bt.origins(range(2015, 2022), 6) == [2020]
    assert bt.origins(range(2015, 2021), 6) == []


def test_short_series_are_reported_as_not_backtestable():
    series = pd.concat([_series(range(6), sid="s:six"), _series(range(7), sid="s:seven")])
    table = bt.overview(series, min_train=6).set_index("series_id")
    assert not table.loc["s:six", "backtestable"] and table.loc["s:six", "origins"] == 0
    assert table.loc["s:seven", "backtestable"] and table.loc["s:seven", "origins"] == 1


def test_physician_series_hold_each_category_and_the_specialty_total(shipped_ftes):
    series = bt.physician_series(shipped_ftes).set_index(["series_id", "year"])["value"]
    assert series["physicians:radiology:total", 2015] == 445  # Tabell 6 total
    assert series["physicians:nuclear_medicine:total", 2025] == 35
    assert (
        series["physicians:radiology:consultant", 2015]
        == shipped_ftes.query("year == 2015 and specialty == 'radiology' and category == 'consultant'")["fte"].iloc[0]
    )
    assert len(series.index.get_level_values(0).unique()) == 10


def test_staff_series_skip_blank_cells_and_invent_nothing():
    from imaging_plan import paths
    from imaging_plan.data.inputs import load_table

    staff = load_table("staff_ftes", paths.DATA_DIR)
    series = bt.staff_series(staff)
    vvhf = series[series["series_id"] == "staff:VVHF:bioengineer"]
    assert vvhf["year"].tolist() == list(range(2015, 2023))  # 2023-2025 are blank in the plan
    assert "staff:STHF:bioengineer" not in set(series["series_id"])  # no row in the plan
    assert series["series_id"].nunique() == 23


def test_specialist_inflow_is_the_change_plus_the_assumed_exits():
    ftes = pd.DataFrame(
        [
            (2020, "radiology", "consultant", 80),
            (2020, "radiology", "specialist", 20),
            (2020, "radiology", "resident", 50),
            (2021, "radiology", "consultant", 84),
            (2021, "radiology", "acting_consultant", 21),
            (2021, "radiology", "resident", 60),
            (2023, "radiology", "consultant", 90),
        ],
        columns=["year", "specialty", "category", "fte"],
    )
    inflow = bt.specialist_inflow(ftes, exit_rate_pct=10).set_index("year")
    # S(2020) = 100, S(2021) = 105: inflow = 105 - 100 + 10 % of 100 = 15. 2023 follows a gap: none.
    assert inflow.loc[2021, "inflow"] == pytest.approx(15.0)
    assert list(inflow.index) == [2021]


def test_build_series_refuses_an_unknown_family(shipped_ftes):
    with pytest.raises(ValueError, match="unknown series families"):
        bt.build_series({"physician_ftes": shipped_ftes}, 3.3, ("physicians", "equipment"))


# --- the rolling origin --------------------------------------------------------------------------


def test_backtest_rows_on_a_hand_series_with_the_naive_method():
    history = _series([1, 2, 3, 4, 5, 6, 7, 8])  # 2015-2022: origins 2020 and 2021
    out = bt.backtest_series(history, {"naive": baselines.naive_forecast}, min_train=6, horizons=3)
    got = out[["origin", "horizon", "year", "forecast", "actual", "scale", "scaled_error"]].to_numpy().tolist()
    assert got == [[2020, 1, 2021, 6, 7, 1, 1], [2020, 2, 2022, 6, 8, 1, 2], [2021, 1, 2022, 7, 8, 1, 1]]


def test_methods_see_only_the_years_up_to_their_origin():
    seen = []

    def spy(train, steps):
        seen.append(int(train["year"].max()))
        return baselines.naive_forecast(train, steps)

    bt.backtest_series(_series(range(11)), {"spy": spy}, min_train=6)
    assert seen == [2020, 2021, 2022, 2023, 2024]


def test_a_spike_after_the_origin_moves_no_forecast_made_at_that_origin():
    """No leakage: every method (Prophet included) is blind to what happens after its origin."""
    values = [100, 104, 107, 113, 115, 120, 124, 127]  # 2015-2022: origins 2020, 2021
    spiked = values[:6] + [900, 1500]  # 2021 and 2022 explode, after the 2020 origin
    methods = baselines.forecast_methods(TrendSettings())
    calm = bt.backtest_series(_series(values), methods)
    wild = bt.backtest_series(_series(spiked), methods)
    columns = ["method", "horizon", "year", "forecast", "lower", "upper"]
    at_origin = [f[f["origin"] == 2020][columns].reset_index(drop=True) for f in (calm, wild)]
    assert set(at_origin[0]["method"]) == {"naive", "drift", "theta", "prophet"}
    pd.testing.assert_frame_equal(*at_origin)
    later = [f[f["origin"] == 2021]["forecast"].to_numpy() for f in (calm, wild)]
    assert not np.allclose(*later)  # the spike is seen once the origin passes it


def test_rolling_origin_keeps_series_ids_and_skips_series_too_short():
    series = pd.concat([_series(range(8), sid="s:long"), _series(range(5), sid="s:short")])
    out = bt.rolling_origin(series, {"naive": baselines.naive_forecast})
    assert set(out["series_id"]) == {"s:long"} and list(out.columns) == bt.FORECAST_COLUMNS


# --- summaries -----------------------------------------------------------------------------------


def _forecasts(rows) -> pd.DataFrame:
    """Rows (series_id, method, horizon, actual, forecast, lower, upper, scale) -> a forecasts table."""
    frame = pd.DataFrame(
        rows, columns=["series_id", "method", "horizon", "actual", "forecast", "lower", "upper", "scale"]
    )
    frame["family"] = "staff"
    frame["origin"], frame["year"] = 2020, 2020 + frame["horizon"]
    frame["scaled_error"] = (frame["actual"] - frame["forecast"]).abs() / frame["scale"].where(frame["scale"] > 0)
    return frame[bt.FORECAST_COLUMNS]


def _overview(ids) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "series_id": ids,
            "family": "staff",
            "points": 11,
            "first_year": 2015,
            "last_year": 2025,
            "origins": 5,
            "backtestable": True,
        }
    )


def test_winner_has_the_lowest_mase_and_a_tie_goes_to_the_simpler_method():
    rows = []
    for method, error in (("naive", 2), ("drift", 1), ("theta", 1), ("prophet", 3)):
        rows.append(("s:a", method, 1, 10, 10 + error, 0, 20, 1.0))
    for method, error in (("naive", 1), ("drift", 1), ("theta", 2), ("prophet", 0.5)):
        rows.append(("s:b", method, 1, 10, 10 + error, 0, 20, 1.0))
    for method in bt.METHODS:
        rows.append(("s:flat", method, 1, 10, 11, 0, 20, 0.0))  # scale 0: MASE undefined
    table = bt.winners(_forecasts(rows), _overview(["s:a", "s:b", "s:flat"])).set_index("series_id")
    assert table.loc["s:a", "winner"] == "drift"  # drift and theta tie at 1: drift is simpler
    assert table.loc["s:b", "winner"] == "prophet" and table.loc["s:b", "mase_prophet"] == 0.5
    assert pd.isna(table.loc["s:flat", "winner"])
    assert table.loc["s:a", "prophet_hits"] == 1 and table.loc["s:a", "prophet_checks"] == 1


def test_pooled_mase_is_the_mean_over_checks_with_coverage_counts():
    rows = [
        ("s:a", "naive", 1, 10, 12, 9, 13, 1.0),  # scaled 2, hit
        ("s:a", "naive", 2, 10, 13, 12, 14, 1.0),  # scaled 3, miss
        ("s:b", "naive", 1, 10, 11, 9, 12, 2.0),
    ]  # scaled 0.5, hit
    forecasts = _forecasts(rows)
    table = bt.pooled(forecasts, pd.DataFrame({"winner": ["naive", "naive"]}), ("naive",)).iloc[0]
    assert table["mase_h1"] == pytest.approx((2 + 0.5) / 2) and table["mase_h2"] == pytest.approx(3)
    assert table["mase_all"] == pytest.approx((2 + 3 + 0.5) / 3) and table["median_all"] == pytest.approx(2)
    assert (table["hits"], table["checks"], table["series_won"]) == (2, 3, 2)


def test_accuracy_per_series_method_and_horizon_counts_its_checks():
    rows = [("s:a", "naive", 1, 100, 110, 90, 120, 10.0), ("s:a", "naive", 1, 2, 4, 3, 5, 10.0)]
    row = bt.accuracy(_forecasts(rows), mape_min_actual=5).iloc[0]
    assert row["mase"] == pytest.approx((1 + 0.2) / 2) and row["mase_checks"] == 2
    assert row["mape"] == pytest.approx(10) and row["mape_checks"] == 1
    assert (row["hits"], row["checks"]) == (1, 2)


def test_grid_table_scores_each_candidate_on_its_own_forecasts():
    settings = TrendSettings()
    grid = baselines.settings_grid(settings)
    rows = [("s:a", baselines.grid_method(label, settings), 1, 10, 10 + i, 0, 20, 1.0) for i, label in enumerate(grid)]
    table = bt.grid_table(_forecasts(rows), grid, settings).set_index("label")
    assert [table.loc[label, "mase_all"] for label in grid] == list(range(len(grid)))
    assert table.loc[settings.label, "current"] and table.loc[settings.label, "best"]
    assert table["current"].sum() == 1 and table["best"].sum() == 1


def test_forward_lines_reach_the_year_asked_and_skip_series_too_short():
    series = pd.concat([_series([1, 2, 3, 4, 5, 6, 7], sid="s:long"), _series([1, 2, 3], sid="s:short")])
    out = bt.forward(series, {"naive": baselines.naive_forecast}, until=2030)
    assert set(out["series_id"]) == {"s:long"}
    assert out["year"].tolist() == list(range(2022, 2031)) and (out["forecast"] == 7).all()


# --- the executor seam, combinations and the default line ----------------------------------------


def test_every_fit_goes_through_the_fit_function_handed_in():
    calls = []

    def recording(job):
        calls.append((job.series_id, job.origin, job.method, int(job.train["year"].max())))
        return bt.run_job(job)

    series = _series(range(8), sid="s:a")  # 2015-2022: origins 2020 and 2021
    out = bt.rolling_origin(
        series, {"naive": baselines.naive_forecast, "drift": baselines.drift_forecast}, fit=recording
    )
    assert calls == [
        ("s:a", 2020, "naive", 2020),
        ("s:a", 2020, "drift", 2020),
        ("s:a", 2021, "naive", 2021),
        ("s:a", 2021, "drift", 2021),
    ]
    assert len(out) == 2 * 3  # per method: 2 checks from 2020, 1 from 2021


def test_combinations_are_the_median_and_mean_of_naive_theta_and_prophet_on_shared_checks():
    rows = [
        ("s:a", "naive", 1, 10, 12, 9, 13, 1.0),
        ("s:a", "theta", 1, 10, 14, 8, 16, 1.0),
        ("s:a", "prophet", 1, 10, 19, 18, 20, 1.0),
        ("s:a", "naive", 2, 10, 12, 9, 13, 1.0),
    ]
    out = bd.add_combinations(_forecasts(rows))
    median = out[out["method"] == "median"]
    assert len(median) == 1  # horizon 2 lacks Theta and Prophet: not combined
    assert median[["forecast", "lower", "upper"]].iloc[0].tolist() == [14.0, 9.0, 16.0]
    assert median["scaled_error"].iloc[0] == pytest.approx(4.0)
    assert out.loc[out["method"] == "mean", "forecast"].iloc[0] == pytest.approx(15.0)


def test_conformal_quantile_takes_the_rank_that_guarantees_the_coverage():
    assert bd.conformal_quantile(range(1, 10), 0.8) == 8  # n = 9: the ceil(10 x 0.8) = 8th smallest
    assert bd.conformal_quantile([3.0, 1.0, 2.0, 4.0], 0.8) == 4.0  # n = 4: rank 4
    assert np.isnan(bd.conformal_quantile([1.0, 2.0, 3.0], 0.8))  # rank 4 of 3: too few errors
    assert bd.conformal_quantile([1.0, float("nan"), 2.0, 3.0, 4.0], 0.8) == 4.0  # NaN is no error


def _checks(rows) -> pd.DataFrame:
    """Rows (method, origin, horizon, scaled_error) -> one family's checks (scale 1, actual 10)."""
    frame = pd.DataFrame(rows, columns=["method", "origin", "horizon", "scaled_error"])
    frame["series_id"], frame["family"], frame["year"] = "s:a", "staff", frame["origin"] + frame["horizon"]
    frame["actual"], frame["scale"] = 10.0, 1.0
    frame["forecast"] = 10.0 + frame["scaled_error"]
    frame["lower"], frame["upper"] = frame["forecast"] - 0.5, frame["forecast"] + 0.5
    return frame[bt.FORECAST_COLUMNS]


def test_a_candidate_beats_the_prior_only_when_its_paired_errors_are_lower_beyond_chance():
    # theta below the median on every paired check: one-sided exact Wilcoxon p = 1 / 2^n
    five = _checks(
        [
            (m, 2015 + i, 1, e)
            for i, d in enumerate([0.9, 0.8, 0.7, 0.6, 0.5])
            for m, e in (("median", 1.0), ("theta", 1.0 - d))
        ]
    )
    tests = bd.switch_tests(five, ["naive", "theta", "median"]).set_index("method")
    assert tests.loc["theta", "pairs"] == 5 and tests.loc["theta", "p"] == pytest.approx(1 / 32)
    assert tests.loc["theta", "better"] and "naive" not in tests.index  # naive forecast nothing known
    four = five[five["origin"] < 2019]  # p = 1/16 > 0.05: may be chance
    assert not bd.switch_tests(four, ["theta", "median"]).set_index("method").loc["theta", "better"]
    # two candidates each 1/32: Holm doubles the smaller p-value, 1/16, so neither is taken
    both = pd.concat([five, five[five["method"] == "theta"].assign(method="naive")])
    tests = bd.switch_tests(both, ["naive", "theta", "median"]).set_index("method")
    assert tests["p_holm"].tolist() == pytest.approx([1 / 16, 1 / 16]) and not tests["better"].any()


def test_choice_keeps_the_prior_without_evidence_and_takes_the_best_of_the_proven_ones():
    rows = [
        (m, 2015 + i, 1, e)
        for i in range(6)
        for m, e in (("median", 1.0), ("theta", 0.5 + i / 100), ("naive", 0.2 + i / 100), ("drift", 0.9))
    ]
    known = _checks(rows)
    # all three lower on all six checks: p = 1/64 each, Holm x3 = 0.047; of the three, naive's mean is lowest
    choice = bd.choose(known, ["naive", "drift", "theta", "median"])
    assert (choice["chosen"], choice["basis"]) == ("naive", "evidence")  # lowest mean of the proven
    assert choice["p_holm"] < bd.SWITCH_ALPHA and choice["checks"] == 6 and choice["candidates"] == 3
    one = bd.choose(known[known["origin"] == 2015], ["naive", "theta", "median"])
    assert (one["chosen"], one["basis"]) == (bd.PRIOR, "prior") and np.isnan(one["p_holm"])
    none = bd.choose(known.iloc[0:0], ["naive", "median"])
    assert (none["chosen"], none["basis"]) == (bd.PRIOR, "fallback")


def test_default_is_chosen_on_checks_known_at_each_origin_only():
    """Theta beats the median up to 2020, then misses: the default follows what was known, never ahead."""
    rows = []
    for i, origin in enumerate(range(2015, 2022)):
        theta = 0.1 * (i + 1) if origin < 2020 else 5.0  # the 2020 forecast of 2021 goes badly
        rows += [("median", origin, 1, 1.0), ("theta", origin, 1, theta)]
    forecasts = _checks(rows)
    default, choices = bd.default_forecasts(forecasts, horizons=1)
    chosen = choices.set_index("origin")["chosen"].to_dict()
    # 2015: nothing known; 2016-2019: one to four better checks (p >= 1/16); 2020: five (p = 1/32);
    # 2021: the sixth known check (theta 5.0) makes theta's mean 1.33 > 1.0: back to the prior
    assert chosen == {
        2015: "median",
        2016: "median",
        2017: "median",
        2018: "median",
        2019: "median",
        2020: "theta",
        2021: "median",
        2022: "median",
    }
    assert choices.set_index("origin").loc[2015, "basis"] == "fallback"
    assert choices.set_index("origin")["drawn"].to_dict()[2022]
    # the 2020 default is theta's forecast, whatever happened after 2020
    at_2020 = default[default["origin"] == 2020]
    assert (
        at_2020["forecast"].tolist()
        == forecasts[(forecasts["method"] == "theta") & (forecasts["origin"] == 2020)]["forecast"].tolist()
    )
    assert sorted(default["origin"]) == list(range(2015, 2022))


def test_default_band_is_the_known_errors_conformal_quantile_times_the_scale():
    rows = [("median", 2016 + i, 1, e) for i, e in enumerate([1.0, 2.0, 3.0, 4.0])]  # known by 2020
    rows += [("median", 2020, 1, 0.0), ("median", 2020, 2, 0.0)]
    default, choices = bd.default_forecasts(_checks(rows), horizons=2)
    row = choices.set_index("origin").loc[2020]
    assert (row["chosen"], row["q_h1"]) == ("median", 4.0) and np.isnan(row["q_h2"])
    at = default[default["origin"] == 2020].set_index("horizon")
    # 1 year: +/- 4 x scale 1; 2 years: nothing measured, so 4 x sqrt(2)
    assert at.loc[1, ["lower", "upper"]].tolist() == pytest.approx([10 - 4, 10 + 4])
    assert at.loc[2, ["lower", "upper"]].tolist() == pytest.approx([10 - 4 * math.sqrt(2), 10 + 4 * math.sqrt(2)])


def test_pooled_scores_the_default_on_the_same_checks_and_gives_it_no_series_won():
    rows = [("s:a", "naive", 1, 10, 12, 9, 13, 1.0), ("s:a", "default", 1, 10, 11, 9, 12, 1.0)]
    table = bt.pooled(_forecasts(rows), pd.DataFrame({"winner": ["naive"]}), ("naive", "default")).set_index("method")
    assert table.loc["default", "mase_all"] == 1.0 and table.loc["default", "checks"] == 1
    assert table.loc["naive", "series_won"] == 1 and np.isnan(table.loc["default", "series_won"])
    by_family = bd.family_pooled(_forecasts(rows), ("naive", "default")).set_index("method")
    assert by_family.loc["naive", "mase_all"] == 2.0 and by_family.loc["default", "hits"] == 1


def test_winners_carry_the_default_lines_score_without_letting_it_compete():
    rows = [
        ("s:a", m, 1, 10, 10 + e, 0, 20, 1.0) for m, e in (("naive", 2), ("drift", 3), ("theta", 3), ("prophet", 4))
    ]
    rows.append(("s:a", "default", 1, 10, 10.5, 10.2, 10.4, 1.0))  # best score, but its band misses
    table = bt.winners(_forecasts(rows), _overview(["s:a"])).set_index("series_id")
    assert table.loc["s:a", "winner"] == "naive" and table.loc["s:a", "mase_default"] == 0.5
    assert (table.loc["s:a", "default_hits"], table.loc["s:a", "default_checks"]) == (0, 1)
