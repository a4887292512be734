"""The physician planning math on small hand cases and on Tabell 6."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from imaging_plan import assumptions, physicians


def _ftes(specialists: float, residents: float, years=range(2020, 2026), specialty="radiology"):
    rows = []
    for year in years:
        rows.append((year, specialty, "consultant", specialists))
        rows.append((year, specialty, "resident", residents))
    return pd.DataFrame(rows, columns=["year", "specialty", "category", "fte"])


def _scenario(**overrides):
    base = dict(horizon=2040, demand_growth_radiology_pct=0.0, demand_growth_nuclear_medicine_pct=0.0,
                ai_gain_pct=0.0, exit_rate_pct=0.0, training_years=5, resident_growth_pct=0.0)
    return {**base, **overrides}


def test_zero_exit_and_no_residents_keep_supply_flat():
    plan = physicians.physician_plan(_ftes(100, 0), _scenario())
    assert np.allclose(plan["supply"], 100)


def test_flat_posts_at_the_steady_state_keep_supply_flat():
    # 100 specialists leaving at 5 %/year lose 5 a year; 25 residents over 5 years finish 5 a year.
    plan = physicians.physician_plan(_ftes(100, 25), _scenario(exit_rate_pct=5.0))
    assert np.allclose(plan["supply"], 125)
    assert np.allclose(plan["exits"].iloc[1:], 5) and np.allclose(plan["completions"].iloc[1:], 5)


def test_zero_exit_with_residents_adds_exactly_the_completions():
    plan = physicians.physician_plan(_ftes(100, 20), _scenario(training_years=4))
    assert np.allclose(np.diff(plan["specialists"]), 20 / 4)


def test_need_grows_at_exactly_the_set_rate():
    plan = physicians.physician_plan(_ftes(100, 20), _scenario(demand_growth_radiology_pct=3.0))
    ratio = plan["need"].to_numpy()[1:] / plan["need"].to_numpy()[:-1]
    assert np.allclose(ratio, 1.03)
    assert plan["need"].iloc[0] == pytest.approx(120)  # base year: today's FTEs


def test_ai_gain_reaches_its_value_at_the_horizon_linearly():
    plan = physicians.physician_plan(_ftes(100, 0), _scenario(ai_gain_pct=20.0, horizon=2035))
    need = plan.set_index("year")["need"]
    assert need[2025] == pytest.approx(100)
    assert need[2030] == pytest.approx(90)   # halfway: half the gain
    assert need[2035] == pytest.approx(80)   # horizon: the full 20 %


def test_resident_posts_grow_as_set():
    plan = physicians.physician_plan(_ftes(100, 20), _scenario(resident_growth_pct=10.0))
    residents = plan.set_index("year")["residents"]
    assert residents[2025] == pytest.approx(20) and residents[2027] == pytest.approx(24.2)


def test_pipeline_lag_uses_the_cohort_that_started_training_years_earlier(shipped_ftes):
    # Tabell 6, radiology LiS 2-3: 2021 = 136, 2022 = 141; training 5 years -> finishing 2026 = 136/5.
    plan = physicians.physician_plan(shipped_ftes, {**assumptions.defaults({"physician_ftes": shipped_ftes}),
                                                    "exit_rate_pct": 0.0})
    rad = plan[plan["specialty"] == "radiology"].set_index("year")
    assert rad.loc[2026, "completions"] == pytest.approx(136 / 5)
    assert rad.loc[2027, "completions"] == pytest.approx(141 / 5)
    assert rad.loc[2031, "completions"] == pytest.approx(125 / 5)  # from then on, today's posts
    # Base year: 9 + 10 + 510 specialist FTEs (acting consultant, specialist, consultant) + 125 residents
    assert rad.loc[2025, "specialists"] == 529 and rad.loc[2025, "supply"] == 654


def test_gap_is_need_minus_supply_and_zero_in_the_base_year(shipped_ftes):
    scenario = assumptions.defaults({"physician_ftes": shipped_ftes})
    plan = physicians.physician_plan(shipped_ftes, scenario)
    assert np.allclose(plan["gap"], plan["need"] - plan["supply"])
    assert np.allclose(plan.loc[plan["year"] == 2025, "gap"], 0)
    assert list(plan["specialty"].unique()) == ["radiology", "nuclear_medicine"]
    assert plan["year"].max() == scenario["horizon"]


def test_headline_gaps_are_read_at_the_asked_years(shipped_ftes):
    plan = physicians.physician_plan(shipped_ftes, assumptions.defaults({"physician_ftes": shipped_ftes}))
    gaps = physicians.gap_at(plan, [2030, 2040])
    row = plan[(plan["specialty"] == "radiology") & (plan["year"] == 2040)]
    assert gaps.loc["radiology", 2040] == pytest.approx(row["gap"].iloc[0])
