"""A bad equipment register gets a message naming its lines, from a file or an upload."""

from __future__ import annotations

from datetime import date

import pytest

from imaging_plan import paths
from imaging_plan.data.inputs import load_inputs, load_table
from imaging_plan.data.schemas import InputDataError
from imaging_plan.data.uploads import read_uploaded

HEADER = "unit_id,owner,sector,modality,install_year,upgrade_year,price_nok,source\n"
GOOD = "OUS-MR-01,OUS,public,MR,2015,,,test\n"


def _error(folder, text: str) -> str:
    (folder / "equipment_register.csv").write_text(HEADER + text, encoding="utf-8")
    with pytest.raises(InputDataError) as err:
        load_table("equipment_register", folder)
    return str(err.value)


@pytest.mark.parametrize(
    "row,words",
    [
        ("OUS-MRI-01,OUS,public,MRI,2015,,,test", "line 3, column 'modality': value 'MRI' must be one of"),
        ("X-MR-01,Ullevål,public,MR,2015,,,test", "line 3, column 'owner': value 'Ullevål' must be one of"),
        (
            f"OUS-MR-02,OUS,public,MR,{date.today().year + 1},,,test",
            f"line 3, column 'install_year': value '{date.today().year + 1}' must be a whole year from 1970 to "
            f"{date.today().year}",
        ),
        (
            "OUS-MR-02,OUS,public,MR,1969,,,test",
            "line 3, column 'install_year': value '1969' must be a whole year from 1970",
        ),
        ("OUS-MR-02,OUS,public,MR,2015,,-5,test", "line 3, column 'price_nok': value '-5.0' must not be negative"),
        (
            "OUS-MR-02,OUS,public,MR,2015,2019.5,,test",
            "line 3, column 'upgrade_year': value '2019.5' must be a whole number",
        ),
        ("OUS-MR-02,OUS,public,MR,twenty,,,test", "line 3, column 'install_year': value 'twenty' must be a number"),
        (",OUS,public,MR,2015,,,test", "line 3, column 'unit_id' must not be empty"),
    ],
)
def test_bad_cells_name_line_column_and_rule(tmp_path, row, words):
    assert words in _error(tmp_path, GOOD + row + "\n")


def test_duplicate_unit_ids_name_the_lines(tmp_path):
    message = _error(tmp_path, GOOD + "OUS-CT-01,OUS,public,CT,2016,,,test\n" + GOOD)
    assert "lines 2, 4: the same (unit_id) appears more than once" in message


def test_upgrade_before_install_names_the_line(tmp_path):
    message = _error(tmp_path, GOOD + "OUS-MR-02,OUS,public,MR,2010,2008,,test\n")
    assert "line 3 (unit_id OUS-MR-02): upgrade_year is before install_year" in message


def test_sector_that_contradicts_the_owner_names_the_line(tmp_path):
    message = _error(tmp_path, GOOD + "UNILABS-MR-01,UNILABS,public,MR,2018,,,test\n")
    assert "line 3 (unit_id UNILABS-MR-01): sector does not match owner" in message


def test_counts_that_disagree_with_tabell5_name_owner_modality_and_lines(data_copy):
    path = data_copy / "equipment_register.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    ahus_ct = [i + 1 for i, line in enumerate(lines) if line.startswith("AHUS-CT-")]
    del lines[ahus_ct[-1] - 1]  # drop the last AHUS CT unit
    lines.append("DHS-PET_CT-01,DHS,public,PET_CT,2020,,,test\n")  # DHS has no PET/CT in Tabell 5
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputDataError) as err:
        load_inputs(data_copy, ("equipment_register", "equipment_units"))
    message = str(err.value)
    assert "equipment_register.csv disagrees with the declared totals (2 problems" in message
    assert (
        f"owner AHUS, modality CT: the register has 7 units (register lines {ahus_ct[0]}-{ahus_ct[-2]}); "
        "equipment_units.csv line 2 declares 8"
    ) in message
    assert (
        f"owner DHS, modality PET_CT: the register has 1 unit (register lines {len(lines)}); "
        "equipment_units.csv line 12 declares 0"
    ) in message


def test_the_shipped_register_agrees_with_tabell5():
    tables, hashes = load_inputs(paths.DATA_DIR, ("equipment_register", "equipment_units"))
    assert len(tables["equipment_register"]) == 508 and "equipment_register.csv" in hashes


def test_an_upload_is_validated_in_memory_and_named_by_its_file_name(tmp_path):
    good = read_uploaded("equipment_register", (HEADER + GOOD).encode(), "mine.csv")
    assert good["unit_id"].tolist() == ["OUS-MR-01"] and good["upgrade_year"].isna().all()
    with pytest.raises(InputDataError, match="(?s)mine.csv breaks its schema.*line 2, column 'modality'"):
        read_uploaded("equipment_register", (HEADER + GOOD.replace(",MR,", ",XR,")).encode(), "mine.csv")
    with pytest.raises(InputDataError, match="mine.csv: not a readable UTF-8 CSV file"):
        read_uploaded("equipment_register", HEADER.encode() + b"\xff\xfe,\x00\n", "mine.csv")
    with pytest.raises(InputDataError, match="mine.csv: the file is empty"):
        read_uploaded("equipment_register", b"", "mine.csv")
    assert not list(tmp_path.iterdir())  # nothing written
