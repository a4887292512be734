"""Equipment replacement planning: small hand cases, the shipped register, and the calibration."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from imaging_plan import paths
from imaging_plan.planning import assumptions, equipment, equipment_register, equipment_tables
from imaging_plan.data.inputs import load_inputs, load_table

TABLES = ("equipment_register", "equipment_units", "exams_by_modality")


@pytest.fixture(scope="module")
def shipped():
    return load_inputs(paths.DATA_DIR, TABLES)[0]


@pytest.fixture(scope="module")
def defaults(shipped):
    return assumptions.defaults(shipped)


def _scenario(**overrides):
    """Every equipment assumption at a round value: lifetime 10, upgrade 3, price 1 MNOK, weight 1."""
    base = {"horizon": 2040, "upgrade_years": 3, "replacement_budget_mnok": 100.0, "replacement_age_shape": 5.0}
    for m in equipment.EQUIPMENT_MODALITIES:
        k = equipment.modality_key(m)
        base.update(
            {
                f"lifetime_{k}_years": 10,
                f"price_{k}_mnok": 1.0,
                f"priority_{k}": 1,
                f"growth_{k}_pct": 0.0,
                f"exams_per_hour_{k}": 1.0,
            }
        )
    # 1 exam an hour x 20 h a week x 50 weeks: 1000 exams a unit a year.
    base.update({"opening_hours_week": 20.0, "weeks_per_year": 50})
    return {**base, **overrides}


def _register(rows):
    """rows: (unit_id, modality, install_year, upgrade_year or None, price_nok or None)."""
    return pd.DataFrame(
        [
            {
                "unit_id": u,
                "owner": "OUS",
                "sector": "public",
                "modality": m,
                "install_year": i,
                "upgrade_year": np.nan if up is None else up,
                "price_nok": np.nan if p is None else p,
                "source": "test",
            }
            for u, m, i, up, p in rows
        ]
    )


# --- due years and the unlimited schedule ------------------------------------------------------


def test_a_unit_falls_due_at_exactly_its_lifetime_plus_the_upgrade_years():
    register = _register(
        [
            ("plain", "CT", 2015, None, None),
            ("upgraded", "CT", 2015, 2020, None),  # mid-life upgrade
            ("late", "CT", 2000, 2015, None),  # upgrade after its life ended
            ("ultrasound", "UL", 2015, None, None),
        ]
    )
    fleet = equipment.fleet(register, _scenario(lifetime_ul_years=8, upgrade_years=3))
    due = dict(zip(fleet["unit_id"], fleet["due_year"]))
    assert due == {"plain": 2025, "upgraded": 2028, "late": 2018, "ultrasound": 2023}


def test_schedule_replaces_when_due_and_again_after_the_lifetime():
    register = _register([("a", "MR", 2020, None, None), ("old", "MR", 2005, None, None)])
    fleet = equipment.fleet(register, _scenario(lifetime_mr_years=8))
    events = equipment.replacement_schedule(fleet, 2026, 2045)
    assert events.loc[events["unit_id"] == "a", "year"].tolist() == [2028, 2036, 2044]
    # Overdue since 2013: due in the first plan year, 13 years late; then every 8 years.
    old = events[events["unit_id"] == "old"]
    assert old["year"].tolist() == [2026, 2034, 2042]
    assert old["overdue_years"].tolist() == [13, 0, 0]


def test_register_price_wins_over_the_modality_price():
    fleet = equipment.fleet(
        _register([("a", "MR", 2020, None, 7e6), ("b", "MR", 2020, None, None)]), _scenario(price_mr_mnok=20.0)
    )
    assert fleet["price_nok"].tolist() == [7e6, 20e6]


def test_units_due_counts_every_year_and_group_with_zeros():
    register = _register([("a", "CT", 2017, None, None), ("b", "MR", 2018, None, 2e6)])
    fleet = equipment.fleet(register, _scenario())
    events = equipment.replacement_schedule(fleet, 2026, 2029)
    due = equipment.units_due(events, fleet, ("year", "modality"), 2026, 2029)
    assert len(due) == 8  # 4 years x 2 modalities
    got = due.set_index(["year", "modality"])
    assert got.loc[(2027, "CT"), "units"] == 1 and got.loc[(2028, "MR"), "cost_mnok"] == 2.0
    assert got["units"].sum() == 2


# --- the budget cap --------------------------------------------------------------------------


def test_unlimited_budget_leaves_no_backlog(shipped, defaults):
    fleet = equipment.fleet(shipped["equipment_register"], defaults)
    plan = equipment.replace_under_budget(fleet, 2025, 2040, None)
    assert (plan.yearly["backlog_units"] == 0).all() and (plan.yearly["backlog_mnok"] == 0).all()
    # ... and replaces exactly the unlimited schedule.
    schedule = equipment.replacement_schedule(fleet, 2026, 2040)
    assert len(plan.replaced) == len(schedule)


def test_zero_budget_backlog_grows_by_each_years_due_cost():
    # Prices 1, 2, 4 MNOK; due 2024 (overdue at the start), 2027 and 2029.
    register = _register([("a", "CT", 2014, None, 1e6), ("b", "CT", 2017, None, 2e6), ("c", "CT", 2019, None, 4e6)])
    plan = equipment.replace_under_budget(equipment.fleet(register, _scenario()), 2025, 2030, 0.0)
    backlog = plan.yearly.set_index("year")["backlog_mnok"]
    assert backlog.to_dict() == {2026: 1.0, 2027: 3.0, 2028: 3.0, 2029: 7.0, 2030: 7.0}
    assert np.allclose(np.diff(backlog.to_numpy(), prepend=0), plan.yearly["newly_due_mnok"])
    assert plan.replaced.empty and plan.yearly["oldest_age_years"].iloc[-1] == 2030 - 2014


def test_zero_budget_backlog_on_the_shipped_register(shipped, defaults):
    fleet = equipment.fleet(shipped["equipment_register"], defaults)
    plan = equipment.replace_under_budget(fleet, 2025, 2040, 0.0)
    due_by = [fleet.loc[fleet["due_year"] <= y, "price_nok"].sum() / 1e6 for y in range(2026, 2041)]
    assert np.allclose(plan.yearly["backlog_mnok"], due_by)
    assert np.allclose(plan.yearly["backlog_mnok"].diff().iloc[1:], plan.yearly["newly_due_mnok"].iloc[1:])


def test_priority_most_overdue_first_then_weight_and_the_remainder_saved_for_the_next_in_line():
    # Budget 5 MNOK. c: 3 years overdue (2 MNOK); b and a: 2 years overdue, b (MR, weight 3) before a.
    register = _register([("a", "CT", 2014, None, 4e6), ("b", "MR", 2014, None, 3e6), ("c", "CT", 2013, None, 2e6)])
    scenario = _scenario(priority_mr=3)
    plan = equipment.replace_under_budget(equipment.fleet(register, scenario), 2025, 2027, 5.0)
    replaced = plan.replaced.groupby("year")["unit_id"].apply(list).to_dict()
    assert replaced == {2026: ["b", "c"], 2027: ["a"]}
    yearly = plan.yearly.set_index("year")
    assert yearly.loc[2026, "backlog_mnok"] == 4.0 and yearly.loc[2027, "backlog_units"] == 0
    # With equal weights the cheaper-by-order rule is the install year, then the register order.
    equal = equipment.replace_under_budget(equipment.fleet(register, _scenario()), 2025, 2027, 5.0)
    assert equal.replaced.groupby("year")["unit_id"].apply(list).to_dict()[2026] == ["c"]


def test_the_queue_is_not_jumped_and_unspent_budget_is_saved_for_the_unit_in_line():
    # A 5 MNOK unit with 3 MNOK a year: nothing in 2026 (3 saved), bought in 2027 (6 available).
    register = _register([("big", "PET_CT", 2010, None, 5e6), ("small", "UL", 2016, None, 1e6)])
    plan = equipment.replace_under_budget(equipment.fleet(register, _scenario()), 2025, 2028, 3.0)
    yearly = plan.yearly.set_index("year")
    assert yearly.loc[2026, "spent_mnok"] == 0.0  # 'small' (due 2026) waits behind 'big'
    assert yearly.loc[2027, "spent_mnok"] == 6.0  # big (5) + small (1) from 3 + 3 saved
    assert yearly.loc[2028, "spent_mnok"] == 0.0 and yearly.loc[2028, "backlog_units"] == 0


def test_per_trust_budgets_split_by_replacement_value_and_run_separately():
    register = pd.concat(
        [_register([("a", "MR", 2010, None, 3e6)]), _register([("b", "MR", 2010, None, 1e6)]).assign(owner="AHUS")]
    )
    fleet = equipment.fleet(register, _scenario())
    budgets = equipment_tables.trust_budgets(fleet, 2.0)
    assert budgets == {"AHUS": pytest.approx(0.5), "OUS": pytest.approx(1.5)}
    plan = equipment_tables.replace_under_trust_budgets(fleet, 2025, 2026, budgets)
    # Neither trust can afford its unit alone in 2026, although the region (2 MNOK) could buy 'b'.
    assert plan.replaced.empty and set(plan.yearly["owner"]) == {"AHUS", "OUS"}
    assert equipment.replace_under_budget(fleet, 2025, 2026, 2.0).replaced.empty  # a (3) heads the queue


# --- the golden rules --------------------------------------------------------------------------


def test_golden_rule_shares_sum_to_100_for_every_scope_and_year(shipped, defaults):
    fleet = equipment.fleet(shipped["equipment_register"], defaults)
    rules = equipment.golden_rules(equipment.replace_under_budget(fleet, 2025, 2040, 300.0).age_profile)
    total = rules[["share_0-5", "share_6-10", "share_over_10"]].sum(axis=1)
    assert np.allclose(total, 100)
    assert set(rules["scope"]) == {"region", *equipment.EQUIPMENT_MODALITIES}
    region = rules[rules["scope"] == "region"]
    assert (region["units"] == len(fleet)).all() and region["year"].tolist() == list(range(2025, 2041))


def test_golden_rules_on_a_hand_counted_fleet():
    # Ages in 2025: 0, 2, 4, 5, 5, 6 (0-5: 5 of 10 = 50 %), 7, 9 (6-10: 3 = 30 %), 11, 15 (20 %).
    installs = [2025, 2023, 2021, 2020, 2020, 2019, 2018, 2016, 2014, 2010]
    register = _register([(f"u{i}", "RG", y, None, None) for i, y in enumerate(installs)])
    fleet = equipment.fleet(register, _scenario(lifetime_rg_years=20))
    plan = equipment.replace_under_budget(fleet, 2025, 2026, None)
    rules = equipment.golden_rules(plan.age_profile)
    first = rules[(rules["scope"] == "region") & (rules["year"] == 2025)].iloc[0]
    assert (first["share_0-5"], first["share_6-10"], first["share_over_10"]) == (50.0, 30.0, 20.0)
    assert (first["met_0-5"], first["met_6-10"], first["met_over_10"]) == (False, True, False)
    breaks = equipment.rule_breaks(rules).set_index(["scope", "age_class"])
    # 2026: ages 1, 3, 5, 6, 6, 7, 8, 10, 12, 16 -> 0-5: 30 %, 6-10: 50 %, over 10: 20 %.
    assert breaks.loc[("region", "0-5"), "broken_in"] == "2025-2026"
    assert breaks.loc[("region", "6-10"), "broken_in"] == "2026"
    assert equipment.first_year_all_met(rules) is None


def test_year_ranges_and_first_year_all_rules_hold():
    assert equipment.year_ranges([2031, 2026, 2027, 2028]) == "2026-2028, 2031"
    assert equipment.year_ranges([]) == ""
    rules = pd.DataFrame(
        {
            "scope": "region",
            "year": [2025, 2026, 2027, 2028],
            "met_0-5": [False, True, False, True],
            "met_6-10": True,
            "met_over_10": True,
        }
    )
    assert equipment.first_year_all_met(rules) == 2028


# --- uncertainty -------------------------------------------------------------------------------


def test_band_is_seeded_and_collapses_onto_the_schedule_when_replacement_age_is_certain(shipped, defaults):
    fleet = equipment.fleet(shipped["equipment_register"], defaults)
    a = equipment.replacement_band(fleet, 2026, 2040, 5.0, 300, seed=7)
    pd.testing.assert_frame_equal(a, equipment.replacement_band(fleet, 2026, 2040, 5.0, 300, seed=7))
    assert (a["units_lower"] <= a["units_median"]).all() and (a["units_median"] <= a["units_upper"]).all()
    assert (a["units_upper"] > a["units_lower"]).any()
    # A huge Weibull shape puts every replacement age at its scale: the deterministic schedule.
    sharp = equipment.replacement_band(fleet, 2026, 2040, 10_000.0, 20, seed=7)
    due = equipment.units_due(equipment.replacement_schedule(fleet, 2026, 2040), fleet, ("year",), 2026, 2040)
    assert np.allclose(sharp["units_median"], due["units"]) and np.allclose(sharp["units_lower"], due["units"])
    assert np.allclose(sharp["cost_upper_mnok"], due["cost_mnok"])


# --- the demand check --------------------------------------------------------------------------


def test_demand_check_without_the_activity_grows_exams_and_divides_by_machine_hours():
    exams = pd.DataFrame(
        {"year": 2024, "specialty": "radiology", "modality": ["CT", "MR"], "exams": [10_000.0, 4_000.0]}
    )
    register = _register([("a", "CT", 2020, None, None), ("b", "CT", 2020, None, None)])
    scenario = _scenario(growth_ct_pct=10.0, exams_per_hour_ct=5.0, exams_per_hour_mr=2.0, horizon=2026)
    out = equipment.demand_check(exams, register, scenario, 2025, 2026).set_index(["modality", "year"])
    assert out.loc[("CT", 2025), "units_needed"] == pytest.approx(10_000 * 1.1 / 5000)
    assert out.loc[("CT", 2026), "units_needed"] == pytest.approx(10_000 * 1.21 / 5000)
    assert out.loc[("CT", 2026), "gap_units"] == pytest.approx(10_000 * 1.21 / 5000 - 2)
    assert out.loc[("MR", 2026), "units_on_hand"] == 0 and out.loc[("MR", 2026), "units_needed"] == 2.0
    assert set(out.index.get_level_values("modality")) == {"CT", "MR"}  # no exams, no row


def test_exams_per_hour_defaults_are_published_or_tabell1_over_tabell5_at_default_hours(defaults):
    # CT and MR: Canada's measured rates (workload SOURCES.md 5.2, 5.1); the others derived from
    # Tabell 1 (2024) over Tabell 5 (2025, public + private) at 50 h x 52 weeks, to the step of 0.01.
    assert defaults["exams_per_hour_ct"] == 2.34 and defaults["exams_per_hour_mr"] == 1.8
    hours = 50 * 52
    assert defaults["exams_per_hour_rg"] == pytest.approx(1_107_204 / 204 / hours, abs=0.005)
    assert defaults["exams_per_hour_ul"] == pytest.approx(179_302 / 122 / hours, abs=0.005)
    assert defaults["exams_per_hour_pet_ct"] == pytest.approx(12_228 / 9 / hours, abs=0.005)  # the rows' 9
    assert defaults["exams_per_hour_spect_ct"] == pytest.approx(14_201 / 15 / hours, abs=0.005)


def test_with_the_activity_the_demand_check_reads_its_exams(shipped, defaults):
    exams = shipped["exams_by_modality"]
    activity = pd.DataFrame(
        {
            "year": [2025, 2025, 2026, 2026],
            "modality": "CT",
            "sector": ["public", "private"] * 2,
            "exams": [600.0, 400.0, 900.0, 300.0],
        }
    )
    out = equipment.demand_check(exams, shipped["equipment_register"], _scenario(), 2025, 2026, activity)
    ct = out[out["modality"] == "CT"].set_index("year")
    assert ct.loc[2025, "exams"] == 1000 and ct.loc[2026, "units_needed"] == pytest.approx(1.2)


# --- the shipped register and the calibration --------------------------------------------------


def test_shipped_register_is_exactly_what_the_generator_makes():
    units = load_table("equipment_units", paths.DATA_DIR)
    text = (paths.DATA_DIR / "equipment_register.csv").read_text(encoding="utf-8")
    assert equipment_register.register_csv(equipment_register.generate_register(units)) == text


def test_register_counts_equal_the_rows_of_tabell5(shipped):
    register, units = shipped["equipment_register"], shipped["equipment_units"]
    counted = register.groupby(["owner", "modality"]).size()
    declared = units.set_index(["owner", "modality"])["units"].fillna(0)
    assert counted.reindex(declared.index, fill_value=0).tolist() == declared.astype(int).tolist()
    # PET/CT: the rows' 9 (the plan's "Totalt" prints 10; see tests/test_plan_tables.py).
    assert (register["modality"] == "PET_CT").sum() == 9
    assert len(register) == 57 + 51 + 185 + 101 + 9 + 15 + 17 + 33 + 19 + 21


def test_register_has_23_percent_over_ten_years_old_in_2025(shipped):
    register = shipped["equipment_register"]
    public = register[register["sector"] == "public"]
    # helsemedisinteknologi.no: 23 % of the region's (the trusts') equipment over ten years old.
    assert ((2025 - public["install_year"]) > 10).sum() == round(0.23 * 418) == 96
    assert round(100 * equipment_register.share_over_ten(public, 2025)) == 23
    assert round(100 * equipment_register.share_over_ten(register, 2025)) == 23
    assert register["install_year"].between(2025 - 18, 2025).all()
    assert register["source"].str.startswith("illustrative: generated by").all()


def test_generated_upgrades_are_mid_life_on_old_costly_units(shipped):
    register = shipped["equipment_register"]
    upgraded = register[register["upgrade_year"].notna()]
    assert len(upgraded) > 0
    assert upgraded["modality"].isin(equipment_register.UPGRADED_MODALITIES).all()
    age_at_upgrade = upgraded["upgrade_year"] - upgraded["install_year"]
    assert age_at_upgrade.between(5, 9).all() and ((2025 - upgraded["install_year"]) > 10).all()


def test_price_calibration_lands_within_15_percent_of_3_billion(shipped, defaults):
    # The plan: "nyanskaffelsesverdi/gjenkjøpsverdi nær 3 milliarder kroner i sykehusene".
    value = equipment.replacement_value_mnok(equipment.fleet(shipped["equipment_register"], defaults))
    assert value == pytest.approx(57 * 10 + 51 * 20 + 185 * 4 + 101 * 1 + 9 * 30 + 15 * 10)  # 2,851
    assert abs(value - 3000) <= 0.15 * 3000


def test_replacement_tables_hold_every_table_the_notebook_stores(shipped, defaults):
    out = equipment_tables.replacement_tables(
        shipped["equipment_register"],
        shipped["equipment_units"],
        shipped["exams_by_modality"],
        defaults,
        draws=50,
        seed=1,
    )
    assert set(out) == {
        "schedule",
        "budget_yearly",
        "budget_replaced",
        "age_profile",
        "golden_rules",
        "rule_breaks",
        "per_owner",
        "demand",
        "band",
    }
    owners = out["per_owner"]
    assert set(owners["owner"]) == set(equipment.fleet(shipped["equipment_register"], defaults)["owner"])
    assert owners["due_to_horizon"].sum() == out["schedule"]["units"].sum()
    assert owners["cost_to_horizon_mnok"].sum() == pytest.approx(out["schedule"]["cost_mnok"].sum())
    assert owners["units"].sum() == 418 and owners["value_mnok"].sum() == pytest.approx(2851)
