"""The New specialists page through Streamlit's AppTest: sliders, URL parameters, missing and partial inputs."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conftest import open_page
from imaging_plan import paths
from imaging_plan.pipeline import store
from imaging_plan.data.inputs import file_sha256
from imaging_plan.data.schemas import TABLES

SPECIALTIES = ("radiology", "nuclear_medicine")
# The page's metrics per specialty, in the order shown.
FIGURES = ("required", "planned", "supply", "cum_planned", "cum_supply", "deadline", "residents")


def _write(folder, basis: str = "no_file", points: int = 0, inputs: dict | None = None):
    """Store a small specialist_inflow forecast (no Prophet): growth trend 10, specialist trend 100."""
    rows = [(s, "growth", y, None, 10.0, 8.0, 12.0) for s in SPECIALTIES for y in range(2016, 2051)]
    rows += [(s, "specialists", y, None, 100.0, 90.0, 110.0) for s in SPECIALTIES for y in range(2015, 2051)]
    trend = pd.DataFrame(rows, columns=["specialty", "part", "year", "value", "trend", "trend_lower", "trend_upper"])
    status = pd.DataFrame(
        [(s, p, 10, True) for s in SPECIALTIES for p in ("growth", "specialists")],
        columns=["specialty", "part", "points", "fitted"],
    )
    national = pd.DataFrame(
        {
            "specialty": list(SPECIALTIES),
            "points": [points, 0],
            "basis": [basis, "not_in_file" if basis != "no_file" else "no_file"],
        }
    )
    years = range(2015, 2051) if basis == "fitted" else []
    national_trend = pd.DataFrame(
        {
            "specialty": "radiology",
            "year": list(years),
            "approvals": None,
            "trend": 100.0,
            "trend_lower": 90.0,
            "trend_upper": 110.0,
        },
        columns=["specialty", "year", "approvals", "trend", "trend_lower", "trend_upper"],
    )
    ftes_file = TABLES["physician_ftes"].file
    inputs = inputs or {ftes_file: file_sha256(paths.DATA_DIR / ftes_file)}
    store.write_forecast(
        folder,
        "specialist_inflow",
        {"inflow_trend": trend, "inflow_status": status, "national_trend": national_trend, "national_status": national},
        store.build_manifest("specialist_inflow", "02_forecast_specialist_inflow.ipynb", {}, inputs, paths.DATA_DIR),
    )


@pytest.fixture
def forecasts(tmp_path, monkeypatch):
    _write(tmp_path)
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path))
    return tmp_path


def _run(query: dict | None = None) -> AppTest:
    return open_page("inflow", query)


def _figures(at: AppTest) -> dict[str, str]:
    """Return the metrics as {'radiology supply': value, ...}."""
    values = [m.value for m in at.metric]
    assert len(values) == len(SPECIALTIES) * len(FIGURES)
    names = [f"{s} {f}" for s in SPECIALTIES for f in FIGURES]
    return dict(zip(names, values))


def _median(value: str) -> str:
    """Return a headline's median: '39,2 (33,6 til 44,8)' -> '39,2'."""
    return value.split(" (")[0]


def test_page_renders_with_defaults_and_forecast(forecasts):
    at = _run()
    assert not at.exception
    assert at.title[0].value == "Nye spesialister: behov, kurs og utdanning"
    f = _figures(at)
    # Supply: 70 (60 to 80) x 56 % = 39.2 (33.6 to 44.8) and 3 x 56 % = 1.7 (no range).
    assert f["radiology supply"] == "39,2 (33,6 til 44,8)" and f["nuclear_medicine supply"] == "1,7 (1,7 til 1,7)"
    # The trend is the reference, in a caption: growth 10 + 3.3 % of 100 specialists = 13.3 a year.
    assert sum("(referanse): 13,3 i året" in c.value for c in at.caption) == 2
    # Training drawn at the scenario's 5 years and one more: posts by 2040 - 6 to 2040 - 5.
    assert f["radiology deadline"] == "2034–2035"
    for specialty in SPECIALTIES:  # every figure from the draws is a median with its 80 % interval
        for figure in ("required", "planned", "cum_planned", "cum_supply", "residents"):
            assert " til " in f[f"{specialty} {figure}"], (specialty, figure)
    assert any("Prognosene ble laget" in c.value for c in at.caption)
    assert any("fagplanens spenn, 60–80" in c.value for c in at.caption)
    assert any("negativ i 2021, 2022, 2023" in c.value for c in at.caption)  # nuclear medicine, kept
    assert not at.warning and len(at.main.get("download_button")) == 2


# slider -> (value, figures that must change); every other figure must stay
EFFECTS = {
    "region_share_pct": (40.0, {f"{s} {f}" for s in SPECIALTIES for f in ("supply", "cum_supply")}),
    "approvals_radiology": (90, {"radiology supply", "radiology cum_supply"}),
    "approvals_nuclear_medicine": (10.0, {"nuclear_medicine supply", "nuclear_medicine cum_supply"}),
    "approvals_radiology_spread": (20, {"radiology supply"}),  # the range shown beside the central value
    # exits: the need's inflow and the recruitment calibrated at that rate (so the planned inflow)
    "exit_rate_pct": (
        6.0,
        {f"{s} {f}" for s in SPECIALTIES for f in ("required", "planned", "cum_planned", "cum_supply", "residents")},
    ),
    # training: own finishers and the calibration, the residents needed and the deadline; not the need.
    "training_years": (
        7,
        {f"{s} {f}" for s in SPECIALTIES for f in ("planned", "cum_planned", "residents", "deadline")},
    ),
    "use_growth_pct": (  # radiology's use per person: its need only (nuclear medicine has its own)
        3.0,
        {f"radiology {f}" for f in ("required", "cum_planned", "cum_supply", "residents")},
    ),
    "use_growth_nuclear_medicine_pct": (
        4.0,
        {f"nuclear_medicine {f}" for f in ("required", "cum_planned", "cum_supply", "residents")},
    ),
    "recruitment_radiology_extra_fte": (5.0, {f"radiology {f}" for f in ("planned", "cum_planned", "residents")}),
}


@pytest.mark.parametrize("key", sorted(EFFECTS))
def test_each_slider_changes_what_it_should_and_only_that(forecasts, key):
    value, expected = EFFECTS[key]
    at = _run()
    before = _figures(at)
    at.slider(key=key).set_value(value)
    at.run()
    assert not at.exception
    after = _figures(at)
    assert {k for k in before if before[k] != after[k]} == expected


def test_spread_slider_widens_the_approvals_band_in_the_table(forecasts):
    at = _run()
    assert not at.dataframe  # the tables are downloads, drawn only when asked for
    at.toggle(key="inflow_show_plan").set_value(True).run()
    low = at.dataframe[0].value.iloc[0]["Fra godkjenninger, lav"]
    at.slider(key="approvals_radiology_spread").set_value(20).run()
    assert at.dataframe[0].value.iloc[0]["Fra godkjenninger, lav"] == pytest.approx(50 * 0.56, abs=0.05)
    assert low == pytest.approx(60 * 0.56, abs=0.05)


def test_url_parameter_sets_its_slider_and_language(forecasts):
    at = _run({"region_share_pct": "40", "lang": "English", "horizon": "2045"})
    assert at.slider(key="region_share_pct").value == 40.0
    assert at.title[0].value == "New specialists: need, course and training"
    f = _figures(at)
    assert _median(f["radiology supply"]) == "28.0"  # 70 x 40 %
    assert f["radiology deadline"] == "2039–2040"


def test_horizon_too_close_for_training_says_already_late(forecasts):
    at = _run({"horizon": "2029"})
    assert not at.exception
    assert _figures(at)["radiology deadline"] == "for sent"
    assert any("Utdanningstiden (5 år)" in i.value for i in at.info)


def test_missing_forecast_says_how_to_make_it_and_shows_the_rest(tmp_path, monkeypatch):
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path / "none"))
    at = _run()
    assert not at.exception
    assert any("python -m imaging_plan.pipeline.runner --only 02" in i.value for i in at.info)
    f = _figures(at)
    assert not any("(referanse)" in c.value for c in at.caption)  # no trend, no reference figure
    assert _median(f["radiology supply"]) == "39,2" and " til " in f["radiology planned"]


def test_national_file_added_after_the_forecast_is_warned_about(forecasts, data_copy, monkeypatch):
    (data_copy / "specialist_approvals.csv").write_text(
        "year,specialty,approvals,source\n2022,radiology,70,x\n2023,radiology,71,x\n2024,radiology,72,x\n"
    )
    monkeypatch.setenv("IMAGING_PLAN_DATA_DIR", str(data_copy))
    at = _run()
    assert not at.exception
    assert any("specialist_approvals.csv" in w.value and "--only 02" in w.value for w in at.warning)


def test_national_file_recorded_as_absent_is_warned_about_once_it_appears(tmp_path, data_copy, monkeypatch):
    """Notebook 02 records an absent national file as None (so --if-stale rebuilds when it appears)."""
    ftes_file, national_file = TABLES["physician_ftes"].file, TABLES["specialist_approvals"].file
    _write(tmp_path, inputs={ftes_file: file_sha256(paths.DATA_DIR / ftes_file), national_file: None})
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path))
    monkeypatch.setenv("IMAGING_PLAN_DATA_DIR", str(data_copy))
    from imaging_plan.i18n import t

    made_without = t(
        "national_file_new", "nb", file=national_file, cmd="python -m imaging_plan.pipeline.runner --only 02"
    )
    assert not any(national_file in w.value for w in _run().warning)  # no file yet: nothing to say
    (data_copy / national_file).write_text(
        "year,specialty,approvals,source\n2022,radiology,70,x\n2023,radiology,71,x\n2024,radiology,72,x\n"
    )
    at = _run()
    assert not at.exception
    assert made_without in [w.value for w in at.warning]  # says what is used until the rerun


def test_too_few_national_points_say_the_range_is_used(tmp_path, monkeypatch):
    _write(tmp_path, basis="too_few_points", points=1)
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path))
    at = _run()
    captions = " ".join(c.value for c in at.caption)
    assert "bare 1 år" in captions and "Prophet er ikke brukt" in captions
    assert "60–80" in captions  # the range it falls back to
    assert _median(_figures(at)["radiology supply"]) == "39,2"


def test_a_fitted_national_series_replaces_the_radiology_range(tmp_path, monkeypatch):
    _write(tmp_path, basis="fitted", points=5)  # stored national trend: 100 a year for radiology
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path))
    at = _run()
    assert _figures(at)["radiology supply"] == "56,0 (50,4 til 61,6)"  # 100 (90 to 110) x 56 %
    assert any("Prophet-trend av filen din (5 år" in c.value for c in at.caption)
    at.slider(key="approvals_radiology").set_value(90).run()
    assert _median(_figures(at)["radiology supply"]) == "56,0"  # the slider is not used for it
    at.slider(key="region_share_pct").set_value(40.0).run()
    f = _figures(at)
    assert _median(f["radiology supply"]) == "40,0" and _median(f["nuclear_medicine supply"]) == "1,2"


def test_each_specialty_chart_carries_its_backtest_line(forecasts):
    at = open_page("inflow")
    notes = [c.value for c in at.caption if "Treffsikkerheten er ikke målt ennå" in c.value]
    assert len(notes) == 2 and all("--only 05" in n for n in notes)  # one per specialty, says how
