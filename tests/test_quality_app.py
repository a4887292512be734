"""The Model quality page, and the backtest's note and method switch on the Physicians page (AppTest)."""

from __future__ import annotations

import json
from types import MappingProxyType
from dataclasses import replace
from datetime import datetime, timezone

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conftest import open_page, url_bound_keys
from imaging_plan import paths
from imaging_plan.planning import assumptions, scenario
from imaging_plan.forecasting import backtest_default, backtesting, baselines, trends
from imaging_plan.views import cache, quality
from imaging_plan.views import quality as quality_view
from imaging_plan.data import inputs
from imaging_plan.pipeline import runs, store
from imaging_plan.app import components
from imaging_plan.app.shell import snapshot_for


def _physician_forecast(out, gap_shift: float = 0.0, parameters: dict | None = None) -> None:
    """A stored physician forecast (flat fake trend, shifted plan) so pages and history have something to read."""
    from imaging_plan.planning import assumptions, physicians

    tables, hashes = inputs.load_inputs(paths.DATA_DIR, physicians.PLAN_TABLES)
    plan = physicians.physician_plan(tables, assumptions.defaults(tables))
    plan["gap"] += gap_shift
    trend = pd.DataFrame(
        [
            (s, "total", y, None, 500.0, 450.0, 550.0)
            for s in ("radiology", "nuclear_medicine")
            for y in range(2015, 2051)
        ],
        columns=["specialty", "series", "year", "fte", "trend", "trend_lower", "trend_upper"],
    )
    store.write_forecast(
        out,
        "physician_ftes",
        {"trend": trend, "plan": plan},
        store.build_manifest(
            "physician_ftes",
            "01_forecast_physician_ftes.ipynb",
            parameters or {"horizon": 2040},
            hashes,
            paths.DATA_DIR,
        ),
    )


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """A real backtest of the specialty totals and the inflow (no Prophet grid), stored as notebook 05 does."""
    out = tmp_path_factory.mktemp("forecasts")
    tables, hashes = inputs.load_inputs(paths.DATA_DIR, ("physician_ftes", "staff_ftes"))
    settings = trends.TrendSettings()
    series = backtesting.build_series(tables, 3.3, ("physicians", "inflow"))
    ids = series["series_id"]
    series = series[ids.str.startswith("inflow:") | ids.str.endswith(":total")]  # 4 series: the pages' lines
    overview = backtesting.overview(series)
    fitted = backtesting.rolling_origin(series, baselines.forecast_methods(settings))
    forecasts = backtest_default.add_combinations(fitted)
    default, choices = backtest_default.default_forecasts(forecasts)
    scored = backtest_default.scored_forecasts(forecasts, default)
    winners = backtesting.winners(scored, overview)
    written = {
        "series": series,
        "forecasts": scored,
        "accuracy": backtesting.accuracy(scored),
        "winners": winners,
        "pooled": backtesting.pooled(scored, winners, backtesting.POOLED_METHODS),
        "prophet_grid": backtesting.grid_table(forecasts, {settings.label: settings}, settings),
        "forward": backtesting.forward(series, baselines.forecast_methods(settings, prophet=False), 2050),
        "default_choices": choices,
        "pooled_by_family": backtest_default.family_pooled(scored),
    }
    store.write_forecast(
        out,
        "backtest_forecasts",
        written,
        store.build_manifest(
            "backtest_forecasts", "05_backtest_forecasts.ipynb", {"mape_min_actual": 5.0}, hashes, paths.DATA_DIR
        ),
    )
    _physician_forecast(out)
    return out, written


@pytest.fixture
def forecasts_dir(stored, monkeypatch):
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(stored[0]))
    return stored[0]


def _text(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


# --- the Model quality page ----------------------------------------------------------------------


def test_quality_page_shows_reading_tables_and_chart(forecasts_dir, stored):
    at = open_page("quality")
    assert not at.exception
    assert at.title[0].value == "Modellkvalitet: hvor godt traff prognosene?"
    pooled = stored[1]["pooled"].set_index("method")
    best = pooled["mase_all"].idxmin()
    text = _text(at)
    assert f"hadde **{quality_view._method(best, 'nb')}** lavest samlet MASE" in text
    assert f"Prophet fikk {quality_view.fmt_number(pooled.loc['prophet', 'mase_all'], 'nb', 2)}" in text
    accuracy = at.dataframe[1].value
    assert len(accuracy) == 4 and accuracy["Vinner"].str.startswith("★").all()  # 2 specialty totals, 2 inflows
    assert len([n for n in at.main if n.type == "vega_lite_chart"]) == 1
    assert any("Ingen tidligere kjøringer" in i.value for i in at.info)  # no kept runs yet


def test_quality_page_leads_with_the_default_line_of_each_family(forecasts_dir, stored):
    at = open_page("quality", {"lang": "en"})
    assert not at.exception
    assert at.subheader[0].value == "The line drawn"
    lead = at.markdown[1].value  # after the intro
    by_family = stored[1]["pooled_by_family"].set_index(["family", "method"])
    for family, name in (("physicians", "Physicians"), ("inflow", "Specialist inflow")):
        default, naive = by_family.loc[(family, "default")], by_family.loc[(family, "naive")]
        assert f"**{name}**: the pages draw" in lead
        assert f"pooled MASE {default['mase_all']:.2f} against naive's {naive['mase_all']:.2f}" in lead
        assert f"({int(default['hits'])}/{int(default['checks'])})" in lead
    assert "**Staff**" not in lead  # not backtested here
    # the rule in one sentence, with the number of candidates the prior was tested against:
    # naive, drift, Theta, Prophet and the mean (no grid here)
    assert any("Holm-corrected for 5 candidates" in c.value for c in at.caption)


def test_lead_sentence_compares_with_naive_and_flags_a_choice_the_app_does_not_draw():
    by_family = pd.DataFrame(
        {
            "family": ["staff", "staff"],
            "method": ["default", "naive"],
            "mase_all": [0.9, 1.2],
            "median_all": [0.5, 0.6],
            "checks": [20, 20],
            "hits": [16, 17],
            "coverage": [0.8, 0.85],
        }
    )
    drawn = quality_view.DEFAULT_LINES["staff"].name
    other = "drift" if drawn != "drift" else "naive"
    choices = pd.DataFrame({"family": ["staff"], "origin": [2025], "drawn": [True], "chosen": [other]})
    lines = quality_view.default_sentences(by_family, choices, "en")
    assert "MASE 0.90 against naive's 1.20 (25 % lower than naive, 20 checks)" in lines[0]
    assert "held 80 % of outcomes (16/20)" in lines[0]
    assert len(lines) == 2 and f"now chooses {other} for staff" in lines[1]
    choices["chosen"] = drawn
    assert len(quality_view.default_sentences(by_family, choices, "en")) == 1


def test_url_sets_the_series_and_language(forecasts_dir):
    at = open_page("quality", {"lang": "en", "series": "inflow:radiology"})
    assert not at.exception
    assert at.title[0].value == "Model quality: how well did the forecasts do?"
    assert at.selectbox(key="series").value == "inflow:radiology"
    chart = next(n for n in at.main if n.type == "vega_lite_chart")
    assert json.loads(chart.proto.spec)["title"] == "Specialist inflow, Radiology"


def test_a_slider_move_reruns_the_page_without_changing_the_measured_figures(forecasts_dir):
    at = open_page("quality")
    before = at.dataframe[0].value
    at.slider(key="horizon").set_value(2045).run()
    assert not at.exception
    pd.testing.assert_frame_equal(at.dataframe[0].value, before)  # stored results: sliders do not refit


def test_missing_backtest_says_how_to_make_it(tmp_path, monkeypatch):
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path))
    at = open_page("quality")
    assert not at.exception
    assert any("--only 05" in i.value for i in at.info)


def test_history_compares_the_current_run_with_an_earlier_one(tmp_path, monkeypatch):
    _physician_forecast(tmp_path)
    runs.snapshot_run(tmp_path, when=datetime(2026, 1, 1, tzinfo=timezone.utc))
    _physician_forecast(tmp_path, gap_shift=10.0, parameters={"horizon": 2040, "exit_rate_pct": 4.0})
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path))
    at = open_page("quality", {"lang": "en"})
    assert not at.exception
    assert at.selectbox(key="run").value.startswith("20260101T000000Z-")
    figures = at.dataframe[0].value.set_index("Headline figure")
    assert figures.loc["Gap 2040, Radiology (FTEs)", "Change"] == pytest.approx(10.0)
    why = at.dataframe[1].value.set_index("Forecast")
    assert why.loc["physician_ftes", "Parameters changed"] == "exit_rate_pct: None → 4.0"
    assert why.loc["physician_ftes", "Input data changed"] == ""


def test_reading_calls_a_too_narrow_interval_too_narrow():
    pooled = pd.DataFrame(
        {
            "method": ["naive", "prophet"],
            "mase_h1": [1.0, 1.2],
            "mase_h2": [1.5, 1.4],
            "mase_all": [1.2, 1.3],
            "median_all": [0.9, 1.0],
            "checks": [10, 10],
            "hits": [8, 5],
            "coverage": [0.8, 0.5],
            "series_won": [1, 1],
        }
    )
    winners = pd.DataFrame({"winner": ["naive", "prophet"], "prophet_checks": [4, 6]})
    text = " ".join(quality_view.reading(pooled, winners, "en"))
    assert "**naive** had the lowest pooled MASE (1.20); Prophet scored 1.30" in text
    assert "2 years ahead Prophet (1.40)" in text and "naive 1, Prophet 1" in text
    assert "caught 5 of 10 outcomes (50 %)" in text and "too narrow" in text
    assert "rests on 4–6 checks" in text and "did not beat the naive method" in text


# --- the note and the switch beside a forecast chart ---------------------------------------------


def test_note_names_the_winner_and_both_scores():
    row = pd.Series(
        {
            "mase_naive": 0.8,
            "mase_drift": 1.0,
            "mase_theta": 0.9,
            "mase_prophet": 1.2,
            "winner": "naive",
            "prophet_checks": 12,
        }
    )
    assert components.note_text("physicians:radiology:total", row, "en") == (
        "In the backtest naive beat Prophet on Radiology, total (MASE 0.80 vs 1.20, 12 checks)."
    )
    row = row.copy()
    row["mase_prophet"], row["winner"] = 0.5, "prophet"
    assert "Prophet had the lowest error on Radiology, total (MASE 0.50; next best naive 0.80" in components.note_text(
        "physicians:radiology:total", row, "en"
    )
    assert "not measured" in components.note_text("staff:OUS:secretary", None, "en")


def test_note_speaks_of_the_default_line_once_the_backtest_scores_it():
    row = pd.Series(
        {
            "mase_naive": 0.8,
            "mase_drift": 1.0,
            "mase_theta": 0.9,
            "mase_prophet": 1.2,
            "mase_default": 0.85,
            "winner": "naive",
            "prophet_checks": 12,
            "default_hits": 10,
            "default_checks": 12,
        }
    )
    assert components.note_text("physicians:radiology:total", row, "en") == (
        "In the backtest the default line scored MASE 0.85 on Radiology, total (naive 0.80; best single "
        "method naive 0.80); its 80 % band held 10 of 12 outcomes."
    )


def test_series_labels_read_as_words():
    assert quality_view.series_label("staff:AHUS:radiographer", "nb") == "AHUS, Radiograf"
    assert (
        quality_view.series_label("physicians:nuclear_medicine:acting_consultant", "en")
        == "Nuclear medicine, Acting consultant"
    )
    assert quality_view.series_label("inflow:radiology", "en") == "Specialist inflow, Radiology"


def test_physicians_page_says_how_each_trend_did_in_the_backtest(forecasts_dir, stored):
    at = open_page("physicians")
    assert not at.exception
    notes = [c.value for c in at.caption if c.value.startswith("I backtesten")]
    assert len(notes) == 2
    winners = stored[1]["winners"].set_index("series_id")
    for specialty, note in zip(("radiology", "nuclear_medicine"), notes):
        row = winners.loc[f"physicians:{specialty}:total"]
        assert note == components.note_text(f"physicians:{specialty}:total", row, "nb")
    switch = at.button_group(key="method_radiology")
    assert switch.value == "default" and switch.options == ["Standardlinjen", "Naiv", "Drift", "Theta"]


def _trend_domain(at: AppTest) -> list[str]:
    chart = next(n for n in at.main if n.type == "vega_lite_chart")
    layers = json.loads(chart.proto.spec)["layer"]
    return next(layer["encoding"]["color"]["scale"]["domain"] for layer in layers if "color" in layer["encoding"])


def test_switching_a_chart_to_another_method_draws_its_stored_line(forecasts_dir):
    at = open_page("physicians", {"method_radiology": "naive"})
    assert not at.exception
    assert at.button_group(key="method_radiology").value == "naive"
    assert at.button_group(key="method_nuclear_medicine").value == "default"
    assert _trend_domain(at)[1] == "Trend (naiv, 80 % intervall)"
    at.button_group(key="method_radiology").set_value("default").run()
    assert _trend_domain(at)[1] == "Trend (standardlinjen, 80 % bånd)"
    assert "method_radiology" not in at.query_params
    at.button_group(key="method_radiology").set_value("theta").run()
    assert at.query_params["method_radiology"] == "theta"  # the code, not the label "Theta"
    # The same link in English draws the same method.
    english = open_page("physicians", {"method_radiology": "naive", "lang": "en"})
    assert english.button_group(key="method_radiology").value == "naive"
    assert not any("ignored" in c.value.lower() for c in english.sidebar.caption)


def test_forward_line_starts_at_the_last_observed_year(forecasts_dir, stored):
    from imaging_plan.app.shell import snapshot_for

    line = components.forward_trend(snapshot_for(forecasts_dir=forecasts_dir), "physicians:radiology:total", "naive")
    assert line["year"].iloc[0] == 2025 and line["trend"].iloc[0] == 654  # Tabell 6, 2025
    assert line["year"].iloc[-1] == 2050 and (line["trend"] == 654).all()  # naive: flat


def test_without_a_backtest_the_page_says_so_and_offers_no_switch(tmp_path, monkeypatch):
    _physician_forecast(tmp_path)
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path))
    at = open_page("physicians")
    assert not at.exception
    assert sum("--only 05" in c.value for c in at.caption) == 2
    assert [b.key for b in at.button_group] == ["lang"]


@pytest.mark.parametrize("page", ["overview", "physicians", "quality"])
def test_every_url_key_a_page_binds_is_known_to_the_scenario(forecasts_dir, coded_keys, page):
    at = open_page(page)
    assert not at.exception
    keys = url_bound_keys(at) | coded_keys | set(at.query_params)  # bound widgets and the scenario's own URL
    assert "lang" in keys
    unknown = {k for k in keys if k not in assumptions.ASSUMPTIONS and not scenario.is_app_key(k)}
    assert unknown == set()
    if page != "overview":
        assert coded_keys  # the page's own choices (series, method_*) are among them


# --- the planning models against history (notebook 06) ------------------------------------------


def test_planning_backcast_section_draws_one_chart_per_specialty_and_the_errors(tmp_path, monkeypatch):
    from imaging_plan.planning import planning_backcast

    tables, hashes = inputs.load_inputs(paths.DATA_DIR, ("physician_ftes", "staff_ftes"))
    scenario = {"exit_rate_pct": 3.3, "training_years": 5, "resident_growth_pct": 0.0}
    backcast = planning_backcast.backcast(tables, [2019, 2020], scenario, None)
    store.write_forecast(
        tmp_path,
        "backtest_planning_models",
        {"planning_backcast": backcast},
        store.build_manifest(
            "backtest_planning_models", "06_backtest_planning_models.ipynb", scenario, hashes, paths.DATA_DIR
        ),
    )
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path))
    at = open_page("quality", {"lang": "en"})
    assert not at.exception
    assert "The planning models against history" in [s.value for s in at.subheader]
    titles = [json.loads(n.proto.spec).get("title") for n in at.main if n.type == "vega_lite_chart"]
    assert titles == ["Radiology", "Nuclear medicine"]
    errors = at.dataframe[-1].value
    row = errors[
        (errors["Series"] == "Radiology") & (errors["Origin"] == 2020) & (errors["Variant"] == "without recruitment")
    ]
    expected = backcast[
        (backcast["series"] == "radiology")
        & (backcast["origin"] == 2020)
        & (backcast["variant"] == "without_recruitment")
        & (backcast["year"] == 2025)
    ]
    assert row["Error (%)"].iloc[0] == pytest.approx(round(expected["error_pct"].iloc[0], 1))


def test_missing_planning_backcast_says_how_to_make_it(tmp_path, monkeypatch):
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path))
    at = open_page("quality", {"lang": "en"})
    assert any("--only 06" in i.value for i in at.info)


def test_compute_gives_the_pages_sentences_and_tables_without_streamlit(stored):
    """The view is a pure function of the snapshot: the stored backtest, in the snapshot's language."""
    from imaging_plan.app.shell import snapshot_for

    view = quality_view.compute(snapshot_for("en", forecasts_dir=stored[0]))
    tables = stored[1]
    assert view.rule.startswith("How it is chosen") and "for 5 candidates" in view.rule
    assert len(view.lead) == 2 and view.lead[0].startswith("**Physicians**")  # physicians and inflow stored
    assert len(view.pooled) == len(tables["pooled"]) and len(view.accuracy) == len(tables["winners"])
    assert not view.grid_run and "●" in set(view.grid.iloc[:, -1])  # only the settings in use were scored
    assert quality_view.compute(snapshot_for("en", forecasts_dir=stored[0] / "none")) is None


# --- The page's view without Streamlit (views.quality), on the same stored backtest


def _with_forecast(snapshot, forecast):
    """Return `snapshot` with `forecast` in place of its stored one, as a new version (a new cache key)."""
    versions = tuple((n, v) for n, v in snapshot.forecast_versions if n != forecast.name) + ((forecast.name, "new"),)
    forecasts = MappingProxyType({**snapshot.forecasts, forecast.name: forecast})
    return replace(snapshot, forecasts=forecasts, forecast_versions=versions)


def test_the_view_reads_the_stored_backtest(stored):
    snapshot = snapshot_for("en", forecasts_dir=stored[0])
    view = quality.compute(snapshot)
    winners = stored[1]["winners"]
    assert list(view.measured) == winners[winners["winner"].notna()]["series_id"].tolist()
    assert view.first_series == quality.FIRST_SERIES and view.first_series in view.measured
    assert len(view.detail) == len(stored[1]["accuracy"])
    backtest = snapshot.forecast(quality.BACKTEST)
    stricter = replace(backtest, manifest={**backtest.manifest, "parameters": {"mape_min_actual": 12.5}})
    assert quality.compute(_with_forecast(snapshot, stricter)).mape_min_actual == 12.5


def test_no_slider_changes_the_view_but_the_language_does(stored):
    cache.clear()
    snapshot = snapshot_for("en", forecasts_dir=stored[0])
    view = quality.compute(snapshot)
    assert quality.compute(snapshot.with_values(horizon=snapshot.scenario["horizon"] + 5)) is view
    norwegian = quality.compute(replace(snapshot, lang="nb"))
    assert norwegian.reading != view.reading and len(norwegian.reading) == len(view.reading)


def test_the_chart_draws_the_chosen_methods(stored):
    snapshot = snapshot_for("en", forecasts_dir=stored[0])
    one = quality.chart_spec(snapshot, quality.FIRST_SERIES, ("naive",))
    two = quality.chart_spec(snapshot, quality.FIRST_SERIES, ("naive", "prophet"))
    label = quality.method_label("prophet", "en")
    assert label not in str(one) and label in str(two)
    assert quality.chart_spec(snapshot, quality.FIRST_SERIES, ("naive",)) is one  # built once, shared
