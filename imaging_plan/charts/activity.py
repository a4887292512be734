"""Charts of the activity and the chain it drives: exams per modality, then people and machines.

Pure builders: a table in, an Altair chart out (tested on `chart.data`). Years are integers.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from imaging_plan.data.codes import MODALITY_NAMES
from imaging_plan.i18n import modality_name, t
from imaging_plan.charts.common import PALETTE, year_x


def exam_modality_name(code: str, lang: str) -> str:
    """Return an exam line's name in `lang`: the equipment type's where there is one, else its own."""
    return modality_name(code, lang) if code in MODALITY_NAMES else t(f"exam_mod_{code.lower()}", lang)


def activity_lines(activity: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the table an activity chart draws: modality (name), year, sector (name), exams (thousands)."""
    sectors = {"public": t("sector_public", lang), "private": t("sector_private", lang)}
    return pd.DataFrame(
        {
            "modality": [exam_modality_name(m, lang) for m in activity["modality"]],
            "year": activity["year"].to_numpy(dtype=int),
            "sector": activity["sector"].map(sectors).to_numpy(dtype=object),
            "exams": activity["exams"].to_numpy(dtype=float) / 1000,
        }
    )


def activity_chart(lines: pd.DataFrame, lang: str) -> alt.FacetChart:
    """Return exams a year per modality, public and private stacked, one panel each."""
    sectors = [t("sector_public", lang), t("sector_private", lang)]
    return (
        alt.Chart(lines)
        .mark_area(opacity=0.8)
        .encode(
            x=year_x(lang),
            y=alt.Y("exams:Q", title=t("exams_thousands", lang), stack=True),
            color=alt.Color(
                "sector:N",
                scale=alt.Scale(domain=sectors, range=[PALETTE["blue"], PALETTE["orange"]]),
                legend=alt.Legend(orient="top", title=None),
            ),
            order=alt.Order("sector:N"),
            tooltip=[
                alt.Tooltip("year:Q", title=t("year", lang), format="d"),
                alt.Tooltip("sector:N", title=t("sector", lang)),
                alt.Tooltip("exams:Q", title=t("exams_thousands", lang), format=",.1f"),
            ],
        )
        .properties(width=200, height=150)
        .facet(facet=alt.Facet("modality:N", title=None), columns=3)
        .resolve_scale(y="independent")
    )


def chain_lines(chain: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the table the chain chart draws: panel (name with unit), year, value, lower, upper.

    `chain`: year, panel (a key: exams, radiologists, radiographers, machines), value, and
    optional lower/upper (an interval where the model has one).
    """
    out = pd.DataFrame(
        {
            "panel": [t(f"chain_{p}", lang) for p in chain["panel"]],
            "year": chain["year"].to_numpy(dtype=int),
            "value": chain["value"].to_numpy(dtype=float),
        }
    )
    for column in ("lower", "upper"):
        out[column] = chain[column].to_numpy(dtype=float) if column in chain else np.nan
    return out


def chain_chart(lines: pd.DataFrame, lang: str) -> alt.FacetChart:
    """Return one line per link of the chain (exams, radiologists, radiographers, machines), each its own panel."""
    base = alt.Chart().encode(x=year_x(lang))
    band = base.mark_area(opacity=0.25, color=PALETTE["sky_blue"]).encode(
        y=alt.Y("lower:Q", title=None, scale=alt.Scale(zero=False)), y2="upper:Q"
    )
    line = base.mark_line(strokeWidth=2, color=PALETTE["blue"]).encode(
        y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=False)),
        tooltip=[
            alt.Tooltip("year:Q", title=t("year", lang), format="d"),
            alt.Tooltip("panel:N", title=t("series", lang)),
            alt.Tooltip("value:Q", title=t("value", lang), format=",.0f"),
        ],
    )
    return (
        alt.layer(band, line, data=lines)
        .properties(width=300, height=140)  # two a row: four would run past a laptop's main column
        .facet(facet=alt.Facet("panel:N", title=None, sort=list(dict.fromkeys(lines["panel"]))), columns=2)
        .resolve_scale(y="independent")
    )
