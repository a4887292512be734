"""Staffing: the flow identity, rising turnover, the trend anchoring, Tabell 7's gaps, and the turnover flags."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from imaging_plan import paths
from imaging_plan.planning import assumptions, staffing, staffing_turnover
from imaging_plan.data import codes
from imaging_plan.forecasting import default_lines
from imaging_plan.data.inputs import load_table

GROUPS = ("general", "staff", "staff_trusts")


@pytest.fixture(scope="module")
def shipped_staff():
    """Tabell 7 as shipped in data/staff_ftes.csv."""
    return load_table("staff_ftes", paths.DATA_DIR)


def _scenario(**values):
    return assumptions.resolve(values, {}, GROUPS)


def _one_series(fte_2025=100.0, trust="OUS", role="radiographer"):
    return pd.DataFrame({"year": [2024, 2025], "trust": trust, "role": role, "fte": [95.0, fte_2025]})


# --- The flow identity, by hand -------------------------------------------------------------------


def test_hires_are_leavers_plus_change_on_a_hand_case():
    # 100 FTEs grow 10 %/year; turnover 5 % regional + 1 point at OUS = 6 %.
    scenario = _scenario(
        horizon=2027,
        staff_follow_trend=0,
        staff_target_growth_pct=10.0,
        turnover_radiographer_pct=5.0,
        turnover_ous_pp=1.0,
    )
    plan = staffing.staff_plan(_one_series(), None, scenario).set_index("year")
    # 2026: 100 -> 110, average 105, leavers 6 % x 105 = 6.3, hires 6.3 + 10 = 16.3
    # 2027: 110 -> 121, average 115.5, leavers 6.93, hires 6.93 + 11 = 17.93
    assert plan.loc[2026, "fte"] == pytest.approx(110)
    assert plan.loc[2026, "leavers"] == pytest.approx(6.3)
    assert plan.loc[2026, "hires_needed"] == pytest.approx(16.3)
    assert plan.loc[2027, "leavers"] == pytest.approx(6.93)
    assert plan.loc[2027, "hires_needed"] == pytest.approx(17.93)
    assert plan.loc[2027, "cumulative_hires"] == pytest.approx(16.3 + 17.93)
    assert plan.loc[2026, "hires_share_pct"] == pytest.approx(100 * 16.3 / 105)
    assert (plan["turnover_pct"] == 6.0).all() and (plan["method"] == "target_growth").all()
    assert list(plan.index) == [2026, 2027]  # the base year has no flows


def test_planned_cut_beyond_leavers_is_excess_not_negative_hires():
    # 100 FTEs shrink 5 %: 95, average 97.5, leavers 2 % = 1.95; change -5 -> hires 0, excess 3.05.
    scenario = _scenario(
        horizon=2026, staff_follow_trend=0, staff_target_growth_pct=-5.0, turnover_radiographer_pct=2.0
    )
    row = staffing.staff_plan(_one_series(), None, scenario).iloc[0]
    assert row["hires_needed"] == 0 and row["excess"] == pytest.approx(3.05)
    assert row["hires_needed"] - row["excess"] == pytest.approx(row["leavers"] + row["change"])


def test_identity_holds_on_every_row_of_the_shipped_plan(shipped_staff):
    plan = staffing.staff_plan(
        shipped_staff, None, _scenario(turnover_rise_pp=0.7, staff_follow_trend=0, staff_target_growth_pct=-2.0)
    )
    net = plan["hires_needed"] - plan["excess"]
    assert np.allclose(net, plan["leavers"] + plan["change"])
    assert (plan[["hires_needed", "excess", "leavers"]] >= 0).all().all()


# --- Rising turnover ------------------------------------------------------------------------------


def test_rising_turnover_adds_its_points_each_year_after_the_base_year():
    scenario = _scenario(
        turnover_radiographer_pct=5.1, turnover_secretary_pct=3.0, turnover_rise_pp=0.5, turnover_sthf_pp=2.0
    )
    rates = staffing.turnover_rates(
        np.array(["radiographer", "secretary"]), np.array(["OUS", "STHF"]), np.array([2026, 2030]), scenario, base=2025
    )
    assert rates[0] == pytest.approx([5.6, 7.6])  # 5.1 + 0.5 x 1, 5.1 + 0.5 x 5
    assert rates[1] == pytest.approx([3.0 + 2.0 + 0.5, 3.0 + 2.0 + 2.5])  # STHF's own 2 points too


def test_turnover_is_kept_within_0_and_100_percent():
    scenario = _scenario(turnover_radiographer_pct=1.0, turnover_ous_pp=-5.0)
    rates = staffing.turnover_rates(
        np.array(["radiographer"]), np.array(["OUS"]), np.array([2026]), scenario, base=2025
    )
    assert rates[0, 0] == 0.0


def test_a_trust_without_its_own_setting_gets_the_regional_rate():
    scenario = _scenario(turnover_bioengineer_pct=4.0)
    rates = staffing.turnover_rates(np.array(["bioengineer"]), np.array(["DHS"]), np.array([2026]), scenario, base=2025)
    assert rates[0, 0] == 4.0


def test_rising_turnover_raises_leavers_by_the_hand_computed_amount():
    flat = _scenario(horizon=2027, staff_follow_trend=0, turnover_radiographer_pct=5.0)
    rising = {**flat, "turnover_rise_pp": 1.0}
    a = staffing.staff_plan(_one_series(), None, flat).set_index("year")
    b = staffing.staff_plan(_one_series(), None, rising).set_index("year")
    # constant 100 FTEs: leavers 5 and 5 flat; 6 and 7 rising; hires equal leavers (no change)
    assert a["leavers"].tolist() == pytest.approx([5.0, 5.0])
    assert b["leavers"].tolist() == pytest.approx([6.0, 7.0])
    assert b.loc[2027, "cumulative_hires"] == pytest.approx(13.0)


# --- Planned FTEs: the trend, anchored ------------------------------------------------------------


def _trend(years, values, trust="OUS", role="radiographer", method="prophet"):
    values = np.asarray(values, dtype=float)
    return pd.DataFrame(
        {
            "role": role,
            "trust": trust,
            "year": years,
            "fte": np.nan,
            "trend": values,
            "trend_lower": values - 4,
            "trend_upper": values + 4,
            "method": method,
            "last_observed": 2025,
        }
    )


def test_planned_ftes_follow_the_trend_shifted_to_the_printed_base_year():
    trend = _trend([2025, 2026, 2027], [105.0, 110.0, 115.0])
    scenario = _scenario(horizon=2027)
    plan = staffing.planned_ftes(_one_series(100.0), trend, scenario).set_index("year")
    assert plan["fte"].tolist() == [100.0, 105.0, 110.0]  # 100 + (trend - 105)
    assert set(plan["method"]) == {"prophet"}
    band = staffing.anchored_trend(_one_series(100.0), trend, 2027).set_index("year")
    assert band.loc[2026, "trend_lower"] == 101.0 and band.loc[2026, "trend_upper"] == 109.0


def test_anchored_trend_never_goes_below_zero():
    trend = _trend([2025, 2026], [10.0, 2.0])
    plan = staffing.planned_ftes(_one_series(5.0), trend, _scenario(horizon=2026)).set_index("year")
    assert plan.loc[2026, "fte"] == 0.0  # 5 + (2 - 10) = -3, clipped


def test_a_trend_stored_to_an_earlier_year_goes_on_with_its_last_step():
    trend = _trend([2025, 2026, 2027], [100.0, 105.0, 110.0])
    plan = staffing.planned_ftes(_one_series(100.0), trend, _scenario(horizon=2029)).set_index("year")
    assert plan.loc[2028, "fte"] == 115.0 and plan.loc[2029, "fte"] == 120.0


def test_target_growth_replaces_the_trend_when_chosen_or_when_a_series_has_none():
    trend = _trend([2025, 2026], [100.0, 150.0], trust="AHUS")
    ftes = pd.concat([_one_series(100.0, "OUS"), _one_series(100.0, "AHUS")])
    follow = staffing.planned_ftes(ftes, trend, _scenario(horizon=2026, staff_target_growth_pct=2.0))
    at = follow[follow["year"] == 2026].set_index("trust")
    assert at.loc["AHUS", "fte"] == 150.0 and at.loc["AHUS", "method"] == "prophet"
    assert at.loc["OUS", "fte"] == pytest.approx(102.0) and at.loc["OUS", "method"] == "target_growth"
    off = staffing.planned_ftes(ftes, trend, _scenario(horizon=2026, staff_follow_trend=0, staff_target_growth_pct=2.0))
    assert off.loc[off["year"] == 2026, "fte"].tolist() == pytest.approx([102.0, 102.0])


# --- Tabell 7's gaps: never filled --------------------------------------------------------------


def test_series_status_names_the_gaps_of_tabell_7(shipped_staff):
    status = staffing.series_status(shipped_staff).set_index(["role", "trust"])
    assert status.loc[("bioengineer", "VVHF"), "status"] == "ends_early"
    assert status.loc[("bioengineer", "VVHF"), "last_year"] == 2022
    assert status.loc[("bioengineer", "STHF"), "status"] == "no_data"
    assert (status.drop([("bioengineer", "VVHF"), ("bioengineer", "STHF")])["status"] == "complete").all()


def test_regional_totals_leave_incomplete_series_out_rather_than_count_them_as_zero(shipped_staff):
    total = staffing.regional_history(shipped_staff).set_index(["role", "year"])["fte"]
    # Tabell 7 bioengineers without VVHF (blank after 2022) and STHF (no row):
    # 2015: AHUS 14 + OUS 18 + SIHF 2 + SIV 5 + SOHF 9 + SSHF 2 = 50; 2025: 5 + 11 + 1 + 1 + 3 + 2 = 23
    assert total[("bioengineer", 2015)] == 50 and total[("bioengineer", 2025)] == 23
    # radiographers, all eight trusts: 1,081 in 2015 and 1,316 in 2025
    assert total[("radiographer", 2015)] == 1081 and total[("radiographer", 2025)] == 1316


def test_only_series_with_a_base_year_figure_are_planned(shipped_staff):
    plan = staffing.staff_plan(shipped_staff, None, _scenario())
    planned = set(zip(plan["role"], plan["trust"]))
    assert ("bioengineer", "VVHF") not in planned and ("bioengineer", "STHF") not in planned
    assert len(planned) == 8 * 3 - 2
    assert plan.groupby(["role", "trust"]).size().eq(2040 - 2025).all()


def test_plan_totals_sum_the_complete_series_and_recompute_rates(shipped_staff):
    plan = staffing.staff_plan(shipped_staff, None, _scenario(staff_follow_trend=0))
    totals = staffing.plan_totals(plan, staffing.series_status(shipped_staff))
    first = totals[(totals["role"] == "radiographer") & (totals["year"] == 2026)].iloc[0]
    assert first["fte"] == 1316 and first["leavers"] == pytest.approx(0.051 * 1316)
    assert first["turnover_pct"] == pytest.approx(5.1)


# --- Trends: Prophet or a stated simpler method ---------------------------------------------------


def test_short_series_get_drift_or_last_value_and_say_so():
    history = pd.DataFrame(
        {
            "role": "radiographer",
            "trust": ["A"] * 3 + ["B"],
            "year": [2021, 2023, 2025, 2025],
            "fte": [10.0, 12.0, 16.0, 7.0],
        }
    )
    trends = default_lines.series_trends(history, ["role", "trust"], "fte", 2027, min_prophet_points=5)
    a = trends[trends["trust"] == "A"].set_index("year")
    b = trends[trends["trust"] == "B"].set_index("year")
    assert set(a["method"]) == {"drift"} and set(b["method"]) == {"last_value"}
    # drift: (16 - 10) / (2025 - 2021) = 1.5 a year from the last point
    assert a.loc[2027, "trend"] == pytest.approx(19.0) and a.loc[2021, "trend"] == pytest.approx(10.0)
    assert (a["trend_lower"] == a["trend"]).all()  # no interval without Prophet
    assert b.loc[2027, "trend"] == 7.0
    assert a["last_observed"].iloc[0] == 2025 and pd.isna(a.loc[2022, "fte"])


def test_drift_never_goes_below_zero():
    trend, method = default_lines.simple_trend(pd.DataFrame({"year": [2024, 2025], "value": [3.0, 1.0]}), 2028)
    assert method == "drift" and trend.set_index("year").loc[2027, "trend"] == 0.0


def test_trend_input_holds_every_observed_trust_series_and_the_regional_totals(shipped_staff):
    series = staffing.trend_input(shipped_staff)
    assert series["fte"].notna().all()
    assert set(series.loc[series["trust"] == codes.REGION, "role"]) == set(shipped_staff["role"])
    vvhf = series[(series["trust"] == "VVHF") & (series["role"] == "bioengineer")]
    assert vvhf["year"].max() == 2022


# --- Turnover history and the flags ---------------------------------------------------------------


def _history(rates_by_trust: dict, staff: float = 400.0) -> pd.DataFrame:
    rows = []
    for trust, rates in rates_by_trust.items():
        for i, rate in enumerate(rates):
            rows.append(
                {
                    "year": 2016 + i,
                    "trust": trust,
                    "role": "radiographer",
                    "leavers": rate / 100 * staff,
                    "hires": 0.0,
                    "avg_ftes": staff,
                    "headcount": np.nan,
                    "source": "test",
                }
            )
    return staffing_turnover.turnover_history(pd.DataFrame(rows))


def test_a_series_made_to_rise_is_flagged_and_a_flat_one_is_not():
    history = _history({"FLAT": [5] * 10, "RISE": [5, 5, 5, 5, 5, 6, 7, 8, 9, 10]})
    flags = staffing_turnover.turnover_flags(history, threshold_pp=0.5).set_index("trust")
    assert not flags.loc["FLAT", "flag"]
    assert flags.loc["RISE", "flag"] and flags.loc["RISE", "rising"] and flags.loc["RISE", "significant"]
    assert flags.loc["FLAT", "slope_pp"] == pytest.approx(0.0)
    assert flags.loc["RISE", "slope_pp"] == pytest.approx(1.0)  # 6, 7, 8, 9, 10 % over the last five years
    # earlier years pooled: (5 x 5 + 6 + 7 + 8 + 9) / 9 = 55 / 9 % of 400 staff = 24.4 expected; 40 seen
    assert flags.loc["RISE", "history_pct"] == pytest.approx(55 / 9)
    assert flags.loc["RISE", "expected_leavers"] == pytest.approx(55 / 9 * 4)


def test_the_threshold_decides_the_trend_flag():
    history = _history({"RISE": [5, 5, 5, 5, 5, 6, 7, 8, 9, 10]})
    flags = staffing_turnover.turnover_flags(history, threshold_pp=1.5).iloc[0]
    assert not flags["rising"]  # slope 1.0 point a year, below 1.5


def test_a_small_group_is_not_flagged_on_noise():
    # 5 staff: one leaver is 20 points; 0, 1, 0, 1, 1 leavers are noise, not a trend.
    history = _history({"SMALL": [0, 0, 20, 0, 0, 20, 0, 20, 20]}, staff=5.0)
    flags = staffing_turnover.turnover_flags(history, threshold_pp=0.5).iloc[0]
    assert not flags["rising"] and "few_leavers_for_trend" in flags["note"]


def test_poisson_tail_by_hand():
    # P(X >= 2 | 0.5) = 1 - e^-0.5 (1 + 0.5)
    assert staffing_turnover.poisson_sf(2, 0.5) == pytest.approx(1 - math.exp(-0.5) * 1.5)
    assert staffing_turnover.poisson_sf(0, 3.0) == 1.0 and staffing_turnover.poisson_sf(1, 0.0) == 0.0


def _tail_in_logs(k: int, lam: float) -> float:
    """P(X >= k) summed term by term in logs (no exp(-lam) that underflows), far past the mode."""
    return sum(math.exp(i * math.log(lam) - lam - math.lgamma(i + 1)) for i in range(k, k + 3000))


@pytest.mark.parametrize("k, lam", [(800, 750.0), (1100, 1000.0), (760, 800.0)])
def test_poisson_tail_for_a_large_expected_count(k, lam):
    # A large trust: hundreds of expected leavers, where exp(-lam) underflows to 0 in floating point
    # (the hand-rolled sum from P(X = 0) returned p = 1 here).
    expected = _tail_in_logs(k, lam)
    assert staffing_turnover.poisson_sf(k, lam) == pytest.approx(expected, rel=1e-6)
    # Normal approximation by hand: z = (k - lam) / sqrt(lam) = 1.8, 3.2, -1.4.
    assert (staffing_turnover.poisson_sf(k, lam) < 0.05) == (k > lam)


def test_turnover_uses_headcount_where_given_else_average_ftes():
    hr = pd.DataFrame(
        {
            "year": [2024, 2025],
            "trust": "OUS",
            "role": "radiographer",
            "leavers": [10.0, 10.0],
            "hires": [12.0, 8.0],
            "avg_ftes": [80.0, 100.0],
            "headcount": [125.0, np.nan],
            "source": [None, "x"],
        }
    )
    history = staffing_turnover.turnover_history(hr).set_index("year")
    assert history.loc[2024, "turnover_pct"] == 8.0 and history.loc[2024, "staff_basis"] == "headcount"
    assert history.loc[2025, "turnover_pct"] == 10.0 and history.loc[2025, "staff_basis"] == "avg_ftes"
    assert history.loc[2024, "hires_pct"] == pytest.approx(9.6)


def test_no_hr_file_means_no_turnover_tables():
    assert staffing.turnover_tables(None, 0.5) == {}


# --- Illustrative rows --------------------------------------------------------------------------


def test_shipped_hr_rows_are_the_seeded_illustrative_ones(shipped_staff):
    shipped = (paths.DATA_DIR / "staff_turnover.csv").read_text(encoding="utf-8")
    assert staffing.illustrative_turnover(shipped_staff).to_csv(index=False) == shipped
    table = load_table("staff_turnover", paths.DATA_DIR)
    assert table["source"].str.startswith("illustrative: generated by imaging_plan.planning.staffing").all()
    assert staffing.is_illustrative(staffing_turnover.turnover_history(table))


def test_illustrative_rows_never_invent_staff_for_tabell_7_blanks(shipped_staff):
    rows = staffing.illustrative_turnover(shipped_staff)
    assert rows[(rows["trust"] == "STHF") & (rows["role"] == "bioengineer")].empty
    vvhf = rows[(rows["trust"] == "VVHF") & (rows["role"] == "bioengineer")]
    assert vvhf["year"].max() == 2022
    assert (rows["leavers"] <= rows["avg_ftes"]).all()


def test_the_trust_overrides_cover_exactly_the_trusts_of_tabell_7(shipped_staff):
    assert set(shipped_staff["trust"]) == set(codes.STAFF_TRUSTS)


def _benjamini_hochberg(p: list[float]) -> list[float]:
    """Adjusted p-values by hand: p_(i) x m / i, made monotone from the largest down, at most 1."""
    m, adjusted, running = len(p), [0.0] * len(p), 1.0
    order = sorted(range(m), key=p.__getitem__)
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * m / rank)
        adjusted[i] = running
    return adjusted


def test_flags_rest_on_benjamini_hochberg_over_both_tests_of_every_series():
    hr = load_table("staff_turnover", paths.DATA_DIR)
    flags = staffing_turnover.turnover_flags(staffing_turnover.turnover_history(hr), threshold_pp=0.5)
    raw = [p for p in list(flags["p_value"]) + list(flags["trend_p_value"]) if p == p]
    by_hand = dict(zip(raw, _benjamini_hochberg(raw)))
    for col, adj in (("p_value", "p_adjusted"), ("trend_p_value", "trend_p_adjusted")):
        tested = flags[flags[col].notna()]
        assert tested[adj].tolist() == pytest.approx([by_hand[p] for p in tested[col]])
        assert flags.loc[flags[col].isna(), adj].isna().all()
    assert flags["significant"].tolist() == (flags["p_adjusted"] < 0.05).tolist()
    assert flags["rising"].tolist() == ((flags["slope_pp"] > 0.5) & (flags["trend_p_adjusted"] < 0.05)).tolist()
    # The correction matters on this file: some series pass 5 % on their own and are not flagged.
    uncorrected = (flags["p_value"] < 0.05) | ((flags["trend_p_value"] < 0.05) & (flags["slope_pp"] > 0.5))
    assert (uncorrected & ~flags["flag"]).sum() >= 1


def test_trend_p_value_is_the_one_sided_normal_tail_of_its_z():
    history = _history({"RISE": [5, 5, 5, 5, 5, 6, 7, 8, 9, 10]})
    row = staffing_turnover.turnover_flags(history, threshold_pp=0.5).iloc[0]
    assert row["trend_p_value"] == pytest.approx(0.5 * math.erfc(row["slope_z"] / math.sqrt(2)))


def test_hires_and_leavers_in_people_divide_the_ftes_by_ftes_per_person():
    # Same hand case as above: 16.3 FTEs hired and 6.3 leaving in 2026; at 0.8 FTE a person that is
    # 16.3 / 0.8 = 20.375 people hired and 7.875 leaving. The default 1.0 keeps people = FTEs.
    scenario = _scenario(
        horizon=2027,
        staff_follow_trend=0,
        staff_target_growth_pct=10.0,
        turnover_radiographer_pct=5.0,
        turnover_ous_pp=1.0,
        fte_per_person_radiographer=0.8,
    )
    row = staffing.staff_plan(_one_series(), None, scenario).set_index("year").loc[2026]
    assert row["hires_people"] == pytest.approx(20.375) and row["leavers_people"] == pytest.approx(7.875)
    default = staffing.staff_plan(_one_series(), None, {**scenario, "fte_per_person_radiographer": 1.0})
    assert np.allclose(default["hires_people"], default["hires_needed"])
    totals = staffing.plan_totals(staffing.staff_plan(_one_series(), None, scenario))
    assert totals["hires_people"].tolist() == pytest.approx(
        (staffing.staff_plan(_one_series(), None, scenario)["hires_needed"] / 0.8).tolist()
    )
