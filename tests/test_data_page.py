"""Planners' own data: the schema in words, Excel and per-trust files, the manifests' illustrative
record, the per-session workspace and its background refit, and the Data page itself."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time

import pandas as pd
import pytest

from conftest import open_page
from imaging_plan import paths
from imaging_plan.data import codes, inputs, templates, uploads
from imaging_plan.pipeline import build, store
from imaging_plan.app import workspace
from imaging_plan.data.schemas import TABLES, InputDataError

SHIPPED = [n for n in TABLES if (paths.DATA_DIR / TABLES[n].file).exists()]


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def _xlsx(frame: pd.DataFrame, sheet: str = "Sheet1", first: pd.DataFrame | None = None) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        if first is not None:
            first.to_excel(writer, sheet_name="notes", index=False)
        frame.to_excel(writer, sheet_name=sheet, index=False)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def physicians() -> pd.DataFrame:
    return pd.read_csv(paths.DATA_DIR / "physician_ftes.csv")


# --- what the page says a file must hold is what the loader checks ------------------------------


@pytest.mark.parametrize("name", SHIPPED)
def test_every_listed_code_is_accepted_and_an_unlisted_one_refused(name):
    """The page's codes come from the schema: swapping a listed code in passes, a made-up one fails."""
    shipped = pd.read_csv(paths.DATA_DIR / TABLES[name].file, dtype=str, keep_default_na=False)
    rules = templates.column_rules(name).set_index("column")
    for column in [c for c in shipped.columns if rules.loc[c, "rule"].startswith("one of ")]:
        listed = rules.loc[column, "rule"].removeprefix("one of ").split(", ")
        assert shipped[column].isin(listed).all(), column
        broken = shipped.copy()
        broken.loc[0, column] = "NOT_A_CODE"
        with pytest.raises(InputDataError, match=rf"line 2, column '{column}': value 'NOT_A_CODE'"):
            uploads.read_uploaded(name, _csv(broken), TABLES[name].file)


def test_column_rules_name_each_column_and_its_rule_in_words():
    rules = templates.column_rules("equipment_register").set_index("column")
    assert list(rules.index) == list(TABLES["equipment_register"].columns)
    assert rules.loc["upgrade_year", "may_be_empty"] == "yes" and rules.loc["install_year", "may_be_empty"] == "no"
    assert "a whole number" in rules.loc["install_year", "rule"]
    assert rules.loc["price_nok", "rule"] == "not negative"
    trust = templates.column_rules("physician_ftes").set_index("column").loc["trust"]
    assert trust["required"] == "optional column"
    assert trust["rule"] == "one of " + ", ".join(sorted(codes.TRUSTS))
    assert any("equipment_units.csv" in r for r in templates.table_rules("equipment_register"))


# --- Excel ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SHIPPED)
def test_the_excel_template_reads_back_as_the_shipped_table(name):
    template = templates.template_xlsx(name, paths.DATA_DIR)
    assert uploads.read_uploaded(name, template, f"{name}.xlsx").equals(inputs.load_table(name, paths.DATA_DIR))


def test_excel_errors_name_the_sheet_row_and_column(physicians):
    bad = physicians.astype({"fte": float})
    bad.loc[10, "fte"] = -1.5  # sheet row 12 (row 1 is the header)
    with pytest.raises(InputDataError) as err:
        uploads.read_uploaded("physician_ftes", _xlsx(bad), "mine.xlsx")
    assert "mine.xlsx" in str(err.value) and "line 12, column 'fte'" in str(err.value)


def test_excel_reads_a_named_sheet_and_names_the_sheets_when_it_is_missing(physicians):
    content = _xlsx(physicians, sheet="legeårsverk", first=pd.DataFrame({"note": ["read me"]}))
    table = uploads.read_uploaded("physician_ftes", content, "book.xlsx", sheet="legeårsverk")
    assert table["fte"].sum() == pytest.approx(physicians["fte"].sum())
    with pytest.raises(InputDataError, match=r"no sheet named 'FTE'.*notes, legeårsverk"):
        uploads.read_uploaded("physician_ftes", content, "book.xlsx", sheet="FTE")
    with pytest.raises(InputDataError, match="missing column 'year'"):  # the first sheet is the notes
        uploads.read_uploaded("physician_ftes", content, "book.xlsx")


def test_trailing_empty_excel_rows_are_ignored_but_inner_ones_reported(physicians):
    blank = pd.DataFrame([[None] * physicians.shape[1]], columns=physicians.columns)
    trailing = pd.concat([physicians, blank, blank], ignore_index=True)
    assert len(uploads.read_uploaded("physician_ftes", _xlsx(trailing), "t.xlsx")) == len(physicians)
    inner = pd.concat([physicians.iloc[:3], blank, physicians.iloc[3:]], ignore_index=True)
    with pytest.raises(InputDataError, match="line 5, column 'year' must not be empty"):
        uploads.read_uploaded("physician_ftes", _xlsx(inner), "t.xlsx")


# --- caps ------------------------------------------------------------------------------------------


def test_uploads_over_the_size_or_row_cap_are_refused_with_the_limit(physicians, monkeypatch):
    huge = b"x" * (uploads.MAX_UPLOAD_BYTES + 1)
    with pytest.raises(InputDataError, match=r"big.csv: the file is 21.0 MB; the limit is 20 MB"):
        uploads.read_uploaded("physician_ftes", huge, "big.csv")
    monkeypatch.setattr(uploads, "MAX_UPLOAD_ROWS", 50)
    with pytest.raises(InputDataError, match=r"88 data rows; the limit is 50 rows"):
        uploads.read_uploaded("physician_ftes", _csv(physicians), "long.csv")


# --- physician FTEs per trust ------------------------------------------------------------------------


def _per_trust(physicians: pd.DataFrame, shares: dict[str, float]) -> pd.DataFrame:
    return pd.concat(
        [physicians.assign(trust=trust, fte=physicians["fte"] * share) for trust, share in shares.items()],
        ignore_index=True,
    )


def test_per_trust_ftes_sum_to_the_region_and_each_trust_is_kept(physicians, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    _per_trust(physicians, {"OUS": 0.5, "AHUS": 0.3, "SIHF": 0.2}).to_csv(folder / "physician_ftes.csv", index=False)
    tables, _ = inputs.load_inputs(folder, ("physician_ftes",))
    region = tables["physician_ftes"].set_index(["year", "specialty", "category"])["fte"]
    expected = physicians.set_index(["year", "specialty", "category"])["fte"]
    assert list(tables["physician_ftes"].columns) == ["year", "specialty", "category", "fte"]
    pd.testing.assert_series_equal(region.sort_index(), expected.sort_index().astype(float), check_names=False)
    ous = inputs.physician_trust(tables["physician_ftes_by_trust"], "OUS")
    assert ous["fte"].sum() == pytest.approx(physicians["fte"].sum() * 0.5)


def test_a_trust_missing_rows_or_a_duplicate_per_trust_is_refused(physicians):
    both = _per_trust(physicians, {"OUS": 0.5, "AHUS": 0.5})
    with pytest.raises(InputDataError, match=r"trust AHUS has no row for 1 .*2015 radiology acting_consultant"):
        uploads.read_uploaded("physician_ftes", _csv(both.drop(index=len(physicians))), "t.csv")
    with pytest.raises(InputDataError, match=r"the same \(trust, year, specialty, category\) appears more"):
        uploads.read_uploaded("physician_ftes", _csv(pd.concat([both, both.iloc[:1]])), "t.csv")
    with pytest.raises(InputDataError, match=r"column 'trust': value 'XYZ' must be one of"):
        uploads.read_uploaded("physician_ftes", _csv(both.assign(trust="XYZ")), "t.csv")


# --- illustrative inputs recorded in manifests -------------------------------------------------------


def test_manifest_records_which_inputs_were_illustrative(data_copy):
    files = {TABLES[n].file: "x" for n in ("physician_ftes", "staff_turnover", "equipment_register")}
    manifest = store.build_manifest("f", "nb.ipynb", {}, files, data_copy)
    assert manifest["illustrative"] == ["equipment_register.csv", "staff_turnover.csv"]
    hr = pd.read_csv(data_copy / "staff_turnover.csv")
    hr.assign(source="HR export 2025-01-15").to_csv(data_copy / "staff_turnover.csv", index=False)
    assert store.build_manifest("f", "nb.ipynb", {}, files, data_copy)["illustrative"] == ["equipment_register.csv"]


# --- the workspace -------------------------------------------------------------------------------------


@pytest.fixture
def workspaces(tmp_path, monkeypatch):
    root = tmp_path / "workspaces"
    monkeypatch.setenv("IMAGING_PLAN_WORKSPACES", str(root))
    return root


def test_an_accepted_upload_lives_in_its_workspace_never_in_data(physicians, workspaces):
    before = {p.name: inputs.file_sha256(p) for p in paths.DATA_DIR.glob("*.csv")}
    doubled = _csv(physicians.assign(fte=physicians["fte"] * 2))
    upload = workspace.accept("physician_ftes", doubled, "doubled.csv", {})
    folder = workspace.prepare({"physician_ftes": upload})
    assert folder.parent == workspaces
    assert (folder / "data" / "physician_ftes.csv").read_bytes() == doubled
    assert inputs.file_sha256(folder / "data" / "staff_ftes.csv") == before["staff_ftes.csv"]
    assert {p.name: inputs.file_sha256(p) for p in paths.DATA_DIR.glob("*.csv")} == before
    # the same bytes reach the same workspace; other bytes another one
    again = workspace.accept("physician_ftes", doubled, "again.csv", {})
    assert workspace.prepare({"physician_ftes": again}) == folder
    tripled = workspace.accept("physician_ftes", _csv(physicians.assign(fte=physicians["fte"] * 3)), "t.csv", {})
    assert workspace.prepare({"physician_ftes": tripled}) != folder
    # the link's mark is not the workspace's name (a link must not open someone's files)
    assert workspace.link_fingerprint({"physician_ftes": upload}) not in folder.name


def test_an_upload_the_app_could_not_load_is_refused_with_the_loader_message(workspaces):
    register = pd.read_csv(paths.DATA_DIR / "equipment_register.csv")
    short = register.iloc[1:]  # one AHUS CT unit fewer than Tabell 5 declares
    with pytest.raises(InputDataError) as err:
        workspace.accept("equipment_register", _csv(short), "my_register.csv", {})
    assert str(err.value).startswith("my_register.csv disagrees with the declared totals")
    assert "owner AHUS, modality CT: the register has" in str(err.value)
    assert not workspaces.exists() or not any(workspaces.iterdir())  # nothing was kept


def test_workspaces_unused_for_a_day_are_removed(workspaces, physicians):
    upload = workspace.accept("physician_ftes", _csv(physicians), "p.csv", {})
    folder = workspace.prepare({"physician_ftes": upload})
    old = workspaces / "old"
    (old / "data").mkdir(parents=True)
    day_ago = time.time() - workspace.MAX_AGE_SECONDS - 60
    os.utime(old, (day_ago, day_ago))
    assert workspace.sweep(workspaces) == ["old"]
    assert folder.exists() and not old.exists()


def test_refit_status_reads_the_build_records(tmp_path):
    """The refit's progress is the runner's build records: a notebook is done once its build ended or it was kept."""
    forecasts = tmp_path / "forecasts"
    assert workspace.refit_status(tmp_path).state == "not_started"
    build.start_progress(forecasts, workspace.REFIT)  # this process stands in for the refit's runner: alive
    build.write_progress(forecasts, workspace.REFIT, names=["x", "y", "z"], total=3)
    store.write_forecast(forecasts, "y", {}, store.build_manifest("y", "nb.ipynb", {}, {}, tmp_path))  # kept
    build.start_progress(forecasts, "x")
    assert (lambda s: (s.state, s.done, s.total))(workspace.refit_status(tmp_path)) == ("running", 1, 3)
    build.finish_progress(forecasts, "x", ok=True)  # built (not yet published counts too: its build ended)
    build.start_progress(forecasts, "z")
    status = workspace.refit_status(tmp_path)
    assert (status.state, status.done, status.total) == ("running", 2, 3)
    assert not workspace.start_refit(tmp_path)  # started once: not again
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    build.write_progress(forecasts, workspace.REFIT, pid=int(gone.stdout))  # gone without an end (server restarted)
    assert workspace.refit_status(tmp_path).state == "failed"
    assert "interrupted" in workspace.refit_status(tmp_path).log_tail
    workspace.reset_refit(tmp_path)
    assert workspace.refit_status(tmp_path).state == "not_started"
    build.start_progress(forecasts, workspace.REFIT)
    build.write_progress(forecasts, workspace.REFIT, names=["x"], total=1)
    build.finish_progress(forecasts, workspace.REFIT, ok=True)
    assert workspace.refit_status(tmp_path).state == "done"


@pytest.mark.slow
def test_background_refit_fits_the_uploaded_series(physicians, workspaces, built_forecasts):
    """The runner refits notebook 01 on the upload in the background; the trend follows the doubled FTEs."""
    shipped_forecasts = built_forecasts  # the shipped data's forecasts, only read (the refit starts from a copy)
    upload = workspace.accept("physician_ftes", _csv(physicians.assign(fte=physicians["fte"] * 2)), "d.csv", {})
    folder = workspace.prepare({"physician_ftes": upload})
    assert workspace.start_refit(folder, shipped_forecasts, only=["01"])
    assert not workspace.start_refit(folder, shipped_forecasts, only=["01"])  # once per workspace
    deadline = time.time() + 300
    while workspace.refit_status(folder).state == "running" and time.time() < deadline:
        time.sleep(1)
    status = workspace.refit_status(folder)
    assert (status.state, status.done, status.total) == ("done", 1, 1), status.log_tail
    refit = store.read_forecast(folder / "forecasts", "physician_ftes")
    assert refit.manifest["inputs"]["physician_ftes.csv"] == inputs.file_sha256(folder / "data" / "physician_ftes.csv")
    assert refit.changed_inputs(folder / "data") == []
    old = store.read_forecast(shipped_forecasts, "physician_ftes").tables["trend"]
    new = refit.tables["trend"]
    key = ["specialty", "series", "year"]
    both = old.merge(new, on=key, suffixes=("_old", "_new"))
    last = both[(both["series"] == "total") & (both["year"] == both["year"].max())]
    # Prophet's trend is linear in the series' scale: doubling the history doubles it (within 2 %).
    ratio = (last["trend_new"] / last["trend_old"]).to_numpy()
    assert ratio == pytest.approx([2.0] * len(ratio), rel=0.02)
    shipped_manifest = json.loads((shipped_forecasts / "physician_ftes" / "manifest.json").read_text())
    assert shipped_manifest["inputs"] != refit.manifest["inputs"]


# --- the page ------------------------------------------------------------------------------------------


def test_the_data_page_lists_every_input_with_its_templates(workspaces):
    at = open_page("data")
    assert not at.exception
    titles = [e.label for e in at.expander]
    for spec in TABLES.values():
        assert any(spec.file in title for title in titles), spec.file
    assert not any("Egne data" in i.value for i in at.info)


def test_physicians_page_offers_each_trust_when_the_upload_gives_trusts(physicians, workspaces, monkeypatch):
    monkeypatch.setenv("IMAGING_PLAN_REFIT", "off")
    per_trust = _per_trust(physicians, {"OUS": 0.75, "AHUS": 0.25})
    upload = workspace.accept("physician_ftes", _csv(per_trust), "per_trust.csv", {})
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    at = AppTest.from_file(str(paths.PROJECT_ROOT / "app.py"), default_timeout=60)
    at.session_state[workspace.SESSION_KEY] = {"physician_ftes": upload}
    at._page_hash = calc_hash("physicians")
    at.run()
    assert not at.exception
    region = [m.value for m in at.metric]
    choice = at.selectbox(key="phys_trust")
    assert choice.options[1:] == ["AHUS – Akershus universitetssykehus", "OUS – Oslo universitetssykehus"]
    choice.set_value("AHUS").run()
    ahus = [m.value for m in at.metric]
    assert ahus != region
    # A quarter of the region's FTEs: the radiology gap at the horizon is a quarter of the region's
    # (the headline's median, before its interval in brackets).
    number = lambda v: float(v.split(" (")[0].replace("\u00a0", "").replace("\u2212", "-").replace(",", "."))
    assert number(ahus[2]) == pytest.approx(number(region[2]) / 4, abs=1.0)
    assert any("Egne data i denne økten" in i.value for i in at.sidebar.info)


def test_removing_an_upload_returns_every_page_to_the_shipped_data(physicians, workspaces, monkeypatch):
    monkeypatch.setenv("IMAGING_PLAN_REFIT", "off")
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    upload = workspace.accept("physician_ftes", _csv(physicians.assign(fte=physicians["fte"] * 2)), "d.csv", {})
    at = AppTest.from_file(str(paths.PROJECT_ROOT / "app.py"), default_timeout=60)
    at.session_state[workspace.SESSION_KEY] = {"physician_ftes": upload}
    at._page_hash = calc_hash("data")
    at.run()
    assert not at.exception
    assert any("Du planlegger med egne data: d.csv" in i.value for i in at.info)
    assert at.query_params.get(workspace.LINK_PARAM)
    at.button(key="data_remove_physician_ftes").click().run()
    assert at.session_state[workspace.SESSION_KEY] == {}
    assert not any("Egne data" in i.value for i in at.sidebar.info)
    assert any("fagplanens Tabell 6" in c.value for c in at.caption)


def test_every_input_has_a_translated_name_and_its_own_source():
    from imaging_plan.i18n import TEXT

    for name in TABLES:
        optional = name in ("specialist_approvals", "unmet_need")  # not shipped: the page says 'absent'
        for part in ("title", "about") if optional else ("title", "about", "source"):
            nb, en = TEXT[f"data_{part}_{name}"]
            assert nb and en and nb != en, (name, part)
    # The population tables come from Statistics Norway, not the plan's tables.
    for name in ("population_observed", "population_projection_national", "population_projection_counties"):
        nb, en = TEXT[f"data_source_{name}"]
        assert "Statistics Norway" in en and "fagplan" not in nb
    assert "07459" in TEXT["data_source_population_observed"][1]
    assert "14288" in TEXT["data_source_population_projection_counties"][1]
