"""The app as a planner uses it, through Streamlit's AppTest (no browser)."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conftest import open_page, with_scenario_panel
from imaging_plan import paths
from imaging_plan.planning import assumptions
from imaging_plan.pipeline import store
from imaging_plan.data.inputs import file_sha256
from imaging_plan.data.schemas import TABLES


@pytest.fixture
def forecasts(tmp_path, monkeypatch):
    """A small stored physician forecast (no Prophet needed) in a scratch folder the app reads."""
    rows = [
        (s, "total", y, None, 100.0 + y - 2015, 90.0 + y - 2015, 110.0 + y - 2015)
        for s in ("radiology", "nuclear_medicine")
        for y in range(2015, 2051)
    ]
    trend = pd.DataFrame(rows, columns=["specialty", "series", "year", "fte", "trend", "trend_lower", "trend_upper"])
    inputs = {TABLES["physician_ftes"].file: file_sha256(paths.DATA_DIR / TABLES["physician_ftes"].file)}
    store.write_forecast(
        tmp_path,
        "physician_ftes",
        {"trend": trend},
        store.build_manifest("physician_ftes", "01_forecast_physician_ftes.ipynb", {}, inputs, paths.DATA_DIR),
    )
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path))
    return tmp_path


def _run(query: dict | None = None) -> AppTest:
    return open_page("physicians", query)


def _metrics(at: AppTest) -> dict[str, str]:
    """Return the headline metrics as {'radiology 2030': value, ...} (radiology first, as shown)."""
    values = [m.value for m in at.metric]
    labels = [m.label.split()[-1] for m in at.metric]
    half = len(values) // 2
    names = ["radiology"] * half + ["nuclear_medicine"] * half
    return {f"{n} {y}": v for n, y, v in zip(names, labels, values)}


def test_page_renders_with_defaults_and_forecast(forecasts):
    at = _run()
    assert not at.exception
    assert at.title[0].value == "Legeårsverk: tilbud, behov og gap"
    assert set(_metrics(at)) == {f"{s} {y}" for s in ("radiology", "nuclear_medicine") for y in (2030, 2035, 2040)}
    assert any("Prognosene ble laget" in c.value for c in at.caption)
    assert not at.warning
    # Only the page's own assumptions (and the general ones) are drawn as sliders.
    # the physicians page also draws the physicians' workload per exam, with the need method
    # The workload's minutes are drawn only when the need is made from the workload (not by default).
    assert {s.key for s in at.slider} == {a.key for a in assumptions.in_group("general", "physicians")}


RADIOLOGY = {"radiology 2030", "radiology 2035", "radiology 2040"}
NUCLEAR = {"nuclear_medicine 2030", "nuclear_medicine 2035", "nuclear_medicine 2040"}
# slider -> which headline numbers must change; all others must stay
EFFECTS = {
    "horizon": (2045, {"radiology 2045", "nuclear_medicine 2045"}),
    "use_growth_pct": (3.0, RADIOLOGY),  # radiology's use; nuclear medicine has its own
    "use_growth_nuclear_medicine_pct": (4.0, NUCLEAR),
    "recruitment_radiology_extra_fte": (10.0, RADIOLOGY),
    "recruitment_nuclear_medicine_extra_fte": (2.0, NUCLEAR),
    "ai_gain_pct": (20.0, "all"),
    # the headline is the draws' median: they draw the AI gain around 0 %, so its year moves the
    # years the gain is phasing in (at 2040 it is nearly all in either way: not asserted)
    "ai_full_year": (2030, "phase-in"),
    "unmet_need_pct": (10.0, "all"),
    "fte_per_person_physician": (0.8, set()),  # people, not FTEs: the gap in FTEs stays
    "exit_rate_pct": (6.0, "all"),
    "training_years": (7, "all"),
    "resident_growth_pct": (5.0, "all"),
}


@pytest.mark.parametrize("key", sorted(EFFECTS))
def test_each_slider_changes_what_it_should_and_only_that(forecasts, key):
    value, expected = EFFECTS[key]
    at = _run()
    before = _metrics(at)
    at.slider(key=key).set_value(value)
    at.run()
    assert not at.exception
    after = _metrics(at)
    if key == "horizon":
        assert set(after) - set(before) == expected
        unchanged = set(before) & set(after)
        assert all(after[k] == before[k] for k in unchanged), "horizon moved the 2030/2035 gaps"
        return
    changed = {k for k in before if before[k] != after[k]}
    if expected == "phase-in":
        assert {k for k in before if k.endswith(("2030", "2035"))} <= changed
        return
    assert changed == (set(before) if expected == "all" else expected)


def test_the_window_slider_moves_the_scenario_lines_the_headline_draws_it_among_3_5_10(forecasts):
    at = _run()
    before = _chart_tables(at)[0][1]
    at.slider(key="recruitment_window_years").set_value(3).run()
    assert not at.exception
    after = _chart_tables(at)[0][1]
    supply = lambda d: d.loc[d["series"] == "Tilbud", "fte"].iloc[-1]  # noqa: E731
    assert supply(after) < supply(before)  # the latest three years recruited far less than ten


def test_the_need_text_names_nuclear_medicines_own_use_growth(forecasts):
    at = _run({"use_growth_nuclear_medicine_pct": "4.2"})
    assert any("nukleærmedisin har sin egen: 4,2 %/år" in m.value for m in at.markdown)


def test_population_projection_choice_moves_every_gap_and_travels_in_the_url(forecasts):
    at = _run()
    before = _metrics(at)
    assert at.selectbox(key="population_scenario").value == "MMMM"
    at.selectbox(key="population_scenario").set_value("HHMH").run()
    assert not at.exception
    after = _metrics(at)
    assert {k for k in before if before[k] != after[k]} == set(before)
    linked = _run({"population_scenario": "HHMH"})
    assert linked.selectbox(key="population_scenario").value == "HHMH" and _metrics(linked) == after


def test_url_parameter_sets_its_slider_and_language(forecasts):
    at = _run({"exit_rate_pct": "5.5", "lang": "en", "training_years": "6"})
    assert at.slider(key="exit_rate_pct").value == 5.5
    assert at.slider(key="training_years").value == 6
    assert at.title[0].value == "Physician FTEs: supply, need and gap"
    assert _metrics(at) != _metrics(_run())


def _url_lang(at: AppTest) -> list[str]:
    value = at.query_params.get("lang", [])  # a str as the test set it, a list once the app wrote it
    return [value] if isinstance(value, str) else list(value)


def test_language_is_a_code_in_the_url_both_ways(forecasts):
    # A link's code opens English and stays in the URL (Streamlit's own binding dropped it).
    at = _run({"lang": "en"})
    assert at.title[0].value == "Physician FTEs: supply, need and gap"
    assert _url_lang(at) == ["en"] and at.button_group(key="lang").value == "en"
    assert "lang=en" in with_scenario_panel(at).sidebar.code[0].value  # the share link carries the code too
    # The switch writes the code, never the label; bokmål, the default, leaves the key out.
    at.button_group(key="lang").set_value("nb").run()
    assert at.title[0].value == "Legeårsverk: tilbud, behov og gap" and "lang" not in at.query_params
    at.button_group(key="lang").set_value("en").run()
    assert _url_lang(at) == ["en"] and "lang=en" in with_scenario_panel(at).sidebar.code[0].value
    # A link made before the URL held the code (?lang=English) opens English, rewritten as the code.
    older = _run({"lang": "English"})
    assert older.title[0].value == "Physician FTEs: supply, need and gap" and _url_lang(older) == ["en"]


def test_out_of_range_url_value_falls_back_to_the_default(forecasts):
    at = _run({"horizon": "9999", "exit_rate_pct": "abc"})
    assert not at.exception
    assert at.slider(key="horizon").value == 2040 and at.slider(key="exit_rate_pct").value == 3.3


def test_missing_forecasts_say_how_to_make_them(tmp_path, monkeypatch):
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path / "none"))
    at = _run()
    assert not at.exception
    assert any("python -m imaging_plan.pipeline.runner" in i.value for i in at.info)
    assert len(at.metric) == 6  # the plan itself still works without the trend


def test_changed_input_data_is_warned_about(forecasts, data_copy, monkeypatch):
    path = data_copy / "physician_ftes.csv"
    path.write_text(path.read_text().replace("radiology,consultant,510", "radiology,consultant,511"))
    monkeypatch.setenv("IMAGING_PLAN_DATA_DIR", str(data_copy))
    at = _run()
    assert not at.exception
    assert any("physician_ftes.csv" in w.value for w in at.warning)


def test_broken_input_data_shows_the_validation_message(forecasts, data_copy, monkeypatch):
    path = data_copy / "physician_ftes.csv"
    path.write_text(path.read_text().replace("radiology,consultant,510", "radiology,consultant,-510"))
    monkeypatch.setenv("IMAGING_PLAN_DATA_DIR", str(data_copy))
    at = _run()
    assert not at.exception
    assert any("must not be negative" in e.value for e in at.error)


def test_preset_sets_every_slider_and_the_numbers(forecasts):
    from imaging_plan.planning import scenario

    at = with_scenario_panel(_run())
    baseline = _metrics(at)
    at.selectbox(key="preset_choice").set_value("high").run()
    assert not at.exception
    drawn = {s.key for s in at.slider} | {s.key for s in at.selectbox}
    for key, (value, _) in scenario.PRESETS["high"].values.items():
        if key in drawn:
            widget = at.selectbox(key=key) if key in scenario.CHOICES else at.slider(key=key)
            assert widget.value == value
        else:  # another page's assumption: held in the link
            raw = at.query_params[key]
            assert (raw if key in scenario.CHOICES else float(raw)) == value
    assert _metrics(at)["radiology 2040"] != baseline["radiology 2040"]


def test_the_scenario_panel_draws_its_tools_only_once_opened(forecasts):
    at = _run({"exit_rate_pct": "4.5"})
    assert not at.sidebar.code and not at.sidebar.get("file_uploader")  # folded: nothing of it is drawn
    opened = with_scenario_panel(at)
    assert "exit_rate_pct=4.5" in opened.sidebar.code[0].value and opened.sidebar.get("file_uploader")


def test_share_link_carries_the_changed_values(forecasts):
    at = _run({"exit_rate_pct": "4.5"})
    link = with_scenario_panel(at).sidebar.code[0].value
    assert "exit_rate_pct=4.5" in link and "horizon" not in link


def test_ignored_url_values_are_reported_quietly(forecasts):
    at = _run({"horizon": "abc", "nope": "1"})
    assert not at.exception
    note = " ".join(c.value for c in at.sidebar.caption)
    assert "horizon" in note and "nope" in note


def test_overview_is_the_landing_page_and_follows_the_scenario(forecasts):
    at = open_page(None)
    assert not at.exception and at.title[0].value == "Oversikt for styret"
    default = [m.value for m in at.metric]
    at2 = open_page(None, {"exit_rate_pct": "5"})
    assert [m.value for m in at2.metric] != default
    assert "**1**" in at2.markdown[0].value  # one assumption differs from the defaults


def test_overview_is_read_not_steered_and_follows_values_set_on_other_pages(forecasts):
    at = open_page(None)
    assert {s.key for s in at.slider} == {a.key for a in assumptions.in_group("general")}
    before = {m.label: m.value for m in at.metric}
    after = {m.label: m.value for m in open_page(None, {"exit_rate_pct": "5"}).metric}
    changed = {k for k in before if before[k] != after[k]}
    assert any(k.startswith("Radiologi: gap") for k in changed)
    assert not any("MNOK" in after[k] for k in changed)  # equipment untouched by a physician value


def _go(at: AppTest, url_path: str) -> AppTest:
    """Move the session to another page, as a click in the menu does (the URL's query stays)."""
    from streamlit.util import calc_hash

    at._page_hash = calc_hash(url_path)
    return at.run()


def test_values_set_on_one_page_survive_every_other_page_and_stay_in_the_url(forecasts):
    at = open_page("equipment")
    at.slider(key="lifetime_mr_years").set_value(12).run()
    assert at.query_params.get("lifetime_mr_years") == "12"
    _go(at, "physicians")
    assert "lifetime_mr_years" not in {s.key for s in at.slider}  # not drawn here ...
    assert at.query_params.get("lifetime_mr_years") == "12"  # ... but still in the link
    at.slider(key="exit_rate_pct").set_value(4.5).run()
    _go(at, "overview")
    assert at.query_params.get("lifetime_mr_years") == "12" and at.query_params.get("exit_rate_pct") == "4.5"
    assert "**2**" in at.markdown[0].value  # the overview counts both changed assumptions
    _go(at, "equipment")
    assert at.slider(key="lifetime_mr_years").value == 12
    _go(at, "physicians")
    assert at.slider(key="exit_rate_pct").value == 4.5


def test_the_population_choice_is_held_across_pages_and_in_the_link_like_a_slider(forecasts):
    at = _run()
    at.selectbox(key="population_scenario").set_value("LLML").run()
    assert at.query_params.get("population_scenario") == "LLML"
    _go(at, "equipment")
    assert "population_scenario" not in {s.key for s in at.selectbox}  # not drawn here ...
    assert at.query_params.get("population_scenario") == "LLML"  # ... but still in the link
    assert any("1" in c.value for c in at.sidebar.caption if "Lenken" in c.value)
    _go(at, "overview")
    assert at.query_params.get("population_scenario") == "LLML"
    assert "**1**" in at.markdown[0].value  # the overview counts the choice as a changed assumption
    _go(at, "inflow")  # drawn again with the physician sliders, on its held value
    assert at.selectbox(key="population_scenario").value == "LLML"
    _go(at, "physicians")
    assert at.selectbox(key="population_scenario").value == "LLML"
    assert "LLML" in with_scenario_panel(at).sidebar.code[0].value  # the share link carries it
    at.selectbox(key="preset_choice").set_value("baseline").run()  # a preset resets it with the rest
    assert at.selectbox(key="population_scenario").value == "MMMM"
    assert "population_scenario" not in at.query_params


def test_a_preset_chosen_on_the_overview_sets_the_sliders_of_other_pages(forecasts):
    from imaging_plan.planning import scenario

    at = with_scenario_panel(open_page(None))
    at.selectbox(key="preset_choice").set_value("high").run()
    _go(at, "equipment")
    assert (
        at.slider(key="replacement_budget_mnok").value == scenario.PRESETS["high"].values["replacement_budget_mnok"][0]
    )
    _go(at, "physicians")
    assert at.slider(key="exit_rate_pct").value == scenario.PRESETS["high"].values["exit_rate_pct"][0]


def _chart_tables(at: AppTest) -> list[tuple[str, pd.DataFrame]]:
    import pyarrow as pa

    return [
        (c.proto.spec, pa.ipc.open_stream(c.proto.data.data).read_all().to_pandas()) for c in at.get("vega_lite_chart")
    ]


def test_a_slider_move_sends_new_chart_numbers_beside_the_same_cached_spec(forecasts):
    at = _run()
    before = _chart_tables(at)
    at.slider(key="exit_rate_pct").set_value(6.0).run()
    after = _chart_tables(at)
    # per specialty: lines and the gap's parts; per specialty the tornado and the waterfall; the demand index
    assert len(before) == len(after) == 9
    for (spec0, _), (spec1, _) in zip(before, after):
        assert spec1 == spec0 and "datasets" not in spec1  # the numbers travel as data, not in the spec
    assert all(not d0.equals(d1) for (_, d0), (_, d1) in zip(before[:8], after[:8]))
    assert before[8][1].equals(after[8][1])  # the exit rate is supply: the demand index stays
    supply = after[0][1]
    assert (
        supply.loc[supply["series"] == "Tilbud", "fte"].iloc[-1]
        < before[0][1].loc[before[0][1]["series"] == "Tilbud", "fte"].iloc[-1]
    )  # more exits, less supply


def test_values_left_at_their_default_follow_a_new_default_and_set_ones_stay():
    from imaging_plan.app import scenario_controls

    held = {"recruitment_window_years": 10, "exit_rate_pct": 4.0, "horizon": 2040}
    old = {"recruitment_window_years": 10, "exit_rate_pct": 3.3, "horizon": 2040}
    new = {"recruitment_window_years": 5, "exit_rate_pct": 3.3, "horizon": 2040}  # new data, new backcast
    scenario_controls.follow_new_defaults(held, old, new)
    assert held == {"recruitment_window_years": 5, "exit_rate_pct": 4.0, "horizon": 2040}
    scenario_controls.follow_new_defaults(held, None, new)  # a new session: nothing to follow
    assert held["recruitment_window_years"] == 5
