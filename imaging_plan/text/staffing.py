"""The Staffing and turnover page: FTEs, leavers and hires per trust and role, the turnover flags,
and the sentence it gives the overview.

Each entry is key: (bokmål, English); `imaging_plan.i18n` merges the catalogues.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "page_staffing": ("Bemanning og turnover", "Staffing and turnover"),
    "group_staff": ("Bemanning og turnover", "Staffing and turnover"),
    "group_staff_trusts": ("Turnover per helseforetak", "Turnover per trust"),
    "staff_title": (
        "Radiografer og annet personell: hvor mange må vi ansette, og øker turnover?",
        "Radiographers and other staff: how many must we hire, and is turnover rising?",
    ),
    "staff_intro": (
        "Årsverk per helseforetak fra Tabell 7 i fagplanen (2015–2025), trend per helseforetak og "
        "yrkesgruppe, og ansettelsesbehovet hvert år fram til horisonten: **avgang = turnover × "
        "årsverk** (snittet av årets start og slutt) og **ansettelser = avgang + planlagt endring "
        "i årsverk**. Planlagte årsverk følger helseforetakets egen trend, flyttet så den starter i "
        "tallet for {base}, eller målveksten i sidepanelet. Turnover er regionens sats per "
        "yrkesgruppe, pluss helseforetakets avvik, pluss økende turnover per år.",
        "FTEs per trust from Tabell 7 of the plan (2015–2025), a trend per trust and role, and "
        "the hires needed each year to the horizon: **leavers = turnover × FTEs** (the mean of "
        "the year's start and end) and **hires = leavers + planned change in FTEs**. Planned "
        "FTEs follow the trust's own trend, shifted to start at its {base} figure, or the target "
        "growth in the sidebar. Turnover is the region's rate per role, plus the trust's "
        "difference, plus the rising turnover per year.",
    ),
    "staff_forecast_missing": (
        "Trendene mangler: prognosen er ikke laget ennå. Lag den med `{cmd}` (eller start appen "
        "med `make app`). Til da vokser planlagte årsverk med målveksten.",
        "The trends are missing: the forecast has not been made yet. Make it with `{cmd}` (or "
        "start the app with `make app`). Until then planned FTEs grow at the target growth.",
    ),
    "staff_using_target": (
        "Planlagte årsverk vokser med målveksten, {pct} % per år, i alle helseforetak.",
        "Planned FTEs grow at the target growth, {pct} % a year, in every trust.",
    ),
    "staff_trusts": ("Helseforetak", "Trusts"),
    "staff_roles": ("Yrkesgrupper", "Roles"),
    "staff_pick": ("Velg minst ett helseforetak og én yrkesgruppe.", "Pick at least one trust and one role."),
    "staff_hires_to": ("Ansettelser {first}–{horizon}", "Hires {first}–{horizon}"),
    "staff_hires_in": ("Ansettelser {year}", "Hires {year}"),
    "staff_share_mean": ("Ansettelser i % av årsverk", "Hires as % of FTEs"),
    "staff_metric_help": (
        "Sum for valgte helseforetak, i årsverk; endring mot standardforutsetningene under.",
        "Sum over the chosen trusts, in FTEs; change against the default assumptions below.",
    ),
    "staff_share_help": ("Årlig snitt: ansettelser delt på årsverk.", "Yearly mean: hires divided by FTEs."),
    "staff_per_trust": ("Ansettelsesbehov per helseforetak til {horizon}", "Hires needed per trust to {horizon}"),
    "staff_per_trust_help": (
        "Samlede ansettelser med dagens turnover og med økende turnover (+{pp} prosentpoeng per "
        "år, fra sidepanelet). Er økningen 0, er kolonnene like. Et helseforetaks egen turnover "
        "settes under «Turnover per helseforetak» i sidepanelet: 0 betyr regionens sats.",
        "Cumulative hires under today's turnover and under rising turnover (+{pp} percentage "
        "points a year, from the sidebar). When the rise is 0 the columns are equal. A trust's "
        "own turnover is set under 'Turnover per trust' in the sidebar: 0 means the region's rate.",
    ),
    "staff_region": ("{role}: regionen", "{role}: the region"),
    "staff_backtest": (
        "Hvor godt traff trendene for {role} i backtesten?",
        "How well did the {role} trends do in the backtest?",
    ),
    "staff_region_covers": (
        "Regional sum av helseforetakene med tall for alle år ({trusts}).",
        "Regional sum of the trusts with figures for every year ({trusts}).",
    ),
    "staff_by_trust": ("{role}: årsverk per helseforetak", "{role}: FTEs per trust"),
    "staff_hires_by_trust": ("{role}: ansettelsesbehov per år", "{role}: hires needed per year"),
    "staff_history": ("Historikk (Tabell 7)", "History (Tabell 7)"),
    "staff_trend": ("Trend (standardlinjen, 80 % bånd)", "Trend (the default line, 80 % band)"),
    "staff_planned": ("Planlagte årsverk", "Planned FTEs"),
    "staff_kind": ("Kurve", "Line"),
    "staff_hires_axis": ("Ansettelser (årsverk per år)", "Hires (FTEs per year)"),
    "staff_turnover_axis": ("Turnover (% per år)", "Turnover (% per year)"),
    "staff_assumed": ("Forutsatt turnover", "Assumed turnover"),
    "staff_flagged": ("Stigende turnover (flagget)", "Rising turnover (flagged)"),
    "staff_status_ends_early": (
        "{trust}, {role}: Tabell 7 har tall bare til {last}. Trenden bygger på {first}–{last}; "
        "serien er ikke med i ansettelsesplanen eller i regionens sum (ingen tall er fylt inn).",
        "{trust}, {role}: Tabell 7 has figures only to {last}. The trend rests on {first}–{last}; "
        "the series is not in the hiring plan nor in the regional sum (no figure is filled in).",
    ),
    "staff_status_no_data": (
        "{trust}, {role}: ingen rad i Tabell 7; ikke med (ikke regnet som null).",
        "{trust}, {role}: no row in Tabell 7; left out (not counted as zero).",
    ),
    "staff_status_gaps": (
        "{trust}, {role}: mangler tall for noen år; med i planen fra {base}, men ikke i regionens sum.",
        "{trust}, {role}: some years lack figures; planned from {base}, but not in the regional sum.",
    ),
    "staff_turnover_header": (
        "Turnover-historikk og tegn på økende turnover",
        "Turnover history and signs of rising turnover",
    ),
    "staff_hr_missing": (
        "Ingen HR-fil: turnover-historikken mangler, så ingen helseforetak kan flagges. Planen over "
        "bruker forutsetningene i sidepanelet. Legg HR-uttrekket som `staff_turnover.csv` i "
        "datamappa ({folder}), med én rad per år, helseforetak og yrkesgruppe, i denne formen:",
        "No HR file: the turnover history is missing, so no trust can be flagged. The plan above "
        "uses the assumptions in the sidebar. Put the HR export as `staff_turnover.csv` in the "
        "data folder ({folder}), one row per year, trust and role, in this shape:",
    ),
    "staff_hr_columns": (
        "`leavers` og `hires`: antall som sluttet og ble ansatt i året; `avg_ftes`: "
        "gjennomsnittlige årsverk og/eller `headcount`: gjennomsnittlig antall ansatte "
        "(headcount brukes når begge finnes); `source`: hvor tallene kommer fra. Koder for "
        "helseforetak og yrkesgrupper som i `staff_ftes.csv`.",
        "`leavers` and `hires`: people who left and were hired in the year; `avg_ftes`: "
        "average FTEs and/or `headcount`: average number of staff (headcount is used when both "
        "are given); `source`: where the figures come from. Trust and role codes as in "
        "`staff_ftes.csv`.",
    ),
    "staff_hr_error": (
        "HR-fila kan ikke leses, så turnover-historikken vises ikke:",
        "The HR file cannot be read, so the turnover history is not shown:",
    ),
    "staff_turnover_title": ("{role}: turnover per år", "{role}: turnover per year"),
    "staff_flag_rule": (
        "Et helseforetak flagges når (a) siste års avgang er signifikant høyere enn egen historikk "
        "tilsier (forventet = samlet rate i tidligere år × siste års ansatte; ensidig "
        "Poisson-test, p < 5 %), eller (b) turnover de siste {window} årene stiger mer enn "
        "{threshold} prosentpoeng per år (vektet regresjon) og stigningen er større enn tilfeldig "
        "variasjon (ensidig test av z, p < 5 %). Les et flagg som en grunn til å se nærmere etter.",
        "A trust is flagged when (a) the latest year's leavers are significantly more than its "
        "own history implies (expected = pooled rate of earlier years × latest staff; one-sided "
        "Poisson test, p < 5 %), or (b) turnover over the latest {window} years rises faster than "
        "{threshold} percentage points a year (weighted regression) and more than chance "
        "variation would (one-sided test of z, p < 5 %). Read a flag as a reason to look closer.",
    ),
    "staff_flag_correction": (
        "Alle p-verdiene i tabellen (begge testene, alle helseforetak og yrkesgrupper) justeres "
        "samlet for multippel testing med Benjamini-Hochberg, så at høyst 5 % av flaggene ventes å "
        "skyldes tilfeldigheter (uten justering ville omtrent to flate serier i året blitt flagget).",
        "Every p-value in the table (both tests, all trusts and roles) is adjusted together for "
        "multiple testing with Benjamini-Hochberg, so that at most 5 % of the flags are expected to "
        "be chance (without it about two flat series a year would be flagged).",
    ),
    "staff_flags": ("Flagg per helseforetak og yrkesgruppe", "Flags per trust and role"),
    "staff_none_flagged": ("Ingen valgte helseforetak er flagget.", "No chosen trust is flagged."),
    "staff_flagged_list": ("Flagget: {items}.", "Flagged: {items}."),
    "staff_table": ("Plan per helseforetak, yrkesgruppe og år", "Plan per trust, role and year"),
    "staff_note_no_earlier_leavers": (
        "ingen avgang i tidligere år: ingen test",
        "no leavers in earlier years: no test",
    ),
    "staff_note_few_earlier_years": ("under 3 tidligere år: ingen test", "fewer than 3 earlier years: no test"),
    "staff_note_few_leavers_for_trend": (
        "under 5 som sluttet på 5 år: ingen trendtest",
        "fewer than 5 leavers in 5 years: no trend test",
    ),
    "staff_note_few_years_for_trend": ("under 3 år: ingen trendtest", "fewer than 3 years: no trend test"),
    "staff_method_prophet": ("Prophet", "Prophet"),
    "staff_method_drift": ("drift (for få år for Prophet)", "drift (too few years for Prophet)"),
    "staff_method_last_value": ("siste verdi (ett år)", "last value (one year)"),
    "staff_method_target_growth": ("målvekst", "target growth"),
    "staff_method_workload": ("arbeidsmengde (undersøkelser × minutter)", "workload (exams × minutes)"),
    "staff_yes": ("ja", "yes"),
    "col_role": ("Yrkesgruppe", "Role"),
    "col_trust": ("Helseforetak", "Trust"),
    "col_method": ("Metode", "Method"),
    "col_fte_at": ("Årsverk {year}", "FTEs {year}"),
    "col_hires_today": ("Ansettelser, dagens turnover", "Hires, today's turnover"),
    "col_hires_rising": ("Ansettelser, økende turnover", "Hires, rising turnover"),
    "col_change": ("Endring (årsverk)", "Change (FTEs)"),
    "col_turnover_pct": ("Turnover (%)", "Turnover (%)"),
    "col_leavers": ("Avgang (årsverk)", "Leavers (FTEs)"),
    "col_hires_needed": ("Ansettelser (årsverk)", "Hires needed (FTEs)"),
    "col_excess": ("Overtallige utover avgang (årsverk)", "Excess beyond leavers (FTEs)"),
    "col_cumulative_hires": ("Ansettelser hittil (årsverk)", "Cumulative hires (FTEs)"),
    "col_hires_share_pct": ("Ansettelser i % av årsverk", "Hires as % of FTEs"),
    "col_staff_fte": ("Årsverk", "FTEs"),
    "col_latest_pct": ("Siste år, turnover (%)", "Latest year, turnover (%)"),
    "col_history_pct": ("Tidligere år, turnover (%)", "Earlier years, turnover (%)"),
    "col_p_value": ("p (siste år)", "p (latest year)"),
    "col_p_adjusted": ("p justert (siste år)", "p adjusted (latest year)"),
    "col_trend_p_adjusted": ("p justert (trend)", "p adjusted (trend)"),
    "col_slope_pp": ("Trend (poeng/år)", "Trend (points/year)"),
    "col_flag": ("Flagg", "Flag"),
    "col_note": ("Merknad", "Note"),
    "col_rate_used": ("Turnover i planen (%)", "Turnover in the plan (%)"),
    "col_rate_first": ("Turnover {year} (%)", "Turnover {year} (%)"),
    "col_source": ("Kilde", "Source"),
    "ov_staff_label": ("Radiografer: ansettelser {first}–{last}", "Radiographers: hires {first}–{last}"),
    "ov_staff_region": (
        "Radiografer i regionen: avgang og ansettelser per år",
        "Radiographers in the region: leavers and hires per year",
    ),
    "ov_staff_sentence": (
        "Regionen må ansette om lag {hires} radiografårsverk fram til {year}, {per_year} i året, med "
        "{rate} % turnover som stiger {rise} prosentpoeng per år.",
        "The region must hire about {hires} radiographer FTEs by {year}, {per_year} a year, at "
        "{rate} % turnover rising by {rise} percentage points a year.",
    ),
    "ov_staff_sentence_steady": (
        "Regionen må ansette om lag {hires} radiografårsverk fram til {year}, {per_year} i året, med "
        "dagens {rate} % turnover.",
        "The region must hire about {hires} radiographer FTEs by {year}, {per_year} a year, at "
        "today's {rate} % turnover.",
    ),
    "ov_staff_flags": ("Økende turnover nå", "Turnover rising now"),
    "ov_staff_none": ("ingen flagget", "none flagged"),
    "ov_staff_flag_count": ("{n} av {of} flagget", "{n} of {of} flagged"),
    "ov_staff_flags_sentence": (
        "Helseforetak og yrkesgrupper der siste års turnover er signifikant "
        "over egen historikk eller stiger raskere enn terskelen: {names}.",
        "Trusts and roles whose latest turnover is significantly above their "
        "own history or rises faster than the threshold: {names}.",
    ),
    "ov_staff_no_hr": (
        "Ingen HR-fil (staff_turnover.csv): turnover-historikken mangler.",
        "No HR file (staff_turnover.csv): the turnover history is missing.",
    ),
    "ov_staff_hr_error": (
        "HR-fila kan ikke leses; se siden Bemanning og turnover.",
        "The HR file cannot be read; see the Staffing and turnover page.",
    ),
    "staff_method_default": ("standardlinjen", "the default line"),
    "staff_methods_default": (
        "Trendmetode: standardlinjen backtesten valgte for personell ({method}) der serien har minst "
        "{n} år; ellers drift (rett linje fra første til siste punkt) eller siste verdi, uten "
        "intervall. Kolonnen «Metode» i tabellen viser hvilken.",
        "Trend method: the default line the backtest chose for staff ({method}) where the series has "
        "at least {n} years; otherwise drift (the straight line from the first to the last point) or "
        "the last value, with no interval. The table's Method column says which.",
    ),
    "col_leavers_people": ("Avgang (personer)", "Leavers (people)"),
    "col_hires_people": ("Ansettelser (personer)", "Hires needed (people)"),
    "hr_example_caption": (
        "EKSEMPEL på filformatet: oppdiktede tall, ikke fra noe helseforetak.",
        "EXAMPLE of the file format: made-up numbers, not from any trust.",
    ),
}
