"""The Data page: every input's columns, codes and rules, templates, uploads and their refit.

Each entry is key: (bokmål, English); `imaging_plan.i18n` merges the catalogues.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "page_data": ("Data", "Data"),
    "data_title": ("Data: inndata, maler og egne filer", "Data: inputs, templates and your own files"),
    "data_intro": (
        "Alle tabellene verktøyet leser, med kolonner, koder og regler slik innlesingen sjekker dem. "
        "Last ned en mal (CSV eller Excel), fyll inn egne tall og last den opp: filen sjekkes med de "
        "samme reglene og avvises i sin helhet hvis noe er feil, med en liste over hva som må rettes. "
        "En godkjent fil gjelder bare for din økt: alle sidene planlegger med den, og trendene "
        "tilpasses på nytt i bakgrunnen. Filene lagres aldri i data/, og slettes etter et døgn.",
        "Every table the tool reads, with its columns, codes and rules as the loader checks them. "
        "Download a template (CSV or Excel), fill in your own figures and upload it: the file is "
        "checked with the same rules and refused whole if anything is wrong, with a list of what "
        "to fix. An accepted file applies to your session only: every page plans with it, and the "
        "trends are refitted in the background. Files are never saved in data/, and are removed "
        "after a day.",
    ),
    "data_col_input": ("Inndata", "Input"),
    "data_col_file": ("Fil", "File"),
    "data_col_rows": ("Rader i bruk", "Rows in use"),
    "data_columns": ("Kolonner", "Columns"),
    "data_rules": ("Regler", "Rules"),
    "data_codes": ("Koder", "Codes"),
    "data_col_column": ("Kolonne", "Column"),
    "data_col_code": ("Kode", "Code"),
    "data_col_name": ("Navn", "Name"),
    "data_template_csv": ("Mal (CSV)", "Template (CSV)"),
    "data_template_xlsx": ("Mal (Excel)", "Template (Excel)"),
    "data_upload": ("Last opp din fil (CSV eller Excel)", "Upload your file (CSV or Excel)"),
    "data_upload_help": (
        "Høyst {mb} MB og {rows} rader. Excel: første ark, eller arket du navngir under.",
        "At most {mb} MB and {rows} rows. Excel: the first sheet, or the one you name below.",
    ),
    "data_sheet": ("Ark i Excel-filen (valgfritt)", "Sheet in the Excel file (optional)"),
    "data_sheet_hint": ("første ark", "first sheet"),
    "data_refused": (
        "Filen er avvist; ingenting av den er brukt. Rett dette og last opp på nytt:",
        "The file is refused; nothing of it is used. Fix these and upload again:",
    ),
    "data_in_use": ("Din fil {file} brukes i denne økten.", "Your file {file} is used in this session."),
    "data_accepted_toast": (
        "{file} er godkjent og brukes nå på alle sidene.",
        "{file} is accepted and now used on every page.",
    ),
    "data_remove": ("Fjern filen (bruk den innebygde)", "Remove the file (use the shipped one)"),
    "data_remove_all": ("Bruk de innebygde dataene igjen", "Use the shipped data again"),
    "data_planning_on": ("Du planlegger med egne data: {files}.", "You are planning with your own data: {files}."),
    "data_refit_progress": (
        "Trendene tilpasses dine data: {done} av {total} notatbøker ferdig. De andre sidene kan brukes imens.",
        "Refitting the trends on your data: {done} of {total} notebooks done. The other pages can be used meanwhile.",
    ),
    "data_refit_done": ("Trendene er tilpasset dine data.", "The trends are refitted on your data."),
    "data_refit_failed_long": (
        "Tilpasningen av trendene feilet; sidene viser planene uten nye trender. Logg:",
        "Refitting the trends failed; the pages show the plans without new trends. Log:",
    ),
    "data_refit_retry": ("Prøv igjen", "Try again"),
    "data_uploaded_label": (
        "Egne data i denne økten: {files} (merke {mark}).",
        "Your own data in this session: {files} (mark {mark}).",
    ),
    "data_refit_running": ("Trendene tilpasses ({done} av {total}).", "Refitting trends ({done} of {total})."),
    "data_refit_failed": (
        "Tilpasningen av trendene feilet (se Data-siden).",
        "Refitting the trends failed (see the Data page).",
    ),
    "data_link_without_data": (
        "Denne lenken ble laget på opplastede data (merke {mark}), som lenken ikke kan ta med seg. "
        "Tallene under bygger på de innebygde dataene, ikke på dem lenken ble laget med. Last opp "
        "de samme filene på Data-siden for å se lenkens tall.",
        "This link was made on uploaded data (mark {mark}), which a link cannot carry. The "
        "figures below are built on the shipped data, not on the data the link was made with. "
        "Upload the same files on the Data page to see the link's figures.",
    ),
    "data_link_other_data": (
        "Denne lenken ble laget på andre opplastede data (merke {mark}) enn dem du har lastet opp; "
        "tallene under bygger på dine data.",
        "This link was made on other uploaded data (mark {mark}) than yours; the figures below are built on your data.",
    ),
    "data_source_uploaded": ("din fil {file} (denne økten)", "your file {file} (this session)"),
    "data_source_absent": (
        "ikke levert med verktøyet (valgfri fil: legg til din egen)",
        "not shipped (optional file: add your own)",
    ),
    "data_source_illustrative": ("illustrerende (genererte) rader", "illustrative (generated) rows"),
    "data_source_plan": ("fagplanens tabeller", "the plan's tables"),  # the fallback; every shipped file has its own
    "data_title_physician_ftes": ("Legeårsverk", "Physician FTEs"),
    "data_about_physician_ftes": (
        "Legeårsverk per år, spesialitet (radiologi, nukleærmedisin) og stillingskategori. Kan "
        "gis per helseforetak med en ekstra kolonne `trust`: regionens plan er da summen, og hvert "
        "foretak kan vises for seg på Leger-siden.",
        "Physician FTEs per year, specialty (radiology, nuclear medicine) and position category. "
        "May be given per trust with an extra column `trust`: the region's plan is then the sum, "
        "and each trust can be viewed on its own on the Physicians page.",
    ),
    "data_source_physician_ftes": ("fagplanens Tabell 6 (2015–2025)", "the plan's Tabell 6 (2015–2025)"),
    "data_optional_physician_ftes": (
        "`trust` er valgfri: uten den gjelder tallene regionen.",
        "`trust` is optional: without it the figures are the region's.",
    ),
    "data_title_staff_ftes": (
        "Årsverk for radiografer, bioingeniører og helsesekretærer",
        "Radiographer, bioengineer and secretary FTEs",
    ),
    "data_about_staff_ftes": (
        "Årsverk per år, helseforetak og yrkesgruppe. Tomme celler betyr manglende tall, ikke null.",
        "FTEs per year, trust and role. Empty cells mean missing, not zero.",
    ),
    "data_source_staff_ftes": ("fagplanens Tabell 7 (2015–2025)", "the plan's Tabell 7 (2015–2025)"),
    "data_title_equipment_units": ("Utstyrsenheter per eier", "Equipment units per owner"),
    "data_about_equipment_units": (
        "Antall enheter per helseforetak eller privat aktør og modalitet.",
        "Units per trust or private provider and modality.",
    ),
    "data_source_equipment_units": ("fagplanens Tabell 5 (2025)", "the plan's Tabell 5 (2025)"),
    "data_title_exams_by_modality": ("Undersøkelser per modalitet", "Exams by modality"),
    "data_about_exams_by_modality": (
        "Antall undersøkelser per år, spesialitet og modalitet.",
        "Exams per year, specialty and modality.",
    ),
    "data_source_exams_by_modality": ("fagplanens Tabell 1 (2024)", "the plan's Tabell 1 (2024)"),
    "data_title_exams_by_trust": ("Undersøkelser per helseforetak", "Exams by trust"),
    "data_about_exams_by_trust": (
        "Undersøkelser per år og helseforetak, innlagt og poliklinisk.",
        "Exams per year and trust, inpatient and outpatient.",
    ),
    "data_source_exams_by_trust": ("fagplanens Tabell 2 (2024)", "the plan's Tabell 2 (2024)"),
    "data_title_staff_turnover": ("HR-uttrekk: avgang og ansettelser", "HR export: leavers and hires"),
    "data_about_staff_turnover": (
        "Avganger og ansettelser per år, helseforetak og yrkesgruppe, med gjennomsnittlige årsverk "
        "eller antall ansatte. Rader med `source` som begynner med «illustrative» vises som illustrerende.",
        "Leavers and hires per year, trust and role, with average FTEs or headcount. Rows whose "
        "`source` starts with 'illustrative' are shown as illustrative.",
    ),
    "data_source_staff_turnover": (
        "illustrerende (genererte) rader; fagplanen har ingen HR-tall",
        "illustrative (generated) rows; the plan gives no HR figures",
    ),
    "data_title_private_exams": ("Private aktørers undersøkelser", "Private providers' exams"),
    "data_about_private_exams": (
        "Undersøkelser hos private aktører per år, sykehusområde og modalitet.",
        "Private providers' exams per year, hospital area and modality.",
    ),
    "data_source_private_exams": ("fagplanens Tabell 3 (2024)", "the plan's Tabell 3 (2024)"),
    "data_title_specialist_approvals": ("Spesialistgodkjenninger (nasjonalt)", "Specialist approvals (national)"),
    "data_about_specialist_approvals": (
        "Nasjonale spesialistgodkjenninger per år og spesialitet, med kilde. Valgfri: uten filen "
        "brukes fagplanens omtale (60–80 i året i radiologi).",
        "National specialist approvals per year and specialty, with a source. Optional: without "
        "the file the plan's statement (60–80 a year in radiology) is used.",
    ),
    "data_title_unmet_need": ("Udekket legebehov i basisåret", "Unmet physician need in the base year"),
    "data_about_unmet_need": (
        "Legearbeid årsverkene i Tabell 6 ikke dekker, per år, helseforetak, spesialitet og type: "
        "ubesatte stillinger (`vacancy`), innleie (`locum`), overtid (`overtime`) og kjøpt tolking fra "
        "teleradiologi eller private (`bought_reading`), i årsverk, med kilde. Valgfri: uten filen er "
        "det udekkede behovet bare skyvebryterens andel (standard 0: fagplanen omtaler ubesatte "
        "stillinger, men gir ikke tall). Radene for basisåret legges til behovet: behov i basisåret = "
        "årsverk + udekket behov.",
        "Physician work the FTEs in Tabell 6 do not cover, per year, trust, specialty and kind: vacant "
        "posts (`vacancy`), locums (`locum`), overtime (`overtime`) and reading bought from "
        "teleradiology or private providers (`bought_reading`), in FTEs, with a source. Optional: "
        "without the file the unmet need is the slider's share only (default 0: the plan reports "
        "unfilled posts but gives no count). The base year's rows are added to the need: need in the "
        "base year = FTEs + unmet need.",
    ),
    "data_title_equipment_register": ("Utstyrsregister (én rad per enhet)", "Equipment register (one row per unit)"),
    "data_about_equipment_register": (
        "Én rad per enhet: eier, modalitet, installasjonsår, eventuelt oppgraderingsår og pris. "
        "Antallet per eier og modalitet må stemme med utstyrsenhetene (Tabell 5).",
        "One row per unit: owner, modality, install year, upgrade year and price where known. "
        "The count per owner and modality must match the equipment units (Tabell 5).",
    ),
    "data_source_equipment_register": (
        "illustrerende (generert fra Tabell 5); fagplanen har ikke alder per enhet",
        "illustrative (generated from Tabell 5); the plan gives no age per unit",
    ),
    # The population tables and the imaging rates: public sources, not the plan's tables.
    "data_title_population_observed": ("Folkemengde etter fylke og alder", "Population by county and age"),
    "data_about_population_observed": (
        "Folkemengde 1. januar per fylke i Helse Sør-Øst og ettårig alder (0–105). Bærer behovet og "
        "aktiviteten fram etter alder.",
        "Population on 1 January per county of Helse Sør-Øst and single year of age (0–105). Carries "
        "the need and the activity forward by age.",
    ),
    "data_source_population_observed": (
        "Statistisk sentralbyrå (SSB), tabell 07459, 2015–2026 (NLOD); se data/README.md og "
        "shared/data/population/SOURCES.md",
        "Statistics Norway (SSB), table 07459, 2015–2026 (NLOD); see data/README.md and "
        "shared/data/population/SOURCES.md",
    ),
    "data_title_population_projection_national": (
        "Framskrevet folkemengde, hele landet, etter aldersgruppe",
        "Projected population, whole country, by age band",
    ),
    "data_about_population_projection_national": (
        "SSBs framskriving i tre alternativer (MMMM, LLML, HHMH); hver aldersgruppes vekst bærer "
        "fylkenes aldersfordeling.",
        "Statistics Norway's projection in three alternatives (MMMM, LLML, HHMH); each age band's "
        "growth carries the counties' age mix.",
    ),
    "data_source_population_projection_national": (
        "Statistisk sentralbyrå (SSB), tabell 14746, framskrivingen 2026 (NLOD); se shared/data/population/SOURCES.md",
        "Statistics Norway (SSB), table 14746, 2026 round (NLOD); see shared/data/population/SOURCES.md",
    ),
    "data_title_population_projection_telemark": (
        "Framskrevet folkemengde, Telemark, etter aldersgruppe",
        "Projected population, Telemark, by age band",
    ),
    "data_about_population_projection_telemark": (
        "Brukes bare til å prøve metoden: Telemark båret med landets vekst mot egen framskriving.",
        "Used only to check the method: Telemark carried at the nation's growth against its own projection.",
    ),
    "data_source_population_projection_telemark": (
        "Statistisk sentralbyrå (SSB), tabell 14746, framskrivingen 2026 (NLOD); se shared/data/population/SOURCES.md",
        "Statistics Norway (SSB), table 14746, 2026 round (NLOD); see shared/data/population/SOURCES.md",
    ),
    "data_title_population_projection_counties": (
        "Framskrevet folkemengde per fylke (totalt)",
        "Projected population per county (all ages)",
    ),
    "data_about_population_projection_counties": (
        "Hvert fylkes framskrevne totale folkemengde i tre alternativer: fylkets kontrolltotal, så hvert "
        "fylke vokser som sin egen framskriving, med landets aldersfordeling innenfor.",
        "Each county's projected total in three alternatives: the county's control total, so each "
        "county grows as its own projection, with the nation's age mix within it.",
    ),
    "data_source_population_projection_counties": (
        "Statistisk sentralbyrå (SSB), tabell 14288, framskrivingen 2024 (NLOD); se "
        "shared/data/population/SOURCES.md, avsnitt 4",
        "Statistics Norway (SSB), table 14288, 2024 round (NLOD); see shared/data/population/SOURCES.md, section 4",
    ),
    "data_title_imaging_rates_by_age": ("Undersøkelser per innbygger etter alder", "Exams per person by age"),
    "data_about_imaging_rates_by_age": (
        "Bildediagnostiske undersøkelser per innbygger i 2021, alle aldre og over 80 år: vekter for "
        "befolkningen etter alder.",
        "Imaging exams per person in 2021, all ages and over 80: the weights of the population by age.",
    ),
    "data_source_imaging_rates_by_age": (
        "Hofmann m.fl., BMC Health Services Research 24:463 (2024), sammendraget",
        "Hofmann et al., BMC Health Services Research 24:463 (2024), the abstract",
    ),
}
