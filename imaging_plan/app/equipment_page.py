"""Equipment page: what falls due when, what the budget covers, the backlog and the fleet's age.

Recomputed from the register with the pure functions in `equipment`, in three parts
(schedule and band, budget and ages, demand), each through the shared cache
(`state.computed`): a budget slider recomputes the budget part only. The Weibull
band is read from the stored forecast when that was made with the same
assumptions and the shipped register; otherwise it is recomputed here with fewer draws.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from imaging_plan.planning import assumptions, equipment
from imaging_plan.data import inputs, schemas, uploads
from imaging_plan.charts import equipment as equipment_charts
from imaging_plan.charts import overview as overview_charts
from imaging_plan.charts.common import PALETTE, localized
from imaging_plan.data.codes import EQUIPMENT_MODALITIES
from imaging_plan.i18n import fmt_number, modality_name, t
from imaging_plan.views.reports import Headline, SmallChart
from imaging_plan.app import chain, state
from imaging_plan.app.components import (
    assumptions_table,
    data_error_shown,
    download_csv,
    forecast_status,
    is_illustrative,
    show_chart_data,
)
from imaging_plan.views.sections import Section

FORECAST = "equipment_replacement"
RUN_COMMAND = "python -m imaging_plan.pipeline.runner --only 04"
APP_DRAWS = 200  # the app's own band when the stored one does not fit the scenario
SOON = 2030
GROUPS = ("general", "equipment", "activity")


def band_keys() -> list[str]:
    """Return the assumptions the stored Weibull band was made with (the band fits when they match)."""
    keys = [a.key for a in assumptions.in_group("equipment") if a.key.startswith(("lifetime_", "price_"))]
    return ["horizon", *keys, "upgrade_years", "replacement_age_shape"]


@dataclass(frozen=True)
class Register:
    """The register planned with: the shipped one, or a planner's upload (kept in memory, keyed by its hash)."""

    table: pd.DataFrame
    digest: str | None = None  # None: the shipped data/equipment_register.csv

    def cache_key(self) -> str:
        return self.digest or "shipped"


def _read_upload(content: bytes, name: str) -> tuple[pd.DataFrame | None, str | None]:
    try:
        return uploads.read_uploaded("equipment_register", content, name), None
    except schemas.InputDataError as err:
        return None, str(err)


def register_in_use(ctx) -> Register:
    """Return the register to plan with.

    An upload is validated with the same schema as data/equipment_register.csv, kept in
    memory only, and used when it passes; its differences from Tabell 5 are shown.
    """
    lang, shipped = ctx.lang, ctx.tables["equipment_register"]
    with st.expander(t("register_upload", lang)):
        st.caption(t("register_upload_help", lang))
        upload = st.file_uploader(t("register_file", lang), type=["csv"], key="equipment_register_upload")
    if upload is None:
        st.caption(t("register_shipped", lang, units=len(shipped)))
        return Register(shipped)
    content = upload.getvalue()
    digest = hashlib.sha256(content).hexdigest()
    table, error = state.shared("register_upload", (digest,), lambda: _read_upload(content, upload.name))
    if error is not None:
        st.error(f"{t('register_rejected', lang)}\n\n```\n{error}\n```")
        return Register(shipped)
    differences = inputs.register_count_problems(table, ctx.tables["equipment_units"])
    if differences:
        st.warning(t("register_counts_differ", lang) + "\n\n" + "\n".join(f"- {d}" for d in differences[:10]))
    st.success(t("register_used", lang, file=upload.name, units=len(table)))
    return Register(table, digest)


def register_illustrative(snapshot: state.Snapshot, register: Register) -> bool:
    """Return whether the register in use is illustrative: a planner's upload by its rows, the
    data folder's register as the forecast's manifest records it."""
    if register.digest is not None:
        return equipment.is_illustrative(register.table)
    return is_illustrative(snapshot, FORECAST, schemas.TABLES["equipment_register"].file)


def stored_band(forecast, scenario, uploaded: bool) -> pd.DataFrame | None:
    """Return the forecast's band when it was made for this scenario and the shipped register."""
    if forecast is None or uploaded or "band" not in forecast.tables:
        return None
    made_with = forecast.manifest.get("parameters", {})
    if any(made_with.get(k) != scenario[k] for k in band_keys()):
        return None
    return forecast.tables["band"]


# --- The three parts, each computed once per scenario values it reads ---------------------------


def schedule_part(snapshot: state.Snapshot, register: Register) -> dict:
    """Return what falls due when (per year, owner and modality), the fleet's value and the due lines with band."""
    units, scenario = snapshot.tables["equipment_units"], snapshot.scenario
    first, horizon = equipment.first_plan_year(units), int(scenario["horizon"])
    planned = equipment.fleet(register.table, scenario)
    events = equipment.replacement_schedule(planned, first, horizon)
    stored = stored_band(snapshot.forecast(FORECAST), scenario, register.digest is not None)
    band = (
        stored
        if stored is not None
        else equipment.replacement_band(
            planned, first, horizon, scenario["replacement_age_shape"], APP_DRAWS, equipment.REGISTER_SEED
        )
    )
    due = equipment.units_due(events, planned, ("year",), first, horizon)
    return {
        "first": first,
        "band_stored": stored is not None,
        "schedule": equipment.units_due(events, planned, ("year", "owner", "modality"), first, horizon),
        "per_owner": equipment.per_owner_due(events, planned, first, horizon, min(SOON, horizon)),
        "value_mnok": equipment.replacement_value_mnok(planned),
        "due_lines": {value: equipment_charts.due_lines(due, band, value) for value in ("units", "cost_mnok")},
    }


def budget_part(snapshot: state.Snapshot, register: Register) -> dict:
    """Return the replacements the budget pays for, the backlog, and the golden rules of the fleet's age."""
    units, scenario = snapshot.tables["equipment_units"], snapshot.scenario
    reference, horizon = equipment.reference_year(units), int(scenario["horizon"])
    plan = equipment.replace_under_budget(
        equipment.fleet(register.table, scenario), reference, horizon, scenario["replacement_budget_mnok"]
    )
    rules = equipment.golden_rules(plan.age_profile)
    return {
        "yearly": plan.yearly,
        "rules": rules,
        "breaks": equipment.rule_breaks(rules),
        "lines": equipment_charts.budget_lines(plan.yearly),
    }


def demand_part(snapshot: state.Snapshot, register: Register) -> pd.DataFrame:
    """Return units on hand against units needed per modality and year."""
    units = snapshot.tables["equipment_units"]
    reference, horizon = equipment.reference_year(units), int(snapshot.scenario["horizon"])
    return equipment.demand_check(
        snapshot.tables["exams_by_modality"],
        register.table,
        snapshot.scenario,
        reference,
        horizon,
        state.computed(chain.activity_part, snapshot),  # the exams every need reads
    )


def growth_part(snapshot: state.Snapshot, register: Register) -> pd.DataFrame:
    """Return per year the cost of like-for-like replacement (budget unlimited) beside the fleet's growth.

    Out: year, replacement_mnok, growth_mnok, units_added (public units beyond like for like).
    """
    units, scenario = snapshot.tables["equipment_units"], snapshot.scenario
    reference, horizon = equipment.reference_year(units), int(scenario["horizon"])
    first = reference + 1
    planned = equipment.fleet(register.table, scenario)
    events = equipment.replacement_schedule(planned, first, horizon)
    due = equipment.units_due(events, planned, ("year",), first, horizon).set_index("year")["cost_mnok"]
    growth = equipment.fleet_growth(state.computed(chain.machines_part, snapshot), scenario, first)
    added = growth.groupby("year")[["units_added", "cost_mnok"]].sum()
    years = range(first, horizon + 1)
    return pd.DataFrame(
        {
            "year": list(years),
            "replacement_mnok": due.reindex(years).fillna(0).to_numpy(),
            "growth_mnok": added["cost_mnok"].reindex(years).fillna(0).to_numpy(),
            "units_added": added["units_added"].reindex(years).fillna(0).to_numpy(),
        }
    )


def machines_section(snapshot: state.Snapshot, register: Register, horizon: int) -> None:
    """Draw units needed at the opening hours beside the radiographers they need; fleet growth beside replacement."""
    lang = snapshot.lang
    st.subheader(t("machines_title", lang))
    st.markdown(t("machines_intro", lang))
    machines = state.computed(chain.machines_part, snapshot)
    last = machines[machines["year"] == horizon].groupby("modality", sort=False)
    table = last[["units_needed", "units_on_hand", "staff_fte"]].sum().reset_index()
    _table(
        pd.DataFrame(
            {
                t("col_modality", lang): table["modality"].map(lambda m: modality_name(m, lang)),
                t("col_on_hand", lang): table["units_on_hand"],
                t("col_needed", lang, year=horizon): table["units_needed"].round(1),
                t("staff_fte_open", lang): table["staff_fte"].round(1),
            }
        )
    )
    st.markdown(f"**{t('fleet_growth_title', lang)}**  \n{t('fleet_growth_intro', lang)}")
    costs = state.computed(growth_part, snapshot, register)
    _table(
        costs.rename(
            columns={
                "year": t("year", lang),
                "replacement_mnok": t("cost_replacement", lang),
                "growth_mnok": t("cost_growth", lang),
                "units_added": t("units_added", lang),
            }
        ).round(1)
    )


@dataclass(frozen=True)
class EquipmentView:
    horizon: int
    first: int
    schedule: dict
    budget: dict
    demand: pd.DataFrame
    illustrative: bool


def compute(snapshot: state.Snapshot, register: Register | None = None) -> EquipmentView:
    """Return the page's numbers for the snapshot's scenario and a register (the shipped one by default)."""
    register = register or Register(snapshot.tables["equipment_register"])
    sched = state.computed(schedule_part, snapshot, register)
    return EquipmentView(
        int(snapshot.scenario["horizon"]),
        sched["first"],
        sched,
        state.computed(budget_part, snapshot, register),
        state.computed(demand_part, snapshot, register),
        register_illustrative(snapshot, register),
    )


def _localized(frame: pd.DataFrame) -> dict:
    """Return column settings that show a table's numbers in the user's locale."""
    return {
        c: st.column_config.NumberColumn(format="localized")
        for c in frame.columns
        if pd.api.types.is_numeric_dtype(frame[c])
    }


def _table(frame: pd.DataFrame) -> None:
    st.dataframe(frame, hide_index=True, width="stretch", column_config=_localized(frame))


def headline(
    owners: pd.DataFrame,
    yearly: pd.DataFrame,
    rules: pd.DataFrame,
    fleet_value: float,
    first: int,
    horizon: int,
    lang: str,
) -> None:
    """Show the fleet's value, what is overdue now, the backlog at the horizon and the golden rules."""
    last = yearly.set_index("year").loc[horizon]
    since = equipment.first_year_all_met(rules)
    grey = {"delta_color": "off", "delta_arrow": "off"}
    cols = st.columns(4)
    cols[0].metric(t("metric_value", lang), f"{fmt_number(fleet_value, lang)} MNOK", help=t("metric_value_help", lang))
    cols[1].metric(
        t("metric_overdue", lang, year=first - 1),
        t("n_units", lang, units=fmt_number(owners["overdue_at_start"].sum(), lang)),
        f"{fmt_number(owners['overdue_cost_mnok'].sum(), lang)} MNOK",
        help=t("metric_overdue_help", lang),
        **grey,
    )
    cols[2].metric(
        t("metric_backlog", lang, year=horizon),
        t("n_units", lang, units=fmt_number(last["backlog_units"], lang)),
        f"{fmt_number(last['backlog_mnok'], lang)} MNOK",
        help=t("metric_backlog_help", lang),
        **grey,
    )
    cols[3].metric(
        t("metric_rules", lang),
        str(since) if since else t("rules_no", lang),
        None if since else t("rules_never", lang, year=horizon),
        help=t("metric_rules_help", lang),
        **grey,
    )


def breaks_table(breaks: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the golden-rule breaks with words for scope and rule."""
    scope = breaks["scope"].map(lambda s: t("region", lang) if s == "region" else modality_name(s, lang))
    rule = [
        t(f"rule_{b}", lang, limit=f"{lim:g}", age=t(f"age_{c}", lang))
        for c, b, lim in zip(breaks["age_class"], breaks["bound"], breaks["limit_pct"])
    ]
    return pd.DataFrame(
        {
            t("col_scope", lang): scope,
            t("col_rule", lang): rule,
            t("col_years_broken", lang): breaks["years_broken"],
            t("col_broken_in", lang): breaks["broken_in"],
        }
    )


def owner_table(owners: pd.DataFrame, soon: int, horizon: int, lang: str) -> pd.DataFrame:
    """Return units due per owner and modality with translated headers (`soon` left out when it is the horizon)."""
    columns = {
        t("col_owner", lang): owners["owner"],
        t("col_modality", lang): owners["modality"].map(lambda m: modality_name(m, lang)),
        t("col_units", lang): owners["units"],
        t("col_overdue_at_start", lang): owners["overdue_at_start"],
    }
    if soon < horizon:
        columns[t("col_due_by", lang, year=soon)] = owners["due_by_year"]
    columns[t("col_due_by", lang, year=horizon)] = owners["due_to_horizon"]
    columns[t("col_cost_to_horizon", lang, year=horizon)] = owners["cost_to_horizon_mnok"].round(1)
    return pd.DataFrame(columns)


def demand_table(demand: pd.DataFrame, horizon: int, lang: str) -> pd.DataFrame:
    """Return units on hand, needed and short per modality at the horizon."""
    last = demand[demand["year"] == horizon]
    return pd.DataFrame(
        {
            t("col_modality", lang): last["modality"].map(lambda m: modality_name(m, lang)),
            t("col_on_hand", lang): last["units_on_hand"],
            t("col_needed", lang, year=horizon): last["units_needed"].round(1),
            t("col_short", lang, year=horizon): last["gap_units"].round(1),
        }
    )


def render(snapshot: state.Snapshot) -> None:
    lang = snapshot.lang
    st.title(t("equipment_title", lang))
    st.markdown(t("equipment_intro", lang))
    if data_error_shown(snapshot):
        return
    register = register_in_use(snapshot)
    note = t("illustrative_notice", lang) if register_illustrative(snapshot, register) else None
    if note:
        st.caption(note)
    forecast = forecast_status(snapshot, FORECAST, RUN_COMMAND, "equipment_forecast_missing")
    view = compute(snapshot, register)
    sched, plan, demand, horizon = view.schedule, view.budget, view.demand, view.horizon
    soon = min(SOON, horizon)

    headline(sched["per_owner"], plan["yearly"], plan["rules"], sched["value_mnok"], view.first, horizon, lang)
    left, right = st.columns(2)
    for col, value, title in ((left, "units", "due_units_title"), (right, "cost_mnok", "due_cost_title")):
        with col:
            show_chart_data(
                equipment_charts.due_chart, sched["due_lines"][value], value, t(title, lang), note, lang=lang
            )
    st.caption(
        t("band_stored", lang, draws=forecast.manifest["parameters"].get("draws"))
        if sched["band_stored"]
        else t(
            "band_recomputed",
            lang,
            draws=APP_DRAWS,
            stored=forecast.manifest["parameters"].get("draws") if forecast is not None else "–",
        )
    )

    left, right = st.columns(2)
    with left:
        show_chart_data(equipment_charts.budget_chart, plan["lines"], t("budget_title", lang), note, lang=lang)
    with right:
        rules = plan["rules"]
        scopes = ["region", *[m for m in EQUIPMENT_MODALITIES if m in set(rules["scope"])]]
        scope = st.selectbox(
            t("age_scope", lang),
            scopes,
            key="equipment_age_scope",
            format_func=lambda s: t("region", lang) if s == "region" else modality_name(s, lang),
        )
        show_chart_data(
            equipment_charts.age_profile_chart,
            equipment_charts.age_lines(rules[rules["scope"] == scope], lang),
            t("age_title", lang),
            note,
            lang=lang,
        )

    st.subheader(t("breaks_title", lang))
    if note:
        st.caption(note)
    _table(breaks_table(plan["breaks"], lang))

    st.subheader(t("trust_title", lang))
    st.caption(t("trust_note", lang) + (f" {note}" if note else ""))
    download_csv(
        sched["schedule"].round(3),
        t("download_schedule", lang),
        f"equipment_schedule_{horizon}.csv",
        "download_equipment_schedule",
        illustrative=t("illustrative_column", lang) if note else None,
    )
    if st.toggle(t("show_table", lang), key="equipment_show_owners"):
        _table(owner_table(sched["per_owner"], soon, horizon, lang))

    st.subheader(t("demand_title", lang))
    st.markdown(t("demand_intro", lang))
    names = {m: modality_name(m, lang) for m in EQUIPMENT_MODALITIES}
    show_chart_data(
        equipment_charts.demand_chart,
        equipment_charts.demand_lines(demand, names, lang),
        tuple(names.values()),
        lang=lang,
    )
    _table(demand_table(demand, horizon, lang))
    machines_section(snapshot, register, horizon)

    if st.toggle(t("show_sources", lang), key="equipment_show_sources"):
        st.dataframe(assumptions_table(snapshot, GROUPS), hide_index=True, width="stretch")


def section(snapshot: state.Snapshot) -> Section | None:
    """Return the equipment figures for the board: fleet value, overdue now, backlog and golden rules."""
    if snapshot.data_error:
        return None
    lang = snapshot.lang
    view = compute(snapshot)
    sched, plan, horizon, first = view.schedule, view.budget, view.horizon, view.first
    owners, last = sched["per_owner"], plan["yearly"].set_index("year").loc[horizon]
    since = equipment.first_year_all_met(plan["rules"])
    value, overdue = sched["value_mnok"], owners["overdue_at_start"].sum()
    overdue_mnok = owners["overdue_cost_mnok"].sum()
    rules = t("rules_from_year", lang, year=since) if since else t("rules_not_by", lang, year=horizon)
    headlines = [
        Headline(
            t("metric_value", lang),
            f"{fmt_number(value, lang)} MNOK",
            t("ov_eq_value", lang, units=fmt_number(owners["units"].sum(), lang)),
        ),
        Headline(
            t("metric_overdue", lang, year=first - 1),
            f"{t('n_units', lang, units=fmt_number(overdue, lang))}, {fmt_number(overdue_mnok, lang)} MNOK",
            t("ov_eq_overdue", lang, year=first),
        ),
        Headline(
            t("metric_backlog", lang, year=horizon),
            f"{t('n_units', lang, units=fmt_number(last['backlog_units'], lang))}, "
            f"{fmt_number(last['backlog_mnok'], lang)} MNOK",
            t(
                "ov_eq_backlog",
                lang,
                budget=fmt_number(snapshot.scenario["replacement_budget_mnok"], lang),
                rules=rules,
            ),
        ),
    ]
    yearly = plan["yearly"]
    due = sched["due_lines"]["cost_mnok"]
    long = pd.concat(
        [
            pd.DataFrame({"year": due["year"], "series": t("ov_eq_due", lang), "value": due["due"]}),
            pd.DataFrame({"year": yearly["year"], "series": t("spent", lang), "value": yearly["spent_mnok"]}),
            pd.DataFrame({"year": yearly["year"], "series": t("backlog", lang), "value": yearly["backlog_mnok"]}),
        ],
        ignore_index=True,
    )
    colours = {
        t("ov_eq_due", lang): PALETTE["blue"],
        t("spent", lang): PALETTE["green"],
        t("backlog", lang): PALETTE["vermillion"],
    }
    chart = overview_charts.overview_lines(long, t("mnok_per_year", lang), lang, height=330, colours=colours)
    return Section(
        title=t("equipment_title", lang),
        headlines=headlines,
        chart=localized(chart, lang),
        pdf_chart=SmallChart(
            t("page_equipment", lang), t("mnok_per_year", lang), long, illustrative=view.illustrative, colours=colours
        ),
        tables={
            "equipment_schedule": sched["schedule"].round(3),
            "equipment_budget": plan["yearly"].round(3),
            "equipment_per_owner": owners.round(3),
            "equipment_rule_breaks": plan["breaks"],
        },
        groups=GROUPS,
        illustrative=view.illustrative,
    )


def fan(snapshot: state.Snapshot) -> pd.DataFrame:
    """Return the replacement backlog (MNOK) per year: one line of the overview's fan."""
    yearly = state.computed(budget_part, snapshot, Register(snapshot.tables["equipment_register"]))["yearly"]
    return pd.DataFrame({"year": yearly["year"], "value": yearly["backlog_mnok"]})
