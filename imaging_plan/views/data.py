"""The Data page's view: every input the product reads, where its rows come from, its schema, codes and refusals.

The columns, codes and rules come from the loader's own schemas (`inputs.column_rules`), so the
page and the loader cannot disagree. Which tables this session uploaded and the problems of a
refused file live in the Streamlit session; the page passes them in, so the view is a plain function.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from imaging_plan import paths
from imaging_plan.data import codes, inputs, templates, schemas
from imaging_plan.i18n import TEXT, t
from imaging_plan.views import cache
from imaging_plan.views.snapshot import Snapshot


def _text(key: str, lang: str, fallback: str) -> str:
    return t(key, lang) if key in TEXT else fallback


def _code_names(lang: str) -> dict[str, str]:
    """Return every code's name in `lang` (trusts, specialties, categories, roles, modalities, areas)."""
    i = 1 if lang == "en" else 0
    names: dict[str, str] = {}
    for table in (codes.SPECIALTIES, codes.PHYSICIAN_CATEGORIES, codes.STAFF_ROLES, codes.MODALITY_NAMES):
        names.update({code: pair[i] for code, pair in table.items()})
    names.update(codes.TRUSTS)
    names.update(codes.PRIVATE_PROVIDERS)
    names.update(codes.HOSPITAL_AREAS)
    names.update(codes.HSO_COUNTIES)
    names.update({code: pair[i] for code, pair in codes.POPULATION_SCENARIOS.items()})
    return names


def codes_table(name: str, lang: str) -> pd.DataFrame:
    """Return the allowed codes of each coded column of table `name`, with their names."""
    names = _code_names(lang)
    rows = []
    for column, col in schemas.TABLES[name].columns.items():
        for check in col.checks:
            if check.name == "isin":
                rows += [
                    {
                        t("data_col_column", lang): column,
                        t("data_col_code", lang): code,
                        t("data_col_name", lang): names.get(code, ""),
                    }
                    for code in check.statistics["allowed_values"]
                ]
    return pd.DataFrame(rows)


def source_text(name: str, uploaded: str | None, lang: str, shipped: Path | None = None) -> str:
    """Return where the rows in use come from: the plan's table, illustrative, the planner's file, or absent.

    `uploaded` is the planner's file name when this session uploaded the table; otherwise the
    shipped data folder (`paths.data_dir()` unless given) says.
    """
    if uploaded is not None:
        return t("data_source_uploaded", lang, file=uploaded)
    path = Path(shipped or paths.data_dir()) / schemas.TABLES[name].file
    if not path.exists():
        return t("data_source_absent", lang)
    if inputs.illustrative_files(path.parent, [path.name]):
        return _text(f"data_source_{name}", lang, t("data_source_illustrative", lang))
    return _text(f"data_source_{name}", lang, t("data_source_plan", lang))


def problems_list(message: str) -> list[str]:
    """Return the loader's message as its lines: the heading, then one problem a line."""
    return [line.strip().removeprefix("- ") for line in message.splitlines() if line.strip()]


@dataclass(frozen=True)
class Schema:
    """What an input must hold, in words: shared by every session (it depends on the table and language only)."""

    columns: pd.DataFrame  # one row per column: type, required, may be empty, rule
    optional: bool  # some columns may be left out
    rules: list[str]  # across a row or across rows
    codes: pd.DataFrame  # the allowed codes of each coded column, with names (empty: no coded column)


def schema(name: str, lang: str) -> Schema:
    """Return table `name`'s schema in words, built once per language and shared."""

    def build() -> Schema:
        spec = schemas.TABLES[name]
        return Schema(
            columns=templates.column_rules(name),
            optional=any(not col.required for col in spec.columns.values()),
            rules=templates.table_rules(name),
            codes=codes_table(name, lang),
        )

    return cache.shared("data_schema", (name, lang), build)


@dataclass(frozen=True)
class InputView:
    """One input as the page shows it."""

    name: str  # the table's code
    title: str
    file: str  # the file name in the data folder
    about: str  # what it is ('' when no text)
    source: str  # where the rows in use come from
    rows: int  # rows in use (0 when absent)
    schema: Schema
    optional_note: str  # what leaving out the optional columns means ('' when none)
    uploaded: str | None  # the planner's file name when this session uploaded it
    problems: list[str]  # the last refused file's heading and problems, one a line (empty: none)


@dataclass(frozen=True)
class DataView:
    """The Data page: one row per input for the overview table, and each input's block."""

    inputs: tuple[InputView, ...]  # in the loader's order
    overview: pd.DataFrame  # input, file, source, rows
    planning_on: str | None  # the uploaded files and the tables they replace, in words (None: no upload)
    data_error: str | None  # why the data folder could not be loaded


def _rows(data_dir: Path, data_version: str) -> dict[str, int]:
    """Return the number of rows of each input file in `data_dir` (shared per data version)."""

    def build() -> dict[str, int]:
        counts = {}
        for name, spec in schemas.TABLES.items():
            path = Path(data_dir) / spec.file
            counts[name] = len(pd.read_csv(path, usecols=[0])) if path.exists() else 0
        return counts

    if not data_version:  # a snapshot without a version: its files are read each time
        return build()
    return cache.shared("data_rows", (str(data_dir), data_version), build)


def compute(snapshot: Snapshot, uploads: tuple = (), refused: tuple = ()) -> DataView:
    """Return the page's view of `snapshot`'s data folder.

    `uploads` holds (table, planner's file name) of this session's accepted uploads, `refused`
    (table, loader's message) of its last refused files.
    """
    lang = snapshot.lang
    uploaded, refusals = dict(uploads), dict(refused)
    rows = _rows(snapshot.data_dir, snapshot.data_version)
    found = []
    for name, spec in schemas.TABLES.items():
        found.append(
            InputView(
                name=name,
                title=_text(f"data_title_{name}", lang, name),
                file=spec.file,
                about=_text(f"data_about_{name}", lang, ""),
                source=source_text(name, uploaded.get(name), lang),
                rows=rows[name],
                schema=schema(name, lang),
                optional_note=_text(f"data_optional_{name}", lang, ""),
                uploaded=uploaded.get(name),
                problems=problems_list(refusals[name]) if name in refusals else [],
            )
        )
    overview = pd.DataFrame(
        [
            {
                t("data_col_input", lang): i.title,
                t("data_col_file", lang): i.file,
                t("source", lang): i.source,
                t("data_col_rows", lang): i.rows,
            }
            for i in found
        ]
    )
    planning_on = None
    if uploaded:
        files = ", ".join(f"{file} → {schemas.TABLES[n].file}" for n, file in sorted(uploaded.items()))
        planning_on = t("data_planning_on", lang, files=files)
    return DataView(tuple(found), overview, planning_on, snapshot.data_error)
