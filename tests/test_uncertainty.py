"""The interval on every headline: seeded draws, the tornado's ends, the waterfall's sum, bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from imaging_plan.planning import assumptions, physicians, uncertainty


@pytest.fixture(scope="module")
def scenario(shipped_tables):
    return {**assumptions.defaults(shipped_tables), "population_scenario": "MMMM"}


def test_draws_repeat_with_the_seed_and_differ_without_it(scenario):
    a, b, c = uncertainty.draws(scenario, 1000, 7), uncertainty.draws(scenario, 1000, 7), uncertainty.draws(scenario)
    assert np.array_equal(a.exit_rate_pct, b.exit_rate_pct) and np.array_equal(a.window, b.window)
    assert not np.array_equal(a.exit_rate_pct, c.exit_rate_pct)


def test_each_range_is_the_stated_p10_p90_around_the_scenario(scenario):
    drawn = uncertainty.draws(scenario, 20_000, 1)
    centre, r = scenario["exit_rate_pct"], uncertainty.RANGES["exit_rate_pct"]
    p10, p50, p90 = np.percentile(drawn.exit_rate_pct, [10, 50, 90])
    assert p10 == pytest.approx(centre - r.below, abs=0.03) and p90 == pytest.approx(centre + r.above, abs=0.03)
    assert p50 == pytest.approx(centre, abs=0.03)
    # Clipped at the bound: the AI gain at 0 % never goes below it, and half the draws sit there.
    assert drawn.ai_gain_pct.min() == 0.0 and np.mean(drawn.ai_gain_pct == 0) == pytest.approx(0.5, abs=0.02)
    # Training: the scenario's years or one more, half each.
    assert set(drawn.training_years) == {5, 6} and np.mean(drawn.training_years == 6) == pytest.approx(0.5, abs=0.02)
    # The window: half the draws keep the scenario's, the rest share the other two.
    own = scenario["recruitment_window_years"]
    assert np.mean(drawn.window == own) == pytest.approx(0.5, abs=0.02) and set(drawn.window) == {3, 5, 10}


def test_moving_the_window_moves_the_median(shipped_tables, scenario):
    def median_gap(window):
        values = {**scenario, "recruitment_window_years": window}
        found = uncertainty.gap_interval(shipped_tables, values)
        row = found[(found["specialty"] == "radiology") & (found["year"] == 2040) & (found["measure"] == "gap")]
        return float(row["p50"].iloc[0])

    # A shorter window calibrates on the years that recruited less: a larger gap.
    assert median_gap(3) > median_gap(5) > median_gap(10)


def test_the_tornados_ends_are_the_plan_with_one_assumption_moved(shipped_tables, scenario):
    tornado = uncertainty.sensitivity(shipped_tables, scenario).set_index(["specialty", "assumption"])
    for key in ("exit_rate_pct", "unmet_need_pct", "recruitment_window_years"):
        row = tornado.loc[("radiology", key)]
        for value, gap in ((row["low_value"], row["gap_at_low"]), (row["high_value"], row["gap_at_high"])):
            cast = int(value) if key == "recruitment_window_years" else value
            plan = physicians.physician_plan(shipped_tables, {**scenario, key: cast})
            assert gap == pytest.approx(physicians.gap_at(plan, [2040]).loc["radiology", 2040]), key
    # Radiology's use growth does not move nuclear medicine, and the other way round.
    assert tornado.loc[("nuclear_medicine", "use_growth_pct"), "gap_at_low"] == pytest.approx(
        tornado.loc[("nuclear_medicine", "use_growth_pct"), "gap_at_high"]
    )
    # Sorted by swing within each specialty: the first moves the gap most.
    own = tornado.loc["radiology"]
    swings = (own["gap_at_high"] - own["gap_at_low"]).abs().to_numpy()
    assert (np.diff(swings) <= 1e-9).all()


def test_the_waterfall_adds_up_to_the_need_and_the_supply(shipped_tables, scenario):
    values = {**scenario, "unmet_need_pct": 5.0, "ai_gain_pct": 10.0}
    plan = physicians.physician_plan(shipped_tables, values)
    need = physicians.physician_need(shipped_tables, values)
    steps = uncertainty.waterfall(plan, need, "radiology").set_index("step")["value"]
    at = plan[(plan["specialty"] == "radiology")].set_index("year")
    need_steps = ["base_ftes", "unmet_need", "demography", "use", "ai"]
    supply_steps = ["base_ftes", "exits", "own_finishers", "recruitment", "residents"]
    assert steps[need_steps].sum() == pytest.approx(at.loc[2040, "need"]) == pytest.approx(steps["need"])
    assert steps[supply_steps].sum() == pytest.approx(at.loc[2040, "supply"]) == pytest.approx(steps["supply"])
    assert steps["unmet_need"] == pytest.approx(0.05 * 654) and steps["ai"] < 0 < steps["demography"]


def test_the_interval_holds_the_scenarios_line_near_its_median(shipped_tables, scenario):
    found = uncertainty.gap_interval(shipped_tables, scenario).set_index(["specialty", "year", "measure"])
    assert (found["p10"] <= found["p50"]).all() and (found["p50"] <= found["p90"]).all()
    plan = physicians.physician_plan(shipped_tables, scenario).set_index(["specialty", "year"])
    # Supply in the base year is known: no spread; later years spread out.
    base = found.loc[("radiology", 2025, "supply")]
    assert base["p10"] == base["p90"] == pytest.approx(plan.loc[("radiology", 2025), "supply"])
    later = found.loc[("radiology", 2040, "supply")]
    assert later["p90"] - later["p10"] > 10


@pytest.mark.parametrize("bad", [10, 999, 100_001, 1000.5, "many", True])
def test_a_bad_number_of_draws_is_refused_naming_the_parameter(scenario, bad):
    with pytest.raises(ValueError, match="parameter 'draws'"):
        uncertainty.draws(scenario, bad)


def test_the_board_decision_is_a_range_with_a_deadline(shipped_tables, scenario):
    result = physicians.simulate(physicians.basis(shipped_tables, scenario), uncertainty.draws(scenario))
    found = uncertainty.lis_decision(result, "radiology")
    assert found["p10"] < found["p50"] < found["p90"] and found["today"] == 125
    # Posts for the horizon must exist a training time before it: 5 or 6 years in the draws.
    assert (found["deadline_first"], found["deadline_last"]) == (2034, 2035)
    # A horizon inside the training time leaves no year to train for: NaN, without a warning.
    short = {**scenario, "horizon": 2029}
    result = physicians.simulate(physicians.basis(shipped_tables, short), uncertainty.draws(short))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        late = uncertainty.lis_decision(result, "radiology")
    assert np.isnan(late["p50"])


def test_headline_table_puts_the_scenario_beside_the_interval(shipped_tables, scenario):
    plan = physicians.physician_plan(shipped_tables, scenario)
    table = uncertainty.headline_table(plan, uncertainty.gap_interval(shipped_tables, scenario), [2030, 2040])
    assert list(table.index.get_level_values("year").unique()) == [2030, 2040]
    row = table.loc[("radiology", 2040)]
    assert row["gap_p10"] <= row["gap_p50"] <= row["gap_p90"]
    assert row["gap"] == pytest.approx(row["specialists_gap"] + row["residents_gap"])
    assert isinstance(table, pd.DataFrame)
