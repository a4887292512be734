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
                    plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the long table a physician chart draws: year, series, fte, lower, upper."""
    names = {k: t(k, lang) for k in ("history", "trend", "supply", "need")}
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


def gap_data(plan: pd.DataFrame, specialty: str, lang: str) -> pd.DataFrame:
    """Return year, gap and kind (shortage or surplus) of one specialty."""
    own = plan[plan["specialty"] == specialty][["year", "gap"]].copy()
    own["year"] = own["year"].astype(int)
    own["kind"] = [t("shortage", lang) if g > 0 else t("surplus", lang) for g in own["gap"]]
    return own.reset_index(drop=True)


def gap_chart(plan: pd.DataFrame, specialty: str, lang: str) -> alt.Chart:
    """Return the yearly gap (need - supply) of one specialty as bars: shortage up, surplus down."""
    own = gap_data(plan, specialty, lang)
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


def overview_lines(long: pd.DataFrame, unit: str, lang: str, height: int = 150,
                   colours: dict[str, str] | None = None) -> alt.TopLevelMixin:
    """Return a small line chart for the overview: year, series, value (+ lower/upper band).

    With a `panel` column, one small panel per value, each on its own y scale
    (radiology's hundreds would flatten nuclear medicine's tens on a shared axis).
    """
    domain = list(dict.fromkeys(long["series"]))
    default = [PALETTE[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky_blue", "black")]
    scale = (alt.Scale(domain=domain, range=[colours[d] for d in domain]) if colours
             else alt.Scale(domain=domain, range=default[:len(domain)]))
    colour = alt.Color("series:N", title=None, scale=scale, legend=alt.Legend(orient="top", labelLimit=300))
    base = alt.Chart().encode(x=_year(lang))
    lines = base.mark_line(strokeWidth=2).encode(
        y=alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False)), color=colour,
        tooltip=[alt.Tooltip("year:Q", title=t("year", lang), format="d"), alt.Tooltip("series:N"),
                 alt.Tooltip("value:Q", title=unit, format=",.1f")])
    layers = [lines]
    if {"lower", "upper"} <= set(long.columns):
        layers.insert(0, base.mark_area(opacity=0.15).encode(y="lower:Q", y2="upper:Q", color=colour))
    chart = alt.layer(*layers, data=long).properties(height=height)
    if "panel" in long.columns:
        chart = chart.facet(row=alt.Row("panel:N", title=None, sort=list(dict.fromkeys(long["panel"])),
                                        header=alt.Header(labelAngle=0, labelAlign="left",
                                                          labelOrient="top")))
        chart = chart.resolve_scale(y="independent")
    return chart


def with_data(spec: dict, frame: pd.DataFrame) -> dict:
    """Return a copy of a single-dataset spec with `frame` as its data.

    Lets a page build a chart's spec once (Altair costs ~20 ms a chart) and
    only swap the numbers when a slider moves.
    """
    (name,) = spec["datasets"]
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return {**spec, "datasets": {name: records}}
