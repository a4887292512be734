"""The codes and their names: one place for the region's code, the staff trusts and the modality names."""

from __future__ import annotations

from imaging_plan.planning import assumptions
from imaging_plan.data import codes
from imaging_plan.i18n import modality_name


def test_every_equipment_modality_has_a_name_in_both_languages_and_no_other_code_does():
    assert set(codes.MODALITY_NAMES) == set(codes.EQUIPMENT_MODALITIES)
    assert all(len(pair) == 2 and all(isinstance(s, str) and s for s in pair) for pair in codes.MODALITY_NAMES.values())


def test_modality_names_follow_the_language():
    assert (modality_name("MR", "nb"), modality_name("MR", "en")) == ("MR", "MRI")
    assert (modality_name("RG", "nb"), modality_name("RG", "en")) == ("Røntgen (RG)", "X-ray (RG)")


def test_equipment_assumptions_name_each_modality_as_the_codes_do():
    for m in codes.EQUIPMENT_MODALITIES:
        nb, en = codes.MODALITY_NAMES[m]
        a = assumptions.ASSUMPTIONS[f"price_{m.lower()}_mnok"]
        assert nb in a.label_nb and en in a.label_en, m


def test_staff_trusts_are_trusts_and_the_region_code_is_none_of_them():
    assert set(codes.STAFF_TRUSTS) <= set(codes.TRUSTS)
    assert codes.REGION not in codes.TRUSTS and codes.REGION not in codes.PRIVATE_PROVIDERS
