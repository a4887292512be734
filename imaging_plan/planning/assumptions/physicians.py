"""The physician model's assumptions.

The horizon, need, supply and the specialist inflow (groups general, physicians, inflow).
"""

from __future__ import annotations

from typing import Mapping

import pandas as pd

from imaging_plan.data import codes
from imaging_plan.planning.assumptions.base import Assumption, AssumptionError
from imaging_plan.planning.assumptions.base import FTE_PER_PERSON_SOURCE
from imaging_plan.planning.assumptions.equipment import GROWTH


def _default(key: str) -> float:
    """Return a registry default of this group (the window's backcast runs at them)."""
    return next(a.default for a in PHYSICIANS if a.key == key)


def _recruitment_window(tables: Mapping[str, pd.DataFrame]) -> float:
    from imaging_plan.planning import physicians, recruitment  # the planning modules never import this one

    hist = physicians.histories(tables["physician_ftes"])
    if not hist or min(len(h) for h in hist.values()) < 2:
        raise AssumptionError("recruitment window: needs physician FTEs for two years or more; set it explicitly")
    backcast = recruitment.window_backcast(hist, _default("exit_rate_pct"), _default("training_years"))
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
    return (pet * GROWTH["PET_CT"][0] + other * GROWTH["SPECT_CT"][0]) / (pet + other)


def _use_growth_pct(tables: Mapping[str, pd.DataFrame]) -> float:
    from imaging_plan.planning import demand

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
    "imaging_plan.planning.recruitment). Set FTEs a year here to plan for more (a recruitment drive) or "
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


PHYSICIANS = [
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
]
