"""Load the input tables and validate each against its schema.

Users bring their own files of the same shape, so the shape is the contract:
one pandera schema per file, and a failure names the file, the line, the
column and the rule in words a planner can act on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from . import codes

FIRST_YEAR = 1990
MAX_PROBLEMS_SHOWN = 20


class InputDataError(ValueError):
    """An input file breaks its schema; the message lists every problem found."""


def _last_observed_year() -> int:
    # Observations cannot lie in the future (next year allowed for fiscal data).
    return date.today().year + 1


def _year() -> pa.Column:
    return pa.Column(int, pa.Check.in_range(FIRST_YEAR, _last_observed_year()), coerce=True)


def _code(allowed) -> pa.Column:
    return pa.Column(str, pa.Check.isin(sorted(allowed)))


def _count(nullable: bool = False) -> pa.Column:
    return pa.Column(float, pa.Check.ge(0), coerce=True, nullable=nullable)


def _no_year_gaps(group: str) -> pa.Check:
    """Return a rule flagging each row whose year comes more than a year after the previous one of its `group`.

    A yearly series with a hole would be fitted as if the missing year did not
    exist; the user should fill it (or drop the earlier years) knowingly.
    """
    def check(frame: pd.DataFrame) -> pd.Series:
        years = pd.to_numeric(frame["year"], errors="coerce")
        previous = years.groupby(frame[group]).transform(
            lambda s: s.sort_values().shift().reindex(s.index))
        return ~((years - previous) > 1)
    return pa.Check(check, name="no_year_gaps",
                    error=f"the years of each {group} must follow one another without gaps: "
                          "the year before this row's year is missing")


@dataclass(frozen=True)
class TableSpec:
    """One input file: its name, its schema and the columns that make a row unique."""

    file: str
    columns: dict[str, pa.Column]
    key: tuple[str, ...]
    # Row-level rules across columns; each flags the failing rows and its `error` says the rule.
    checks: tuple[pa.Check, ...] = ()

    def schema(self) -> pa.DataFrameSchema:
        return pa.DataFrameSchema(
            self.columns, checks=list(self.checks), unique=list(self.key),
            report_duplicates="all", strict=False
        )


def _number(frame: pd.DataFrame, column: str) -> pd.Series:
    # Row rules also run when a cell failed to coerce or a column is missing (both are
    # reported on their own): such cells count as missing here.
    if column not in frame:
        return pd.Series(float("nan"), index=frame.index)
    return pd.to_numeric(frame[column], errors="coerce")


def _staff(frame: pd.DataFrame) -> pd.Series:
    """Return each HR row's staff: headcount where given, else average FTEs."""
    return _number(frame, "headcount").fillna(_number(frame, "avg_ftes"))


def _unreadable_staff(frame: pd.DataFrame) -> pd.Series:
    """Return True where a staff cell holds text that is not a number (reported as such already)."""
    given = pd.Series(False, index=frame.index)
    for column in ("avg_ftes", "headcount"):
        if column in frame:
            given |= frame[column].notna() & _number(frame, column).isna()
    return given


def _row_rule(rule, error: str) -> pa.Check:
    return pa.Check(rule, ignore_na=False, error=error)


def _specs() -> dict[str, TableSpec]:
    return {
        "physician_ftes": TableSpec(
            "physician_ftes.csv",
            {
                "year": _year(),
                "specialty": _code(codes.SPECIALTIES),
                "category": _code(codes.PHYSICIAN_CATEGORIES),
                "fte": _count(),
            },
            ("year", "specialty", "category"),
        ),
        "staff_ftes": TableSpec(
            "staff_ftes.csv",
            {
                "year": _year(),
                "trust": _code(codes.TRUSTS),
                "role": _code(codes.STAFF_ROLES),
                # Blank cells in the plan stay missing, not zero.
                "fte": _count(nullable=True),
            },
            ("year", "trust", "role"),
        ),
        "equipment_units": TableSpec(
            "equipment_units.csv",
            {
                "owner": _code({**codes.TRUSTS, **codes.PRIVATE_PROVIDERS}),
                "sector": _code(codes.SECTORS),
                "modality": _code(codes.EQUIPMENT_MODALITIES),
                "year": _year(),
                "units": _count(nullable=True),
            },
            ("year", "owner", "modality"),
        ),
        "exams_by_modality": TableSpec(
            "exams_by_modality.csv",
            {
                "year": _year(),
                "specialty": _code(codes.SPECIALTIES),
                "modality": _code({m for ms in codes.EXAM_MODALITIES.values() for m in ms}),
                "exams": _count(),
            },
            ("year", "specialty", "modality"),
        ),
        "exams_by_trust": TableSpec(
            "exams_by_trust.csv",
            {
                "year": _year(),
                "trust": _code(codes.TRUSTS),
                "setting": _code(codes.SETTINGS),
                "exams": _count(),
            },
            ("year", "trust", "setting"),
        ),
        # Issue 4: the HR export planners have and the plan lacks (optional file).
        "staff_turnover": TableSpec(
            "staff_turnover.csv",
            {
                "year": _year(),
                "trust": _code(codes.TRUSTS),
                "role": _code(codes.STAFF_ROLES),
                "leavers": _count(),
                "hires": _count(),
                "avg_ftes": _count(nullable=True),
                "headcount": _count(nullable=True),
                "source": pa.Column(str, nullable=True),
            },
            ("year", "trust", "role"),
            (
                _row_rule(lambda df: _staff(df).ne(0) & (_staff(df).notna() | _unreadable_staff(df)),
                          "no staff figure: give avg_ftes or headcount (or both), greater than 0"),
                _row_rule(lambda df: ~(_number(df, "leavers") > _staff(df)),
                          "more leavers than staff (leavers must not exceed headcount, or "
                          "avg_ftes where headcount is empty)"),
            ),
        ),
        "private_exams": TableSpec(
            "private_exams.csv",
            {
                "year": _year(),
                "hospital_area": _code(codes.HOSPITAL_AREAS),
                "modality": _code(codes.EQUIPMENT_MODALITIES),
                "exams": _count(),
            },
            ("year", "hospital_area", "modality"),
        ),
        # Optional user file (absent by default): national specialist approvals per year.
        "specialist_approvals": TableSpec(
            "specialist_approvals.csv",
            {
                "year": _year(),
                "specialty": _code(codes.SPECIALTIES),
                "approvals": _count(),
                "source": pa.Column(str, nullable=False),
            },
            ("year", "specialty"),
            checks=(_no_year_gaps("specialty"),),
        ),
    }


TABLES = _specs()
# Tables the user may add; absent by default, each with a stated fallback where it is used.
OPTIONAL_TABLES = ("specialist_approvals",)


def file_sha256(path: Path) -> str:
    """Return the SHA-256 of a file, the fingerprint manifests record."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_table(name: str, data_dir: Path) -> pd.DataFrame:
    """Return the validated table `name` from `data_dir`, or raise InputDataError."""
    spec = TABLES[name]
    path = Path(data_dir) / spec.file
    if not path.exists():
        raise InputDataError(f"{path}: file not found (expected the table '{name}').")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except pd.errors.EmptyDataError:
        raise InputDataError(f"{path}: the file is empty; expected a header row with columns "
                             f"{', '.join(spec.columns)} and at least one data row.") from None
    raw.columns = [c.strip() for c in raw.columns]
    if raw.empty:
        raise InputDataError(f"{path}: the file has a header but no data rows.")
    for col in raw.columns:
        if pd.api.types.is_string_dtype(raw[col]):
            raw[col] = raw[col].str.strip()
    try:
        table = spec.schema().validate(raw, lazy=True)
    except SchemaErrors as err:
        raise InputDataError(_describe(path, spec, err.failure_cases)) from None
    except SchemaError as err:  # pragma: no cover - lazy=True collects, kept as a guard
        raise InputDataError(f"{path}: {err}") from None
    return table[list(spec.columns)].reset_index(drop=True)


def load_inputs(data_dir: Path, names: tuple[str, ...]) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Return the validated tables and the SHA-256 of each file read (for the manifest)."""
    tables = {name: load_table(name, data_dir) for name in names}
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
        lo, hi = check[len("in_range("):-1].split(",")
        return f"must be a whole year from {lo.strip()} to {hi.strip()}"
    if check.startswith("isin("):
        return f"must be one of {check[len('isin('):-1]}"
    if check.startswith("greater_than_or_equal_to("):
        return "must not be negative"
    if check.startswith("coerce_dtype("):
        return "must be a number"
    if check == "not_nullable":
        return "must not be empty"
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
            f"lines {', '.join(map(str, lines))}: the same ({', '.join(spec.key)}) appears more "
            "than once; each key must be on one row only"
        )

    rules = {c.error: c for c in spec.checks}
    flagged = failures[failures["check"].isin(list(rules)) & failures["index"].notna()]
    if missing.empty:  # with a column missing, every row would break the row rules
        for (index, error), rows in flagged.groupby(["index", "check"], sort=True):
            keys = rows[rows["column"].isin(spec.key)].set_index("column")["failure_case"]
            where = ", ".join(f"{k} {keys[k]}" for k in spec.key if k in keys)
            problems.append(f"line {int(index) + 2} ({where}): {error}")

    cells = failures[~failures["check"].isin(["column_in_dataframe", "multiple_fields_uniqueness",
                                              *rules])]
    cells = cells[cells["index"].notna()]
    not_numbers = set(
        zip(cells.loc[cells["check"].str.startswith("coerce_dtype"), "column"],
            cells.loc[cells["check"].str.startswith("coerce_dtype"), "index"])
    )
    for _, row in cells.sort_values(["index", "column"], key=lambda s: s.astype(str)).iterrows():
        if row["check"].startswith("dtype(") and (row["column"], row["index"]) in not_numbers:
            continue  # already reported as "must be a number"
        if row["check"] == "not_nullable":
            problems.append(f"line {int(row['index']) + 2}, column '{row['column']}' must not be empty")
            continue
        problems.append(
            f"line {int(row['index']) + 2}, column '{row['column']}': value "
            f"'{row['failure_case']}' {_rule(str(row['check']))}"
        )

    if not problems:  # a check we did not anticipate: show pandera's own words
        problems = [str(r) for r in failures.to_dict("records")]
    shown = problems[:MAX_PROBLEMS_SHOWN]
    more = len(problems) - len(shown)
    tail = f"\n  ... and {more} more" if more > 0 else ""
    return (f"{path} breaks its schema ({len(problems)} problem"
            f"{'s' if len(problems) != 1 else ''}; line 1 is the header):\n  - "
            + "\n  - ".join(shown) + tail)
