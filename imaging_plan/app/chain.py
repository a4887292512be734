"""The chain on screen: exams per modality -> radiologists, radiographers and machines.

Every page reads the activity through `views.chain.activity_part` (the same function notebook 00 runs, for
the viewer's scenario), so a growth slider moves the physicians' need, the radiographers and the
machines together. The Overview draws `overview_chain`: one line per link. Pure parts go
through the shared cache; only `overview_chain` draws.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from imaging_plan.planning import physicians, scenario, staffing, workload
from imaging_plan.charts import activity as activity_charts
from imaging_plan.i18n import fmt_number, specialty_name, t
from imaging_plan.app import state
from imaging_plan.app.components import show_chart_data
from imaging_plan.views.chain import activity_part, machines_part, radiographer_path_part

PRESETS = ("baseline", "low", "high")


def radiologist_need(snapshot: state.Snapshot) -> pd.Series:
    """Return radiology's need per year under the scenario's need method."""
    need = physicians.physician_need(snapshot.tables, snapshot.scenario)
    return need[need["specialty"] == "radiology"].set_index("year")["need"]


def radiographer_plan(snapshot: state.Snapshot) -> pd.Series:
    """Return the region's planned radiographer FTEs per year (the Staffing page's planned FTEs)."""
    forecast = snapshot.forecast("radiographer_turnover")
    trend = forecast.tables.get("trend") if forecast is not None else None
    path = radiographer_path_part(snapshot)
    planned = staffing.planned_ftes(snapshot.tables["staff_ftes"], trend, snapshot.scenario, path)
    return planned[planned["role"] == "radiographer"].groupby("year")["fte"].sum()


def implied_ratios(snapshot: state.Snapshot) -> dict[str, float]:
    """Return the workload's implied FTEs over the counted FTEs in the exams' year, radiology and radiographers."""
    tables = snapshot.tables
    year = int(tables["exams_by_modality"]["year"].max())
    projected = activity_part(snapshot)
    doctors = workload.implied_vs_actual(
        workload.physician_need(projected, snapshot.scenario), workload.ftes_in(tables["physician_ftes"], year), year
    ).set_index("group")
    staff = workload.implied_vs_actual(
        workload.radiographer_need(projected, snapshot.scenario, tables["exams_by_trust"]),
        workload.ftes_in(tables["staff_ftes"], year, "trust", "radiographer"),
        year,
    ).dropna()  # the trusts Tabell 7 counts
    return {
        "year": year,
        "radiology": float(doctors.loc["radiology", "ratio"]),
        "radiographers": float(staff["implied"].sum() / staff["actual"].sum()),
    }


def chain_table(snapshot: state.Snapshot) -> pd.DataFrame:
    """Return the chain per year: public exams (thousands), radiology need, radiographers, CT and MR units.

    The physician need carries a band: the lowest and highest of the three presets at the
    viewer's horizon (the model's Monte Carlo interval is not on this branch).
    """
    projected = activity_part(snapshot)
    base = int(snapshot.tables["physician_ftes"]["year"].max())
    public = projected[projected["sector"] == "public"].groupby("year")["exams"].sum() / 1000
    machines = machines_part(snapshot)
    ct_mr = machines[machines["modality"].isin(["CT", "MR"])].groupby("year")["units_needed"].sum()
    need = state.computed(radiologist_need, snapshot)
    presets = [
        state.computed(
            radiologist_need,
            snapshot.with_scenario(
                {**scenario.PRESETS[name].apply(snapshot.defaults), "horizon": snapshot.scenario["horizon"]}
            ),
        )
        for name in PRESETS
    ]
    band = pd.concat(presets, axis=1)
    series = {
        "exams": (public, None, None),
        "radiologists": (need, band.min(axis=1), band.max(axis=1)),
        "radiographers": (state.computed(radiographer_plan, snapshot), None, None),
        "machines": (ct_mr, None, None),
    }
    frames = []
    for panel, (values, lower, upper) in series.items():
        values = values[values.index >= base]
        frames.append(
            pd.DataFrame(
                {
                    "year": values.index.astype(int),
                    "panel": panel,
                    "value": values.to_numpy(float),
                    "lower": np.nan if lower is None else lower.reindex(values.index).to_numpy(float),
                    "upper": np.nan if upper is None else upper.reindex(values.index).to_numpy(float),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def overview_chain(snapshot: state.Snapshot) -> None:
    """Draw the chain on the Overview: a sentence, the implied-vs-counted ratios, one line per link."""
    lang = snapshot.lang
    try:
        chain = state.computed(chain_table, snapshot)
        ratios = state.computed(implied_ratios, snapshot)
    except (KeyError, ValueError) as err:  # data without the activity's tables: say so, draw the rest
        st.info(f"{t('ov_chain_title', lang)}: {err}")
        return
    st.subheader(t("ov_chain_title", lang))
    at = chain.set_index(["panel", "year"])["value"]
    horizon, base = int(chain["year"].max()), int(chain["year"].min())
    st.markdown(
        t(
            "ov_chain_sentence",
            lang,
            exams0=fmt_number(at[("exams", base)], lang),
            exams1=fmt_number(at[("exams", horizon)], lang),
            base=base,
            horizon=horizon,
            rad=fmt_number(at[("radiologists", horizon)], lang),
            method=snapshot.scenario.get("need_method", workload.DEFAULT_NEED_METHOD),
            rgr=fmt_number(at[("radiographers", horizon)], lang),
            units=fmt_number(at[("machines", horizon)], lang),
        )
    )
    st.caption(
        t(
            "ov_chain_ratio",
            lang,
            rad_ratio=fmt_number(ratios["radiology"], lang, 2),
            rgr_ratio=fmt_number(ratios["radiographers"], lang, 2),
            year=ratios["year"],
        )
        + " "
        + t("ov_chain_interval", lang)
    )
    show_chart_data(activity_charts.chain_chart, activity_charts.chain_lines(chain, lang), lang=lang)


def physician_workload_part(snapshot: state.Snapshot) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the physicians the workload implies beside Tabell 6, and the backcast of both need methods."""
    tables = snapshot.tables
    year = int(tables["exams_by_modality"]["year"].max())
    need = workload.physician_need(activity_part(snapshot), snapshot.scenario)
    implied = workload.implied_vs_actual(need, workload.ftes_in(tables["physician_ftes"], year), year)
    return implied, workload.need_backcast(tables, snapshot.scenario)


def physician_workload_section(snapshot: state.Snapshot) -> None:
    """Draw the workload's physicians beside Tabell 6 (a ratio, no factor) and which need method backcasts closer."""
    lang = snapshot.lang
    try:
        implied, backcast = state.computed(physician_workload_part, snapshot)
    except (KeyError, ValueError) as err:
        st.info(f"{t('phys_workload_title', lang)}: {err}")
        return
    st.subheader(t("phys_workload_title", lang))
    st.markdown(t("phys_workload_intro", lang, method=snapshot.scenario.get("need_method", "index")))
    shown = implied.assign(group=[specialty_name(g, lang) for g in implied["group"]]).rename(
        columns={
            "group": t("col_specialty", lang),
            "implied": t("col_implied", lang),
            "actual": t("col_counted", lang),
            "unmet": t("col_unmet", lang),
            "ratio": t("col_ratio", lang),
        }
    )
    st.dataframe(shown.round(2), hide_index=True, width="stretch")
    rows = backcast.set_index("method")
    st.caption(
        t(
            "phys_workload_backcast",
            lang,
            index=fmt_number(rows.loc["index", "modelled"], lang),
            workload=fmt_number(rows.loc["workload", "modelled"], lang),
            actual=fmt_number(rows.loc["index", "actual"], lang),
            default=workload.DEFAULT_NEED_METHOD,
        )
    )
