"""Altair chart builders: pure functions of DataFrames, tested on `chart.data`.

One colour-blind-safe palette (Okabe & Ito 2008) for every chart; years are
integers on the axis; intervals are bands.
"""

from __future__ import annotations

import json

import altair as alt
import numpy as np
import pandas as pd

from .assumptions import STAFF_TRUSTS
from .i18n import t
from .staffing import REGION

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


def physician_chart(lines: pd.DataFrame, title: str, lang: str, trend_label: str | None = None) -> alt.LayerChart:
    """Return history, trend band and line, supply and need for one specialty.

    `trend_label` names a switched trend line (another method than Prophet); when it is
    not given it is looked up in `lines`.
    """
    order = [t(k, lang) for k in ("history", "trend", "supply", "need")]
    if trend_label is None:
        trend_label = next((s for s in lines["series"].unique() if s not in order), None)
    order[1] = trend_label or order[1]
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
    return gap_bars(own, lang, years=(int(own["year"].min()), int(own["year"].max())))


def gap_bars(own: pd.DataFrame, lang: str, years: tuple[int, int]) -> alt.Chart:
    """Return gap_data's bars on an x axis from `years[0]` to `years[1]` (the spec reads no value of `own`)."""
    x = alt.X("year:Q", title=t("year", lang), axis=_YEAR_AXIS,
              scale=alt.Scale(domain=[years[0] - 0.5, years[1] + 0.5], nice=False))
    return alt.Chart(own).mark_bar(size=9).encode(
        x=x,
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

    Y axes start at zero, so a flat line reads as flat. With a `panel` column,
    one small panel per value, each on its own y scale
    (radiology's hundreds would flatten nuclear medicine's tens on a shared axis).
    """
    domain = list(dict.fromkeys(long["series"]))
    default = [PALETTE[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky_blue", "black")]
    scale = (alt.Scale(domain=domain, range=[colours[d] for d in domain]) if colours
             else alt.Scale(domain=domain, range=default[:len(domain)]))
    colour = alt.Color("series:N", title=None, scale=scale, legend=alt.Legend(orient="top", labelLimit=300))
    base = alt.Chart().encode(x=_year(lang))
    lines = base.mark_line(strokeWidth=2).encode(
        y=alt.Y("value:Q", title=unit, scale=alt.Scale(zero=True)), color=colour,
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


# Specialist inflow page. Each chart takes one long table and carries it once, at the top
# (layers inherit it), so the page can cache the spec and send only the data on a slider move
# (components.show_chart_data).

INFLOW_SERIES = ("derived_inflow", "trend", "required_inflow", "approvals_supply")
_INFLOW_COLOURS = (PALETTE["black"], PALETTE["blue"], PALETTE["vermillion"], PALETTE["green"])


def _once() -> alt.Chart:
    """Return a layer that draws one mark, not one per row of the inherited data (rules, labels)."""
    return alt.Chart().transform_aggregate(rows="count()")


def _long(year, series: str, value, lower=None, upper=None) -> pd.DataFrame:
    return pd.DataFrame({"year": year, "series": series, "value": value, "lower": lower, "upper": upper})


def inflow_lines(specialty: str, derived: pd.DataFrame, plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the long table an inflow chart draws: year, series, value, lower, upper.

    Derived history (negative years kept), the trend with its band, the
    required inflow, and the approvals-based supply with its band (where it has one).
    """
    hist = derived[derived["specialty"] == specialty]
    own = plan[plan["specialty"] == specialty]
    years = own["year"].to_numpy()
    frames = [_long(hist["year"].to_numpy(), t("derived_inflow", lang), hist["inflow"].to_numpy())]
    if own["trend"].notna().any():
        frames.append(_long(years, t("trend", lang), own["trend"].to_numpy(), own["trend_lower"].to_numpy(),
                            own["trend_upper"].to_numpy()))
    frames.append(_long(years, t("required_inflow", lang), own["required"].to_numpy()))
    lower, upper = own["supply_lower"].to_numpy(), own["supply_upper"].to_numpy()
    has_band = bool((abs(upper - lower) > 1e-9).any())
    frames.append(_long(years, t("approvals_supply", lang), own["supply"].to_numpy(),
                        lower if has_band else None, upper if has_band else None))
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype(int)
    return out


def inflow_chart(lines: pd.DataFrame, title: str | None, lang: str) -> alt.LayerChart:
    """Return derived inflow (points), trend and supply with bands, and required inflow, with a zero line.

    `title` None: no title (the page heads each specialty itself). One legend,
    from the lines layer (its domain lists all four series).
    """
    order = [t(k, lang) for k in INFLOW_SERIES]
    scale = alt.Scale(domain=order, range=list(_INFLOW_COLOURS))
    colour = alt.Color("series:N", scale=scale, legend=alt.Legend(orient="top", title=None, labelLimit=320))
    quiet = alt.Color("series:N", scale=scale, legend=None)
    y = alt.Y("value:Q", title=t("new_specialists", lang))
    tooltip = [alt.Tooltip("year:Q", title=t("year", lang), format="d"),
               alt.Tooltip("series:N", title=t("series", lang)),
               alt.Tooltip("value:Q", title=t("value", lang), format=",.1f")]
    x = _year(lang)
    bands = (alt.Chart().transform_filter(alt.datum.lower != None)  # noqa: E711 (Vega expression)
             .mark_area(opacity=0.18).encode(x=x, y="lower:Q", y2="upper:Q", color=quiet))
    zero = _once().mark_rule(color="#999999", size=1).encode(y=alt.YDatum(0))
    curves = (alt.Chart().transform_filter(alt.datum.series != order[0])
              .mark_line(strokeWidth=2).encode(x=x, y=y, color=colour, tooltip=tooltip))
    history = (alt.Chart().transform_filter(alt.datum.series == order[0])
               .mark_line(point=True, strokeWidth=1.5).encode(x=x, y=y, color=quiet, tooltip=tooltip))
    titled = {} if title is None else {"title": title}
    return alt.layer(bands, zero, curves, history, data=lines, height=380, **titled,
                     resolve=alt.Resolve(legend=alt.LegendResolveMap(color="independent")))


def shortfall_lines(plan: pd.DataFrame, specialty: str, lang: str) -> pd.DataFrame:
    """Return the long table a shortfall chart draws: year, series, value (required - trend, required - supply)."""
    own = plan[plan["specialty"] == specialty]
    years = own["year"].to_numpy().astype(int)
    return pd.concat([_long(years, t("shortfall_vs_trend", lang), own["shortfall_trend"].to_numpy()),
                      _long(years, t("shortfall_vs_supply", lang), own["shortfall_supply"].to_numpy())],
                     ignore_index=True).dropna(subset=["value"])[["year", "series", "value"]]


def shortfall_chart(lines: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Return the yearly shortfall against the trend and against approvals, with a zero line."""
    names = [t("shortfall_vs_trend", lang), t("shortfall_vs_supply", lang)]
    curves = alt.Chart().mark_line(point=True, strokeWidth=2).encode(
        x=_year(lang),
        y=alt.Y("value:Q", title=t("shortfall_axis", lang)),
        color=alt.Color("series:N", scale=alt.Scale(domain=names, range=[PALETTE["blue"], PALETTE["green"]]),
                        legend=alt.Legend(orient="top", title=None, labelLimit=320)),
        tooltip=[alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                 alt.Tooltip("series:N", title=t("series", lang)),
                 alt.Tooltip("value:Q", title=t("shortfall_axis", lang), format=",.1f")])
    zero = _once().mark_rule(color="#999999", size=1).encode(y=alt.YDatum(0))
    return alt.layer(zero, curves, data=lines, height=220)


def pipeline_lines(specialty: str, hist: dict[str, pd.DataFrame], pipeline: pd.DataFrame,
                   lang: str) -> pd.DataFrame:
    """Return the long table a pipeline chart draws: year, series, fte (LiS history, planned, needed).

    `hist` is `specialist_inflow.histories(ftes)`.
    """
    residents = hist[specialty]["residents"]
    own = pipeline[pipeline["specialty"] == specialty]
    years = own["year"].to_numpy()
    out = pd.concat([
        _long(residents.index.to_numpy(), t("residents_history", lang), residents.to_numpy()),
        _long(years, t("residents_planned", lang), own["residents_planned"].to_numpy()),
        _long(years, t("residents_needed", lang), own["residents_needed"].to_numpy()),
    ], ignore_index=True).dropna(subset=["value"])
    out["year"] = out["year"].astype(int)
    return out.rename(columns={"value": "fte"})[["year", "series", "fte"]]


def pipeline_chart(lines: pd.DataFrame, deadline: int, late: bool, lang: str) -> alt.LayerChart:
    """Return resident FTEs: history, planned posts and residents needed, with the deadline year marked."""
    order = [t(k, lang) for k in ("residents_history", "residents_planned", "residents_needed")]
    colour = alt.Color("series:N", scale=alt.Scale(domain=order, range=[PALETTE["black"], PALETTE["sky_blue"],
                                                                        PALETTE["vermillion"]]),
                       legend=alt.Legend(orient="top", title=None, labelLimit=320))
    lines_layer = alt.Chart().mark_line(point=True, strokeWidth=2).encode(
        x=_year(lang), y=alt.Y("fte:Q", title=t("residents_axis", lang)), color=colour,
        tooltip=[alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                 alt.Tooltip("series:N", title=t("series", lang)),
                 alt.Tooltip("fte:Q", title=t("residents_axis", lang), format=",.1f")])
    text = t("posts_by", lang, year=deadline) + (f": {t('already_late', lang)}" if late else "")
    rule = _once().mark_rule(strokeDash=[4, 4], color=PALETTE["orange"]).encode(x=alt.XDatum(deadline))
    label = (_once().mark_text(align="left", dx=4, dy=-6, fontSize=12, color=PALETTE["orange"], text=text)
             .encode(x=alt.XDatum(deadline), y=alt.YValue(10)))
    return alt.layer(lines_layer, rule, label, data=lines, height=260)


# Staffing and turnover (radiographers, bioengineers, secretaries per trust).

def _trust_scale(trusts) -> alt.Scale:
    """Return a colour scale that gives each trust of Tabell 7 the same Okabe-Ito colour on every chart."""
    order = list(STAFF_TRUSTS)
    colours = list(PALETTE.values())
    domain = sorted(set(trusts), key=lambda t: (order.index(t) if t in order else len(order), t))
    return alt.Scale(domain=domain, range=[colours[order.index(t)] if t in order else "#999999"
                                           for t in domain])


def _bar_years(years, lang: str) -> alt.X:
    # Bars centred on their year, with half a year of room at both ends.
    return alt.X("year:Q", title=t("year", lang), axis=_YEAR_AXIS,
                 scale=alt.Scale(domain=[int(min(years)) - 0.5, int(max(years)) + 0.5], nice=False))


def staff_region_lines(role: str, history: pd.DataFrame, trend: pd.DataFrame | None,
                       totals: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return what the regional chart of a role draws: year, series, fte, lower, upper.

    `history` from staffing.regional_history, `trend` the stored trends (its
    REGION rows), `totals` from staffing.plan_totals.
    """
    names = {k: t(k, lang) for k in ("staff_history", "staff_trend", "staff_planned")}
    hist = history[history["role"] == role][["year", "fte"]]
    own = totals[totals["role"] == role][["year", "fte"]]
    frames = [hist.assign(series=names["staff_history"])]
    if trend is not None and not trend.empty:
        tr = trend[(trend["role"] == role) & (trend["trust"] == REGION)]
        tr = tr[tr["year"] <= own["year"].max()] if not own.empty else tr
        frames.append(pd.DataFrame({"year": tr["year"], "fte": tr["trend"], "lower": tr["trend_lower"],
                                    "upper": tr["trend_upper"], "series": names["staff_trend"]}))
    if not own.empty:
        start = hist[hist["year"] == own["year"].min() - 1]  # join the plan to the last printed year
        frames.append(pd.concat([start, own]).assign(series=names["staff_planned"]))
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype(int)
    return out[["year", "series", "fte", *[c for c in ("lower", "upper") if c in out]]]


def staff_region_chart(lines: pd.DataFrame, title: str, lang: str) -> alt.LayerChart:
    """Return a role's regional FTEs: history, the Prophet trend with its band, and the planned FTEs."""
    order = [t(k, lang) for k in ("staff_history", "staff_trend", "staff_planned")]
    colour = alt.Color("series:N", scale=alt.Scale(domain=order, range=[PALETTE["black"], PALETTE["blue"],
                                                                         PALETTE["orange"]]),
                       legend=alt.Legend(orient="top", title=None, labelLimit=320))
    y = alt.Y("fte:Q", title=t("fte", lang), scale=alt.Scale(zero=False))
    tooltip = [alt.Tooltip("year:Q", title=t("year", lang), format="d"),
               alt.Tooltip("series:N", title=t("series", lang)),
               alt.Tooltip("fte:Q", title=t("fte", lang), format=",.1f")]
    base = alt.Chart().encode(x=_year(lang))
    layers = []
    if "lower" in lines:
        layers.append(base.transform_filter(alt.datum.lower != None)  # noqa: E711 (Vega expression)
                      .mark_area(opacity=0.2, color=PALETTE["sky_blue"]).encode(y="lower:Q", y2="upper:Q"))
    layers.append(base.transform_filter(alt.datum.series != order[0])
                  .mark_line(strokeWidth=2).encode(y=y, color=colour, tooltip=tooltip))
    layers.append(base.transform_filter(alt.datum.series == order[0])
                  .mark_line(point=True, strokeWidth=2).encode(y=y, color=colour, tooltip=tooltip))
    return alt.layer(*layers, data=lines).properties(title=title, height=360)


def staff_trust_lines(role: str, ftes: pd.DataFrame, band: pd.DataFrame | None, plan: pd.DataFrame,
                      trusts: list[str], lang: str) -> pd.DataFrame:
    """Return what a role's per-trust chart draws: trust, year, kind (history or planned), fte, lower, upper.

    `band` is staffing.anchored_trend (drawn only when the plan follows it).
    """
    names = {"history": t("staff_history", lang), "planned": t("staff_planned", lang)}
    hist = ftes[(ftes["role"] == role) & ftes["trust"].isin(trusts)].dropna(subset=["fte"])
    own = plan[(plan["role"] == role) & plan["trust"].isin(trusts)]
    start = hist[hist["year"] == own["year"].min() - 1] if not own.empty else hist.iloc[:0]
    planned = pd.concat([start[["trust", "year", "fte"]], own[["trust", "year", "fte"]]])
    if band is not None and not band.empty:
        b = band[(band["role"] == role) & band["trust"].isin(trusts)]
        planned = planned.merge(b[["trust", "year", "trend_lower", "trend_upper"]].rename(
            columns={"trend_lower": "lower", "trend_upper": "upper"}), on=["trust", "year"], how="left")
    out = pd.concat([hist[["trust", "year", "fte"]].assign(kind=names["history"]),
                     planned.assign(kind=names["planned"])], ignore_index=True)
    out["year"] = out["year"].astype(int)
    return out[["trust", "year", "kind", "fte", *[c for c in ("lower", "upper") if c in out]]]


def staff_trust_chart(lines: pd.DataFrame, title: str, lang: str, trusts: tuple[str, ...] | None = None
                      ) -> alt.LayerChart:
    """Return FTEs per trust of one role: printed history solid, planned FTEs dashed, trend band shaded.

    `trusts` gives the colour domain (read from `lines` when not given)."""
    kinds = [t("staff_history", lang), t("staff_planned", lang)]
    # Opaque legend symbols: the shared legend would otherwise take the band's faint fill.
    colour = alt.Color("trust:N", scale=_trust_scale(lines["trust"] if trusts is None else trusts),
                       legend=alt.Legend(orient="top", title=None, symbolType="circle", symbolOpacity=1))
    dash = alt.StrokeDash("kind:N", scale=alt.Scale(domain=kinds, range=[[1, 0], [6, 3]]),
                          legend=alt.Legend(orient="top", title=None))
    tooltip = [alt.Tooltip("trust:N", title=t("col_trust", lang)),
               alt.Tooltip("year:Q", title=t("year", lang), format="d"),
               alt.Tooltip("kind:N", title=t("staff_kind", lang)),
               alt.Tooltip("fte:Q", title=t("fte", lang), format=",.1f")]
    base = alt.Chart().encode(x=_year(lang))
    layers = []
    if "lower" in lines:
        layers.append(base.transform_filter(alt.datum.lower != None)  # noqa: E711 (Vega expression)
                      .mark_area(opacity=0.15).encode(y="lower:Q", y2="upper:Q", color=colour))
    layers.append(base.mark_line(strokeWidth=2).encode(
        y=alt.Y("fte:Q", title=t("fte", lang)), color=colour, strokeDash=dash,
        detail="kind:N", tooltip=tooltip))
    layers.append(base.transform_filter(alt.datum.kind == kinds[0]).mark_point(filled=True, size=25)
                  .encode(y="fte:Q", color=colour, tooltip=tooltip))
    return alt.layer(*layers, data=lines).properties(title=title, height=380)


def staff_hires_data(plan: pd.DataFrame, role: str, trusts: list[str]) -> pd.DataFrame:
    """Return what a role's hires chart draws: trust, year, hires_needed."""
    own = plan[(plan["role"] == role) & plan["trust"].isin(trusts)][["trust", "year", "hires_needed"]].copy()
    own["year"] = own["year"].astype(int)
    return own


def staff_hires_chart(hires: pd.DataFrame, title: str, lang: str, trusts: tuple[str, ...] | None = None,
                      years: tuple[int, int] | None = None) -> alt.Chart:
    """Return the hires needed per year of one role (staff_hires_data), stacked by trust: the top is their sum.

    `trusts` and `years` give the colour domain and the x range (read from `hires` when not given)."""
    return alt.Chart(hires).mark_bar(size=14).encode(
        x=_bar_years(hires["year"] if years is None else years, lang),
        y=alt.Y("sum(hires_needed):Q", title=t("staff_hires_axis", lang)),
        color=alt.Color("trust:N", scale=_trust_scale(hires["trust"] if trusts is None else trusts),
                        legend=alt.Legend(orient="top", title=None)),
        order=alt.Order("trust:N"),
        tooltip=[alt.Tooltip("trust:N", title=t("col_trust", lang)),
                 alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                 alt.Tooltip("hires_needed:Q", title=t("staff_hires_axis", lang), format=",.1f")],
    ).properties(title=title, height=320)


def staff_turnover_data(history: pd.DataFrame, flags: pd.DataFrame, role: str, trusts: list[str],
                        assumed_pct: float, lang: str) -> pd.DataFrame:
    """Return what a role's turnover chart draws: trust, year, turnover_pct, leavers, staff, flagged, mark, assumed.

    `flagged` marks the latest year of a flagged series; `assumed` is the
    role's regional rate in the plan (drawn as a rule).
    """
    own = history[(history["role"] == role) & history["trust"].isin(trusts)][
        ["trust", "year", "turnover_pct", "leavers", "staff"]].copy()
    own["year"] = own["year"].astype(int)
    flagged = flags[(flags["role"] == role) & flags["flag"]]
    latest = set(zip(flagged["trust"], flagged["latest_year"]))
    own["flagged"] = [(tr, y) in latest for tr, y in zip(own["trust"], own["year"])]
    own["mark"] = t("staff_flagged", lang)
    own["assumed"] = float(assumed_pct)
    return own.reset_index(drop=True)


def staff_turnover_chart(data: pd.DataFrame, title: str, lang: str, trusts: tuple[str, ...] | None = None
                         ) -> alt.LayerChart:
    """Return the turnover rate per year and trust of one role, flagged series marked, the assumed rate as a rule.

    A flagged series gets a black triangle on its latest year. The caller puts
    the 'illustrative' warning in the title when the rows are invented.
    """
    colour = alt.Color("trust:N", scale=_trust_scale(data["trust"] if trusts is None else trusts),
                       legend=alt.Legend(orient="top", title=None))
    tooltip = [alt.Tooltip("trust:N", title=t("col_trust", lang)),
               alt.Tooltip("year:Q", title=t("year", lang), format="d"),
               alt.Tooltip("turnover_pct:Q", title=t("staff_turnover_axis", lang), format=",.1f"),
               alt.Tooltip("leavers:Q", title=t("col_leavers", lang), format=",.0f"),
               alt.Tooltip("staff:Q", title=t("col_staff_fte", lang), format=",.1f")]
    y = alt.Y("turnover_pct:Q", title=t("staff_turnover_axis", lang))
    base = alt.Chart().encode(x=_year(lang))
    rule = base.mark_rule(strokeDash=[4, 4], color=PALETTE["black"]).encode(
        x=alt.value(0), x2=alt.value("width"), y="mean(assumed):Q",
        tooltip=[alt.Tooltip("mean(assumed):Q", title=t("staff_assumed", lang), format=",.1f")])
    lines = base.mark_line(point=True, strokeWidth=2).encode(y=y, color=colour, tooltip=tooltip)
    marks = base.transform_filter(alt.datum.flagged).mark_point(
        size=260, filled=True, color=PALETTE["black"], opacity=1).encode(
        y=y, shape=alt.Shape("mark:N", scale=alt.Scale(range=["triangle-up"]),
                             legend=alt.Legend(orient="top", title=None)), tooltip=tooltip)
    return alt.layer(lines, marks, rule, data=data).properties(title=title, height=340)
# --- equipment -------------------------------------------------------------------------------

AGE_COLOURS = {"0-5": PALETTE["green"], "6-10": PALETTE["orange"], "over_10": PALETTE["vermillion"]}


def _titled(title: str, note: str | None) -> alt.TitleParams:
    """Return a chart title with an optional subtitle (e.g. the illustrative-data note)."""
    return alt.TitleParams(title, subtitle=note or "", subtitleColor=PALETTE["vermillion"])


def due_lines(due: pd.DataFrame, band: pd.DataFrame | None, value: str) -> pd.DataFrame:
    """Return the table a due chart draws: year, due (the schedule) and median, lower, upper.

    `due` has year and `value` ('units' or 'cost_mnok'); `band` has year and the Weibull
    band's `<stem>_median`, `<stem>_lower`, `<stem>_upper` columns for that value.
    """
    out = pd.DataFrame({"year": due["year"].to_numpy(dtype=int), "due": due[value].to_numpy()})
    if band is not None:
        stem = "units" if value == "units" else "cost"
        suffix = "" if value == "units" else "_mnok"
        at = pd.Index(band["year"]).get_indexer(out["year"])
        for k in ("median", "lower", "upper"):
            column = band[f"{stem}_{k}{suffix}"].to_numpy(dtype=float)
            out[k] = [column[i] if i >= 0 else float("nan") for i in at]
    return out


def _series(name: str) -> dict:
    """Return a calculate transform naming a layer's series (for a shared colour legend)."""
    return {"series": f"{json.dumps(name)}"}


def due_chart(lines: pd.DataFrame, value: str, title: str, note: str | None, lang: str) -> alt.LayerChart:
    """Return what falls due per year as bars, with the Weibull band and median when present.

    `note` (e.g. the illustrative-data warning) is the subtitle. One dataset, at the top.
    """
    names = [t("schedule", lang), t("band_median", lang), t("band", lang)]
    colour = alt.Color("series:N", scale=alt.Scale(domain=names, range=[
        PALETTE["blue"], PALETTE["black"], PALETTE["sky_blue"]]),
        legend=alt.Legend(orient="top", title=None, labelLimit=200))
    y_title = t("units_per_year" if value == "units" else "mnok_per_year", lang)
    tooltip = [alt.Tooltip("year:Q", title=t("year", lang), format="d"),
               alt.Tooltip("due:Q", title=names[0], format=",.0f")]
    layers = [alt.Chart().transform_calculate(**_series(names[0])).mark_bar(opacity=0.75, size=10).encode(
        x=_year(lang), y=alt.Y("due:Q", title=y_title), color=colour, tooltip=tooltip)]
    if "median" in lines:
        tooltip = tooltip + [alt.Tooltip(f"{k}:Q", title=names[1] if k == "median" else f"{names[2]}: {k}",
                                         format=",.0f") for k in ("median", "lower", "upper")]
        layers.insert(0, alt.Chart().transform_calculate(**_series(names[2])).mark_area(opacity=0.35).encode(
            x=_year(lang), y=alt.Y("lower:Q"), y2=alt.Y2("upper:Q"), color=colour))
        layers.append(alt.Chart().transform_calculate(**_series(names[1])).mark_line(strokeWidth=1.5).encode(
            x=_year(lang), y=alt.Y("median:Q"), color=colour, tooltip=tooltip))
    return alt.layer(*layers, data=lines).properties(title=_titled(title, note), height=360)


def budget_lines(yearly: pd.DataFrame) -> pd.DataFrame:
    """Return the table a budget chart draws: year, spent, backlog and budget (MNOK; an
    unlimited budget is left blank), backlog units and the oldest unit's age."""
    out = yearly[["year", "spent_mnok", "backlog_mnok", "budget_mnok", "backlog_units",
                  "oldest_age_years"]].copy()
    out["budget_mnok"] = out["budget_mnok"].where(out["budget_mnok"] < float("inf"))
    return out


def budget_chart(lines: pd.DataFrame, title: str, note: str | None, lang: str) -> alt.LayerChart:
    """Return spending per year (bars), the backlog left (line) and the budget (dashed), in MNOK."""
    names = [t("spent", lang), t("backlog", lang), t("budget", lang)]
    scale = alt.Scale(domain=names, range=[PALETTE["green"], PALETTE["vermillion"], PALETTE["black"]])
    legend = alt.Legend(orient="top", title=None)
    y_title = t("mnok", lang)
    tooltip = [alt.Tooltip("year:Q", title=t("year", lang), format="d"),
               alt.Tooltip("spent_mnok:Q", title=names[0], format=",.0f"),
               alt.Tooltip("backlog_mnok:Q", title=names[1], format=",.0f"),
               alt.Tooltip("backlog_units:Q", title=f"{names[1]} ({t('units', lang).lower()})"),
               alt.Tooltip("oldest_age_years:Q", title=t("oldest_age", lang))]
    colour = alt.Color("series:N", scale=scale, legend=legend)
    spent = alt.Chart().transform_calculate(**_series(names[0])).mark_bar(size=10, opacity=0.8).encode(
        x=_year(lang), y=alt.Y("spent_mnok:Q", title=y_title), color=colour, tooltip=tooltip)
    backlog = alt.Chart().transform_calculate(**_series(names[1])).mark_line(point=True, strokeWidth=2).encode(
        x=_year(lang), y=alt.Y("backlog_mnok:Q"), color=colour, tooltip=tooltip)
    budget = alt.Chart().transform_calculate(**_series(names[2])).mark_line(
        strokeDash=[6, 4], strokeWidth=1.5).encode(x=_year(lang), y=alt.Y("budget_mnok:Q"), color=colour)
    return alt.layer(spent, backlog, budget, data=lines).properties(title=_titled(title, note), height=360)


AGE_CLASS_ORDER = ("0-5", "6-10", "over_10")


def age_lines(shares: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the table an age-profile chart draws: year, age (label), order, share (%).

    `shares` has year and share_0-5, share_6-10, share_over_10 (one scope's rows of
    `equipment.golden_rules`).
    """
    n = len(shares)
    return pd.DataFrame({
        "year": np.tile(shares["year"].to_numpy(dtype=int), len(AGE_CLASS_ORDER)),
        "age": np.repeat([t(f"age_{c}", lang) for c in AGE_CLASS_ORDER], n),
        "order": np.repeat(np.arange(len(AGE_CLASS_ORDER)), n),
        "share": np.concatenate([shares[f"share_{c}"].to_numpy(dtype=float) for c in AGE_CLASS_ORDER]),
    })


def age_profile_chart(lines: pd.DataFrame, title: str, note: str | None, lang: str) -> alt.LayerChart:
    """Return the age classes' shares per year, stacked, with the golden rules' lines.

    The 60 % line is the least the 0-5 class (bottom) must reach; the 90 % line is where
    the units over ten (top) must start at the earliest, so they stay at most 10 %.
    """
    labels = [t(f"age_{c}", lang) for c in AGE_CLASS_ORDER]
    bars = alt.Chart().mark_bar(size=12).encode(
        x=_year(lang),
        y=alt.Y("share:Q", title=t("share_pct", lang), stack="zero", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("age:N", title=t("age_class", lang),
                        scale=alt.Scale(domain=labels, range=[AGE_COLOURS[c] for c in AGE_CLASS_ORDER]),
                        legend=alt.Legend(orient="top", title=None)),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                 alt.Tooltip("age:N", title=t("age_class", lang)),
                 alt.Tooltip("share:Q", title=t("share_pct", lang), format=".1f")])
    rule_labels = [t("rule_line_60", lang), t("rule_line_90", lang)]
    dash = alt.StrokeDash("label:N", scale=alt.Scale(domain=rule_labels, range=[[6, 3], [2, 2]]),
                          legend=alt.Legend(orient="bottom", title=None, labelLimit=300))
    rules = [_once().transform_calculate(label=json.dumps(label), y=str(y))
             .mark_rule(strokeWidth=2, color=PALETTE["black"]).encode(y=alt.Y("y:Q"), strokeDash=dash)
             for label, y in zip(rule_labels, (60, 90))]
    return alt.layer(bars, *rules, data=lines).properties(title=_titled(title, note), height=360)


def demand_lines(demand: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """Return the table a demand chart draws: modality (name), year, series, units."""
    series = [t("needed", lang), t("on_hand", lang)]
    n = len(demand)
    return pd.DataFrame({
        "modality": np.tile(demand["modality"].map(names).to_numpy(dtype=object), 2),
        "year": np.tile(demand["year"].to_numpy(dtype=int), 2),
        "series": np.repeat(series, n),
        "units": np.concatenate([demand["units_needed"].to_numpy(dtype=float),
                                 demand["units_on_hand"].to_numpy(dtype=float)]),
    })


def demand_chart(lines: pd.DataFrame, order: tuple[str, ...], lang: str) -> alt.FacetChart:
    """Return units needed (line) against units on hand (dashed) per modality, one panel each, in `order`."""
    series = [t("needed", lang), t("on_hand", lang)]
    return alt.Chart(lines).mark_line(strokeWidth=2).encode(
        x=_year(lang),
        y=alt.Y("units:Q", title=t("units", lang), scale=alt.Scale(zero=False)),
        color=alt.Color("series:N", scale=alt.Scale(domain=series, range=[PALETTE["blue"], PALETTE["black"]]),
                        legend=alt.Legend(orient="top", title=None)),
        strokeDash=alt.StrokeDash("series:N", scale=alt.Scale(domain=series, range=[[1, 0], [5, 3]]),
                                  legend=None),
        tooltip=[alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                 alt.Tooltip("series:N", title=t("series", lang)),
                 alt.Tooltip("units:Q", title=t("units", lang), format=",.1f")],
    ).properties(width=220, height=170).facet(
        facet=alt.Facet("modality:N", title=None, sort=list(order)), columns=3
    ).resolve_scale(y="independent")
# --- Backtest ----------------------------------------------------------------------------------
METHOD_COLOURS = {"naive": PALETTE["orange"], "drift": PALETTE["green"], "theta": PALETTE["purple"],
                  "prophet": PALETTE["blue"], "median": PALETTE["sky_blue"], "mean": PALETTE["yellow"],
                  "default": PALETTE["vermillion"]}


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


# --- the overview's fans: the presets' range and the viewer's scenario ---------------------------

FAN_SCENARIOS = ("baseline", "low", "high", "yours")
FAN_COLOURS = {"baseline": PALETTE["black"], "low": PALETTE["blue"], "high": PALETTE["vermillion"],
               "yours": PALETTE["orange"]}


def fan_lines(lines: dict[str, pd.DataFrame], names: dict[str, str]) -> pd.DataFrame:
    """Return one long table of a fan: year, panel, series, value, lower, upper.

    `lines` maps each of FAN_SCENARIOS to a frame of year, value (and panel); `names`
    gives each its label. lower/upper are the lowest and highest of the three presets
    in each year: the band the presets span.
    """
    frames = []
    for key in FAN_SCENARIOS:
        frame = lines[key].copy()
        if "panel" not in frame:
            frame["panel"] = ""
        frames.append(frame.assign(series=names[key], scenario=key))
    out = pd.concat(frames, ignore_index=True)
    presets = out[out["scenario"] != "yours"].groupby(["panel", "year"])["value"]
    band = pd.DataFrame({"lower": presets.min(), "upper": presets.max()}).reset_index()
    out = out.merge(band, on=["panel", "year"], how="left")
    out["year"] = out["year"].astype(int)
    return out[["year", "panel", "series", "value", "lower", "upper"]]


def fan_chart(lines: pd.DataFrame, title: str, unit: str, lang: str, series: tuple[str, ...] = (),
              panels: tuple[str, ...] = ()) -> alt.TopLevelMixin:
    """Return a fan: the band the presets span, their lines thin, the viewer's line thick.

    `series` are the labels of FAN_SCENARIOS in that order; `panels` the panel
    labels (one small chart each, own y scale); both given so the spec reads no value of `lines`.
    """
    scale = alt.Scale(domain=list(series), range=[FAN_COLOURS[k] for k in FAN_SCENARIOS[:len(series)]])
    colour = alt.Color("series:N", title=None, scale=scale, legend=alt.Legend(orient="top", labelLimit=300))
    tooltip = [alt.Tooltip("year:Q", title=t("year", lang), format="d"), alt.Tooltip("series:N"),
               alt.Tooltip("value:Q", title=unit, format=",.1f")]
    base = alt.Chart().encode(x=_year(lang))
    band = base.transform_filter(alt.datum.series == series[0]).mark_area(
        opacity=0.18, color=PALETTE["sky_blue"]).encode(y=alt.Y("lower:Q", title=unit), y2="upper:Q")
    presets = base.transform_filter(alt.datum.series != series[-1]).mark_line(strokeWidth=1.2).encode(
        y=alt.Y("value:Q", title=unit), color=colour, tooltip=tooltip)
    yours = base.transform_filter(alt.datum.series == series[-1]).mark_line(strokeWidth=3).encode(
        y=alt.Y("value:Q", title=unit), color=colour, tooltip=tooltip)
    # Streamlit fits `height` around title, legend and axes: a single chart needs the room.
    chart = alt.layer(band, presets, yours, data=lines).properties(height=150 if len(panels) > 1 else 300,
                                                                   title=title)
    if len(panels) > 1:
        chart = chart.properties(title="").facet(
            row=alt.Row("panel:N", title=None, sort=list(panels),
                        header=alt.Header(labelAngle=0, labelAlign="left", labelOrient="top")),
            title=title).resolve_scale(y="independent")
    return chart
# The physician model: the demand index's parts, and the planning backcast.

DEMAND_PARTS = ("demography", "use", "ai", "index")


def demand_index_lines(need: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return year, part, factor of the demand index (one specialty's rows; the index is shared)."""
    own = need[need["specialty"] == need["specialty"].iloc[0]]
    long = own.melt(id_vars="year", value_vars=list(DEMAND_PARTS), var_name="part", value_name="factor")
    long["part"] = [t(f"demand_{p}", lang) for p in long["part"]]
    long["year"] = long["year"].astype(int)
    return long[["year", "part", "factor"]].reset_index(drop=True)


def demand_index_chart(lines: pd.DataFrame, lang: str) -> alt.Chart:
    """Return the demand index and the factors it multiplies (base year = 1), the product drawn thick."""
    order = [t(f"demand_{p}", lang) for p in DEMAND_PARTS]
    colour = alt.Color("part:N", title=None,
                       scale=alt.Scale(domain=order, range=[PALETTE["blue"], PALETTE["orange"],
                                                            PALETTE["purple"], PALETTE["black"]]),
                       legend=alt.Legend(orient="top", labelLimit=320))
    return alt.Chart(lines).mark_line().encode(
        x=_year(lang),
        y=alt.Y("factor:Q", title=t("demand_factor_axis", lang), scale=alt.Scale(zero=False)),
        color=colour,
        strokeWidth=alt.condition(alt.datum.part == order[-1], alt.value(3.5), alt.value(1.8)),
        tooltip=[alt.Tooltip("year:Q", title=t("year", lang), format="d"), alt.Tooltip("part:N", title=None),
                 alt.Tooltip("factor:Q", title=t("demand_factor_axis", lang), format=".3f")],
    ).properties(height=260)


def backcast_lines(backcast: pd.DataFrame, specialty: str, lang: str,
                   history: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return year, start, variant, line, fte: the actual FTEs and each origin's modelled line.

    With `history` (Tabell 6) the actual line covers every year of the data and each modelled line
    starts at its origin's actual figure; without it both cover only the compared years.
    """
    own = backcast[(backcast["family"] == "physicians") & (backcast["series"] == specialty)]
    actual_name = t("backcast_actual", lang)
    if history is not None:
        actual = history[history["specialty"] == specialty].groupby("year", as_index=False)["fte"].sum()
    else:
        actual = own.drop_duplicates("year")[["year", "actual"]].rename(columns={"actual": "fte"})
    frames = [actual.assign(start=actual_name, variant=actual_name, line=actual_name)]
    at = actual.set_index("year")["fte"]
    for (origin, variant), rows in own.groupby(["origin", "variant"], sort=True):
        start = t("backcast_from", lang, origin=int(origin))
        name = t(f"backcast_{variant}", lang)
        first = pd.DataFrame({"year": [origin], "fte": [at.get(origin)]}) if origin in at.index else None
        line = pd.concat([first, rows[["year", "modelled"]].rename(columns={"modelled": "fte"})])
        frames.append(line.assign(start=start, variant=name, line=f"{start}, {name}"))
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype(int)
    return out[["year", "start", "variant", "line", "fte"]]


def backcast_chart(lines: pd.DataFrame, title: str, lang: str) -> alt.Chart:
    """Return the actual FTEs (black, points) and each origin's modelled lines: colour = origin, dash = variant."""
    actual = t("backcast_actual", lang)
    starts = [s for s in dict.fromkeys(lines["start"]) if s != actual]
    hues = [PALETTE[k] for k in ("blue", "orange", "green", "purple", "vermillion", "sky_blue")]
    variants = [v for v in dict.fromkeys(lines["variant"]) if v != actual]
    colour = alt.Color("start:N", title=None,
                       scale=alt.Scale(domain=[actual, *starts],
                                       range=[PALETTE["black"], *[hues[i % len(hues)] for i in range(len(starts))]]),
                       legend=alt.Legend(orient="right", labelLimit=240))
    dash = alt.StrokeDash("variant:N", title=None,
                          scale=alt.Scale(domain=[actual, *variants],
                                          range=[[1, 0], *[[1, 0] if i == 0 else [6, 4]
                                                           for i in range(len(variants))]]),
                          legend=alt.Legend(orient="right", labelLimit=240))
    return alt.Chart(lines).mark_line(point=alt.OverlayMarkDef(size=25)).encode(
        x=_year(lang),
        y=alt.Y("fte:Q", title=t("fte", lang), scale=alt.Scale(zero=False)),
        color=colour, strokeDash=dash, detail="line:N",
        tooltip=[alt.Tooltip("year:Q", title=t("year", lang), format="d"), alt.Tooltip("line:N", title=None),
                 alt.Tooltip("fte:Q", title=t("fte", lang), format=",.1f")],
    ).properties(title=title, height=320)
