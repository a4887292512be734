"""Load the input tables and validate each against its schema (`schemas.TABLES`).

Users bring their own files of the same shape, so the shape is the contract:
a failure names the file, the line, the column and the rule in words a planner
can act on.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
from pandera.errors import SchemaError, SchemaErrors

from imaging_plan.data.schemas import TABLES, InputDataError, TableSpec

MAX_PROBLEMS_SHOWN = 20
EXCEL_SUFFIXES = (".xlsx", ".xlsm")


def file_sha256(path: Path) -> str:
    """Return the SHA-256 of a file, the fingerprint manifests record."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_table(name: str, data_dir: Path) -> pd.DataFrame:
    """Return the validated table `name` from `data_dir`, or raise InputDataError."""
    path = Path(data_dir) / TABLES[name].file
    if not path.exists():
        raise InputDataError(f"{path}: file not found (expected the table '{name}').")
    return read_table(name, path, path)


def is_excel(label, content: bytes | None = None) -> bool:
    """Return True for an Excel workbook: by its name, or by its zip signature when the name says nothing."""
    if str(label).lower().endswith(EXCEL_SUFFIXES):
        return True
    return content is not None and content[:4] == b"PK\x03\x04" and not str(label).lower().endswith(".csv")


def _excel_cell(value):
    """Return an Excel cell as the text a CSV would hold: 2015 not 2015.0, blank for empty."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "year") and hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _read_excel(source, label, sheet: str | None) -> pd.DataFrame:
    try:
        book = pd.ExcelFile(source, engine="openpyxl")
    except Exception as err:  # openpyxl raises several types for a damaged or non-Excel file
        raise InputDataError(f"{label}: not a readable Excel workbook (.xlsx) ({err}).") from None
    if sheet is not None and sheet not in book.sheet_names:
        raise InputDataError(f"{label}: no sheet named '{sheet}' (the workbook has: {', '.join(book.sheet_names)}).")
    raw = pd.read_excel(book, sheet_name=sheet if sheet is not None else 0, dtype=object, header=0)
    raw.columns = [str(c) for c in raw.columns]
    raw = raw.map(_excel_cell)
    # Excel often keeps formatted empty rows at the end; inner empty rows stay (and are reported).
    filled = raw.notna().any(axis=1).to_numpy()
    last = int(filled.nonzero()[0].max()) + 1 if filled.any() else 0
    raw = raw.iloc[:last]
    return raw.astype(object).where(raw.notna(), None).reset_index(drop=True)


def read_table(
    name: str, source, label, sheet: str | None = None, excel: bool | None = None, max_rows: int | None = None
) -> pd.DataFrame:
    """Return table `name` read from `source` (path or file object) and validated; errors name `label`.

    Excel is read when `excel` is True (by default: when `label` ends in .xlsx); its line
    numbers in messages are the sheet's row numbers (row 1 is the header), as for CSV.
    """
    spec = TABLES[name]
    if excel is None:
        excel = is_excel(label)
    if excel:
        raw = _read_excel(source, label, sheet)
        if raw.columns.empty:
            raise InputDataError(
                f"{label}: the sheet is empty; expected a header row with columns "
                f"{', '.join(spec.columns)} and at least one data row."
            )
    else:
        try:
            raw = pd.read_csv(source, dtype=str, keep_default_na=False, na_values=[""])
        except pd.errors.EmptyDataError:
            raise InputDataError(
                f"{label}: the file is empty; expected a header row with columns "
                f"{', '.join(spec.columns)} and at least one data row."
            ) from None
        except (UnicodeDecodeError, pd.errors.ParserError) as err:
            raise InputDataError(f"{label}: not a readable UTF-8 CSV file ({err}).") from None
    raw.columns = [c.strip() for c in raw.columns]
    if raw.empty:
        raise InputDataError(f"{label}: the file has a header but no data rows.")
    if max_rows is not None and len(raw) > max_rows:
        raise InputDataError(f"{label}: the file has {len(raw):,} data rows; the limit is {max_rows:,} rows per file.")
    for col in raw.columns:
        if pd.api.types.is_string_dtype(raw[col]) or raw[col].dtype == object:
            raw[col] = raw[col].map(lambda v: v.strip() if isinstance(v, str) else v)
    try:
        table = spec.schema(tuple(raw.columns)).validate(raw, lazy=True)
    except SchemaErrors as err:
        raise InputDataError(_describe(label, spec, err.failure_cases)) from None
    except SchemaError as err:  # pragma: no cover - lazy=True collects, kept as a guard
        raise InputDataError(f"{label}: {err}") from None
    kept = [c for c in spec.columns if c in table.columns]
    table = table[kept].reset_index(drop=True)
    if name == "physician_ftes" and "trust" in table:
        _check_trusts_complete(table, label)
    return table


def _check_trusts_complete(table: pd.DataFrame, label) -> None:
    """Refuse per-trust physician FTEs where a trust lacks a row the others have.

    The region is the trusts' sum: a trust missing a year would show as a fall in the
    region's FTEs that did not happen.
    """
    rows = ["year", "specialty", "category"]
    if table["trust"].isna().any():
        lines = ", ".join(str(i + 2) for i in table.index[table["trust"].isna()][:10])
        raise InputDataError(
            _report(
                label, [f"lines {lines}: column 'trust' is empty; with a trust column every row must name its trust"]
            )
        )
    every = set(map(tuple, table[rows].drop_duplicates().to_numpy().tolist()))
    problems = []
    for trust, own in table.groupby("trust"):
        missing = sorted(every - set(map(tuple, own[rows].to_numpy().tolist())))
        if missing:
            shown = "; ".join(f"{y} {s} {c}" for y, s, c in missing[:5])
            problems.append(
                f"trust {trust} has no row for {len(missing)} (year, specialty, category) "
                f"that other trusts report, e.g. {shown} (give 0 where it had none)"
            )
    if problems:
        raise InputDataError(_report(label, problems, "does not cover the same rows for every trust"))


def region_physicians(table: pd.DataFrame) -> pd.DataFrame:
    """Return physician FTEs for the region: the file as it is, or the sum over its trusts."""
    if "trust" not in table:
        return table
    region = table.groupby(["year", "specialty", "category"], as_index=False, sort=False)["fte"].sum()
    return region[["year", "specialty", "category", "fte"]]


def physician_trust(table: pd.DataFrame, trust: str) -> pd.DataFrame:
    """Return one trust's physician FTEs in the region's shape (year, specialty, category, fte)."""
    own = table[table["trust"] == trust]
    return own[["year", "specialty", "category", "fte"]].reset_index(drop=True)


def illustrative_files(data_dir: Path, files) -> list[str]:
    """Return those of `files` (names in `data_dir`) holding rows whose `source` starts 'illustrative'.

    The shipped HR export and equipment register are generated; their rows say so in
    `source`. This is the record a forecast's manifest keeps, and pages read it from there.
    """
    marked = []
    for file in files:
        path = Path(data_dir) / file
        if not path.exists():
            continue
        head = pd.read_csv(path, nrows=0).columns
        if "source" not in head:
            continue
        source = pd.read_csv(path, usecols=["source"], dtype=str)["source"].fillna("")
        if source.str.strip().str.lower().str.startswith("illustrative").any():
            marked.append(file)
    return sorted(marked)


def register_count_problems(register: pd.DataFrame, units: pd.DataFrame) -> list[str]:
    """Return one message per owner and modality where the register's unit count differs from
    the declared total in equipment_units.csv (Tabell 5; a blank cell declares none).

    Register lines are file lines (line 1 is the header), as the loader keeps the file's order.
    """
    declared = units.assign(units=units["units"].fillna(0)).reset_index(drop=True)
    declared["line"] = declared.index + 2
    declared = declared.set_index(["owner", "modality"])
    lines = register.reset_index(drop=True).assign(line=lambda t: t.index + 2)
    counted = lines.groupby(["owner", "modality"])["line"].agg(list)
    problems = []
    for key in sorted(set(declared.index) | set(counted.index)):
        have = counted.get(key, [])
        want = int(declared["units"].get(key, 0))
        if len(have) == want:
            continue
        where = (
            f"equipment_units.csv line {int(declared.loc[key, 'line'])} declares {want}"
            if key in declared.index
            else "equipment_units.csv declares none (no row)"
        )
        rows = f" (register lines {_line_ranges(have)})" if have else ""
        problems.append(
            f"owner {key[0]}, modality {key[1]}: the register has {len(have)} "
            f"unit{'s' if len(have) != 1 else ''}{rows}; {where}"
        )
    return problems


def _line_ranges(lines: list[int]) -> str:
    """Return [2, 3, 4, 9] as '2-4, 9'."""
    runs: list[list[int]] = []
    for line in lines:
        if runs and line == runs[-1][1] + 1:
            runs[-1][1] = line
        else:
            runs.append([line, line])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


# Checks across files: (the tables they need, the function returning problems, the file blamed).
CROSS_CHECKS = (
    (
        ("equipment_register", "equipment_units"),
        lambda t: register_count_problems(t["equipment_register"], t["equipment_units"]),
        "equipment_register",
    ),
)


def load_inputs(data_dir: Path, names: tuple[str, ...]) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Return the validated tables and the SHA-256 of each file read (for the manifest).

    Tables that must agree with each other (the register and Tabell 5) are checked together.
    """
    tables = {name: load_table(name, data_dir) for name in names}
    if "trust" in tables.get("physician_ftes", ()):
        tables["physician_ftes_by_trust"] = tables["physician_ftes"]
        tables["physician_ftes"] = region_physicians(tables["physician_ftes"])
    for needs, problems_of, blamed in CROSS_CHECKS:
        if all(n in tables for n in needs):
            problems = problems_of(tables)
            if problems:
                raise InputDataError(
                    _report(Path(data_dir) / TABLES[blamed].file, problems, "disagrees with the declared totals")
                )
    hashes = {TABLES[n].file: file_sha256(Path(data_dir) / TABLES[n].file) for n in names}
    return tables, hashes


def load_optional(name: str, data_dir: Path) -> tuple[pd.DataFrame | None, dict[str, str]]:
    """Return an optional user table and its hash, or (None, {}) when the file is absent.

    A file that is present is validated like any other: a broken one is an
    error, never silently ignored.
    """
    if not (Path(data_dir) / TABLES[name].file).exists():
        return None, {}
    tables, hashes = load_inputs(data_dir, (name,))
    return tables[name], hashes


def _rule(check: str) -> str:
    """Return pandera's check name in words."""
    if check.startswith("in_range("):
        lo, hi = check[len("in_range(") : -1].split(",")
        return f"must be a whole year from {lo.strip()} to {hi.strip()}"
    if check.startswith("isin("):
        return f"must be one of {check[len('isin(') : -1]}"
    if check.startswith("greater_than_or_equal_to("):
        bound = check[len("greater_than_or_equal_to(") : -1].strip()
        return "must not be negative" if float(bound) == 0 else f"must be at least {bound}"
    if check.startswith("coerce_dtype("):
        return "must be a number"
    if check == "not_nullable":
        return "must not be empty"
    if check == "whole_number":
        return "must be a whole number"
    return check


def _describe(path: Path, spec: TableSpec, failures: pd.DataFrame) -> str:
    problems: list[str] = []
    missing = failures[failures["check"] == "column_in_dataframe"]
    for col in missing["failure_case"]:
        problems.append(f"missing column '{col}' (the file needs: {', '.join(spec.columns)})")

    dupes = failures[failures["check"] == "multiple_fields_uniqueness"]
    if not dupes.empty:
        lines = sorted({int(i) + 2 for i in dupes["index"].dropna()})
        problems.append(
            f"lines {', '.join(map(str, lines))}: the same "
            f"({', '.join(spec.key_in(set(dupes['column'].dropna())))}) appears more "
            "than once; each key must be on one row only"
        )

    rules = {c.error: c for c in spec.checks}
    # Each value's own rule first: a rule across rows (every age of a county, say) often only
    # follows from a bad value, and the list is cut after the first few problems.
    cells = failures[~failures["check"].isin(["column_in_dataframe", "multiple_fields_uniqueness", *rules])]
    cells = cells[cells["index"].notna()]
    not_numbers = set(
        zip(
            cells.loc[cells["check"].str.startswith("coerce_dtype"), "column"],
            cells.loc[cells["check"].str.startswith("coerce_dtype"), "index"],
        )
    )
    for _, row in cells.sort_values(["index", "column"], key=lambda s: s.astype(str)).iterrows():
        if row["check"].startswith("dtype(") and (row["column"], row["index"]) in not_numbers:
            continue  # already reported as "must be a number"
        if row["check"] == "not_nullable":
            problems.append(f"line {int(row['index']) + 2}, column '{row['column']}' must not be empty")
            continue
        value = row["failure_case"]
        if str(row["check"]).startswith("in_range(") and isinstance(value, float) and value.is_integer():
            value = int(value)  # a year read as a number: show 1969, not 1969.0
        problems.append(
            f"line {int(row['index']) + 2}, column '{row['column']}': value '{value}' {_rule(str(row['check']))}"
        )

    flagged = failures[failures["check"].isin(list(rules)) & failures["index"].notna()]
    if missing.empty:  # with a column missing, every row would break the row rules
        for (index, error), rows in flagged.groupby(["index", "check"], sort=True):
            keys = rows[rows["column"].isin(spec.key)].set_index("column")["failure_case"]
            where = ", ".join(f"{k} {keys[k]}" for k in spec.key if k in keys)
            problems.append(f"line {int(index) + 2} ({where}): {error}")

    if not problems:  # a check we did not anticipate: show pandera's own words
        problems = [str(r) for r in failures.to_dict("records")]
    return _report(path, problems)


def _report(label, problems: list[str], what: str = "breaks its schema") -> str:
    """Return the problems as one message: the file, how many, the first few, one a line."""
    shown = problems[:MAX_PROBLEMS_SHOWN]
    more = len(problems) - len(shown)
    tail = f"\n  ... and {more} more" if more > 0 else ""
    return (
        f"{label} {what} ({len(problems)} problem"
        f"{'s' if len(problems) != 1 else ''}; line 1 is the header):\n  - " + "\n  - ".join(shown) + tail
    )
