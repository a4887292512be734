"""The Overview page: the board's screen, its decisions and fans, the PDF, Excel and CSV exports.

Each entry is key: (bokmål, English); `imaging_plan.i18n` merges the catalogues.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "page_overview": ("Oversikt", "Overview"),
    "ov_title": ("Oversikt for styret", "Overview for the board"),
    "ov_intro_default": (
        "Tallene under bygger på standardforutsetningene (kildene står under hvert avsnitt).",
        "The numbers below rest on the default assumptions (sources under each section).",
    ),
    "ov_intro_changed": (
        "Tallene under bygger på et scenario der **{n}** forutsetning(er) avviker fra "
        "standard; de er merket ● under hvert avsnitt.",
        "The numbers below rest on a scenario where **{n}** assumption(s) differ from "
        "the defaults; they are marked ● under each section.",
    ),
    "ov_exports": ("Last ned", "Downloads"),
    "ov_pdf": ("Styresammendrag (PDF, én side)", "Board summary (PDF, one page)"),
    "ov_excel": ("Alle tabeller (Excel)", "All tables (Excel)"),
    "ov_csv": ("Hver tabell som CSV", "Each table as CSV"),
    "ov_pdf_title": (
        "Bildediagnostikk i Helse Sør-Øst: bemanning og utstyr",
        "Diagnostic imaging in Helse Sør-Øst: staff and equipment",
    ),
    "ov_pdf_subtitle": (
        "Styresammendrag {date}. Forutsetninger endret fra standard: {changed}.",
        "Board summary {date}. Assumptions changed from the defaults: {changed}.",
    ),
    "ov_pdf_footer": (
        "Dataversjon {version} (fingeravtrykk av inndatafilene), programversjon {package}. "
        "Kilde: Fagplan for bildediagnostikk, Helse Sør-Øst RHF, og forutsetningene over.",
        "Data version {version} (fingerprint of the input files), software version {package}. "
        "Source: Fagplan for bildediagnostikk, Helse Sør-Øst RHF, and the assumptions above.",
    ),
    "ov_show_detail": (
        "Vis detaljene: tall per år og forutsetningene bak",
        "Show the detail: yearly figures and the assumptions behind them",
    ),
    "ov_decisions": ("Hva må besluttes når", "What must be decided by when"),
    "ov_decisions_help": (
        "Ledetider: LiS-utdanningen (glidebryteren for utdanningstid), bachelor i "
        "radiografi (tre år), utstyr fra bestilling til bruk (ett til to år, "
        "antakelse).",
        "Lead times: resident training (the training-years slider), the bachelor in "
        "radiography (three years), equipment from order to use (one to two years, "
        "assumption).",
    ),
    "dec_residents": (
        "{specialty}: for å ha spesialistene behovet krever i {horizon} må regionen ha {value} "
        "LiS-årsverk i utdanning hvert år fra {base} (i dag {today}), og stillingene må være "
        "opprettet innen {deadline} ({horizon} minus utdanningstiden).",
        "{specialty}: to have the specialists the need calls for in {horizon}, the region must have "
        "{value} resident FTEs in training each year from {base} (today {today}), and the posts must "
        "exist by {deadline} ({horizon} minus the training time).",
    ),
    "dec_lis_label": (
        "{specialty}: LiS-årsverk i utdanning hvert år fra {base}",
        "{specialty}: resident (LiS) FTEs in training each year from {base}",
    ),
    "dec_lis_sentence": (
        "I dag {today}. Stillingene må være opprettet innen {deadline}: LiS som starter senere, blir ikke "
        "ferdige spesialister innen {horizon}. Median av {draws} trekninger, 80 % intervall i parentes.",
        "Today {today}. The posts must exist by {deadline}: residents who start later do not finish as "
        "specialists by {horizon}. Median of {draws} draws, 80 % interval in brackets.",
    ),
    "ov_lis_title": ("Beslutningen: LiS-stillinger", "The decision: resident (LiS) posts"),
    "dec_residents_late": (
        "{specialty}: fristen for LiS-stillinger til {horizon} var {deadline} "
        "({years} års utdanning) og er passert; behovet i {horizon} må dekkes med "
        "rekruttering eller et senere målår.",
        "{specialty}: the deadline for resident posts for {horizon} was {deadline} "
        "({years} years of training) and has passed; the need in {horizon} must be "
        "met by recruitment or a later goal year.",
    ),
    "dec_radiographers": (
        "Radiografer: om lag {n} årsverk må rekrutteres hvert år fra {start} til "
        "{horizon}; utdanningsplassene som skal gi dem må starte fra {first} "
        "({years} år før).",
        "Radiographers: about {n} FTEs must be hired each year from {start} to "
        "{horizon}; the education places to supply them must start from {first} "
        "({years} years ahead).",
    ),
    "dec_equipment": (
        "Utstyr: {units} enheter ({mnok} MNOK) forfaller i {first}–{last}; med ett til "
        "to år fra bestilling til bruk må de bestilles i {order}.",
        "Equipment: {units} units ({mnok} MNOK) fall due in {first}–{last}; with one to "
        "two years from order to use they must be ordered in {order}.",
    ),
    "fan_yours": ("Ditt scenario", "Your scenario"),
    "fan_help": (
        "Hver vifte viser basis, lavt og høyt press (tynne linjer) og scenarioet i lenken (tykk linje). "
        "Skyggen er 80 % intervall for scenarioet ditt (1 000 trekninger av forutsetningene) for legene "
        "og de nye spesialistene; for radiografer og utstyr er den spennet mellom de tre forhåndsvalgene.",
        "Each fan shows the baseline, low and high pressure (thin lines) and the scenario in the link "
        "(thick line). The shading is the 80 % interval of your scenario (1,000 draws of the assumptions) "
        "for the physicians and the new specialists; for radiographers and equipment it is the span of "
        "the three presets.",
    ),
    "fan_phys_gap": ("Gap (behov minus tilbud) per år", "Gap (need minus supply) per year"),
    "fan_inflow_shortfall": (
        "Mangel på nye spesialister per år (behov − planlagt)",
        "Shortfall of new specialists per year (needed − planned)",
    ),
    "fan_staff_hires": ("Radiografer som må rekrutteres per år", "Radiographers to hire per year"),
    "fan_eq_backlog": ("Etterslep av utstyr som ikke er byttet", "Backlog of equipment not replaced"),
    "mnok_unit": ("MNOK", "MNOK"),
    "illustrative_in_section": (
        "{title}: bygger på illustrerende (genererte) data, ikke faktiske tall.",
        "{title}: built on illustrative (generated) data, not real figures.",
    ),
    "cover_title": ("Planlegging av bildediagnostikk – Helse Sør-Øst", "Diagnostic imaging planning – Helse Sør-Øst"),
    "cover_made": ("Laget", "Made"),
    "cover_data_version": ("Dataversjon", "Data version"),
    "cover_data": ("Data", "Data"),
    "cover_data_shipped": ("data/ (levert med verktøyet)", "data/ (shipped)"),
    "cover_data_uploaded": ("egne filer: {files}", "own files: {files}"),
}
