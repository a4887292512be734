"""The activity and workload assumptions.

Private shares, minutes per exam, hours per FTE and machines (groups activity, workload,
workload_staff, equipment).
"""

from __future__ import annotations

from typing import Callable, Mapping

import pandas as pd

from imaging_plan.data import codes
from imaging_plan.planning.assumptions.base import Assumption, AssumptionError
from imaging_plan.data.codes import PRIVATE_MODALITIES
from imaging_plan.planning.assumptions.equipment import throughput_today


# --- Activity and workload: exams -> radiologists, radiographers and machines ---------


def _private_share(modality: str) -> Callable[[Mapping[str, pd.DataFrame]], float]:
    def derive(tables: Mapping[str, pd.DataFrame]) -> float:
        exams, private = tables["exams_by_modality"], tables["private_exams"]
        total = exams.loc[(exams["year"] == exams["year"].max()) & (exams["modality"] == modality), "exams"].sum()
        own = private.loc[(private["year"] == private["year"].max()) & (private["modality"] == modality), "exams"].sum()
        if total <= 0:
            raise AssumptionError(
                f"private share for {modality}: needs its exams in Tabell 1 to derive a default; set it explicitly"
            )
        return float(100 * own / total)

    return derive


_PRIVATE_SOURCE = (
    "Tabell 3's 2024 exams by private providers under their agreements with the region over "
    "Tabell 1's 2024 exams (public and private) of the modality: CT 100,554 / 498,206 = 20.2 %, "
    "MR 310,140 / 464,532 = 66.8 %, X-ray 168,912 / 1,107,204 = 15.3 %, ultrasound 31,452 / "
    "179,302 = 17.5 %. Derived again from the data. Held over the plan; move it to try a shift "
    "between public and private (public need follows the public exams)."
)
_WORKLOAD = "workload reference figures, shared/data/workload/SOURCES.md"
# Radiologist (or nuclear medicine physician) minutes per exam: (default, source).
_READ_MINUTES = {
    "CT": (16.6, f"Mean dictation time of all CT, 16.62 min (Basel 2010-2021, n = 106,127; {_WORKLOAD} 1.1)."),
    "MR": (
        11.0,
        f"Attending radiologists' reading time of brain MRI, 11 min (US academic; {_WORKLOAD} 1.4); "
        "other MR is often longer, so this is low.",
    ),
    "RG": (2.5, f"Net radiologist time per X-ray case, 2-2.5 min (5 gross; US 1978; {_WORKLOAD} 1.5)."),
    "UL": (
        7.0,
        f"Breast ultrasound scanned and read by the radiologist, 419.6 s (Turkey 2023; {_WORKLOAD} "
        "1.6): in Norway radiologists scan most ultrasound themselves.",
    ),
    "INTERVENTION": (
        120.0,
        f"Procedure time of an interventional radiology room, 120 min (NHS H2.0 "
        f"standard, itself unsourced; {_WORKLOAD} 5.8). Assumption that the radiologist is "
        "there throughout.",
    ),
    "OTHER": (10.0, "Assumption: about a mixed average of the above; 'Annet' is 1 % of Tabell 1."),
    "PET_CT": (
        30.0,
        "Assumption: no published reading time was found (SOURCES.md 1, 'not found'); "
        "a whole-body PET/CT read is longer than a CT (16.6 min).",
    ),
    "CONVENTIONAL_NM": (15.0, "Assumption: no published figure found; about a CT's reading time."),
    "NM_RADIOTHERAPY": (
        60.0,
        "Assumption: no published figure found; a radionuclide treatment with its consultation and follow-up.",
    ),
}
# Radiographer minutes per exam: (default, source).
_STAFF_MINUTES = {
    "CT": (20.0, f"Room time per CT study, 20 min (US capacity assumption; {_WORKLOAD} 4.1)."),
    "MR": (45.0, f"Room time per MR study, 45 min ({_WORKLOAD} 4.1)."),
    "RG": (5.7, f"Technologist time per digital X-ray exam, 5:41 min (US 1997; {_WORKLOAD} 4.2)."),
    "UL": (
        0.0,
        "Assumption: radiologists scan ultrasound in Norway, so no radiographer time; "
        "where radiographers scan, set their minutes.",
    ),
    "INTERVENTION": (120.0, f"As the radiologist: the room's procedure time, 120 min ({_WORKLOAD} 5.8)."),
    "OTHER": (20.0, "Assumption: a CT's room time."),
    "PET_CT": (45.0, "Assumption: no published figure found; about an MR's room time (injection, uptake and scan)."),
    "CONVENTIONAL_NM": (45.0, "Assumption: no published figure found; as PET/CT."),
    "NM_RADIOTHERAPY": (30.0, "Assumption: no published figure found."),
}
# Exams per machine-hour: (default or None = derived, source).
_PER_HOUR = {
    "CT": (2.34, f"Canada 2022-23, 2.34 CT exams per scanner hour (1.89-3.43 by province; {_WORKLOAD} 5.2)."),
    "MR": (1.8, f"Canada 2019-20, 1.80 MR exams per scanner hour ({_WORKLOAD} 5.1)."),
}
_PER_HOUR_DERIVED = (
    "Derived (no published figure found, SOURCES.md 5): today's exams per unit (Tabell 1's 2024 "
    "exams over Tabell 5's 2025 units, public and private) over the default opening hours, 50 "
    "hours a week for 52 weeks, so today's fleet is what today's exams need at them (to the step)."
)
HOURS_PER_WEEK_DEFAULT, WEEKS_DEFAULT = 50.0, 52


def _per_hour_today(modality: str) -> Callable[[Mapping[str, pd.DataFrame]], float]:
    yearly = throughput_today(modality)

    def derive(tables: Mapping[str, pd.DataFrame]) -> float:
        return yearly(tables) / (HOURS_PER_WEEK_DEFAULT * WEEKS_DEFAULT)

    return derive


_MODALITY_LABELS = {
    **{m: codes.MODALITY_NAMES[m] for m in codes.EQUIPMENT_MODALITIES},
    "INTERVENTION": ("intervensjon", "intervention"),
    "OTHER": ("annet", "other"),
    "CONVENTIONAL_NM": ("konvensjonell nukleærmedisin", "conventional nuclear medicine"),
    "NM_RADIOTHERAPY": ("nukleærmedisinsk terapi", "radionuclide therapy"),
}


def _activity_assumptions() -> list[Assumption]:
    """Return the assumptions of the activity and its workload, added after the others."""
    out = [
        Assumption(
            key=f"private_share_{m.lower()}_pct",
            label_nb=f"Andel private, {_MODALITY_LABELS[m][0]} (%)",
            label_en=f"Private share, {_MODALITY_LABELS[m][1]} (%)",
            unit="%",
            default=None,
            min=0.0,
            max=100.0,
            step=0.1,
            group="activity",
            source=_PRIVATE_SOURCE,
            derive=_private_share(m),
            tables=("exams_by_modality", "private_exams"),
        )
        for m in PRIVATE_MODALITIES
    ]
    out += [
        Assumption(
            key=f"read_min_{m.lower()}",
            label_nb=f"Legeminutter per undersøkelse, {_MODALITY_LABELS[m][0]}",
            label_en=f"Physician minutes per exam, {_MODALITY_LABELS[m][1]}",
            unit="minutes/exam",
            default=d,
            min=0.0,
            max=240.0,
            step=0.1,
            group="workload",
            source=src,
        )
        for m, (d, src) in _READ_MINUTES.items()
    ]
    out += [
        Assumption(
            key="nonreporting_pct",
            label_nb="Legetid som ikke er granskning (%)",
            label_en="Physician time not reporting (%)",
            unit="%",
            default=32.5,
            min=0.0,
            max=70.0,
            step=0.5,
            group="workload",
            source="Irish radiologists' WTE in work that is not counted as exams (interventions, "
            f"MDT meetings, teaching, administration): 32.47 % ({_WORKLOAD} 2.1). Other measures: "
            "42.49 % in a UK hospital (2.2), 43.8 % non-interpretive in Vancouver (2.3); on-call, "
            "research and training of residents are in it.",
        ),
        Assumption(
            key="hours_per_fte_physician",
            label_nb="Kliniske timer per legeårsverk (per år)",
            label_en="Working hours per physician FTE (per year)",
            unit="hours/FTE/year",
            default=1630,
            min=1000,
            max=2200,
            step=10,
            group="workload",
            source=f"Derived: hospital doctors' ordinary week, 40 h ({_WORKLOAD} 3.2), x 45 weeks "
            "(52 less five weeks' holiday, 3.3, and about two weeks of public holidays, an "
            "assumption) x (1 - 9.3 % sickness absence in health and social services, 3.5) = 1,633, "
            "to the step. No published net hours per radiologist FTE in Norway were found.",
        ),
    ]
    out += [
        Assumption(
            key=f"staff_min_{m.lower()}",
            label_nb=f"Radiografminutter per undersøkelse, {_MODALITY_LABELS[m][0]}",
            label_en=f"Radiographer minutes per exam, {_MODALITY_LABELS[m][1]}",
            unit="minutes/exam",
            default=d,
            min=0.0,
            max=240.0,
            step=0.1,
            group="workload_staff",
            source=src,
        )
        for m, (d, src) in _STAFF_MINUTES.items()
    ]
    out += [
        Assumption(
            key="hours_per_fte_radiographer",
            label_nb="Timer per radiografårsverk (per år)",
            label_en="Working hours per radiographer FTE (per year)",
            unit="hours/FTE/year",
            default=1530,
            min=1000,
            max=2200,
            step=10,
            group="workload_staff",
            source=f"Derived: the general full-time week, 37.5 h ({_WORKLOAD} 3.1), x 45 weeks (as "
            "for physicians) x (1 - 9.3 % sickness absence, 3.5) = 1,530.",
        ),
        Assumption(
            key="radiographer_completion_pct",
            label_nb="Fullføring av radiografutdanningen (%)",
            label_en="Radiography students who graduate (%)",
            unit="%",
            default=75.0,
            min=30.0,
            max=100.0,
            step=1.0,
            group="workload_staff",
            source="Assumption: three in four admitted students graduate. No published completion "
            "rate for the radiography bachelor was found; replace it with the education "
            "institutions' own figures (DBH).",
        ),
        Assumption(
            key="radiographer_region_share_pct",
            label_nb="Andel nyutdannede radiografer regionen rekrutterer (%)",
            label_en="Share of graduate radiographers the region recruits (%)",
            unit="%",
            default=56.0,
            min=10.0,
            max=100.0,
            step=1.0,
            group="workload_staff",
            source="Assumption: the region's share of Norway's population (56 %, as for new "
            "specialists, 'region_share_pct'): places anywhere in the country fill the region in "
            "that proportion. Private providers also hire graduates; lower it for that.",
        ),
    ]
    out += [
        Assumption(
            key=f"exams_per_hour_{m.lower()}",
            label_nb=f"Undersøkelser per maskintime, {codes.MODALITY_NAMES[m][0]}",
            label_en=f"Exams per machine-hour, {codes.MODALITY_NAMES[m][1]}",
            unit="exams/hour",
            default=_PER_HOUR[m][0] if m in _PER_HOUR else None,
            min=0.05,
            max=20.0,
            step=0.01,
            group="equipment",
            source=_PER_HOUR[m][1] if m in _PER_HOUR else _PER_HOUR_DERIVED,
            derive=None if m in _PER_HOUR else _per_hour_today(m),
            tables=() if m in _PER_HOUR else ("exams_by_modality", "equipment_units"),
        )
        for m in codes.EQUIPMENT_MODALITIES
    ]
    out += [
        Assumption(
            key="opening_hours_week",
            label_nb="Åpningstid per maskin (timer per uke)",
            label_en="Opening hours per machine (hours a week)",
            unit="hours/week",
            default=HOURS_PER_WEEK_DEFAULT,
            min=20.0,
            max=168.0,
            step=1.0,
            group="equipment",
            source=f"10 hours a day on five weekdays: the planned effective opening time of the new "
            f"Ahus, 10 h ({_WORKLOAD} 5.7), and the US definition of full use, 50 h a week (5.5). "
            "Canadian MR runs 97 h a week (5.3). The plan's lever 'utvidet driftstid' (longer hours): "
            "fewer machines carry the exams, more radiographer hours staff them.",
        ),
        Assumption(
            key="weeks_per_year",
            label_nb="Driftsuker per år",
            label_en="Operating weeks a year",
            unit="weeks",
            default=WEEKS_DEFAULT,
            min=40,
            max=52,
            step=1,
            group="equipment",
            source=f"The US full-use definition, 50 h x 52 weeks ({_WORKLOAD} 5.5).",
        ),
        Assumption(
            key="radiographers_per_machine",
            label_nb="Radiografer per maskin i drift",
            label_en="Radiographers per running machine",
            unit="radiographers",
            default=1.0,
            min=0.5,
            max=4.0,
            step=0.5,
            group="equipment",
            source="Assumption: at least one radiographer runs an open CT, MR, X-ray or nuclear "
            "medicine room (no published staffing norm found; CT and MR are often run by two: set "
            "2). Used only for the radiographer FTEs the opening hours need.",
        ),
    ]
    return out


ACTIVITY = _activity_assumptions()
