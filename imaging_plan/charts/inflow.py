"""Specialist inflow charts: derived and required inflow, the shortfall, and the resident pipeline.

Each chart takes one long table and carries it once, at the top (layers inherit
it), so the page can cache the spec and send only the data on a slider move
(components.show_chart_data).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from imaging_plan.i18n import t
from imaging_plan.charts.common import PALETTE, once, year_x

INFLOW_SERIES = ("derived_inflow", "inflow_trend_reference", "required_inflow", "planned_inflow", "approvals_supply")
_INFLOW_COLOURS = (PALETTE["black"], PALETTE["sky_blue"], PALETTE["vermillion"], PALETTE["orange"], PALETTE["green"])


def _long(year, series: str, value, lower=None, upper=None) -> pd.DataFrame:
    return pd.DataFrame({"year": year, "series": series, "value": value, "lower": lower, "upper": upper})


def inflow_lines(
    specialty: str, derived: pd.DataFrame, plan: pd.DataFrame, lang: str, planned_band: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the long table an inflow chart draws: year, series, value, lower, upper.

    Derived history (negative years kept), the history's trend with its band (a reference),
    the required inflow, the planned inflow (the physician plan's new specialists: own finishers
    + recruited) with its 80 % interval from `planned_band` (the interval's new_specialists rows),
    and the approvals-based supply with its band (where it has one).
    """
    hist = derived[derived["specialty"] == specialty]
    own = plan[plan["specialty"] == specialty]
    years = own["year"].to_numpy()
    frames = [_long(hist["year"].to_numpy(), t("derived_inflow", lang), hist["inflow"].to_numpy())]
    if own["trend"].notna().any():
        frames.append(
            _long(
                years,
                t("inflow_trend_reference", lang),
                own["trend"].to_numpy(),
                own["trend_lower"].to_numpy(),
                own["trend_upper"].to_numpy(),
            )
        )
    frames.append(_long(years, t("required_inflow", lang), own["required"].to_numpy()))
    if own["planned"].notna().any():
        lower = upper = None
        if planned_band is not None:
            band = planned_band[planned_band["specialty"] == specialty].set_index("year")
            lower, upper = band["p10"].reindex(years).to_numpy(), band["p90"].reindex(years).to_numpy()
        frames.append(_long(years, t("planned_inflow", lang), own["planned"].to_numpy(), lower, upper))
    lower, upper = own["supply_lower"].to_numpy(), own["supply_upper"].to_numpy()
    has_band = bool((abs(upper - lower) > 1e-9).any())
    frames.append(
        _long(
            years,
            t("approvals_supply", lang),
            own["supply"].to_numpy(),
            lower if has_band else None,
            upper if has_band else None,
        )
    )
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
    colour = alt.Color("series:N", scale=scale, legend=alt.Legend(orient="top", title=None, labelLimit=320, columns=3))
    quiet = alt.Color("series:N", scale=scale, legend=None)
    y = alt.Y("value:Q", title=t("new_specialists", lang))
    tooltip = [
        alt.Tooltip("year:Q", title=t("year", lang), format="d"),
        alt.Tooltip("series:N", title=t("series", lang)),
        alt.Tooltip("value:Q", title=t("value", lang), format=",.1f"),
    ]
    x = year_x(lang)
    bands = (
        alt.Chart()
        .transform_filter(alt.datum.lower != None)  # noqa: E711 (Vega expression)
        .mark_area(opacity=0.18)
        .encode(x=x, y="lower:Q", y2="upper:Q", color=quiet)
    )
    zero = once().mark_rule(color="#999999", size=1).encode(y=alt.YDatum(0))
    curves = (
        alt.Chart()
        .transform_filter(alt.datum.series != order[0])
        .mark_line(strokeWidth=2)
        .encode(x=x, y=y, color=colour, tooltip=tooltip)
    )
    history = (
        alt.Chart()
        .transform_filter(alt.datum.series == order[0])
        .mark_line(point=True, strokeWidth=1.5)
        .encode(x=x, y=y, color=quiet, tooltip=tooltip)
    )
    titled = {} if title is None else {"title": title}
    return alt.layer(
        bands,
        zero,
        curves,
        history,
        data=lines,
        height=380,
        **titled,
        resolve=alt.Resolve(legend=alt.LegendResolveMap(color="independent")),
    )


def shortfall_lines(plan: pd.DataFrame, specialty: str, lang: str) -> pd.DataFrame:
    """Return the long table a shortfall chart draws: year, series, value (required - planned, required - supply)."""
    own = plan[plan["specialty"] == specialty]
    years = own["year"].to_numpy().astype(int)
    return pd.concat(
        [
            _long(years, t("shortfall_vs_planned", lang), own["shortfall_planned"].to_numpy()),
            _long(years, t("shortfall_vs_supply", lang), own["shortfall_supply"].to_numpy()),
        ],
        ignore_index=True,
    ).dropna(subset=["value"])[["year", "series", "value"]]


def shortfall_chart(lines: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Return the yearly shortfall against the planned inflow and against approvals, with a zero line."""
    names = [t("shortfall_vs_planned", lang), t("shortfall_vs_supply", lang)]
    curves = (
        alt.Chart()
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=year_x(lang),
            y=alt.Y("value:Q", title=t("shortfall_axis", lang)),
            color=alt.Color(
                "series:N",
                scale=alt.Scale(domain=names, range=[PALETTE["orange"], PALETTE["green"]]),
                legend=alt.Legend(orient="top", title=None, labelLimit=320),
            ),
            tooltip=[
                alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                alt.Tooltip("series:N", title=t("series", lang)),
                alt.Tooltip("value:Q", title=t("shortfall_axis", lang), format=",.1f"),
            ],
        )
    )
    zero = once().mark_rule(color="#999999", size=1).encode(y=alt.YDatum(0))
    return alt.layer(zero, curves, data=lines, height=220)


def pipeline_lines(specialty: str, hist: dict[str, pd.DataFrame], pipeline: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the long table a pipeline chart draws: year, series, fte (LiS history, planned, needed).

    `hist` is `physicians.histories(ftes)`.
    """
    residents = hist[specialty]["residents"]
    own = pipeline[pipeline["specialty"] == specialty]
    years = own["year"].to_numpy()
    out = pd.concat(
        [
            _long(residents.index.to_numpy(), t("residents_history", lang), residents.to_numpy()),
            _long(years, t("residents_planned", lang), own["residents_planned"].to_numpy()),
            _long(years, t("residents_needed", lang), own["residents_needed"].to_numpy()),
        ],
        ignore_index=True,
    ).dropna(subset=["value"])
    out["year"] = out["year"].astype(int)
    return out.rename(columns={"value": "fte"})[["year", "series", "fte"]]


def pipeline_chart(lines: pd.DataFrame, deadline: int, late: bool, lang: str) -> alt.LayerChart:
    """Return resident FTEs: history, planned posts and residents needed, with the deadline year marked."""
    order = [t(k, lang) for k in ("residents_history", "residents_planned", "residents_needed")]
    colour = alt.Color(
        "series:N",
        scale=alt.Scale(domain=order, range=[PALETTE["black"], PALETTE["sky_blue"], PALETTE["vermillion"]]),
        legend=alt.Legend(orient="top", title=None, labelLimit=320),
    )
    lines_layer = (
        alt.Chart()
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=year_x(lang),
            y=alt.Y("fte:Q", title=t("residents_axis", lang)),
            color=colour,
            tooltip=[
                alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                alt.Tooltip("series:N", title=t("series", lang)),
                alt.Tooltip("fte:Q", title=t("residents_axis", lang), format=",.1f"),
            ],
        )
    )
    text = t("posts_by", lang, year=deadline) + (f": {t('already_late', lang)}" if late else "")
    rule = once().mark_rule(strokeDash=[4, 4], color=PALETTE["orange"]).encode(x=alt.XDatum(deadline))
    label = (
        once()
        .mark_text(align="left", dx=4, dy=-6, fontSize=12, color=PALETTE["orange"], text=text)
        .encode(x=alt.XDatum(deadline), y=alt.YValue(10))
    )
    return alt.layer(lines_layer, rule, label, data=lines, height=260)
