"""Pieces every page uses: charts in the user's number format, forecast status, assumption tables."""

from __future__ import annotations

import copy
import functools

import pandas as pd
import streamlit as st

from .. import assumptions
from ..charts import localized, with_data
from ..i18n import t


def show_chart(chart, lang: str) -> None:
    """Draw an Altair chart with numbers formatted for `lang`."""
    st.vega_lite_chart(localized(chart, lang), width="stretch")


@st.cache_resource(show_spinner=False, max_entries=64)
def _spec_template(key: tuple, _build) -> dict:
    return _build()


def show_cached_chart(key: tuple, build, data: pd.DataFrame, lang: str) -> None:
    """Draw the chart `build()` returns, building its spec once per `key` and swapping in `data` after.

    `key` must hold everything the spec depends on except the data rows
    (language, specialty, horizon, ...); `build()` must draw from `data` alone.
    """
    template = _spec_template((*key, lang), lambda: localized(build(), lang))
    st.vega_lite_chart(with_data(template, data), width="stretch")


def forecast_status(ctx, name: str, run_command: str, missing_key: str):
    """Show when forecast `name` was made and whether its inputs changed since; return it or None.

    When it is missing, say how to make it (text `missing_key`) instead of failing.
    """
    forecast = ctx.forecast(name)
    if forecast is None:
        st.info(t(missing_key, ctx.lang, cmd=run_command))
        return None
    when = forecast.manifest["created_utc"][:16].replace("T", " ")
    st.caption(t("forecast_made", ctx.lang, when=when, notebook=forecast.manifest.get("notebook", "?")))
    changed = forecast.changed_inputs(ctx.data_dir)
    if changed:
        st.warning(t("forecast_stale", ctx.lang, files=", ".join(changed), cmd=run_command))
    return forecast


def assumptions_table(ctx, groups: tuple[str, ...]) -> pd.DataFrame:
    """Return the assumptions of `groups`: value, default, whether changed, and source."""
    rows = []
    for a in assumptions.in_group(*groups):
        value, default = ctx.scenario[a.key], ctx.defaults[a.key]
        rows.append({
            t("assumptions", ctx.lang): a.label(ctx.lang),
            t("value", ctx.lang): value,
            t("default", ctx.lang): default,
            t("changed", ctx.lang): "●" if value != default else "",
            t("source", ctx.lang): a.source,
        })
    return pd.DataFrame(rows)


def download_csv(frame: pd.DataFrame, label: str, file_name: str, key: str) -> None:
    """Offer `frame` as a UTF-8 CSV with the data's own column codes (for analysts)."""
    st.download_button(label, frame.to_csv(index=False).encode("utf-8"), file_name=file_name,
                       mime="text/csv", key=key)


@functools.lru_cache(maxsize=128)
def _data_spec_template(builder, columns: tuple, dtypes: tuple, args: tuple, lang: str) -> dict:
    empty = pd.DataFrame({c: pd.Series(dtype=d) for c, d in zip(columns, dtypes)})
    spec = localized(builder(empty, *args, lang), lang)
    spec.pop("datasets", None)
    spec.pop("data", None)
    return spec


def show_chart_data(builder, data: pd.DataFrame, *args, lang: str) -> None:
    """Draw `builder(data, *args, lang)` with its spec built once per (builder, args, lang).

    For builders whose chart carries all its data once, at the top: the data
    goes to Streamlit as a DataFrame (Arrow) beside a cached spec, so a
    slider move costs no Altair construction. The spec is the same as
    `show_chart(builder(data, *args, lang), lang)` draws.
    """
    template = _data_spec_template(builder, tuple(data.columns), tuple(str(d) for d in data.dtypes), args, lang)
    st.vega_lite_chart(data, copy.deepcopy(template), width="stretch")
