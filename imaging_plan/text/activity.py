"""Activity and workload: the exams, and the radiologists, radiographers and machines they need."""

TEXT: dict[str, tuple[str, str]] = {
    "group_activity": ("Aktivitet (undersøkelser)", "Activity (exams)"),
    "group_workload": ("Legenes arbeidsmengde per undersøkelse", "Physicians' workload per exam"),
    "group_workload_staff": ("Radiografenes arbeidsmengde og utdanning", "Radiographers' workload and education"),
    "need_method": ("Legebehov beregnet fra", "Physician need made from"),
    "group_workload_unused": (
        "Minuttene og timene brukes når legebehovet beregnes fra arbeidsmengden: velg det over for å justere dem.",
        "The minutes and hours count when the physician need is made from the workload: choose it above to set them.",
    ),
    "need_method_index": ("Befolkning og bruk (indeks)", "Population and use (index)"),
    "need_method_workload": ("Arbeidsmengde (undersøkelser x minutter)", "Workload (exams x minutes)"),
    "need_method_help": (
        "index: dagens årsverk × befolkning etter alder × bruk per innbygger. workload: undersøkelser × "
        "granskningsminutter / timer per årsverk (WHOs WISN). Standard er den som traff 2025 best fra 2015.",
        "index: today's FTEs × population by age × use per person. workload: exams × reporting minutes / "
        "hours per FTE (WHO's WISN). The default is the one that came closer to 2025 from 2015.",
    ),
    "sector": ("Sektor", "Sector"),
    "sector_public": ("Offentlig", "Public"),
    "sector_private": ("Privat", "Private"),
    "exams_thousands": ("Undersøkelser (tusen per år)", "Exams (thousands a year)"),
    "exam_mod_intervention": ("Intervensjon", "Intervention"),
    "exam_mod_other": ("Annet", "Other"),
    "exam_mod_conventional_nm": ("Konvensjonell nukleærmedisin", "Conventional nuclear medicine"),
    "exam_mod_nm_radiotherapy": ("Nukleærmedisinsk terapi", "Radionuclide therapy"),
    "chain_exams": ("Undersøkelser, offentlige (tusen per år)", "Exams, public (thousands a year)"),
    "chain_radiologists": ("Legebehov, radiologi (årsverk)", "Physician need, radiology (FTEs)"),
    "chain_radiographers": ("Radiografer, planlagt (årsverk)", "Radiographers, planned (FTEs)"),
    "chain_machines": ("CT og MR, behov (enheter)", "CT and MR, needed (units)"),
    "ov_chain_title": ("Fra undersøkelser til folk og maskiner", "From exams to people and machines"),
    "ov_chain_sentence": (
        "Offentlige undersøkelser vokser fra {exams0} tusen i {base} til {exams1} tusen i {horizon}. Det gir "
        "et legebehov i radiologi på {rad} årsverk ({method}), {rgr} radiografårsverk og {units} CT- og "
        "MR-enheter (offentlige og private) i {horizon}.",
        "Public exams grow from {exams0} thousand in {base} to {exams1} thousand in {horizon}. That gives a "
        "physician need in radiology of {rad} FTEs ({method}), {rgr} radiographer FTEs and {units} CT and "
        "MR units (public and private) in {horizon}.",
    ),
    "ov_chain_ratio": (
        "Arbeidsmengden (publiserte minutter per undersøkelse) forklarer {rad_ratio} av radiologenes årsverk "
        "i {year} og {rgr_ratio} av radiografenes; resten er arbeid tallene ikke fanger (vakt, møter, "
        "undervisning, operasjonsstuer). Radiografene planlegges derfor med arbeidsmengdens vekst fra "
        "dagens årsverk.",
        "The workload (published minutes per exam) accounts for {rad_ratio} of the radiologists' FTEs in "
        "{year} and {rgr_ratio} of the radiographers'; the rest is work these figures miss (on-call, "
        "meetings, teaching, theatres). Radiographers are therefore planned with the workload's growth from "
        "today's FTEs.",
    ),
    "ov_chain_interval": (
        "Båndet rundt legebehovet: laveste og høyeste av de tre forhåndsvalgene.",
        "The band around the physician need: the lowest and highest of the three presets.",
    ),
    "workload_title": ("Arbeidsmengde: radiografer fra undersøkelsene", "Workload: radiographers from the exams"),
    "workload_intro": (
        "Radiografbehov = offentlige undersøkelser × radiografminutter per undersøkelse / timer per årsverk, "
        "per helseforetak etter andelen av Tabell 2. Planlagte årsverk følger arbeidsmengdens vekst fra "
        "dagens årsverk (valg 2); trenden (1) og målveksten (0) er fortsatt valg.",
        "Radiographer need = public exams × radiographer minutes per exam / hours per FTE, per trust by its "
        "share of Tabell 2. Planned FTEs follow the workload's growth from today's FTEs (choice 2); the "
        "trend (1) and the target growth (0) remain choices.",
    ),
    "workload_ratio": (
        "I {year} gir arbeidsmengden {implied} årsverk mot {actual} i Tabell 7 (forhold {ratio}).",
        "In {year} the workload gives {implied} FTEs against {actual} in Tabell 7 (ratio {ratio}).",
    ),
    "education_title": ("Studieplasser som trengs", "Study places needed"),
    "education_intro": (
        "Studieplasser per år = radiografer som må ansettes / (andel som fullfører × andel av de "
        "nyutdannede regionen rekrutterer).",
        "Study places a year = radiographers to hire / (share who graduate × share of the graduates the "
        "region recruits).",
    ),
    "places": ("Studieplasser per år", "Study places a year"),
    "hires": ("Ansettelser per år (personer)", "Hires a year (people)"),
    "machines_title": ("Maskiner fra undersøkelsene og åpningstiden", "Machines from the exams and opening hours"),
    "machines_intro": (
        "Enheter som trengs = undersøkelser / (undersøkelser per maskintime × åpningstid per uke × uker). "
        "Lengre åpningstid gir færre maskiner; radiografårsverkene som trengs for å holde dem åpne står ved siden av.",
        "Units needed = exams / (exams per machine-hour × opening hours a week × weeks). Longer hours need "
        "fewer machines; the radiographer FTEs that keep them open stand beside them.",
    ),
    "staff_fte_open": ("Radiografårsverk for åpningstiden", "Radiographer FTEs for the opening hours"),
    "fleet_growth_title": ("Vekst i maskinparken ved siden av utskifting", "Fleet growth next to replacement"),
    "fleet_growth_intro": (
        "Offentlige enheter som må kjøpes i tillegg til lik-for-lik-utskifting, og hva de koster.",
        "Public units to buy on top of like-for-like replacement, and what they cost.",
    ),
    "cost_replacement": ("Utskifting (MNOK)", "Replacement (MNOK)"),
    "cost_growth": ("Vekst i parken (MNOK)", "Fleet growth (MNOK)"),
    "units_added": ("Nye enheter", "Units added"),
    "phys_workload_title": ("Legebehov fra arbeidsmengden", "Physician need from the workload"),
    "phys_workload_intro": (
        "Offentlige undersøkelser × granskningsminutter / (timer per årsverk × andel tid til granskning), "
        "ved siden av årsverkene i Tabell 6 som et forhold, uten justeringsfaktor. Behovet over bruker nå: {method}.",
        "Public exams × reporting minutes / (hours per FTE × share of time reporting), beside Tabell 6's FTEs "
        "as a ratio, with no adjusting factor. The need above now uses: {method}.",
    ),
    "phys_workload_backcast": (
        "Tilbakeberegning fra 2015 til 2025 (begge spesialiteter): indeksen gir {index} årsverk, arbeidsmengden "
        "{workload}, mot {actual} talt. Standardvalget er den som kom nærmest: {default}.",
        "Backcast from 2015 to 2025 (both specialties): the index gives {index} FTEs, the workload {workload}, "
        "against {actual} counted. The default is the closer one: {default}.",
    ),
    "col_implied": ("Arbeidsmengden gir (årsverk)", "The workload gives (FTEs)"),
    "col_counted": ("Talt (årsverk)", "Counted (FTEs)"),
    "col_unmet": ("Udekket behov (årsverk)", "Unmet need (FTEs)"),
    "col_ratio": ("Forhold", "Ratio"),
}
