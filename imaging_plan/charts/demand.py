"""The demand index chart: the physicians' need index and the parts it multiplies."""

from __future__ import annotations

import altair as alt
import pandas as pd

from imaging_plan.i18n import t
from imaging_plan.charts.common import PALETTE, year_x

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
    colour = alt.Color(
        "part:N",
        title=None,
        scale=alt.Scale(domain=order, range=[PALETTE["blue"], PALETTE["orange"], PALETTE["purple"], PALETTE["black"]]),
        legend=alt.Legend(orient="top", labelLimit=320),
    )
    return (
        alt.Chart(lines)
        .mark_line()
        .encode(
            x=year_x(lang),
            y=alt.Y("factor:Q", title=t("demand_factor_axis", lang), scale=alt.Scale(zero=False)),
            color=colour,
            strokeWidth=alt.condition(alt.datum.part == order[-1], alt.value(3.5), alt.value(1.8)),
            tooltip=[
                alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                alt.Tooltip("part:N", title=None),
                alt.Tooltip("factor:Q", title=t("demand_factor_axis", lang), format=".3f"),
            ],
        )
        .properties(height=260)
    )
