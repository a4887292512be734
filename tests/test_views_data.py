"""The Data page's view without Streamlit: each input's rows, source, schema, codes and refusals."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from imaging_plan import paths
from imaging_plan.app.shell import snapshot_for
from imaging_plan.data import codes, schemas
from imaging_plan.i18n import t
from imaging_plan.views import data
from imaging_plan.views.snapshot import freeze


@pytest.fixture(scope="module")
def snapshot():
    return snapshot_for("en")


def test_every_input_is_listed_in_the_loaders_order_with_its_rows_in_use(snapshot):
    view = data.compute(snapshot)
    assert [i.name for i in view.inputs] == list(schemas.TABLES)
    for item in view.inputs:
        path = snapshot.data_dir / item.file
        assert item.rows == (len(pd.read_csv(path)) if path.exists() else 0), item.name
    assert view.overview[t("data_col_rows", "en")].tolist() == [i.rows for i in view.inputs]
    assert view.planning_on is None and not any(i.uploaded or i.problems for i in view.inputs)


def test_rows_are_counted_in_the_snapshots_folder(tmp_path):
    shutil.copy(paths.DATA_DIR / "physician_ftes.csv", tmp_path / "physician_ftes.csv")
    pd.read_csv(tmp_path / "physician_ftes.csv").head(3).to_csv(tmp_path / "physician_ftes.csv", index=False)
    view = data.compute(freeze("nb", {}, {}, data_dir=tmp_path))
    rows = {i.name: i.rows for i in view.inputs}
    assert rows["physician_ftes"] == 3 and rows["staff_ftes"] == 0


def test_an_upload_names_the_planners_file_on_its_input_only(snapshot):
    view = data.compute(snapshot, (("physician_ftes", "mine.csv"),))
    item = {i.name: i for i in view.inputs}
    assert item["physician_ftes"].uploaded == "mine.csv"
    assert item["physician_ftes"].source == t("data_source_uploaded", "en", file="mine.csv")
    assert item["staff_ftes"].uploaded is None and "mine.csv" not in item["staff_ftes"].source
    assert "mine.csv → physician_ftes.csv" in view.planning_on


def test_a_refused_file_shows_its_heading_and_one_problem_a_line_on_its_input():
    message = "physician_ftes.csv was refused:\n  - line 2, column 'fte': below 0\n\n  - line 3, column 'year': empty"
    view = data.compute(snapshot_for("nb"), (), (("physician_ftes", message),))
    item = {i.name: i for i in view.inputs}
    assert item["physician_ftes"].problems == [
        "physician_ftes.csv was refused:",
        "line 2, column 'fte': below 0",
        "line 3, column 'year': empty",
    ]
    assert all(not i.problems for n, i in item.items() if n != "physician_ftes")


def test_codes_are_the_schemas_allowed_values_with_their_names():
    table = data.codes_table("physician_ftes", "en")
    specialty = table[table[t("data_col_column", "en")] == "specialty"]
    names = dict(zip(specialty[t("data_col_code", "en")], specialty[t("data_col_name", "en")]))
    assert names == {code: pair[1] for code, pair in codes.SPECIALTIES.items()}
    nb = data.schema("physician_ftes", "nb").codes
    assert set(nb[t("data_col_name", "nb")]) >= {pair[0] for pair in codes.SPECIALTIES.values()}


def test_an_input_missing_from_the_shipped_folder_is_called_absent(tmp_path):
    assert data.source_text("physician_ftes", None, "en", shipped=tmp_path) == t("data_source_absent", "en")
    shutil.copy(paths.DATA_DIR / "physician_ftes.csv", tmp_path / "physician_ftes.csv")
    assert data.source_text("physician_ftes", None, "en", shipped=tmp_path) != t("data_source_absent", "en")
