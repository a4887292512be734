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
    "ov_phys_label": ("{specialty}: gap {year}", "{specialty}: gap {year}"),
    "ov_phys_sentence": (
        "For {kind} leger i {year}: median av {draws} trekninger av forutsetningene, 80 % intervall i "
        "parentes. Herav {parts}. Tidligere år: {earlier}.",
        "Too {kind} physicians in {year}: the median of {draws} draws of the assumptions, the 80 % interval "
        "in brackets. Of which {parts}. Earlier years: {earlier}.",
    ),
    "ov_short": ("få", "few"),
    "ov_surplus": ("mange", "many"),
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
        "Behov = (årsverk i {base} + udekket behov, {unmet} % av årsverkene og eventuell fil) × behovsindeksen, "
        "som er produktet av tre deler. **Demografi** "
        "({scenario}): regionens befolkning etter alder (SSB 07459, åtte fylker), ført fram med "
        "framskrivingens vekst per aldersgruppe og vektet med bruk per innbygger: 80 år og eldre "
        "{old} undersøkelser per person i året, yngre {young} (Hofmann mfl. 2024 gir bare alle aldre "
        "0,8 og over 80 år 2,2; de yngres rate er regnet ut så snittet blir 0,8; forutsetning). "
        "Den gir {demography} i {horizon}. **Bruk per innbygger utover demografi**: {use} %/år "
        "(standard {use_default}: planens +24 % poliklinisk aktivitet 2015–2024 minus demografiens "
        "×{demo_past} de samme årene); nukleærmedisin har sin egen: {use_nm} %/år (standard {use_nm_default}: "
        "PET/CT og teranostikk vokser, konvensjonell nukleærmedisin faller). **KI**: {ai} % gevinst nådd i "
        "{ai_year}, lineært fra {base}. "
        "Indeksen i {horizon}: {index}.",
        "Need = (FTEs in {base} + unmet need, {unmet} % of the FTEs and any file) × the demand index, "
        "the product of three parts. **Demography** "
        "({scenario}): the region's population by age (Statistics Norway 07459, eight counties), carried "
        "forward with the projection's growth per age band and weighted by use per person: 80 and over "
        "{old} exams a person a year, younger {young} (Hofmann et al. 2024 give only all ages 0.8 and "
        "over 80 2.2; the younger rate is solved so the average is 0.8; an assumption). It gives "
        "{demography} in {horizon}. **Use per person beyond demography**: {use} %/year (default "
        "{use_default}: the plan's +24 % outpatient activity 2015-2024 less demography's ×{demo_past} "
        "over the same years); nuclear medicine has its own: {use_nm} %/year (default {use_nm_default}: "
        "PET/CT and theranostics grow, conventional nuclear medicine falls). **AI**: a {ai} % gain reached in "
        "{ai_year}, linear from {base}. The "
        "index in {horizon}: {index}.",
    ),
    "recruitment_title": (
        "Rekruttering utenfra: hvordan den er avledet av Tabell 6, år for år",
        "Recruitment from outside: how it is derived from Tabell 6, year by year",
    ),
    "recruitment_text": (
        "Tilgang av spesialister per år (Tabell 6: vekst i spesialistårsverk + avgang {exit} %) minus "
        "egne ferdige LiS (LiS {years} år før / {years}). Resten kom fra andre regioner eller "
        "utlandet, eller færre sluttet enn avgangsraten sier. Snitt {first}–{last}: {summary}. "
        "Planen bruker snittet over de siste {window} årene, for avgangsraten og utdanningstiden i scenarioet, "
        "pluss det du legger til med glidebryteren for ekstra rekruttering.",
        "Specialist inflow a year (Tabell 6: growth of specialist FTEs + exits at {exit} %) minus the "
        "region's own finishing residents (residents {years} years earlier / {years}). The rest came from "
        "other regions or abroad, or fewer left than the exit rate says. Mean {first}-{last}: {summary}. "
        "The plan uses the mean over the latest {window} years, at the scenario's exit rate and training "
        "time, plus what you add with the extra recruitment slider.",
    ),
    "col_new_specialists": ("Nye spesialister (årsverk)", "New specialists (FTEs)"),
    "col_specialists_gap": ("Gap spesialister (årsverk)", "Gap, specialists (FTEs)"),
    "col_residents_gap": ("Gap LiS (årsverk)", "Gap, residents (LiS) (FTEs)"),
    "part_specialists_gap": ("spesialister", "specialists"),
    "part_residents_gap": ("LiS", "residents (LiS)"),
    "part_gap": ("Gap i alt (80 % intervall)", "Total gap (80 % interval)"),
    "headline_median": (
        "Tallene over er medianen av {draws} trekninger av forutsetningene (Monte Carlo, fast frø), med 80 % "
        "intervall (p10 til p90) i parentes; endringen er medianens mot standardforutsetningene. Linjene i "
        "figurene er scenarioets egne verdier, så medianen kan avvike fra dem (trekningene kalibrerer "
        "rekrutteringen på de siste 3, 5 og 10 årene, ikke bare scenarioets vindu).",
        "The figures above are the median of {draws} draws of the assumptions (Monte Carlo, fixed seed), with "
        "the 80 % interval (p10 to p90) in brackets; the change is the median's against the default "
        "assumptions. The lines in the charts are the scenario's own values, so the median can differ from "
        "them (the draws calibrate recruitment on the latest 3, 5 and 10 years, not only the scenario's "
        "window).",
    ),
    "gap_parts_caption": (
        "Søylene: gapet for spesialister og for LiS i scenarioet (de summerer til linjen); båndet: 80 % "
        "intervall for gapet i alt over trekningene.",
        "Bars: the scenario's gap for specialists and for residents (LiS) (they add up to the line); band: the "
        "80 % interval of the total gap over the draws.",
    ),
    "recruitment_periods": (
        "**Rekruttering utenfra** kalibrert på Tabell 6 over de siste {windows} årene: {summary} årsverk i "
        "året. Planen bruker de siste {window} årene.",
        "**Recruitment from outside** calibrated on Tabell 6 over the latest {windows} years: {summary} FTEs a "
        "year. The plan uses the latest {window} years.",
    ),
    "band_exit": (
        "Fra {first} ligger planlagt tilbud {side} trendens bånd ({supply} mot {low}–{high} årsverk i {last}): "
        "planen vokser {plan_growth} årsverk i året, trenden {trend_growth}, og forskjellen er rekrutteringen "
        "utenfra, som planen setter til {recruited} årsverk i året (kalibrert på de siste {window} årene) mens "
        "trendens vekst svarer til om lag {implied} (de siste 3 / 5 / 10 årene ga {periods}).",
        "From {first} the planned supply runs {side} the trend's band ({supply} against {low}-{high} FTEs in "
        "{last}): the plan grows {plan_growth} FTEs a year, the trend {trend_growth}, and the difference is "
        "recruitment from outside, which the plan sets at {recruited} FTEs a year (calibrated on the latest "
        "{window} years) while the trend's growth matches about {implied} (the latest 3 / 5 / 10 years gave "
        "{periods}).",
    ),
    "band_above": ("over", "above"),
    "band_below": ("under", "below"),
    "drivers_title": ("Hva flytter gapet i {year}", "What moves the gap in {year}"),
    "drivers_text": (
        "Til venstre: gapet i {year} med én forutsetning om gangen satt til sin p10- og p90-verdi (resten som "
        "i scenarioet); den streken er scenarioets gap, og de bredeste søylene står øverst. Til høyre: fra "
        "årsverkene i basisåret til behovet (udekket behov, demografi, bruk, KI) og til tilbudet (avgang, "
        "egne ferdige LiS, rekruttering, endring i LiS-stillinger) i {year}.",
        "Left: the gap in {year} with one assumption at a time at its p10 and p90 value (the rest as in the "
        "scenario); the rule is the scenario's gap, the widest bars on top. Right: from the base year's FTEs "
        "to the need (unmet need, demography, use, AI) and to the supply (exits, own finishing residents, "
        "recruitment, change in resident posts) in {year}.",
    ),
    "tornado_title": ("{specialty}: forutsetningenes utslag", "{specialty}: what each assumption moves"),
    "tornado_axis": ("Gap i {year} (årsverk)", "Gap in {year} (FTEs)"),
    "tornado_low": ("Lav (p10)", "Low (p10)"),
    "tornado_high": ("Høy (p90)", "High (p90)"),
    "tornado_assumption": ("Forutsetning", "Assumption"),
    "waterfall_title": ("{specialty}: fra basisåret til {year}", "{specialty}: from the base year to {year}"),
    "wf_base_ftes": ("Årsverk i basisåret", "Base-year FTEs"),
    "wf_unmet_need": ("Udekket behov", "Unmet need"),
    "wf_demography": ("Demografi", "Demography"),
    "wf_use": ("Bruk per innbygger", "Use per person"),
    "wf_ai": ("KI", "AI"),
    "wf_need": ("Behov", "Need"),
    "wf_exits": ("Avgang", "Exits"),
    "wf_own_finishers": ("Egne ferdige LiS", "Own finishing residents"),
    "wf_recruitment": ("Rekruttering utenfra", "Recruitment from outside"),
    "wf_residents": ("Endring i LiS", "Change in residents"),
    "wf_supply": ("Tilbud", "Supply"),
    "wf_group_total": ("Nivå", "Level"),
    "wf_group_need": ("Behovet", "Need side"),
    "wf_group_supply": ("Tilbudet", "Supply side"),
    "wf_step": ("Steg", "Step"),
    "wf_after": ("Etter steget (årsverk)", "After the step (FTEs)"),
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
