"""Equipment charts: what falls due, spending under a budget, the age profile, and units needed."""

from __future__ import annotations

import json

import altair as alt
import numpy as np
import pandas as pd

from imaging_plan.i18n import t
from imaging_plan.charts.common import PALETTE, once, year_x

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
    colour = alt.Color(
        "series:N",
        scale=alt.Scale(domain=names, range=[PALETTE["blue"], PALETTE["black"], PALETTE["sky_blue"]]),
        legend=alt.Legend(orient="top", title=None, labelLimit=200),
    )
    y_title = t("units_per_year" if value == "units" else "mnok_per_year", lang)
    tooltip = [
        alt.Tooltip("year:Q", title=t("year", lang), format="d"),
        alt.Tooltip("due:Q", title=names[0], format=",.0f"),
    ]
    layers = [
        alt.Chart()
        .transform_calculate(**_series(names[0]))
        .mark_bar(opacity=0.75, size=10)
        .encode(x=year_x(lang), y=alt.Y("due:Q", title=y_title), color=colour, tooltip=tooltip)
    ]
    if "median" in lines:
        tooltip = tooltip + [
            alt.Tooltip(f"{k}:Q", title=names[1] if k == "median" else f"{names[2]}: {k}", format=",.0f")
            for k in ("median", "lower", "upper")
        ]
        layers.insert(
            0,
            alt.Chart()
            .transform_calculate(**_series(names[2]))
            .mark_area(opacity=0.35)
            .encode(x=year_x(lang), y=alt.Y("lower:Q"), y2=alt.Y2("upper:Q"), color=colour),
        )
        layers.append(
            alt.Chart()
            .transform_calculate(**_series(names[1]))
            .mark_line(strokeWidth=1.5)
            .encode(x=year_x(lang), y=alt.Y("median:Q"), color=colour, tooltip=tooltip)
        )
    return alt.layer(*layers, data=lines).properties(title=_titled(title, note), height=360)


def budget_lines(yearly: pd.DataFrame) -> pd.DataFrame:
    """Return the table a budget chart draws: year, spent, backlog and budget (MNOK; an
    unlimited budget is left blank), backlog units and the oldest unit's age."""
    out = yearly[["year", "spent_mnok", "backlog_mnok", "budget_mnok", "backlog_units", "oldest_age_years"]].copy()
    out["budget_mnok"] = out["budget_mnok"].where(out["budget_mnok"] < float("inf"))
    return out


def budget_chart(lines: pd.DataFrame, title: str, note: str | None, lang: str) -> alt.LayerChart:
    """Return spending per year (bars), the backlog left (line) and the budget (dashed), in MNOK."""
    names = [t("spent", lang), t("backlog", lang), t("budget", lang)]
    scale = alt.Scale(domain=names, range=[PALETTE["green"], PALETTE["vermillion"], PALETTE["black"]])
    legend = alt.Legend(orient="top", title=None)
    y_title = t("mnok", lang)
    tooltip = [
        alt.Tooltip("year:Q", title=t("year", lang), format="d"),
        alt.Tooltip("spent_mnok:Q", title=names[0], format=",.0f"),
        alt.Tooltip("backlog_mnok:Q", title=names[1], format=",.0f"),
        alt.Tooltip("backlog_units:Q", title=f"{names[1]} ({t('units', lang).lower()})"),
        alt.Tooltip("oldest_age_years:Q", title=t("oldest_age", lang)),
    ]
    colour = alt.Color("series:N", scale=scale, legend=legend)
    spent = (
        alt.Chart()
        .transform_calculate(**_series(names[0]))
        .mark_bar(size=10, opacity=0.8)
        .encode(x=year_x(lang), y=alt.Y("spent_mnok:Q", title=y_title), color=colour, tooltip=tooltip)
    )
    backlog = (
        alt.Chart()
        .transform_calculate(**_series(names[1]))
        .mark_line(point=True, strokeWidth=2)
        .encode(x=year_x(lang), y=alt.Y("backlog_mnok:Q"), color=colour, tooltip=tooltip)
    )
    budget = (
        alt.Chart()
        .transform_calculate(**_series(names[2]))
        .mark_line(strokeDash=[6, 4], strokeWidth=1.5)
        .encode(x=year_x(lang), y=alt.Y("budget_mnok:Q"), color=colour)
    )
    return alt.layer(spent, backlog, budget, data=lines).properties(title=_titled(title, note), height=360)


AGE_CLASS_ORDER = ("0-5", "6-10", "over_10")


def age_lines(shares: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the table an age-profile chart draws: year, age (label), order, share (%).

    `shares` has year and share_0-5, share_6-10, share_over_10 (one scope's rows of
    `equipment.golden_rules`).
    """
    n = len(shares)
    return pd.DataFrame(
        {
            "year": np.tile(shares["year"].to_numpy(dtype=int), len(AGE_CLASS_ORDER)),
            "age": np.repeat([t(f"age_{c}", lang) for c in AGE_CLASS_ORDER], n),
            "order": np.repeat(np.arange(len(AGE_CLASS_ORDER)), n),
            "share": np.concatenate([shares[f"share_{c}"].to_numpy(dtype=float) for c in AGE_CLASS_ORDER]),
        }
    )


def age_profile_chart(lines: pd.DataFrame, title: str, note: str | None, lang: str) -> alt.LayerChart:
    """Return the age classes' shares per year, stacked, with the golden rules' lines.

    The 60 % line is the least the 0-5 class (bottom) must reach; the 90 % line is where
    the units over ten (top) must start at the earliest, so they stay at most 10 %.
    """
    labels = [t(f"age_{c}", lang) for c in AGE_CLASS_ORDER]
    bars = (
        alt.Chart()
        .mark_bar(size=12)
        .encode(
            x=year_x(lang),
            y=alt.Y("share:Q", title=t("share_pct", lang), stack="zero", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color(
                "age:N",
                title=t("age_class", lang),
                scale=alt.Scale(domain=labels, range=[AGE_COLOURS[c] for c in AGE_CLASS_ORDER]),
                legend=alt.Legend(orient="top", title=None),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                alt.Tooltip("age:N", title=t("age_class", lang)),
                alt.Tooltip("share:Q", title=t("share_pct", lang), format=".1f"),
            ],
        )
    )
    rule_labels = [t("rule_line_60", lang), t("rule_line_90", lang)]
    dash = alt.StrokeDash(
        "label:N",
        scale=alt.Scale(domain=rule_labels, range=[[6, 3], [2, 2]]),
        legend=alt.Legend(orient="bottom", title=None, labelLimit=300),
    )
    rules = [
        once()
        .transform_calculate(label=json.dumps(label), y=str(y))
        .mark_rule(strokeWidth=2, color=PALETTE["black"])
        .encode(y=alt.Y("y:Q"), strokeDash=dash)
        for label, y in zip(rule_labels, (60, 90))
    ]
    return alt.layer(bars, *rules, data=lines).properties(title=_titled(title, note), height=360)


def demand_lines(demand: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """Return the table a demand chart draws: modality (name), year, series, units."""
    series = [t("needed", lang), t("on_hand", lang)]
    n = len(demand)
    return pd.DataFrame(
        {
            "modality": np.tile(demand["modality"].map(names).to_numpy(dtype=object), 2),
            "year": np.tile(demand["year"].to_numpy(dtype=int), 2),
            "series": np.repeat(series, n),
            "units": np.concatenate(
                [demand["units_needed"].to_numpy(dtype=float), demand["units_on_hand"].to_numpy(dtype=float)]
            ),
        }
    )


def demand_chart(lines: pd.DataFrame, order: tuple[str, ...], lang: str) -> alt.FacetChart:
    """Return units needed (line) against units on hand (dashed) per modality, one panel each, in `order`."""
    series = [t("needed", lang), t("on_hand", lang)]
    return (
        alt.Chart(lines)
        .mark_line(strokeWidth=2)
        .encode(
            x=year_x(lang),
            y=alt.Y("units:Q", title=t("units", lang), scale=alt.Scale(zero=False)),
            color=alt.Color(
                "series:N",
                scale=alt.Scale(domain=series, range=[PALETTE["blue"], PALETTE["black"]]),
                legend=alt.Legend(orient="top", title=None),
            ),
            strokeDash=alt.StrokeDash("series:N", scale=alt.Scale(domain=series, range=[[1, 0], [5, 3]]), legend=None),
            tooltip=[
                alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                alt.Tooltip("series:N", title=t("series", lang)),
                alt.Tooltip("units:Q", title=t("units", lang), format=",.1f"),
            ],
        )
        .properties(width=220, height=170)
        .facet(facet=alt.Facet("modality:N", title=None, sort=list(order)), columns=3)
        .resolve_scale(y="independent")
    )
