"""The Preparedness page (Beredskap): capacity today, stress tests, on-call floor, exports; and the on-call
file on the Data page and the floor on the Physicians page.

Each entry is key: (bokmål, English); `imaging_plan.i18n` merges the catalogues.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "page_preparedness": ("Beredskap", "Preparedness"),
    "group_preparedness": ("Beredskap", "Preparedness"),
    "prep_title": ("Beredskap: kapasitet, stresstester og vakt", "Preparedness: capacity, stress tests and on-call"),
    "prep_intro": (
        "Fagplanen (kapittel 8) ber regionen holde oversikt over kapasitet og forbruk, utstyr og "
        "personell, og ta med de private leverandørene i planleggingen. Siden viser kapasiteten i "
        "dag per sykehusområde og modalitet, hva fire tenkte hendelser gjør med den (økt behov, "
        "fravær, enheter ute av drift, forsyningssvikt), og vakt som et gulv for legebemanningen "
        "(kapittel 7). Hendelsene stilles i sidepanelet og følger lenken.",
        "The plan (chapter 8) asks the region to keep an overview of capacity and use, equipment "
        "and staff, and to include the private providers in its planning. This page shows today's "
        "capacity per hospital area and modality, what four test events do to it (a surge, staff "
        "absence, units out of service, a supply failure), and on-call as a floor under physician "
        "staffing (chapter 7). The events are set in the sidebar and travel in the link.",
    ),
    "prep_all_modalities": ("Alle modaliteter", "All modalities"),
    "prep_surge_modality": ("Økt behov: modalitet", "Surge: modality"),
    "prep_units_trust": ("Enheter ute: helseforetak", "Units out: trust"),
    "prep_units_modality": ("Enheter ute: modalitet", "Units out: modality"),
    "prep_supply": ("Forsyningssvikt: hva", "Supply failure: what"),
    "prep_surge_modality_help": (
        "Modaliteten med økt behov (eller alle); antagelse, et eksempel å teste.",
        "The modality with the surge (or all); an assumption, an example to test.",
    ),
    "prep_units_trust_help": (
        "Helseforetaket der enhetene er ute av drift; antagelse, et eksempel å teste.",
        "The trust whose units are out of service; an assumption, an example to test.",
    ),
    "prep_units_modality_help": (
        "Modaliteten til enhetene som er ute av drift (høyst det helseforetaket har, Tabell 5).",
        "The modality of the units out of service (at most those the trust has, Tabell 5).",
    ),
    "prep_supply_help": (
        "Fagplanen: F-18 FDG har én produsent (NMS); jodholdig kontrast har to leverandører i Norge.",
        "The plan: F-18 FDG has one producer (NMS); iodinated contrast has two suppliers in Norway.",
    ),
    "prep_private_owner": ("Private ({area})", "Private ({area})"),
    # Capacity today
    "prep_capacity_header": ("Kapasitet i dag", "Capacity today"),
    "prep_capacity_intro": (
        "Kapasitet = enheter (Tabell 5) × undersøkelser per maskintime × {max} timer i uken ved "
        "oppskalering (åpningstid i dag: {today}) × {weeks} driftsuker i året, med de samme "
        "maskinforutsetningene som siden Utstyr bruker, men høyst dagens undersøkelser × (1 + {extra} % "
        "ekstra bemannede timer): personalet er fullt brukt i dag. Ledig kapasitet = kapasitet − "
        "undersøkelser (Tabell 1–3). Offentlige undersøkelser per helseforetak og modalitet og "
        "private enheter per område er fordelt etter antagelser (se metoden).",
        "Capacity = units (Tabell 5) × exams per machine-hour × {max} hours a week when scaled up "
        "(opening hours today: {today}) × {weeks} operating weeks a year, the Equipment page's "
        "machine assumptions, but at most today's exams × (1 + {extra} % extra staffed hours): "
        "staff are fully used today. Spare capacity = capacity − exams (Tabell 1–3). Public exams "
        "per trust and modality and private units per area are shared out by assumptions (see the "
        "method).",
    ),
    "prep_hours_below_today": (
        "Åpningstiden ved oppskalering ({max} timer i uken) er kortere enn åpningstiden i dag ({today}, "
        "satt på siden Utstyr): kapasiteten regnes med {max} timer.",
        "The opening hours when scaled up ({max} hours a week) are shorter than today's opening hours "
        "({today}, set on the Equipment page): capacity is reckoned at {max} hours.",
    ),
    "prep_spare_title": ("Ledig kapasitet per sykehusområde", "Spare capacity per hospital area"),
    "prep_exams_per_year": ("undersøkelser per år", "exams per year"),
    "prep_area": ("Sykehusområde", "Hospital area"),
    "prep_owner": ("Eier", "Owner"),
    "prep_col_units": ("Enheter", "Units"),
    "prep_col_exams_per_hour": ("Undersøkelser per maskintime", "Exams per machine-hour"),
    "prep_col_machine_capacity": ("Maskinkapasitet (per år)", "Machine capacity (a year)"),
    "prep_col_staffed_capacity": ("Bemannet kapasitet (per år)", "Staffed capacity (a year)"),
    "prep_col_capacity": ("Kapasitet (per år)", "Capacity (a year)"),
    "prep_col_exams": ("Undersøkelser (per år)", "Exams (a year)"),
    "prep_col_spare": ("Ledig (per år)", "Spare (a year)"),
    "prep_col_utilisation_pct": ("Utnyttelse (%)", "Utilisation (%)"),
    "prep_at_capacity": (
        "Maskinene går for fullt (oppskalert kapasitet under dagens undersøkelser) hos: {owners}. "
        "Der er ledig kapasitet satt til 0.",
        "Machines at full stretch (scaled-up capacity below today's exams) at: {owners}. Spare "
        "capacity there is set to 0.",
    ),
    "prep_by_owner": ("Per eier og modalitet (tabell)", "Per owner and modality (table)"),
    "prep_by_area": ("Per sykehusområde og modalitet (tabell)", "Per hospital area and modality (table)"),
    # Stress tests
    "prep_stress_header": ("Stresstester", "Stress tests"),
    "prep_stress_intro": (
        "Per uke: det som ikke kan gjøres der det skal gjøres blir etterslep; etter hendelsen tas "
        "etterslepet igjen med dagens ledige kapasitet. «Flyttet» viser det samme når det som kan "
        "flyttes går til ledig kapasitet hos andre helseforetak og private i samme eller nabo-"
        "område (en øvre grense). Naboområder: områder som grenser til hverandre (antagelse).",
        "Each week, what cannot be done where it is due becomes backlog; after the event the "
        "backlog is cleared at today's spare capacity. 'Moved' shows the same when what can move "
        "goes to the spare capacity of other trusts and private providers in the same or a "
        "neighbouring area (an upper bound). Neighbouring areas: areas that share a border (an "
        "assumption).",
    ),
    "prep_scenario_surge": (
        "Økt behov: +{pct} % undersøkelser ({modality}) i {weeks} uker",
        "Surge: +{pct} % exams ({modality}) for {weeks} weeks",
    ),
    "prep_scenario_absence": (
        "Fravær: {pct} % av radiografer og radiologer i helseforetakene i {weeks} uker",
        "Absence: {pct} % of the trusts' radiographers and radiologists for {weeks} weeks",
    ),
    "prep_scenario_units_out": (
        "Enheter ute: {units} {modality} ved {trust} i {weeks} uker",
        "Units out: {units} {modality} at {trust} for {weeks} weeks",
    ),
    "prep_scenario_supply": (
        "Forsyningssvikt: {supply}, {pct} % kan ikke gjøres i {days} dager",
        "Supply failure: {supply}, {pct} % cannot be done for {days} days",
    ),
    "prep_worst": (
        "Den modaliteten som bruker lengst tid: etterslepet ved slutten av hendelsen delt på dagens ledige "
        "kapasitet per uke hos dem som rammes.",
        "The modality that takes longest: the backlog at the end of the event divided by today's weekly spare "
        "capacity of those hit.",
    ),
    "prep_headline_value": ("{not_done} ikke gjort · {weeks} uker", "{not_done} not done · {weeks} weeks"),
    "prep_no_backlog": (
        "Ingen etterslep: resten av kapasiteten (lengre åpningstid, ekstra timer) bærer hendelsen.",
        "No backlog: the remaining capacity (longer opening hours, extra hours) carries the event.",
    ),
    "prep_pdf_chart": ("{scenario}: etterslep per uke", "{scenario}: backlog per week"),
    "prep_no_event": ("Ingen hendelse (varighet 0)", "No event (duration 0)"),
    "prep_never": ("∞ (ingen ledig kapasitet)", "∞ (no spare capacity)"),
    "prep_col_scenario": ("Stresstest", "Stress test"),
    "prep_col_modality": ("Modalitet", "Modality"),
    "prep_col_weeks": ("Uker", "Weeks"),
    "prep_col_not_done": ("Kan ikke gjøres", "Cannot be done"),
    "prep_col_moved": ("Kan flyttes", "Can move"),
    "prep_col_backlog_kept": ("Etterslep", "Backlog"),
    "prep_col_backlog_moved": ("Etterslep etter flytting", "Backlog after moving"),
    "prep_col_weeks_to_clear_kept": ("Uker å ta igjen", "Weeks to clear"),
    "prep_col_weeks_to_clear_moved": ("Uker å ta igjen etter flytting", "Weeks to clear after moving"),
    "prep_weekly_title": ("Etterslep per uke: {scenario}", "Backlog per week: {scenario}"),
    "prep_week": ("Uke", "Week"),
    "prep_backlog_axis": ("etterslep (undersøkelser)", "backlog (exams)"),
    "prep_kept": ("uten flytting", "not moved"),
    "prep_moved": ("flyttet til ledig kapasitet", "moved to spare capacity"),
    "prep_overflow_header": ("Hvor kan overløpet gå?", "Where could the overflow go?"),
    "prep_overflow_none": (
        "Ingen har ledig kapasitet i samme eller naboområde mens hendelsen varer (eller det som "
        "mangler kan ikke flyttes, som ved forsyningssvikt).",
        "No one has spare capacity in the same or a neighbouring area while the event lasts (or "
        "what is missing cannot move, as in a supply failure).",
    ),
    "prep_relation_same_area": ("samme område", "same area"),
    "prep_relation_neighbour": ("naboområde", "neighbouring area"),
    "prep_col_relation": ("Hvor", "Where"),
    "prep_col_spare_per_week": ("Ledig per uke", "Spare a week"),
    "prep_refused": ("Stresstesten er avvist", "The stress test is refused"),
    # On-call
    "prep_on_call_header": ("Vakt som gulv for legebemanningen", "On-call as a staffing floor"),
    "prep_on_call_intro": (
        "Fagplanen: store akuttsykehus bør ha døgnvakt med radiolog som kan tilkalles. Minste "
        "antall legeårsverk per helseforetak = vaktlinjer × vaktturnusens lengde (uker) × årsverk "
        "per person ({per_person}; en turnus på n uker med én på vakt i uken holder n personer "
        "per linje). Legebehovet i helseforetakets plan er det største av planbehovet og dette "
        "gulvet (Leger-siden, når legefilen har helseforetak). Felles vakt på tvers av "
        "lokasjoner over regional PACS (fagplanen) samler leselinjene; linjer for intervensjon "
        "må være på stedet.",
        "The plan: large emergency hospitals should have round-the-clock on-call with a "
        "radiologist who can be called in. Minimum physician FTEs per trust = on-call lines × "
        "rota length (weeks) × FTEs per person ({per_person}; a rota of n weeks with one person "
        "on call a week holds n people per line). The trust's physician need is the larger of "
        "the planning need and this floor (the Physicians page, when the physician file gives "
        "trusts). Shared on-call across locations over the regional PACS (the plan) pools the "
        "reading lines; lines for interventions stay on site.",
    ),
    "prep_on_call_illustrative": (
        "ILLUSTRERENDE DATA: vaktlinjene i data/on_call_lines.csv er eksempler, ikke sykehusenes "
        "turnuser (fagplanen gir prinsippet, ikke turnusene). Last opp deres egne på Data-siden.",
        "ILLUSTRATIVE DATA: the on-call lines in data/on_call_lines.csv are examples, not the "
        "sites' rotas (the plan gives the principle, not the rotas). Upload your own on the Data page.",
    ),
    "prep_shared_on": (
        "Felles vakt er slått på: {freed} årsverk frigjøres i regionen.",
        "Shared on-call is on: it frees {freed} FTEs in the region.",
    ),
    "prep_shared_off": (
        "Felles vakt på tvers av lokasjoner ville frigjøre {freed} årsverk i regionen (bryteren i sidepanelet).",
        "Shared on-call across locations would free {freed} FTEs in the region (the switch in the sidebar).",
    ),
    "prep_on_call_title": (
        "Minste legeårsverk fra vakt per helseforetak",
        "Minimum physician FTEs from on-call per trust",
    ),
    "prep_fte": ("årsverk", "FTEs"),
    "prep_per_site": ("vakt per lokasjon", "on-call per site"),
    "prep_shared": ("felles vakt", "shared on-call"),
    "prep_col_trust": ("Helseforetak", "Trust"),
    "prep_col_specialty": ("Spesialitet", "Specialty"),
    "prep_col_sites": ("Lokasjoner", "Sites"),
    "prep_col_lines": ("Vaktlinjer", "On-call lines"),
    "prep_col_people": ("Personer i turnus", "People on the rota"),
    "prep_col_floor_fte": ("Gulv, per lokasjon (årsverk)", "Floor, per site (FTEs)"),
    "prep_col_shared_lines": ("Linjer ved felles vakt", "Lines when shared"),
    "prep_col_floor_shared_fte": ("Gulv, felles vakt (årsverk)", "Floor, shared (FTEs)"),
    "prep_col_freed_fte": ("Frigjort (årsverk)", "Freed (FTEs)"),
    # Exports
    "prep_downloads": ("Last ned", "Download"),
    "prep_excel": ("Beredskap (Excel)", "Preparedness (Excel)"),
    "prep_pdf": ("Beredskapsplan, én side (PDF)", "Preparedness plan, one page (PDF)"),
    "prep_pdf_title": ("Beredskap i bildediagnostikk: stresstester", "Imaging preparedness: stress tests"),
    "prep_pdf_subtitle": (
        "Helse Sør-Øst · {date} · kapasitet fra Tabell 1–5 og forutsetningene nedenfor",
        "Helse Sør-Øst · {date} · capacity from Tabell 1–5 and the assumptions below",
    ),
    "prep_pdf_footer": (
        "Dataversjon {version} · imaging_plan {package} · vaktlinjene er illustrerende",
        "Data version {version} · imaging_plan {package} · the on-call lines are illustrative",
    ),
    "prep_pdf_sentence": (
        "{not_done} undersøkelser kan ikke gjøres; etterslepet {backlog} tas igjen på {weeks} uker ({modality}).",
        "{not_done} exams cannot be done; the backlog of {backlog} clears in {weeks} weeks ({modality}).",
    ),
    "prep_pdf_floor": (
        "Vaktgulv, radiologi: {floor} årsverk i regionen; felles vakt frigjør {freed}. [ILLUSTRERENDE DATA]",
        "On-call floor, radiology: {floor} FTEs in the region; shared on-call frees {freed}. [ILLUSTRATIVE DATA]",
    ),
    "prep_illustrative_label": ("ILLUSTRERENDE DATA: eksempelrader", "ILLUSTRATIVE DATA: example rows"),
    # The Data page's entry for the on-call file
    "data_title_on_call_lines": ("Vaktlinjer per lokasjon", "On-call lines per site"),
    "data_about_on_call_lines": (
        "Én rad per lokasjon og spesialitet: helseforetaket, antall vaktlinjer, turnusens lengde i "
        "uker og hvor mange av linjene som må være på stedet (intervensjon). Gir vaktgulvet på "
        "Beredskap-siden og Leger-siden. Fagplanen gir prinsippet, ikke turnusene: de leverte "
        "radene er illustrerende, og `source` sier det.",
        "One row per site and specialty: the trust, the number of on-call lines, the rota length in "
        "weeks and how many of the lines must be on site (interventions). Gives the on-call floor on "
        "the Preparedness and Physicians pages. The plan gives the principle, not the rotas: the "
        "shipped rows are illustrative, and `source` says so.",
    ),
    "data_source_on_call_lines": (
        "illustrerende eksempelrader (fagplanen gir ikke turnusene)",
        "illustrative example rows (the plan gives no rotas)",
    ),
    # The Physicians page's trust view
    "phys_on_call_floor": (
        "Vaktgulv ({trust}): {floors}. Behovet vises som det største av planbehovet og gulvet; gulvet "
        "binder i {years} år. Vaktlinjene er illustrerende med mindre du har lastet opp deres egne.",
        "On-call floor ({trust}): {floors}. The need shown is the larger of the planning need and the "
        "floor; the floor binds in {years} years. The on-call lines are illustrative unless you uploaded your own.",
    ),
}
