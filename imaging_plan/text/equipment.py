"""The Equipment page: register upload, replacement schedule, budget, age profile, demand check,
and the sentence it gives the overview.

Each entry is key: (bokmål, English); `imaging_plan.i18n` merges the catalogues.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "page_equipment": ("Utstyr", "Equipment"),
    "group_equipment": ("Utstyr", "Equipment"),
    "equipment_title": ("Utstyr: utskifting, budsjett og alder", "Equipment: replacement, budget and age"),
    "equipment_intro": (
        "Hver enhet i utstyrsregisteret forfaller når den når levetiden (pluss årene en "
        "oppgradering gir). Under budsjettet skiftes de mest forfalte ut først, deretter etter "
        "modalitetens vekt; resten blir etterslep. Aldersprofilen måles mot COCIRs gylne regler "
        "(minst 60 % av enhetene 0–5 år, høyst 30 % 6–10 år, høyst 10 % over 10 år). Planen "
        "gjelder de offentlige enhetene (helseforetak og sykehus); private leverandørers enheter "
        "teller bare i behovssjekken.",
        "Each unit in the equipment register falls due when it reaches its lifetime (plus the "
        "years an upgrade adds). Under the budget the most overdue go first, then by the "
        "modality's weight; the rest is backlog. The age profile is measured against COCIR's "
        "golden rules (at least 60 % of units 0–5 years old, at most 30 % 6–10, at most 10 % "
        "over 10). The plan covers the public units (trusts and hospitals); private providers' "
        "units count only in the demand check.",
    ),
    "register_upload": ("Bruk ditt eget utstyrsregister", "Use your own equipment register"),
    "register_upload_help": (
        "En CSV-fil med samme kolonner som data/equipment_register.csv: unit_id, owner, sector, "
        "modality, install_year, upgrade_year (kan stå tom), price_nok (kan stå tom) og source. "
        "Filen sjekkes før den brukes og lagres ikke på serveren.",
        "A CSV file with the columns of data/equipment_register.csv: unit_id, owner, sector, "
        "modality, install_year, upgrade_year (may be blank), price_nok (may be blank) and "
        "source. The file is checked before use and not saved on the server.",
    ),
    "register_file": ("Registerfil (CSV)", "Register file (CSV)"),
    "register_used": (
        "Bruker ditt register {file}: {units} enheter (ikke lagret).",
        "Using your register {file}: {units} units (not saved).",
    ),
    "register_rejected": (
        "Registeret ditt kan ikke brukes; det innebygde registeret vises. Feil:",
        "Your register cannot be used; the shipped register is shown. Problems:",
    ),
    "register_counts_differ": (
        "Registeret ditt avviker fra Tabell 5 (data/equipment_units.csv) og brukes likevel:",
        "Your register differs from Tabell 5 (data/equipment_units.csv) and is used anyway:",
    ),
    "register_shipped": (
        "Register: data/equipment_register.csv ({units} enheter).",
        "Register: data/equipment_register.csv ({units} units).",
    ),
    "metric_value": ("Gjenkjøpsverdi, offentlige enheter", "Replacement value, public units"),
    "metric_value_help": (
        "Sum av prisene for de offentlige enhetene. Fagplanen: «nyanskaffelsesverdi/"
        "gjenkjøpsverdi nær 3 milliarder kroner i sykehusene i helseregionen».",
        "Sum of the prices of the public units. The plan: 'nyanskaffelsesverdi/gjenkjøpsverdi "
        "nær 3 milliarder kroner i sykehusene i helseregionen' (close to 3 billion NOK).",
    ),
    "metric_overdue": ("Forfalt ved start ({year})", "Overdue at the start ({year})"),
    "metric_overdue_help": (
        "Enheter som har passert levetiden før første planår, og prisen for å skifte dem.",
        "Units past their lifetime before the first plan year, and the cost of replacing them.",
    ),
    "metric_backlog": ("Etterslep {year}", "Backlog {year}"),
    "metric_backlog_help": (
        "Enheter som har forfalt, men ikke er skiftet ut innen budsjettet, ved slutten av året.",
        "Units due but not replaced within the budget, at the end of the year.",
    ),
    "metric_rules": ("Gylne regler oppfylt fra", "Golden rules met from"),
    "metric_rules_help": (
        "Første år fra da alle tre reglene holder for regionen ut horisonten.",
        "The first year from which all three rules hold for the region to the horizon.",
    ),
    "rules_no": ("–", "–"),
    "rules_from_year": ("gylne regler oppfylt fra {year}", "golden rules met from {year}"),
    "rules_not_by": ("gylne regler ikke oppfylt innen {year}", "golden rules not met by {year}"),
    "ov_eq_value": (
        "Prisene i forutsetningene for de {units} offentlige enhetene; fagplanen sier «nær 3 milliarder kroner».",
        "The assumptions' prices for the {units} public units; the plan says close to 3 billion NOK.",
    ),
    "ov_eq_overdue": (
        "Enheter over levetiden før {year}, og hva det koster å skifte dem.",
        "Units past their lifetime before {year}, and what replacing them costs.",
    ),
    "ov_eq_backlog": (
        "Med {budget} MNOK i året til utskifting er dette igjen ved horisonten; {rules}.",
        "With {budget} MNOK a year for replacement this is left at the horizon; {rules}.",
    ),
    "ov_eq_due": ("Forfaller (levetid)", "Falls due (lifetime)"),
    "rules_never": ("ikke innen {year}", "not by {year}"),
    "n_units": ("{units} enheter", "{units} units"),
    "due_units_title": ("Enheter som forfaller per år", "Units falling due per year"),
    "due_cost_title": ("Kostnad for det som forfaller per år", "Cost of what falls due per year"),
    "units": ("Enheter", "Units"),
    "mnok": ("MNOK", "MNOK"),
    "mnok_per_year": ("MNOK per år", "MNOK per year"),
    "units_per_year": ("Enheter per år", "Units per year"),
    "schedule": ("Ved levetid", "At lifetime"),
    "band_median": ("Median", "Median"),
    "band": ("80 % intervall", "80 % interval"),
    "band_stored": (
        "Søylene: hver enhet forfaller ved levetiden. Median og 80 % intervall: "
        "utskiftingsalder trukket fra en Weibull-fordeling rundt levetiden, lest fra "
        "prognosen ({draws} trekk).",
        "Bars: each unit falls due at its lifetime. Median and 80 % interval: replacement "
        "age drawn from a Weibull distribution around the lifetime, read from the forecast "
        "({draws} draws).",
    ),
    "band_recomputed": (
        "Søylene: hver enhet forfaller ved levetiden. Median og 80 % intervall: "
        "utskiftingsalder trukket fra en Weibull-fordeling rundt levetiden, regnet "
        "her med {draws} trekk (forutsetningene eller registeret avviker fra "
        "prognosen, som har {stored} trekk).",
        "Bars: each unit falls due at its lifetime. Median and 80 % interval: "
        "replacement age drawn from a Weibull distribution around the lifetime, "
        "computed here with {draws} draws (the assumptions or the register differ "
        "from the forecast's, which has {stored} draws).",
    ),
    "budget_title": ("Utskifting under budsjettet og etterslep", "Replacement under the budget and backlog"),
    "spent": ("Brukt", "Spent"),
    "backlog": ("Etterslep", "Backlog"),
    "budget": ("Budsjett", "Budget"),
    "oldest_age": ("Eldste enhet (år)", "Oldest unit (years)"),
    "age_title": ("Aldersprofil mot COCIRs gylne regler", "Age profile against COCIR's golden rules"),
    "age_scope": ("Aldersprofil for", "Age profile of"),
    "region": ("Regionen (offentlige enheter)", "The region (public units)"),
    "share_pct": ("Andel av enhetene (%)", "Share of units (%)"),
    "age_class": ("Alder", "Age"),
    "age_0-5": ("0–5 år", "0–5 years"),
    "age_6-10": ("6–10 år", "6–10 years"),
    "age_over_10": ("over 10 år", "over 10 years"),
    "rule_line_60": ("minst 60 % 0–5 år", "at least 60 % 0–5 years"),
    "rule_line_90": ("høyst 10 % over 10 år", "at most 10 % over 10 years"),
    "rule_min": ("minst {limit} % {age}", "at least {limit} % {age}"),
    "rule_max": ("høyst {limit} % {age}", "at most {limit} % {age}"),
    "breaks_title": ("År da reglene brytes", "Years the rules are broken"),
    "col_scope": ("Gjelder", "Scope"),
    "col_rule": ("Regel", "Rule"),
    "col_years_broken": ("Antall år brutt", "Years broken"),
    "col_broken_in": ("Brutt i", "Broken in"),
    "trust_title": ("Per helseforetak og modalitet", "Per trust and modality"),
    "trust_note": (
        "Ubegrenset budsjett: hver enhet skiftes når den forfaller; en enhet som "
        "skiftes to ganger før horisonten telles to ganger.",
        "Unlimited budget: each unit is replaced when due; a unit replaced twice before the horizon counts twice.",
    ),
    "col_owner": ("Eier", "Owner"),
    "col_modality": ("Modalitet", "Modality"),
    "col_units": ("Enheter", "Units"),
    "col_overdue_at_start": ("Forfalt ved start", "Overdue at the start"),
    "col_due_by": ("Forfaller t.o.m. {year}", "Due by {year}"),
    "col_cost_to_horizon": ("Kostnad t.o.m. {year} (MNOK)", "Cost by {year} (MNOK)"),
    "download_schedule": ("Last ned utskiftingsplanen (CSV)", "Download the replacement schedule (CSV)"),
    "demand_title": (
        "Behovssjekk: enheter som trengs mot enheter i dag",
        "Demand check: units needed against units on hand",
    ),
    "demand_intro": (
        "Undersøkelsene i aktivitetsframskrivingen (Tabell 1 for 2024, båret av befolkningen og bruken "
        "per innbygger per modalitet), delt på undersøkelser per maskintime × åpningstid × uker; mot "
        "dagens enheter, offentlige og private (Tabell 5 / registeret).",
        "The exams of the activity projection (Tabell 1 for 2024, carried by the population and the use "
        "per person per modality), divided by exams per machine-hour × opening hours × weeks; against "
        "today's units, public and private (Tabell 5 / the register).",
    ),
    "needed": ("Enheter som trengs", "Units needed"),
    "on_hand": ("Enheter i dag", "Units on hand"),
    "col_needed": ("Trengs {year}", "Needed {year}"),
    "col_on_hand": ("I dag", "On hand"),
    "col_short": ("Mangler {year}", "Short {year}"),
    "equipment_forecast_missing": (
        "Prognosen for utstyr mangler ennå. Lag den med `{cmd}` (eller start appen med "
        "`make app`). Alt under regnes likevel her; intervallet med færre trekk.",
        "The equipment forecast has not been made yet. Make it with `{cmd}` (or start the app "
        "with `make app`). Everything below is still computed here; the interval with fewer draws.",
    ),
}
