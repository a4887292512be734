"""Notebook 02 end to end under papermill, with a user's national approvals file of the documented shape."""

from __future__ import annotations

import pandas as pd
import pytest

from imaging_plan.pipeline import runner, store

pytestmark = pytest.mark.slow

# Five years for radiology (Prophet is fitted), one for nuclear medicine (it is not: the range is used).
# Test input only, never shipped.
NATIONAL = (
    "year,specialty,approvals,source\n"
    + "".join(f"{y},radiology,{a},test series\n" for y, a in zip(range(2015, 2020), (62, 66, 70, 74, 78)))
    + "2024,nuclear_medicine,4,test series\n"
)


@pytest.fixture(scope="module")
def inflow_run(tmp_path_factory):
    """Run notebook 02 once through the runner on the shipped data plus a national file, horizon 2045."""
    import shutil

    from imaging_plan import paths

    data = tmp_path_factory.mktemp("data")
    shutil.copytree(paths.DATA_DIR, data, dirs_exist_ok=True)
    (data / "specialist_approvals.csv").write_text(NATIONAL, encoding="utf-8")
    out = tmp_path_factory.mktemp("forecasts")
    code = runner.run_all(
        only=["02"],
        parameters={"horizon": 2045, "region_share_pct": 50.0},
        data_dir=data,
        output_dir=out,
        progress=False,
    )
    return code, out


def test_notebook_writes_every_table_and_a_manifest_with_both_inputs(inflow_run):
    code, out = inflow_run
    assert code == 0
    forecast = store.read_forecast(out, "specialist_inflow")
    assert set(forecast.tables) == {
        "derived_inflow",
        "inflow_trend",
        "inflow_status",
        "national_trend",
        "national_status",
        "plan",
        "pipeline",
    }
    m = forecast.manifest
    assert set(m["inputs"]) == {
        "physician_ftes.csv",
        "exams_by_modality.csv",
        "specialist_approvals.csv",
        "unmet_need.csv",
        "population_observed.csv",
        "population_projection_national.csv",
        "population_projection_counties.csv",
        "imaging_rates_by_age.csv",
    }
    assert m["parameters"]["population_scenario"] == "MMMM"  # the need is notebook 01's
    # The planned inflow is the physician model's new specialists, the same figure as notebook 01's.
    plan = forecast.tables["plan"]
    assert plan["planned"].notna().all() and (plan["planned"] > 0).any()
    assert m["parameters"]["horizon"] == 2045 and m["parameters"]["region_share_pct"] == 50.0
    assert m["parameters"]["approvals_nuclear_medicine"] == 3.0  # derived default
    assert (out / "_runs" / "02_forecast_specialist_inflow.ipynb").exists()


def test_inflow_trend_covers_both_parts_to_trend_until_and_is_not_clipped(inflow_run):
    _, out = inflow_run
    tables = store.read_forecast(out, "specialist_inflow").tables
    trend = tables["inflow_trend"]
    assert set(trend["part"]) == {"growth", "specialists"}
    assert trend["year"].max() == 2050 and pd.api.types.is_integer_dtype(trend["year"])
    line = trend.dropna(subset=["trend"])  # the default line: from the last observed year on
    assert (line["trend_lower"] <= line["trend"]).all() and (line["trend"] <= line["trend_upper"]).all()
    assert (line["trend_lower"] < 0).any()  # growth = line - exits: not clipped
    assert tables["inflow_status"]["fitted"].all()
    derived = tables["derived_inflow"].set_index(["specialty", "year"])["inflow"]
    assert derived[("nuclear_medicine", 2023)] == pytest.approx(-3 + 0.033 * 29)  # kept negative


def test_national_file_is_fitted_where_it_has_three_years_and_the_range_used_elsewhere(inflow_run):
    _, out = inflow_run
    tables = store.read_forecast(out, "specialist_inflow").tables
    status = tables["national_status"].set_index("specialty")
    assert status.loc["radiology", "basis"] == "fitted" and status.loc["radiology", "points"] == 5
    assert status.loc["nuclear_medicine", "basis"] == "too_few_points"
    assert set(tables["national_trend"]["specialty"]) == {"radiology"}
    plan = tables["plan"].set_index(["specialty", "year"])
    assert plan.loc[("radiology", 2030), "supply_basis"] == "file"
    assert plan.loc[("nuclear_medicine", 2030), "supply_basis"] == "range"
    assert plan.loc[("nuclear_medicine", 2030), "supply"] == pytest.approx(3.0 * 0.5)
    # The file rises 4 a year from 62: its trend by 2030 is well above the plan's flat 70.
    assert plan.loc[("radiology", 2030), "national_approvals"] > 80
    assert plan.index.get_level_values("year").max() == 2045


def test_bad_national_file_fails_the_run_naming_the_lines(tmp_path, capsys, data_copy):
    (data_copy / "specialist_approvals.csv").write_text(
        "year,specialty,approvals,source\n2016,radiology,60,x\n2018,radiology,-1,x\n", encoding="utf-8"
    )
    code = runner.run_all(only=["02"], data_dir=data_copy, output_dir=tmp_path, progress=False)
    printed = capsys.readouterr().out
    assert code == 1
    assert "02_forecast_specialist_inflow.ipynb: FAILED" in printed
    assert "line 3 (year 2018, specialty radiology)" in printed and "must not be negative" in printed
    assert not (tmp_path / "specialist_inflow").exists()
