"""The Beredskap page as a planner uses it, in both languages, through Streamlit's AppTest (no browser)."""

from __future__ import annotations

import pytest

from conftest import open_page
from imaging_plan.planning import preparedness


def _run(query: dict | None = None):
    at = open_page("preparedness", query)
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(
    "lang, title, units_out",
    [
        ("Norsk", "Beredskap: kapasitet, stresstester og vakt", "Enheter ute: 2 MR ved OUS i 8 uker"),
        ("English", "Preparedness: capacity, stress tests and on-call", "Units out: 2 MRI at OUS for 8 weeks"),
    ],
)
def test_page_shows_capacity_stress_tests_and_the_illustrative_on_call_floor(lang, title, units_out):
    at = _run({"lang": lang})
    assert at.title[0].value == title
    assert len(at.main.header) == 3 and len(at.metric) == 8  # not done and weeks to clear per stress test
    assert f"**{units_out}**" in [md.value for md in at.markdown]
    assert any("ILLUSTR" in w.value for w in at.warning)  # the on-call rows are examples, said on screen
    assert not at.error
    # the page's sliders and choices are in the sidebar, bound to the URL
    for key in ("prep_units_out", "prep_absence_pct", "prep_hours_max", "prep_shared_on_call"):
        assert at.sidebar.slider(key=key) is not None
    assert at.sidebar.selectbox(key="prep_units_trust").value == "OUS"
    assert len(at.main.get("download_button")) == 2  # the page's workbook and one-page PDF


def test_more_units_out_raises_the_units_out_figure_and_travels_in_the_url():
    at = _run({"lang": "English"})
    at_units_out = 2 * preparedness.SCENARIOS.index("units_out")  # two metrics per stress test, in order
    before = at.metric[at_units_out].value
    at.sidebar.slider(key="prep_units_out").set_value(17).run()
    assert not at.exception
    after = at.metric[at_units_out].value
    assert after != before
    assert at.query_params.get("prep_units_out") in ("17", ["17"])


def test_more_units_out_than_the_trust_has_is_refused_on_screen_naming_the_rule():
    at = _run({"lang": "English", "prep_units_trust": "DHS", "prep_units_modality": "PET_CT"})
    refused = [e.value for e in at.error]
    assert refused and "prep_units_out" in refused[0] and "DHS has 0" in refused[0]
    assert len(at.main.header) == 3  # capacity and the on-call floor still show


def test_shared_on_call_says_how_many_ftes_it_frees():
    at = _run({"lang": "English", "prep_shared_on_call": "1"})
    assert any("Shared on-call is on: it frees" in m.value for m in at.markdown)


def test_exports_carry_the_stress_results_and_label_the_on_call_floor_illustrative():
    import io

    import pandas as pd

    from imaging_plan.planning import preparedness
    from imaging_plan.app import overview_page, shell
    from imaging_plan.views import preparedness as preparedness_view

    snapshot = shell.snapshot_for("en")
    view = preparedness_view.compute(snapshot)
    book = pd.read_excel(io.BytesIO(preparedness_view.excel_bytes(snapshot, view)), sheet_name=None)
    assert {"stress_summary", "stress_weekly", "capacity_by_area", "on_call_floor"} <= set(book)
    assert book["on_call_floor"].columns[0] == "illustrative"
    assert "illustrative" not in book["stress_summary"].columns  # built on the plan's tables only
    assert set(book["stress_summary"]["scenario"]) == set(preparedness.SCENARIOS)
    assert preparedness_view.pdf_bytes(snapshot, view).startswith(b"%PDF")
    board = overview_page.compute(snapshot)
    whole = pd.read_excel(
        io.BytesIO(overview_page.excel_bytes(snapshot, board.sections, board.decisions)), sheet_name=None
    )
    assert "stress_weekly" in whole and whole["on_call_floor"].columns[0] == "illustrative"


def test_physicians_trust_view_shows_need_as_at_least_the_on_call_floor(tmp_path, monkeypatch):
    """LDS with 0.5 % of the physicians (3.3 radiology FTEs) plans fewer than its rota needs: the floor binds."""
    import pandas as pd
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    from imaging_plan import paths
    from imaging_plan.app import workspace

    monkeypatch.setenv("IMAGING_PLAN_WORKSPACES", str(tmp_path / "workspaces"))
    monkeypatch.setenv("IMAGING_PLAN_REFIT", "off")
    region = pd.read_csv(paths.DATA_DIR / "physician_ftes.csv")
    per_trust = pd.concat(
        [region.assign(trust=trust, fte=region["fte"] * share) for trust, share in {"OUS": 0.995, "LDS": 0.005}.items()]
    )
    upload = workspace.accept("physician_ftes", per_trust.to_csv(index=False).encode(), "per_trust.csv", {})
    at = AppTest.from_file(str(paths.PROJECT_ROOT / "app.py"), default_timeout=60)
    at.secrets["tests"] = {"open": True}
    at.query_params["lang"] = "English"
    at.session_state[workspace.SESSION_KEY] = {"physician_ftes": upload}
    at._page_hash = calc_hash("physicians")
    at.run()
    assert not at.exception
    assert not any("On-call floor" in c.value for c in at.caption)  # the region has no floor
    at.selectbox(key="phys_trust").set_value("LDS").run()
    assert not at.exception
    floor = [c.value for c in at.caption if c.value.startswith("On-call floor (LDS)")]
    assert floor and "Radiology 6.0" in floor[0] and "binds in 0 years" not in floor[0]


def test_capacity_shows_exams_per_machine_hour_and_warns_when_scaled_up_hours_are_below_todays():
    at = _run({"lang": "English"})
    intro = next(md.value for md in at.markdown if md.value.startswith("Capacity = units"))
    assert "84 hours a week when scaled up (opening hours today: 50)" in intro and "52 operating weeks" in intro
    by_modality = at.dataframe[0].value
    assert by_modality["Exams per machine-hour"].tolist()[:2] == [2.34, 1.8]  # CT, MR: the Equipment page's
    assert not any("shorter than today's opening hours" in c.value for c in at.caption)
    at = _run({"lang": "English", "prep_hours_max": "40"})
    assert any("(40 hours a week) are shorter than today's opening hours (50" in c.value for c in at.caption)


def test_the_capacity_by_area_and_by_owner_are_drawn_once_opened():
    at = _run()
    before = [tuple(frame.value.columns) for frame in at.dataframe]
    at.session_state["_open_prep_by_area"] = True  # the planner opens "by area"
    at.run()
    after = [tuple(frame.value.columns) for frame in at.dataframe]
    assert len(after) == len(before) + 1 and set(after) - set(before)  # a table of its own: by area, then modality
