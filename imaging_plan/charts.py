"""Altair chart builders: pure functions of DataFrames, tested on `chart.data`.

One colour-blind-safe palette (Okabe & Ito 2008) for every chart; years are
integers on the axis; intervals are bands.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .i18n import t

# Okabe-Ito palette. Note: Streamlit fits a chart's `height` around its axes and
# legend too, so heights here are for the whole chart, not the plot area.
PALETTE = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7",
}

_YEAR_AXIS = alt.Axis(format="d", tickMinStep=1, labelAngle=0)


def _year(lang: str) -> alt.X:
    return alt.X("year:Q", title=t("year", lang), axis=_YEAR_AXIS, scale=alt.Scale(zero=False))


def physician_lines(specialty: str, history: pd.DataFrame, trend: pd.DataFrame | None,
                    plan: pd.DataFrame, lang: str, trend_label: str | None = None) -> pd.DataFrame:
    """Return the long table a physician chart draws: year, series, fte, lower, upper.

    `trend_label` names the trend line when it is not Prophet's (the planner switched method).
    """
    names = {k: t(k, lang) for k in ("history", "trend", "supply", "need")}
    names["trend"] = trend_label or names["trend"]
    hist = history[history["specialty"] == specialty].groupby("year", as_index=False)["fte"].sum()
    frames = [hist.assign(series=names["history"])]
    if trend is not None and not trend.empty:
        tr = trend[(trend["specialty"] == specialty) & (trend["series"] == "total")]
        tr = tr[tr["year"] <= plan["year"].max()]
        frames.append(pd.DataFrame({"year": tr["year"], "fte": tr["trend"],
                                    "lower": tr["trend_lower"], "upper": tr["trend_upper"],
                                    "series": names["trend"]}))
    own = plan[plan["specialty"] == specialty]
    frames.append(own[["year", "supply"]].rename(columns={"supply": "fte"}).assign(series=names["supply"]))
    frames.append(own[["year", "need"]].rename(columns={"need": "fte"}).assign(series=names["need"]))
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype(int)
    return out[["year", "series", "fte", *[c for c in ("lower", "upper") if c in out]]]


def physician_chart(lines: pd.DataFrame, title: str, lang: str) -> alt.LayerChart:
    """Return history, trend band and line, supply and need for one specialty."""
    order = [t(k, lang) for k in ("history", "trend", "supply", "need")]
    order[1] = next((s for s in lines["series"].unique() if s not in order), order[1])  # a switched trend
    colours = [PALETTE["black"], PALETTE["blue"], PALETTE["green"], PALETTE["vermillion"]]
    colour = alt.Color("series:N", title=t("series", lang),
                       scale=alt.Scale(domain=order, range=colours),
                       legend=alt.Legend(orient="top", title=None, labelLimit=320))
    y = alt.Y("fte:Q", title=t("fte", lang), scale=alt.Scale(zero=False))
    tooltip = [alt.Tooltip("year:Q", title=t("year", lang), format="d"),
               alt.Tooltip("series:N", title=t("series", lang)),
               alt.Tooltip("fte:Q", title=t("fte", lang), format=",.1f")]
    base = alt.Chart(lines).encode(x=_year(lang))
    layers = []
    if "lower" in lines:
        layers.append(base.transform_filter(alt.datum.lower != None)  # noqa: E711 (Vega expression)
                      .mark_area(opacity=0.2, color=PALETTE["sky_blue"])
                      .encode(y="lower:Q", y2="upper:Q"))
    layers.append(base.transform_filter(alt.datum.series != order[0])
                  .mark_line(strokeWidth=2).encode(y=y, color=colour, tooltip=tooltip))
    layers.append(base.transform_filter(alt.datum.series == order[0])
                  .mark_line(point=True, strokeWidth=2).encode(y=y, color=colour, tooltip=tooltip))
    return alt.layer(*layers).properties(title=title, height=380)


def gap_chart(plan: pd.DataFrame, specialty: str, lang: str) -> alt.Chart:
    """Return the yearly gap (need - supply) of one specialty as bars: shortage up, surplus down."""
    own = plan[plan["specialty"] == specialty][["year", "gap"]].copy()
    own["year"] = own["year"].astype(int)
    own["kind"] = [t("shortage", lang) if g > 0 else t("surplus", lang) for g in own["gap"]]
    years = alt.X("year:Q", title=t("year", lang), axis=_YEAR_AXIS,
                  scale=alt.Scale(domain=[int(own["year"].min()) - 0.5, int(own["year"].max()) + 0.5],
                                  nice=False))
    return alt.Chart(own).mark_bar(size=9).encode(
        x=years,
        y=alt.Y("gap:Q", title=t("gap_fte", lang)),
        color=alt.Color("kind:N", title=t("gap", lang),
                        scale=alt.Scale(domain=[t("shortage", lang), t("surplus", lang)],
                                        range=[PALETTE["vermillion"], PALETTE["blue"]]),
                        legend=alt.Legend(orient="top", title=None)),
        tooltip=[alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                 alt.Tooltip("gap:Q", title=t("gap_fte", lang), format=",.1f")],
    ).properties(height=220)


# d3-format locale for Vega: "1 234,5" in bokmål (thin grouping by no-break space).
NUMBER_LOCALE = {
    "nb": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"],
           "minus": "\u2212"},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", " NOK"]},
}


def localized(chart, lang: str) -> dict:
    """Return the chart as a Vega-Lite spec whose numbers follow `lang` (not re-validated: ~20 ms saved).

    Builders stay composable; only the finished chart gets the top-level locale.
    """
    spec = chart.to_dict(validate=False)
    spec.setdefault("config", {})["locale"] = {"number": NUMBER_LOCALE[lang]}
    return spec


# --- Backtest (issue 7) --------------------------------------------------------------------------
METHOD_COLOURS = {"naive": PALETTE["orange"], "drift": PALETTE["green"], "theta": PALETTE["purple"],
                  "prophet": PALETTE["blue"]}


def method_label(method: str, lang: str) -> str:
    """Return a forecast method's name for a legend or a button, capitalised: 'naive' -> 'Naiv'."""
    name = t(f"method_{method}", lang)
    return name[:1].upper() + name[1:]


def backtest_lines(series: pd.DataFrame, forecasts: pd.DataFrame, series_id: str, methods: list[str],
                   lang: str) -> pd.DataFrame:
    """Return what a backtest chart draws for one series: the actuals, and each method's forecasts per origin.

    Out: year, value, lower, upper, line (translated method name or 'actual'), method, origin.
    Each forecast line starts at its origin's actual value, so it leaves the history where the
    method stopped seeing it.
    """
    actual = series[series["series_id"] == series_id][["year", "value"]]
    frames = [actual.assign(lower=None, upper=None, line=t("actual", lang), method="actual", origin=0)]
    own = forecasts[(forecasts["series_id"] == series_id) & forecasts["method"].isin(methods)]
    start = own[["method", "origin"]].drop_duplicates().merge(actual, left_on="origin", right_on="year")
    start = start.assign(lower=start["value"], upper=start["value"])
    ahead = own.rename(columns={"forecast": "value"})[["method", "origin", "year", "value", "lower", "upper"]]
    for part in (start[["method", "origin", "year", "value", "lower", "upper"]], ahead):
        frames.append(part.assign(line=part["method"].map(lambda m: method_label(m, lang))))
    out = pd.concat([f for f in frames if not f.empty], ignore_index=True)
    out["year"] = out["year"].astype(int)
    out["origin"] = out["origin"].astype(int)
    return out.sort_values(["method", "origin", "year"], ignore_index=True)[
        ["year", "value", "lower", "upper", "line", "method", "origin"]]


def backtest_chart(lines: pd.DataFrame, title: str, lang: str) -> alt.LayerChart:
    """Return the actuals (black) and each method's forecasts from every origin, with their 80 % bands."""
    methods = [m for m in METHOD_COLOURS if m in set(lines["method"])]
    domain = [t("actual", lang)] + [method_label(m, lang) for m in methods]
    scale = alt.Scale(domain=domain, range=[PALETTE["black"]] + [METHOD_COLOURS[m] for m in methods])
    colour = alt.Color("line:N", title=None, scale=scale, legend=alt.Legend(orient="top", labelLimit=320))
    y = alt.Y("value:Q", title=t("value_axis", lang), scale=alt.Scale(zero=False))
    tooltip = [alt.Tooltip("year:Q", title=t("year", lang), format="d"),
               alt.Tooltip("line:N", title=t("col_method", lang)),
               alt.Tooltip("value:Q", title=t("value", lang), format=",.1f")]
    origin = alt.Tooltip("origin:Q", title=t("col_origin", lang), format="d")
    base = alt.Chart(lines).encode(x=_year(lang))
    is_actual = alt.datum.method == "actual"
    forecast = base.transform_filter(~is_actual)
    # bands in fixed colours, one layer per method: no second colour scale to disturb the legend
    bands = [forecast.transform_filter(alt.datum.method == m).mark_area(opacity=0.12, color=METHOD_COLOURS[m])
             .encode(y="lower:Q", y2="upper:Q", detail="origin:N") for m in methods]
    return alt.layer(
        *bands,
        forecast.mark_line(strokeWidth=1.5, point=alt.OverlayMarkDef(size=18)).encode(
            y=y, color=colour, detail="origin:N", tooltip=[*tooltip, origin]),
        base.transform_filter(is_actual).mark_line(point=True, strokeWidth=2.5).encode(
            y=y, color=colour, tooltip=tooltip),
    ).properties(title=title, height=380)
