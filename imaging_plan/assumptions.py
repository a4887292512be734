"""Every planning assumption, defined once.

Each definition carries key, labels (bokmål and English), unit, default,
range, step and source. The same definition gives the notebooks their
parameter defaults and checks, the app its widgets (and URL keys), and the
range checks, so the three can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

import pandas as pd

from . import codes


class AssumptionError(ValueError):
    """A parameter value is of the wrong type or outside its range."""


@dataclass(frozen=True)
class Assumption:
    key: str
    label_nb: str
    label_en: str
    unit: str
    default: float | int | None  # None: derived from the data by `derive`
    min: float | int
    max: float | int
    step: float | int
    source: str
    group: str
    derive: Callable[[Mapping[str, pd.DataFrame]], float] | None = None
    tables: tuple[str, ...] = ()  # the input tables `derive` reads; without them it is skipped

    @property
    def is_int(self) -> bool:
        return all(isinstance(v, int) for v in (self.min, self.max, self.step))

    def label(self, lang: str) -> str:
        return self.label_nb if lang == "nb" else self.label_en

    def check(self, value) -> float | int:
        """Return `value` as this assumption's type, or raise AssumptionError naming the rule."""
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise AssumptionError(
                f"parameter '{self.key}': {value!r} is not a number ({self.unit}, {self.min} to {self.max})"
            ) from None
        if number != number:  # NaN
            raise AssumptionError(f"parameter '{self.key}': value is not a number")
        if self.is_int and number != int(number):
            raise AssumptionError(f"parameter '{self.key}': {value!r} must be a whole number")
        if not self.min <= number <= self.max:
            raise AssumptionError(
                f"parameter '{self.key}': {value!r} is outside the allowed range {self.min} to {self.max} {self.unit}"
            )
        return int(number) if self.is_int else number


def _recruitment_window(tables: Mapping[str, pd.DataFrame]) -> float:
    from . import physicians, recruitment  # the planning modules never import this one

    hist = physicians.histories(tables["physician_ftes"])
    if not hist or min(len(h) for h in hist.values()) < 2:
        raise AssumptionError("recruitment window: needs physician FTEs for two years or more; set it explicitly")
    backcast = recruitment.window_backcast(
        hist, ASSUMPTIONS["exit_rate_pct"].default, ASSUMPTIONS["training_years"].default
    )
    if backcast.empty:  # too short a history to look back from 2018-2020: the longest window
        return float(max(recruitment.WINDOWS))
    return float(recruitment.best_window(backcast))


def _nuclear_medicine_use_growth(tables: Mapping[str, pd.DataFrame]) -> float:
    exams = tables["exams_by_modality"]
    latest = exams[(exams["year"] == exams["year"].max()) & (exams["specialty"] == "nuclear_medicine")]
    pet = float(latest.loc[latest["modality"] == "PET_CT", "exams"].sum())
    other = float(latest.loc[latest["modality"] == "CONVENTIONAL_NM", "exams"].sum())
    if pet + other <= 0:
        raise AssumptionError("nuclear medicine use growth: needs PET/CT and conventional exams (Tabell 1)")
    return (pet * _GROWTH["PET_CT"][0] + other * _GROWTH["SPECT_CT"][0]) / (pet + other)


def _use_growth_pct(tables: Mapping[str, pd.DataFrame]) -> float:
    from . import demand

    try:
        return demand.use_growth_default_pct(tables)
    except (demand.DemandError, KeyError) as err:
        raise AssumptionError(
            f"use per person: cannot derive a default from the population tables ({err}); set the parameter explicitly"
        ) from None


_RECRUITMENT_EXTRA_SOURCE = (
    "Assumption: 0 = recruitment stays at its calibration. The recruitment itself is not a "
    "slider: it is calibrated on Tabell 6 for the scenario's exit rate and training years over "
    "the calibration window (the mean of growth of specialist FTEs + exits at the exit rate - the "
    "region's own finishers, residents a training time earlier / training years; "
    "imaging_plan.recruitment). Set FTEs a year here to plan for more (a recruitment drive) or "
    "fewer (other regions and countries lack radiologists too: the plan, 'det er ikke gitt at "
    "økt rekruttering er mulig')."
)

_WINDOW_SOURCE = (
    "Chosen out of sample by the planning backcast (notebook 06, recruitment.window_backcast): "
    "from the origins 2018, 2019 and 2020, recruitment calibrated on the latest 3, 5 or 10 years "
    "known then, the supply projected to 2025 and compared with Tabell 6's 2025 FTEs; the window "
    "with the lowest mean absolute error is the default, at the registry's exit rate and "
    "training years. Derived again from the data."
)

_UNMET_SOURCE = (
    "Assumption: 0 %, none, because the plan reports unfilled radiologist posts, locums "
    "('eksterne vikarer') and cut production ('Rekruttering av leger til bildediagnostikk'; "
    "workload SOURCES.md 6.8) but gives no count, and no Norwegian vacancy rate was found "
    "(SOURCES.md section 6). For scale: the UK's funded consultant radiologist vacancy rate was "
    "10 % in 2021 (SOURCES.md 6.1). Added to the unmet need of data/unmet_need.csv when given."
)

_NM_USE_SOURCE = (
    "Derived from the activity's use growth keys (beyond demography), weighted by Tabell 1's "
    "nuclear-medicine exams in 2024: PET/CT 12,228 at growth_pet_ct_pct (4 %/year) and "
    "conventional nuclear medicine 14,201 at growth_spect_ct_pct (-1 %/year): (12,228 x 4 - "
    "14,201 x 1) / 26,429 = 1.3 %/year. The plan "
    "expects nuclear medicine's staffing need to keep rising with advanced PET/CT and "
    "theranostics (the paragraph after Tabell 6); DSA counted PET/CT at about 3,000 exams in 2008 "
    "and 7,000 in 2014, +19 % in 2014-15 (SOURCES.md 7.5), growth no plan can carry forward to 2040."
)

_USE_SOURCE = (
    "Derived: the plan's activity growth, 'en økning i poliklinisk pasientbehandling i sykehus i "
    "HSØ på ca. 24 % mellom 2015 og 2024' (the best growth figure the plan gives; it gives none "
    "for imaging exams over time), less what demography explains over the same years: the "
    "region's use-weighted population (SSB 07459, eight counties) grew by a factor 1.099 from "
    "2015 to 2024, so (1.24 / 1.099)^(1/9) - 1 = 1.35 %/year, rounded to the step. The plan's "
    "reasons: more complex exams, new treatments, more follow-up and MDT meetings."
)

FTE_PER_PERSON_SOURCE = (
    "Assumption: 1.0, one person per FTE, as no source for the region's average contract size "
    "per role was found. Set it below 1 where many work part-time (0.8: five people for four "
    "FTEs); hires and leavers in people = FTEs / this."
)


TURNOVER_SOURCE = (
    "Helse Vest RHF, 'Ekstern turnover' (https://www.helse-vest.no/helsefagleg/fem-topp-risiko/"
    "ekstern-turnover/): the yearly external turnover of the Western Norway hospital trusts' "
    "staff in all patient-facing posts was about 5.1 % from 2015 to 2021. The nearest public "
    "Norwegian figure found; the plan itself gives no turnover figures. Used for every role "
    "until the region's own HR data says otherwise."
)


# Role -> (bokmål, English) plural, for the turnover labels.
_ROLE_PLURALS = {
    "radiographer": ("radiografer", "radiographers"),
    "bioengineer": ("bioingeniører", "biomedical laboratory scientists"),
    "secretary": ("helsesekretærer", "medical secretaries"),
}


def _role_turnover(role: str) -> Assumption:
    nb, en = _ROLE_PLURALS[role]
    return Assumption(
        key=f"turnover_{role}_pct",
        label_nb=f"Turnover {nb} (%/år)",
        label_en=f"Turnover, {en} (%/year)",
        unit="%/year",
        default=5.1,
        min=0.0,
        max=25.0,
        step=0.1,
        group="staff",
        source=TURNOVER_SOURCE,
    )


def _trust_turnover(trust: str) -> Assumption:
    return Assumption(
        key=f"turnover_{trust.lower()}_pp",
        label_nb=f"{trust}: turnover over regionens (prosentpoeng)",
        label_en=f"{trust}: turnover above the region's (percentage points)",
        unit="percentage points",
        default=0.0,
        min=-5.0,
        max=10.0,
        step=0.1,
        group="staff_trusts",
        source=f"Assumption: 0 = {trust} has the regional turnover of each role. A trust's own "
        "HR figures can differ (the plan: recruitment is harder 'i distriktene', outside "
        "the cities); set the difference in points, added to every role's rate there.",
    )


# Equipment: per-modality assumptions, one row per modality below.


def _throughput_today(modality: str) -> Callable[[Mapping[str, pd.DataFrame]], float]:
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
_GROWTH = {  # modality: (default %/year beyond demography, source)
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
    yearly = _throughput_today(modality)

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
ACTIVITY_MODALITIES = (*codes.EXAM_MODALITIES["radiology"], *codes.EXAM_MODALITIES["nuclear_medicine"])
PRIVATE_MODALITIES = ("CT", "MR", "RG", "UL")  # the modalities of Tabell 3


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


# Preparedness (group "preparedness"): capacity today and the stress tests of the Beredskap page.
_EXAMPLE_EVENT = (
    "Assumption: an example event to test, not a forecast (the plan names the weak points, "
    "chapter 8, but gives no sizes). "
)


def _prep(key, nb, en, unit, default, lo, hi, step, source) -> Assumption:
    return Assumption(key, nb, en, unit, default, lo, hi, step, source, group="preparedness")


PREPAREDNESS = [
    _prep(
        "prep_hours_max",
        "Åpningstid ved oppskalering (timer/uke)",
        "Opening hours when scaled up (hours/week)",
        "hours/week",
        84,
        20,
        168,
        1,
        "SOURCES.md 5.6: 12 hours a day, 7 days a week (England's community diagnostic centres); "
        "below the Canadian MR average of 97.4 h/week (5.3). The scale-up lever: machine capacity "
        "= units x exams per machine-hour x these hours x operating weeks (the equipment "
        "assumptions; today's hours are the opening hours, 'opening_hours_week').",
    ),
    _prep(
        "prep_staff_extra_pct",
        "Ekstra bemannede timer ved hendelse (% av i dag)",
        "Extra staffed hours in an event (% of today's)",
        "%",
        10,
        0,
        50,
        1,
        "The Working Environment Act (arbeidsmiljøloven § 10-6 (4)) caps overtime at 200 hours in "
        "52 weeks; on a 37.5-hour week (SOURCES.md 3.1) that is 200 / (52 x 37.5) = 10 % more "
        "hours, sustained. Staff are taken as fully used today (the plan: trusts cannot fill "
        "posts and cut production), so staffed capacity = today's exams x (1 + this).",
    ),
    _prep(
        "prep_surge_pct",
        "Økt behov (% flere undersøkelser)",
        "Surge (% more exams)",
        "%",
        20,
        0,
        200,
        5,
        _EXAMPLE_EVENT + "The plan: pandemic, mass casualties, terror, natural disasters and "
        "extreme weather 'vil forårsake økt behov for helsetjenester, inklusive bildediagnostikk'.",
    ),
    _prep(
        "prep_surge_weeks",
        "Økt behov: varighet (uker)",
        "Surge: duration (weeks)",
        "weeks",
        4,
        0,
        52,
        1,
        _EXAMPLE_EVENT,
    ),
    _prep(
        "prep_absence_pct",
        "Fravær radiografer og radiologer (%)",
        "Absence of radiographers and radiologists (%)",
        "%",
        20,
        0,
        90,
        1,
        _EXAMPLE_EVENT + "The plan names 'svikt i personelltilgang'; 20 % is about twice the "
        "health services' usual sickness absence, 9.3 % (SOURCES.md 3.5). Applies to the trusts' "
        "staff; the private providers keep theirs.",
    ),
    _prep(
        "prep_absence_weeks",
        "Fravær: varighet (uker)",
        "Absence: duration (weeks)",
        "weeks",
        6,
        0,
        52,
        1,
        _EXAMPLE_EVENT,
    ),
    _prep(
        "prep_units_out",
        "Enheter ute av drift (antall)",
        "Units out of service (number)",
        "units",
        2,
        0,
        60,
        1,
        _EXAMPLE_EVENT + "The plan names 'svikt i ... leveranse og vedlikehold av medisinsk-teknisk "
        "utstyr', strøm and IKT. At most the trust's units of the modality (Tabell 5).",
    ),
    _prep(
        "prep_units_weeks",
        "Enheter ute: varighet (uker)",
        "Units out: duration (weeks)",
        "weeks",
        8,
        0,
        52,
        1,
        _EXAMPLE_EVENT,
    ),
    _prep(
        "prep_supply_pct",
        "Forsyningssvikt: andel som ikke kan gjøres (%)",
        "Supply failure: share that cannot be done (%)",
        "%",
        50,
        0,
        100,
        5,
        _EXAMPLE_EVENT + "The plan: F-18 FDG has one producer (NMS), 'en meget sårbar "
        "forsyningssituasjon'; iodinated contrast has 'bare to leverandører i Norge'. The share "
        "of the exams needing the supply that cannot be done while it fails.",
    ),
    _prep(
        "prep_supply_days",
        "Forsyningssvikt: varighet (dager)",
        "Supply failure: duration (days)",
        "days",
        7,
        0,
        90,
        1,
        _EXAMPLE_EVENT,
    ),
    _prep(
        "prep_contrast_share_pct",
        "Andel CT med jodholdig kontrast (%)",
        "Share of CT exams with iodinated contrast (%)",
        "%",
        50,
        0,
        100,
        5,
        "Assumption, no source found (the plan and SOURCES.md give no share): about half of CT "
        "exams, set it from the region's RIS.",
    ),
    _prep(
        "prep_shared_on_call",
        "Felles vakt på tvers av lokasjoner: 1 = ja, 0 = nei",
        "Shared on-call across a trust's locations: 1 = yes, 0 = no",
        "choice (1 = shared, 0 = per site)",
        0,
        0,
        1,
        1,
        "The plan (chapter 7): 'felles vaktfunksjoner på tvers av lokasjoner' over the regional "
        "RIS/PACS, except interventions 'som må gjøres lokalt'. 0 = each site keeps its lines; 1 = "
        "a trust's reading lines are pooled to those of its busiest site (assumption: night reading "
        "at the smaller sites fits in them), and each site keeps its on-site lines.",
    ),
]


ASSUMPTIONS: dict[str, Assumption] = {
    a.key: a
    for a in [
        Assumption(
            key="horizon",
            label_nb="Planhorisont (år)",
            label_en="Planning horizon (year)",
            unit="year",
            default=2040,
            min=2026,
            max=2050,
            step=1,
            group="general",
            source="Helse Sør-Øst's regional development plan runs to 2040 (Regional utviklingsplan 2040).",
        ),
        Assumption(
            key="use_growth_pct",
            label_nb="Bruk per innbygger utover demografi (%/år)",
            label_en="Use per person beyond demography (%/year)",
            unit="%/year",
            default=None,
            min=-2.0,
            max=5.0,
            step=0.1,
            group="physicians",
            source=_USE_SOURCE,
            derive=_use_growth_pct,
            tables=("population_observed", "population_projection_national", "imaging_rates_by_age"),
        ),
        Assumption(
            key="ai_gain_pct",
            label_nb="Produktivitetsgevinst av KI (%)",
            label_en="AI productivity gain (%)",
            unit="%",
            default=0.0,
            min=0.0,
            max=30.0,
            step=1.0,
            group="physicians",
            source="Assumption: 0 % by default because the plan warns against planning fewer "
            "radiologists on vague assumptions about AI ('man må ikke planlegge med færre "
            "radiologer basert på vage antagelser'). Phased in linearly from the base year "
            "to the year set below, the same in a given year whatever the horizon. Up to "
            "30 % to test the hope.",
        ),
        Assumption(
            key="ai_full_year",
            label_nb="KI-gevinsten er nådd i år",
            label_en="Year the AI gain is reached",
            unit="year",
            default=2040,
            min=2027,
            max=2050,
            step=1,
            group="physicians",
            source="Assumption: 2040, the end of the regional development plan (Regional "
            "utviklingsplan 2040), so at the default horizon the gain is phased in as before.",
        ),
        Assumption(
            key="use_growth_nuclear_medicine_pct",
            label_nb="Bruk per innbygger utover demografi, nukleærmedisin (%/år)",
            label_en="Use per person beyond demography, nuclear medicine (%/year)",
            unit="%/year",
            default=None,
            min=-2.0,
            max=8.0,
            step=0.1,
            group="physicians",
            source=_NM_USE_SOURCE,
            derive=_nuclear_medicine_use_growth,
            tables=("exams_by_modality",),
        ),
        Assumption(
            key="recruitment_window_years",
            label_nb="Rekruttering kalibrert på de siste (år)",
            label_en="Recruitment calibrated on the latest (years)",
            unit="years",
            default=None,
            min=1,
            max=10,
            step=1,
            group="physicians",
            source=_WINDOW_SOURCE,
            derive=_recruitment_window,
            tables=("physician_ftes",),
        ),
        *[
            Assumption(
                key=f"recruitment_{specialty}_extra_fte",
                label_nb=f"Rekruttering utenfra utover kalibreringen, {nb.lower()} (årsverk/år)",
                label_en=f"Recruitment from outside beyond the calibration, {en.lower()} (FTEs/year)",
                unit="FTEs/year",
                default=0.0,
                min=lo,
                max=hi,
                step=step,
                group="physicians",
                source=_RECRUITMENT_EXTRA_SOURCE,
            )
            for specialty, (nb, en), (lo, hi, step) in (
                ("radiology", codes.SPECIALTIES["radiology"], (-30.0, 40.0, 0.5)),
                ("nuclear_medicine", codes.SPECIALTIES["nuclear_medicine"], (-5.0, 10.0, 0.1)),
            )
        ],
        Assumption(
            key="unmet_need_pct",
            label_nb="Udekket behov i basisåret (% av årsverkene)",
            label_en="Unmet need in the base year (% of FTEs)",
            unit="% of FTEs",
            default=0.0,
            min=0.0,
            max=30.0,
            step=0.5,
            group="physicians",
            source=_UNMET_SOURCE,
        ),
        Assumption(
            key="fte_per_person_physician",
            label_nb="Årsverk per person, leger",
            label_en="FTEs per person, physicians",
            unit="FTE/person",
            default=1.0,
            min=0.5,
            max=1.0,
            step=0.05,
            group="physicians",
            source=FTE_PER_PERSON_SOURCE,
        ),
        Assumption(
            key="exit_rate_pct",
            label_nb="Avgang spesialister (%/år)",
            label_en="Specialist exit rate (%/year)",
            unit="%/year",
            default=3.3,
            min=0.0,
            max=10.0,
            step=0.1,
            group="physicians",
            source="Assumption: about a 30-year specialist career (1/30 = 3.3 % a year leave "
            "through retirement or otherwise); the plan gives no exit figures.",
        ),
        Assumption(
            key="training_years",
            label_nb="Utdanningstid LiS (år)",
            label_en="Specialist training time (years)",
            unit="years",
            default=5,
            min=3,
            max=8,
            step=1,
            group="physicians",
            source="LiS parts 2 and 3 take at least five years (specialist training regulations, "
            "spesialistforskriften); residents in Tabell 6 are LiS 2-3.",
        ),
        Assumption(
            key="resident_growth_pct",
            label_nb="Vekst i LiS-stillinger (%/år)",
            label_en="Growth of resident posts (%/year)",
            unit="%/year",
            default=0.0,
            min=-5.0,
            max=10.0,
            step=0.5,
            group="physicians",
            source="Assumption: posts stay at today's number unless the region decides otherwise.",
        ),
        # Specialist approvals and the training pipeline (Specialist inflow page, notebook 02).
        Assumption(
            key="region_share_pct",
            label_nb="Regionens andel av nye spesialister i landet (%)",
            label_en="Region's share of the nation's new specialists (%)",
            unit="%",
            default=56.0,
            min=30.0,
            max=80.0,
            step=1.0,
            group="inflow",
            source="The region's share of Norway's population: Helse Sør-Øst serves about 3.1 "
            "million inhabitants (Helse Sør-Øst RHF, helse-sorost.no; the project's DOMAIN.md: "
            "'more than half of Norway') of about 5.55 million (Statistics Norway, population "
            "1 January 2024: 5 550 203): 3.1 / 5.55 = 56 %. The Norwegian Wikipedia article "
            "on Helse Sør-Øst gives the same 56 % as its share of the country's specialist "
            "health services. Assumes the region gets new specialists in proportion to its "
            "population.",
        ),
        Assumption(
            key="approvals_radiology",
            label_nb="Spesialistgodkjenninger radiologi i landet (per år)",
            label_en="Specialist approvals in radiology, national (per year)",
            unit="approvals/year",
            default=70,
            min=0,
            max=200,
            step=1,
            group="inflow",
            source="The plan: 'Antall spesialistgodkjenninger innen radiologi har siden 2015 i snitt "
            "ligget mellom 60 til 80 per år' (radiology specialist approvals have averaged "
            "60 to 80 a year since 2015); central value the midpoint, 70. Held flat over the "
            "plan. Used when no national series (data/specialist_approvals.csv with at least "
            "three years) is given.",
        ),
        Assumption(
            key="approvals_radiology_spread",
            label_nb="Spenn rundt godkjenninger radiologi (±, per år)",
            label_en="Range around radiology approvals (±, per year)",
            unit="approvals/year",
            default=10,
            min=0,
            max=50,
            step=1,
            group="inflow",
            source="The plan's range: 60 to 80 a year is 70 ± 10 (low 60, central 70, high 80); "
            "drawn as the band around the approvals-based supply.",
        ),
        Assumption(
            key="approvals_nuclear_medicine",
            label_nb="Spesialistgodkjenninger nukleærmedisin i landet (per år)",
            label_en="Specialist approvals in nuclear medicine, national (per year)",
            unit="approvals/year",
            default=3.0,
            min=0.0,
            max=30.0,
            step=0.5,
            group="inflow",
            source="Assumption: the plan gives no number, only 'Utviklingen har også vært flat for "
            "nukleærmedisin' (nuclear medicine has also been flat), and no public yearly "
            "figure was found to cite. 3 a year is the region's own average derived inflow "
            "2016-2025 (Tabell 6: growth of specialist FTEs + exits at the default exit rate "
            "3.3 %; (31 - 24 + 0.033 x 274) / 10 = 1.6 a year) divided by the default region "
            "share 56 %: 2.9, to the step of 0.5; held flat, as the plan says. The same "
            "calculation for radiology gives 59 a year, at the low end of the plan's 60-80, "
            "which supports the method.",
        ),
        # Radiographer (and bioengineer, secretary) staffing and turnover per trust.
        *[_role_turnover(role) for role in codes.STAFF_ROLES],
        Assumption(
            key="turnover_rise_pp",
            label_nb="Økende turnover (prosentpoeng per år)",
            label_en="Rising turnover (percentage points per year)",
            unit="percentage points/year",
            default=0.0,
            min=0.0,
            max=2.0,
            step=0.1,
            group="staff",
            source="Assumption: 0 = today's turnover stays as it is. The plan asks the region to "
            "'følge med på bemanningssituasjonen inkludert tegn på økende turnover' (watch "
            "staffing, including signs of rising turnover); this adds the set points to every "
            "trust's and role's rate each year after the base year, to test that signal.",
        ),
        Assumption(
            key="staff_follow_trend",
            label_nb="Planlagte årsverk: 2 = arbeidsmengde, 1 = følg trenden, 0 = bruk målveksten",
            label_en="Planned FTEs: 2 = workload, 1 = follow the trend, 0 = use the target growth",
            unit="choice (2 = workload, 1 = trend, 0 = target growth)",
            default=2,
            min=0,
            max=2,
            step=1,
            group="staff",
            source="By default (2) each trust's radiographer FTEs grow with the workload of its "
            "exams (the activity projection x radiographer minutes per exam), from the "
            "base year's figure; bioengineers and secretaries follow their trend. 1: every series "
            "follows its own Prophet trend of Tabell 7 (2015-2025), anchored at the base year's "
            "figure. 0: the target growth below, the same for every trust and role.",
        ),
        Assumption(
            key="staff_target_growth_pct",
            label_nb="Målvekst i årsverk (%/år, når trenden ikke følges)",
            label_en="Target growth of FTEs (%/year, when not following the trend)",
            unit="%/year",
            default=0.0,
            min=-5.0,
            max=10.0,
            step=0.1,
            group="staff",
            source="Assumption: 0 = keep today's FTEs, so hires only replace leavers. Used when "
            "'Planned FTEs' is 0. For comparison, Tabell 7's radiographer FTEs grew from "
            "1,081 (2015) to 1,316 (2025), about 2.0 %/year.",
        ),
        Assumption(
            key="turnover_flag_pp",
            label_nb="Varsle når turnover stiger mer enn (prosentpoeng per år)",
            label_en="Flag when turnover rises faster than (percentage points per year)",
            unit="percentage points/year",
            default=0.5,
            min=0.1,
            max=3.0,
            step=0.1,
            group="staff",
            source="Assumption: a trust's turnover trend (the slope over the latest five years of "
            "its HR data, weighted by staff, and steeper than chance) above 0.5 points a year "
            "would take 5.1 % to about 10 % within a decade, which no plan could absorb "
            "unnoticed. Lower it to see earlier signs.",
        ),
        *[_trust_turnover(code) for code in codes.STAFF_TRUSTS],
        *[
            Assumption(
                key=f"fte_per_person_{role}",
                label_nb=f"Årsverk per person, {nb}",
                label_en=f"FTEs per person, {en}",
                unit="FTE/person",
                default=1.0,
                min=0.5,
                max=1.0,
                step=0.05,
                group="staff",
                source=FTE_PER_PERSON_SOURCE,
            )
            for role, (nb, en) in _ROLE_PLURALS.items()
        ],
        # Equipment replacement (group "equipment"), per modality where the plan's
        # tables are per modality. Keys: lifetime_ct_years, price_ct_mnok, growth_ct_pct, ...
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
            for m, (d, src) in _GROWTH.items()
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
        *_activity_assumptions(),
        *PREPAREDNESS,
    ]
}


def in_group(*groups: str) -> list[Assumption]:
    """Return the assumptions of the given groups, in definition order."""
    return [a for a in ASSUMPTIONS.values() if a.group in groups]


def defaults(tables: Mapping[str, pd.DataFrame], groups: tuple[str, ...] | None = None) -> dict[str, float | int]:
    """Return the defaults of every assumption (or of `groups` only); data-derived ones come from `tables`.

    A derived default whose tables are not given is left out, so a notebook
    (which may also pass its own groups) loads only the tables it uses.
    """
    out = {}
    for a in ASSUMPTIONS.values() if groups is None else in_group(*groups):
        if a.derive is None:
            out[a.key] = a.default
        elif not all(name in tables for name in a.tables):
            continue
        else:
            value = round(a.derive(tables) / a.step) * a.step
            out[a.key] = round(min(max(value, a.min), a.max), 6)
    return out


def resolve(
    values: Mapping[str, object], tables: Mapping[str, pd.DataFrame], groups: tuple[str, ...] | None = None
) -> dict[str, float | int]:
    """Return a complete, checked scenario: defaults overlaid with `values` (None = default).

    With `groups`, the scenario holds those groups' assumptions only. Unknown
    keys and out-of-range values raise AssumptionError naming the parameter.
    """
    known = list(ASSUMPTIONS) if groups is None else [a.key for a in in_group(*groups)]
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise AssumptionError(f"unknown parameter(s): {', '.join(unknown)}; known: {', '.join(known)}")
    scenario = defaults(tables, groups)
    for key, value in values.items():
        if value is not None:
            scenario[key] = ASSUMPTIONS[key].check(value)
    return scenario
