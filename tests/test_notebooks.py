"""Notebooks are thin, committed without outputs, and run end to end under papermill."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from imaging_plan import paths
from imaging_plan.planning import assumptions, physicians, uncertainty, workload
from imaging_plan.forecasting import default_lines
from imaging_plan.pipeline import runner, store
from imaging_plan.data.inputs import load_inputs
from imaging_plan.forecasting.trends import TrendSettings

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_has_no_outputs_and_no_definitions(notebook):
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        assert not cell.get("outputs") and not cell.get("execution_count"), notebook.name
        if cell["cell_type"] == "code":
            src = "".join(cell["source"])
            assert "\ndef " not in "\n" + src and "\nclass " not in "\n" + src, (
                f"{notebook.name}: move functions into the package"
            )
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"{notebook.name}: needs exactly one cell tagged 'parameters'"


@pytest.mark.parametrize(
    "notebook, family",
    [
        *default_lines.FAMILY_OF_NOTEBOOK.items(),
        ("05_backtest_forecasts.ipynb", None),
        ("06_backtest_planning_models.ipynb", "staff"),
    ],
)  # 03's trends
def test_notebook_prophet_settings_are_the_ones_the_backtest_scored(notebook, family):
    """Each notebook declares exactly the settings of its family's default line (05: those it scores)."""
    import ast
    from dataclasses import fields

    import papermill as pm

    declared = pm.inspect_notebook(str(paths.NOTEBOOKS_DIR / notebook))
    scored = TrendSettings() if family is None else default_lines.DEFAULT_LINES[family].settings
    for field in fields(TrendSettings):
        assert field.name in declared, f"{notebook}: no parameter {field.name}"
        assert ast.literal_eval(declared[field.name]["default"]) == getattr(scored, field.name), (
            f"{notebook}: {field.name} differs from what the backtest scored"
        )


def test_forecast_names_follow_the_notebook_names():
    assert runner.forecast_name(paths.NOTEBOOKS_DIR / "01_forecast_physician_ftes.ipynb") == "physician_ftes"
    assert runner.forecast_name(paths.NOTEBOOKS_DIR / "02_forecast_specialist_inflow.ipynb") == "specialist_inflow"
    assert runner.forecast_name(paths.NOTEBOOKS_DIR / "05_backtest_forecasts.ipynb") == "backtest_forecasts"
    assert runner.forecast_name(paths.NOTEBOOKS_DIR / "06_backtest_planning_models.ipynb") == "backtest_planning_models"
    assert runner.forecast_name(paths.NOTEBOOKS_DIR / "07_stress_preparedness.ipynb") == "preparedness"


@pytest.fixture(scope="module")
def physician_run(tmp_path_factory):
    """Run notebook 01 once through the runner into a scratch folder, horizon 2045 and the model's new assumptions."""
    out = tmp_path_factory.mktemp("forecasts")
    code = runner.run_all(only=["01"], parameters=PHYSICIAN_PARAMETERS, output_dir=out, progress=False)
    return code, out


# Every assumption the one model added, moved off its default, as an analyst passes them with -p.
PHYSICIAN_PARAMETERS = {
    "horizon": 2045,
    "recruitment_window_years": 5,
    "recruitment_radiology_extra_fte": 1.5,
    "unmet_need_pct": 4.0,
    "use_growth_nuclear_medicine_pct": 2.5,
    "draws": 1200,
    "seed": 7,
}


@pytest.mark.slow
def test_physician_notebook_writes_trend_plan_and_manifest(physician_run):
    code, out = physician_run
    assert code == 0
    forecast = store.read_forecast(out, "physician_ftes")
    trend, plan = forecast.tables["trend"], forecast.tables["plan"]
    assert list(trend.columns) == ["specialty", "series", "year", "fte", "trend", "trend_lower", "trend_upper"]
    assert set(trend["series"]) == {"total", "consultant", "specialist", "acting_consultant", "resident"}
    assert pd.api.types.is_integer_dtype(trend["year"]) and trend["year"].max() == 2050  # trend_until
    line = trend.dropna(subset=["trend"])  # the default line starts at the last observed year
    assert line["year"].min() == 2025 and len(line) == 10 * (2050 - 2025 + 1)
    assert (line[["trend", "trend_lower", "trend_upper"]] >= 0).all().all()
    assert (line["trend_lower"] <= line["trend"]).all() and (line["trend"] <= line["trend_upper"]).all()
    observed = trend.dropna(subset=["fte"])
    assert observed["year"].min() == 2015 and observed["year"].max() == 2025
    assert plan["year"].max() == 2045 and plan["year"].min() == 2025
    assert set(plan.columns) >= {"specialty", "year", "supply", "need", "gap"}
    m = forecast.manifest
    assert m["parameters"]["horizon"] == 2045 and m["parameters"]["exit_rate_pct"] == 3.3
    assert set(m["inputs"]) == {
        "physician_ftes.csv",
        "exams_by_modality.csv",
        "unmet_need.csv",
        "population_observed.csv",
        "population_projection_national.csv",
        "imaging_rates_by_age.csv",
        # the county totals and the activity's exams (the workload beside the index)
        "population_projection_counties.csv",
        "private_exams.csv",
        "exams_by_trust.csv",
    }
    assert len(m["inputs"]["physician_ftes.csv"]) == 64
    assert m["parameters"]["population_scenario"] == "MMMM"
    assert m["parameters"]["draws"] == 1200 and m["parameters"]["seed"] == 7  # the Monte Carlo's record
    assert m["inputs"]["unmet_need.csv"] is None  # the optional file was absent: adding one makes it stale
    assert list(plan.columns) == physicians.PLAN_COLUMNS
    # The -p values reached the model: the stored plan is physician_plan at exactly those values.
    tables = load_inputs(paths.DATA_DIR, physicians.PLAN_TABLES)[0]
    asked = {k: v for k, v in PHYSICIAN_PARAMETERS.items() if k in assumptions.ASSUMPTIONS}
    expected = physicians.physician_plan(tables, assumptions.resolve(asked, tables, ("general", "physicians")))
    pd.testing.assert_frame_equal(plan.reset_index(drop=True), expected, check_dtype=False, atol=1e-6)
    interval, sensitivity = forecast.tables["gap_interval"], forecast.tables["sensitivity"]
    assert list(interval.columns) == uncertainty.INTERVAL_COLUMNS
    assert set(interval["measure"]) >= {"gap", "specialists_gap", "residents_gap", "supply", "need"}
    assert (interval["p10"] <= interval["p50"]).all() and (interval["p50"] <= interval["p90"]).all()
    assert list(sensitivity.columns) == uncertainty.SENSITIVITY_COLUMNS and set(sensitivity["year"]) == {2045}
    need = forecast.tables["need"]
    assert list(need.columns) == ["specialty", "year", "demography", "use", "ai", "index", "need"]
    assert plan.merge(need, on=["specialty", "year"]).eval("need_x == need_y").all()
    assert (out / "_runs" / "01_forecast_physician_ftes.ipynb").exists()


@pytest.mark.slow
def test_rerun_on_the_same_data_gives_the_same_intervals(physician_run):
    # What notebook 01 stores, made again in process with its settings: Prophet's intervals and the
    # Monte Carlo's, both seeded, come out the same.
    _, first = physician_run
    stored = store.read_forecast(first, "physician_ftes")
    tables = load_inputs(paths.DATA_DIR, workload.TABLES)[0]
    settings = TrendSettings(**{k: stored.manifest["parameters"][k] for k in TrendSettings.__dataclass_fields__})
    trend = default_lines.physician_trends(
        tables["physician_ftes"], 2050, default_lines.default_line("physicians", settings)
    )
    pd.testing.assert_frame_equal(stored.tables["trend"], trend, check_dtype=False, atol=1e-9)
    values = assumptions.resolve(
        {k: v for k, v in PHYSICIAN_PARAMETERS.items() if k in assumptions.ASSUMPTIONS},
        tables,
        ("general", "physicians"),
    )
    again = uncertainty.gap_interval(tables, values, PHYSICIAN_PARAMETERS["draws"], PHYSICIAN_PARAMETERS["seed"])
    pd.testing.assert_frame_equal(stored.tables["gap_interval"], again, check_dtype=False, atol=1e-9)


@pytest.mark.slow
def test_failed_run_names_the_notebook_and_keeps_the_earlier_forecast(physician_run, tmp_path, capsys):
    _, out = physician_run
    scratch = tmp_path / "forecasts"
    shutil.copytree(out, scratch)
    before = (scratch / "physician_ftes" / "manifest.json").read_text()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "physician_ftes.csv").write_text("year,specialty,category,fte\n2025,radiology,consultant,-3\n")
    code = runner.run_all(only=["01"], data_dir=bad, output_dir=scratch, progress=False)
    printed = capsys.readouterr().out
    assert code == 1
    assert "01_forecast_physician_ftes.ipynb: FAILED" in printed and "must not be negative" in printed
    assert (scratch / "physician_ftes" / "manifest.json").read_text() == before
    assert (scratch / "_runs" / "01_forecast_physician_ftes.failed.ipynb").exists()


def test_unknown_parameter_stops_before_running(tmp_path, capsys):
    assert runner.run_all(only=["01"], parameters={"horizont": 2045}, output_dir=tmp_path) == 1
    assert "horizont" in capsys.readouterr().out
    assert not (tmp_path / "physician_ftes").exists()


def test_out_of_range_parameter_stops_before_running(tmp_path, capsys):
    assert runner.run_all(only=["01"], parameters={"horizon": 2100}, output_dir=tmp_path) == 1
    assert "parameter 'horizon'" in capsys.readouterr().out


# --- Notebook 03: staffing and turnover ----------------------------------------------------------


def test_staffing_forecast_name():
    assert (
        runner.forecast_name(paths.NOTEBOOKS_DIR / "03_forecast_radiographer_turnover.ipynb") == "radiographer_turnover"
    )


@pytest.fixture(scope="module")
def staff_runs(tmp_path_factory):
    """Run notebook 03 once with the shipped data (HR file included) and once on a copy without the HR file."""
    with_hr = tmp_path_factory.mktemp("staff_with_hr")
    code_with = runner.run_all(
        only=["03"], parameters={"horizon": 2045, "turnover_rise_pp": 0.5}, output_dir=with_hr, progress=False
    )
    data = tmp_path_factory.mktemp("data_without_hr") / "data"
    shutil.copytree(paths.DATA_DIR, data)
    (data / "staff_turnover.csv").unlink()
    without_hr = tmp_path_factory.mktemp("staff_without_hr")
    # Without the HR file: the plan and its fallback are checked, not the trends (drift, no Prophet fit).
    code_without = runner.run_all(
        only=["03"], data_dir=data, parameters={"min_prophet_points": 99}, output_dir=without_hr, progress=False
    )
    return (code_with, with_hr), (code_without, without_hr, data)


@pytest.mark.slow
def test_staffing_notebook_with_hr_file_writes_trends_plan_and_flags(staff_runs):
    (code, out), _ = staff_runs
    assert code == 0
    forecast = store.read_forecast(out, "radiographer_turnover")
    assert set(forecast.tables) == {
        "trend",
        "plan",
        "status",
        "turnover_history",
        "turnover_flags",
        "workload",  # radiographers from the exams, and the study places
        "education",
    }
    trend, plan = forecast.tables["trend"], forecast.tables["plan"]
    line = trend.dropna(subset=["trend"])  # the default line starts at each series' last observed year
    assert (line[["trend", "trend_lower", "trend_upper"]] >= 0).all().all()
    assert (line["trend_lower"] <= line["trend"] + 1e-9).all()
    assert (line["trend"] <= line["trend_upper"] + 1e-9).all()
    # the band's half-width widens with the horizon (its lower side may be cut at zero)
    above = line.assign(w=line["trend_upper"] - line["trend"]).groupby(["role", "trust"])["w"]
    assert (above.diff().dropna() >= -1e-9).all()
    assert set(trend["method"]) == {"default"} and trend["year"].max() == 2050
    series = set(zip(trend["role"], trend["trust"]))
    assert ("bioengineer", "STHF") not in series  # no row in Tabell 7: no trend
    assert {(r, "ALL") for r in ("radiographer", "bioengineer", "secretary")} <= series
    vvhf = trend[(trend["role"] == "bioengineer") & (trend["trust"] == "VVHF")]
    assert vvhf["last_observed"].iloc[0] == 2022 and vvhf.dropna(subset=["fte"])["year"].max() == 2022
    assert plan["year"].min() == 2026 and plan["year"].max() == 2045
    assert ("bioengineer", "VVHF") not in set(zip(plan["role"], plan["trust"]))
    first = plan[plan["year"] == 2026]
    assert first["turnover_pct"].tolist() == pytest.approx([5.6] * len(first))  # 5.1 + 0.5 rising
    m = forecast.manifest
    assert m["parameters"]["turnover_rise_pp"] == 0.5 and m["parameters"]["min_prophet_points"] == 5
    activity_inputs = {  # the radiographers' workload reads the activity's tables
        "exams_by_modality.csv",
        "private_exams.csv",
        "exams_by_trust.csv",
        "population_observed.csv",
        "population_projection_national.csv",
        "population_projection_counties.csv",
        "imaging_rates_by_age.csv",
    }
    assert set(m["inputs"]) == {"staff_ftes.csv", "staff_turnover.csv", *activity_inputs}
    assert len(m["inputs"]["staff_turnover.csv"]) == 64
    flags = forecast.tables["turnover_flags"]
    assert len(flags) == 23 and flags["flag"].dtype == bool
    assert forecast.tables["turnover_history"]["source"].str.startswith("illustrative").all()


@pytest.mark.slow
def test_staffing_notebook_without_hr_file_still_plans(staff_runs):
    _, (code, out, data) = staff_runs
    assert code == 0
    forecast = store.read_forecast(out, "radiographer_turnover")
    assert set(forecast.tables) == {"trend", "plan", "status", "workload", "education"}
    assert forecast.manifest["inputs"]["staff_turnover.csv"] is None
    assert forecast.changed_inputs(data) == []
    assert forecast.tables["plan"]["year"].max() == 2040
    (data / "staff_turnover.csv").write_text((paths.DATA_DIR / "staff_turnover.csv").read_text())
    assert forecast.changed_inputs(data) == ["staff_turnover.csv"]  # an HR file added later makes it stale


@pytest.fixture(scope="module")
def backtest_run(tmp_path_factory):
    """Run notebook 05 once on the inflow series with the Prophet grid (the full run takes ~80 s)."""
    out = tmp_path_factory.mktemp("forecasts")
    code = runner.run_all(
        # one process: the other test worker has the second core
        only=["05"],
        parameters={"families": "inflow", "horizon": 2045, "workers": 1},
        output_dir=out,
        progress=False,
    )
    return code, out


@pytest.mark.slow
def test_backtest_notebook_writes_scores_grid_and_forward_lines(backtest_run):
    code, out = backtest_run
    assert code == 0
    forecast = store.read_forecast(out, "backtest_forecasts")
    tables = forecast.tables
    assert set(tables) == {
        "series",
        "forecasts",
        "accuracy",
        "winners",
        "pooled",
        "prophet_grid",
        "forward",
        "default_choices",
        "pooled_by_family",
    }
    assert set(tables["series"]["series_id"]) == {"inflow:radiology", "inflow:nuclear_medicine"}
    # inflow 2016-2025: origins 2021-2024, checks 4 + 3 + 2 at horizons 1, 2, 3
    prophet = tables["forecasts"][tables["forecasts"]["method"] == "prophet"]
    assert prophet.groupby("horizon").size().to_dict() == {1: 8, 2: 6, 3: 4}
    assert (prophet["year"] > prophet["origin"]).all()
    assert list(tables["pooled"]["method"]) == ["naive", "drift", "theta", "prophet", "median", "mean", "default"]
    assert tables["pooled"]["series_won"].sum() == 2
    pooled = tables["pooled"].set_index("method")
    assert pooled.loc["default", "checks"] == pooled.loc["naive", "checks"] == 18  # the same checks
    choices = tables["default_choices"]
    # inflow origins 2021-2024, then the choice on every check (2025): the line drawn
    assert choices["origin"].tolist() == [2021, 2022, 2023, 2024, 2025]
    assert choices["drawn"].tolist() == [False] * 4 + [True] and choices["basis"].iloc[0] == "fallback"
    # the line the package draws for the inflow is the one this backtest chooses on every check
    drawn = choices[choices["drawn"]].iloc[0]
    line = default_lines.DEFAULT_LINES["inflow"]
    assert drawn["chosen"] == line.name
    assert [drawn[f"q_h{h}"] for h in (1, 2, 3)] == pytest.approx(line.band, abs=0.005)
    grid = tables["prophet_grid"]
    assert len(grid) == 4 and grid["current"].sum() == 1 and grid["best"].sum() >= 1
    forward = tables["forward"]
    assert set(forward["method"]) == {"naive", "drift", "theta"} and forward["year"].max() == 2050
    m = forecast.manifest
    assert m["parameters"]["exit_rate_pct"] == 3.3 and m["parameters"]["n_changepoints"] == 5
    assert set(m["inputs"]) == {"physician_ftes.csv", "staff_ftes.csv"}
    assert (out / "_runs" / "05_backtest_forecasts.ipynb").exists()
    assert not (out / "_history").exists()  # --only runs are not kept in the history


@pytest.mark.slow
def test_planning_backcast_notebook_writes_the_backcast_from_the_origin(tmp_path):
    # One origin, and the staffing trends by drift (no Prophet fit: notebook 03's test fits them), keep it short.
    code = runner.run_all(
        only=["06"],
        parameters={"first_origin": 2020, "last_origin": 2020, "min_prophet_points": 99},
        output_dir=tmp_path,
        progress=False,
    )
    assert code == 0
    forecast = store.read_forecast(tmp_path, "backtest_planning_models")
    backcast = forecast.tables["planning_backcast"]
    assert list(backcast.columns) == [
        "origin",
        "family",
        "series",
        "year",
        "modelled",
        "actual",
        "error",
        "error_pct",
        "variant",
    ]
    assert set(backcast["origin"]) == {2020} and set(backcast["year"]) == set(range(2021, 2026))
    physicians = backcast[backcast["family"] == "physicians"]
    assert set(physicians["series"]) == {"radiology", "nuclear_medicine"}
    assert set(physicians["variant"]) == {"with_recruitment", "without_recruitment"}
    staff = backcast[backcast["family"] == "staff"]
    assert set(staff["variant"]) == {"trend", "target_growth"}
    # Tabell 6, radiology 2025: 654 FTEs.
    assert (physicians.loc[(physicians["series"] == "radiology") & (physicians["year"] == 2025), "actual"] == 654).all()
    assert forecast.manifest["parameters"]["origins"] == [2020]
