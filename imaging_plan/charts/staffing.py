"""Staffing and turnover charts (radiographers, bioengineers, secretaries per trust)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from imaging_plan.data.codes import REGION, STAFF_TRUSTS
from imaging_plan.i18n import t
from imaging_plan.charts.common import PALETTE, YEAR_AXIS, band_and_lines, year_x


def _trust_scale(trusts) -> alt.Scale:
    """Return a colour scale that gives each trust of Tabell 7 the same Okabe-Ito colour on every chart."""
    order = list(STAFF_TRUSTS)
    colours = list(PALETTE.values())
    domain = sorted(set(trusts), key=lambda t: (order.index(t) if t in order else len(order), t))
    return alt.Scale(domain=domain, range=[colours[order.index(t)] if t in order else "#999999" for t in domain])


def _bar_years(years, lang: str) -> alt.X:
    # Bars centred on their year, with half a year of room at both ends.
    return alt.X(
        "year:Q",
        title=t("year", lang),
        axis=YEAR_AXIS,
        scale=alt.Scale(domain=[int(min(years)) - 0.5, int(max(years)) + 0.5], nice=False),
    )


def staff_region_lines(
    role: str, history: pd.DataFrame, trend: pd.DataFrame | None, totals: pd.DataFrame, lang: str
) -> pd.DataFrame:
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
        frames.append(
            pd.DataFrame(
                {
                    "year": tr["year"],
                    "fte": tr["trend"],
                    "lower": tr["trend_lower"],
                    "upper": tr["trend_upper"],
                    "series": names["staff_trend"],
                }
            )
        )
    if not own.empty:
        start = hist[hist["year"] == own["year"].min() - 1]  # join the plan to the last printed year
        frames.append(pd.concat([start, own]).assign(series=names["staff_planned"]))
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype(int)
    return out[["year", "series", "fte", *[c for c in ("lower", "upper") if c in out]]]


def staff_region_chart(lines: pd.DataFrame, title: str, lang: str) -> alt.LayerChart:
    """Return a role's regional FTEs: history, the Prophet trend with its band, and the planned FTEs."""
    order = [t(k, lang) for k in ("staff_history", "staff_trend", "staff_planned")]
    colour = alt.Color(
        "series:N",
        scale=alt.Scale(domain=order, range=[PALETTE["black"], PALETTE["blue"], PALETTE["orange"]]),
        legend=alt.Legend(orient="top", title=None, labelLimit=320),
    )
    y = alt.Y("fte:Q", title=t("fte", lang), scale=alt.Scale(zero=False))
    tooltip = [
        alt.Tooltip("year:Q", title=t("year", lang), format="d"),
        alt.Tooltip("series:N", title=t("series", lang)),
        alt.Tooltip("fte:Q", title=t("fte", lang), format=",.1f"),
    ]
    base = alt.Chart().encode(x=year_x(lang))
    layers = band_and_lines(base, "lower" in lines, order[0], y, colour, tooltip)
    return alt.layer(*layers, data=lines).properties(title=title, height=360)


def staff_trust_lines(
    role: str, ftes: pd.DataFrame, band: pd.DataFrame | None, plan: pd.DataFrame, trusts: list[str], lang: str
) -> pd.DataFrame:
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
        planned = planned.merge(
            b[["trust", "year", "trend_lower", "trend_upper"]].rename(
                columns={"trend_lower": "lower", "trend_upper": "upper"}
            ),
            on=["trust", "year"],
            how="left",
        )
    out = pd.concat(
        [hist[["trust", "year", "fte"]].assign(kind=names["history"]), planned.assign(kind=names["planned"])],
        ignore_index=True,
    )
    out["year"] = out["year"].astype(int)
    return out[["trust", "year", "kind", "fte", *[c for c in ("lower", "upper") if c in out]]]


def staff_trust_chart(
    lines: pd.DataFrame, title: str, lang: str, trusts: tuple[str, ...] | None = None
) -> alt.LayerChart:
    """Return FTEs per trust of one role: printed history solid, planned FTEs dashed, trend band shaded.

    `trusts` gives the colour domain (read from `lines` when not given)."""
    kinds = [t("staff_history", lang), t("staff_planned", lang)]
    # Opaque legend symbols: the shared legend would otherwise take the band's faint fill.
    colour = alt.Color(
        "trust:N",
        scale=_trust_scale(lines["trust"] if trusts is None else trusts),
        legend=alt.Legend(orient="top", title=None, symbolType="circle", symbolOpacity=1),
    )
    dash = alt.StrokeDash(
        "kind:N", scale=alt.Scale(domain=kinds, range=[[1, 0], [6, 3]]), legend=alt.Legend(orient="top", title=None)
    )
    tooltip = [
        alt.Tooltip("trust:N", title=t("col_trust", lang)),
        alt.Tooltip("year:Q", title=t("year", lang), format="d"),
        alt.Tooltip("kind:N", title=t("staff_kind", lang)),
        alt.Tooltip("fte:Q", title=t("fte", lang), format=",.1f"),
    ]
    base = alt.Chart().encode(x=year_x(lang))
    layers = []
    if "lower" in lines:
        layers.append(
            base.transform_filter(alt.datum.lower != None)  # noqa: E711 (Vega expression)
            .mark_area(opacity=0.15)
            .encode(y="lower:Q", y2="upper:Q", color=colour)
        )
    layers.append(
        base.mark_line(strokeWidth=2).encode(
            y=alt.Y("fte:Q", title=t("fte", lang)), color=colour, strokeDash=dash, detail="kind:N", tooltip=tooltip
        )
    )
    layers.append(
        base.transform_filter(alt.datum.kind == kinds[0])
        .mark_point(filled=True, size=25)
        .encode(y="fte:Q", color=colour, tooltip=tooltip)
    )
    return alt.layer(*layers, data=lines).properties(title=title, height=380)


def staff_hires_data(plan: pd.DataFrame, role: str, trusts: list[str]) -> pd.DataFrame:
    """Return what a role's hires chart draws: trust, year, hires_needed."""
    own = plan[(plan["role"] == role) & plan["trust"].isin(trusts)][["trust", "year", "hires_needed"]].copy()
    own["year"] = own["year"].astype(int)
    return own


def staff_hires_chart(
    hires: pd.DataFrame,
    title: str,
    lang: str,
    trusts: tuple[str, ...] | None = None,
    years: tuple[int, int] | None = None,
) -> alt.Chart:
    """Return the hires needed per year of one role (staff_hires_data), stacked by trust: the top is their sum.

    `trusts` and `years` give the colour domain and the x range (read from `hires` when not given)."""
    return (
        alt.Chart(hires)
        .mark_bar(size=14)
        .encode(
            x=_bar_years(hires["year"] if years is None else years, lang),
            y=alt.Y("sum(hires_needed):Q", title=t("staff_hires_axis", lang)),
            color=alt.Color(
                "trust:N",
                scale=_trust_scale(hires["trust"] if trusts is None else trusts),
                legend=alt.Legend(orient="top", title=None),
            ),
            order=alt.Order("trust:N"),
            tooltip=[
                alt.Tooltip("trust:N", title=t("col_trust", lang)),
                alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                alt.Tooltip("hires_needed:Q", title=t("staff_hires_axis", lang), format=",.1f"),
            ],
        )
        .properties(title=title, height=320)
    )


def staff_turnover_data(
    history: pd.DataFrame, flags: pd.DataFrame, role: str, trusts: list[str], assumed_pct: float, lang: str
) -> pd.DataFrame:
    """Return what a role's turnover chart draws: trust, year, turnover_pct, leavers, staff, flagged, mark, assumed.

    `flagged` marks the latest year of a flagged series; `assumed` is the
    role's regional rate in the plan (drawn as a rule).
    """
    own = history[(history["role"] == role) & history["trust"].isin(trusts)][
        ["trust", "year", "turnover_pct", "leavers", "staff"]
    ].copy()
    own["year"] = own["year"].astype(int)
    flagged = flags[(flags["role"] == role) & flags["flag"]]
    latest = set(zip(flagged["trust"], flagged["latest_year"]))
    own["flagged"] = [(tr, y) in latest for tr, y in zip(own["trust"], own["year"])]
    own["mark"] = t("staff_flagged", lang)
    own["assumed"] = float(assumed_pct)
    return own.reset_index(drop=True)


def staff_turnover_chart(
    data: pd.DataFrame, title: str, lang: str, trusts: tuple[str, ...] | None = None
) -> alt.LayerChart:
    """Return the turnover rate per year and trust of one role, flagged series marked, the assumed rate as a rule.

    A flagged series gets a black triangle on its latest year. The caller puts
    the 'illustrative' warning in the title when the rows are invented.
    """
    colour = alt.Color(
        "trust:N",
        scale=_trust_scale(data["trust"] if trusts is None else trusts),
        legend=alt.Legend(orient="top", title=None),
    )
    tooltip = [
        alt.Tooltip("trust:N", title=t("col_trust", lang)),
        alt.Tooltip("year:Q", title=t("year", lang), format="d"),
        alt.Tooltip("turnover_pct:Q", title=t("staff_turnover_axis", lang), format=",.1f"),
        alt.Tooltip("leavers:Q", title=t("col_leavers", lang), format=",.0f"),
        alt.Tooltip("staff:Q", title=t("col_staff_fte", lang), format=",.1f"),
    ]
    y = alt.Y("turnover_pct:Q", title=t("staff_turnover_axis", lang))
    base = alt.Chart().encode(x=year_x(lang))
    rule = base.mark_rule(strokeDash=[4, 4], color=PALETTE["black"]).encode(
        x=alt.value(0),
        x2=alt.value("width"),
        y="mean(assumed):Q",
        tooltip=[alt.Tooltip("mean(assumed):Q", title=t("staff_assumed", lang), format=",.1f")],
    )
    lines = base.mark_line(point=True, strokeWidth=2).encode(y=y, color=colour, tooltip=tooltip)
    marks = (
        base.transform_filter(alt.datum.flagged)
        .mark_point(size=260, filled=True, color=PALETTE["black"], opacity=1)
        .encode(
            y=y,
            shape=alt.Shape(
                "mark:N", scale=alt.Scale(range=["triangle-up"]), legend=alt.Legend(orient="top", title=None)
            ),
            tooltip=tooltip,
        )
    )
    return alt.layer(lines, marks, rule, data=data).properties(title=title, height=340)
