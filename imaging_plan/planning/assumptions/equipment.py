"""The equipment model's assumptions.

Lifetimes, prices, budget and priorities; and the exam growth per modality (group activity).
"""

from __future__ import annotations

from typing import Callable, Mapping

import pandas as pd

from imaging_plan.data import codes
from imaging_plan.planning.assumptions.base import Assumption, AssumptionError


# Equipment: per-modality assumptions, one row per modality below.


def throughput_today(modality: str) -> Callable[[Mapping[str, pd.DataFrame]], float]:
    def derive(tables: Mapping[str, pd.DataFrame]) -> float:
        exams, units = tables["exams_by_modality"], tables["equipment_units"]
        line = codes.EXAM_MODALITY_OF_EQUIPMENT[modality]
        latest = exams[exams["year"] == exams["year"].max()]
        volume = latest.loc[latest["modality"] == line, "exams"].sum()
        count = units.loc[
            (units["modality"] == modality) & (units["year"] == units["year"].max()), "units"
        ].sum()  # blank = none
        if count <= 0 or volume <= 0:
            raise AssumptionError(
                f"throughput for {modality}: needs its exams (Tabell 1) and units (Tabell 5) to "
                "derive a default; set the parameter explicitly"
            )
        return float(volume / count)

    return derive


_ESR = (
    "European Society of Radiology, 'Renewal of radiological equipment' (Insights into "
    "Imaging, 2014): 'Equipment older than 10 years is no longer state-of-the art equipment "
    "and replacement is essential'."
)
_LIFETIMES = {  # modality: (default years, source)
    "CT": (10, _ESR),
    "MR": (10, _ESR),
    "RG": (10, _ESR),
    "UL": (
        8,
        "Assumption: ultrasound scanners age faster than the ESR's ten years for imaging "
        "equipment in general (smaller, cheaper, quicker technical turnover).",
    ),
    "PET_CT": (10, _ESR),
    "SPECT_CT": (10, _ESR),
}
_PRICE_CALIBRATION = (
    " Calibrated together: Tabell 5's public units at these prices come to 2,851 MNOK, within "
    "15 % of the plan's 'nyanskaffelsesverdi/gjenkjøpsverdi nær 3 milliarder kroner i "
    "sykehusene i helseregionen' (tested)."
)
_PRICES = {  # modality: (default MNOK, min, max, step, source)
    "CT": (
        10.0,
        1.0,
        40.0,
        0.5,
        "Assumption informed by Helse Fonna's new CT at Stord sjukehus, 'om lag 13 mill, inkl "
        "ombyggingskostnader' (helse-fonna.no, 2023): about 10 MNOK for the machine.",
    ),
    "MR": (
        20.0,
        5.0,
        60.0,
        0.5,
        "Sykehuset Innlandet's purchase of an MR scanner for Hamar in 2020: 20 MNOK for the "
        "machine (27.3 MNOK with building work; Hamar Arbeiderblad/Østlendingen, 2020).",
    ),
    "RG": (
        4.0,
        0.5,
        15.0,
        0.5,
        "Assumption: a fixed digital X-ray room with installation; no public Norwegian price found.",
    ),
    "UL": (1.0, 0.1, 5.0, 0.1, "Assumption: a radiology-grade ultrasound scanner; no public Norwegian price found."),
    "PET_CT": (
        30.0,
        5.0,
        80.0,
        1.0,
        "Assumption informed by Ålesund sjukehus' PET/CT, for which donors gave 36 MNOK "
        "(NRK, 2020), and Region Skåne's five PET/CT for over 100 MSEK (Vårdfokus, 2018).",
    ),
    "SPECT_CT": (10.0, 1.0, 40.0, 0.5, "Assumption: about a CT's price (a SPECT/CT is a gamma camera with a CT)."),
}
_GROWTH_RISING = (
    "Use per person beyond demography (the activity grows with the region's use-weighted "
    "population, then by this rate). The plan: 'økning av mer avanserte og arbeidsintensive "
    "undersøkelser som CT og MR, og reduksjon av ordinære røntgenundersøkelser og ultralyd' and "
    "'antall komplekse CT, PET-CT og MR-undersøkelser øker'. The rate: "
)
_GROWTH_FALLING = (
    "Use per person beyond demography (the activity grows with the region's use-weighted "
    "population, then by this rate). The plan: 'reduksjon av ordinære røntgenundersøkelser og "
    "ultralyd' and 'en klar nedgang i antall av de enklere undersøkelsene, slik som "
    "konvensjonell røntgen og nukleærmedisin'. The rate: "
)
_CT_MR_GROWTH = (
    "derived: the earlier total growth of 4 %/year (about the pace of radiology physician FTEs, "
    "+3.9 %/year 2015-2025, Tabell 6) less demography (the use-weighted population grew by a "
    "factor 1.099 from 2015 to 2024, 1.05 %/year): 2.9, to the step, 3.0. Published per-person "
    "growth is slower (Canada's CT exams per 1,000 +9 % 2015-2022/23, workload SOURCES.md 7.8; "
    "Norway's outpatient MR rate +5 % 2018-2022, 7.4), faster in the UK (>5 %/year, 7.6): try 1-5."
)
GROWTH = {  # modality: (default %/year beyond demography, source)
    "CT": (3.0, _GROWTH_RISING + _CT_MR_GROWTH),
    "MR": (3.0, _GROWTH_RISING + _CT_MR_GROWTH),
    "RG": (
        -1.0,
        _GROWTH_FALLING + "assumption, a slow decline per person: Norway's exams per person fell "
        "0.5 %/year 2015-2021 while CT and MR rose (workload SOURCES.md 7.3), so X-ray, half of "
        "all exams, fell faster than the average.",
    ),
    "UL": (-1.0, _GROWTH_FALLING + "assumption, as X-ray (the plan names ultrasound with it)."),
    "PET_CT": (
        4.0,
        _GROWTH_RISING + "derived as for CT and MR from the earlier total of 5 %/year (faster than "
        "CT and MR: 'Behovet for komplekse undersøkelser inkludert PET/CT ... øker') less "
        "demography, 1 %/year. Cautious: Norway's PET/CT exams grew about 15 %/year 2008-2014 "
        "and 19 % in 2014-2015 (workload SOURCES.md 7.5).",
    ),
    "SPECT_CT": (
        -1.0,
        _GROWTH_FALLING + "assumption, a slow decline; it carries conventional nuclear medicine.",
    ),
}


EQUIPMENT = [
    *[
        Assumption(
            key=f"lifetime_{m.lower()}_years",
            label_nb=f"Levetid {codes.MODALITY_NAMES[m][0]} (år)",
            label_en=f"Lifetime, {codes.MODALITY_NAMES[m][1]} (years)",
            unit="years",
            default=d,
            min=5,
            max=20,
            step=1,
            group="equipment",
            source=src,
        )
        for m, (d, src) in _LIFETIMES.items()
    ],
    Assumption(
        key="upgrade_years",
        label_nb="Levetid lagt til ved oppgradering (år)",
        label_en="Years added by a major upgrade",
        unit="years",
        default=3,
        min=0,
        max=10,
        step=1,
        group="equipment",
        source="Assumption: 3 years. The plan: 'mye av det dyreste utstyret oppgradert i løpet av "
        "levetiden, slik at utstyrets levetid forlenges' (much of the costliest equipment "
        "is upgraded during its life, extending it), without a figure. Applies to units "
        "with an upgrade_year in the register.",
    ),
    *[
        Assumption(
            key=f"price_{m.lower()}_mnok",
            label_nb=f"Pris {codes.MODALITY_NAMES[m][0]} (MNOK)",
            label_en=f"Price, {codes.MODALITY_NAMES[m][1]} (MNOK)",
            unit="MNOK",
            default=d,
            min=lo,
            max=hi,
            step=st,
            group="equipment",
            source=src + _PRICE_CALIBRATION,
        )
        for m, (d, lo, hi, st, src) in _PRICES.items()
    ],
    Assumption(
        key="replacement_budget_mnok",
        label_nb="Budsjett for utskifting, regionen (MNOK/år)",
        label_en="Replacement budget, region (MNOK/year)",
        unit="MNOK/year",
        default=300.0,
        min=0.0,
        max=1500.0,
        step=10.0,
        group="equipment",
        source="Assumption: the steady-state need of the public fleet, a replacement value near "
        "3 billion NOK (the plan) renewed over a 10-year lifetime; the plan gives no "
        "budget. helsemedisinteknologi.no reports the hospitals investing about half of "
        "what they need ('bare investerer halvparten'): try 150.",
    ),
    *[
        Assumption(
            key=f"growth_{m.lower()}_pct",
            label_nb=f"Bruk per innbygger {codes.MODALITY_NAMES[m][0]} utover demografi (%/år)",
            label_en=f"Use per person, {codes.MODALITY_NAMES[m][1]}, beyond demography (%/year)",
            unit="%/year",
            default=d,
            min=-10.0,
            max=10.0,
            step=0.5,
            group="activity",
            source=src,
        )
        for m, (d, src) in GROWTH.items()
    ],
    *[
        Assumption(
            key=f"priority_{m.lower()}",
            label_nb=f"Prioritet {codes.MODALITY_NAMES[m][0]} (vekt)",
            label_en=f"Priority, {codes.MODALITY_NAMES[m][1]} (weight)",
            unit="weight",
            default=1,
            min=1,
            max=5,
            step=1,
            group="equipment",
            source="Assumption: equal weights. Units most overdue are replaced first; among units "
            "equally overdue, the higher weight goes first, then the older unit.",
        )
        for m in codes.EQUIPMENT_MODALITIES
    ],
    Assumption(
        key="replacement_age_shape",
        label_nb="Spredning i utskiftingsalder (Weibull-form)",
        label_en="Spread of replacement age (Weibull shape)",
        unit="shape",
        default=5.0,
        min=1.5,
        max=15.0,
        step=0.5,
        group="equipment",
        source="Assumption: shape 5 for a Weibull with the lifetime as scale (wear-out: the "
        "chance of replacement rises with age). At a 10-year lifetime 80 % of replacement "
        "ages fall between 6.4 and 11.8 years (median 9.3); a higher shape narrows the band.",
    ),
]
