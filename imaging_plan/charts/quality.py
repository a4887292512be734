"""Forecast quality charts: the trends' rolling-origin backtest and the planning model's backcast."""

from __future__ import annotations

import altair as alt
import pandas as pd

from imaging_plan.i18n import t
from imaging_plan.charts.common import PALETTE, year_x

METHOD_COLOURS = {
    "naive": PALETTE["orange"],
    "drift": PALETTE["green"],
    "theta": PALETTE["purple"],
    "prophet": PALETTE["blue"],
    "median": PALETTE["sky_blue"],
    "mean": PALETTE["yellow"],
    "default": PALETTE["vermillion"],
}


def method_label(method: str, lang: str) -> str:
    """Return a forecast method's name for a legend or a button, capitalised: 'naive' -> 'Naiv'."""
    name = t(f"method_{method}", lang)
    return name[:1].upper() + name[1:]


def backtest_lines(
    series: pd.DataFrame, forecasts: pd.DataFrame, series_id: str, methods: list[str], lang: str
) -> pd.DataFrame:
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
        ["year", "value", "lower", "upper", "line", "method", "origin"]
    ]


def backtest_chart(lines: pd.DataFrame, title: str, lang: str) -> alt.LayerChart:
    """Return the actuals (black) and each method's forecasts from every origin, with their 80 % bands."""
    methods = [m for m in METHOD_COLOURS if m in set(lines["method"])]
    domain = [t("actual", lang)] + [method_label(m, lang) for m in methods]
    scale = alt.Scale(domain=domain, range=[PALETTE["black"]] + [METHOD_COLOURS[m] for m in methods])
    colour = alt.Color("line:N", title=None, scale=scale, legend=alt.Legend(orient="top", labelLimit=320))
    y = alt.Y("value:Q", title=t("value_axis", lang), scale=alt.Scale(zero=False))
    tooltip = [
        alt.Tooltip("year:Q", title=t("year", lang), format="d"),
        alt.Tooltip("line:N", title=t("col_method", lang)),
        alt.Tooltip("value:Q", title=t("value", lang), format=",.1f"),
    ]
    origin = alt.Tooltip("origin:Q", title=t("col_origin", lang), format="d")
    base = alt.Chart(lines).encode(x=year_x(lang))
    is_actual = alt.datum.method == "actual"
    forecast = base.transform_filter(~is_actual)
    # bands in fixed colours, one layer per method: no second colour scale to disturb the legend
    bands = [
        forecast.transform_filter(alt.datum.method == m)
        .mark_area(opacity=0.12, color=METHOD_COLOURS[m])
        .encode(y="lower:Q", y2="upper:Q", detail="origin:N")
        for m in methods
    ]
    return alt.layer(
        *bands,
        forecast.mark_line(strokeWidth=1.5, point=alt.OverlayMarkDef(size=18)).encode(
            y=y, color=colour, detail="origin:N", tooltip=[*tooltip, origin]
        ),
        base.transform_filter(is_actual)
        .mark_line(point=True, strokeWidth=2.5)
        .encode(y=y, color=colour, tooltip=tooltip),
    ).properties(title=title, height=380)


def backcast_lines(
    backcast: pd.DataFrame, specialty: str, lang: str, history: pd.DataFrame | None = None
) -> pd.DataFrame:
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
    colour = alt.Color(
        "start:N",
        title=None,
        scale=alt.Scale(
            domain=[actual, *starts], range=[PALETTE["black"], *[hues[i % len(hues)] for i in range(len(starts))]]
        ),
        legend=alt.Legend(orient="right", labelLimit=240),
    )
    dash = alt.StrokeDash(
        "variant:N",
        title=None,
        scale=alt.Scale(
            domain=[actual, *variants], range=[[1, 0], *[[1, 0] if i == 0 else [6, 4] for i in range(len(variants))]]
        ),
        legend=alt.Legend(orient="right", labelLimit=240),
    )
    return (
        alt.Chart(lines)
        .mark_line(point=alt.OverlayMarkDef(size=25))
        .encode(
            x=year_x(lang),
            y=alt.Y("fte:Q", title=t("fte", lang), scale=alt.Scale(zero=False)),
            color=colour,
            strokeDash=dash,
            detail="line:N",
            tooltip=[
                alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                alt.Tooltip("line:N", title=None),
                alt.Tooltip("fte:Q", title=t("fte", lang), format=",.1f"),
            ],
        )
        .properties(title=title, height=320)
    )
