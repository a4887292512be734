"""Preparedness charts: spare capacity per area, the weekly backlog of a stress test, the on-call floor.

Pure builders: each takes the long table it draws (made here from the planning tables) and the
language; weeks are integers on the axis, units are on the axes, colours are the project palette.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from imaging_plan.data import codes
from imaging_plan.i18n import modality_name, t
from imaging_plan.charts.common import PALETTE

MODALITY_COLOURS = {
    "CT": PALETTE["blue"],
    "MR": PALETTE["vermillion"],
    "RG": PALETTE["green"],
    "UL": PALETTE["orange"],
    "PET_CT": PALETTE["purple"],
    "SPECT_CT": PALETTE["sky_blue"],
}
WEEK_AXIS = alt.Axis(format="d", tickMinStep=1, labelAngle=0)


def _modality_colour(lang: str, title: str | None = None) -> alt.Color:
    names = [modality_name(m, lang) for m in MODALITY_COLOURS]
    return alt.Color(
        "modality:N",
        title=title,
        scale=alt.Scale(domain=names, range=list(MODALITY_COLOURS.values())),
        legend=alt.Legend(orient="top", title=None),
    )


def spare_data(by_area: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return area, modality (names in `lang`), spare, capacity and exams a year, for `spare_bars`."""
    return pd.DataFrame(
        {
            "area": by_area["area"].map(codes.HOSPITAL_AREAS),
            "modality": by_area["modality"].map(lambda m: modality_name(m, lang)),
            "spare": by_area["spare"].round(0),
            "capacity": by_area["capacity"].round(0),
            "exams": by_area["exams"].round(0),
        }
    )


def spare_bars(data: pd.DataFrame, lang: str) -> alt.Chart:
    """Return spare capacity a year per hospital area as bars, one per modality beside each other."""
    unit = t("prep_exams_per_year", lang)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("area:N", title=t("prep_area", lang), sort=list(codes.HOSPITAL_AREAS.values())),
            yOffset=alt.YOffset("modality:N", sort=[modality_name(m, lang) for m in MODALITY_COLOURS]),
            x=alt.X("spare:Q", title=f"{t('prep_col_spare', lang)} ({unit})"),
            color=_modality_colour(lang),
            tooltip=[
                alt.Tooltip("area:N", title=t("prep_area", lang)),
                alt.Tooltip("modality:N", title=t("prep_col_modality", lang)),
                alt.Tooltip("spare:Q", title=t("prep_col_spare", lang), format=",.0f"),
                alt.Tooltip("capacity:Q", title=t("prep_col_capacity", lang), format=",.0f"),
                alt.Tooltip("exams:Q", title=t("prep_col_exams", lang), format=",.0f"),
            ],
        )
        .properties(title=t("prep_spare_title", lang), height=alt.Step(6))
    )


def backlog_data(weekly: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return week (int), modality (name), variant (not moved / moved) and backlog, for `backlog_lines`."""
    long = weekly.melt(
        id_vars=["week", "modality"],
        value_vars=["backlog_kept", "backlog_moved"],
        var_name="variant",
        value_name="backlog",
    )
    return pd.DataFrame(
        {
            "week": long["week"].astype(int),
            "modality": long["modality"].map(lambda m: modality_name(m, lang)),
            "variant": long["variant"].map(
                {"backlog_kept": t("prep_kept", lang), "backlog_moved": t("prep_moved", lang)}
            ),
            "backlog": long["backlog"].round(1),
        }
    )


def backlog_lines(data: pd.DataFrame, title: str, lang: str) -> alt.Chart:
    """Return the backlog per week of one stress test: a line per modality, dashed when overflow is moved."""
    variants = [t("prep_kept", lang), t("prep_moved", lang)]
    return (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(size=12))
        .encode(
            x=alt.X("week:Q", title=t("prep_week", lang), axis=WEEK_AXIS, scale=alt.Scale(domainMin=1)),
            y=alt.Y("backlog:Q", title=t("prep_backlog_axis", lang)),
            color=_modality_colour(lang),
            strokeDash=alt.StrokeDash(
                "variant:N",
                scale=alt.Scale(domain=variants, range=[[1, 0], [5, 3]]),
                legend=alt.Legend(orient="top", title=None),
            ),
            tooltip=[
                alt.Tooltip("week:Q", title=t("prep_week", lang), format="d"),
                alt.Tooltip("modality:N", title=t("prep_col_modality", lang)),
                alt.Tooltip("variant:N", title=" "),
                alt.Tooltip("backlog:Q", title=t("prep_backlog_axis", lang), format=",.0f"),
            ],
        )
        .properties(title=title, height=260)
    )


def floor_data(floor: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return trust, variant (per site / shared) and fte per trust (specialties summed), for `floor_bars`."""
    per_trust = floor.groupby("trust", as_index=False)[["floor_fte", "floor_shared_fte"]].sum()
    long = per_trust.melt(id_vars="trust", var_name="variant", value_name="fte")
    names = {"floor_fte": t("prep_per_site", lang), "floor_shared_fte": t("prep_shared", lang)}
    return pd.DataFrame({"trust": long["trust"], "variant": long["variant"].map(names), "fte": long["fte"].round(1)})


def floor_bars(data: pd.DataFrame, note: str, lang: str) -> alt.Chart:
    """Return the on-call floor per trust, per site beside shared; `note` (illustrative) is the subtitle."""
    variants = [t("prep_per_site", lang), t("prep_shared", lang)]
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("trust:N", title=t("prep_col_trust", lang)),
            yOffset=alt.YOffset("variant:N", sort=variants),
            x=alt.X("fte:Q", title=t("prep_fte", lang)),
            color=alt.Color(
                "variant:N",
                scale=alt.Scale(domain=variants, range=[PALETTE["blue"], PALETTE["green"]]),
                legend=alt.Legend(orient="top", title=None),
            ),
            tooltip=[
                alt.Tooltip("trust:N", title=t("prep_col_trust", lang)),
                alt.Tooltip("variant:N", title=" "),
                alt.Tooltip("fte:Q", title=t("prep_fte", lang), format=",.1f"),
            ],
        )
        .properties(
            title=alt.TitleParams(t("prep_on_call_title", lang), subtitle=note, subtitleColor=PALETTE["vermillion"]),
            height=alt.Step(9),
        )
    )
