"""The equipment page as a planner uses it, through Streamlit's AppTest (no browser)."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import open_page
from imaging_plan import paths
from imaging_plan.planning import assumptions, equipment, equipment_tables
from imaging_plan.pipeline import store
from imaging_plan.i18n import fmt_number
from imaging_plan.data.inputs import file_sha256, load_inputs
from imaging_plan.data.schemas import TABLES

NAMES = ("equipment_register", "equipment_units", "exams_by_modality")
REGISTER = paths.DATA_DIR / "equipment_register.csv"


@pytest.fixture
def no_forecast(tmp_path, monkeypatch):
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path / "none"))


@pytest.fixture
def stored_forecast(tmp_path, monkeypatch):
    """An equipment forecast made with the default assumptions and 50 draws (no notebook run)."""
    tables, hashes = load_inputs(paths.DATA_DIR, NAMES)
    scenario = assumptions.defaults(tables)
    plan = equipment_tables.replacement_tables(*(tables[n] for n in NAMES), scenario, draws=50, seed=3)
    store.write_forecast(
        tmp_path,
        "equipment_replacement",
        plan,
        store.build_manifest(
            "equipment_replacement",
            "04_forecast_equipment_replacement.ipynb",
            {**scenario, "draws": 50, "seed": 3},
            hashes,
            paths.DATA_DIR,
        ),
    )
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path))
    return plan


def _metrics(at) -> dict[str, str]:
    """Return the headline metrics as {label: 'value | delta'} (the delta holds MNOK or a note)."""
    return {m.label: f"{m.value} | {m.delta}" if m.delta else m.value for m in at.metric}


def _units_mnok(units: float, mnok: float) -> str:
    return f"{fmt_number(units, 'nb')} enheter | {fmt_number(mnok, 'nb')} MNOK"


def _register() -> pd.DataFrame:
    return pd.read_csv(REGISTER)


def _upload(at, text: str, name: str = "mitt_register.csv"):
    at.file_uploader(key="equipment_register_upload").set_value((name, text.encode("utf-8"), "text/csv"))
    return at.run()


def test_page_renders_with_defaults_and_without_a_forecast(no_forecast):
    at = open_page("equipment")
    assert not at.exception
    assert at.title[0].value == "Utstyr: utskifting, budsjett og alder"
    assert any("python -m imaging_plan.pipeline.runner --only 04" in i.value for i in at.info)
    assert any("Illustrerende data" in c.value for c in at.caption)
    assert any("regnet her med 200 trekk" in c.value for c in at.caption)
    metrics = _metrics(at)
    assert metrics["Gjenkjøpsverdi, offentlige enheter"] == f"{fmt_number(2851, 'nb')} MNOK"
    # Overdue at the start: public units past their life before 2026, from the register itself
    # (lifetime 10 years, ultrasound 8; an upgrade adds 3 to the later of end of life and upgrade).
    register = _register()
    public = register[register["sector"] == "public"]
    end = public["install_year"] + public["modality"].map({"UL": 8}).fillna(10)
    due = end.where(public["upgrade_year"].isna(), pd.concat([end, public["upgrade_year"]], axis=1).max(axis=1) + 3)
    overdue = public[due < 2026]
    price = overdue["modality"].map({"CT": 10, "MR": 20, "RG": 4, "UL": 1, "PET_CT": 30, "SPECT_CT": 10})
    assert metrics["Forfalt ved start (2025)"] == _units_mnok(len(overdue), price.sum())
    # rule breaks, demand, machines at the opening hours, fleet growth; per trust and sources only when asked for
    assert len(at.dataframe) == 4
    at.toggle(key="equipment_show_owners").set_value(True).run()
    assert len(at.dataframe) == 5


def test_the_stored_band_is_used_until_a_band_assumption_moves(stored_forecast):
    at = open_page("equipment")
    assert not at.exception
    assert any("lest fra prognosen (50 trekk)" in c.value for c in at.caption)
    at.slider(key="replacement_budget_mnok").set_value(150.0)  # not a band assumption
    assert any("lest fra prognosen" in c.value for c in at.run().caption)
    at.slider(key="lifetime_mr_years").set_value(12)
    assert any("regnet her med 200 trekk" in c.value for c in at.run().caption)


def test_budget_slider_moves_the_backlog(no_forecast):
    at = open_page("equipment")
    at.slider(key="replacement_budget_mnok").set_value(1500.0).run()
    assert _metrics(at)["Etterslep 2040"] == _units_mnok(0, 0)
    at.slider(key="replacement_budget_mnok").set_value(0.0).run()
    assert not at.exception
    # With no budget nothing is replaced: every public unit due by 2040 is backlog.
    tables = load_inputs(paths.DATA_DIR, NAMES)[0]
    fleet = equipment.fleet(tables["equipment_register"], assumptions.defaults(tables))
    late = fleet[fleet["due_year"] <= 2040]
    assert _metrics(at)["Etterslep 2040"] == _units_mnok(len(late), late["price_nok"].sum() / 1e6)
    assert _metrics(at)["Gylne regler oppfylt fra"] == "– | ikke innen 2040"


def test_lifetime_slider_moves_what_is_overdue_and_only_the_schedule_side(no_forecast):
    at = open_page("equipment")
    before = _metrics(at)
    at.slider(key="lifetime_rg_years").set_value(20).run()
    after = _metrics(at)
    assert after["Forfalt ved start (2025)"] != before["Forfalt ved start (2025)"]
    assert after["Gjenkjøpsverdi, offentlige enheter"] == before["Gjenkjøpsverdi, offentlige enheter"]
    at.slider(key="price_mr_mnok").set_value(25.0).run()
    assert _metrics(at)["Gjenkjøpsverdi, offentlige enheter"] == f"{fmt_number(2851 + 51 * 5, 'nb')} MNOK"


def test_url_parameters_set_sliders_and_language(no_forecast):
    at = open_page("equipment", {"replacement_budget_mnok": "150", "lifetime_ct_years": "12", "lang": "en"})
    assert not at.exception
    assert at.slider(key="replacement_budget_mnok").value == 150.0
    assert at.slider(key="lifetime_ct_years").value == 12
    assert at.title[0].value == "Equipment: replacement, budget and age"
    assert "Backlog 2040" in _metrics(at)
    assert _metrics(at)["Backlog 2040"] != _metrics(open_page("equipment", {"lang": "en"}))["Backlog 2040"]


def test_a_valid_upload_is_used_and_not_saved(no_forecast, tmp_path):
    register = _register()
    register.loc[register["modality"] == "MR", "price_nok"] = 25e6  # the planner's own MR prices
    register["source"] = "HSØ MTU register"
    before = REGISTER.read_bytes()
    at = _upload(open_page("equipment"), register.to_csv(index=False))
    assert not at.exception and not at.error
    assert any("Bruker ditt register mitt_register.csv: 508 enheter" in s.value for s in at.success)
    assert _metrics(at)["Gjenkjøpsverdi, offentlige enheter"] == f"{fmt_number(2851 + 51 * 5, 'nb')} MNOK"
    assert not any("Illustrerende data" in c.value for c in at.caption)  # the planner's own data
    assert REGISTER.read_bytes() == before


def test_a_bad_upload_is_refused_naming_its_lines_and_the_shipped_register_stays(no_forecast):
    text = REGISTER.read_text(encoding="utf-8").splitlines(keepends=True)
    text[2] = text[2].replace(",CT,", ",CAT,")
    text[3] = text[3].replace(",,,illustrative", ",,-1,illustrative")
    at = _upload(open_page("equipment"), "".join(text))
    assert not at.exception
    message = at.error[0].value
    assert "line 3, column 'modality': value 'CAT' must be one of" in message
    assert "line 4, column 'price_nok': value '-1.0' must not be negative" in message
    assert _metrics(at)["Gjenkjøpsverdi, offentlige enheter"] == f"{fmt_number(2851, 'nb')} MNOK"


def test_an_upload_that_differs_from_tabell5_is_used_with_a_warning(no_forecast):
    register = _register()
    register = register[register["unit_id"] != "OUS-MR-17"]
    at = _upload(open_page("equipment"), register.to_csv(index=False))
    assert not at.exception
    assert any("owner OUS, modality MR: the register has 16 units" in w.value for w in at.warning)
    assert _metrics(at)["Gjenkjøpsverdi, offentlige enheter"] == f"{fmt_number(2851 - 20, 'nb')} MNOK"


def test_a_broken_register_in_the_data_folder_shows_the_validation_message(no_forecast, data_copy, monkeypatch):
    path = data_copy / TABLES["equipment_register"].file
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "AHUS-CT-01,AHUS,public,CT,2022,", "AHUS-CT-01,AHUS,public,CT,2022,2020"
        )
    )
    monkeypatch.setenv("IMAGING_PLAN_DATA_DIR", str(data_copy))
    at = open_page("equipment")
    assert not at.exception
    assert any("line 2 (unit_id AHUS-CT-01): upgrade_year is before install_year" in e.value for e in at.error)
    assert file_sha256(path) != file_sha256(REGISTER)


def test_the_board_overview_carries_the_equipment_section(no_forecast):
    at = open_page(None)
    assert not at.exception
    assert "Utstyr: utskifting, budsjett og alder" in [h.value for h in at.subheader]
    assert any("Illustrerende data" in w.value for w in at.warning)  # the register is generated
    backlog = {m.label: m.value for m in at.metric}["Etterslep 2040"]
    at = open_page(None, {"replacement_budget_mnok": "0"})
    assert {m.label: m.value for m in at.metric}["Etterslep 2040"] != backlog
