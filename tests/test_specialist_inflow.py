"""Specialist inflow: the derivation from Tabell 6, the required-inflow identity, supply, and the pipeline lag."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from imaging_plan.planning import assumptions, physicians, recruitment
from imaging_plan.forecasting import default_lines
from imaging_plan.charts import inflow as inflow_charts
from imaging_plan.planning.assumptions import ASSUMPTIONS
from imaging_plan.planning import specialist_inflow as si
from imaging_plan.data.inputs import load_optional
from imaging_plan.data.schemas import InputDataError


def _hist(specialists: float, residents: float, years=range(2020, 2026), specialty="radiology"):
    """Return `histories` of a small FTE table: the same consultants and residents every year."""
    rows = []
    for year in years:
        rows.append((year, specialty, "consultant", specialists))
        rows.append((year, specialty, "resident", residents))
    return physicians.histories(pd.DataFrame(rows, columns=["year", "specialty", "category", "fte"]))


@pytest.fixture(scope="module")
def shipped(shipped_ftes):
    return physicians.histories(shipped_ftes)


def _scenario(**overrides):
    base = dict(
        horizon=2040,
        exit_rate_pct=0.0,
        training_years=5,
        resident_growth_pct=0.0,
        region_share_pct=50.0,
        approvals_radiology=70,
        approvals_radiology_spread=10,
        approvals_nuclear_medicine=3.0,
    )
    return {**base, **overrides}


def _need(hist, scenario, growth_pct=0.0):
    """Return a physician need that grows at `growth_pct` from the base year's FTEs (the shape of physician_need)."""
    frames = []
    for specialty, history in hist.items():
        base = int(history.index.max())
        years = np.arange(base, int(scenario["horizon"]) + 1)
        frames.append(
            pd.DataFrame(
                {
                    "specialty": specialty,
                    "year": years,
                    "need": float(history.loc[base].sum()) * (1 + growth_pct / 100) ** (years - base),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def shipped_need(shipped_tables):
    scenario = assumptions.defaults(shipped_tables)
    return scenario, physicians.physician_need(shipped_tables, scenario)


# --- the inflow derived from Tabell 6 -------------------------------------------------------------


def test_derived_inflow_by_hand_from_tabell_6(shipped):
    inflow = si.derived_inflow(shipped, 3.3).set_index(["specialty", "year"])
    # Radiology specialists (consultant + specialist + acting consultant): 2015 343+0+1 = 344,
    # 2016 379+1+1 = 381: 381 - 344 + 0.033 x 344 = 48.352.
    assert inflow.loc[("radiology", 2016), "specialists"] == 381
    assert inflow.loc[("radiology", 2016), "inflow"] == pytest.approx(37 + 0.033 * 344)
    # 2025: 510+10+9 = 529 after 504+7+10 = 521: 8 + 0.033 x 521.
    assert inflow.loc[("radiology", 2025), "inflow"] == pytest.approx(8 + 0.033 * 521)
    # Nuclear medicine 2019: 29+1+0 = 30 after 24: 6 + 0.033 x 24.
    assert inflow.loc[("nuclear_medicine", 2019), "inflow"] == pytest.approx(6 + 0.033 * 24)
    first = inflow.reset_index().groupby("specialty")["year"].agg(["min", "max", "count"])
    assert (first["min"] == 2016).all() and (first["max"] == 2025).all() and (first["count"] == 10).all()


def test_negative_derived_inflow_is_kept_not_clipped(shipped):
    inflow = si.derived_inflow(shipped, 3.3).set_index(["specialty", "year"])["inflow"]
    # Nuclear medicine consultants fell from 29 (2022) to 26 (2023), by more than 0.033 x 29 exits.
    assert inflow[("nuclear_medicine", 2023)] == pytest.approx(-3 + 0.033 * 29)
    assert inflow[("nuclear_medicine", 2023)] < 0
    negative = sorted(y for (s, y), v in inflow.items() if s == "nuclear_medicine" and v < 0)
    assert negative == [2021, 2022, 2023]


def test_a_missing_year_gives_no_inflow_for_the_year_after_it():
    hist = _hist(100, 10, years=[2020, 2021, 2023, 2024])
    inflow = si.derived_inflow(hist, 5.0)
    assert list(inflow["year"]) == [2021, 2024]  # 2022 has no data, 2023 has no previous year
    assert inflow["inflow"].tolist() == pytest.approx([5.0, 5.0])


def test_inflow_parts_add_up_to_the_inflow_at_any_exit_rate(shipped):
    parts = si.inflow_parts(shipped).pivot(index=["specialty", "year"], columns="part", values="value")
    inflow = si.derived_inflow(shipped, 4.0).set_index(["specialty", "year"])["inflow"]
    previous = parts["specialists"].groupby(level=0).shift(1)
    rebuilt = (parts["growth"] + 0.04 * previous).dropna()
    pd.testing.assert_series_equal(rebuilt.sort_index(), inflow.sort_index(), check_names=False)


def test_forecast_inflow_adds_growth_and_exits_of_the_year_before():
    parts = pd.DataFrame(
        [
            ("radiology", "growth", 2026, None, 10.0, 8.0, 12.0),
            ("radiology", "specialists", 2025, 200.0, 200.0, 190.0, 210.0),
            ("radiology", "specialists", 2026, None, 210.0, 195.0, 225.0),
        ],
        columns=["specialty", "part", "year", "value", "trend", "trend_lower", "trend_upper"],
    )
    out = si.forecast_inflow(parts, 5.0)
    assert out["year"].tolist() == [2026]  # 2027 has no growth trend
    row = out.iloc[0]
    assert (row["trend"], row["trend_lower"], row["trend_upper"]) == pytest.approx((20.0, 17.5, 22.5))
    assert si.forecast_inflow(None, 5.0).empty


# --- the required inflow ---------------------------------------------------------------------------


def test_required_inflow_is_zero_without_growth_and_exits():
    plan = si.required_inflow(_hist(100, 25), _need(_hist(100, 25), _scenario()), _scenario())
    assert np.allclose(plan["required"], 0)
    assert plan["year"].min() == 2026 and plan["year"].max() == 2040


def test_required_inflow_without_growth_replaces_the_exits():
    # 100 specialists of 125 physicians: specialist need 100, 5 %/year leave, 5 must come each year.
    plan = si.required_inflow(_hist(100, 25), _need(_hist(100, 25), _scenario()), _scenario(exit_rate_pct=5.0))
    assert np.allclose(plan["specialist_need"], 100) and np.allclose(plan["required"], 5)


def test_required_inflow_with_growth_and_no_exits_is_the_growth_of_the_need():
    plan = si.required_inflow(_hist(100, 25), _need(_hist(100, 25), _scenario(), 3.0), _scenario()).set_index("year")
    assert plan.loc[2026, "specialist_need"] == pytest.approx(103)
    assert plan.loc[2026, "required"] == pytest.approx(3)
    assert plan.loc[2027, "required"] == pytest.approx(103 * 0.03)


def test_specialist_need_is_the_physician_need_at_the_base_year_mix(shipped, shipped_need):
    # Radiology 2025: 529 specialists of 654 physician FTEs.
    assert si.specialist_share(shipped["radiology"]) == pytest.approx(529 / 654)
    scenario, need = shipped_need
    plan = si.required_inflow(shipped, need, scenario).set_index(["specialty", "year"])
    physician_need = need.set_index(["specialty", "year"])["need"]
    assert plan.loc[("radiology", 2026), "specialist_need"] == pytest.approx(
        physician_need[("radiology", 2026)] * 529 / 654
    )


# --- national approvals and the shortfall ------------------------------------------------------------


def test_range_assumption_gives_the_region_its_share_with_the_plans_band():
    years = pd.DataFrame({"specialty": ["radiology", "nuclear_medicine"], "year": [2030, 2030]})
    supply = si.approvals_supply(_scenario(region_share_pct=56.0), years).set_index("specialty")
    rad, nm = supply.loc["radiology"], supply.loc["nuclear_medicine"]
    assert (rad["supply"], rad["supply_lower"], rad["supply_upper"]) == pytest.approx((39.2, 33.6, 44.8))
    assert nm["supply"] == pytest.approx(3 * 0.56) and nm["supply_lower"] == nm["supply_upper"] == nm["supply"]
    assert set(supply["supply_basis"]) == {"range"}


def test_a_stored_national_trend_replaces_the_range_for_its_specialty_only():
    years = pd.DataFrame({"specialty": ["radiology", "nuclear_medicine"], "year": [2030, 2030]})
    trend = pd.DataFrame(
        {
            "specialty": ["radiology"],
            "year": [2030],
            "approvals": [None],
            "trend": [90.0],
            "trend_lower": [80.0],
            "trend_upper": [100.0],
        }
    )
    supply = si.approvals_supply(_scenario(), years, trend).set_index("specialty")
    assert supply.loc["radiology", "supply_basis"] == "file"
    assert supply.loc["radiology", ["supply", "supply_lower", "supply_upper"]].tolist() == [45.0, 40.0, 50.0]
    assert supply.loc["nuclear_medicine", "supply_basis"] == "range"


def test_shortfalls_are_required_minus_each_line_and_cumulate():
    hist = _hist(100, 25)
    scenario = _scenario(exit_rate_pct=5.0, horizon=2030, region_share_pct=5.0)
    parts = pd.DataFrame(
        [("radiology", "growth", y, None, 1.0, 0.0, 2.0) for y in range(2026, 2031)]
        + [("radiology", "specialists", y, None, 100.0, 90.0, 110.0) for y in range(2025, 2031)],
        columns=["specialty", "part", "year", "value", "trend", "trend_lower", "trend_upper"],
    )
    plan = si.inflow_plan(hist, _need(hist, scenario), scenario, parts)
    # required 5 a year; trend 1 + 0.05 x 100 = 6; supply 70 x 5 % = 3.5.
    assert np.allclose(plan["shortfall_trend"], -1) and np.allclose(plan["shortfall_supply"], 1.5)
    assert plan["cum_shortfall_trend"].tolist() == pytest.approx([-1, -2, -3, -4, -5])
    assert plan["cum_shortfall_supply"].iloc[-1] == pytest.approx(7.5)


def test_without_a_trend_the_rest_of_the_plan_is_complete(shipped, shipped_need):
    scenario, need = shipped_need
    plan = si.inflow_plan(shipped, need, scenario)
    assert plan["trend"].isna().all() and plan["cum_shortfall_trend"].isna().all()
    assert plan[["required", "supply", "cum_shortfall_supply"]].notna().all().all()


def test_nuclear_medicine_default_is_the_regions_inflow_over_its_share(shipped):
    # Nuclear medicine specialists 24 (2015) -> 31 (2025); S(t-1) summed over 2016-2025 is 274.
    expected = (31 - 24 + 0.033 * 274) / 10 / 0.56
    derived = si.approvals_from_region(
        shipped, "nuclear_medicine", ASSUMPTIONS["exit_rate_pct"].default, ASSUMPTIONS["region_share_pct"].default
    )
    assert derived == pytest.approx(expected)
    nm = ASSUMPTIONS["approvals_nuclear_medicine"]
    assert nm.default == round(derived / nm.step) * nm.step == 3.0  # the registry's literal, reasoned
    # The same method on radiology (344 -> 529, S(t-1) summed 4455) lands at the plan's 60-80 low end.
    radiology = si.approvals_from_region(shipped, "radiology", 3.3, 56.0)
    assert radiology == pytest.approx((529 - 344 + 0.033 * 4455) / 10 / 0.56)
    assert 55 < radiology < 65


# --- the resident pipeline ----------------------------------------------------------------------------


def test_pipeline_lag_needs_training_years_times_the_inflow_due_that_many_years_later():
    hist = _hist(100, 25)
    scenario = _scenario(exit_rate_pct=5.0, training_years=4, horizon=2035)
    plan = si.inflow_plan(hist, _need(hist, scenario, 3.0), scenario)
    pipe = si.resident_pipeline(hist, plan, scenario).set_index("year")
    required = plan.set_index("year")["required"]
    assert pipe.index.min() == 2025 and pipe.index.max() == 2035
    assert pipe.loc[2025, "residents_needed"] == pytest.approx(4 * required[2029])
    assert pipe.loc[2031, "residents_needed"] == pytest.approx(4 * required[2035])
    assert pipe.loc[2032:, "residents_needed"].isna().all()  # they would finish after the horizon
    assert np.allclose(pipe["residents_planned"], 25)
    assert pipe.loc[2025, "posts_gap"] == pytest.approx(4 * required[2029] - 25)


def test_steady_state_posts_close_no_gap():
    # 100 specialists leaving at 5 %/year need 5 new a year: 25 residents over 5 years finish 5 a year.
    hist = _hist(100, 25)
    scenario = _scenario(exit_rate_pct=5.0)
    plan = si.inflow_plan(hist, _need(hist, scenario), scenario)
    pipe = si.resident_pipeline(hist, plan, scenario).dropna()
    assert np.allclose(pipe["residents_needed"], 25) and np.allclose(pipe["posts_gap"], 0)


@pytest.mark.parametrize(
    "base,horizon,training,expected",
    [
        (2025, 2040, 5, (2035, False)),
        (2025, 2031, 5, (2026, False)),
        (2025, 2030, 5, (2025, True)),  # posts were due in the base year, which has passed
        (2025, 2028, 8, (2020, True)),
    ],
)
def test_posts_deadline(base, horizon, training, expected):
    assert si.posts_deadline(base, horizon, training) == expected


def test_summary_reads_the_deadline_and_the_averages(shipped, shipped_need):
    scenario, need = shipped_need
    plan = si.inflow_plan(shipped, need, scenario)
    pipe = si.resident_pipeline(shipped, plan, scenario)
    figures = si.summary(plan, pipe, scenario)
    rad = figures.loc["radiology"]
    own = plan[plan["specialty"] == "radiology"]
    assert rad["required_per_year"] == pytest.approx(own["required"].mean())
    assert rad["deadline_year"] == 2035 and not rad["late"]
    assert rad["residents_today"] == 125  # Tabell 6, radiology LiS 2-3 in 2025
    assert rad["residents_needed_at_deadline"] == pytest.approx(5 * own.set_index("year").loc[2040, "required"])
    assert np.isnan(rad["trend_per_year"])  # no trend given


# --- the national series: bad files and too few points -------------------------------------------------


def _national(folder, text):
    (folder / "specialist_approvals.csv").write_text("year,specialty,approvals,source\n" + text, encoding="utf-8")


def _national_error(folder) -> str:
    with pytest.raises(InputDataError) as err:
        load_optional("specialist_approvals", folder)
    return str(err.value)


def test_absent_national_file_is_no_error(tmp_path):
    assert load_optional("specialist_approvals", tmp_path) == (None, {})


def test_national_gap_names_the_line_after_the_missing_year(tmp_path):
    _national(tmp_path, "2016,radiology,60,x\n2017,radiology,70,x\n2019,radiology,65,x\n")
    message = _national_error(tmp_path)
    assert "specialist_approvals.csv" in message
    assert "line 4 (year 2019, specialty radiology)" in message and "without gaps" in message


def test_national_duplicates_negative_counts_and_empty_source_are_named(tmp_path):
    _national(tmp_path, "2016,radiology,60,x\n2017,radiology,-5,x\n2016,radiology,62,x\n2017,nuclear_medicine,3,\n")
    message = _national_error(tmp_path)
    assert "lines 2, 4: the same (year, specialty)" in message
    assert "line 3, column 'approvals': value '-5.0' must not be negative" in message
    assert "line 5, column 'source' must not be empty" in message


def test_single_national_point_loads_and_is_not_fitted(tmp_path):
    _national(tmp_path, "2024,radiology,72,Helsedirektoratet\n")
    national, hashes = load_optional("specialist_approvals", tmp_path)
    assert len(national) == 1 and set(hashes) == {"specialist_approvals.csv"}
    trend, status = default_lines.approval_trends(national, 2040)  # no Prophet for fewer than 3 points
    assert trend.empty
    status = status.set_index("specialty")
    assert status.loc["radiology", "basis"] == "too_few_points" and status.loc["radiology", "points"] == 1
    assert status.loc["nuclear_medicine", "basis"] == "not_in_file"
    assert set(default_lines.approval_trends(None, 2040)[1]["basis"]) == {"no_file"}


def test_two_years_of_history_are_too_few_for_a_trend():
    trend, status = default_lines.inflow_trends(si.inflow_parts(_hist(100, 20, years=[2024, 2025])), 2040)
    assert trend.empty and not status["fitted"].any()  # no Prophet fit was attempted
    assert status.set_index("part")["points"].to_dict() == {"specialists": 2, "growth": 1}


# --- charts ---------------------------------------------------------------------------------------------


def test_inflow_chart_draws_the_negative_years_and_all_lines(shipped, shipped_need):
    scenario, need = shipped_need
    derived = si.derived_inflow(shipped, 3.3)
    plan = si.inflow_plan(shipped, need, scenario)
    lines = inflow_charts.inflow_lines("nuclear_medicine", derived, plan, "en")
    history = lines[lines["series"] == "Derived inflow (Tabell 6)"].set_index("year")["value"]
    assert history[2023] == pytest.approx(-3 + 0.033 * 29)
    assert set(lines["series"]) == {"Derived inflow (Tabell 6)", "Required inflow", "From national approvals"}
    assert pd.api.types.is_integer_dtype(lines["year"])
    inflow_charts.inflow_chart(lines, None, "en").to_dict()  # validates against the Vega-Lite schema
    radiology = inflow_charts.inflow_lines("radiology", derived, plan, "nb")
    band = radiology[radiology["series"] == "Fra nasjonale godkjenninger"]
    assert band["lower"].notna().all()  # the plan's 60-80 range is drawn as a band


def test_pipeline_and_shortfall_charts_are_valid_specs(shipped, shipped_need):
    scenario, need = shipped_need
    plan = si.inflow_plan(shipped, need, scenario)
    pipe = si.resident_pipeline(shipped, plan, scenario)
    lines = inflow_charts.pipeline_lines("radiology", shipped, pipe, "en")
    assert lines.loc[lines["series"] == "Residents, LiS 2-3 (Tabell 6)", "fte"].iloc[0] == 101  # 2015
    text = str(inflow_charts.pipeline_chart(lines, 2035, False, "en").to_dict())
    assert "posts by 2035" in text
    shortfall = inflow_charts.shortfall_lines(plan, "radiology", "en")
    assert set(shortfall["series"]) == {"Shortfall vs approvals"}  # no trend given: that line is left out
    inflow_charts.shortfall_chart(shortfall, "en").to_dict()


# --- recruitment from outside the region's training ---------------------------------------------------


def test_recruitment_is_the_inflow_less_own_finishers_computed_by_hand_from_tabell_6(shipped_ftes):
    # Independent of the package: specialists S and residents R per year straight from the CSV rows.
    rows = shipped_ftes[shipped_ftes["specialty"] == "radiology"]
    s = rows[rows["category"] != "resident"].groupby("year")["fte"].sum().to_dict()
    r = rows[rows["category"] == "resident"].groupby("year")["fte"].sum().to_dict()
    by_hand = [s[y] - s[y - 1] + 0.033 * s[y - 1] - r[max(y - 5, 2015)] / 5 for y in range(2016, 2026)]
    table = si.recruitment_history(physicians.histories(shipped_ftes), 3.3, 5)
    own = table[table["specialty"] == "radiology"].set_index("year")
    assert own["recruited"].tolist() == pytest.approx(by_hand)
    assert own.loc[2025, "own_finishers"] == pytest.approx(r[2020] / 5)
    # The reading of Tabell 6: about 33 a year came in, about 22 from the region's own residents.
    assert own["inflow"].mean() == pytest.approx(33.2, abs=0.05)
    assert own["own_finishers"].mean() == pytest.approx(22.1, abs=0.05)
    history = physicians.histories(shipped_ftes)["radiology"]
    assert recruitment.calibrated_fte(history, 10, 3.3, 5) == pytest.approx(np.mean(by_hand))
    assert recruitment.calibrated_fte(history, 3, 3.3, 5) == pytest.approx(np.mean(by_hand[-3:]))


def test_recruitment_is_zero_when_own_residents_explain_the_growth():
    # 100 specialists leaving at 5 % (5 a year) replaced by 25 residents / 5 years: nothing from outside.
    hist = _hist(100, 25)
    assert recruitment.calibrated_fte(hist["radiology"], 10, 5.0, 5) == pytest.approx(0)
    # Ten more specialists a year than the own residents give: 10 recruited a year.
    growing = physicians.histories(
        pd.DataFrame(
            [(y, "radiology", "consultant", 100 + 10 * (y - 2020)) for y in range(2020, 2026)]
            + [(y, "radiology", "resident", 0) for y in range(2020, 2026)],
            columns=["year", "specialty", "category", "fte"],
        )
    )
    assert recruitment.calibrated_fte(growing["radiology"], 10, 0.0, 5) == pytest.approx(10)
