"""Notebook 07 runs end to end under the runner, writes forecasts/preparedness/, and refuses bad input whole."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from imaging_plan import paths
from imaging_plan.data import inputs
from imaging_plan.planning import preparedness
from imaging_plan.pipeline import runner, store


@pytest.fixture(scope="module")
def preparedness_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("forecasts")
    scenarios = out.parent / "scenarios.yaml"
    scenarios.write_text("all_mr_down:\n  prep_units_out: 17\nflu:\n  prep_absence_pct: 30\n", encoding="utf-8")
    code = runner.run_all(
        only=["07"], parameters={"prep_units_weeks": 10, "scenario_set": str(scenarios)}, output_dir=out, progress=False
    )
    return code, out


@pytest.mark.slow
def test_notebook_writes_capacity_and_weekly_backlog_per_scenario(preparedness_run):
    code, out = preparedness_run
    assert code == 0
    forecast = store.read_forecast(out, "preparedness")
    assert set(forecast.tables) == {
        "capacity",
        "capacity_by_area",
        "stress_summary",
        "stress_weekly",
        "stress_overflow",
        "on_call_floor",
    }
    summary, weekly = forecast.tables["stress_summary"], forecast.tables["stress_weekly"]
    assert set(summary["run"]) == {"parameters", "all_mr_down", "flu"}
    assert set(summary["scenario"]) == set(preparedness.SCENARIOS)
    assert pd.api.types.is_integer_dtype(weekly["week"])
    units_out = summary[summary["scenario"] == "units_out"].set_index("run")
    assert units_out.loc["parameters", "weeks"] == 10  # the -p value, in every run of the set
    assert units_out.loc["all_mr_down", "not_done"] > units_out.loc["parameters", "not_done"]
    manifest = forecast.manifest
    assert manifest["parameters"]["prep_units_weeks"] == 10
    assert "on_call_lines.csv" in manifest["inputs"] and "on_call_lines.csv" in manifest.get("illustrative", [])


@pytest.mark.slow
def test_more_units_out_than_the_trust_has_fails_naming_the_parameter_and_writes_nothing(tmp_path, capsys):
    code = runner.run_all(only=["07"], parameters={"prep_units_out": 30}, output_dir=tmp_path, progress=False)
    assert code == 1
    assert "prep_units_out" in capsys.readouterr().out
    assert not (tmp_path / "preparedness").exists()


@pytest.mark.slow
def test_an_on_call_file_with_an_unknown_trust_fails_naming_file_line_and_column(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data)
    lines = (data / "on_call_lines.csv").read_text(encoding="utf-8")
    (data / "on_call_lines.csv").write_text(lines + 'Nowhere,XYZ,radiology,1,6,0,"illustrative: t"\n', encoding="utf-8")
    code = runner.run_all(only=["07"], data_dir=data, output_dir=tmp_path / "out", progress=False)
    assert code == 1
    printed = capsys.readouterr().out
    row = len(inputs.load_table("on_call_lines", paths.DATA_DIR)) + 2
    assert f"line {row}, column 'trust': value 'XYZ' must be one of" in printed and "on_call_lines.csv" in printed
    assert not (tmp_path / "out" / "preparedness").exists()


def test_a_negative_absence_stops_before_running(tmp_path, capsys):
    assert runner.run_all(only=["07"], parameters={"prep_absence_pct": -5}, output_dir=tmp_path) == 1
    assert "prep_absence_pct" in capsys.readouterr().out
    assert not (tmp_path / "preparedness").exists()
