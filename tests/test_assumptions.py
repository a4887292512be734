"""One definition per assumption drives the notebook parameters, the widgets and the checks."""

from __future__ import annotations

import pytest

from imaging_plan import paths
from imaging_plan.planning import assumptions, physicians, recruitment
from imaging_plan.data import codes
from imaging_plan.planning.assumptions import ASSUMPTIONS, AssumptionError


def test_every_assumption_is_complete_and_its_default_in_range():
    for a in ASSUMPTIONS.values():
        assert a.label_nb and a.label_en and a.unit and len(a.source) > 20, a.key
        assert a.min < a.max and a.step > 0, a.key
        assert (a.default is None) == (a.derive is not None), a.key
        if a.default is not None:
            assert a.check(a.default) == a.default


def test_the_recruitment_window_default_is_the_backcasts_choice(shipped_ftes):
    d = assumptions.defaults({"physician_ftes": shipped_ftes})
    hist = physicians.histories(shipped_ftes)
    backcast = recruitment.window_backcast(hist, 3.3, 5)
    scores = backcast.assign(e=backcast["error_pct"].abs()).groupby("window")["e"].mean()
    assert scores[d["recruitment_window_years"]] == scores.min()  # out of sample, not the latest years by fiat
    assert d["recruitment_radiology_extra_fte"] == 0.0 and d["unmet_need_pct"] == 0.0
    assert d["horizon"] == 2040 and d["exit_rate_pct"] == 3.3 and d["training_years"] == 5
    assert "use_growth_pct" not in d  # derived from the population tables, which were not given


def test_no_demand_growth_from_supplys_past_is_left():
    assert not [k for k in ASSUMPTIONS if k.startswith("demand_growth")]
    for key in (
        "use_growth_pct",
        "ai_gain_pct",
        "ai_full_year",
        "recruitment_window_years",
        "recruitment_radiology_extra_fte",
        "recruitment_nuclear_medicine_extra_fte",
        "unmet_need_pct",
        "use_growth_nuclear_medicine_pct",
        "fte_per_person_physician",
    ):
        assert ASSUMPTIONS[key].group == "physicians", key


@pytest.mark.parametrize(
    "key,value,words",
    [
        ("horizon", 2051, "outside the allowed range 2026 to 2050"),
        ("exit_rate_pct", -1, "outside the allowed range"),
        ("training_years", 4.5, "must be a whole number"),
        ("ai_gain_pct", "lots", "is not a number"),
    ],
)
def test_bad_values_are_refused_naming_the_parameter(shipped_ftes, key, value, words):
    with pytest.raises(AssumptionError, match=f"parameter '{key}'.*{words}"):
        assumptions.resolve({key: value}, {"physician_ftes": shipped_ftes})


def test_unknown_parameter_is_refused(shipped_ftes):
    with pytest.raises(AssumptionError, match="unknown parameter.*exit_rate"):
        assumptions.resolve({"exit_rate": 3}, {"physician_ftes": shipped_ftes})


def test_none_means_default_and_values_override(shipped_ftes):
    s = assumptions.resolve({"exit_rate_pct": 5, "recruitment_window_years": None}, {"physician_ftes": shipped_ftes})
    assert s["exit_rate_pct"] == 5.0
    assert (
        s["recruitment_window_years"]
        == assumptions.defaults({"physician_ftes": shipped_ftes})["recruitment_window_years"]
    )
    assert (
        assumptions.resolve({"recruitment_window_years": 3}, {"physician_ftes": shipped_ftes})[
            "recruitment_window_years"
        ]
        == 3
    )


# notebook -> the assumption groups it uses (each must declare every assumption of those groups)
# notebook -> the assumptions it uses, as groups and/or single keys (each must be a parameter)
NOTEBOOK_ASSUMPTIONS = {
    "00_project_activity.ipynb": ("general", "activity", "use_growth_pct"),
    "01_forecast_physician_ftes.ipynb": ("general", "physicians", "activity", "workload", "workload_staff"),
    "02_forecast_specialist_inflow.ipynb": ("general", "physicians", "inflow"),
    "03_forecast_radiographer_turnover.ipynb": (
        "general",
        "staff",
        "staff_trusts",
        "activity",
        "workload",
        "use_growth_pct",
    ),
    "04_forecast_equipment_replacement.ipynb": (
        "general",
        "equipment",
        "activity",
        "workload",
        "workload_staff",
        "use_growth_pct",
    ),
    "05_backtest_forecasts.ipynb": ("general", "exit_rate_pct"),
    "06_backtest_planning_models.ipynb": (
        "exit_rate_pct",
        "training_years",
        "resident_growth_pct",
        "recruitment_window_years",
    ),
    "07_stress_preparedness.ipynb": (
        "preparedness",
        "fte_per_person_physician",
        *(f"exams_per_hour_{m.lower()}" for m in codes.EQUIPMENT_MODALITIES),
        "weeks_per_year",
    ),
}


def _used(names: tuple[str, ...]) -> list[assumptions.Assumption]:
    return [a for a in ASSUMPTIONS.values() if a.key in names or a.group in names]


def test_every_notebook_is_mapped_and_every_group_is_used():
    assert {p.name for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")} == set(NOTEBOOK_ASSUMPTIONS)
    used = {a.group for names in NOTEBOOK_ASSUMPTIONS.values() for a in _used(names) if a.group in names}
    assert {a.group for a in ASSUMPTIONS.values()} <= used


@pytest.mark.parametrize("notebook", sorted(NOTEBOOK_ASSUMPTIONS))
def test_notebook_parameters_match_the_registry(notebook):
    import papermill as pm

    declared = pm.inspect_notebook(str(paths.NOTEBOOKS_DIR / notebook))
    used = _used(NOTEBOOK_ASSUMPTIONS[notebook])
    assert used, f"{notebook}: no assumption mapped"
    for a in used:
        assert a.key in declared, f"{notebook} lacks parameter {a.key}"
        default = declared[a.key]["default"]
        expected = "None" if a.default is None else repr(a.default)
        assert default == expected, f"{notebook}, {a.key}: notebook default {default}, registry {expected}"
        help_text = declared[a.key]["help"]
        assert (
            f"{a.min}-{a.max}" in help_text.replace(" ", "").replace(".0", "") or f"{a.min:g}-{a.max:g}" in help_text
        ), f"{notebook}, {a.key}: help must state the range: {help_text}"
    # A plan to a horizon declares it; the backcast of notebook 06 stops at the data's last year.
    for name in ("data_dir", "output_dir", *(["horizon"] if "general" in NOTEBOOK_ASSUMPTIONS[notebook] else [])):
        assert name in declared


def test_a_notebook_resolves_only_its_own_groups_without_other_tables():
    s = assumptions.resolve({"turnover_rise_pp": 0.5}, {}, ("general", "staff", "staff_trusts"))
    assert s["turnover_rise_pp"] == 0.5 and s["turnover_radiographer_pct"] == 5.1 and s["horizon"] == 2040
    assert "exit_rate_pct" not in s and s["turnover_vvhf_pp"] == 0.0
    with pytest.raises(AssumptionError, match="unknown parameter.*exit_rate_pct"):
        assumptions.resolve({"exit_rate_pct": 3}, {}, ("general", "staff"))


def test_every_trust_of_tabell_7_has_a_turnover_difference_defaulting_to_the_regional_rate():
    keys = {a.key for a in assumptions.in_group("staff_trusts")}
    assert keys == {f"turnover_{c.lower()}_pp" for c in codes.STAFF_TRUSTS}
    assert all(ASSUMPTIONS[k].default == 0.0 for k in keys)
    for role in ("radiographer", "bioengineer", "secretary"):
        a = ASSUMPTIONS[f"turnover_{role}_pct"]
        assert (a.default, a.min, a.max) == (5.1, 0.0, 25.0) and "Helse Vest" in a.source


@pytest.mark.parametrize("notebook", ["01_forecast_physician_ftes.ipynb", "05_backtest_forecasts.ipynb"])
def test_notebook_prophet_settings_are_the_project_settings(notebook):
    """The settings the backtest chose live in forecasting.TrendSettings; notebooks default to them."""
    import ast
    from dataclasses import fields

    import papermill as pm

    from imaging_plan.forecasting.default_lines import TrendSettings

    declared = pm.inspect_notebook(str(paths.NOTEBOOKS_DIR / notebook))
    for field in fields(TrendSettings):
        assert ast.literal_eval(declared[field.name]["default"]) == getattr(TrendSettings(), field.name), field.name
