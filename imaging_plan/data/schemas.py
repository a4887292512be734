"""The input tables' schemas: one pandera schema per file, the contract a user's file of the same shape meets.

Loading (`inputs`), uploads (`uploads`) and the Data page's rules in words (`templates`)
all read these, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import pandera.pandas as pa

from imaging_plan.data import codes

FIRST_YEAR = 1990
REGISTER_FIRST_YEAR = 1970  # equipment older than this is not in service


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
