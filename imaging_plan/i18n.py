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
    "app_title": ("Planlegging av bildediagnostikk – Helse Sør-Øst",
                  "Diagnostic imaging planning – Helse Sør-Øst"),
    "language": ("Språk", "Language"),
    "assumptions": ("Forutsetninger", "Assumptions"),
    "assumptions_help": ("Flytt en glidebryter: tallene regnes om straks, og adressen i "
                         "nettleseren tar med scenarioet, så lenken kan deles.",
                         "Move a slider: the numbers recompute at once, and the browser's "
                         "address carries the scenario, so the link can be shared."),
    "group_general": ("Generelt", "General"),
    "group_physicians": ("Leger", "Physicians"),
    "reset": ("Tilbakestill til standard", "Reset to defaults"),
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
}

PHYSICIANS: dict[str, tuple[str, str]] = {
    "page_physicians": ("Legeårsverk", "Physician FTEs"),
    "physicians_title": ("Legeårsverk: tilbud, behov og gap", "Physician FTEs: supply, need and gap"),
    "physicians_intro": (
        "Historikk fra Tabell 6 i fagplanen (2015–2025), Prophet-trend med 80 % intervall, og "
        "planlagt tilbud (spesialister som går av, LiS som blir ferdige) mot behov (dagens "
        "årsverk vokst med behovsveksten, minus KI-gevinsten). Gap = behov − tilbud; positivt "
        "gap betyr for få leger.",
        "History from Tabell 6 of the plan (2015–2025), the Prophet trend with its 80 % "
        "interval, and planned supply (specialists leaving, residents finishing) against need "
        "(today's FTEs grown at the demand growth, less the AI gain). Gap = need − supply; a "
        "positive gap means too few physicians."),
    "gap_at": ("Gap {year}", "Gap {year}"),
    "gap_help": ("Behov minus tilbud i årsverk; endring mot standardforutsetningene under.",
                 "Need minus supply in FTEs; change against the default assumptions below."),
    "gap_fte": ("Gap (årsverk)", "Gap (FTEs)"),
    "history": ("Historikk (Tabell 6)", "History (Tabell 6)"),
    "trend": ("Trend (Prophet, 80 % intervall)", "Trend (Prophet, 80 % interval)"),
    "supply": ("Tilbud", "Supply"),
    "need": ("Behov", "Need"),
    "gap": ("Gap", "Gap"),
    "shortage": ("Mangel", "Shortage"),
    "surplus": ("Overskudd", "Surplus"),
    "forecast_missing": ("Prophet-trenden mangler: prognosene er ikke laget ennå. Lag dem med "
                         "`{cmd}` (eller start appen med `make app`). Tilbud, behov og gap "
                         "under regnes uten trenden.",
                         "The Prophet trend is missing: forecasts have not been made yet. Make "
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
    "ov_assumptions_behind": ("Forutsetningene bak tallene", "The assumptions behind the numbers"),
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
    "illustrative_in": ("{title}: bygger på illustrative (genererte) data, ikke faktiske tall.",
                        "{title}: built on illustrative (generated) data, not real figures."),
    "ov_phys_sentence": ("Med disse forutsetningene har {specialty} {gap} årsverk for {kind} i {year}.",
                         "Under these assumptions {specialty} has {gap} FTEs too {kind} in {year}."),
    "ov_short": ("lite", "few"),
    "ov_surplus": ("mye", "many"),
    "fte_unit": ("årsverk", "FTEs"),
}

# Sections for the other pages (specialist inflow, staffing, equipment) go here.

TEXT: dict[str, tuple[str, str]] = {}
for _section in (COMMON, PHYSICIANS, OVERVIEW):
    _clash = set(TEXT) & set(_section)
    assert not _clash, f"translation keys defined twice: {_clash}"
    TEXT.update(_section)


def t(key: str, lang: str, **values) -> str:
    """Return the text `key` in `lang` ('nb' or 'en'), with `values` filled in."""
    nb, en = TEXT[key]
    return (en if lang == "en" else nb).format(**values)


def specialty_name(code: str, lang: str) -> str:
    nb, en = codes.SPECIALTIES[code]
    return en if lang == "en" else nb


def fmt_number(value: float, lang: str, decimals: int = 0, signed: bool = False) -> str:
    """Return a number formatted the Norwegian way (1 234,5; minus sign) or the English way (1,234.5)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:{'+' if signed else ''},.{decimals}f}"
    if lang == "nb":
        text = text.replace(",", "\u00a0").replace(".", ",").replace("-", "\u2212")
    return text
