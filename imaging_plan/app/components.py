"""Pieces every page uses: charts in the user's number format, forecast status, assumption tables,
and the backtest's verdict beside a forecast chart (with the switch to a better method's line)."""

from __future__ import annotations

import copy
import weakref
from collections.abc import Iterable

import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from imaging_plan.planning import assumptions
from imaging_plan.charts.common import localized
from imaging_plan.charts.quality import method_label
from imaging_plan.i18n import fmt_number, t
from imaging_plan.views.reports import mark_illustrative
from imaging_plan.app import url_codes
from imaging_plan.views import cache, provenance
from imaging_plan.views.quality import BACKTEST, series_label


def data_error_shown(snapshot) -> bool:
    """Show why the input data cannot be read, if it cannot; return whether the page must stop there."""
    if snapshot.data_error:
        st.error(f"{t('data_error', snapshot.lang)}\n\n```\n{snapshot.data_error}\n```")
    return bool(snapshot.data_error)


def show_chart(chart, lang: str) -> None:
    """Draw an Altair chart, or a finished (shared) spec, with numbers formatted for `lang`."""
    spec = copy.deepcopy(chart) if isinstance(chart, dict) else localized(chart, lang)
    st.vega_lite_chart(spec, width="stretch")


# id(frame) -> (a weak reference to the frame, {what: its derived form}); an entry leaves with its frame.
_DERIVED: dict[int, tuple[weakref.ref, dict]] = {}


def _derived(frame: pd.DataFrame, what: str, build):
    """Return `build(frame)`, made once per frame object: its Arrow table, say, or its column settings.

    A cached view's frames are drawn on every rerun and never change, so each is converted
    once (the conversion was a sixth of a warm rerun). A frame must not be changed after
    it is drawn; the pages' own frames are built anew on each rerun.
    """
    key = id(frame)
    hit = _DERIVED.get(key)
    if hit is None or hit[0]() is not frame:
        hit = (weakref.ref(frame, lambda _, key=key: _DERIVED.pop(key, None)), {})
        _DERIVED[key] = hit
    found = hit[1]
    if what not in found:
        found[what] = build(frame)
    return found[what]


def _as_arrow(frame: pd.DataFrame):
    """Return the frame as the Arrow table Streamlit would send, converted once per frame object."""
    return _derived(frame, "arrow", dataframe_util.convert_pandas_df_to_arrow_table)


def _float_columns(frame: pd.DataFrame) -> tuple[str, ...]:
    return tuple(c for c in frame.columns if pd.api.types.is_float_dtype(frame[c]))


def show_table(frame: pd.DataFrame, numbers: Iterable[str] | None = None) -> None:
    """Draw a sortable table whose numbers (`numbers`, or every decimal column) follow the viewer's locale.

    Whole numbers (years, counts) are left as they are: a localized 2035 would read "2 035".
    """
    numbers = _derived(frame, "floats", _float_columns) if numbers is None else numbers
    config = {c: st.column_config.NumberColumn(format="localized") for c in numbers}
    st.dataframe(_as_arrow(frame), hide_index=True, width="stretch", column_config=config)


def _blank_legend_titles(spec: dict) -> dict:
    """Return `spec` with a colour legend's null title as " ", as Streamlit would write it into the shared spec
    on every draw (a Vega-Lite layout bug with null legend titles, streamlit issue 9339)."""
    color = spec.get("encoding", {}).get("color")
    if isinstance(color, dict):
        if "title" in color and color["title"] is None:
            color["title"] = " "
        if isinstance(color.get("legend"), dict) and "title" in color["legend"] and color["legend"]["title"] is None:
            color["legend"]["title"] = " "
    return spec


def show_chart_data(builder, data: pd.DataFrame, *args, lang: str, **options) -> None:
    """Draw `builder(data, *args, lang, **options)`: its spec is built once per builder and arguments, shared.

    The key is derived from the builder's arguments: the builder may read only the
    columns of `data` (every value-dependent setting, an axis range say, is one of
    `args` or `options`), and draws all its layers from `data`, which goes to the browser as
    Arrow beside the shared spec. Altair costs ~20 ms a chart; a slider move then costs none.
    """
    key = (
        builder.__module__,
        builder.__qualname__,
        _derived(data, "columns", lambda frame: (tuple(map(str, frame.columns)), tuple(map(str, frame.dtypes)))),
        args,
        tuple(sorted(options.items())),
        lang,
    )

    def build() -> dict:
        spec = localized(builder(data, *args, lang, **options), lang)
        spec.pop("datasets", None)
        spec.pop("data", None)
        return _blank_legend_titles(spec)

    # Streamlit copies the spec's top level before it adds its sizing: the shared spec is not changed.
    st.vega_lite_chart(_as_arrow(data), cache.shared("chart_spec", key, build), width="stretch")


def forecast_status(snapshot, name: str, run_command: str, missing_key: str):
    """Show when forecast `name` was made and whether its inputs changed since; return it (shared) or None.

    When it is missing, say how to make it (text `missing_key`) instead of failing.
    """
    forecast = snapshot.forecast(name)
    if forecast is None:
        st.info(t(missing_key, snapshot.lang, cmd=run_command))
        return None
    when = forecast.manifest["created_utc"][:16].replace("T", " ")
    st.caption(t("forecast_made", snapshot.lang, when=when, notebook=forecast.manifest.get("notebook", "?")))
    changed = provenance.changed_inputs(snapshot, name)
    if changed:
        st.warning(t("forecast_stale", snapshot.lang, files=", ".join(changed), cmd=run_command))
    return forecast


def assumptions_table(snapshot, groups: tuple[str, ...], keys: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return the assumptions of `groups`, then the single `keys` of other groups a page reads: value,
    default, whether changed, and source."""
    rows = []
    for a in [*assumptions.in_group(*groups), *(assumptions.ASSUMPTIONS[k] for k in keys)]:
        value, default = snapshot.scenario[a.key], snapshot.defaults[a.key]
        rows.append(
            {
                t("assumptions", snapshot.lang): a.label(snapshot.lang),
                t("value", snapshot.lang): value,
                t("default", snapshot.lang): default,
                t("changed", snapshot.lang): "●" if value != default else "",
                t("source", snapshot.lang): a.source,
            }
        )
    return pd.DataFrame(rows)


def download_csv(
    frame: pd.DataFrame,
    label: str,
    file_name: str,
    key: str,
    illustrative: str | None = None,
    decimals: int | None = None,
) -> None:
    """Offer `frame` as a UTF-8 CSV with the data's own column codes (for analysts), written when clicked.

    `illustrative`, when given, is the label a table built on generated rows carries in a first column;
    `decimals` rounds the numbers.
    """

    def csv() -> bytes:
        shown = frame if decimals is None else frame.round(decimals)
        shown = mark_illustrative(shown, illustrative) if illustrative else shown
        return shown.to_csv(index=False).encode("utf-8")

    st.download_button(label, csv, file_name=file_name, mime="text/csv", key=key, on_click="ignore")


# --- Backtest figures beside forecast charts -----------------------------------------------------
BACKTEST_COMMAND = "python -m imaging_plan.pipeline.runner --only 05"


def backtest_winners(snapshot) -> pd.DataFrame | None:
    """Return the stored backtest's per-series MASE and winner (index: series_id), or None when missing."""

    def build() -> pd.DataFrame | None:
        forecast = snapshot.forecast(BACKTEST)
        if forecast is None or "winners" not in forecast.tables:
            return None
        return forecast.tables["winners"].set_index("series_id")

    return cache.shared("backtest_winners", (str(snapshot.forecasts_dir), snapshot.forecast_versions), build)


def _mase_columns(row: pd.Series) -> dict[str, float]:
    return {c.removeprefix("mase_"): row[c] for c in row.index if c.startswith("mase_") and pd.notna(row[c])}


def note_text(series_id: str, row: pd.Series | None, lang: str) -> str:
    """Return the one-line verdict of the backtest on one series (which method won, by how much)."""
    label = series_label(series_id, lang)
    scores = _mase_columns(row) if row is not None else {}
    if row is None or "prophet" not in scores or pd.isna(row.get("winner")):
        return t("note_unmeasured", lang, series=label)
    if "default" in scores:  # the line the pages draw, against naive and the best single method
        best = row["winner"]
        return t(
            "note_default",
            lang,
            series=label,
            mase=fmt_number(scores["default"], lang, 2),
            naive_mase=fmt_number(scores["naive"], lang, 2),
            best=t(f"method_{best}", lang),
            best_mase=fmt_number(scores[best], lang, 2),
            hits=int(row["default_hits"]),
            checks=int(row["default_checks"]),
        )
    checks = int(row["prophet_checks"])
    mase = {m: fmt_number(v, lang, 2) for m, v in scores.items()}
    if row["winner"] != "prophet":
        return t(
            "note_beaten",
            lang,
            winner=t(f"method_{row['winner']}", lang),
            series=label,
            winner_mase=mase[row["winner"]],
            prophet_mase=mase["prophet"],
            checks=checks,
        )
    runner = min((m for m in scores if m != "prophet"), key=scores.get)
    return t(
        "note_prophet_best",
        lang,
        series=label,
        prophet_mase=mase["prophet"],
        runner=t(f"method_{runner}", lang),
        runner_mase=mase[runner],
        checks=checks,
    )


def backtest_note(snapshot, series_ids: str | list[str]) -> None:
    """Show one line per series saying how its forecast did in the backtest against the baselines."""
    winners = backtest_winners(snapshot)
    if winners is None:
        st.caption(t("note_missing", snapshot.lang, cmd=BACKTEST_COMMAND))
        return
    for series_id in [series_ids] if isinstance(series_ids, str) else series_ids:
        st.caption(_backtest_shared(snapshot, "note", series_id, lambda s=series_id: _note(winners, s, snapshot.lang)))


def _backtest_shared(snapshot, what: str, series_id: str, build):
    """Return `build()` once per stored backtest, language and series: what a page shows of the backtest."""
    key = (str(snapshot.forecasts_dir), snapshot.forecast_versions, snapshot.lang, series_id)
    return cache.shared(f"backtest_{what}", key, build)


def _note(winners: pd.DataFrame, series_id: str, lang: str) -> str:
    return note_text(series_id, winners.loc[series_id] if series_id in winners.index else None, lang)


def _method_switch(snapshot, series_id: str) -> tuple[list[str], str] | None:
    """Return the methods with a stored forward line for a series and the switch's help (MASE each), or None."""
    forecast = snapshot.forecast(BACKTEST)
    winners = backtest_winners(snapshot)
    if forecast is None or winners is None or series_id not in winners.index:
        return None
    ahead = forecast.tables["forward"]
    options = ["default"] + [m for m in ahead.loc[ahead["series_id"] == series_id, "method"].unique()]
    scores = _mase_columns(winners.loc[series_id])
    winner = winners.loc[series_id, "winner"]
    help_text = " · ".join(
        f"{method_label(m, snapshot.lang)} {fmt_number(scores[m], snapshot.lang, 2)}" + (" ★" if m == winner else "")
        for m in options
        if m in scores
    )
    return options, help_text


def method_choice(snapshot, series_id: str, key: str) -> str:
    """Return the method whose line the planner wants on a chart: a URL-bound switch, the default line by default.

    Offers the default line (the stored trend, `forecasting.DEFAULT_LINES`) and every method
    with a stored forward line for the series; the help gives each one's backtest MASE. The
    URL carries the method's code (`method_radiology=naive`), so a link keeps its choice in
    either language. Without a backtest only the default line exists: no switch.
    """
    switch = _backtest_shared(snapshot, "switch", series_id, lambda: _method_switch(snapshot, series_id))
    if switch is None:
        return "default"
    options, help_text = switch
    return (
        url_codes.coded(
            st.segmented_control,
            t("method_switch", snapshot.lang),
            options,
            format_func=lambda m: method_label(m, snapshot.lang),
            default="default",
            key=key,
            required=True,
            help=t("method_switch_help", snapshot.lang, scores=help_text),
        )
        or "default"
    )


def forward_trend(snapshot, series_id: str, method: str) -> pd.DataFrame | None:
    """Return a method's stored forward line for a series as trend, trend_lower, trend_upper per year.

    The line starts at the last observed year, so it joins the history.
    """
    forecast = snapshot.forecast(BACKTEST)
    if forecast is None:
        return None
    ahead = forecast.tables["forward"]
    ahead = ahead[(ahead["series_id"] == series_id) & (ahead["method"] == method)]
    history = forecast.tables["series"]
    history = history[history["series_id"] == series_id]
    if ahead.empty or history.empty:
        return None
    last = history.loc[history["year"].idxmax()]
    start = pd.DataFrame(
        {"year": [int(last["year"])], "forecast": [last["value"]], "lower": [last["value"]], "upper": [last["value"]]}
    )
    both = pd.concat([start, ahead[["year", "forecast", "lower", "upper"]]], ignore_index=True)
    return both.rename(columns={"forecast": "trend", "lower": "trend_lower", "upper": "trend_upper"})
