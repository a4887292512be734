"""The New specialists page: derived and required inflow, approvals-based supply, the resident
pipeline, and the sentence it gives the overview.

Each entry is key: (bokmål, English); `imaging_plan.i18n` merges the catalogues.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "ov_inflow_label": (
        "{specialty}: nye spesialister per år, planlagt",
        "{specialty}: new specialists a year, planned",
    ),
    "ov_inflow_sentence": (
        "Egne ferdige LiS + rekruttert utenfra, mot behov for {required} i året (median av {draws} trekninger, "
        "80 % intervall i parentes). Mangel mot planlagt summert {first}–{last}: {shortfall} årsverk. Fra "
        "nasjonale godkjenninger: {supply} i året.",
        "Own finishing residents + recruited from outside, against a need of {required} a year (median of "
        "{draws} draws, 80 % interval in brackets). Shortfall against planned summed {first}–{last}: "
        "{shortfall} FTEs. From national approvals: {supply} a year.",
    ),
    "ov_inflow_required": ("Behov for nye", "New needed"),
    "ov_inflow_planned": ("Planlagt (egne ferdige + rekruttert)", "Planned (own finishers + recruited)"),
    "ov_inflow_supply": ("Fra nasjonale godkjenninger", "From national approvals"),
    "ov_inflow_unit": ("Spesialister per år", "Specialists a year"),
    "group_inflow": ("Nye spesialister", "New specialists"),
    "page_inflow": ("Nye spesialister", "New specialists"),
    "inflow_title": ("Nye spesialister: behov, kurs og utdanning", "New specialists: need, course and training"),
    "inflow_intro": (
        "Hvor mange nye spesialister trenger regionen hvert år, hvor mange er den på vei til å få, "
        "og hvor mange LiS-stillinger trengs for å tette gapet? Per spesialitet: "
        "**nødvendig tilgang** (vekst i spesialistbehovet + avgang), **planlagt** (legeplanens nye "
        "spesialister: egne ferdige LiS + rekruttert utenfra, samme tall som på Legeårsverk og i "
        "Oversikten), **fra nasjonale godkjenninger** (landets spesialistgodkjenninger × regionens "
        "andel), og **trenden** av tilgangen avledet fra Tabell 6 som referanse.",
        "How many new specialists does the region need each year, how many is it on course to "
        "get, and how many resident (LiS) posts would close the gap? Per specialty: "
        "**required inflow** (growth of the specialist need + exits), **planned** (the physician "
        "plan's new specialists: own finishing residents + recruited from outside, the same figure "
        "as on Physician FTEs and the Overview), **from national approvals** (the nation's "
        "specialist approvals × the region's share), and the **trend** of the inflow derived from "
        "Tabell 6 as a reference.",
    ),
    "inflow_forecast_missing": (
        "Trenden av tilgangen mangler: prognosen er ikke laget ennå. Lag den med `{cmd}` "
        "(eller start appen med `make app`). Nødvendig tilgang, godkjenninger (fra forutsetningene) "
        "og LiS-behov under regnes uten trenden.",
        "The trend of the inflow is missing: the forecast has not been made yet. Make it "
        "with `{cmd}` (or start the app with `make app`). Required inflow, approvals (from the "
        "assumptions) and resident need below are computed without it.",
    ),
    "national_file_new": (
        "`{file}` finnes, men prognosen ble laget uten den: kjør på nytt med `{cmd}` for å bruke "
        "den. Til da brukes forutsetningene.",
        "`{file}` exists, but the forecast was made without it: rerun `{cmd}` to use it. Until "
        "then the assumptions are used.",
    ),
    "basis_fitted": (
        "Nasjonale godkjenninger: Prophet-trend av filen din ({points} år, 80 % "
        "intervall). Glidebryterne for godkjenninger brukes ikke for denne spesialiteten.",
        "National approvals: Prophet trend of your file ({points} years, 80 % "
        "interval). The approvals sliders are not used for this specialty.",
    ),
    "basis_too_few_points": (
        "Filen med nasjonale godkjenninger har bare {points} år for denne "
        "spesialiteten: for få til en trend (minst 3), så Prophet er ikke "
        "brukt. Forutsetningen brukes i stedet:",
        "The national approvals file has only {points} year(s) for this "
        "specialty: too few for a trend (at least 3), so Prophet was not "
        "fitted. The assumption is used instead:",
    ),
    "basis_not_in_file": (
        "Filen med nasjonale godkjenninger har ingen rader for denne spesialiteten, så forutsetningen brukes:",
        "The national approvals file has no rows for this specialty, so the assumption is used:",
    ),
    "basis_no_file": (
        "Ingen nasjonal tidsserie (`specialist_approvals.csv`), så forutsetningen brukes:",
        "No national series (`specialist_approvals.csv`), so the assumption is used:",
    ),
    "range_radiology": (
        "Radiologi: fagplanens spenn, {low}–{high} godkjenninger i året i landet "
        "(sentralt {central}), × regionens andel {share} %.",
        "Radiology: the plan's range, {low}–{high} approvals a year nationally "
        "(central {central}), × the region's share {share} %.",
    ),
    "range_nuclear_medicine": (
        "Nukleærmedisin: antagelse, {central} godkjenninger i året i landet, × regionens andel "
        "{share} %. Fagplanen gir ikke noe tall, bare at utviklingen har vært flat; standarden er "
        "regionens egen avledede tilgang 2016–2025 delt på regionens andel (se kilder).",
        "Nuclear medicine: assumption, {central} approvals a year nationally, × the region's "
        "share {share} %. The plan gives no number, only that it has been flat; the default is "
        "the region's own derived inflow 2016–2025 divided by the region's share (see sources).",
    ),
    "trend_not_fitted": (
        "For få år i Tabell 6 for en trend av tilgangen ({points}, minst 3): ingen trend for denne spesialiteten.",
        "Too few years in Tabell 6 for a trend of the inflow ({points}, at least 3): no trend for this specialty.",
    ),
    "negative_inflow": (
        "Avledet tilgang er negativ i {years}: spesialistårsverkene falt mer enn "
        "anslått avgang. Vist som den er, ikke avkuttet.",
        "The derived inflow is negative in {years}: specialist FTEs fell by more "
        "than the estimated exits. Shown as it is, not clipped.",
    ),
    "m_required": ("Nødvendig tilgang per år", "Required inflow a year"),
    "m_required_help": (
        "Gjennomsnitt {first}–{last}: vekst i spesialistbehovet + avgang, i årsverk.",
        "Average {first}–{last}: growth of the specialist need + exits, in FTEs.",
    ),
    "m_planned": ("På kurs (planlagt) per år", "On course (planned) a year"),
    "m_planned_help": (
        "Gjennomsnitt {first}–{last} av legeplanens nye spesialister: egne ferdige LiS + rekruttert utenfra.",
        "Average {first}–{last} of the physician plan's new specialists: own finishing residents + recruited "
        "from outside.",
    ),
    "inflow_headline_caption": (
        "Medianen av {draws} trekninger av forutsetningene, 80 % intervall i parentes (for godkjenningene: "
        "spennet i forutsetningen); linjene i figurene er scenarioets egne verdier. Rekruttering utenfra "
        "kalibrert på de siste 3 / 5 / 10 årene: {periods} årsverk i året; planen bruker {window} år.",
        "The median of {draws} draws of the assumptions, the 80 % interval in brackets (for the approvals: the "
        "assumption's range); the lines in the charts are the scenario's own values. Recruitment from outside "
        "calibrated on the latest 3 / 5 / 10 years: {periods} FTEs a year; the plan uses {window} years.",
    ),
    "inflow_trend_caption": (
        "Trenden av tilgangen avledet fra Tabell 6 (referanse): {trend} i året.",
        "The trend of the inflow derived from Tabell 6 (reference): {trend} a year.",
    ),
    "planned_band_meaning": (
        "Båndet rundt planlagt: 80 % intervall av {draws} trekninger; rundt godkjenningene: spennet i forutsetningen.",
        "The band around planned: the 80 % interval of {draws} draws; around the approvals: the assumption's range.",
    ),
    "m_supply": ("Fra nasjonale godkjenninger per år", "From national approvals a year"),
    "m_supply_help": (
        "Gjennomsnitt {first}–{last}: godkjenninger i landet × regionens andel.",
        "Average {first}–{last}: national approvals × the region's share.",
    ),
    "m_cum_planned": ("Mangel til {year}, mot planlagt", "Shortfall to {year}, vs planned"),
    "m_cum_supply": ("Mangel til {year}, mot godkj.", "Shortfall to {year}, vs approvals"),
    "m_cum_help": (
        "Nødvendig tilgang minus linjen (planlagt eller nasjonale godkjenninger), summert "
        "over årene {first}–{last}, i årsverk; positivt betyr for få.",
        "Required inflow minus the line (planned or national approvals), summed over the "
        "years {first}–{last}, in FTEs; positive means too few.",
    ),
    "m_residents": (
        "LiS-årsverk i utdanning hvert år {base}–{year}",
        "Resident FTEs in training each year {base}–{year}",
    ),
    "m_residents_help": (
        "Gjennomsnittet over årene av utdanningstid × (nødvendig tilgang en utdanningstid senere − "
        "rekruttering utenfra): så mange må være i utdanning for at nok blir ferdige. Endringen er "
        "forskjellen fra dagens {today} LiS-årsverk.",
        "The mean over the years of training time × (required inflow a training time later − "
        "recruitment from outside): this many must be in training for enough to finish. The change is "
        "the difference from today's {today} resident FTEs.",
    ),
    "m_deadline": ("Stillinger må opprettes innen", "Posts must be created by"),
    "m_deadline_help": (
        "Horisont {horizon} minus utdanningstid {years} år: LiS som starter senere, "
        "blir ikke ferdige innen horisonten.",
        "Horizon {horizon} minus training time {years} years: residents who start later do not finish by the horizon.",
    ),
    "already_late": ("for sent", "too late"),
    "late_note": (
        "Utdanningstiden ({years} år) er lengre enn tiden fram til horisonten {horizon} "
        "fra {base}: nye LiS-stillinger rekker ikke å gi ferdige spesialister innen da. "
        "Velg en senere horisont eller dekk behovet med rekruttering.",
        "The training time ({years} years) is longer than the time from {base} to the "
        "horizon {horizon}: new resident posts cannot produce specialists by then. "
        "Choose a later horizon or cover the need by recruitment.",
    ),
    "derived_inflow": ("Avledet tilgang (Tabell 6)", "Derived inflow (Tabell 6)"),
    "required_inflow": ("Nødvendig tilgang", "Required inflow"),
    "approvals_supply": ("Fra nasjonale godkjenninger", "From national approvals"),
    "new_specialists": ("Nye spesialister (årsverk per år)", "New specialists (FTEs a year)"),
    "shortfall_vs_planned": ("Mangel mot planlagt", "Shortfall vs planned"),
    "planned_inflow": (
        "Planlagt: egne ferdige + rekruttert (80 % intervall)",
        "Planned: own finishers + recruited (80 % interval)",
    ),
    "inflow_trend_reference": ("Trend av historikken (referanse)", "Trend of the history (reference)"),
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
        "yields 1/training time finished specialists a year).",
    ),
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
    "inflow_col_planned": ("Planlagt (egne ferdige + rekruttert)", "Planned (own finishers + recruited)"),
    "inflow_col_shortfall_planned": ("Mangel mot planlagt", "Shortfall vs planned"),
    "inflow_col_cum_shortfall_planned": ("Samlet mangel mot planlagt", "Cumulated vs planned"),
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
    "inflow_band_meaning": (
        "Trenden er standardlinjen backtesten målte ved avgangsrate {rate} %; ved en annen rate legges "
        "forskjellen i avganger til på spesialistenes egen linje (ikke målt). Båndet: 80 % av "
        "backtestens utfall lå innenfor et så bredt bånd 1–3 år fram.",
        "The trend is the default line the backtest scored at an exit rate of {rate} %; at another rate "
        "the difference in exits is added on the specialists' own line (not scored). The band: 80 % of "
        "the backtest's outcomes fell inside a band this wide 1-3 years ahead.",
    ),
}
