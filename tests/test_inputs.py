"""Loading and validation: every bad-input case gets a message naming file, line, column and rule."""

from __future__ import annotations

import pytest

from imaging_plan import paths
from imaging_plan.data.inputs import load_optional, load_table
from imaging_plan.data.schemas import OPTIONAL_TABLES, TABLES, InputDataError


@pytest.mark.parametrize("name", sorted(set(TABLES) - set(OPTIONAL_TABLES)))
def test_shipped_tables_load(name):
    table = load_table(name, paths.DATA_DIR)
    # optional columns (physician FTEs' `trust`) are absent from the shipped files
    assert list(table.columns) == [c for c, col in TABLES[name].columns.items() if col.required]
    assert len(table) > 0


def _write(folder, name, text):
    path = folder / TABLES[name].file
    path.write_text(text, encoding="utf-8")
    return path


def _error(folder, name) -> str:
    with pytest.raises(InputDataError) as err:
        load_table(name, folder)
    return str(err.value)


def test_missing_column_is_named(tmp_path):
    _write(tmp_path, "physician_ftes", "year,specialty,fte\n2025,radiology,3\n")
    message = _error(tmp_path, "physician_ftes")
    assert "physician_ftes.csv" in message
    assert "missing column 'category'" in message


def test_non_numeric_fte_names_line_and_column(tmp_path):
    _write(
        tmp_path,
        "physician_ftes",
        "year,specialty,category,fte\n2024,radiology,consultant,3\n2025,radiology,consultant,ten\n",
    )
    message = _error(tmp_path, "physician_ftes")
    assert "line 3, column 'fte': value 'ten' must be a number" in message
    assert message.count("'ten'") == 1  # reported once, not once per failed check


def test_negative_fte_names_line_and_rule(tmp_path):
    _write(tmp_path, "physician_ftes", "year,specialty,category,fte\n2025,radiology,consultant,-4\n")
    assert "line 2, column 'fte': value '-4.0' must not be negative" in _error(tmp_path, "physician_ftes")


def test_duplicated_key_rows_are_listed(tmp_path):
    _write(
        tmp_path,
        "staff_ftes",
        "year,trust,role,fte\n2025,OUS,radiographer,396\n2024,OUS,radiographer,399\n2025,OUS,radiographer,400\n",
    )
    message = _error(tmp_path, "staff_ftes")
    assert "lines 2, 4" in message and "(year, trust, role)" in message


@pytest.mark.parametrize(
    "name,text,column,value",
    [
        ("staff_ftes", "year,trust,role,fte\n2025,Ahus,radiographer,3\n", "trust", "Ahus"),
        ("physician_ftes", "year,specialty,category,fte\n2025,radiology,overlege,3\n", "category", "overlege"),
        ("equipment_units", "owner,sector,modality,year,units\nOUS,public,MRI,2025,3\n", "modality", "MRI"),
    ],
)
def test_unknown_codes_are_named_with_the_allowed_ones(tmp_path, name, text, column, value):
    message = _error(_write(tmp_path, name, text).parent, name)
    assert f"line 2, column '{column}': value '{value}' must be one of" in message


@pytest.mark.parametrize("year", ["1890", "2999"])
def test_year_outside_sane_range(tmp_path, year):
    _write(tmp_path, "physician_ftes", f"year,specialty,category,fte\n{year},radiology,consultant,3\n")
    assert f"line 2, column 'year': value '{year}' must be a whole year from 1990" in _error(tmp_path, "physician_ftes")


def test_empty_file(tmp_path):
    _write(tmp_path, "physician_ftes", "")
    assert "the file is empty" in _error(tmp_path, "physician_ftes")


def test_header_without_rows(tmp_path):
    _write(tmp_path, "physician_ftes", "year,specialty,category,fte\n")
    assert "no data rows" in _error(tmp_path, "physician_ftes")


def test_missing_file_is_named(tmp_path):
    message = _error(tmp_path, "physician_ftes")
    assert "physician_ftes.csv: file not found" in message


def test_blank_staff_fte_stays_missing():
    staff = load_table("staff_ftes", paths.DATA_DIR)
    vv = staff[(staff["trust"] == "VVHF") & (staff["role"] == "bioengineer")].set_index("year")["fte"]
    assert vv.loc[[2023, 2024, 2025]].isna().all()
    assert vv.loc[2022] == 1


def test_many_problems_are_capped_but_counted(tmp_path):
    rows = "".join(f"{2000 + i},radiology,consultant,-1\n" for i in range(25))
    _write(tmp_path, "physician_ftes", "year,specialty,category,fte\n" + rows)
    message = _error(tmp_path, "physician_ftes")
    assert "(25 problems" in message and "... and 5 more" in message


# --- The HR export (data/staff_turnover.csv, optional) ---------------------------------------------

HR_HEADER = "year,trust,role,leavers,hires,avg_ftes,headcount,source\n"


@pytest.mark.parametrize(
    "rows,expected",
    [
        (
            "2025,OUS,radiographer,30,3,20,,hr\n",
            "line 2 (year 2025, trust OUS, role radiographer): more leavers than staff",
        ),
        ("2025,OUS,radiographer,30,3,400,25,hr\n", "line 2 (year 2025, trust OUS, role radiographer): more leavers"),
        (
            "2024,OUS,radiographer,3,3,20,,hr\n2025,OUS,radiographer,-3,3,20,,hr\n",
            "line 3, column 'leavers': value '-3.0' must not be negative",
        ),
        ("2025,OUS,radiographer,3,-1,20,,hr\n", "line 2, column 'hires': value '-1.0' must not be negative"),
        ("2025,Ahus,radiographer,3,3,20,,hr\n", "line 2, column 'trust': value 'Ahus' must be one of"),
        ("2025,OUS,nurse,3,3,20,,hr\n", "line 2, column 'role': value 'nurse' must be one of"),
        ("1985,OUS,radiographer,3,3,20,,hr\n", "line 2, column 'year': value '1985' must be a whole year"),
        (
            "2025,OUS,radiographer,3,3,20,,hr\n2024,OUS,radiographer,3,3,20,,hr\n2025,OUS,radiographer,4,3,20,,hr\n",
            "lines 2, 4: the same (year, trust, role) appears more than once",
        ),
        ("2025,OUS,radiographer,3,3,,,hr\n", "line 2 (year 2025, trust OUS, role radiographer): no staff figure"),
        ("2025,OUS,radiographer,0,3,0,,hr\n", "line 2 (year 2025, trust OUS, role radiographer): no staff figure"),
    ],
)
def test_bad_hr_rows_are_named(tmp_path, rows, expected):
    _write(tmp_path, "staff_turnover", HR_HEADER + rows)
    message = _error(tmp_path, "staff_turnover")
    assert "staff_turnover.csv" in message and expected in message


def test_bad_hr_file_names_each_broken_line_once(tmp_path):
    _write(
        tmp_path,
        "staff_turnover",
        HR_HEADER + "2024,OUS,radiographer,3,3,20,,hr\n"
        "2025,OUS,radiographer,50,3,20,,hr\n2025,SIV,radiographer,60,3,30,,hr\n",
    )
    message = _error(tmp_path, "staff_turnover")
    assert "line 3 (year 2025, trust OUS, role radiographer): more leavers than staff" in message
    assert "line 4 (year 2025, trust SIV, role radiographer): more leavers than staff" in message
    assert message.count("more leavers") == 2 and "line 2" not in message


def test_hr_file_missing_a_column_names_it_without_row_noise(tmp_path):
    _write(tmp_path, "staff_turnover", "year,trust,role,leavers,hires,source\n2025,OUS,radiographer,3,3,hr\n")
    message = _error(tmp_path, "staff_turnover")
    assert "missing column 'avg_ftes'" in message and "missing column 'headcount'" in message
    assert "no staff figure" not in message


def test_optional_file_absent_is_none_and_present_is_validated(tmp_path):
    assert load_optional("staff_turnover", tmp_path) == (None, {})
    _write(tmp_path, "staff_turnover", HR_HEADER + "2025,OUS,radiographer,3,2,20,21,HR export\n")
    table, hashes = load_optional("staff_turnover", tmp_path)
    assert table.loc[0, "headcount"] == 21 and len(hashes["staff_turnover.csv"]) == 64
    _write(tmp_path, "staff_turnover", HR_HEADER + "2025,OUS,radiographer,30,2,20,,HR export\n")
    with pytest.raises(InputDataError, match="more leavers than staff"):
        load_optional("staff_turnover", tmp_path)
