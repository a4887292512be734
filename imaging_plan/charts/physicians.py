"""Physician charts: history, trend, supply and need per specialty, and the yearly gap."""

from __future__ import annotations

import altair as alt
import pandas as pd

from imaging_plan.i18n import t
from imaging_plan.charts.common import PALETTE, YEAR_AXIS, band_and_lines, year_x


def physician_lines(
    specialty: str,
    history: pd.DataFrame,
    trend: pd.DataFrame | None,
    plan: pd.DataFrame,
    lang: str,
    trend_label: str | None = None,
) -> pd.DataFrame:
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
        frames.append(
            pd.DataFrame(
                {
                    "year": tr["year"],
                    "fte": tr["trend"],
                    "lower": tr["trend_lower"],
                    "upper": tr["trend_upper"],
                    "series": names["trend"],
                }
            )
        )
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
    colour = alt.Color(
        "series:N",
        title=t("series", lang),
        scale=alt.Scale(domain=order, range=colours),
        legend=alt.Legend(orient="top", title=None, labelLimit=320),
    )
    y = alt.Y("fte:Q", title=t("fte", lang), scale=alt.Scale(zero=False))
    tooltip = [
        alt.Tooltip("year:Q", title=t("year", lang), format="d"),
        alt.Tooltip("series:N", title=t("series", lang)),
        alt.Tooltip("fte:Q", title=t("fte", lang), format=",.1f"),
    ]
    base = alt.Chart(lines).encode(x=year_x(lang))
    layers = band_and_lines(base, "lower" in lines, order[0], y, colour, tooltip)
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
    x = alt.X(
        "year:Q",
        title=t("year", lang),
        axis=YEAR_AXIS,
        scale=alt.Scale(domain=[years[0] - 0.5, years[1] + 0.5], nice=False),
    )
    return (
        alt.Chart(own)
        .mark_bar(size=9)
        .encode(
            x=x,
            y=alt.Y("gap:Q", title=t("gap_fte", lang)),
            color=alt.Color(
                "kind:N",
                title=t("gap", lang),
                scale=alt.Scale(
                    domain=[t("shortage", lang), t("surplus", lang)], range=[PALETTE["vermillion"], PALETTE["blue"]]
                ),
                legend=alt.Legend(orient="top", title=None),
            ),
            tooltip=[
                alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                alt.Tooltip("gap:Q", title=t("gap_fte", lang), format=",.1f"),
            ],
        )
        .properties(height=220)
    )
