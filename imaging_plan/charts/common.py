"""What every chart shares: the palette, the year axis, number formats, one-mark layers.

One colour-blind-safe palette (Okabe & Ito 2008) for every chart; years are
integers on the axis; intervals are bands.
"""

from __future__ import annotations

import altair as alt

from imaging_plan.i18n import t

# Okabe-Ito palette. Note: Streamlit fits a chart's `height` around its axes and
# legend too, so heights here are for the whole chart, not the plot area.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}

YEAR_AXIS = alt.Axis(format="d", tickMinStep=1, labelAngle=0)


def year_x(lang: str) -> alt.X:
    """Return the x encoding of a yearly chart: integer years, the axis titled in `lang`, ending at the last year.

    Not `nice`: Vega would round the scale out to a round year, and a line ending in the
    horizon 2043 would sit on an axis running to 2044.
    """
    return alt.X("year:Q", title=t("year", lang), axis=YEAR_AXIS, scale=alt.Scale(zero=False, nice=False))


# d3-format locale for Vega: "1 234,5" in bokmål (thin grouping by no-break space).
NUMBER_LOCALE = {
    "nb": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"], "minus": "\u2212"},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", " NOK"]},
}


def localized(chart, lang: str) -> dict:
    """Return the chart as a Vega-Lite spec whose numbers follow `lang` (not re-validated: ~20 ms saved).

    Builders stay composable; only the finished chart gets the top-level locale.
    """
    spec = chart.to_dict(validate=False)
    spec.setdefault("config", {})["locale"] = {"number": NUMBER_LOCALE[lang]}
    return spec


def once() -> alt.Chart:
    """Return a layer that draws one mark, not one per row of the inherited data (rules, labels)."""
    return alt.Chart().transform_aggregate(rows="count()")


def band_and_lines(base: alt.Chart, band: bool, history: str, y, colour, tooltip) -> list:
    """Return the layers of a history-and-trend chart: the 80 % band, the lines, the history with points.

    `base` carries the x encoding (and the data, or inherits it); `band` says whether the
    data has lower/upper columns; `history` is the series drawn with points (observed values).
    """
    layers = []
    if band:
        layers.append(
            base.transform_filter(alt.datum.lower != None)  # noqa: E711 (Vega expression)
            .mark_area(opacity=0.2, color=PALETTE["sky_blue"])
            .encode(y="lower:Q", y2="upper:Q")
        )
    layers.append(
        base.transform_filter(alt.datum.series != history)
        .mark_line(strokeWidth=2)
        .encode(y=y, color=colour, tooltip=tooltip)
    )
    layers.append(
        base.transform_filter(alt.datum.series == history)
        .mark_line(point=True, strokeWidth=2)
        .encode(y=y, color=colour, tooltip=tooltip)
    )
    return layers
