"""Charts of the gap's parts and its interval, the tornado and the waterfall (pure builders).

Each `*_data` returns the long table its chart draws; each chart reads only the columns
of that table (never a value), so the page caches the spec and a slider move sends only
the numbers (components.show_chart_data). Years are integers, intervals are bands, the
palette is `common.PALETTE`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from imaging_plan.i18n import fmt_number, t
from imaging_plan.charts.common import PALETTE, YEAR_AXIS

PART_COLOURS = {"specialists_gap": PALETTE["blue"], "residents_gap": PALETTE["orange"], "gap": PALETTE["black"]}


def _capital(label: str) -> str:
    """Return a label as a legend starts it: 'spesialister' -> 'Spesialister' (LiS stays LiS)."""
    return label[:1].upper() + label[1:]


def gap_parts_data(plan: pd.DataFrame, band: pd.DataFrame, specialty: str, lang: str) -> pd.DataFrame:
    """Return year, series, kind ('part' or 'total'), value, lower, upper of one specialty's gap.

    Parts: the scenario's specialists' and residents' (LiS) gaps; total: the scenario's gap,
    with the p10-p90 of the Monte Carlo's gap (`band`: the interval's gap rows) as its band.
    """
    own = plan[plan["specialty"] == specialty]
    years = own["year"].astype(int).to_numpy()
    frames = [
        pd.DataFrame(
            {"year": years, "series": _capital(t(f"part_{part}", lang)), "kind": "part", "value": own[part].to_numpy()}
        )
        for part in ("specialists_gap", "residents_gap")
    ]
    interval = band[band["specialty"] == specialty].set_index("year")
    frames.append(
        pd.DataFrame(
            {
                "year": years,
                "series": _capital(t("part_gap", lang)),
                "kind": "total",
                "value": own["gap"].to_numpy(),
                "lower": interval["p10"].reindex(years).to_numpy(),
                "upper": interval["p90"].reindex(years).to_numpy(),
            }
        )
    )
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype(int)
    return out[["year", "series", "kind", "value", "lower", "upper"]]


def gap_parts_chart(data: pd.DataFrame, lang: str, years: tuple[int, int]) -> alt.LayerChart:
    """Return the gap as stacked bars of its parts, the total as a line and its 80 % interval as a band."""
    order = [_capital(t(f"part_{p}", lang)) for p in PART_COLOURS]
    colour = alt.Color(
        "series:N",
        scale=alt.Scale(domain=order, range=list(PART_COLOURS.values())),
        legend=alt.Legend(orient="top", title=None, labelLimit=320),
    )
    x = alt.X(
        "year:Q",
        title=t("year", lang),
        axis=YEAR_AXIS,
        scale=alt.Scale(domain=[years[0] - 0.5, years[1] + 0.5], nice=False),
    )
    y = alt.Y("value:Q", title=t("gap_fte", lang))
    tooltip = [
        alt.Tooltip("year:Q", title=t("year", lang), format="d"),
        alt.Tooltip("series:N", title=t("series", lang)),
        alt.Tooltip("value:Q", title=t("gap_fte", lang), format=",.1f"),
    ]
    base = alt.Chart().encode(x=x)
    band = (
        base.transform_filter(alt.datum.kind == "total")
        .mark_area(opacity=0.25, color=PALETTE["sky_blue"])
        .encode(
            y="lower:Q",
            y2="upper:Q",
            tooltip=[
                alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                alt.Tooltip("lower:Q", title="p10", format=",.1f"),
                alt.Tooltip("upper:Q", title="p90", format=",.1f"),
            ],
        )
    )
    bars = (
        base.transform_filter(alt.datum.kind == "part")
        .mark_bar(size=9, opacity=0.85)
        .encode(y=alt.Y("value:Q", title=t("gap_fte", lang), stack="zero"), color=colour, tooltip=tooltip)
    )
    line = (
        base.transform_filter(alt.datum.kind == "total")
        .mark_line(strokeWidth=2)
        .encode(y=y, color=colour, tooltip=tooltip)
    )
    return alt.layer(band, bars, line, data=data).properties(height=260)


def _setting(key: str, value: float, lang: str) -> str:
    """Return an assumption's p10 or p90 value as the reader knows it (the population as SSB's code)."""
    if key == "population_scenario":
        return "LLML" if value < 0 else "HHMH"
    whole = float(value).is_integer()
    return fmt_number(value, lang, 0 if whole else 1)


def tornado_data(
    sens: pd.DataFrame, specialty: str, base_gap: float, labels: dict[str, str], lang: str
) -> pd.DataFrame:
    """Return one specialty's tornado: per assumption a bar from the scenario's gap to the gap at p10 and at p90.

    Columns: assumption, end (p10 / p90 label), start (the scenario's gap), value (the gap at
    that end), setting (the assumption's value there), swing (|high - low|, for the order).
    Assumptions that do not move this specialty's gap are left out.
    """
    own = sens[sens["specialty"] == specialty]
    rows = []
    for _, r in own.iterrows():
        swing = abs(r["gap_at_high"] - r["gap_at_low"])
        if swing < 1e-9:
            continue
        for end, gap, value in (("low", r["gap_at_low"], r["low_value"]), ("high", r["gap_at_high"], r["high_value"])):
            rows.append(
                {
                    "assumption": labels.get(r["assumption"], r["assumption"]),
                    "end": t(f"tornado_{end}", lang),
                    "start": float(base_gap),
                    "value": float(gap),
                    "setting": _setting(r["assumption"], value, lang),
                    "swing": float(swing),
                }
            )
    return pd.DataFrame(rows, columns=["assumption", "end", "start", "value", "setting", "swing"])


def tornado_chart(data: pd.DataFrame, title: str, lang: str, year: int) -> alt.LayerChart:
    """Return the tornado: horizontal bars from the scenario's gap, the widest swing on top, and the scenario's rule."""
    unit = t("tornado_axis", lang, year=year)
    colour = alt.Color(
        "end:N",
        scale=alt.Scale(
            domain=[t("tornado_low", lang), t("tornado_high", lang)], range=[PALETTE["blue"], PALETTE["vermillion"]]
        ),
        legend=alt.Legend(orient="top", title=None, labelLimit=320),
    )
    y = alt.Y(
        "assumption:N",
        title=None,
        sort=alt.EncodingSortField("swing", op="max", order="descending"),
        axis=alt.Axis(labelLimit=220),
    )
    bars = (
        alt.Chart()
        .mark_bar(height=14)
        .encode(
            y=y,
            x=alt.X("start:Q", title=unit),
            x2="value:Q",
            color=colour,
            tooltip=[
                alt.Tooltip("assumption:N", title=t("tornado_assumption", lang)),
                alt.Tooltip("end:N", title=t("series", lang)),
                alt.Tooltip("setting:N", title=t("value", lang)),
                alt.Tooltip("value:Q", title=unit, format=",.1f"),
            ],
        )
    )
    rule = alt.Chart().mark_rule(color=PALETTE["black"], strokeWidth=1.5).encode(x="mean(start):Q")
    return alt.layer(bars, rule, data=data).properties(title=title, height=alt.Step(22))


WATERFALL_COLOURS = {"total": PALETTE["black"], "need": PALETTE["vermillion"], "supply": PALETTE["green"]}


def waterfall_data(steps: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return `uncertainty.waterfall`'s steps as bars: step (label), order, start, end, value, colour group.

    Need side: from the base year's FTEs up by each step to the need. Supply side: from the
    base year's FTEs again, by each flow, to the supply. Totals stand on zero.
    """
    rows, running = [], 0.0
    base = float(steps.loc[steps["step"] == "base_ftes", "value"].iloc[0])
    for i, r in enumerate(steps.itertuples()):
        if r.kind == "total":
            start, end, running = 0.0, float(r.value), float(r.value)
            group = "total"
        else:
            if r.side == "supply" and steps.iloc[i - 1]["step"] == "need":
                running = base  # the supply side starts from the base year's FTEs again
            start, end = running, running + float(r.value)
            running, group = end, r.side
        rows.append(
            {
                "step": t(f"wf_{r.step}", lang),
                "order": i,
                "start": start,
                "end": end,
                "value": float(r.value),
                "group": t(f"wf_group_{group}", lang),
            }
        )
    return pd.DataFrame(rows)


def waterfall_chart(data: pd.DataFrame, title: str, lang: str) -> alt.Chart:
    """Return the waterfall, one row per step top-down: totals from zero, each step from where the last ended."""
    domain = [t(f"wf_group_{g}", lang) for g in WATERFALL_COLOURS]
    return (
        alt.Chart(data)
        .mark_bar(height=14)
        .encode(
            y=alt.Y("step:N", title=None, sort=alt.EncodingSortField("order"), axis=alt.Axis(labelLimit=200)),
            x=alt.X("start:Q", title=t("fte", lang), scale=alt.Scale(zero=True)),
            x2="end:Q",
            color=alt.Color(
                "group:N",
                scale=alt.Scale(domain=domain, range=list(WATERFALL_COLOURS.values())),
                legend=alt.Legend(orient="top", title=None),
            ),
            tooltip=[
                alt.Tooltip("step:N", title=t("wf_step", lang)),
                alt.Tooltip("value:Q", title=t("fte", lang), format=",.1f"),
                alt.Tooltip("end:Q", title=t("wf_after", lang), format=",.1f"),
            ],
        )
        .properties(title=title, height=alt.Step(22))
    )
