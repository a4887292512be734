"""All user-facing text, bokmål first, English second, and number formats for each.

Pages call `t(key, lang)`; nothing on screen is written anywhere else (the
assumption labels live with their definitions in `assumptions`).
"""

from __future__ import annotations

import math

from . import codes

LANGUAGES = {"nb": "Norsk", "en": "English"}  # the label is the URL value: ?lang=English

# One table, in sections per page so each topic's text stays together.
COMMON: dict[str, tuple[str, str]] = {
    "assumptions": ("Forutsetninger", "Assumptions"),
    "assumptions_help": ("Flytt en glidebryter: tallene regnes om straks, og adressen i "
                         "nettleseren tar med scenarioet, så lenken kan deles.",
                         "Move a slider: the numbers recompute at once, and the browser's "
                         "address carries the scenario, so the link can be shared."),
    "group_general": ("Generelt", "General"),
    "group_physicians": ("Leger", "Physicians"),
    "fte": ("Årsverk", "FTEs"),
    "year": ("År", "Year"),
    "series": ("Serie", "Series"),
    "table": ("Tabell", "Table"),
    "download_csv": ("Last ned CSV", "Download CSV"),
    "sources": ("Forutsetninger og kilder", "Assumptions and sources"),
    "source": ("Kilde", "Source"),
    "value": ("Verdi", "Value"),
    "default": ("Standard", "Default"),
    "unit": ("Enhet", "Unit"),
    "changed": ("endret", "changed"),
    "forecast_made": ("Prognosene ble laget {when} (UTC) av {notebook}.",
                      "Forecasts made {when} (UTC) by {notebook}."),
    "forecast_stale": ("Inndata er endret siden prognosene ble laget ({files}). Kjør på nytt: `{cmd}`",
                       "Input data changed since the forecasts were made ({files}). Rerun: `{cmd}`"),
    "data_error": ("Inndata kan ikke leses:", "Input data cannot be read:"),
    "scenario": ("Scenario: del, lagre, last inn", "Scenario: share, save, load"),
    "preset": ("Ferdig scenario", "Preset"),
    "preset_choose": ("Velg …", "Choose …"),
    "preset_help": ("Setter alle glidebryterne; verdiene og begrunnelsene står i README og i "
                    "tabellen over forutsetninger.",
                    "Sets every slider; the values and their reasons are in the README and the "
                    "assumptions table."),
    "share": ("Lenke til dette scenarioet (kopier og send):", "Link to this scenario (copy and send):"),
    "scenario_download": ("Last ned scenario (YAML)", "Download scenario (YAML)"),
    "scenario_upload": ("Last inn scenario (YAML)", "Load scenario (YAML)"),
    "scenario_apply": ("Bruk scenarioet", "Apply the scenario"),
    "url_ignored": ("Ignorert i lenken (standardverdi brukt): {items}",
                    "Ignored in the link (default used): {items}"),
    "illustrative": ("Illustrative data: genererte eksempelrader, ikke faktiske tall.",
                     "Illustrative data: generated example rows, not real figures."),
    "sign_in_title": ("Logg inn for å se planen", "Sign in to see the plan"),
    "sign_in_text": ("Denne utgaven av planleggingsverktøyet er bare for innloggede brukere. "
                     "Logg inn med kontoen fra helseforetaket.",
                     "This copy of the planning tool is for signed-in users only. "
                     "Sign in with your trust account."),
    "sign_in": ("Logg inn", "Sign in"),
    "sign_out": ("Logg ut ({name})", "Sign out ({name})"),
}

PHYSICIANS: dict[str, tuple[str, str]] = {
    "page_physicians": ("Legeårsverk", "Physician FTEs"),
    "physicians_title": ("Legeårsverk: tilbud, behov og gap", "Physician FTEs: supply, need and gap"),
    "physicians_intro": (
        "Historikk fra Tabell 6 i fagplanen (2015–2025), standardlinjen med 80 % bånd, og "
        "planlagt tilbud (spesialister som går av, LiS som blir ferdige, spesialister rekruttert "
        "utenfra) mot behov (dagens årsverk × behovsindeksen: befolkning og alder, bruk per "
        "innbygger og KI). Gap = behov − tilbud; positivt gap betyr for få leger.",
        "History from Tabell 6 of the plan (2015–2025), the default line with its 80 % "
        "band, and planned supply (specialists leaving, residents finishing, specialists "
        "recruited from outside) against need (today's FTEs × the demand index: population and "
        "age, use per person and AI). Gap = need − supply; a positive gap means too few physicians."),
    "gap_at": ("Gap {year}", "Gap {year}"),
    "gap_help": ("Behov minus tilbud i årsverk; endring mot standardforutsetningene under.",
                 "Need minus supply in FTEs; change against the default assumptions below."),
    "gap_fte": ("Gap (årsverk)", "Gap (FTEs)"),
    "history": ("Historikk (Tabell 6)", "History (Tabell 6)"),
    "trend": ("Trend (standardlinjen, 80 % bånd)", "Trend (the default line, 80 % band)"),
    "supply": ("Tilbud", "Supply"),
    "need": ("Behov", "Need"),
    "gap": ("Gap", "Gap"),
    "shortage": ("Mangel", "Shortage"),
    "surplus": ("Overskudd", "Surplus"),
    "forecast_missing": ("Trenden mangler: prognosene er ikke laget ennå. Lag dem med "
                         "`{cmd}` (eller start appen med `make app`). Tilbud, behov og gap "
                         "under regnes uten trenden.",
                         "The trend is missing: forecasts have not been made yet. Make "
                         "them with `{cmd}` (or start the app with `make app`). Supply, need "
                         "and gap below are computed without it."),
    "trend_short": ("Trenden er lagret til {year}; kjør notebooken med høyere `trend_until` for "
                    "lengre horisont.",
                    "The trend is stored to {year}; rerun the notebook with a higher "
                    "`trend_until` for a longer horizon."),
    "col_specialty": ("Spesialitet", "Specialty"),
    "col_specialists": ("Spesialister (årsverk)", "Specialists (FTEs)"),
    "col_residents": ("LiS (årsverk)", "Residents (FTEs)"),
    "col_exits": ("Avgang (årsverk)", "Exits (FTEs)"),
    "col_completions": ("Ferdige LiS (årsverk)", "Residents finishing (FTEs)"),
    "col_supply": ("Tilbud (årsverk)", "Supply (FTEs)"),
    "col_need": ("Behov (årsverk)", "Need (FTEs)"),
    "col_gap": ("Gap (årsverk)", "Gap (FTEs)"),
}

OVERVIEW: dict[str, tuple[str, str]] = {
    "page_overview": ("Oversikt", "Overview"),
    "ov_title": ("Oversikt for styret", "Overview for the board"),
    "ov_intro_default": ("Tallene under bygger på standardforutsetningene (kildene står under hvert "
                         "avsnitt).",
                         "The numbers below rest on the default assumptions (sources under each "
                         "section)."),
    "ov_intro_changed": ("Tallene under bygger på et scenario der **{n}** forutsetning(er) avviker fra "
                         "standard; de er merket ● under hvert avsnitt.",
                         "The numbers below rest on a scenario where **{n}** assumption(s) differ from "
                         "the defaults; they are marked ● under each section."),
    "ov_exports": ("Last ned", "Downloads"),
    "ov_pdf": ("Styresammendrag (PDF, én side)", "Board summary (PDF, one page)"),
    "ov_excel": ("Alle tabeller (Excel)", "All tables (Excel)"),
    "ov_csv": ("Hver tabell som CSV", "Each table as CSV"),
    "ov_pdf_title": ("Bildediagnostikk i Helse Sør-Øst: bemanning og utstyr",
                     "Diagnostic imaging in Helse Sør-Øst: staff and equipment"),
    "ov_pdf_subtitle": ("Styresammendrag {date}. Forutsetninger endret fra standard: {changed}.",
                        "Board summary {date}. Assumptions changed from the defaults: {changed}."),
    "ov_pdf_footer": ("Dataversjon {version} (fingeravtrykk av inndatafilene), programversjon {package}. "
                      "Kilde: Fagplan for bildediagnostikk, Helse Sør-Øst RHF, og forutsetningene over.",
                      "Data version {version} (fingerprint of the input files), software version {package}. "
                      "Source: Fagplan for bildediagnostikk, Helse Sør-Øst RHF, and the assumptions above."),
    "ov_phys_sentence": ("Med disse forutsetningene har {specialty} {gap} årsverk for {kind} i {year}.",
                         "Under these assumptions {specialty} has {gap} FTEs too {kind} in {year}."),
    "ov_short": ("lite", "few"),
    "ov_surplus": ("mye", "many"),
    "fte_unit": ("årsverk", "FTEs"),
    "ov_inflow_label": ("{specialty}: nye spesialister per år, behov / fra godkjenninger",
                        "{specialty}: new specialists a year, needed / from approvals"),
    "ov_inflow_value": ("{required} / {supply}", "{required} / {supply}"),
    "ov_inflow_sentence": ("Mangel summert {first}–{last}: {shortfall} spesialister. LiS-årsverk som "
                           "trengs nå: {needed} (i dag {today}).",
                           "Shortfall summed {first}–{last}: {shortfall} specialists. Resident FTEs "
                           "needed now: {needed} (today {today})."),
    "ov_inflow_required": ("Behov for nye", "New needed"),
    "ov_inflow_supply": ("Fra nasjonale godkjenninger", "From national approvals"),
    "ov_inflow_unit": ("Spesialister per år", "Specialists a year"),
}

# Sections for the other pages (specialist inflow, staffing, equipment) go here.

INFLOW: dict[str, tuple[str, str]] = {
    "group_inflow": ("Nye spesialister", "New specialists"),
    "page_inflow": ("Nye spesialister", "New specialists"),
    "inflow_title": ("Nye spesialister: behov, kurs og utdanning",
                     "New specialists: need, course and training"),
    "inflow_intro": (
        "Hvor mange nye spesialister trenger regionen hvert år, hvor mange er den på vei til å få, "
        "og hvor mange LiS-stillinger trengs for å tette gapet? Tre linjer per spesialitet: "
        "**nødvendig tilgang** (vekst i spesialistbehovet + avgang), **trend** (standardlinjen av "
        "tilgangen avledet fra Tabell 6) og **fra nasjonale godkjenninger** (landets "
        "spesialistgodkjenninger × regionens andel).",
        "How many new specialists does the region need each year, how many is it on course to "
        "get, and how many resident (LiS) posts would close the gap? Three lines per specialty: "
        "**required inflow** (growth of the specialist need + exits), **trend** (the default line "
        "of the inflow derived from Tabell 6) and **from national approvals** (the nation's "
        "specialist approvals × the region's share)."),
    "inflow_forecast_missing": (
        "Trenden av tilgangen mangler: prognosen er ikke laget ennå. Lag den med `{cmd}` "
        "(eller start appen med `make app`). Nødvendig tilgang, godkjenninger (fra forutsetningene) "
        "og LiS-behov under regnes uten trenden.",
        "The trend of the inflow is missing: the forecast has not been made yet. Make it "
        "with `{cmd}` (or start the app with `make app`). Required inflow, approvals (from the "
        "assumptions) and resident need below are computed without it."),
    "national_file_new": (
        "`{file}` finnes, men prognosen ble laget uten den: kjør på nytt med `{cmd}` for å bruke "
        "den. Til da brukes forutsetningene.",
        "`{file}` exists, but the forecast was made without it: rerun `{cmd}` to use it. Until "
        "then the assumptions are used."),
    "basis_fitted": ("Nasjonale godkjenninger: Prophet-trend av filen din ({points} år, 80 % "
                     "intervall). Glidebryterne for godkjenninger brukes ikke for denne spesialiteten.",
                     "National approvals: Prophet trend of your file ({points} years, 80 % "
                     "interval). The approvals sliders are not used for this specialty."),
    "basis_too_few_points": ("Filen med nasjonale godkjenninger har bare {points} år for denne "
                             "spesialiteten: for få til en trend (minst 3), så Prophet er ikke "
                             "brukt. Forutsetningen brukes i stedet:",
                             "The national approvals file has only {points} year(s) for this "
                             "specialty: too few for a trend (at least 3), so Prophet was not "
                             "fitted. The assumption is used instead:"),
    "basis_not_in_file": ("Filen med nasjonale godkjenninger har ingen rader for denne "
                          "spesialiteten, så forutsetningen brukes:",
                          "The national approvals file has no rows for this specialty, so "
                          "the assumption is used:"),
    "basis_no_file": ("Ingen nasjonal tidsserie (`specialist_approvals.csv`), så "
                      "forutsetningen brukes:",
                      "No national series (`specialist_approvals.csv`), so the assumption "
                      "is used:"),
    "range_radiology": ("Radiologi: fagplanens spenn, {low}–{high} godkjenninger i året i landet "
                        "(sentralt {central}), × regionens andel {share} %.",
                        "Radiology: the plan's range, {low}–{high} approvals a year nationally "
                        "(central {central}), × the region's share {share} %."),
    "range_nuclear_medicine": (
        "Nukleærmedisin: antagelse, {central} godkjenninger i året i landet, × regionens andel "
        "{share} %. Fagplanen gir ikke noe tall, bare at utviklingen har vært flat; standarden er "
        "regionens egen avledede tilgang 2016–2025 delt på regionens andel (se kilder).",
        "Nuclear medicine: assumption, {central} approvals a year nationally, × the region's "
        "share {share} %. The plan gives no number, only that it has been flat; the default is "
        "the region's own derived inflow 2016–2025 divided by the region's share (see sources)."),
    "trend_not_fitted": ("For få år i Tabell 6 for en trend av tilgangen ({points}, minst 3): "
                         "ingen trend for denne spesialiteten.",
                         "Too few years in Tabell 6 for a trend of the inflow ({points}, at "
                         "least 3): no trend for this specialty."),
    "negative_inflow": ("Avledet tilgang er negativ i {years}: spesialistårsverkene falt mer enn "
                        "anslått avgang. Vist som den er, ikke avkuttet.",
                        "The derived inflow is negative in {years}: specialist FTEs fell by more "
                        "than the estimated exits. Shown as it is, not clipped."),
    "m_required": ("Nødvendig tilgang per år", "Required inflow a year"),
    "m_required_help": ("Gjennomsnitt {first}–{last}: vekst i spesialistbehovet + avgang, i årsverk.",
                        "Average {first}–{last}: growth of the specialist need + exits, in FTEs."),
    "m_trend": ("På kurs (trend) per år", "On course (trend) a year"),
    "m_trend_help": ("Gjennomsnitt {first}–{last} av standardlinjen av tilgangen avledet fra "
                     "Tabell 6.",
                     "Average {first}–{last} of the default line of the inflow derived from "
                     "Tabell 6."),
    "m_supply": ("Fra nasjonale godkjenninger per år", "From national approvals a year"),
    "m_supply_help": ("Gjennomsnitt {first}–{last}: godkjenninger i landet × regionens andel.",
                      "Average {first}–{last}: national approvals × the region's share."),
    "m_cum_trend": ("Mangel til {year}, mot trend", "Shortfall to {year}, vs trend"),
    "m_cum_supply": ("Mangel til {year}, mot godkj.", "Shortfall to {year}, vs approvals"),
    "m_cum_help": ("Nødvendig tilgang minus linjen (trend eller nasjonale godkjenninger), summert "
                   "over årene {first}–{last}, i årsverk; positivt betyr for få.",
                   "Required inflow minus the line (trend or national approvals), summed over the "
                   "years {first}–{last}, in FTEs; positive means too few."),
    "m_residents": ("LiS-årsverk som trengs i {year}", "Resident FTEs needed in {year}"),
    "m_residents_help": ("Utdanningstid × nødvendig tilgang {finish}: så mange må være i "
                         "utdanning i {year} for at nok blir ferdige. Endringen viser forskjellen "
                         "fra planlagte LiS-stillinger ({planned}).",
                         "Training time × required inflow in {finish}: this many must be in "
                         "training in {year} for enough to finish. The change shows the "
                         "difference from the planned resident posts ({planned})."),
    "m_deadline": ("Stillinger må opprettes innen", "Posts must be created by"),
    "m_deadline_help": ("Horisont {horizon} minus utdanningstid {years} år: LiS som starter senere, "
                        "blir ikke ferdige innen horisonten.",
                        "Horizon {horizon} minus training time {years} years: residents who "
                        "start later do not finish by the horizon."),
    "already_late": ("for sent", "too late"),
    "late_note": ("Utdanningstiden ({years} år) er lengre enn tiden fram til horisonten {horizon} "
                  "fra {base}: nye LiS-stillinger rekker ikke å gi ferdige spesialister innen da. "
                  "Velg en senere horisont eller dekk behovet med rekruttering.",
                  "The training time ({years} years) is longer than the time from {base} to the "
                  "horizon {horizon}: new resident posts cannot produce specialists by then. "
                  "Choose a later horizon or cover the need by recruitment."),
    "derived_inflow": ("Avledet tilgang (Tabell 6)", "Derived inflow (Tabell 6)"),
    "required_inflow": ("Nødvendig tilgang", "Required inflow"),
    "approvals_supply": ("Fra nasjonale godkjenninger", "From national approvals"),
    "new_specialists": ("Nye spesialister (årsverk per år)", "New specialists (FTEs a year)"),
    "shortfall_vs_trend": ("Mangel mot trend", "Shortfall vs trend"),
    "shortfall_vs_supply": ("Mangel mot godkjenninger", "Shortfall vs approvals"),
    "shortfall_axis": ("Mangel (årsverk per år)", "Shortfall (FTEs a year)"),
    "residents_history": ("LiS 2-3 (Tabell 6)", "Residents, LiS 2-3 (Tabell 6)"),
    "residents_planned": ("Planlagte LiS-stillinger", "Planned resident posts"),
    "residents_needed": ("LiS som trengs", "Residents needed"),
    "residents_axis": ("LiS (årsverk)", "Residents (FTEs)"),
    "posts_by": ("stillinger innen {year}", "posts by {year}"),
    "inflow_table": ("Tilgang per år", "Inflow per year"),
    "pipeline_table": ("LiS-behov per år", "Resident pipeline per year"),
    "how_derived": ("Slik er tallene laget", "How the numbers are derived"),
    "how_derived_text": (
        "- **Avledet tilgang** (historikk, fra 2016): nye spesialister regionen tok inn = vekst i "
        "spesialistårsverk (overlege + legespesialist + konstituert overlege) + anslått avgang: "
        "S(t) − S(t−1) + avgangsrate × S(t−1). Et år der årsverkene falt mer enn avgangen gir en "
        "negativ verdi; den vises som den er.\n"
        "- **Trend**: standardlinjen backtesten valgte for tilgangen (notebook 05), beregnet i "
        "notebook 02 ved notebookens avgangsrate og lagret i to deler, vekst og spesialistårsverk; "
        "appen legger dem sammen med avgangsraten du har valgt, så trenden følger glidebryteren "
        "uten ny tilpasning. Båndet er kalibrert på backtestens feil (80 %).\n"
        "- **Nødvendig tilgang**: spesialistbehov = legebehovet fra legesiden × dagens andel "
        "spesialister ({share_now} % i radiologi); nødvendig = behov(t) − behov(t−1) + "
        "avgangsrate × behov(t−1). Uten vekst og avgang er den null.\n"
        "- **Fra nasjonale godkjenninger**: godkjenninger i landet (din fil med minst tre år, "
        "ellers forutsetningene) × regionens andel.\n"
        "- **Mangel** = nødvendig − linjen; positivt betyr for få. **LiS som trengs** i år y = "
        "utdanningstid × nødvendig tilgang i år y + utdanningstid (en LiS-stilling gir "
        "1/utdanningstid ferdig spesialist i året).",
        "- **Derived inflow** (history, from 2016): new specialists the region took in = growth "
        "of specialist FTEs (consultant + specialist + acting consultant) + estimated exits: "
        "S(t) − S(t−1) + exit rate × S(t−1). A year in which FTEs fell by more than the exits "
        "gives a negative value; it is shown as it is.\n"
        "- **Trend**: the default line the backtest chose for the inflow (notebook 05), computed "
        "in notebook 02 at the notebook's exit rate and stored as two parts, growth and specialist "
        "FTEs; the app adds them at the exit rate you set, so the trend follows the slider "
        "without a refit. The band is calibrated on the backtest's errors (80 %).\n"
        "- **Required inflow**: specialist need = the physician need of the Physicians page × "
        "today's specialist share ({share_now} % in radiology); required = need(t) − need(t−1) "
        "+ exit rate × need(t−1). With no growth and no exits it is zero.\n"
        "- **From national approvals**: the nation's approvals (your file with at least three "
        "years, else the assumptions) × the region's share.\n"
        "- **Shortfall** = required − the line; positive means too few. **Residents needed** in "
        "year y = training time × required inflow in year y + training time (a resident post "
        "yields 1/training time finished specialists a year)."),
    "inflow_col_specialist_need": ("Spesialistbehov (årsverk)", "Specialist need (FTEs)"),
    "inflow_col_required": ("Nødvendig tilgang", "Required inflow"),
    "inflow_col_trend": ("Trend", "Trend"),
    "inflow_col_trend_lower": ("Trend, nedre", "Trend, lower"),
    "inflow_col_trend_upper": ("Trend, øvre", "Trend, upper"),
    "inflow_col_national_approvals": ("Godkjenninger i landet", "National approvals"),
    "inflow_col_supply": ("Fra godkjenninger", "From approvals"),
    "inflow_col_supply_lower": ("Fra godkjenninger, lav", "From approvals, low"),
    "inflow_col_supply_upper": ("Fra godkjenninger, høy", "From approvals, high"),
    "inflow_col_supply_basis": ("Grunnlag", "Basis"),
    "inflow_col_shortfall_trend": ("Mangel mot trend", "Shortfall vs trend"),
    "inflow_col_shortfall_supply": ("Mangel mot godkjenninger", "Shortfall vs approvals"),
    "inflow_col_cum_shortfall_trend": ("Samlet mangel mot trend", "Cumulated vs trend"),
    "inflow_col_cum_shortfall_supply": ("Samlet mangel mot godkjenninger", "Cumulated vs approvals"),
    "inflow_col_residents_planned": ("Planlagte LiS (årsverk)", "Planned residents (FTEs)"),
    "inflow_col_residents_needed": ("LiS som trengs (årsverk)", "Residents needed (FTEs)"),
    "inflow_col_posts_gap": ("Manglende LiS-stillinger", "Missing resident posts"),
    "inflow_col_specialists": ("Spesialister (årsverk)", "Specialists (FTEs)"),
    "inflow_col_growth": ("Vekst (årsverk)", "Growth (FTEs)"),
    "inflow_col_exits": ("Avgang (årsverk)", "Exits (FTEs)"),
    "inflow_col_inflow": ("Avledet tilgang", "Derived inflow"),
    "basis_file": ("din fil (trend)", "your file (trend)"),
    "basis_range": ("forutsetning", "assumption"),
}

# The staffing and turnover page.
STAFFING: dict[str, tuple[str, str]] = {
    "page_staffing": ("Bemanning og turnover", "Staffing and turnover"),
    "group_staff": ("Bemanning og turnover", "Staffing and turnover"),
    "group_staff_trusts": ("Turnover per helseforetak", "Turnover per trust"),
    "staff_title": ("Radiografer og annet personell: hvor mange må vi ansette, og øker turnover?",
                    "Radiographers and other staff: how many must we hire, and is turnover rising?"),
    "staff_intro": (
        "Årsverk per helseforetak fra Tabell 7 i fagplanen (2015–2025), trend per helseforetak og "
        "yrkesgruppe, og ansettelsesbehovet hvert år fram til horisonten: **avgang = turnover × "
        "årsverk** (snittet av årets start og slutt) og **ansettelser = avgang + planlagt endring "
        "i årsverk**. Planlagte årsverk følger helseforetakets egen trend, flyttet så den starter i "
        "tallet for {base}, eller målveksten i sidepanelet. Turnover er regionens sats per "
        "yrkesgruppe, pluss helseforetakets avvik, pluss økende turnover per år.",
        "FTEs per trust from Tabell 7 of the plan (2015–2025), a trend per trust and role, and "
        "the hires needed each year to the horizon: **leavers = turnover × FTEs** (the mean of "
        "the year's start and end) and **hires = leavers + planned change in FTEs**. Planned "
        "FTEs follow the trust's own trend, shifted to start at its {base} figure, or the target "
        "growth in the sidebar. Turnover is the region's rate per role, plus the trust's "
        "difference, plus the rising turnover per year."),
    "staff_forecast_missing": (
        "Trendene mangler: prognosen er ikke laget ennå. Lag den med `{cmd}` (eller start appen "
        "med `make app`). Til da vokser planlagte årsverk med målveksten.",
        "The trends are missing: the forecast has not been made yet. Make it with `{cmd}` (or "
        "start the app with `make app`). Until then planned FTEs grow at the target growth."),
    "staff_using_target": ("Planlagte årsverk vokser med målveksten, {pct} % per år, i alle "
                           "helseforetak.",
                           "Planned FTEs grow at the target growth, {pct} % a year, in every trust."),
    "staff_trusts": ("Helseforetak", "Trusts"),
    "staff_roles": ("Yrkesgrupper", "Roles"),
    "staff_pick": ("Velg minst ett helseforetak og én yrkesgruppe.",
                   "Pick at least one trust and one role."),
    "staff_hires_to": ("Ansettelser {first}–{horizon}", "Hires {first}–{horizon}"),
    "staff_hires_in": ("Ansettelser {year}", "Hires {year}"),
    "staff_share_mean": ("Ansettelser i % av årsverk", "Hires as % of FTEs"),
    "staff_metric_help": ("Sum for valgte helseforetak, i årsverk; endring mot "
                          "standardforutsetningene under.",
                          "Sum over the chosen trusts, in FTEs; change against the default "
                          "assumptions below."),
    "staff_share_help": ("Årlig snitt: ansettelser delt på årsverk.",
                         "Yearly mean: hires divided by FTEs."),
    "staff_per_trust": ("Ansettelsesbehov per helseforetak til {horizon}",
                        "Hires needed per trust to {horizon}"),
    "staff_per_trust_help": (
        "Samlede ansettelser med dagens turnover og med økende turnover (+{pp} prosentpoeng per "
        "år, fra sidepanelet). Er økningen 0, er kolonnene like. Et helseforetaks egen turnover "
        "settes under «Turnover per helseforetak» i sidepanelet: 0 betyr regionens sats.",
        "Cumulative hires under today's turnover and under rising turnover (+{pp} percentage "
        "points a year, from the sidebar). When the rise is 0 the columns are equal. A trust's "
        "own turnover is set under 'Turnover per trust' in the sidebar: 0 means the region's rate."),
    "staff_region": ("{role}: regionen", "{role}: the region"),
    "staff_backtest": ("Hvor godt traff trendene for {role} i backtesten?",
                       "How well did the {role} trends do in the backtest?"),
    "staff_region_covers": (
        "Regional sum av helseforetakene med tall for alle år ({trusts}).",
        "Regional sum of the trusts with figures for every year ({trusts})."),
    "staff_by_trust": ("{role}: årsverk per helseforetak", "{role}: FTEs per trust"),
    "staff_hires_by_trust": ("{role}: ansettelsesbehov per år", "{role}: hires needed per year"),
    "staff_history": ("Historikk (Tabell 7)", "History (Tabell 7)"),
    "staff_trend": ("Trend (standardlinjen, 80 % bånd)", "Trend (the default line, 80 % band)"),
    "staff_planned": ("Planlagte årsverk", "Planned FTEs"),
    "staff_kind": ("Kurve", "Line"),
    "staff_hires_axis": ("Ansettelser (årsverk per år)", "Hires (FTEs per year)"),
    "staff_turnover_axis": ("Turnover (% per år)", "Turnover (% per year)"),
    "staff_assumed": ("Forutsatt turnover", "Assumed turnover"),
    "staff_flagged": ("Stigende turnover (flagget)", "Rising turnover (flagged)"),
    "staff_status_ends_early": (
        "{trust}, {role}: Tabell 7 har tall bare til {last}. Trenden bygger på {first}–{last}; "
        "serien er ikke med i ansettelsesplanen eller i regionens sum (ingen tall er fylt inn).",
        "{trust}, {role}: Tabell 7 has figures only to {last}. The trend rests on {first}–{last}; "
        "the series is not in the hiring plan nor in the regional sum (no figure is filled in)."),
    "staff_status_no_data": (
        "{trust}, {role}: ingen rad i Tabell 7; ikke med (ikke regnet som null).",
        "{trust}, {role}: no row in Tabell 7; left out (not counted as zero)."),
    "staff_status_gaps": (
        "{trust}, {role}: mangler tall for noen år; med i planen fra {base}, men ikke i regionens sum.",
        "{trust}, {role}: some years lack figures; planned from {base}, but not in the regional sum."),
    "staff_turnover_header": ("Turnover-historikk og tegn på økende turnover",
                              "Turnover history and signs of rising turnover"),
    "staff_hr_missing": (
        "Ingen HR-fil: turnover-historikken mangler, så ingen helseforetak kan flagges. Planen over "
        "bruker forutsetningene i sidepanelet. Legg HR-uttrekket som `staff_turnover.csv` i "
        "datamappa ({folder}), med én rad per år, helseforetak og yrkesgruppe, i denne formen:",
        "No HR file: the turnover history is missing, so no trust can be flagged. The plan above "
        "uses the assumptions in the sidebar. Put the HR export as `staff_turnover.csv` in the "
        "data folder ({folder}), one row per year, trust and role, in this shape:"),
    "staff_hr_columns": (
        "`leavers` og `hires`: antall som sluttet og ble ansatt i året; `avg_ftes`: "
        "gjennomsnittlige årsverk og/eller `headcount`: gjennomsnittlig antall ansatte "
        "(headcount brukes når begge finnes); `source`: hvor tallene kommer fra. Koder for "
        "helseforetak og yrkesgrupper som i `staff_ftes.csv`.",
        "`leavers` and `hires`: people who left and were hired in the year; `avg_ftes`: "
        "average FTEs and/or `headcount`: average number of staff (headcount is used when both "
        "are given); `source`: where the figures come from. Trust and role codes as in "
        "`staff_ftes.csv`."),
    "staff_hr_error": ("HR-fila kan ikke leses, så turnover-historikken vises ikke:",
                       "The HR file cannot be read, so the turnover history is not shown:"),
    "staff_turnover_title": ("{role}: turnover per år", "{role}: turnover per year"),
    "staff_flag_rule": (
        "Et helseforetak flagges når (a) siste års avgang er signifikant høyere enn egen historikk "
        "tilsier (forventet = samlet rate i tidligere år × siste års ansatte; ensidig "
        "Poisson-test, p < 5 %), eller (b) turnover de siste {window} årene stiger mer enn "
        "{threshold} prosentpoeng per år (vektet regresjon) og stigningen er større enn tilfeldig "
        "variasjon (ensidig test av z, p < 5 %). Les et flagg som en grunn til å se nærmere etter.",
        "A trust is flagged when (a) the latest year's leavers are significantly more than its "
        "own history implies (expected = pooled rate of earlier years × latest staff; one-sided "
        "Poisson test, p < 5 %), or (b) turnover over the latest {window} years rises faster than "
        "{threshold} percentage points a year (weighted regression) and more than chance "
        "variation would (one-sided test of z, p < 5 %). Read a flag as a reason to look closer."),
    "staff_flag_correction": (
        "Alle p-verdiene i tabellen (begge testene, alle helseforetak og yrkesgrupper) justeres "
        "samlet for multippel testing med Benjamini-Hochberg, så at høyst 5 % av flaggene ventes å "
        "skyldes tilfeldigheter (uten justering ville omtrent to flate serier i året blitt flagget).",
        "Every p-value in the table (both tests, all trusts and roles) is adjusted together for "
        "multiple testing with Benjamini-Hochberg, so that at most 5 % of the flags are expected to "
        "be chance (without it about two flat series a year would be flagged)."),
    "staff_flags": ("Flagg per helseforetak og yrkesgruppe", "Flags per trust and role"),
    "staff_none_flagged": ("Ingen valgte helseforetak er flagget.", "No chosen trust is flagged."),
    "staff_flagged_list": ("Flagget: {items}.", "Flagged: {items}."),
    "staff_table": ("Plan per helseforetak, yrkesgruppe og år", "Plan per trust, role and year"),
    "staff_note_no_earlier_leavers": ("ingen avgang i tidligere år: ingen test",
                                      "no leavers in earlier years: no test"),
    "staff_note_few_earlier_years": ("under 3 tidligere år: ingen test",
                                     "fewer than 3 earlier years: no test"),
    "staff_note_few_leavers_for_trend": ("under 5 som sluttet på 5 år: ingen trendtest",
                                         "fewer than 5 leavers in 5 years: no trend test"),
    "staff_note_few_years_for_trend": ("under 3 år: ingen trendtest",
                                       "fewer than 3 years: no trend test"),
    "staff_method_prophet": ("Prophet", "Prophet"),
    "staff_method_drift": ("drift (for få år for Prophet)", "drift (too few years for Prophet)"),
    "staff_method_last_value": ("siste verdi (ett år)", "last value (one year)"),
    "staff_method_target_growth": ("målvekst", "target growth"),
    "staff_yes": ("ja", "yes"),
    "col_role": ("Yrkesgruppe", "Role"),
    "col_trust": ("Helseforetak", "Trust"),
    "col_method": ("Metode", "Method"),
    "col_fte_at": ("Årsverk {year}", "FTEs {year}"),
    "col_hires_today": ("Ansettelser, dagens turnover", "Hires, today's turnover"),
    "col_hires_rising": ("Ansettelser, økende turnover", "Hires, rising turnover"),
    "col_change": ("Endring (årsverk)", "Change (FTEs)"),
    "col_turnover_pct": ("Turnover (%)", "Turnover (%)"),
    "col_leavers": ("Avgang (årsverk)", "Leavers (FTEs)"),
    "col_hires_needed": ("Ansettelser (årsverk)", "Hires needed (FTEs)"),
    "col_excess": ("Overtallige utover avgang (årsverk)", "Excess beyond leavers (FTEs)"),
    "col_cumulative_hires": ("Ansettelser hittil (årsverk)", "Cumulative hires (FTEs)"),
    "col_hires_share_pct": ("Ansettelser i % av årsverk", "Hires as % of FTEs"),
    "col_staff_fte": ("Årsverk", "FTEs"),
    "col_latest_pct": ("Siste år, turnover (%)", "Latest year, turnover (%)"),
    "col_history_pct": ("Tidligere år, turnover (%)", "Earlier years, turnover (%)"),
    "col_p_value": ("p (siste år)", "p (latest year)"),
    "col_p_adjusted": ("p justert (siste år)", "p adjusted (latest year)"),
    "col_trend_p_adjusted": ("p justert (trend)", "p adjusted (trend)"),
    "col_slope_pp": ("Trend (poeng/år)", "Trend (points/year)"),
    "col_flag": ("Flagg", "Flag"),
    "col_note": ("Merknad", "Note"),
    "col_rate_used": ("Turnover i planen (%)", "Turnover in the plan (%)"),
    "col_rate_first": ("Turnover {year} (%)", "Turnover {year} (%)"),
    "col_source": ("Kilde", "Source"),
    "ov_staff_label": ("Radiografer: ansettelser {first}–{last}", "Radiographers: hires {first}–{last}"),
    "ov_staff_region": ("Radiografer i regionen: avgang og ansettelser per år",
                        "Radiographers in the region: leavers and hires per year"),
    "ov_staff_sentence": (
        "Regionen må ansette om lag {hires} radiografårsverk fram til {year}, {per_year} i året, med "
        "{rate} % turnover som stiger {rise} prosentpoeng per år.",
        "The region must hire about {hires} radiographer FTEs by {year}, {per_year} a year, at "
        "{rate} % turnover rising by {rise} percentage points a year."),
    "ov_staff_sentence_steady": (
        "Regionen må ansette om lag {hires} radiografårsverk fram til {year}, {per_year} i året, med "
        "dagens {rate} % turnover.",
        "The region must hire about {hires} radiographer FTEs by {year}, {per_year} a year, at "
        "today's {rate} % turnover."),
    "ov_staff_flags": ("Økende turnover nå", "Turnover rising now"),
    "ov_staff_none": ("ingen flagget", "none flagged"),
    "ov_staff_flag_count": ("{n} av {of} flagget", "{n} of {of} flagged"),
    "ov_staff_flags_sentence": ("Helseforetak og yrkesgrupper der siste års turnover er signifikant "
                                "over egen historikk eller stiger raskere enn terskelen: {names}.",
                                "Trusts and roles whose latest turnover is significantly above their "
                                "own history or rises faster than the threshold: {names}."),
    "ov_staff_no_hr": ("Ingen HR-fil (staff_turnover.csv): turnover-historikken mangler.",
                       "No HR file (staff_turnover.csv): the turnover history is missing."),
    "ov_staff_hr_error": ("HR-fila kan ikke leses; se siden Bemanning og turnover.",
                          "The HR file cannot be read; see the Staffing and turnover page."),
}

EQUIPMENT: dict[str, tuple[str, str]] = {
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
        "units count only in the demand check."),
    "register_upload": ("Bruk ditt eget utstyrsregister", "Use your own equipment register"),
    "register_upload_help": (
        "En CSV-fil med samme kolonner som data/equipment_register.csv: unit_id, owner, sector, "
        "modality, install_year, upgrade_year (kan stå tom), price_nok (kan stå tom) og source. "
        "Filen sjekkes før den brukes og lagres ikke på serveren.",
        "A CSV file with the columns of data/equipment_register.csv: unit_id, owner, sector, "
        "modality, install_year, upgrade_year (may be blank), price_nok (may be blank) and "
        "source. The file is checked before use and not saved on the server."),
    "register_file": ("Registerfil (CSV)", "Register file (CSV)"),
    "register_used": ("Bruker ditt register {file}: {units} enheter (ikke lagret).",
                      "Using your register {file}: {units} units (not saved)."),
    "register_rejected": ("Registeret ditt kan ikke brukes; det innebygde registeret vises. Feil:",
                          "Your register cannot be used; the shipped register is shown. Problems:"),
    "register_counts_differ": (
        "Registeret ditt avviker fra Tabell 5 (data/equipment_units.csv) og brukes likevel:",
        "Your register differs from Tabell 5 (data/equipment_units.csv) and is used anyway:"),
    "register_shipped": ("Register: data/equipment_register.csv ({units} enheter).",
                         "Register: data/equipment_register.csv ({units} units)."),
    "metric_value": ("Gjenkjøpsverdi, offentlige enheter", "Replacement value, public units"),
    "metric_value_help": (
        "Sum av prisene for de offentlige enhetene. Fagplanen: «nyanskaffelsesverdi/"
        "gjenkjøpsverdi nær 3 milliarder kroner i sykehusene i helseregionen».",
        "Sum of the prices of the public units. The plan: 'nyanskaffelsesverdi/gjenkjøpsverdi "
        "nær 3 milliarder kroner i sykehusene i helseregionen' (close to 3 billion NOK)."),
    "metric_overdue": ("Forfalt ved start ({year})", "Overdue at the start ({year})"),
    "metric_overdue_help": ("Enheter som har passert levetiden før første planår, og prisen for å "
                            "skifte dem.",
                            "Units past their lifetime before the first plan year, and the cost "
                            "of replacing them."),
    "metric_backlog": ("Etterslep {year}", "Backlog {year}"),
    "metric_backlog_help": ("Enheter som har forfalt, men ikke er skiftet ut innen budsjettet, "
                            "ved slutten av året.",
                            "Units due but not replaced within the budget, at the end of the year."),
    "metric_rules": ("Gylne regler oppfylt fra", "Golden rules met from"),
    "metric_rules_help": ("Første år fra da alle tre reglene holder for regionen ut horisonten.",
                          "The first year from which all three rules hold for the region to the "
                          "horizon."),
    "rules_no": ("–", "–"),
    "rules_from_year": ("gylne regler oppfylt fra {year}", "golden rules met from {year}"),
    "rules_not_by": ("gylne regler ikke oppfylt innen {year}", "golden rules not met by {year}"),
    "ov_eq_value": ("Prisene i forutsetningene for de {units} offentlige enhetene; fagplanen sier "
                    "«nær 3 milliarder kroner».",
                    "The assumptions' prices for the {units} public units; the plan says close to "
                    "3 billion NOK."),
    "ov_eq_overdue": ("Enheter over levetiden før {year}, og hva det koster å skifte dem.",
                      "Units past their lifetime before {year}, and what replacing them costs."),
    "ov_eq_backlog": ("Med {budget} MNOK i året til utskifting er dette igjen ved horisonten; {rules}.",
                      "With {budget} MNOK a year for replacement this is left at the horizon; {rules}."),
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
    "band_stored": ("Søylene: hver enhet forfaller ved levetiden. Median og 80 % intervall: "
                    "utskiftingsalder trukket fra en Weibull-fordeling rundt levetiden, lest fra "
                    "prognosen ({draws} trekk).",
                    "Bars: each unit falls due at its lifetime. Median and 80 % interval: replacement "
                    "age drawn from a Weibull distribution around the lifetime, read from the forecast "
                    "({draws} draws)."),
    "band_recomputed": ("Søylene: hver enhet forfaller ved levetiden. Median og 80 % intervall: "
                        "utskiftingsalder trukket fra en Weibull-fordeling rundt levetiden, regnet "
                        "her med {draws} trekk (forutsetningene eller registeret avviker fra "
                        "prognosen, som har {stored} trekk).",
                        "Bars: each unit falls due at its lifetime. Median and 80 % interval: "
                        "replacement age drawn from a Weibull distribution around the lifetime, "
                        "computed here with {draws} draws (the assumptions or the register differ "
                        "from the forecast's, which has {stored} draws)."),
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
    "trust_note": ("Ubegrenset budsjett: hver enhet skiftes når den forfaller; en enhet som "
                   "skiftes to ganger før horisonten telles to ganger.",
                   "Unlimited budget: each unit is replaced when due; a unit replaced twice "
                   "before the horizon counts twice."),
    "col_owner": ("Eier", "Owner"),
    "col_modality": ("Modalitet", "Modality"),
    "col_units": ("Enheter", "Units"),
    "col_overdue_at_start": ("Forfalt ved start", "Overdue at the start"),
    "col_due_by": ("Forfaller t.o.m. {year}", "Due by {year}"),
    "col_cost_to_horizon": ("Kostnad t.o.m. {year} (MNOK)", "Cost by {year} (MNOK)"),
    "download_schedule": ("Last ned utskiftingsplanen (CSV)", "Download the replacement schedule (CSV)"),
    "demand_title": ("Behovssjekk: enheter som trengs mot enheter i dag",
                     "Demand check: units needed against units on hand"),
    "demand_intro": (
        "Undersøkelser i 2024 (Tabell 1) vokst med modalitetens vekst, delt på undersøkelser per "
        "enhet; mot dagens enheter, offentlige og private (Tabell 5 / registeret).",
        "Exams in 2024 (Tabell 1) grown at the modality's growth rate, divided by exams per unit; "
        "against today's units, public and private (Tabell 5 / the register)."),
    "needed": ("Enheter som trengs", "Units needed"),
    "on_hand": ("Enheter i dag", "Units on hand"),
    "col_needed": ("Trengs {year}", "Needed {year}"),
    "col_on_hand": ("I dag", "On hand"),
    "col_short": ("Mangler {year}", "Short {year}"),
    "equipment_forecast_missing": (
        "Prognosen for utstyr mangler ennå. Lag den med `{cmd}` (eller start appen med "
        "`make app`). Alt under regnes likevel her; intervallet med færre trekk.",
        "The equipment forecast has not been made yet. Make it with `{cmd}` (or start the app "
        "with `make app`). Everything below is still computed here; the interval with fewer draws."),
}

# Forecast quality (backtest), the notes beside forecast charts, and run history.
QUALITY: dict[str, tuple[str, str]] = {
    "page_quality": ("Modellkvalitet", "Model quality"),
    "quality_title": ("Modellkvalitet: hvor godt traff prognosene?",
                      "Model quality: how well did the forecasts do?"),
    "quality_intro": (
        "Backtest med rullerende startår: hver metode ser bare årene fram til et startår (minst "
        "seks år, så ett år til for hver runde) og spår ett til tre år fram; så sammenlignes "
        "spådommen med det som skjedde. Metoder: Prophet med prosjektets innstillinger, naiv "
        "(siste verdi videre), drift (linjen fra første til siste punkt) og Theta (statsmodels). "
        "**MASE** er feilen delt på den gjennomsnittlige årlige endringen i årene metoden så; "
        "under 1 er bedre enn den vanlige endringen fra ett år til neste. Ingen prognose er "
        "målt lenger enn tre år fram.",
        "Backtest with rolling origins: each method sees only the years up to an origin (at least "
        "six years, then one more each round) and forecasts one to three years ahead; the forecast "
        "is then compared with what happened. Methods: Prophet with the project's settings, naive "
        "(last value carried forward), drift (the line from the first to the last point) and Theta "
        "(statsmodels). **MASE** is the error divided by the mean yearly change in the years the "
        "method saw; below 1 beats the usual change from one year to the next. No forecast was "
        "measured further than three years ahead."),
    "backtest_missing": ("Backtesten er ikke laget ennå. Lag den med `{cmd}` (eller `make app`).",
                         "The backtest has not been made yet. Make it with `{cmd}` (or `make app`)."),
    "method_naive": ("naiv", "naive"),
    "method_drift": ("drift", "drift"),
    "method_theta": ("Theta", "Theta"),
    "method_prophet": ("Prophet", "Prophet"),
    "method_median": ("median av naiv, Theta og Prophet", "median of naive, Theta and Prophet"),
    "method_mean": ("gjennomsnitt av naiv, Theta og Prophet", "mean of naive, Theta and Prophet"),
    "method_default": ("standardlinjen", "the default line"),
    "default_title": ("Linjen som tegnes", "The line drawn"),
    "default_family": (
        "**{family}**: sidene tegner {method} som standard (valget på alle kontroller). Fremgangsmåten "
        "som valgte den, målt utenfor utvalget (valgt på tidligere startår, målt på senere): samlet "
        "MASE {mase} mot naivs {naive_mase} ({change} enn naiv, {checks} kontroller); 80 %-båndet "
        "holdt {share} av utfallene ({hits}/{checks}).",
        "**{family}**: the pages draw {method} by default (the choice on every check). The procedure "
        "that chose it, scored out of sample (chosen on earlier origins, scored on later ones): pooled "
        "MASE {mase} against naive's {naive_mase} ({change} than naive, {checks} checks); its 80 % band "
        "held {share} of outcomes ({hits}/{checks})."),
    "default_better": ("{pct} % lavere", "{pct} % lower"),
    "default_worse": ("{pct} % høyere", "{pct} % higher"),
    "default_differs": (
        "Backtesten velger nå {chosen} for {family}, men appen tegner {method} "
        "(`forecasting.DEFAULT_LINES`). Vurder å oppdatere definisjonen og kjøre notatbøkene på nytt.",
        "The backtest now chooses {chosen} for {family}, but the app draws {method} "
        "(`forecasting.DEFAULT_LINES`). Consider updating the definition and rerunning the notebooks."),
    "default_not_run": ("Backtesten er laget før standardlinjen fantes; kjør `{cmd}` på nytt.",
                        "The backtest was made before the default line existed; rerun `{cmd}`."),
    "band_meaning": ("Båndet: 80 % av backtestens utfall lå innenfor et bånd så bredt, "
                     "1–3 år fram; lenger fram er det utvidet som √år (ikke målt).",
                     "The band: 80 % of the backtest's outcomes fell inside a band this wide, "
                     "1-3 years ahead; further ahead it is widened as √years (not measured)."),
    "inflow_band_meaning": (
        "Trenden er standardlinjen backtesten målte ved avgangsrate {rate} %; ved en annen rate legges "
        "forskjellen i avganger til på spesialistenes egen linje (ikke målt). Båndet: 80 % av "
        "backtestens utfall lå innenfor et så bredt bånd 1–3 år fram.",
        "The trend is the default line the backtest scored at an exit rate of {rate} %; at another rate "
        "the difference in exits is added on the specialists' own line (not scored). The band: 80 % of "
        "the backtest's outcomes fell inside a band this wide 1-3 years ahead."),
    "staff_method_default": ("standardlinjen", "the default line"),
    "staff_methods_default": (
        "Trendmetode: standardlinjen backtesten valgte for personell ({method}) der serien har minst "
        "{n} år; ellers drift (rett linje fra første til siste punkt) eller siste verdi, uten "
        "intervall. Kolonnen «Metode» i tabellen viser hvilken.",
        "Trend method: the default line the backtest chose for staff ({method}) where the series has "
        "at least {n} years; otherwise drift (the straight line from the first to the last point) or "
        "the last value, with no interval. The table's Method column says which."),
    "family_physicians": ("Leger", "Physicians"),
    "family_staff": ("Personell", "Staff"),
    "family_inflow": ("Tilgang av spesialister", "Specialist inflow"),
    "total": ("totalt", "total"),
    "pooled_title": ("Samlet per metode og horisont", "Pooled by method and horizon"),
    "pooled_help": ("Samlet MASE er snittet av alle skalerte feil; medianen viser hva en typisk "
                    "kontroll fikk. Dekning: andelen utfall innenfor metodens 80 %-intervall "
                    "(treff/kontroller).",
                    "Pooled MASE is the mean of all scaled errors; the median shows what a typical "
                    "check scored. Coverage: the share of outcomes inside the method's 80 % "
                    "interval (hits/checks)."),
    "reading_title": ("Hva tallene sier", "What the numbers say"),
    "reading_best": ("Over {series} serier og {checks} kontroller per metode hadde **{best}** lavest "
                     "samlet MASE ({best_mase}); Prophet fikk {prophet_mase}.",
                     "Over {series} series and {checks} checks per method, **{best}** had the lowest "
                     "pooled MASE ({best_mase}); Prophet scored {prophet_mase}."),
    "reading_horizons": ("Ett år fram var {h1_best} best ({h1_mase}); {last} år fram {hl_best} ({hl_mase}).",
                         "One year ahead {h1_best} did best ({h1_mase}); {last} years ahead {hl_best} "
                         "({hl_mase})."),
    "reading_wins": ("Serier vunnet (lavest MASE på serien): {wins}.",
                     "Series won (lowest MASE on the series): {wins}."),
    "reading_prophet_behind": ("Prophet slo ikke den naive metoden i snitt: les trendlinjene som "
                               "retning, ikke som presise tall, og se notisen ved hver graf.",
                               "Prophet did not beat the naive method on average: read the trend "
                               "lines as a direction, not as precise numbers, and see the note "
                               "beside each chart."),
    "reading_prophet_ahead": ("Prophet slo den naive metoden i snitt.",
                              "Prophet beat the naive method on average."),
    "reading_coverage": ("Prophets 80 %-intervall fanget {hits} av {checks} utfall ({share}); et "
                         "intervall som holder det det lover, fanger om lag 80 %. {verdict}",
                         "Prophet's 80 % interval caught {hits} of {checks} outcomes ({share}); an "
                         "interval that keeps its promise catches about 80 %. {verdict}"),
    "verdict_narrow": ("Intervallet er for smalt: usikkerheten er større enn båndet viser.",
                       "The interval is too narrow: the uncertainty is larger than the band shows."),
    "verdict_fair": ("Intervallet holder omtrent det det lover.", "The interval roughly keeps its promise."),
    "verdict_wide": ("Intervallet er bredere enn nødvendig.", "The interval is wider than it needs to be."),
    "reading_noisy": ("Per serie bygger dekningen på {fewest}–{most} kontroller: les den som et hint, "
                      "ikke som et mål.",
                      "Per series, coverage rests on {fewest}–{most} checks: read it as a hint, not "
                      "a measurement."),
    "reading_median": ("Halvparten av Prophets kontroller hadde skalert feil under {median}; snittet "
                       "trekkes opp av serier som nesten ikke endret seg i treningsårene.",
                       "Half of Prophet's checks had a scaled error below {median}; the mean is "
                       "pulled up by series that barely changed in their training years."),
    "accuracy_title": ("Treffsikkerhet per serie", "Accuracy per series"),
    "accuracy_help": ("MASE over alle startår og horisonter; lavest er best, vinneren er merket. "
                      "Klikk en kolonne for å sortere. «Prophet i båndet»: treff/kontroller for "
                      "80 %-intervallet; få kontroller gjør tallet usikkert.",
                      "MASE over all origins and horizons; lowest is best, the winner is marked. "
                      "Click a column to sort. Prophet in band: hits/checks of its 80 % interval; "
                      "few checks make it noisy."),
    "family": ("Gruppe", "Group"),
    "col_series": ("Serie", "Series"),
    "col_points": ("År med data", "Years of data"),
    "col_mase": ("MASE {method}", "MASE {method}"),
    "col_winner": ("Vinner", "Winner"),
    "col_prophet_coverage": ("Prophet i båndet", "Prophet in band"),
    "col_horizon": ("Horisont (år)", "Horizon (years)"),
    "col_mase_h": ("MASE {h} år", "MASE {h} yr"),
    "col_mase_all": ("MASE samlet", "MASE pooled"),
    "col_median": ("Median skalert feil", "Median scaled error"),
    "col_coverage": ("Dekning 80 %", "Coverage 80 %"),
    "col_hits": ("Treff/kontroller", "Hits/checks"),
    "col_won": ("Serier vunnet", "Series won"),
    "col_mape": ("MAPE (%)", "MAPE (%)"),
    "col_checks": ("Kontroller", "Checks"),
    "not_backtestable": ("for kort til backtest", "too short to backtest"),
    "detail_title": ("Detaljer per serie, metode og horisont", "Detail per series, method and horizon"),
    "detail_help": ("MAPE regnes bare der det faktiske tallet er minst {min} årsverk fra null.",
                    "MAPE is computed only where the actual is at least {min} FTEs from zero."),
    "chart_title": ("Backtest mot det som skjedde", "Backtest against what happened"),
    "choose_series": ("Serie", "Series"),
    "choose_methods": ("Metoder", "Methods"),
    "chart_help": ("Svart: faktiske tall. Hver farget linje starter i et startår og viser metodens "
                   "prognose ett til tre år fram, med 80 %-intervall som bånd.",
                   "Black: what happened. Each coloured line starts at an origin and shows the "
                   "method's forecast one to three years ahead, with its 80 % interval as a band."),
    "actual": ("Faktisk", "Actual"),
    "col_origin": ("Startår", "Origin"),
    "value_axis": ("Verdi (årsverk)", "Value (FTEs)"),
    "grid_title": ("Valg av Prophet-innstillinger", "Choosing Prophet's settings"),
    "grid_help": ("Prophet med andre innstillinger over de samme seriene og startårene. Prosjektet "
                  "bruker innstillingene med lavest samlet MASE; de står i `forecasting.TrendSettings`.",
                  "Prophet with other settings over the same series and origins. The project uses "
                  "the settings with the lowest pooled MASE; they live in `forecasting.TrendSettings`."),
    "grid_best_is_current": ("Innstillingene i bruk ({label}) har lavest samlet MASE ({mase}).",
                             "The settings in use ({label}) have the lowest pooled MASE ({mase})."),
    "grid_best_differs": ("Lavest samlet MASE har nå {best} ({best_mase}); i bruk er {label} ({mase}). "
                          "Vurder å endre `forecasting.TrendSettings`.",
                          "The lowest pooled MASE now has {best} ({best_mase}); in use is {label} "
                          "({mase}). Consider changing `forecasting.TrendSettings`."),
    "grid_not_run": ("Innstillingsrutenettet ble ikke kjørt (parameter `prophet_grid`).",
                     "The settings grid was not run (parameter `prophet_grid`)."),
    "col_settings": ("Innstillinger", "Settings"),
    "settings_linear": ("lineær, {n} knekkpunkter, prior {prior}", "linear, {n} changepoints, prior {prior}"),
    "settings_flat": ("flat (konstant nivå)", "flat (constant level)"),
    "col_in_use": ("I bruk", "In use"),
    "history_title": ("Kjørehistorikk: hva endret seg?", "Run history: what changed?"),
    "history_none": ("Ingen tidligere kjøringer er lagret ennå. Hver full kjøring av `{cmd}` lagres "
                     "(de siste {keep}).",
                     "No earlier run is kept yet. Every full run of `{cmd}` is kept (the last {keep})."),
    "choose_run": ("Sammenlign nå med kjøringen", "Compare now with the run"),
    "history_help": ("Nøkkeltallene nå mot den valgte kjøringen, og om inndata, parametere eller "
                     "kode var endret.",
                     "The headline figures now against the chosen run, and whether the input data, "
                     "parameters or code changed."),
    "col_figure": ("Nøkkeltall", "Headline figure"),
    "col_earlier": ("Før", "Before"),
    "col_now": ("Nå", "Now"),
    "col_run_change": ("Endring", "Change"),
    "col_forecast": ("Prognose", "Forecast"),
    "col_made_earlier": ("Laget før (UTC)", "Made before (UTC)"),
    "col_made_now": ("Laget nå (UTC)", "Made now (UTC)"),
    "col_data_changed": ("Endrede inndata", "Input data changed"),
    "col_parameters_changed": ("Endrede parametere", "Parameters changed"),
    "col_code_changed": ("Kode endret", "Code changed"),
    "headline_gap": ("Gap {year}, {specialty} (årsverk)", "Gap {year}, {specialty} (FTEs)"),
    "headline_mase": ("Samlet MASE, {method}", "Pooled MASE, {method}"),
    "headline_prophet_wins": ("Serier Prophet vinner", "Series Prophet wins"),
    "headline_prophet_coverage": ("Prophets 80 %-intervall traff (%)", "Prophet's 80 % interval hit (%)"),
    "headline_default_trend": ("Standardlinjen {year}, {specialty} (årsverk)",
                               "Default line {year}, {specialty} (FTEs)"),
    "headline_default_coverage": ("Standardlinjens 80 %-bånd traff (%)", "Default line's 80 % band hit (%)"),
    "headline_default_family_mase": ("Samlet MASE, standardlinjen, {family}",
                                     "Pooled MASE, default line, {family}"),
    "headline_default_family_coverage": ("Standardlinjens 80 %-bånd traff, {family} (%)",
                                         "Default line's 80 % band hit, {family} (%)"),
    "note_beaten": ("I backtesten slo {winner} Prophet på {series} (MASE {winner_mase} mot {prophet_mase}, "
                    "{checks} kontroller).",
                    "In the backtest {winner} beat Prophet on {series} (MASE {winner_mase} vs "
                    "{prophet_mase}, {checks} checks)."),
    "note_prophet_best": ("I backtesten hadde Prophet lavest feil på {series} (MASE {prophet_mase}; "
                          "nest best {runner} {runner_mase}, {checks} kontroller).",
                          "In the backtest Prophet had the lowest error on {series} (MASE "
                          "{prophet_mase}; next best {runner} {runner_mase}, {checks} checks)."),
    "note_default": ("I backtesten fikk standardlinjen MASE {mase} på {series} (naiv {naive_mase}; beste "
                     "enkeltmetode {best} {best_mase}); 80 %-båndet holdt {hits} av {checks} utfall.",
                     "In the backtest the default line scored MASE {mase} on {series} (naive {naive_mase}; "
                     "best single method {best} {best_mase}); its 80 % band held {hits} of {checks} outcomes."),
    "note_unmeasured": ("{series}: ikke målt i backtesten (for kort serie eller MASE udefinert).",
                        "{series}: not measured in the backtest (series too short or MASE undefined)."),
    "note_missing": ("Treffsikkerheten er ikke målt ennå: `{cmd}`.", "Accuracy not measured yet: `{cmd}`."),
    "method_switch": ("Trendlinje", "Trend line"),
    "method_switch_help": ("Tegn en annen metodes linje i stedet for standardlinjen. MASE i "
                           "backtesten (lavest er best, ★ vinner): {scores}.",
                           "Draw another method's line instead of the default line. MASE in the "
                           "backtest (lowest is best, ★ winner): {scores}."),
    "trend_method": ("Trend ({method}, 80 % intervall)", "Trend ({method}, 80 % interval)"),
}

# The physician model: recruitment, need from population and use, and the planning backcast.
PHYSICIAN_MODEL: dict[str, tuple[str, str]] = {
    "population_scenario": ("Befolkningsframskriving (SSB)", "Population projection (Statistics Norway)"),
    "population_scenario_help": (
        "SSBs framskriving 2026 (tabell 14746): hovedalternativet MMMM, lav (LLML) eller høy (HHMH) "
        "nasjonal vekst. Regionens befolkning per aldersgruppe føres fram med landets vekst i hver gruppe.",
        "Statistics Norway's 2026 projection (table 14746): the main alternative MMMM, low (LLML) or high "
        "(HHMH) national growth. The region's population per age band is carried forward with the "
        "nation's growth in each band."),
    "col_recruited": ("Rekruttert utenfra (årsverk)", "Recruited from outside (FTEs)"),
    "col_exits_people": ("Avgang (personer)", "Exits (people)"),
    "col_recruited_people": ("Rekruttert utenfra (personer)", "Recruited from outside (people)"),
    "col_leavers_people": ("Avgang (personer)", "Leavers (people)"),
    "col_hires_people": ("Ansettelser (personer)", "Hires needed (people)"),
    "demand_demography": ("Demografi", "Demography"),
    "demand_use": ("Bruk per innbygger", "Use per person"),
    "demand_ai": ("KI (produktivitet)", "AI (productivity)"),
    "demand_index": ("Behovsindeks (produktet)", "Demand index (the product)"),
    "demand_factor_axis": ("Faktor (basisår = 1)", "Factor (base year = 1)"),
    "need_parts_title": ("Hva behovet vokser med", "What the need grows with"),
    "demand_text": (
        "Behov = årsverk i {base} × behovsindeksen, som er produktet av tre deler. **Demografi** "
        "({scenario}): regionens befolkning etter alder (SSB 07459, åtte fylker), ført fram med "
        "framskrivingens vekst per aldersgruppe og vektet med bruk per innbygger: 80 år og eldre "
        "{old} undersøkelser per person i året, yngre {young} (Hofmann mfl. 2024 gir bare alle aldre "
        "0,8 og over 80 år 2,2; de yngres rate er regnet ut så snittet blir 0,8; forutsetning). "
        "Den gir {demography} i {horizon}. **Bruk per innbygger utover demografi**: {use} %/år "
        "(standard {use_default}: planens +24 % poliklinisk aktivitet 2015–2024 minus demografiens "
        "×{demo_past} de samme årene). **KI**: {ai} % gevinst nådd i {ai_year}, lineært fra {base}. "
        "Indeksen i {horizon}: {index}.",
        "Need = FTEs in {base} × the demand index, the product of three parts. **Demography** "
        "({scenario}): the region's population by age (Statistics Norway 07459, eight counties), carried "
        "forward with the projection's growth per age band and weighted by use per person: 80 and over "
        "{old} exams a person a year, younger {young} (Hofmann et al. 2024 give only all ages 0.8 and "
        "over 80 2.2; the younger rate is solved so the average is 0.8; an assumption). It gives "
        "{demography} in {horizon}. **Use per person beyond demography**: {use} %/year (default "
        "{use_default}: the plan's +24 % outpatient activity 2015-2024 less demography's ×{demo_past} "
        "over the same years). **AI**: a {ai} % gain reached in {ai_year}, linear from {base}. The "
        "index in {horizon}: {index}."),
    "recruitment_title": ("Rekruttering utenfra: hvordan standardverdien er avledet",
                          "Recruitment from outside: how the default is derived"),
    "recruitment_text": (
        "Tilgang av spesialister per år (Tabell 6: vekst i spesialistårsverk + avgang {exit} %) minus "
        "egne ferdige LiS (LiS {years} år før / {years}). Resten kom fra andre regioner eller "
        "utlandet, eller færre sluttet enn avgangsraten sier. Snitt {first}–{last}: {summary}. "
        "Standardverdien er dette snittet (avrundet); med 0 blir spesialistene bare egne ferdige LiS.",
        "Specialist inflow a year (Tabell 6: growth of specialist FTEs + exits at {exit} %) minus the "
        "region's own finishing residents (residents {years} years earlier / {years}). The rest came from "
        "other regions or abroad, or fewer left than the exit rate says. Mean {first}-{last}: {summary}. "
        "The default is this mean (rounded); at 0 the specialists grow only from the region's own residents."),
    "rec_col_inflow": ("Tilgang (årsverk)", "Inflow (FTEs)"),
    "rec_col_own_finishers": ("Egne ferdige LiS (årsverk)", "Own finishing residents (FTEs)"),
    "rec_col_recruited": ("Rekruttert utenfra (årsverk)", "Recruited from outside (FTEs)"),
    "backcast_title": ("Planmodellene mot historien", "The planning models against history"),
    "backcast_intro": (
        "Fra hvert startår ({origins}) er legetilbudet (avgang, ferdige LiS og, i én variant, "
        "rekruttering utenfra kalibrert på årene fram til startåret) og bemanningsplanen regnet på nytt "
        "med bare dataene fram til startåret, og sammenlignet med det som skjedde. Ikke tilpasset: "
        "standardverdiene er de samme som ellers.",
        "From each origin year ({origins}) the physician supply (exits, finishing residents and, in one "
        "variant, recruitment from outside calibrated on the years up to the origin) and the staffing plan "
        "were rerun with only the data up to the origin, and compared with what happened. Not tuned: the "
        "defaults are the same as elsewhere."),
    "backcast_missing": ("Planmodellene er ikke testet mot historien ennå: `{cmd}`.",
                         "The planning models have not been tested against history yet: `{cmd}`."),
    "backcast_actual": ("Faktisk (Tabell 6)", "Actual (Tabell 6)"),
    "backcast_from": ("Fra {origin}", "From {origin}"),
    "backcast_with_recruitment": ("med rekruttering", "with recruitment"),
    "backcast_without_recruitment": ("uten rekruttering", "without recruitment"),
    "backcast_trend": ("trend", "trend"),
    "backcast_target_growth": ("flat", "flat"),
    "backcast_summary": (
        "Avvik i {year} (modell − faktisk) per startår og variant, i prosent av faktisk:",
        "Error in {year} (modelled − actual) per origin and variant, as % of actual:"),
    "backcast_col_origin": ("Startår", "Origin"),
    "backcast_col_series": ("Serie", "Series"),
    "backcast_col_variant": ("Variant", "Variant"),
    "backcast_col_modelled": ("Modell (årsverk)", "Modelled (FTEs)"),
    "backcast_col_actual": ("Faktisk (årsverk)", "Actual (FTEs)"),
    "backcast_col_error_pct": ("Avvik (%)", "Error (%)"),
}

TEXT: dict[str, tuple[str, str]] = {}
for _section in (COMMON, PHYSICIANS, OVERVIEW, INFLOW, STAFFING, EQUIPMENT, QUALITY):
    _clash = set(TEXT) & set(_section)
    assert not _clash, f"translation keys defined twice: {_clash}"
    TEXT.update(_section)

# A forecast built in the background (the backtest after `make app`): app/build_progress.py.
BUILD: dict[str, tuple[str, str]] = {
    "build_running": ("{what}: beregnes, om lag {left} igjen{fits}.",
                      "{what}: being computed, about {left} left{fits}."),
    "build_fits": (" ({done} av {total} modelltilpasninger ferdige)", " ({done} of {total} model fits done)"),
    "build_running_started": ("{what}: beregnes (startet for {elapsed} s siden).",
                              "{what}: being computed (started {elapsed} s ago)."),
    "build_meanwhile": ("Siden fyller seg selv ut når beregningen er ferdig; de andre sidene kan brukes imens.",
                        "This page fills in by itself when it is done; the other pages work meanwhile."),
    "build_previous": ("Til da vises forrige beregning.", "Until then the previous result is shown."),
    "build_failed": ("{what}: siste beregning feilet ({message}). Kjør `{cmd}` for å se hele feilen.",
                     "{what}: the last build failed ({message}). Run `{cmd}` to see the whole error."),
    "build_stopped": ("{what}: siste beregning ble avbrutt før den var ferdig. Kjør `{cmd}` for å lage den.",
                      "{what}: the last build was stopped before it finished. Run `{cmd}` to make it."),
}
assert not set(TEXT) & set(BUILD), f"translation keys defined twice: {set(TEXT) & set(BUILD)}"
TEXT.update(BUILD)


# The app's frame (light pages carrying the whole scenario) and the overview's decisions and fans.
APP_LAYER: dict[str, tuple[str, str]] = {
    "carried_elsewhere": ("Lenken bærer også {n} endret(e) forutsetning(er) fra andre sider; de vises "
                          "som glidebrytere der.",
                          "The link also carries {n} changed assumption(s) from other pages; they show "
                          "as sliders there."),
    "show_table": ("Vis tabellen her", "Show the table here"),
    "show_sources": ("Vis forutsetningene og kildene", "Show the assumptions and their sources"),
    "ov_show_detail": ("Vis detaljene: tall per år og forutsetningene bak",
                       "Show the detail: yearly figures and the assumptions behind them"),
    "ov_decisions": ("Hva må besluttes når", "What must be decided by when"),
    "ov_decisions_help": ("Ledetider: LiS-utdanningen (glidebryteren for utdanningstid), bachelor i "
                          "radiografi (tre år), utstyr fra bestilling til bruk (ett til to år, "
                          "antakelse).",
                          "Lead times: resident training (the training-years slider), the bachelor in "
                          "radiography (three years), equipment from order to use (one to two years, "
                          "assumption)."),
    "dec_residents": ("{specialty}: for å ha spesialistene behovet krever i {horizon} må {needed} "
                      "LiS-årsverk være i stilling innen {deadline} ({horizon} minus {years} års "
                      "utdanning): {more} {than} enn stillingene som er planlagt.",
                      "{specialty}: to have the specialists the need calls for in {horizon}, {needed} "
                      "resident FTEs must be in post by {deadline} ({horizon} minus {years} years of "
                      "training): {more} {than} than the posts planned."),
    "dec_more": ("flere", "more"),
    "dec_fewer": ("færre", "fewer"),
    "dec_residents_late": ("{specialty}: fristen for LiS-stillinger til {horizon} var {deadline} "
                           "({years} års utdanning) og er passert; behovet i {horizon} må dekkes med "
                           "rekruttering eller et senere målår.",
                           "{specialty}: the deadline for resident posts for {horizon} was {deadline} "
                           "({years} years of training) and has passed; the need in {horizon} must be "
                           "met by recruitment or a later goal year."),
    "dec_radiographers": ("Radiografer: om lag {n} årsverk må rekrutteres hvert år fra {start} til "
                          "{horizon}; utdanningsplassene som skal gi dem må starte fra {first} "
                          "({years} år før).",
                          "Radiographers: about {n} FTEs must be hired each year from {start} to "
                          "{horizon}; the education places to supply them must start from {first} "
                          "({years} years ahead)."),
    "dec_equipment": ("Utstyr: {units} enheter ({mnok} MNOK) forfaller i {first}–{last}; med ett til "
                      "to år fra bestilling til bruk må de bestilles i {order}.",
                      "Equipment: {units} units ({mnok} MNOK) fall due in {first}–{last}; with one to "
                      "two years from order to use they must be ordered in {order}."),
    "fan_yours": ("Ditt scenario", "Your scenario"),
    "fan_help": ("Hver vifte viser basis, lavt og høyt press (skyggelagt mellom dem) og scenarioet i "
                 "lenken (tykk linje), så styret ser spennet og ikke bare én linje.",
                 "Each fan shows the baseline, low and high pressure (shaded between them) and the "
                 "scenario in the link (thick line), so the board sees the range, not one line."),
    "fan_phys_gap": ("Gap (behov minus tilbud) per år", "Gap (need minus supply) per year"),
    "fan_inflow_shortfall": ("Mangel på nye spesialister per år", "Shortfall of new specialists per year"),
    "fan_staff_hires": ("Radiografer som må rekrutteres per år", "Radiographers to hire per year"),
    "fan_eq_backlog": ("Etterslep av utstyr som ikke er byttet", "Backlog of equipment not replaced"),
    "mnok_unit": ("MNOK", "MNOK"),
}
_clash = set(TEXT) & set(APP_LAYER)
assert not _clash, f"translation keys defined twice: {_clash}"
TEXT.update(APP_LAYER)
_clash = set(TEXT) & set(PHYSICIAN_MODEL)
assert not _clash, f"translation keys defined twice: {_clash}"
TEXT.update(PHYSICIAN_MODEL)


def t(key: str, lang: str, **values) -> str:
    """Return the text `key` in `lang` ('nb' or 'en'), with `values` filled in."""
    nb, en = TEXT[key]
    return (en if lang == "en" else nb).format(**values)


def specialty_name(code: str, lang: str) -> str:
    nb, en = codes.SPECIALTIES[code]
    return en if lang == "en" else nb


def role_name(code: str, lang: str) -> str:
    nb, en = codes.STAFF_ROLES[code]
    return en if lang == "en" else nb


def modality_name(code: str, lang: str) -> str:
    """Return an equipment modality's name in `lang` ('MR' -> 'MRI' in English), from `codes`."""
    nb, en = codes.MODALITY_NAMES[code]
    return en if lang == "en" else nb


def fmt_number(value: float, lang: str, decimals: int = 0, signed: bool = False) -> str:
    """Return a number formatted the Norwegian way (1 234,5; minus sign) or the English way (1,234.5)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if round(value, decimals) == 0:
        value = 0.0  # no "−0" for a small negative rounded away
    text = f"{value:{'+' if signed else ''},.{decimals}f}"
    if lang == "nb":
        text = text.replace(",", "\u00a0").replace(".", ",").replace("-", "\u2212")
    return text


# --- Illustrative labels in bokmål, and the Data page ------------------------------------------
DATA: dict[str, tuple[str, str]] = {
    "illustrative_mark": ("ILLUSTRERENDE DATA", "ILLUSTRATIVE DATA"),
    "illustrative_notice": ("Illustrerende data: genererte eksempelrader, ikke faktiske tall.",
                            "Illustrative data: generated example rows, not real figures."),
    "illustrative_column": ("ILLUSTRERENDE DATA: genererte rader, ikke faktiske tall",
                            "ILLUSTRATIVE DATA: generated rows, not real figures"),
    "illustrative_in_section": ("{title}: bygger på illustrerende (genererte) data, ikke faktiske tall.",
                           "{title}: built on illustrative (generated) data, not real figures."),
    "cover_title": ("Planlegging av bildediagnostikk – Helse Sør-Øst", "Diagnostic imaging planning – Helse Sør-Øst"),
    "cover_made": ("Laget", "Made"),
    "cover_data_version": ("Dataversjon", "Data version"),
    "cover_data": ("Data", "Data"),
    "hr_example_caption": ("EKSEMPEL på filformatet: oppdiktede tall, ikke fra noe helseforetak.",
                           "EXAMPLE of the file format: made-up numbers, not from any trust."),
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
        "after a day."),
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
    "data_upload_help": ("Høyst {mb} MB og {rows} rader. Excel: første ark, eller arket du navngir under.",
                         "At most {mb} MB and {rows} rows. Excel: the first sheet, or the one you name below."),
    "data_sheet": ("Ark i Excel-filen (valgfritt)", "Sheet in the Excel file (optional)"),
    "data_sheet_hint": ("første ark", "first sheet"),
    "data_refused": ("Filen er avvist; ingenting av den er brukt. Rett dette og last opp på nytt:",
                     "The file is refused; nothing of it is used. Fix these and upload again:"),
    "data_in_use": ("Din fil {file} brukes i denne økten.", "Your file {file} is used in this session."),
    "data_accepted_toast": ("{file} er godkjent og brukes nå på alle sidene.",
                            "{file} is accepted and now used on every page."),
    "data_remove": ("Fjern filen (bruk den innebygde)", "Remove the file (use the shipped one)"),
    "data_remove_all": ("Bruk de innebygde dataene igjen", "Use the shipped data again"),
    "data_planning_on": ("Du planlegger med egne data: {files}.", "You are planning with your own data: {files}."),
    "data_refit_progress": ("Trendene tilpasses dine data: {done} av {total} notatbøker ferdig. "
                            "De andre sidene kan brukes imens.",
                            "Refitting the trends on your data: {done} of {total} notebooks done. "
                            "The other pages can be used meanwhile."),
    "data_refit_done": ("Trendene er tilpasset dine data.", "The trends are refitted on your data."),
    "data_refit_failed_long": ("Tilpasningen av trendene feilet; sidene viser planene uten nye trender. Logg:",
                               "Refitting the trends failed; the pages show the plans without new trends. Log:"),
    "data_refit_retry": ("Prøv igjen", "Try again"),
    "data_uploaded_label": ("Egne data i denne økten: {files} (merke {mark}).",
                            "Your own data in this session: {files} (mark {mark})."),
    "data_refit_running": ("Trendene tilpasses ({done} av {total}).", "Refitting trends ({done} of {total})."),
    "data_refit_failed": ("Tilpasningen av trendene feilet (se Data-siden).",
                          "Refitting the trends failed (see the Data page)."),
    "data_link_without_data": (
        "Denne lenken ble laget på opplastede data (merke {mark}), som lenken ikke kan ta med seg. "
        "Tallene under bygger på de innebygde dataene, ikke på dem lenken ble laget med. Last opp "
        "de samme filene på Data-siden for å se lenkens tall.",
        "This link was made on uploaded data (mark {mark}), which a link cannot carry. The "
        "figures below are built on the shipped data, not on the data the link was made with. "
        "Upload the same files on the Data page to see the link's figures."),
    "data_link_other_data": (
        "Denne lenken ble laget på andre opplastede data (merke {mark}) enn dem du har lastet opp; "
        "tallene under bygger på dine data.",
        "This link was made on other uploaded data (mark {mark}) than yours; the figures below "
        "are built on your data."),
    "data_source_uploaded": ("din fil {file} (denne økten)", "your file {file} (this session)"),
    "data_source_absent": ("ikke levert med verktøyet (valgfri fil: legg til din egen)",
                           "not shipped (optional file: add your own)"),
    "data_source_illustrative": ("illustrerende (genererte) rader", "illustrative (generated) rows"),
    "data_source_plan": ("fagplanens tabeller", "the plan's tables"),
    "data_title_physician_ftes": ("Legeårsverk", "Physician FTEs"),
    "data_about_physician_ftes": (
        "Legeårsverk per år, spesialitet (radiologi, nukleærmedisin) og stillingskategori. Kan "
        "gis per helseforetak med en ekstra kolonne `trust`: regionens plan er da summen, og hvert "
        "foretak kan vises for seg på Leger-siden.",
        "Physician FTEs per year, specialty (radiology, nuclear medicine) and position category. "
        "May be given per trust with an extra column `trust`: the region's plan is then the sum, "
        "and each trust can be viewed on its own on the Physicians page."),
    "data_source_physician_ftes": ("fagplanens Tabell 6 (2015–2025)", "the plan's Tabell 6 (2015–2025)"),
    "data_optional_physician_ftes": ("`trust` er valgfri: uten den gjelder tallene regionen.",
                                     "`trust` is optional: without it the figures are the region's."),
    "data_title_staff_ftes": ("Årsverk for radiografer, bioingeniører og helsesekretærer",
                              "Radiographer, bioengineer and secretary FTEs"),
    "data_about_staff_ftes": ("Årsverk per år, helseforetak og yrkesgruppe. Tomme celler betyr "
                              "manglende tall, ikke null.",
                              "FTEs per year, trust and role. Empty cells mean missing, not zero."),
    "data_source_staff_ftes": ("fagplanens Tabell 7 (2015–2025)", "the plan's Tabell 7 (2015–2025)"),
    "data_title_equipment_units": ("Utstyrsenheter per eier", "Equipment units per owner"),
    "data_about_equipment_units": ("Antall enheter per helseforetak eller privat aktør og modalitet.",
                                   "Units per trust or private provider and modality."),
    "data_source_equipment_units": ("fagplanens Tabell 5 (2025)", "the plan's Tabell 5 (2025)"),
    "data_title_exams_by_modality": ("Undersøkelser per modalitet", "Exams by modality"),
    "data_about_exams_by_modality": ("Antall undersøkelser per år, spesialitet og modalitet.",
                                     "Exams per year, specialty and modality."),
    "data_source_exams_by_modality": ("fagplanens Tabell 1 (2024)", "the plan's Tabell 1 (2024)"),
    "data_title_exams_by_trust": ("Undersøkelser per helseforetak", "Exams by trust"),
    "data_about_exams_by_trust": ("Undersøkelser per år og helseforetak, innlagt og poliklinisk.",
                                  "Exams per year and trust, inpatient and outpatient."),
    "data_source_exams_by_trust": ("fagplanens Tabell 2 (2024)", "the plan's Tabell 2 (2024)"),
    "data_title_staff_turnover": ("HR-uttrekk: avgang og ansettelser", "HR export: leavers and hires"),
    "data_about_staff_turnover": (
        "Avganger og ansettelser per år, helseforetak og yrkesgruppe, med gjennomsnittlige årsverk "
        "eller antall ansatte. Rader med `source` som begynner med «illustrative» vises som illustrerende.",
        "Leavers and hires per year, trust and role, with average FTEs or headcount. Rows whose "
        "`source` starts with 'illustrative' are shown as illustrative."),
    "data_source_staff_turnover": ("illustrerende (genererte) rader; fagplanen har ingen HR-tall",
                                   "illustrative (generated) rows; the plan gives no HR figures"),
    "data_title_private_exams": ("Private aktørers undersøkelser", "Private providers' exams"),
    "data_about_private_exams": ("Undersøkelser hos private aktører per år, sykehusområde og modalitet.",
                                 "Private providers' exams per year, hospital area and modality."),
    "data_source_private_exams": ("fagplanens Tabell 3 (2024)", "the plan's Tabell 3 (2024)"),
    "data_title_specialist_approvals": ("Spesialistgodkjenninger (nasjonalt)", "Specialist approvals (national)"),
    "data_about_specialist_approvals": (
        "Nasjonale spesialistgodkjenninger per år og spesialitet, med kilde. Valgfri: uten filen "
        "brukes fagplanens omtale (60–80 i året i radiologi).",
        "National specialist approvals per year and specialty, with a source. Optional: without "
        "the file the plan's statement (60–80 a year in radiology) is used."),
    "data_title_equipment_register": ("Utstyrsregister (én rad per enhet)", "Equipment register (one row per unit)"),
    "data_about_equipment_register": (
        "Én rad per enhet: eier, modalitet, installasjonsår, eventuelt oppgraderingsår og pris. "
        "Antallet per eier og modalitet må stemme med utstyrsenhetene (Tabell 5).",
        "One row per unit: owner, modality, install year, upgrade year and price where known. "
        "The count per owner and modality must match the equipment units (Tabell 5)."),
    "data_source_equipment_register": ("illustrerende (generert fra Tabell 5); fagplanen har ikke alder per enhet",
                                       "illustrative (generated from Tabell 5); the plan gives no age per unit"),
    "cover_data_shipped": ("data/ (levert med verktøyet)", "data/ (shipped)"),
    "cover_data_uploaded": ("egne filer: {files}", "own files: {files}"),
    "phys_scope": ("Region eller helseforetak", "Region or trust"),
    "phys_scope_region": ("Hele regionen (summen)", "The whole region (the sum)"),
    "phys_trust_view": ("Viser {trust}: planen regnes på foretakets egne årsverk; trenden er regionens og "
                        "vises ikke her.",
                        "Showing {trust}: the plan is computed on the trust's own FTEs; the trend is the "
                        "region's and is not shown here."),
}
_clash = set(TEXT) & set(DATA)
assert not _clash, f"translation keys defined twice: {_clash}"
TEXT.update(DATA)
