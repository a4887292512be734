"""The overview's charts: each page's small card chart, and the fans of the presets and the viewer's scenario."""

from __future__ import annotations

import altair as alt
import pandas as pd

from imaging_plan.i18n import t
from imaging_plan.charts.common import PALETTE, year_x


def overview_lines(
    long: pd.DataFrame, unit: str, lang: str, height: int = 150, colours: dict[str, str] | None = None
) -> alt.TopLevelMixin:
    """Return a small line chart for the overview: year, series, value (+ lower/upper band).

    Y axes start at zero, so a flat line reads as flat. With a `panel` column,
    one small panel per value, each on its own y scale
    (radiology's hundreds would flatten nuclear medicine's tens on a shared axis).
    """
    domain = list(dict.fromkeys(long["series"]))
    default = [PALETTE[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky_blue", "black")]
    scale = (
        alt.Scale(domain=domain, range=[colours[d] for d in domain])
        if colours
        else alt.Scale(domain=domain, range=default[: len(domain)])
    )
    colour = alt.Color("series:N", title=None, scale=scale, legend=alt.Legend(orient="top", labelLimit=300))
    base = alt.Chart().encode(x=year_x(lang))
    lines = base.mark_line(strokeWidth=2).encode(
        y=alt.Y("value:Q", title=unit, scale=alt.Scale(zero=True)),
        color=colour,
        tooltip=[
            alt.Tooltip("year:Q", title=t("year", lang), format="d"),
            alt.Tooltip("series:N"),
            alt.Tooltip("value:Q", title=unit, format=",.1f"),
        ],
    )
    layers = [lines]
    if {"lower", "upper"} <= set(long.columns):
        layers.insert(0, base.mark_area(opacity=0.15).encode(y="lower:Q", y2="upper:Q", color=colour))
    chart = alt.layer(*layers, data=long).properties(height=height)
    if "panel" in long.columns:
        chart = chart.facet(
            row=alt.Row(
                "panel:N",
                title=None,
                sort=list(dict.fromkeys(long["panel"])),
                header=alt.Header(labelAngle=0, labelAlign="left", labelOrient="top"),
            )
        )
        chart = chart.resolve_scale(y="independent")
    return chart


FAN_SCENARIOS = ("baseline", "low", "high", "yours")
FAN_COLOURS = {
    "baseline": PALETTE["black"],
    "low": PALETTE["blue"],
    "high": PALETTE["vermillion"],
    "yours": PALETTE["orange"],
}


def fan_lines(lines: dict[str, pd.DataFrame], names: dict[str, str], band: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return one long table of a fan: year, panel, series, value, lower, upper.

    `lines` maps each of FAN_SCENARIOS to a frame of year, value (and panel); `names`
    gives each its label. lower/upper are `band`'s (the viewer's 80 % interval: year,
    lower, upper and panel) where given, else the lowest and highest of the three presets
    in each year: the band the presets span.
    """
    frames = []
    for key in FAN_SCENARIOS:
        frame = lines[key].copy()
        if "panel" not in frame:
            frame["panel"] = ""
        frames.append(frame.assign(series=names[key], scenario=key))
    out = pd.concat(frames, ignore_index=True)
    if band is None:
        presets = out[out["scenario"] != "yours"].groupby(["panel", "year"])["value"]
        band = pd.DataFrame({"lower": presets.min(), "upper": presets.max()}).reset_index()
    else:
        band = band.assign(panel=band["panel"] if "panel" in band else "")[["panel", "year", "lower", "upper"]]
    out = out.merge(band, on=["panel", "year"], how="left")
    out["year"] = out["year"].astype(int)
    return out[["year", "panel", "series", "value", "lower", "upper"]]


def fan_chart(
    lines: pd.DataFrame, title: str, unit: str, lang: str, series: tuple[str, ...] = (), panels: tuple[str, ...] = ()
) -> alt.TopLevelMixin:
    """Return a fan: the band (the viewer's interval, or the presets' span), the presets thin, the viewer's line thick.

    `series` are the labels of FAN_SCENARIOS in that order; `panels` the panel
    labels (one small chart each, own y scale); both given so the spec reads no value of `lines`.
    """
    scale = alt.Scale(domain=list(series), range=[FAN_COLOURS[k] for k in FAN_SCENARIOS[: len(series)]])
    colour = alt.Color("series:N", title=None, scale=scale, legend=alt.Legend(orient="top", labelLimit=300))
    tooltip = [
        alt.Tooltip("year:Q", title=t("year", lang), format="d"),
        alt.Tooltip("series:N"),
        alt.Tooltip("value:Q", title=unit, format=",.1f"),
    ]
    base = alt.Chart().encode(x=year_x(lang))
    band = (
        base.transform_filter(alt.datum.series == series[0])
        .mark_area(opacity=0.18, color=PALETTE["sky_blue"])
        .encode(y=alt.Y("lower:Q", title=unit), y2="upper:Q")
    )
    presets = (
        base.transform_filter(alt.datum.series != series[-1])
        .mark_line(strokeWidth=1.2)
        .encode(y=alt.Y("value:Q", title=unit), color=colour, tooltip=tooltip)
    )
    yours = (
        base.transform_filter(alt.datum.series == series[-1])
        .mark_line(strokeWidth=3)
        .encode(y=alt.Y("value:Q", title=unit), color=colour, tooltip=tooltip)
    )
    # Streamlit fits `height` around title, legend and axes: a single chart needs the room.
    chart = alt.layer(band, presets, yours, data=lines).properties(height=150 if len(panels) > 1 else 300, title=title)
    if len(panels) > 1:
        chart = (
            chart.properties(title="")
            .facet(
                row=alt.Row(
                    "panel:N",
                    title=None,
                    sort=list(panels),
                    header=alt.Header(labelAngle=0, labelAlign="left", labelOrient="top"),
                ),
                title=title,
            )
            .resolve_scale(y="independent")
        )
    return chart
