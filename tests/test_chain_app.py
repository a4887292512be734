"""The chain on the pages: one growth value moves radiologists, radiographers and machines together."""

from __future__ import annotations

import re

from conftest import open_page


def _chain_numbers(at) -> list[float]:
    """Return the numbers of the Overview's chain sentence (exams, base, horizon, radiology, radiographers, units)."""
    sentence = next(m.value for m in at.markdown if "CT" in m.value and "MR" in m.value and "radiograf" in m.value)
    return [float(n.replace("\u00a0", "").replace(",", ".")) for n in re.findall(r"\d[\d\u00a0]*(?:,\d+)?", sentence)]


def test_growth_ct_moves_every_link_of_the_chain_on_the_overview(tmp_path, monkeypatch):
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path))  # no forecasts needed for the chain
    base = open_page(None, {"need_method": "workload"})
    assert not base.exception, base.exception
    assert "Fra undersøkelser til folk og maskiner" in [s.value for s in base.subheader]
    faster = open_page(None, {"need_method": "workload", "growth_ct_pct": "8"})
    assert not faster.exception, faster.exception
    before, after = _chain_numbers(base), _chain_numbers(faster)
    # exams0, base year, exams1, horizon, radiology need, radiographers, CT and MR units, horizon
    assert len(before) == len(after) == 8 and before[1::2][:2] == after[1::2][:2]
    grown = [0, 2, 4, 5, 6]  # exams (the chain starts in 2025, a year after Tabell 1), need, staff, units
    assert all(after[i] > before[i] for i in grown), (before, after)


def test_the_physicians_page_shows_the_workload_beside_tabell_6_and_offers_the_method(tmp_path, monkeypatch):
    monkeypatch.setenv("IMAGING_PLAN_FORECASTS_DIR", str(tmp_path))
    at = open_page("physicians")
    assert not at.exception, at.exception
    assert "Legebehov fra arbeidsmengden" in [s.value for s in at.subheader]
    assert at.selectbox(key="need_method").value == "index"
    assert any("Standardvalget er den som kom nærmest: index" in c.value for c in at.caption)
    # The workload's minutes are drawn only when they move the need: under the index, only the choice.
    assert "read_min_ct" not in {s.key for s in at.slider}
    at = open_page("physicians", {"need_method": "workload", "read_min_ct": "20"})
    assert at.selectbox(key="need_method").value == "workload"
    assert at.slider(key="read_min_ct").value == 20.0
