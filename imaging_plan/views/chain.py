"""The activity chain: exams per modality -> radiologists, radiographers and machines.

Every page reads the activity through `activity_part` (the same function notebook 00 runs, for
the viewer's scenario), so a growth slider moves the physicians' need, the radiographers and the
machines together. `chain_table` and `implied_ratios` are what the Overview draws (one line per
link; `overview_part` its sentence, caption and chart table); `physician_workload_part` what the
physicians page shows beside Tabell 6.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from imaging_plan.charts import activity as activity_charts
from imaging_plan.i18n import fmt_number, specialty_name, t
from imaging_plan.planning import activity, physicians, scenario, staffing, workload
from imaging_plan.planning.assumptions import in_group
from imaging_plan.views import cache
from imaging_plan.views.model import MODEL_GROUPS, MODEL_KEYS, declared
from imaging_plan.views.snapshot import Snapshot

PRESETS = ("baseline", "low", "high")
# The activity reads its growth and private shares, the horizon, the population projection and the use growth.
ACTIVITY_GROUPS = ("general", "activity")
STAFF_GROUPS = (*ACTIVITY_GROUPS, "staff", "workload_staff")

# What the projection of exams reads beside the activity group's growth and private shares.
ACTIVITY_KEYS = ("population_scenario", "use_growth_pct")
# What turns exams into radiographer FTEs (minutes per exam, hours per FTE).
STAFF_MINUTE_KEYS = tuple(
    a.key for a in in_group("workload_staff") if a.key.startswith("staff_min_") or a.key == "hours_per_fte_radiographer"
)
# What turns exams into machines (capacity per unit), and machines into radiographers.
CAPACITY_KEYS = (
    *(a.key for a in in_group("equipment") if a.key.startswith("exams_per_hour_")),
    "opening_hours_week",
    "weeks_per_year",
)
MACHINE_KEYS = (*CAPACITY_KEYS, "radiographers_per_machine")


@cache.cached(groups=("general", "activity"), keys=ACTIVITY_KEYS)
def activity_part(snapshot: Snapshot) -> pd.DataFrame:
    """Return the scenario's exams per year, modality and sector (`activity.exams_projection`)."""
    return activity.exams_projection(snapshot.tables, snapshot.scenario)


@cache.cached(groups=("general", "activity"), keys=(*ACTIVITY_KEYS, *STAFF_MINUTE_KEYS, "staff_follow_trend"))
def radiographer_path_part(snapshot: Snapshot) -> pd.DataFrame | None:
    """Return the radiographers' planned FTEs from the workload, or None when the scenario plans otherwise."""
    if int(snapshot.scenario["staff_follow_trend"]) != 2:
        return None
    return workload.radiographer_path(snapshot.tables, snapshot.scenario, snapshot.tables["staff_ftes"])


@cache.cached(groups=("general", "activity"), keys=(*ACTIVITY_KEYS, *STAFF_MINUTE_KEYS, *MACHINE_KEYS))
def machines_part(snapshot: Snapshot) -> pd.DataFrame:
    """Return units needed per year, type and owner at the scenario's opening hours (`workload.machines_needed`)."""
    return workload.machines_needed(
        activity_part(snapshot),
        snapshot.tables["equipment_units"],
        snapshot.tables["exams_by_trust"],
        snapshot.scenario,
    )


@cache.cached(groups=MODEL_GROUPS, keys=MODEL_KEYS)
def radiologist_need(snapshot: Snapshot) -> pd.Series:
    """Return radiology's need per year under the scenario's need method."""
    scenario = declared(snapshot, radiologist_need.reads)  # the planning may copy it whole
    need = physicians.physician_need(snapshot.tables, scenario)
    return need[need["specialty"] == "radiology"].set_index("year")["need"]


@cache.cached(groups=(*STAFF_GROUPS, "staff_trusts"), keys=ACTIVITY_KEYS)
def radiographer_plan(snapshot: Snapshot) -> pd.Series:
    """Return the region's planned radiographer FTEs per year (the Staffing page's planned FTEs)."""
    scenario = declared(snapshot, radiographer_plan.reads)  # the planning may copy it whole
    forecast = snapshot.forecast("radiographer_turnover")
    trend = forecast.tables.get("trend") if forecast is not None else None
    path = radiographer_path_part(snapshot)
    planned = staffing.planned_ftes(snapshot.tables["staff_ftes"], trend, scenario, path)
    return planned[planned["role"] == "radiographer"].groupby("year")["fte"].sum()


@cache.cached(groups=(*ACTIVITY_GROUPS, "workload", "workload_staff"), keys=ACTIVITY_KEYS)
def implied_ratios(snapshot: Snapshot) -> dict[str, float]:
    """Return the workload's implied FTEs over the counted FTEs in the exams' year, radiology and radiographers."""
    scenario = declared(snapshot, implied_ratios.reads)  # the planning may copy it whole
    tables = snapshot.tables
    year = int(tables["exams_by_modality"]["year"].max())
    projected = activity_part(snapshot)
    doctors = workload.implied_vs_actual(
        workload.physician_need(projected, scenario), workload.ftes_in(tables["physician_ftes"], year), year
    ).set_index("group")
    staff = workload.implied_vs_actual(
        workload.radiographer_need(projected, scenario, tables["exams_by_trust"]),
        workload.ftes_in(tables["staff_ftes"], year, "trust", "radiographer"),
        year,
    ).dropna()  # the trusts Tabell 7 counts
    return {
        "year": year,
        "radiology": float(doctors.loc["radiology", "ratio"]),
        "radiographers": float(staff["implied"].sum() / staff["actual"].sum()),
    }


@cache.cached(groups=(*MODEL_GROUPS, "equipment", "staff", "staff_trusts", "workload_staff"), keys=MODEL_KEYS)
def chain_table(snapshot: Snapshot) -> pd.DataFrame:
    """Return the chain per year: public exams (thousands), radiology need, radiographers, CT and MR units.

    The physician need carries a band: the lowest and highest of the three presets at the
    viewer's horizon (the model's Monte Carlo interval is not on this branch).
    """
    projected = activity_part(snapshot)
    base = int(snapshot.tables["physician_ftes"]["year"].max())
    public = projected[projected["sector"] == "public"].groupby("year")["exams"].sum() / 1000
    machines = machines_part(snapshot)
    ct_mr = machines[machines["modality"].isin(["CT", "MR"])].groupby("year")["units_needed"].sum()
    need = radiologist_need(snapshot)
    presets = [
        radiologist_need(
            snapshot.with_scenario(
                {**scenario.PRESETS[name].apply(snapshot.defaults), "horizon": snapshot.scenario["horizon"]}
            )
        )
        for name in PRESETS
    ]
    band = pd.concat(presets, axis=1)
    series = {
        "exams": (public, None, None),
        "radiologists": (need, band.min(axis=1), band.max(axis=1)),
        "radiographers": (radiographer_plan(snapshot), None, None),
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


@dataclass(frozen=True)
class PhysicianWorkload:
    """The workload's physicians as the physicians page draws them: an intro, the table beside Tabell 6, the
    backcast's caption."""

    intro: str
    table: pd.DataFrame
    caption: str


@cache.cached(groups=MODEL_GROUPS, keys=MODEL_KEYS)
def physician_workload_part(snapshot: Snapshot) -> PhysicianWorkload:
    """Return the physicians the workload implies beside Tabell 6, and the backcast of both need methods."""
    scenario = declared(snapshot, physician_workload_part.reads)  # the planning may copy it whole
    tables, lang = snapshot.tables, snapshot.lang
    year = int(tables["exams_by_modality"]["year"].max())
    need = workload.physician_need(activity_part(snapshot), scenario)
    implied = workload.implied_vs_actual(need, workload.ftes_in(tables["physician_ftes"], year), year)
    rows = workload.need_backcast(tables, scenario).set_index("method")
    shown = implied.assign(group=[specialty_name(g, lang) for g in implied["group"]]).rename(
        columns={
            "group": t("col_specialty", lang),
            "implied": t("col_implied", lang),
            "actual": t("col_counted", lang),
            "unmet": t("col_unmet", lang),
            "ratio": t("col_ratio", lang),
        }
    )
    return PhysicianWorkload(
        intro=t("phys_workload_intro", lang, method=scenario.get("need_method", "index")),
        table=shown.round(2),
        caption=t(
            "phys_workload_backcast",
            lang,
            index=fmt_number(rows.loc["index", "modelled"], lang),
            workload=fmt_number(rows.loc["workload", "modelled"], lang),
            actual=fmt_number(rows.loc["index", "actual"], lang),
            default=workload.DEFAULT_NEED_METHOD,
        ),
    )


@dataclass(frozen=True)
class OverviewChain:
    """The chain as the Overview draws it: one sentence, the implied-vs-counted caption, the chart's table."""

    sentence: str
    caption: str
    lines: pd.DataFrame


@cache.cached(
    groups=(*MODEL_GROUPS, "equipment", "staff", "staff_trusts", "workload", "workload_staff"),
    keys=(*MODEL_KEYS, *ACTIVITY_KEYS),
)
def overview_part(snapshot: Snapshot) -> OverviewChain:
    """Return the Overview's chain in the snapshot's language (`chain_table` and `implied_ratios`)."""
    lang = snapshot.lang
    chain, ratios = chain_table(snapshot), implied_ratios(snapshot)
    at = chain.set_index(["panel", "year"])["value"]
    horizon, base = int(chain["year"].max()), int(chain["year"].min())
    sentence = t(
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
    caption = t(
        "ov_chain_ratio",
        lang,
        rad_ratio=fmt_number(ratios["radiology"], lang, 2),
        rgr_ratio=fmt_number(ratios["radiographers"], lang, 2),
        year=ratios["year"],
    )
    caption = f"{caption} {t('ov_chain_interval', lang)}"
    return OverviewChain(sentence, caption, activity_charts.chain_lines(chain, lang))
