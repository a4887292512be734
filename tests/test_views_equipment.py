"""The equipment page's view without Streamlit: its figures are the planning model's, and a budget
slider moves the budget part only."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from imaging_plan import paths
from imaging_plan.app.shell import snapshot_for
from imaging_plan.i18n import fmt_number
from imaging_plan.pipeline import store
from imaging_plan.planning import assumptions, equipment, equipment_tables
from imaging_plan.data.inputs import load_inputs
from imaging_plan.views import cache
from imaging_plan.views import equipment as view_module

REGISTER = paths.DATA_DIR / "equipment_register.csv"


@pytest.fixture
def snapshot(tmp_path):
    """The shipped data, no stored forecasts, the defaults."""
    cache.clear()
    return snapshot_for("nb", forecasts_dir=tmp_path / "none")


def test_the_budget_and_schedule_are_the_equipment_models_for_the_scenario(snapshot):
    own = snapshot.with_values(replacement_budget_mnok=150.0, lifetime_ct_years=8)
    units, scenario = own.tables["equipment_units"], own.scenario
    planned = equipment.fleet(own.tables["equipment_register"], scenario)
    view = view_module.compute(own)
    expected = equipment.replace_under_budget(planned, equipment.reference_year(units), 2040, 150.0)
    assert view.budget.yearly.equals(expected.yearly)
    first = equipment.first_plan_year(units)
    events = equipment.replacement_schedule(planned, first, 2040)
    schedule = equipment.units_due(events, planned, ("year", "owner", "modality"), first, 2040)
    assert view.first == first and view.schedule.schedule.equals(schedule)
    assert view.schedule.value_mnok == equipment.replacement_value_mnok(planned)


def test_a_bigger_budget_leaves_a_smaller_backlog_and_reuses_the_schedule(snapshot):
    register = view_module.shipped(snapshot)
    small, big = (snapshot.with_values(replacement_budget_mnok=b) for b in (50.0, 400.0))
    backlog = {
        name: view_module.budget_part(own, register).yearly.set_index("year").loc[2040, "backlog_mnok"]
        for name, own in (("small", small), ("big", big))
    }
    assert backlog["big"] < backlog["small"]
    assert view_module.schedule_part(small, register) is view_module.schedule_part(big, register)
    assert (
        view_module.fan(big)["value"].tolist() == view_module.budget_part(big, register).yearly["backlog_mnok"].tolist()
    )


def test_without_a_forecast_the_band_is_recomputed_and_the_caption_says_so(snapshot):
    view = view_module.compute(snapshot)
    assert not view.schedule.band_stored
    caption = view_module.band_caption(view, None, "nb")
    assert str(view_module.APP_DRAWS) in caption and "–" in caption
    assert view.illustrative  # the shipped register's rows say 'illustrative'


def test_a_stored_band_is_used_only_for_its_own_assumptions(tmp_path):
    names = ("equipment_register", "equipment_units", "exams_by_modality")
    tables, hashes = load_inputs(paths.DATA_DIR, names)
    scenario = assumptions.defaults(tables)
    plan = equipment_tables.replacement_tables(*(tables[n] for n in names), scenario, draws=50, seed=3)
    manifest = store.build_manifest(
        "equipment_replacement", "04.ipynb", {**scenario, "draws": 50, "seed": 3}, hashes, paths.DATA_DIR
    )
    store.write_forecast(tmp_path, "equipment_replacement", plan, manifest)
    cache.clear()
    own = snapshot_for("nb", forecasts_dir=tmp_path)
    assert view_module.compute(own).schedule.band_stored
    assert not view_module.compute(own.with_values(lifetime_mr_years=12)).schedule.band_stored
    assert view_module.compute(own.with_values(replacement_budget_mnok=10.0)).schedule.band_stored


def test_an_upload_is_read_once_per_content_and_a_bad_one_gives_its_lines():
    content = REGISTER.read_bytes()
    read = view_module.read_upload(content, "mitt.csv")
    assert read.error is None and read.register.digest == hashlib.sha256(content).hexdigest()
    assert view_module.read_upload(content, "mitt.csv") is read
    assert len(read.register.table) == len(pd.read_csv(REGISTER))
    broken = content.decode().replace(",CT,", ",CAT,", 1).encode()
    refused = view_module.read_upload(broken, "mitt.csv")
    assert refused.register is None and "value 'CAT' must be one of" in refused.error


def test_an_uploaded_register_with_other_prices_changes_the_value_and_is_not_illustrative(snapshot):
    register = pd.read_csv(REGISTER)
    register.loc[register["modality"] == "MR", "price_nok"] = 25e6
    register["source"] = "HSØ MTU register"
    upload = view_module.read_upload(register.to_csv(index=False).encode(), "mitt.csv").register
    shipped = view_module.compute(snapshot)
    own = view_module.compute(snapshot, upload)
    assert not own.illustrative
    assert own.schedule.value_mnok > shipped.schedule.value_mnok
    assert view_module.headline(own, "nb")[0].value == f"{fmt_number(own.schedule.value_mnok, 'nb')} MNOK"
