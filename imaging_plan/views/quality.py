"""The Model quality page's view: the stored backtest in sentences and tables, kept runs compared, the backcast.

Reads the stored backtest (notebook 05), the kept runs and the planning backcast (notebook 06); fits
and recomputes nothing heavy. None of it reads the scenario: results are keyed on the language and
the forecasts' versions only, so a slider moved elsewhere costs this page only lookups.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from imaging_plan.charts import quality as quality_charts
from imaging_plan.charts.common import localized
from imaging_plan.charts.quality import method_label
from imaging_plan.data import codes
from imaging_plan.data.codes import SPECIALTIES
from imaging_plan.forecasting.backtesting import DEFAULT, FAMILIES, MAPE_MIN_ACTUAL, METHODS
from imaging_plan.forecasting.default_lines import DEFAULT_LINES
from imaging_plan.i18n import fmt_number, role_name, specialty_name, t
from imaging_plan.pipeline import run_history
from imaging_plan.pipeline import runs as kept_runs
from imaging_plan.views import cache
from imaging_plan.views.snapshot import Snapshot

BACKTEST = "backtest_forecasts"  # the stored backtest every trend note reads
PLANNING_BACKCAST = "backtest_planning_models"
FIRST_SERIES = "physicians:radiology:total"  # the chart opens on the series the plan leans on most
NARROW, WIDE = 0.7, 0.9  # coverage of an 80 % interval read as too narrow / too wide outside these


def series_label(series_id: str, lang: str) -> str:
    """Return a series id in words: 'physicians:radiology:total' -> 'Radiology, total'."""
    family, *parts = series_id.split(":")
    words = []
    for part in parts:
        names = {**codes.SPECIALTIES, **codes.PHYSICIAN_CATEGORIES, **codes.STAFF_ROLES}.get(part)
        if names is not None:
            words.append(names[1] if lang == "en" else names[0])
        elif part == "total":
            words.append(t("total", lang))
        else:
            words.append(part)  # trust codes are read as they are
    if family == "inflow":
        words.insert(0, t("family_inflow", lang))
    return ", ".join(words)


def _method(m: str, lang: str, capital: bool = False) -> str:
    base, _, settings = m.partition(": ")  # a Prophet grid candidate: 'median: linear, 3 changepoints, prior 5'
    name = method_label(base, lang) if capital else t(f"method_{base}", lang)
    return f"{name} ({settings})" if settings else name


def default_sentences(by_family: pd.DataFrame, choices: pd.DataFrame, lang: str) -> list[str]:
    """Return one sentence per family: the line drawn by default, its out-of-sample MASE against naive, its coverage.

    A second sentence where the backtest's choice on every check differs from the line
    the package draws (`forecasting.DEFAULT_LINES`).
    """
    lines = []
    for family in FAMILIES:
        own = by_family[by_family["family"] == family].set_index("method")
        if DEFAULT not in own.index or "naive" not in own.index:
            continue
        row, naive = own.loc[DEFAULT], own.loc["naive"]
        drawn = DEFAULT_LINES[family].name
        change = (row["mase_all"] / naive["mase_all"] - 1) * 100
        key = "default_better" if change < 0 else "default_worse"
        lines.append(
            t(
                "default_family",
                lang,
                family=t(f"family_{family}", lang),
                method=_method(drawn, lang),
                mase=fmt_number(row["mase_all"], lang, 2),
                naive_mase=fmt_number(naive["mase_all"], lang, 2),
                change=t(key, lang, pct=fmt_number(abs(change), lang)),
                checks=int(row["checks"]),
                share=_share(row["coverage"], lang),
                hits=int(row["hits"]),
            )
        )
        chosen = choices[(choices["family"] == family) & choices["drawn"]]
        if len(chosen) and chosen["chosen"].iloc[0] != drawn:
            lines.append(
                t(
                    "default_differs",
                    lang,
                    chosen=_method(chosen["chosen"].iloc[0], lang),
                    family=t(f"family_{family}", lang).lower(),
                    method=_method(drawn, lang),
                )
            )
    return lines


def settings_label(row: pd.Series, lang: str) -> str:
    """Return a Prophet grid candidate in words: growth, changepoints and prior."""
    if row["growth"] == "flat":
        return t("settings_flat", lang)
    return t(
        "settings_linear",
        lang,
        n=int(row["n_changepoints"]),
        prior=fmt_number(row["changepoint_prior_scale"], lang, 2).rstrip("0").rstrip(",."),
    )


def _share(value: float, lang: str) -> str:
    return f"{fmt_number(100 * value, lang)} %"


def reading(pooled: pd.DataFrame, winners: pd.DataFrame, lang: str) -> list[str]:
    """Return the plain-language reading of the backtest, one sentence group per finding, from its numbers."""
    table = pooled.set_index("method")
    best = table["mase_all"].idxmin()
    last = max(int(c.removeprefix("mase_h")) for c in table if c.startswith("mase_h"))
    h1, hl = "mase_h1", f"mase_h{last}"
    measured = winners[winners["winner"].notna()]
    lines = [
        t(
            "reading_best",
            lang,
            series=len(measured),
            checks=int(table.loc[best, "checks"]),
            best=_method(best, lang),
            best_mase=fmt_number(table.loc[best, "mase_all"], lang, 2),
            prophet_mase=fmt_number(table.loc["prophet", "mase_all"], lang, 2),
        ),
        t(
            "reading_horizons",
            lang,
            h1_best=_method(table[h1].idxmin(), lang),
            h1_mase=fmt_number(table[h1].min(), lang, 2),
            last=last,
            hl_best=_method(table[hl].idxmin(), lang),
            hl_mase=fmt_number(table[hl].min(), lang, 2),
        ),
        t(
            "reading_wins",
            lang,
            wins=", ".join(
                f"{_method(m, lang)} {int(table.loc[m, 'series_won'])}" for m in METHODS if m in table.index
            ),
        ),
    ]
    ahead = table.loc["prophet", "mase_all"] < table.loc["naive", "mase_all"]
    lines.append(t("reading_prophet_ahead" if ahead else "reading_prophet_behind", lang))
    coverage = table.loc["prophet", "coverage"]
    verdict = "verdict_narrow" if coverage < NARROW else "verdict_wide" if coverage > WIDE else "verdict_fair"
    lines.append(
        t(
            "reading_coverage",
            lang,
            hits=int(table.loc["prophet", "hits"]),
            checks=int(table.loc["prophet", "checks"]),
            share=_share(coverage, lang),
            verdict=t(verdict, lang),
        )
    )
    checks = measured["prophet_checks"]
    lines.append(
        t("reading_median", lang, median=fmt_number(table.loc["prophet", "median_all"], lang, 2))
        + " "
        + t("reading_noisy", lang, fewest=int(checks.min()), most=int(checks.max()))
    )
    return lines


def pooled_table(pooled: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the pooled MASE per method and horizon, coverage with its counts, and series won."""
    horizons = [c for c in pooled if c.startswith("mase_h")]
    shown = pd.DataFrame({t("col_method", lang): pooled["method"].map(lambda m: _method(m, lang, True))})
    for c in horizons:
        shown[t("col_mase_h", lang, h=c.removeprefix("mase_h"))] = pooled[c].round(2)
    shown[t("col_mase_all", lang)] = pooled["mase_all"].round(2)
    shown[t("col_median", lang)] = pooled["median_all"].round(2)
    shown[t("col_coverage", lang)] = (100 * pooled["coverage"]).round(0)
    shown[t("col_hits", lang)] = pooled["hits"].astype(str) + "/" + pooled["checks"].astype(str)
    shown[t("col_won", lang)] = pooled["series_won"].astype("Int64")  # only single methods compete
    return shown


def accuracy_table(winners: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return one row per series: MASE of each method, the winner (★) and Prophet's interval hits/checks."""
    shown = pd.DataFrame(
        {
            t("col_series", lang): winners["series_id"].map(lambda s: series_label(s, lang)),
            t("family", lang): winners["family"].map(lambda f: t(f"family_{f}", lang)),
            t("col_points", lang): winners["points"],
        }
    )
    for m in METHODS:
        shown[t("col_mase", lang, method=_method(m, lang))] = winners[f"mase_{m}"].round(2)
    shown[t("col_winner", lang)] = [
        f"★ {_method(w, lang, True)}" if isinstance(w, str) else t("not_backtestable", lang) for w in winners["winner"]
    ]
    shown[t("col_prophet_coverage", lang)] = (
        winners["prophet_hits"].astype(str) + "/" + winners["prophet_checks"].astype(str)
    )
    return shown


def detail_table(accuracy: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return MASE, MAPE and coverage per series, method and horizon, translated."""
    return pd.DataFrame(
        {
            t("col_series", lang): accuracy["series_id"].map(lambda s: series_label(s, lang)),
            t("col_method", lang): accuracy["method"].map(lambda m: _method(m, lang, True)),
            t("col_horizon", lang): accuracy["horizon"],
            "MASE": accuracy["mase"].round(2),
            t("col_mape", lang): accuracy["mape"].round(1),
            t("col_hits", lang): accuracy["hits"].astype(str) + "/" + accuracy["checks"].astype(str),
        }
    )


def grid_view(grid: pd.DataFrame, lang: str) -> tuple[str, pd.DataFrame]:
    """Return the Prophet settings grid in a sentence (the best against the settings in use) and as a table."""
    current, best = grid[grid["current"]].iloc[0], grid[grid["best"]].iloc[0]
    if current["label"] == best["label"]:
        summary = t(
            "grid_best_is_current",
            lang,
            label=settings_label(current, lang),
            mase=fmt_number(current["mase_all"], lang, 2),
        )
    else:
        summary = t(
            "grid_best_differs",
            lang,
            best=settings_label(best, lang),
            best_mase=fmt_number(best["mase_all"], lang, 2),
            label=settings_label(current, lang),
            mase=fmt_number(current["mase_all"], lang, 2),
        )
    horizons = [c for c in grid if c.startswith("mase_h")]
    shown = pd.DataFrame({t("col_settings", lang): [settings_label(r, lang) for _, r in grid.iterrows()]})
    for c in horizons:
        shown[t("col_mase_h", lang, h=c.removeprefix("mase_h"))] = grid[c].round(2)
    shown[t("col_mase_all", lang)] = grid["mase_all"].round(2)
    shown[t("col_median", lang)] = grid["median_all"].round(2)
    shown[t("col_hits", lang)] = grid["hits"].astype(str) + "/" + grid["checks"].astype(str)
    shown[t("col_in_use", lang)] = grid["current"].map({True: "●", False: ""})
    return summary, shown


@dataclass(frozen=True)
class QualityView:
    """What the page shows of the stored backtest, in the viewer's language."""

    rule: str | None  # how the default line is chosen; None for a backtest made before the rule
    lead: list[str] | None  # one sentence per family; None for a backtest made before the default line
    reading: list[str]
    pooled: pd.DataFrame
    accuracy: pd.DataFrame
    grid_summary: str
    grid: pd.DataFrame
    grid_run: bool  # more than the settings in use were scored
    winners: pd.DataFrame  # the stored per-series winners (the chart's choice of series reads them)
    measured: tuple[str, ...]  # the series the backtest could score, in stored order
    first_series: str  # the one the chart opens on
    detail: pd.DataFrame  # the stored accuracy per series, method and horizon (untranslated, for the CSV)
    mape_min_actual: float  # the smallest actual a MAPE was taken on


@cache.cached()
def compute(snapshot: Snapshot) -> QualityView | None:
    """Return the page's sentences and tables from the stored backtest (None when there is none)."""
    backtest = snapshot.forecast(BACKTEST)
    if backtest is None:
        return None
    tables, lang = backtest.tables, snapshot.lang
    choices = tables.get("default_choices")
    rule = None
    if choices is not None and "candidates" in choices:
        rule = t("default_rule", lang, candidates=int(choices["candidates"].max()))
    lead = None
    if "pooled_by_family" in tables and choices is not None:
        lead = default_sentences(tables["pooled_by_family"], choices, lang)
    summary, grid = grid_view(tables["prophet_grid"], lang)
    winners = tables["winners"]
    measured = tuple(winners[winners["winner"].notna()]["series_id"])
    return QualityView(
        rule=rule,
        lead=lead,
        reading=reading(tables["pooled"], winners, lang),
        pooled=pooled_table(tables["pooled"], lang),
        accuracy=accuracy_table(winners, lang),
        grid_summary=summary,
        grid=grid,
        grid_run=len(tables["prophet_grid"]) > 1,
        winners=winners,
        measured=measured,
        first_series=FIRST_SERIES if FIRST_SERIES in measured else measured[0],
        detail=tables["accuracy"],
        mape_min_actual=backtest.manifest.get("parameters", {}).get("mape_min_actual", MAPE_MIN_ACTUAL),
    )


@cache.cached()
def chart_spec(snapshot: Snapshot, series_id: str, methods: tuple[str, ...]) -> dict:
    """Return the backtest chart's spec for one series and methods (Altair takes ~100 ms: built once, shared)."""
    tables = snapshot.forecast(BACKTEST).tables
    lang = snapshot.lang
    lines = quality_charts.backtest_lines(tables["series"], tables["forecasts"], series_id, list(methods), lang)
    return localized(quality_charts.backtest_chart(lines, series_label(series_id, lang), lang), lang)


# --- Kept runs against the current one ---------------------------------------------------------


def kept_run(forecasts_dir: Path, run: str) -> dict:
    """Return a kept run's forecasts, shared read-only (a kept run never changes)."""
    return cache.shared("kept_run", (str(forecasts_dir), run), lambda: kept_runs.read_run(Path(forecasts_dir), run))


@dataclass(frozen=True)
class History:
    """The kept runs to compare with, newest first, and the one chosen by default."""

    runs: list[str]
    default: int  # index in `runs`: the newest kept run that differs from what is shown now


def history(snapshot: Snapshot) -> History | None:
    """Return the kept runs and the default choice among them (None when no run was kept)."""
    runs = kept_runs.list_runs(snapshot.forecasts_dir)
    if not runs:
        return None
    made_now = {name: f.manifest.get("created_utc") for name, f in snapshot.forecasts.items()}
    same = [
        r
        for r in runs[:2]
        if {n: f.manifest.get("created_utc") for n, f in kept_run(snapshot.forecasts_dir, r).items()} == made_now
    ]
    return History(runs, next((i for i, r in enumerate(runs) if r not in same), 0))


@dataclass(frozen=True)
class Comparison:
    """The headline figures now and in a kept run, and why they moved, with headers in the viewer's language."""

    changes: pd.DataFrame
    reasons: pd.DataFrame


@cache.cached()
def comparison(snapshot: Snapshot, run: str) -> Comparison:
    """Return the headline changes and the reasons (data, parameters, code) between now and a kept run."""
    lang = snapshot.lang
    earlier = kept_run(snapshot.forecasts_dir, run)
    current = dict(snapshot.forecasts)
    changes, why = run_history.compare_headlines(current, earlier), run_history.compare_runs(current, earlier)
    label = f"label_{'en' if lang == 'en' else 'nb'}"
    shown = pd.DataFrame(
        {
            t("col_figure", lang): changes[label],
            t("col_earlier", lang): changes["earlier"].round(2),
            t("col_now", lang): changes["current"].round(2),
            t("col_run_change", lang): changes["change"].round(2),
        }
    )
    reasons = why.rename(
        columns={
            "forecast": t("col_forecast", lang),
            "made_earlier": t("col_made_earlier", lang),
            "made_current": t("col_made_now", lang),
            "data_changed": t("col_data_changed", lang),
            "parameters_changed": t("col_parameters_changed", lang),
            "code_changed": t("col_code_changed", lang),
        }
    )
    return Comparison(shown, reasons)


# --- The planning models against history (notebook 06) -----------------------------------------


def backcast_error_table(backcast: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the last year's error per family, series, origin and variant, with translated headers."""
    last = backcast[backcast["year"] == backcast["year"].max()].copy()
    last["series"] = [
        specialty_name(s, lang) if f == "physicians" else role_name(s, lang)
        for f, s in zip(last["family"], last["series"])
    ]
    last["variant"] = [t(f"backcast_{v}", lang) for v in last["variant"]]
    columns = ["series", "origin", "variant", "modelled", "actual", "error_pct"]
    shown = last[columns].round({"modelled": 1, "actual": 1, "error_pct": 1})
    return shown.rename(columns={c: t(f"backcast_col_{c}", lang) for c in columns})


@dataclass(frozen=True)
class Backcast:
    """The planning models from earlier origins against what happened."""

    origins: str  # the origins in words: '2015, 2018'
    specialties: tuple[str, ...]  # one chart each, in the plan's order
    last_year: int
    errors: pd.DataFrame  # the last year's error per series, origin and variant, translated
    rows: pd.DataFrame  # the stored table (for the CSV)


@cache.cached()
def backcast(snapshot: Snapshot) -> Backcast | None:
    """Return the planning backcast's view (None when notebook 06 has not been run)."""
    forecast = snapshot.forecast(PLANNING_BACKCAST)
    if forecast is None:
        return None
    rows = forecast.tables["planning_backcast"]
    return Backcast(
        origins=", ".join(str(int(o)) for o in sorted(rows["origin"].unique())),
        specialties=tuple(s for s in SPECIALTIES if s in set(rows["series"])),
        last_year=int(rows["year"].max()),
        errors=backcast_error_table(rows, snapshot.lang),
        rows=rows,
    )


@cache.cached()
def backcast_spec(snapshot: Snapshot, specialty: str) -> dict:
    """Return one specialty's backcast chart (actual beside each origin's modelled lines), built once, shared."""
    lang = snapshot.lang
    rows = snapshot.forecast(PLANNING_BACKCAST).tables["planning_backcast"]
    lines = quality_charts.backcast_lines(rows, specialty, lang, snapshot.tables.get("physician_ftes"))
    return localized(quality_charts.backcast_chart(lines, specialty_name(specialty, lang), lang), lang)
