"""Scenarios round-trip through URL, YAML and papermill parameters; bad input handled per channel."""

from __future__ import annotations

import pytest

from imaging_plan.planning import assumptions, scenario
from imaging_plan.planning.assumptions import ASSUMPTIONS


@pytest.fixture(scope="module")
def defaults(shipped_tables):
    return assumptions.defaults(shipped_tables)


def _changed(defaults):
    return {**defaults, "horizon": 2045, "exit_rate_pct": 4.2, "training_years": 6}


def test_url_scenario_url_round_trip(defaults):
    s = _changed(defaults)
    query = scenario.to_query(s, defaults)
    assert query == {"horizon": "2045", "exit_rate_pct": "4.2", "training_years": "6"}
    parsed = scenario.from_query(query, defaults)
    assert parsed.values == s and parsed.ignored == []
    assert scenario.to_query(parsed.values, defaults) == query


def test_default_scenario_has_an_empty_query(defaults):
    assert scenario.to_query(defaults, defaults) == {}
    assert scenario.share_link("http://localhost:8501", defaults, defaults) == "http://localhost:8501/"


def test_bad_url_values_fall_back_to_defaults_and_are_reported(defaults):
    parsed = scenario.from_query(
        {
            "horizon": "abc",
            "exit_rate_pct": "99",
            "nope": "1",
            "training_years": ["5", "7"],
            "ai_gain_pct": "10",
            "lang": "en",
        },
        defaults,
    )
    assert parsed.values == {**defaults, "ai_gain_pct": 10.0}
    reasons = " | ".join(parsed.ignored)
    assert "nope: unknown" in reasons and "'horizon': 'abc' is not a number" in reasons
    assert "'exit_rate_pct': '99' is outside" in reasons and "training_years: given 2 times" in reasons
    assert len(parsed.ignored) == 4


def test_yaml_scenario_yaml_round_trip(defaults):
    s = _changed(defaults)
    text = scenario.to_yaml(s, "test")
    assert scenario.from_yaml(text, defaults) == s
    assert scenario.to_yaml(scenario.from_yaml(text, defaults), "test") == text


def test_yaml_with_unknown_keys_or_bad_values_is_refused_whole(defaults):
    with pytest.raises(scenario.ScenarioError) as err:
        scenario.from_yaml("horizon: 2045\nexit_rate: 3\ntraining_years: 4.5\nai_gain_pct: yes\n", defaults)
    message = str(err.value)
    assert "nothing applied" in message
    assert "'exit_rate': unknown parameter" in message
    assert "'training_years': 4.5 must be a whole number" in message
    assert "'ai_gain_pct': True is not a number" in message


@pytest.mark.parametrize("text", ["- a\n- b\n", "horizon: [2045\n"])
def test_yaml_that_is_not_a_mapping_is_refused(defaults, text):
    with pytest.raises(scenario.ScenarioError):
        scenario.from_yaml(text, defaults)


def test_yaml_to_papermill_parameters_keeps_what_the_notebook_declares(defaults):
    import papermill as pm

    from imaging_plan import paths

    declared = pm.inspect_notebook(str(paths.NOTEBOOKS_DIR / "01_forecast_physician_ftes.ipynb"))
    s = scenario.from_yaml(scenario.to_yaml(_changed(defaults)), defaults)
    params = scenario.papermill_parameters(s, declared)
    assert params["horizon"] == 2045 and params["exit_rate_pct"] == 4.2
    assert set(params) <= set(declared) and set(params) >= {k for k in ASSUMPTIONS if k in declared}


def test_runner_reads_a_scenario_file(tmp_path, capsys, defaults):
    from imaging_plan.pipeline import runner

    bad = tmp_path / "bad.yaml"
    bad.write_text("horizon: 2100\n")
    assert runner.main(["-f", str(bad), "--output-dir", str(tmp_path / "out")]) == 1
    assert "'horizon': 2100 is outside" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", sorted(scenario.PRESETS))
def test_presets_are_within_their_ranges_and_give_reasons(defaults, name):
    preset = scenario.PRESETS[name]
    for key, (value, reason) in preset.values.items():
        if key in scenario.CHOICES:
            assert value in scenario.CHOICES[key][0], key
        else:
            assert ASSUMPTIONS[key].check(value) == value, key
        assert len(reason) > 15, key
    full = preset.apply(defaults)
    assert set(full) == set(defaults) | set(scenario.CHOICES)


def test_low_and_high_presets_bracket_the_baseline_gap(shipped_tables):
    from imaging_plan.planning import physicians

    defaults = assumptions.defaults(shipped_tables)
    gap = {
        name: physicians.physician_plan(shipped_tables, p.apply(defaults)).query("year == 2040")["gap"].sum()
        for name, p in scenario.PRESETS.items()
    }
    assert gap["low"] < gap["baseline"] < gap["high"]


def test_app_keys_in_a_link_are_not_reported_as_ignored(defaults):
    query = {
        "lang": "en",
        "staff_trusts": ["OUS", "SIV"],
        "staff_roles": "secretary",
        "series": "inflow:radiology",
        "method_radiology": "naive",
        "method_nuclear_medicine": "theta",
    }
    assert scenario.from_query(query, defaults).ignored == []
    assert scenario.from_query({"methods": "naive", "serie": "x"}, defaults).ignored == [
        "methods: unknown parameter",
        "serie: unknown parameter",
    ]


def test_population_projection_travels_in_url_and_yaml_and_is_checked(defaults):
    s = {**defaults, "population_scenario": "HHMH"}
    query = scenario.to_query(s, defaults)
    assert query == {"population_scenario": "HHMH"}
    assert scenario.from_query(query, defaults).values == s
    assert scenario.to_query({**defaults, "population_scenario": "MMMM"}, defaults) == {}  # the default
    bad = scenario.from_query({"population_scenario": "XXXX"}, defaults)
    assert "population_scenario" not in bad.values and "'population_scenario': 'XXXX' is not one of" in bad.ignored[0]
    assert scenario.from_yaml(scenario.to_yaml(s), defaults) == s
    with pytest.raises(scenario.ScenarioError, match="'population_scenario': 'low' is not one of"):
        scenario.from_yaml("population_scenario: low\n", defaults)
