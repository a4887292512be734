"""The overview's view and the board's downloads without Streamlit or the app's page records."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

import pandas as pd
import pytest

from imaging_plan.app.shell import snapshot_for
from imaging_plan.i18n import t
from imaging_plan.views import cache, exports, overview
from imaging_plan.views import inflow as inflow_view
from imaging_plan.views import physicians as physicians_view


@dataclass(frozen=True)
class Part:
    section: object
    fan: object
    fan_title: str = "fan_phys_gap"
    fan_unit: str = "fte"
    band: object = None


@dataclass(frozen=True)
class Topic:
    path: str
    overview: Part


PHYSICIANS = Topic("physicians", Part(physicians_view.section, physicians_view.fan, band=physicians_view.fan_band))
INFLOW = Topic("inflow", Part(inflow_view.section, inflow_view.fan, band=inflow_view.fan_band))


@pytest.fixture
def snapshot(tmp_path):
    """The shipped data, no stored forecasts, the defaults."""
    cache.clear()
    return snapshot_for("nb", forecasts_dir=tmp_path / "none")


def test_the_overview_shows_the_topics_it_is_given_and_skips_those_without_a_section(snapshot):
    empty = Topic("empty", Part(lambda s: None, physicians_view.fan))
    view = overview.compute(snapshot, (PHYSICIANS, empty, INFLOW))
    assert [s.title for s in view.sections] == [t("physicians_title", "nb"), t("inflow_title", "nb")]
    assert [topic.path for topic, _ in view.fans] == ["physicians", "inflow"]
    assert [d.topic for d in view.decisions][-2:] == ["radiographers", "equipment"]
    assert view.lis and all(h.value for h in view.lis)


def test_a_data_error_leaves_the_sections_and_the_lis_figures_out(snapshot):
    broken = replace(snapshot, data_error="broken")
    physicians_view.section(snapshot)  # a cached section of the same data version must not come back
    assert physicians_view.section(broken) is None and inflow_view.section(broken) is None
    view = overview.compute(broken, (PHYSICIANS, INFLOW))
    assert view.sections == [] and view.lis == []


def test_the_fan_holds_the_presets_and_the_viewers_line_at_the_viewers_horizon(snapshot):
    own = snapshot.with_values(horizon=2035, exit_rate_pct=5.5)
    fan = overview.fan(own, PHYSICIANS)
    assert fan["year"].max() == 2035
    yours = fan[fan["series"] == t("fan_yours", "nb")]
    expected = physicians_view.fan(own)
    assert yours["value"].to_numpy() == pytest.approx(expected["value"].to_numpy())
    assert fan["series"].nunique() == 4  # three presets and the viewer's


def test_all_assumptions_flags_exactly_the_changed_value(snapshot):
    rows = exports.all_assumptions(snapshot.with_values(exit_rate_pct=5.5)).set_index("key")
    assert rows["changed"].sum() == 1 and bool(rows.loc["exit_rate_pct", "changed"])
    assert rows.loc["exit_rate_pct", "value"] == 5.5


def test_the_cover_names_the_uploaded_files_and_asks_for_them_only_for_a_workspace(snapshot, tmp_path):
    def no_uploads():
        raise AssertionError("asked for the uploads of the shipped data")

    spaces = tmp_path / "spaces"
    assert exports.data_label(snapshot, spaces, no_uploads) == t("cover_data_shipped", "nb")

    @dataclass
    class Upload:
        file_name: str

    in_workspace = replace(snapshot, data_dir=spaces / "abc" / "data")
    label = exports.data_label(in_workspace, spaces, lambda: {"physician_ftes": Upload("mine.csv")})
    assert "mine.csv (physician_ftes)" in label


def test_the_workbook_carries_the_extra_sheets_and_marks_the_illustrative_ones(snapshot):
    view = overview.compute(snapshot, (PHYSICIANS,))
    extra = pd.DataFrame({"year": [2030], "x": [1.0]})
    data = exports.excel_bytes(
        snapshot, view.sections, view.decisions, data="shipped", extra=({"stress": extra}, {"stress"})
    )
    book = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert {"physician_plan", "gap_interval", "decisions", "stress"} <= set(book)
    assert book["stress"]["illustrative"].tolist() == [t("illustrative_column", "nb")]
    assert "illustrative" not in book["physician_plan"].columns
    assert book["decisions"]["sentence"].tolist() == [d.sentence for d in view.decisions]


def test_a_second_replica_reads_the_whole_overview_from_the_shared_folder(snapshot, tmp_path, monkeypatch):
    from imaging_plan.app.overview_page import compute

    own = snapshot.with_values(exit_rate_pct=3.5, replacement_budget_mnok=250.0, horizon=2042)
    monkeypatch.setattr(cache, "_STORE", cache._Store(64, 3600, folder=tmp_path / "results"))
    first = compute(own)
    stored = sorted(p.name for p in (tmp_path / "results").iterdir() if not p.suffix)
    assert stored  # every cached function's result could be pickled, or it would be missing here

    monkeypatch.setattr(cache, "_STORE", cache._Store(64, 3600, folder=tmp_path / "results"))  # the other replica
    monkeypatch.setattr(cache, "_run", lambda *a: pytest.fail(f"{a[1]} computed again on the second replica"))
    second = compute(own)
    assert sorted(p.name for p in (tmp_path / "results").iterdir() if not p.suffix) == stored
    assert [(h.label, h.value) for s in second.sections for h in s.headlines] == [
        (h.label, h.value) for s in first.sections for h in s.headlines
    ]
    assert [(h.label, h.value) for h in second.lis] == [(h.label, h.value) for h in first.lis]
    for (_, mine), (_, theirs) in zip(first.fans, second.fans):
        pd.testing.assert_frame_equal(mine, theirs)
