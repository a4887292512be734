"""The Physician FTEs page: trend, supply, need and gap, the need's parts, recruitment, the
trust view, and the sentence it gives the overview.

Each entry is key: (bokmål, English); `imaging_plan.i18n` merges the catalogues.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
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
        "age, use per person and AI). Gap = need − supply; a positive gap means too few physicians.",
    ),
    "gap_at": ("Gap {year}", "Gap {year}"),
    "gap_help": (
        "Behov minus tilbud i årsverk; endring mot standardforutsetningene under.",
        "Need minus supply in FTEs; change against the default assumptions below.",
    ),
    "gap_fte": ("Gap (årsverk)", "Gap (FTEs)"),
    "history": ("Historikk (Tabell 6)", "History (Tabell 6)"),
    "trend": ("Trend (standardlinjen, 80 % bånd)", "Trend (the default line, 80 % band)"),
    "supply": ("Tilbud", "Supply"),
    "need": ("Behov", "Need"),
    "gap": ("Gap", "Gap"),
    "shortage": ("Mangel", "Shortage"),
    "surplus": ("Overskudd", "Surplus"),
    "forecast_missing": (
        "Trenden mangler: prognosene er ikke laget ennå. Lag dem med "
        "`{cmd}` (eller start appen med `make app`). Tilbud, behov og gap "
        "under regnes uten trenden.",
        "The trend is missing: forecasts have not been made yet. Make "
        "them with `{cmd}` (or start the app with `make app`). Supply, need "
        "and gap below are computed without it.",
    ),
    "col_specialists": ("Spesialister (årsverk)", "Specialists (FTEs)"),
    "col_residents": ("LiS (årsverk)", "Residents (FTEs)"),
    "col_exits": ("Avgang (årsverk)", "Exits (FTEs)"),
    "col_completions": ("Ferdige LiS (årsverk)", "Residents finishing (FTEs)"),
    "col_supply": ("Tilbud (årsverk)", "Supply (FTEs)"),
    "col_need": ("Behov (årsverk)", "Need (FTEs)"),
    "col_gap": ("Gap (årsverk)", "Gap (FTEs)"),
    "ov_phys_sentence": (
        "Med disse forutsetningene har {specialty} {gap} årsverk for {kind} i {year}.",
        "Under these assumptions {specialty} has {gap} FTEs too {kind} in {year}.",
    ),
    "ov_short": ("lite", "few"),
    "ov_surplus": ("mye", "many"),
    "trend_method": ("Trend ({method}, 80 % intervall)", "Trend ({method}, 80 % interval)"),
    "population_scenario": ("Befolkningsframskriving (SSB)", "Population projection (Statistics Norway)"),
    "population_scenario_help": (
        "SSBs framskriving 2026 (tabell 14746): hovedalternativet MMMM, lav (LLML) eller høy (HHMH) "
        "nasjonal vekst. Regionens befolkning per aldersgruppe føres fram med landets vekst i hver gruppe.",
        "Statistics Norway's 2026 projection (table 14746): the main alternative MMMM, low (LLML) or high "
        "(HHMH) national growth. The region's population per age band is carried forward with the "
        "nation's growth in each band.",
    ),
    "col_recruited": ("Rekruttert utenfra (årsverk)", "Recruited from outside (FTEs)"),
    "col_exits_people": ("Avgang (personer)", "Exits (people)"),
    "col_recruited_people": ("Rekruttert utenfra (personer)", "Recruited from outside (people)"),
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
        "index in {horizon}: {index}.",
    ),
    "recruitment_title": (
        "Rekruttering utenfra: hvordan standardverdien er avledet",
        "Recruitment from outside: how the default is derived",
    ),
    "recruitment_text": (
        "Tilgang av spesialister per år (Tabell 6: vekst i spesialistårsverk + avgang {exit} %) minus "
        "egne ferdige LiS (LiS {years} år før / {years}). Resten kom fra andre regioner eller "
        "utlandet, eller færre sluttet enn avgangsraten sier. Snitt {first}–{last}: {summary}. "
        "Standardverdien er dette snittet (avrundet); med 0 blir spesialistene bare egne ferdige LiS.",
        "Specialist inflow a year (Tabell 6: growth of specialist FTEs + exits at {exit} %) minus the "
        "region's own finishing residents (residents {years} years earlier / {years}). The rest came from "
        "other regions or abroad, or fewer left than the exit rate says. Mean {first}-{last}: {summary}. "
        "The default is this mean (rounded); at 0 the specialists grow only from the region's own residents.",
    ),
    "rec_col_inflow": ("Tilgang (årsverk)", "Inflow (FTEs)"),
    "rec_col_own_finishers": ("Egne ferdige LiS (årsverk)", "Own finishing residents (FTEs)"),
    "rec_col_recruited": ("Rekruttert utenfra (årsverk)", "Recruited from outside (FTEs)"),
    "phys_scope": ("Region eller helseforetak", "Region or trust"),
    "phys_scope_region": ("Hele regionen (summen)", "The whole region (the sum)"),
    "phys_trust_view": (
        "Viser {trust}: planen regnes på foretakets egne årsverk; trenden er regionens og vises ikke her.",
        "Showing {trust}: the plan is computed on the trust's own FTEs; the trend is the "
        "region's and is not shown here.",
    ),
}
