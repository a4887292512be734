"""The staffing page as a planner uses it, through Streamlit's AppTest (no browser)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conftest import open_page
from imaging_plan import paths
from imaging_plan.planning import assumptions, staffing, workload
from imaging_plan.forecasting import default_lines
from imaging_plan.pipeline import store
from imaging_plan.data.inputs import file_sha256, load_inputs, load_table
from imaging_plan.data.schemas import TABLES

GROUPS = ("general", "staff", "staff_trusts")


def _trend() -> pd.DataFrame:
    """Drift trends of every series (the notebook's shape without Prophet), with a band."""
    ftes = load_table("staff_ftes", paths.DATA_DIR)
    trend = default_lines.series_trends(
        staffing.trend_input(ftes), ["role", "trust"], "fte", 2050, min_prophet_points=99
    )
    trend["trend_lower"], trend["trend_upper"] = trend["trend"] * 0.9, trend["trend"] * 1.1
    return trend


@pytest.fixture
def staff_forecast(tmp_path, monkeypatch):
    """A stored radiographer_turnover forecast (drift trends) in a scratch folder the app reads."""
    inputs = {TABLES[n].file: file_sha256(paths.DATA_DIR / TABLES[n].file) for n in ("staff_ftes", "staff_turnover")}
    manifest = store.build_manifest(
        "radiographer_turnover",
        "03_forecast_radiographer_turnover.ipynb",
        {"min_prophet_points": 5},
        inputs,
        paths.DATA_DIR,
    )
    store.write_forecast(tmp_path, "radiographer_turnover", {"trend": _trend()}, manifest)
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path))
    return tmp_path


def _run(query: dict | None = None) -> AppTest:
    at = open_page("staffing", query)
    assert not at.exception, at.exception
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _per_trust(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value.set_index(at.dataframe[0].value.columns[0])


def _number(text: str) -> float:
    return float(text.replace("\u00a0", "").replace(",", "").replace("\u2212", "-"))


def test_page_renders_the_hiring_plan_with_the_trend(staff_forecast):
    at = _run()
    assert at.title[0].value.startswith("Radiografer og annet personell")
    metrics = _metrics(at)
    assert set(metrics) == {"Ansettelser 2026–2040", "Ansettelser 2026", "Ansettelser i % av årsverk"}
    # the regional radiographer hires equal the planning function's: by default the radiographers follow
    # their workload, the other roles the stored trend
    tables = load_inputs(paths.DATA_DIR, (*workload.TABLES, "staff_ftes"))[0]
    scenario = {**assumptions.defaults(tables), "population_scenario": "MMMM"}
    path = workload.radiographer_path(tables, scenario, tables["staff_ftes"])
    plan = staffing.staff_plan(tables["staff_ftes"], _trend(), scenario, path)
    expected = plan.loc[plan["role"] == "radiographer", "hires_needed"].sum()
    assert _number(metrics["Ansettelser 2026–2040"]) == pytest.approx(expected, abs=0.5)
    assert any("gir arbeidsmengden" in c.value for c in at.caption)  # implied beside Tabell 7
    assert any("Prognosene ble laget" in c.value for c in at.caption)
    assert any("VVHF, bioingeniør: Tabell 7 har tall bare til 2022" in c.value for c in at.caption)
    assert any("STHF, bioingeniør: ingen rad i Tabell 7" in c.value for c in at.caption)
    assert len(_per_trust(at)) == 8
    charts = [json.loads(c.proto.spec)["title"] for c in at.get("vega_lite_chart")]
    assert charts[:3] == [
        "Radiograf: regionen",
        "Radiograf: årsverk per helseforetak",
        "Radiograf: ansettelsesbehov per år",
    ]
    assert charts[3].startswith("ILLUSTRERENDE DATA") and any("Illustrerende data" in w.value for w in at.warning)


def test_the_trend_stays_a_choice_beside_the_workload(staff_forecast):
    at = _run({"staff_follow_trend": "1"})
    scenario = assumptions.resolve({"staff_follow_trend": 1}, {}, GROUPS)
    plan = staffing.staff_plan(load_table("staff_ftes", paths.DATA_DIR), _trend(), scenario)
    expected = plan.loc[plan["role"] == "radiographer", "hires_needed"].sum()
    assert _number(_metrics(at)["Ansettelser 2026–2040"]) == pytest.approx(expected, abs=0.5)
    assert _number(_metrics(_run())["Ansettelser 2026–2040"]) != pytest.approx(expected, abs=0.5)


def test_rising_turnover_slider_raises_the_hires_and_splits_the_columns(staff_forecast):
    at = _run()
    before = _metrics(at)
    at.slider(key="turnover_rise_pp").set_value(0.5)
    at.run()
    after = _metrics(at)
    assert _number(after["Ansettelser 2026–2040"]) > _number(before["Ansettelser 2026–2040"])
    table = _per_trust(at)
    today, rising = table["Ansettelser, dagens turnover"], table["Ansettelser, økende turnover"]
    assert (rising > today).all()
    assert (today.to_numpy() == _per_trust(_run())["Ansettelser, dagens turnover"].to_numpy()).all()


def test_target_growth_replaces_the_trend_when_chosen(staff_forecast):
    at = _run()
    before = _metrics(at)["Ansettelser 2026–2040"]
    at.slider(key="staff_follow_trend").set_value(0)
    at.run()
    assert any("vokser med målveksten, 0,0 %" in c.value for c in at.caption)
    # constant FTEs: hires are the leavers only, 5.1 % of 1,316 radiographer FTEs for 15 years
    assert _number(_metrics(at)["Ansettelser 2026–2040"]) == pytest.approx(0.051 * 1316 * 15, abs=0.5)
    assert _metrics(at)["Ansettelser 2026–2040"] != before


def test_url_sets_role_turnover_and_language(staff_forecast):
    default = _number(_metrics(_run())["Ansettelser 2026–2040"])
    at = _run({"turnover_radiographer_pct": "8", "lang": "English"})
    assert at.slider(key="turnover_radiographer_pct").value == 8.0
    assert at.title[0].value.startswith("Radiographers and other staff")
    assert _number(_metrics(at)["Hires 2026–2040"]) > default


def test_url_trust_override_changes_that_trust_only(staff_forecast):
    base = _per_trust(_run())["Ansettelser, dagens turnover"]
    at = _run({"turnover_ous_pp": "2"})
    assert at.slider(key="turnover_ous_pp").value == 2.0
    now = _per_trust(at)["Ansettelser, dagens turnover"]
    assert now["OUS"] > base["OUS"]
    assert (now.drop("OUS") == base.drop("OUS")).all()


def test_url_picks_trusts_and_roles_and_is_not_reported_as_ignored(staff_forecast):
    at = _run({"staff_trusts": ["OUS", "SIV"], "staff_roles": ["radiographer", "secretary"]})
    assert at.multiselect(key="staff_trusts").value == ["OUS", "SIV"]
    assert at.multiselect(key="staff_roles").value == ["radiographer", "secretary"]
    table = _per_trust(at)
    assert sorted(set(table.index)) == ["OUS", "SIV"] and len(table) == 4
    assert len(at.metric) == 6
    assert not any("unknown parameter" in c.value for c in at.sidebar.caption)


@pytest.mark.parametrize("lang", [None, "English"])
def test_roles_travel_in_the_url_as_codes_in_either_language(staff_forecast, lang):
    at = _run({"staff_roles": ["secretary"], **({"lang": lang} if lang else {})})
    assert at.multiselect(key="staff_roles").value == ["secretary"]
    at.multiselect(key="staff_roles").set_value(["radiographer", "bioengineer"]).run()
    assert at.query_params["staff_roles"] == ["radiographer", "bioengineer"]
    # Back to the default (radiographers only): the key leaves the URL, as for a bound widget.
    at.multiselect(key="staff_roles").set_value(["radiographer"]).run()
    assert "staff_roles" not in at.query_params
    # A label or an unknown code is not a code: the default stays.
    assert _run({"staff_roles": ["Radiograf", "nurse"]}).multiselect(key="staff_roles").value == ["radiographer"]


def test_no_trust_chosen_asks_for_one(staff_forecast):
    at = _run()
    at.multiselect(key="staff_trusts").set_value([])
    at.run()
    assert any("Velg minst ett helseforetak" in i.value for i in at.info)


def test_without_hr_file_the_plan_works_and_the_file_shape_is_shown(staff_forecast, data_copy, monkeypatch):
    (data_copy / "staff_turnover.csv").unlink()
    monkeypatch.setenv("IMAGING_PLAN_DATA_DIR", str(data_copy))
    at = _run()
    assert len(at.metric) == 3
    assert any("Ingen HR-fil" in i.value and "staff_turnover.csv" in i.value for i in at.info)
    assert any(c.value.startswith("year,trust,role,leavers,hires,avg_ftes,headcount,source") for c in at.code)
    assert not any("Illustrerende data" in w.value for w in at.warning)
    # the forecast was made with the HR file: the page says the input changed
    assert any("staff_turnover.csv" in w.value for w in at.warning)


def test_broken_hr_file_names_the_lines_and_the_plan_still_shows(staff_forecast, data_copy, monkeypatch):
    path = data_copy / "staff_turnover.csv"
    lines = path.read_text().splitlines()
    cells = lines[1].split(",")
    cells[3] = "999"  # leavers far above the staff
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n")
    monkeypatch.setenv("IMAGING_PLAN_DATA_DIR", str(data_copy))
    at = _run()
    assert len(at.metric) == 3
    assert any(
        "line 2 (year 2016, trust AHUS, role radiographer): more leavers than staff" in e.value for e in at.error
    )


def test_missing_forecast_says_how_to_make_it_and_plans_on_target_growth(tmp_path, monkeypatch):
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path / "none"))
    at = _run()
    assert any("python -m imaging_plan.pipeline.runner --only 03" in i.value for i in at.info)
    assert any("vokser med målveksten" in c.value for c in at.caption)
    # radiographers still follow their workload (it needs no stored trend): more than the leavers alone
    workload_hires = _number(_metrics(at)["Ansettelser 2026–2040"])
    at = _run({"staff_follow_trend": "0"})
    assert _number(_metrics(at)["Ansettelser 2026–2040"]) == pytest.approx(0.051 * 1316 * 15, abs=0.5)
    assert workload_hires > 0.051 * 1316 * 15


def test_overview_shows_the_staffing_section(staff_forecast):
    at = open_page(None)
    assert not at.exception
    assert "Bemanning og turnover" in [s.value for s in at.subheader]
    labels = [m.label for m in at.metric]
    assert "Radiografer: ansettelser 2026–2040" in labels and "Økende turnover nå" in labels


def test_staffing_url_keys_are_known_to_the_scenario(staff_forecast, coded_keys):
    from conftest import url_bound_keys
    from imaging_plan.planning import assumptions, scenario

    at = _run()
    keys = url_bound_keys(at) | coded_keys
    assert {"staff_trusts", "staff_roles"} <= coded_keys
    assert {k for k in keys if k not in assumptions.ASSUMPTIONS and not scenario.is_app_key(k)} == set()


def test_groups_shared_with_other_pages_start_folded_and_draw_their_sliders_once_opened(staff_forecast):
    at = _run()
    drawn = {s.key for s in at.sidebar.slider}
    assert {a.key for a in assumptions.in_group("general", "staff")} <= drawn
    assert not drawn & {a.key for a in assumptions.in_group("staff_trusts", "activity", "workload_staff")}
    hires = _metrics(at)["Ansettelser 2026–2040"]
    at.session_state["_open_activity"] = True  # the planner opens the activity group
    at.run()
    assert {a.key for a in assumptions.in_group("activity")} <= {s.key for s in at.sidebar.slider}
    at.slider(key="growth_ct_pct").set_value(8.0).run()
    moved = _metrics(at)["Ansettelser 2026–2040"]
    assert moved != hires
    at.session_state["_open_activity"] = False  # folded again: the value stays in the scenario and the link
    at.run()
    assert "growth_ct_pct" not in {s.key for s in at.sidebar.slider}
    assert float(at.query_params["growth_ct_pct"]) == 8.0 and _metrics(at)["Ansettelser 2026–2040"] == moved
    # a link with a value of a folded group opens that group, showing the value
    assert _run({"growth_ct_pct": "8"}).slider(key="growth_ct_pct").value == 8.0
