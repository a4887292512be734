"""Load the input tables and validate each against its schema.

Users bring their own files of the same shape, so the shape is the contract:
one pandera schema per file, and a failure names the file, the line, the
column and the rule in words a planner can act on.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from imaging_plan.data import codes

FIRST_YEAR = 1990
REGISTER_FIRST_YEAR = 1970  # equipment older than this is not in service
MAX_PROBLEMS_SHOWN = 20


class InputDataError(ValueError):
    """An input file breaks its schema; the message lists every problem found."""


def _last_observed_year() -> int:
    # Observations cannot lie in the future (next year allowed for fiscal data).
    return date.today().year + 1


def _year() -> pa.Column:
    return pa.Column(int, pa.Check.in_range(FIRST_YEAR, _last_observed_year()), coerce=True)


def _install_year(nullable: bool = False) -> pa.Column:
    # An install or upgrade year lies in the past or this year, never the future.
    return pa.Column(
        float,
        [
            pa.Check.in_range(REGISTER_FIRST_YEAR, date.today().year),
            pa.Check(lambda s: s == s.round(), name="whole_number"),
        ],
        coerce=True,
        nullable=nullable,
    )


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
        previous = years.groupby(frame[group]).transform(lambda s: s.sort_values().shift().reindex(s.index))
        return ~((years - previous) > 1)

    return pa.Check(
        check,
        name="no_year_gaps",
        error=f"the years of each {group} must follow one another without gaps: "
        "the year before this row's year is missing",
    )


def _complete(group: str, item: str, count: int, what: str) -> pa.Check:
    """Return a rule flagging the rows of a `group` and year that lack some of the `count` `item`s.

    The population is summed over ages: a missing age would silently shrink a year.
    """

    def check(frame: pd.DataFrame) -> pd.Series:
        items = frame.groupby([frame[group], frame["year"]])[item].transform("nunique")
        return items == count

    return pa.Check(
        check,
        name=f"complete_{item}",
        error=f"each {group} and year must have {what} ({count} rows of {item}); this row's group has fewer",
    )


@dataclass(frozen=True)
class TableSpec:
    """One input file: its name, its schema and the columns that make a row unique."""

    file: str
    columns: dict[str, pa.Column]
    key: tuple[str, ...]
    # Row-level rules across columns; each flags the failing rows and its `error` says the rule.
    checks: tuple[pa.Check, ...] = ()
    # Optional columns that, when the file has them, join the key (e.g. physician FTEs per trust).
    optional_key: tuple[str, ...] = ()

    def schema(self, present: tuple[str, ...] = ()) -> pa.DataFrameSchema:
        key = [c for c in self.optional_key if c in present] + list(self.key)
        return pa.DataFrameSchema(
            self.columns, checks=list(self.checks), unique=key, report_duplicates="all", strict=False
        )

    def key_in(self, columns) -> tuple[str, ...]:
        """Return the key of a file with these columns (optional key columns first, when present)."""
        return tuple(c for c in self.optional_key if c in columns) + self.key


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
                # Optional: FTEs per trust; the region is then their sum (see region_physicians).
                "trust": pa.Column(str, pa.Check.isin(sorted(codes.TRUSTS)), required=False),
            },
            ("year", "specialty", "category"),
            optional_key=("trust",),
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
        # The HR export planners have and the plan lacks (optional file).
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
                _row_rule(
                    lambda df: _staff(df).ne(0) & (_staff(df).notna() | _unreadable_staff(df)),
                    "no staff figure: give avg_ftes or headcount (or both), greater than 0",
                ),
                _row_rule(
                    lambda df: ~(_number(df, "leavers") > _staff(df)),
                    "more leavers than staff (leavers must not exceed headcount, or avg_ftes where headcount is empty)",
                ),
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
        # Optional user file (absent by default: the plan reports unfilled posts but gives no
        # count): the base year's unmet physician need per trust, specialty and kind, in FTEs.
        "unmet_need": TableSpec(
            "unmet_need.csv",
            {
                "year": _year(),
                "trust": _code(codes.TRUSTS),
                "specialty": _code(codes.SPECIALTIES),
                "kind": _code(codes.UNMET_NEED_KINDS),
                "fte": _count(),
                "source": pa.Column(str, nullable=False),
            },
            ("year", "trust", "specialty", "kind"),
        ),
        # Statistics Norway's population: observed by county and single age (table 07459),
        # projected by age band (table 14746), and the imaging rates by age of Hofmann et al. 2024.
        "population_observed": TableSpec(
            "population_observed.csv",
            {
                "county_code": _code(codes.HSO_COUNTIES),
                "county_name": pa.Column(str),
                "year": _year(),
                "age": pa.Column(int, pa.Check.in_range(0, 105), coerce=True),
                "persons": _count(),
            },
            ("county_code", "year", "age"),
            checks=(_complete("county_code", "age", 106, "every age 0-105 (105 = 105 and older)"),),
        ),
        **{
            f"population_projection_{area}": TableSpec(
                f"population_projection_{area}.csv",
                {
                    "scenario": _code(codes.POPULATION_SCENARIOS),
                    "year": pa.Column(int, pa.Check.in_range(FIRST_YEAR, 2100), coerce=True),
                    "age_band": _code([band for band, _, _ in codes.AGE_BANDS]),
                    "persons": _count(),
                },
                ("scenario", "year", "age_band"),
                checks=(
                    _complete("scenario", "age_band", len(codes.AGE_BANDS), "all ten age bands of SSB table 14746"),
                ),
            )
            for area in ("national", "telemark")
        },
        # The counties' own projected totals (SSB table 14288, 2024 round): each county's control total.
        "population_projection_counties": TableSpec(
            "population_projection_counties.csv",
            {
                "county_code": _code(codes.HSO_COUNTIES),
                "county_name": pa.Column(str),
                "scenario": _code(codes.POPULATION_SCENARIOS),
                "year": pa.Column(int, pa.Check.in_range(FIRST_YEAR, 2100), coerce=True),
                "persons": _count(),
            },
            ("county_code", "scenario", "year"),
        ),
        "imaging_rates_by_age": TableSpec(
            "imaging_rates_by_age.csv",
            {
                "age_group": _code(("all ages", ">80")),
                "year": _year(),
                "exams_per_person": pa.Column(float, pa.Check.gt(0), coerce=True),
                "modality": pa.Column(str),
                "source_location": pa.Column(str),
            },
            ("age_group", "year"),
        ),
        # On-call lines per site (the plan names the principle, not the sites' rotas): the preparedness
        # page's staffing floor. The shipped rows are illustrative and say so in `source`.
        "on_call_lines": TableSpec(
            "on_call_lines.csv",
            {
                "site": pa.Column(str, pa.Check.str_length(min_value=1)),
                "trust": _code(codes.TRUSTS),
                "specialty": _code(codes.SPECIALTIES),
                "lines": pa.Column(
                    float, [pa.Check.ge(1), pa.Check(lambda s: s == s.round(), name="whole_number")], coerce=True
                ),
                "rota_weeks": pa.Column(
                    float, [pa.Check.ge(1), pa.Check(lambda s: s == s.round(), name="whole_number")], coerce=True
                ),
                "on_site_lines": pa.Column(
                    float, [pa.Check.ge(0), pa.Check(lambda s: s == s.round(), name="whole_number")], coerce=True
                ),
                "source": pa.Column(str, pa.Check.str_length(min_value=1)),
            },
            ("site", "specialty"),
            checks=(
                _row_rule(
                    lambda df: ~(_number(df, "on_site_lines") > _number(df, "lines")),
                    "on_site_lines is more than lines (the lines that must stay on site are some of the site's lines)",
                ),
                _one_trust_per_site(),
            ),
        ),
        "equipment_register": TableSpec(
            "equipment_register.csv",
            {
                "unit_id": pa.Column(str),
                "owner": _code({**codes.TRUSTS, **codes.PRIVATE_PROVIDERS}),
                "sector": _code(codes.SECTORS),
                "modality": _code(codes.EQUIPMENT_MODALITIES),
                "install_year": _install_year(),
                "upgrade_year": _install_year(nullable=True),
                "price_nok": _count(nullable=True),
                "source": pa.Column(str, nullable=True),
            },
            ("unit_id",),
            checks=(_upgrade_not_before_install(), _sector_matches_owner()),
        ),
    }


def _one_trust_per_site() -> pa.Check:
    """Return the rule flagging an on-call row whose site another row gives to another trust."""

    def check(frame: pd.DataFrame) -> pd.Series:
        return frame.groupby("site")["trust"].transform("nunique") == 1

    return pa.Check(check, name="one_trust_per_site", error="the site is given to more than one trust")


def _sector_of_owner(owner: str) -> str:
    return "private" if owner in codes.PRIVATE_PROVIDERS else "public"


def _upgrade_not_before_install() -> pa.Check:
    """Return the rule flagging a register row whose upgrade year comes before its install year."""

    def check(frame: pd.DataFrame) -> pd.Series:
        install = pd.to_numeric(frame["install_year"], errors="coerce")
        upgrade = pd.to_numeric(frame["upgrade_year"], errors="coerce")
        return upgrade.isna() | install.isna() | (upgrade >= install)

    return pa.Check(
        check,
        name="upgrade_not_before_install",
        error="upgrade_year is before install_year (a unit is upgraded after it is installed)",
    )


def _sector_matches_owner() -> pa.Check:
    """Return the rule flagging a register row whose sector contradicts its owner."""

    def check(frame: pd.DataFrame) -> pd.Series:
        return frame["sector"] == frame["owner"].map(_sector_of_owner)

    return pa.Check(
        check,
        name="sector_matches_owner",
        error="sector does not match owner (the ten trusts and hospitals are public; "
        "ALFA, EVIDIA and UNILABS are private)",
    )


TABLES = _specs()
# Tables the user may add; absent by default, each with a stated fallback where it is used.
OPTIONAL_TABLES = ("specialist_approvals", "unmet_need")


def file_sha256(path: Path) -> str:
    """Return the SHA-256 of a file, the fingerprint manifests record."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_table(name: str, data_dir: Path) -> pd.DataFrame:
    """Return the validated table `name` from `data_dir`, or raise InputDataError."""
    path = Path(data_dir) / TABLES[name].file
    if not path.exists():
        raise InputDataError(f"{path}: file not found (expected the table '{name}').")
    return read_table(name, path, path)


MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # 20 MB: far above any input (the largest shipped file is ~40 KB)
MAX_UPLOAD_ROWS = 100_000  # the register of a large region has a few thousand rows
EXCEL_SUFFIXES = (".xlsx", ".xlsm")


def read_uploaded(name: str, content: bytes, label: str, sheet: str | None = None) -> pd.DataFrame:
    """Return the validated table `name` from an uploaded file's bytes, or raise InputDataError.

    CSV or Excel (.xlsx: the first sheet, or `sheet`). Nothing is written: the app
    validates a planner's file in memory before using it. Files over the size or row
    cap are refused before they are parsed further.
    """
    if len(content) > MAX_UPLOAD_BYTES:
        raise InputDataError(
            f"{label}: the file is {len(content) / 1e6:.1f} MB; the limit is "
            f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB per file."
        )
    return read_table(
        name, io.BytesIO(content), label, sheet=sheet, excel=is_excel(label, content), max_rows=MAX_UPLOAD_ROWS
    )


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


# --- What each file must hold, in words (the Data page reads the very schema the loader uses) ----


def _check_words(check: pa.Check) -> str:
    stats = check.statistics or {}
    if check.name == "isin":
        return "one of " + ", ".join(map(str, stats["allowed_values"]))
    if check.name == "in_range":
        return f"from {stats['min_value']} to {stats['max_value']}"
    if check.name == "greater_than_or_equal_to":
        bound = stats.get("min_value", 0)
        return "not negative" if bound == 0 else f"at least {bound}"
    if check.name == "whole_number":
        return "a whole number"
    return check.error or str(check.name)


def column_rules(name: str) -> pd.DataFrame:
    """Return one row per column of table `name`: its type, whether it is required, may be empty, and its rules.

    Derived from the pandera schema itself, so the Data page can never disagree with the loader.
    """
    spec = TABLES[name]
    rows = []
    for column, col in spec.columns.items():
        numeric = str(col.dtype).startswith(("float", "int"))
        kind = ("number" if numeric else "text") if column != "year" else "year"
        rows.append(
            {
                "column": column,
                "type": kind,
                "required": "yes" if col.required else "optional column",
                "may_be_empty": "yes" if col.nullable else "no",
                "in_key": "yes" if column in spec.key or column in spec.optional_key else "",
                "rule": "; ".join(_check_words(c) for c in col.checks) or "any text",
            }
        )
    return pd.DataFrame(rows)


def table_rules(name: str) -> list[str]:
    """Return the rules across a row or across rows of table `name`, in words."""
    spec = TABLES[name]
    rules = [
        f"each ({', '.join(spec.key)}) appears on one row only"
        + (f" (per {', '.join(spec.optional_key)} when that column is given)" if spec.optional_key else "")
    ]
    rules += [f"refused when: {c.error}" for c in spec.checks if c.error]
    if name == "physician_ftes":
        rules.append(
            "with a trust column, every trust reports the same (year, specialty, category) rows; "
            "the region's plan is their sum"
        )
    for needs, _, _blamed in CROSS_CHECKS:
        if name in needs:
            other = [TABLES[n].file for n in needs if n != name]
            rules.append(f"must agree with {', '.join(other)} (unit counts per owner and modality)")
    return rules


def template_frame(name: str, data_dir: Path) -> pd.DataFrame:
    """Return the rows a template offers: the data folder's file as it is, or just its header when absent."""
    path = Path(data_dir) / TABLES[name].file
    if path.exists():
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    columns = [c for c, col in TABLES[name].columns.items() if col.required]
    return pd.DataFrame(columns=columns)


def template_csv(name: str, data_dir: Path) -> bytes:
    """Return the CSV template of table `name` (the data folder's rows, to edit or replace)."""
    return template_frame(name, data_dir).to_csv(index=False).encode("utf-8")


def template_xlsx(name: str, data_dir: Path) -> bytes:
    """Return the Excel template: the rows on the first sheet (the one read), the rules on a second."""
    frame = template_frame(name, data_dir)
    numeric = [
        c for c, col in TABLES[name].columns.items() if str(col.dtype).startswith(("float", "int")) and c in frame
    ]
    for column in numeric:  # numbers as numbers, so Excel sums and sorts them
        frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce")
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=name[:31], index=False)
        column_rules(name).to_excel(writer, sheet_name="columns", index=False)
        pd.DataFrame({"rule": table_rules(name)}).to_excel(writer, sheet_name="rules", index=False)
    return buffer.getvalue()
