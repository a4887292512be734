"""The Beredskap page's assumptions: scale-up and the stress tests (group preparedness)."""

from __future__ import annotations


from imaging_plan.planning.assumptions.base import Assumption


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
