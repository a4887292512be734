"""The Model quality page: the backtest's methods and readings, the notes beside forecast charts,
run history's headline figures, and the planning backcast.

Each entry is key: (bokmål, English); `imaging_plan.i18n` merges the catalogues.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "page_quality": ("Modellkvalitet", "Model quality"),
    "quality_title": ("Modellkvalitet: hvor godt traff prognosene?", "Model quality: how well did the forecasts do?"),
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
        "measured further than three years ahead.",
    ),
    "backtest_missing": (
        "Backtesten er ikke laget ennå. Lag den med `{cmd}` (eller `make app`).",
        "The backtest has not been made yet. Make it with `{cmd}` (or `make app`).",
    ),
    "method_naive": ("naiv", "naive"),
    "method_drift": ("drift", "drift"),
    "method_theta": ("Theta", "Theta"),
    "method_prophet": ("Prophet", "Prophet"),
    "method_median": ("median av naiv, Theta og Prophet", "median of naive, Theta and Prophet"),
    "method_mean": ("gjennomsnitt av naiv, Theta og Prophet", "mean of naive, Theta and Prophet"),
    "method_default": ("standardlinjen", "the default line"),
    "default_title": ("Linjen som tegnes", "The line drawn"),
    "default_rule": (
        "Slik velges den: utgangspunktet er medianen av naiv, Theta og Prophet (kombinasjoner slo alle "
        "enkeltmetoder i M4-konkurransen). En annen kandidat tar over bare når feilene dens på "
        "kontrollene som var kjent ved startåret er lavere enn medianens utover tilfeldighet (parvis "
        "Wilcoxon-test, ensidig, 5 %, Holm-korrigert for {candidates} kandidater). Å velge den med "
        "lavest gjennomsnitt blant så mange på få kontroller velger mest støy.",
        "How it is chosen: the starting point is the median of naive, Theta and Prophet (combinations "
        "beat every single method in the M4 competition). Another candidate takes over only when its "
        "errors on the checks known at the origin are lower than the median's beyond chance (paired "
        "Wilcoxon test, one-sided, 5 %, Holm-corrected for {candidates} candidates). Picking the lowest "
        "mean among so many on few checks mostly picks noise.",
    ),
    "default_family": (
        "**{family}**: sidene tegner {method} som standard (valget på alle kontroller). Fremgangsmåten "
        "som valgte den, målt utenfor utvalget (valgt på tidligere startår, målt på senere): samlet "
        "MASE {mase} mot naivs {naive_mase} ({change} enn naiv, {checks} kontroller); 80 %-båndet "
        "holdt {share} av utfallene ({hits}/{checks}).",
        "**{family}**: the pages draw {method} by default (the choice on every check). The procedure "
        "that chose it, scored out of sample (chosen on earlier origins, scored on later ones): pooled "
        "MASE {mase} against naive's {naive_mase} ({change} than naive, {checks} checks); its 80 % band "
        "held {share} of outcomes ({hits}/{checks}).",
    ),
    "default_better": ("{pct} % lavere", "{pct} % lower"),
    "default_worse": ("{pct} % høyere", "{pct} % higher"),
    "default_differs": (
        "Backtesten velger nå {chosen} for {family}, men appen tegner {method} "
        "(`forecasting.DEFAULT_LINES`). Vurder å oppdatere definisjonen og kjøre notatbøkene på nytt.",
        "The backtest now chooses {chosen} for {family}, but the app draws {method} "
        "(`forecasting.DEFAULT_LINES`). Consider updating the definition and rerunning the notebooks.",
    ),
    "default_not_run": (
        "Backtesten er laget før standardlinjen fantes; kjør `{cmd}` på nytt.",
        "The backtest was made before the default line existed; rerun `{cmd}`.",
    ),
    "family_physicians": ("Leger", "Physicians"),
    "family_staff": ("Personell", "Staff"),
    "family_inflow": ("Tilgang av spesialister", "Specialist inflow"),
    "total": ("totalt", "total"),
    "pooled_title": ("Samlet per metode og horisont", "Pooled by method and horizon"),
    "pooled_help": (
        "Samlet MASE er snittet av alle skalerte feil; medianen viser hva en typisk "
        "kontroll fikk. Dekning: andelen utfall innenfor metodens 80 %-intervall "
        "(treff/kontroller).",
        "Pooled MASE is the mean of all scaled errors; the median shows what a typical "
        "check scored. Coverage: the share of outcomes inside the method's 80 % "
        "interval (hits/checks).",
    ),
    "reading_title": ("Hva tallene sier", "What the numbers say"),
    "reading_best": (
        "Over {series} serier og {checks} kontroller per metode hadde **{best}** lavest "
        "samlet MASE ({best_mase}); Prophet fikk {prophet_mase}.",
        "Over {series} series and {checks} checks per method, **{best}** had the lowest "
        "pooled MASE ({best_mase}); Prophet scored {prophet_mase}.",
    ),
    "reading_horizons": (
        "Ett år fram var {h1_best} best ({h1_mase}); {last} år fram {hl_best} ({hl_mase}).",
        "One year ahead {h1_best} did best ({h1_mase}); {last} years ahead {hl_best} ({hl_mase}).",
    ),
    "reading_wins": (
        "Serier vunnet (lavest MASE på serien): {wins}.",
        "Series won (lowest MASE on the series): {wins}.",
    ),
    "reading_prophet_behind": (
        "Prophet alene slo ikke den naive metoden i snitt; hvilken linje sidene tegner, og hvor godt den "
        "traff, står under «Linjen som tegnes» over.",
        "Prophet alone did not beat the naive method on average; which line the pages draw, and how well "
        "it did, is under “The line drawn” above.",
    ),
    "reading_prophet_ahead": ("Prophet slo den naive metoden i snitt.", "Prophet beat the naive method on average."),
    "reading_coverage": (
        "Prophets 80 %-intervall fanget {hits} av {checks} utfall ({share}); et "
        "intervall som holder det det lover, fanger om lag 80 %. {verdict}",
        "Prophet's 80 % interval caught {hits} of {checks} outcomes ({share}); an "
        "interval that keeps its promise catches about 80 %. {verdict}",
    ),
    "verdict_narrow": (
        "Intervallet er for smalt: usikkerheten er større enn båndet viser.",
        "The interval is too narrow: the uncertainty is larger than the band shows.",
    ),
    "verdict_fair": ("Intervallet holder omtrent det det lover.", "The interval roughly keeps its promise."),
    "verdict_wide": ("Intervallet er bredere enn nødvendig.", "The interval is wider than it needs to be."),
    "reading_noisy": (
        "Per serie bygger dekningen på {fewest}–{most} kontroller: les den som et hint, ikke som et mål.",
        "Per series, coverage rests on {fewest}–{most} checks: read it as a hint, not a measurement.",
    ),
    "reading_median": (
        "Halvparten av Prophets kontroller hadde skalert feil under {median}; snittet "
        "trekkes opp av serier som nesten ikke endret seg i treningsårene.",
        "Half of Prophet's checks had a scaled error below {median}; the mean is "
        "pulled up by series that barely changed in their training years.",
    ),
    "accuracy_title": ("Treffsikkerhet per serie", "Accuracy per series"),
    "accuracy_help": (
        "MASE over alle startår og horisonter; lavest er best, vinneren er merket. "
        "Klikk en kolonne for å sortere. «Prophet i båndet»: treff/kontroller for "
        "80 %-intervallet; få kontroller gjør tallet usikkert.",
        "MASE over all origins and horizons; lowest is best, the winner is marked. "
        "Click a column to sort. Prophet in band: hits/checks of its 80 % interval; "
        "few checks make it noisy.",
    ),
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
    "detail_help": (
        "MAPE regnes bare der det faktiske tallet er minst {min} årsverk fra null.",
        "MAPE is computed only where the actual is at least {min} FTEs from zero.",
    ),
    "chart_title": ("Backtest mot det som skjedde", "Backtest against what happened"),
    "choose_series": ("Serie", "Series"),
    "choose_methods": ("Metoder", "Methods"),
    "chart_help": (
        "Svart: faktiske tall. Hver farget linje starter i et startår og viser metodens "
        "prognose ett til tre år fram, med 80 %-intervall som bånd.",
        "Black: what happened. Each coloured line starts at an origin and shows the "
        "method's forecast one to three years ahead, with its 80 % interval as a band.",
    ),
    "actual": ("Faktisk", "Actual"),
    "col_origin": ("Startår", "Origin"),
    "value_axis": ("Verdi (årsverk)", "Value (FTEs)"),
    "grid_title": ("Valg av Prophet-innstillinger", "Choosing Prophet's settings"),
    "grid_help": (
        "Prophet med andre innstillinger over de samme seriene og startårene. Prosjektet "
        "bruker innstillingene med lavest samlet MASE; de står i `forecasting.TrendSettings`.",
        "Prophet with other settings over the same series and origins. The project uses "
        "the settings with the lowest pooled MASE; they live in `forecasting.TrendSettings`.",
    ),
    "grid_best_is_current": (
        "Innstillingene i bruk ({label}) har lavest samlet MASE ({mase}).",
        "The settings in use ({label}) have the lowest pooled MASE ({mase}).",
    ),
    "grid_best_differs": (
        "Lavest samlet MASE har nå {best} ({best_mase}); i bruk er {label} ({mase}). "
        "Vurder å endre `forecasting.TrendSettings`.",
        "The lowest pooled MASE now has {best} ({best_mase}); in use is {label} "
        "({mase}). Consider changing `forecasting.TrendSettings`.",
    ),
    "grid_not_run": (
        "Innstillingsrutenettet ble ikke kjørt (parameter `prophet_grid`).",
        "The settings grid was not run (parameter `prophet_grid`).",
    ),
    "col_settings": ("Innstillinger", "Settings"),
    "settings_linear": ("lineær, {n} knekkpunkter, prior {prior}", "linear, {n} changepoints, prior {prior}"),
    "settings_flat": ("flat (konstant nivå)", "flat (constant level)"),
    "col_in_use": ("I bruk", "In use"),
    "history_title": ("Kjørehistorikk: hva endret seg?", "Run history: what changed?"),
    "history_none": (
        "Ingen tidligere kjøringer er lagret ennå. Hver full kjøring av `{cmd}` lagres (de siste {keep}).",
        "No earlier run is kept yet. Every full run of `{cmd}` is kept (the last {keep}).",
    ),
    "choose_run": ("Sammenlign nå med kjøringen", "Compare now with the run"),
    "history_help": (
        "Nøkkeltallene nå mot den valgte kjøringen, og om inndata, parametere eller kode var endret.",
        "The headline figures now against the chosen run, and whether the input data, parameters or code changed.",
    ),
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
    "headline_default_trend": (
        "Standardlinjen {year}, {specialty} (årsverk)",
        "Default line {year}, {specialty} (FTEs)",
    ),
    "headline_default_coverage": ("Standardlinjens 80 %-bånd traff (%)", "Default line's 80 % band hit (%)"),
    "headline_default_family_mase": ("Samlet MASE, standardlinjen, {family}", "Pooled MASE, default line, {family}"),
    "headline_default_family_coverage": (
        "Standardlinjens 80 %-bånd traff, {family} (%)",
        "Default line's 80 % band hit, {family} (%)",
    ),
    "note_beaten": (
        "I backtesten slo {winner} Prophet på {series} (MASE {winner_mase} mot {prophet_mase}, {checks} kontroller).",
        "In the backtest {winner} beat Prophet on {series} (MASE {winner_mase} vs {prophet_mase}, {checks} checks).",
    ),
    "note_prophet_best": (
        "I backtesten hadde Prophet lavest feil på {series} (MASE {prophet_mase}; "
        "nest best {runner} {runner_mase}, {checks} kontroller).",
        "In the backtest Prophet had the lowest error on {series} (MASE "
        "{prophet_mase}; next best {runner} {runner_mase}, {checks} checks).",
    ),
    "note_default": (
        "I backtesten fikk standardlinjen MASE {mase} på {series} (naiv {naive_mase}; beste "
        "enkeltmetode {best} {best_mase}); 80 %-båndet holdt {hits} av {checks} utfall.",
        "In the backtest the default line scored MASE {mase} on {series} (naive {naive_mase}; "
        "best single method {best} {best_mase}); its 80 % band held {hits} of {checks} outcomes.",
    ),
    "note_unmeasured": (
        "{series}: ikke målt i backtesten (for kort serie eller MASE udefinert).",
        "{series}: not measured in the backtest (series too short or MASE undefined).",
    ),
    "note_missing": ("Treffsikkerheten er ikke målt ennå: `{cmd}`.", "Accuracy not measured yet: `{cmd}`."),
    "method_switch": ("Trendlinje", "Trend line"),
    "method_switch_help": (
        "Tegn en annen metodes linje i stedet for standardlinjen. MASE i "
        "backtesten (lavest er best, ★ vinner): {scores}.",
        "Draw another method's line instead of the default line. MASE in the "
        "backtest (lowest is best, ★ winner): {scores}.",
    ),
    "backcast_title": ("Planmodellene mot historien", "The planning models against history"),
    "backcast_intro": (
        "Fra hvert startår ({origins}) er legetilbudet (avgang, ferdige LiS og, i én variant, "
        "rekruttering utenfra kalibrert på årene fram til startåret) og bemanningsplanen regnet på nytt "
        "med bare dataene fram til startåret, og sammenlignet med det som skjedde. Ikke tilpasset: "
        "standardverdiene er de samme som ellers.",
        "From each origin year ({origins}) the physician supply (exits, finishing residents and, in one "
        "variant, recruitment from outside calibrated on the years up to the origin) and the staffing plan "
        "were rerun with only the data up to the origin, and compared with what happened. Not tuned: the "
        "defaults are the same as elsewhere.",
    ),
    "backcast_missing": (
        "Planmodellene er ikke testet mot historien ennå: `{cmd}`.",
        "The planning models have not been tested against history yet: `{cmd}`.",
    ),
    "backcast_actual": ("Faktisk (Tabell 6)", "Actual (Tabell 6)"),
    "backcast_from": ("Fra {origin}", "From {origin}"),
    "backcast_with_recruitment": ("med rekruttering", "with recruitment"),
    "backcast_without_recruitment": ("uten rekruttering", "without recruitment"),
    "backcast_trend": ("trend", "trend"),
    "backcast_target_growth": ("flat", "flat"),
    "backcast_summary": (
        "Avvik i {year} (modell − faktisk) per startår og variant, i prosent av faktisk:",
        "Error in {year} (modelled − actual) per origin and variant, as % of actual:",
    ),
    "backcast_col_origin": ("Startår", "Origin"),
    "backcast_col_series": ("Serie", "Series"),
    "backcast_col_variant": ("Variant", "Variant"),
    "backcast_col_modelled": ("Modell (årsverk)", "Modelled (FTEs)"),
    "backcast_col_actual": ("Faktisk (årsverk)", "Actual (FTEs)"),
    "backcast_col_error_pct": ("Avvik (%)", "Error (%)"),
}
