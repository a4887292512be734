"""Model quality page: how each forecast did in the backtest, and what changed since an earlier run.

Reads the stored backtest (notebook 05) and the kept runs; fits and recomputes nothing
heavy, so a slider move elsewhere costs this page only a few table lookups.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from imaging_plan.pipeline import run_history
from imaging_plan.pipeline import runs as kept_runs
from imaging_plan.forecasting.backtesting import DEFAULT, FAMILIES, MAPE_MIN_ACTUAL, METHODS
from imaging_plan.forecasting.default_lines import DEFAULT_LINES
from imaging_plan.data.codes import SPECIALTIES
from imaging_plan.i18n import fmt_number, role_name, specialty_name, t
from imaging_plan.charts import quality as quality_charts
from imaging_plan.charts.common import localized
from imaging_plan.charts.quality import method_label
from imaging_plan.app import state, url_codes
from imaging_plan.app.build_progress import forecast_or_progress
from imaging_plan.app.components import BACKTEST, BACKTEST_COMMAND, download_csv, forecast_status, series_label

RUN_COMMAND = "python -m imaging_plan.pipeline.runner"
FIRST_SERIES = "physicians:radiology:total"  # the chart opens on the series the plan leans on most
NARROW, WIDE = 0.7, 0.9  # coverage of an 80 % interval read as too narrow / too wide outside these


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


def show_table(frame: pd.DataFrame) -> None:
    """Draw a sortable table whose numbers follow the user's locale."""
    numbers = {
        c: st.column_config.NumberColumn(format="localized") for c in frame if pd.api.types.is_float_dtype(frame[c])
    }
    st.dataframe(frame, hide_index=True, width="stretch", column_config=numbers)


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


def compute(snapshot: state.Snapshot) -> QualityView | None:
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
    return QualityView(
        rule=rule,
        lead=lead,
        reading=reading(tables["pooled"], tables["winners"], lang),
        pooled=pooled_table(tables["pooled"], lang),
        accuracy=accuracy_table(tables["winners"], lang),
        grid_summary=summary,
        grid=grid,
        grid_run=len(tables["prophet_grid"]) > 1,
    )


def chart_section(ctx, winners: pd.DataFrame) -> None:
    lang = ctx.lang
    st.subheader(t("chart_title", lang))
    measured = winners[winners["winner"].notna()]["series_id"].tolist()
    chosen = url_codes.coded(
        st.selectbox,
        t("choose_series", lang),
        measured,
        format_func=lambda s: series_label(s, lang),
        default=FIRST_SERIES if FIRST_SERIES in measured else measured[0],
        key="series",
    )
    winner = winners.set_index("series_id").loc[chosen, "winner"]
    methods = st.pills(
        t("choose_methods", lang),
        list(METHODS),
        selection_mode="multi",
        default=list(dict.fromkeys([winner, "prophet"])),
        format_func=lambda m: _method(m, lang, True),
        key=f"methods_{chosen}",
    )
    st.caption(t("chart_help", lang))
    st.vega_lite_chart(state.computed(chart_spec, ctx, chosen, tuple(methods or ())), width="stretch")


def chart_spec(snapshot: state.Snapshot, series_id: str, methods: tuple[str, ...]) -> dict:
    """Return the backtest chart's spec for one series and methods (Altair takes ~100 ms: built once, shared)."""
    tables = snapshot.forecast(BACKTEST).tables
    lang = snapshot.lang
    lines = quality_charts.backtest_lines(tables["series"], tables["forecasts"], series_id, list(methods), lang)
    return localized(quality_charts.backtest_chart(lines, series_label(series_id, lang), lang), lang)


def _kept_run(forecasts_dir: Path, run: str) -> dict:
    """Return a kept run's forecasts, shared read-only (a kept run never changes)."""
    return state.shared("kept_run", (str(forecasts_dir), run), lambda: kept_runs.read_run(Path(forecasts_dir), run))


def comparison(snapshot: state.Snapshot, run: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the headline changes and the reasons (data, parameters, code) between now and a kept run."""
    earlier = _kept_run(snapshot.forecasts_dir, run)
    current = dict(snapshot.forecasts)
    return run_history.compare_headlines(current, earlier), run_history.compare_runs(current, earlier)


def history_section(ctx) -> None:
    lang = ctx.lang
    st.subheader(t("history_title", lang))
    runs = kept_runs.list_runs(ctx.forecasts_dir)
    if not runs:
        st.info(t("history_none", lang, cmd=RUN_COMMAND, keep=kept_runs.HISTORY_KEEP))
        return
    st.caption(t("history_help", lang))
    made_now = {name: f.manifest.get("created_utc") for name, f in ctx.forecasts.items()}
    # By default the newest kept run that differs from what is shown now.
    same = [
        r
        for r in runs[:2]
        if {n: f.manifest.get("created_utc") for n, f in _kept_run(ctx.forecasts_dir, r).items()} == made_now
    ]
    default = next((i for i, r in enumerate(runs) if r not in same), 0)
    run = st.selectbox(t("choose_run", lang), runs, index=default, key="run")
    changes, why = state.computed(comparison, ctx, run)
    label = f"label_{'en' if lang == 'en' else 'nb'}"
    show_table(
        pd.DataFrame(
            {
                t("col_figure", lang): changes[label],
                t("col_earlier", lang): changes["earlier"].round(2),
                t("col_now", lang): changes["current"].round(2),
                t("col_run_change", lang): changes["change"].round(2),
            }
        )
    )
    st.dataframe(
        why.rename(
            columns={
                "forecast": t("col_forecast", lang),
                "made_earlier": t("col_made_earlier", lang),
                "made_current": t("col_made_now", lang),
                "data_changed": t("col_data_changed", lang),
                "parameters_changed": t("col_parameters_changed", lang),
                "code_changed": t("col_code_changed", lang),
            }
        ),
        hide_index=True,
        width="stretch",
    )


def _bullets(lines: list[str]) -> None:
    st.markdown("\n".join(f"- {line}" for line in lines))


def render(ctx) -> None:
    lang = ctx.lang
    st.title(t("quality_title", lang))
    st.markdown(t("quality_intro", lang))
    backtest = forecast_or_progress(ctx, BACKTEST, BACKTEST_COMMAND, "backtest_missing", t("page_quality", lang))
    view = state.computed(compute, ctx) if backtest is not None else None
    if view is not None:
        st.subheader(t("default_title", lang))
        if view.rule:
            st.caption(view.rule)
        if view.lead is not None:
            _bullets(view.lead)
        else:
            st.info(t("default_not_run", lang, cmd=BACKTEST_COMMAND))
        st.subheader(t("reading_title", lang))
        _bullets(view.reading)

        st.subheader(t("pooled_title", lang))
        st.caption(t("pooled_help", lang))
        show_table(view.pooled)

        st.subheader(t("accuracy_title", lang))
        st.caption(t("accuracy_help", lang))
        show_table(view.accuracy)
        if st.toggle(t("detail_title", lang), key="quality_show_detail"):
            accuracy = backtest.tables["accuracy"]
            minimum = backtest.manifest.get("parameters", {}).get("mape_min_actual", MAPE_MIN_ACTUAL)
            st.caption(t("detail_help", lang, min=fmt_number(minimum, lang)))
            show_table(detail_table(accuracy, lang))
            download_csv(accuracy, t("download_csv", lang), "backtest_accuracy.csv", "download_backtest_accuracy")

        chart_section(ctx, backtest.tables["winners"])
        st.subheader(t("grid_title", lang))
        st.caption(t("grid_help", lang))
        if not view.grid_run:
            st.caption(t("grid_not_run", lang))
        st.markdown(view.grid_summary)
        show_table(view.grid)
    history_section(ctx)
    planning_backcast_section(ctx)


# --- The planning models against history (notebook 06) -----------------------------------------
PLANNING_BACKCAST = "backtest_planning_models"
PLANNING_COMMAND = "python -m imaging_plan.pipeline.runner --only 06"


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


def backcast_spec(snapshot: state.Snapshot, specialty: str) -> dict:
    """Return one specialty's backcast chart (actual beside each origin's modelled lines), built once, shared."""
    lang = snapshot.lang
    backcast = snapshot.forecast(PLANNING_BACKCAST).tables["planning_backcast"]
    lines = quality_charts.backcast_lines(backcast, specialty, lang, snapshot.tables.get("physician_ftes"))
    return localized(quality_charts.backcast_chart(lines, specialty_name(specialty, lang), lang), lang)


def planning_backcast_section(ctx) -> None:
    """Show how the physician supply and the staffing plan did from earlier origins against what happened."""
    lang = ctx.lang
    st.subheader(t("backcast_title", lang))
    forecast = forecast_status(ctx, PLANNING_BACKCAST, PLANNING_COMMAND, "backcast_missing")
    if forecast is None:
        return
    backcast = forecast.tables["planning_backcast"]
    origins = ", ".join(str(int(o)) for o in sorted(backcast["origin"].unique()))
    st.markdown(t("backcast_intro", lang, origins=origins))
    for specialty in [s for s in SPECIALTIES if s in set(backcast["series"])]:
        st.vega_lite_chart(state.computed(backcast_spec, ctx, specialty), width="stretch")
    st.caption(t("backcast_summary", lang, year=int(backcast["year"].max())))
    show_table(backcast_error_table(backcast, lang))
    download_csv(backcast, t("download_csv", lang), "planning_backcast.csv", "download_planning_backcast")
