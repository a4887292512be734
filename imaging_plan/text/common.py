"""Text shown on several pages: the app's frame (scenario controls, sign-in, forecast status),
shared column and axis words, and the marks on illustrative data.

Each entry is key: (bokmål, English); `imaging_plan.i18n` merges the catalogues.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "assumptions": ("Forutsetninger", "Assumptions"),
    "assumptions_help": (
        "Flytt en glidebryter: tallene regnes om straks, og adressen i "
        "nettleseren tar med scenarioet, så lenken kan deles.",
        "Move a slider: the numbers recompute at once, and the browser's "
        "address carries the scenario, so the link can be shared.",
    ),
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
    "forecast_made": ("Prognosene ble laget {when} (UTC) av {notebook}.", "Forecasts made {when} (UTC) by {notebook}."),
    "forecast_stale": (
        "Inndata er endret siden prognosene ble laget ({files}). Kjør på nytt: `{cmd}`",
        "Input data changed since the forecasts were made ({files}). Rerun: `{cmd}`",
    ),
    "data_error": ("Inndata kan ikke leses:", "Input data cannot be read:"),
    "scenario": ("Scenario: del, lagre, last inn", "Scenario: share, save, load"),
    "preset": ("Ferdig scenario", "Preset"),
    "preset_choose": ("Velg …", "Choose …"),
    "preset_help": (
        "Setter alle glidebryterne; verdiene og begrunnelsene står i README og i tabellen over forutsetninger.",
        "Sets every slider; the values and their reasons are in the README and the assumptions table.",
    ),
    "share": ("Lenke til dette scenarioet (kopier og send):", "Link to this scenario (copy and send):"),
    "scenario_download": ("Last ned scenario (YAML)", "Download scenario (YAML)"),
    "scenario_upload": ("Last inn scenario (YAML)", "Load scenario (YAML)"),
    "scenario_apply": ("Bruk scenarioet", "Apply the scenario"),
    "url_ignored": ("Ignorert i lenken (standardverdi brukt): {items}", "Ignored in the link (default used): {items}"),
    "illustrative": (
        "Illustrative data: genererte eksempelrader, ikke faktiske tall.",
        "Illustrative data: generated example rows, not real figures.",
    ),
    "sign_in_title": ("Logg inn for å se planen", "Sign in to see the plan"),
    "sign_in_text": (
        "Denne utgaven av planleggingsverktøyet er bare for innloggede brukere. "
        "Logg inn med kontoen fra helseforetaket.",
        "This copy of the planning tool is for signed-in users only. Sign in with your trust account.",
    ),
    "sign_in": ("Logg inn", "Sign in"),
    "sign_out": ("Logg ut ({name})", "Sign out ({name})"),
    "trend_short": (
        "Trenden er lagret til {year}; kjør notebooken med høyere `trend_until` for lengre horisont.",
        "The trend is stored to {year}; rerun the notebook with a higher `trend_until` for a longer horizon.",
    ),
    "col_specialty": ("Spesialitet", "Specialty"),
    "fte_unit": ("årsverk", "FTEs"),
    "interval_value": ("{mid} ({low} til {high})", "{mid} ({low} to {high})"),
    "pdf_band": ("bånd: 80 % intervall", "band: 80 % interval"),
    "band_meaning": (
        "Båndet: 80 % av backtestens utfall lå innenfor et bånd så bredt, "
        "1–3 år fram; lenger fram er det utvidet som √år (ikke målt).",
        "The band: 80 % of the backtest's outcomes fell inside a band this wide, "
        "1-3 years ahead; further ahead it is widened as √years (not measured).",
    ),
    "carried_elsewhere": (
        "Lenken bærer også {n} endret(e) forutsetning(er) fra andre sider; de vises som glidebrytere der.",
        "The link also carries {n} changed assumption(s) from other pages; they show as sliders there.",
    ),
    "show_table": ("Vis tabellen her", "Show the table here"),
    "show_sources": ("Vis forutsetningene og kildene", "Show the assumptions and their sources"),
    "illustrative_mark": ("ILLUSTRERENDE DATA", "ILLUSTRATIVE DATA"),
    "illustrative_notice": (
        "Illustrerende data: genererte eksempelrader, ikke faktiske tall.",
        "Illustrative data: generated example rows, not real figures.",
    ),
    "illustrative_column": (
        "ILLUSTRERENDE DATA: genererte rader, ikke faktiske tall",
        "ILLUSTRATIVE DATA: generated rows, not real figures",
    ),
}
