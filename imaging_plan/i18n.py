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

# Sections for the other pages (specialist inflow, staffing, equipment, overview) go here.

# Issue 7: forecast quality (backtest), the notes beside forecast charts, and run history.
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
    "family_physicians": ("Leger", "Physicians"),
    "family_staff": ("Personell", "Staff"),
    "family_inflow": ("Tilgang av spesialister", "Specialist inflow"),
    "all_families": ("Alle", "All"),
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
    "col_method": ("Metode", "Method"),
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
    "col_change": ("Endring", "Change"),
    "col_forecast": ("Prognose", "Forecast"),
    "col_made_earlier": ("Laget før (UTC)", "Made before (UTC)"),
    "col_made_now": ("Laget nå (UTC)", "Made now (UTC)"),
    "col_data_changed": ("Endrede inndata", "Input data changed"),
    "col_parameters_changed": ("Endrede parametere", "Parameters changed"),
    "col_code_changed": ("Kode endret", "Code changed"),
    "headline_gap": ("Gap {year}, {specialty_nb} (årsverk)", "Gap {year}, {specialty_en} (FTEs)"),
    "headline_trend": ("Prophet-trend {year}, {specialty_nb} (årsverk)",
                       "Prophet trend {year}, {specialty_en} (FTEs)"),
    "headline_mase": ("Samlet MASE, {method_nb}", "Pooled MASE, {method_en}"),
    "headline_prophet_wins": ("Serier Prophet vinner", "Series Prophet wins"),
    "headline_prophet_coverage": ("Prophets 80 %-intervall traff (%)", "Prophet's 80 % interval hit (%)"),
    "note_beaten": ("I backtesten slo {winner} Prophet på {series} (MASE {winner_mase} mot {prophet_mase}, "
                    "{checks} kontroller).",
                    "In the backtest {winner} beat Prophet on {series} (MASE {winner_mase} vs "
                    "{prophet_mase}, {checks} checks)."),
    "note_prophet_best": ("I backtesten hadde Prophet lavest feil på {series} (MASE {prophet_mase}; "
                          "nest best {runner} {runner_mase}, {checks} kontroller).",
                          "In the backtest Prophet had the lowest error on {series} (MASE "
                          "{prophet_mase}; next best {runner} {runner_mase}, {checks} checks)."),
    "note_unmeasured": ("{series}: ikke målt i backtesten (for kort serie eller MASE udefinert).",
                        "{series}: not measured in the backtest (series too short or MASE undefined)."),
    "note_missing": ("Treffsikkerheten er ikke målt ennå: `{cmd}`.", "Accuracy not measured yet: `{cmd}`."),
    "method_switch": ("Trendlinje", "Trend line"),
    "method_switch_help": ("Tegn en annen metodes linje i stedet for Prophets trend. MASE i "
                           "backtesten (lavest er best, ★ vinner): {scores}.",
                           "Draw another method's line instead of Prophet's trend. MASE in the "
                           "backtest (lowest is best, ★ winner): {scores}."),
    "trend_method": ("Trend ({method}, 80 % intervall)", "Trend ({method}, 80 % interval)"),
}

TEXT: dict[str, tuple[str, str]] = {}
for _section in (COMMON, PHYSICIANS, QUALITY):
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
