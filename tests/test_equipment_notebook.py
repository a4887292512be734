"""Notebook 04 under papermill: it writes every table with a manifest, and nothing from a failed load."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from imaging_plan import paths
from imaging_plan.planning import assumptions, equipment
from imaging_plan.pipeline import runner, store
from imaging_plan.data.inputs import load_inputs

NOTEBOOK = paths.NOTEBOOKS_DIR / "04_forecast_equipment_replacement.ipynb"
NAMES = ("equipment_register", "equipment_units", "exams_by_modality")


def test_forecast_name_follows_the_notebook_name():
    assert runner.forecast_name(NOTEBOOK) == "equipment_replacement"


@pytest.fixture(scope="module")
def equipment_run(tmp_path_factory):
    """Run notebook 04 once through the runner, budget 150 MNOK, 400 draws, into a scratch folder."""
    out = tmp_path_factory.mktemp("forecasts")
    code = runner.run_all(
        only=["04"], parameters={"replacement_budget_mnok": 150.0, "draws": 400}, output_dir=out, progress=False
    )
    return code, out


@pytest.mark.slow
def test_notebook_writes_every_table_and_the_manifest(equipment_run):
    code, out = equipment_run
    assert code == 0
    forecast = store.read_forecast(out, "equipment_replacement")
    assert set(forecast.tables) == {
        "schedule",
        "budget_yearly",
        "budget_replaced",
        "age_profile",
        "golden_rules",
        "rule_breaks",
        "per_owner",
        "demand",
        "band",
        "machines",  # units per trust at the opening hours, and the fleet's growth
        "fleet_growth",
    }
    m = forecast.manifest
    assert m["parameters"]["replacement_budget_mnok"] == 150.0 and m["parameters"]["draws"] == 400
    assert m["parameters"]["exams_per_hour_rg"] == 2.09  # derived from Tabell 1 and 5 at 50 h x 52 weeks
    # the activity's tables too: the demand check reads the same exams as every need
    assert set(m["inputs"]) == {
        "equipment_register.csv",
        "equipment_units.csv",
        "exams_by_modality.csv",
        "private_exams.csv",
        "exams_by_trust.csv",
        "population_observed.csv",
        "population_projection_national.csv",
        "population_projection_counties.csv",
        "imaging_rates_by_age.csv",
    }
    assert "exit_rate_pct" not in m["parameters"]  # only this notebook's assumptions
    yearly = forecast.tables["budget_yearly"]
    assert (yearly["budget_mnok"] == 150.0).all() and yearly["year"].tolist() == list(range(2026, 2041))
    assert forecast.tables["schedule"]["year"].between(2026, 2040).all()
    assert (out / "_runs" / "04_forecast_equipment_replacement.ipynb").exists()


@pytest.mark.slow
def test_stored_band_is_the_seeded_monte_carlo(equipment_run):
    _, out = equipment_run
    band = store.read_forecast(out, "equipment_replacement").tables["band"]
    tables = load_inputs(paths.DATA_DIR, NAMES)[0]
    fleet = equipment.fleet(tables["equipment_register"], assumptions.defaults(tables))
    again = equipment.replacement_band(fleet, 2026, 2040, 5.0, 400, seed=2025)
    assert np.allclose(band.drop(columns="year"), again.drop(columns="year"))


@pytest.mark.slow
def test_a_failed_load_writes_nothing(equipment_run, tmp_path, capsys):
    _, out = equipment_run
    scratch = tmp_path / "forecasts"
    shutil.copytree(out, scratch)
    before = (scratch / "equipment_replacement" / "manifest.json").read_text()
    bad = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, bad)
    register = bad / "equipment_register.csv"
    register.write_text(register.read_text(encoding="utf-8").replace("AHUS-CT-02,", "AHUS-CT-01,", 1), encoding="utf-8")
    code = runner.run_all(only=["04"], data_dir=bad, output_dir=scratch, progress=False)
    printed = capsys.readouterr().out
    assert code == 1
    assert "04_forecast_equipment_replacement.ipynb: FAILED" in printed
    assert "lines 2, 3: the same (unit_id) appears more than once" in printed
    assert (scratch / "equipment_replacement" / "manifest.json").read_text() == before
