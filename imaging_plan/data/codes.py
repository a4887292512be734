"""The codes the data files use, with their Norwegian and English names.

The plan spells trusts differently from table to table (SiV, SØHF, Sykehuset
i Vestfold ...); every file uses these ASCII codes instead.
"""

from __future__ import annotations

SPECIALTIES = {
    "radiology": ("Radiologi", "Radiology"),
    "nuclear_medicine": ("Nukleærmedisin", "Nuclear medicine"),
}

PHYSICIAN_CATEGORIES = {
    "consultant": ("Overlege", "Consultant"),
    "specialist": ("Legespesialist", "Specialist"),
    "acting_consultant": ("Konstituert overlege", "Acting consultant"),
    "resident": ("LiS 2-3", "Resident (LiS 2-3)"),
}
# Categories that hold an approved specialist (or fill a specialist post).
SPECIALIST_CATEGORIES = ("consultant", "specialist", "acting_consultant")

TRUSTS = {
    "AHUS": "Akershus universitetssykehus",
    "DHS": "Diakonhjemmet sykehus",
    "LDS": "Lovisenberg diakonale sykehus",
    "OUS": "Oslo universitetssykehus",
    "SIHF": "Sykehuset Innlandet",
    "SIV": "Sykehuset i Vestfold",
    "SSHF": "Sørlandet sykehus",
    "STHF": "Sykehuset Telemark",
    "SOHF": "Sykehuset Østfold",
    "VVHF": "Vestre Viken",
}

PRIVATE_PROVIDERS = {
    "ALFA": "Alfa Røntgen",
    "EVIDIA": "Evidia Norge",
    "UNILABS": "Unilabs Norge",
}

# The trusts of Tabell 7 (those with their own imaging departments): staff figures per trust, one
# turnover override and one chart colour each.
STAFF_TRUSTS = ("AHUS", "OUS", "SIHF", "SIV", "SOHF", "SSHF", "STHF", "VVHF")
# The trust code of the region's totals in the staff tables (the sum over trusts).
REGION = "ALL"

HOSPITAL_AREAS = {
    "AKERSHUS": "Akershus",
    "INNLANDET": "Innlandet",
    "OSLO": "Oslo",
    "SORLANDET": "Sørlandet",
    "TELEMARK_VESTFOLD": "Telemark og Vestfold",
    "VESTRE_VIKEN": "Vestre Viken",
    "OSTFOLD": "Østfold",
}

STAFF_ROLES = {
    "radiographer": ("Radiograf", "Radiographer"),
    "bioengineer": ("Bioingeniør", "Biomedical laboratory scientist"),
    "secretary": ("Helsesekretær", "Medical secretary"),
}

EQUIPMENT_MODALITIES = ("CT", "MR", "RG", "UL", "PET_CT", "SPECT_CT")
MODALITY_NAMES = {
    "CT": ("CT", "CT"),
    "MR": ("MR", "MRI"),
    "RG": ("Røntgen (RG)", "X-ray (RG)"),
    "UL": ("Ultralyd (UL)", "Ultrasound (UL)"),
    "PET_CT": ("PET/CT", "PET/CT"),
    "SPECT_CT": ("SPECT/CT", "SPECT/CT"),
}

EXAM_MODALITIES = {
    "radiology": ("CT", "MR", "RG", "UL", "INTERVENTION", "OTHER"),
    "nuclear_medicine": ("PET_CT", "CONVENTIONAL_NM", "NM_RADIOTHERAPY"),
}

SECTORS = ("public", "private")
SETTINGS = ("inpatient", "outpatient")

# The exam line of Tabell 1 each equipment type carries, for throughput per unit.
# Conventional nuclear medicine runs on SPECT/CT (and on planar gamma cameras,
# which Tabell 5 does not count); intervention and "other" have no unit type there.
EXAM_MODALITY_OF_EQUIPMENT = {
    "CT": "CT",
    "MR": "MR",
    "RG": "RG",
    "UL": "UL",
    "PET_CT": "PET_CT",
    "SPECT_CT": "CONVENTIONAL_NM",
}

# Helse Sør-Øst's eight counties (2024 borders) in Statistics Norway's table 07459.
HSO_COUNTIES = {
    "03": "Oslo",
    "31": "Østfold",
    "32": "Akershus",
    "33": "Buskerud",
    "34": "Innlandet",
    "39": "Vestfold",
    "40": "Telemark",
    "42": "Agder",
}

# Statistics Norway's functional age bands of table 14746: (label, first age, last age).
AGE_BANDS = (
    ("0", 0, 0),
    ("1-5", 1, 5),
    ("6-12", 6, 12),
    ("13-15", 13, 15),
    ("16-19", 16, 19),
    ("20-44", 20, 44),
    ("45-66", 45, 66),
    ("67-79", 67, 79),
    ("80-89", 80, 89),
    ("90+", 90, 105),
)

# The three alternatives of SSB's 2026 projection in the data: main, low and high national growth.
POPULATION_SCENARIOS = {
    "MMMM": ("Hovedalternativet (MMMM)", "Main alternative (MMMM)"),
    "LLML": ("Lav nasjonal vekst (LLML)", "Low national growth (LLML)"),
    "HHMH": ("Høy nasjonal vekst (HHMH)", "High national growth (HHMH)"),
}

# Kinds of unmet physician need in the base year (data/unmet_need.csv): posts or work the FTEs
# in Tabell 6 do not cover (the plan: trusts that cannot fill radiologist posts buy locums or cut
# production).
UNMET_NEED_KINDS = {
    "vacancy": ("Ubesatt stilling", "Vacant post"),
    "locum": ("Innleie / eksterne vikarer", "Locums, hired-in"),
    "overtime": ("Overtid", "Overtime"),
    "bought_reading": ("Kjøpt tolking (teleradiologi, private)", "Bought reading (teleradiology, private)"),
}

# The hospital area (sykehusområde, the columns of Tabell 3) each trust's hospitals serve. The plan's
# areas carry the names of the trusts' catchments (Akershus: AHUS, Innlandet: SIHF, Sørlandet: SSHF,
# Vestre Viken: VVHF, Østfold: SOHF, Telemark og Vestfold: STHF and SIV); Diakonhjemmet and
# Lovisenberg serve parts of Oslo's population beside OUS, so all three are in Oslo's area.
TRUST_AREA = {
    "AHUS": "AKERSHUS",
    "DHS": "OSLO",
    "LDS": "OSLO",
    "OUS": "OSLO",
    "SIHF": "INNLANDET",
    "SIV": "TELEMARK_VESTFOLD",
    "SSHF": "SORLANDET",
    "STHF": "TELEMARK_VESTFOLD",
    "SOHF": "OSTFOLD",
    "VVHF": "VESTRE_VIKEN",
}

# Neighbouring hospital areas, where overflow could go when an area is short. Assumption, from the
# geography of the counties (2024 borders) the areas cover: two areas are neighbours when their
# catchments share a land border. Oslo borders Akershus (Ahus' Romerike/Follo) and Bærum/Asker
# (Vestre Viken); Akershus borders Østfold (Follo), Innlandet (Eidsvoll, Nes, Kongsvinger) and
# Buskerud (Vestre Viken); Innlandet borders Buskerud (Ringerike); Buskerud borders Telemark and
# Vestfold; Telemark borders Agder (Sørlandet). Østfold and Vestfold face each other across the
# Oslofjord without a land border, so they are not neighbours here. Symmetric by construction.
NEIGHBOUR_AREAS = {
    "OSLO": ("AKERSHUS", "VESTRE_VIKEN"),
    "AKERSHUS": ("OSLO", "OSTFOLD", "INNLANDET", "VESTRE_VIKEN"),
    "OSTFOLD": ("AKERSHUS",),
    "INNLANDET": ("AKERSHUS", "VESTRE_VIKEN"),
    "VESTRE_VIKEN": ("OSLO", "AKERSHUS", "INNLANDET", "TELEMARK_VESTFOLD"),
    "TELEMARK_VESTFOLD": ("VESTRE_VIKEN", "SORLANDET"),
    "SORLANDET": ("TELEMARK_VESTFOLD",),
}

# The supplies whose failure the preparedness page tests (the plan, chapter 8: iodinated contrast
# has two suppliers in Norway; F-18 FDG for PET/CT one producer, NMS, with a shelf life of hours),
# and the equipment modality whose exams need them.
SUPPLIES = {
    "FDG": ("F-18 FDG (PET/CT)", "F-18 FDG (PET/CT)", "PET_CT"),
    "CONTRAST": ("Jodholdig kontrast (CT)", "Iodinated contrast (CT)", "CT"),
}

# The activity's modalities: every line of Tabell 1 (radiology, then nuclear medicine), and those
# Tabell 3 gives the private providers' exams for.
ACTIVITY_MODALITIES = (*EXAM_MODALITIES["radiology"], *EXAM_MODALITIES["nuclear_medicine"])
PRIVATE_MODALITIES = ("CT", "MR", "RG", "UL")
