"""Preparedness page (/preparedness): capacity today, four stress tests, the on-call floor, exports.

The numbers come from `preparedness.compute(snapshot)` (pure, no Streamlit); this module draws them
and builds the page's workbook and one-page PDF from the same view.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import streamlit as st

from imaging_plan import __version__
from imaging_plan.planning import assumptions, preparedness, scenario
from imaging_plan.data import codes
from imaging_plan.views import reports
from imaging_plan.charts import preparedness as charts
from imaging_plan.i18n import fmt_number, modality_name, specialty_name, t
from imaging_plan.app import state
from imaging_plan.app.components import assumptions_table, data_error_shown, show_chart_data

GROUPS = ("general", "preparedness")
CAPACITY_COLUMNS = (
    "units",
    "exams_per_hour",
    "machine_capacity",
    "staffed_capacity",
    "capacity",
    "exams",
    "spare",
    "utilisation_pct",
)
SUMMARY_SHOWN = (
    "weeks",
    "not_done",
    "moved",
    "backlog_kept",
    "backlog_moved",
    "weeks_to_clear_kept",
    "weeks_to_clear_moved",
)
# What the page reads from other groups: FTEs per person on call, and the machine assumptions of the
# Equipment page that its capacity reads (workload.capacity_per_unit).
OTHER_KEYS = (
    "fte_per_person_physician",
    *(f"exams_per_hour_{m.lower()}" for m in codes.EQUIPMENT_MODALITIES),
    "opening_hours_week",
    "weeks_per_year",
)
FLOOR_COLUMNS = ("sites", "lines", "people", "floor_fte", "shared_lines", "floor_shared_fte", "freed_fte")


def compute(snapshot: state.Snapshot) -> preparedness.PreparednessView:
    return preparedness.compute(snapshot)


def owner_name(owner: str, lang: str) -> str:
    """Return 'OUS' for a trust and 'Private (Oslo)' for the private providers of an area."""
    if owner.startswith("PRIVATE_"):
        return t("prep_private_owner", lang, area=codes.HOSPITAL_AREAS[owner.removeprefix("PRIVATE_")])
    return owner


def scenario_label(name: str, values, lang: str) -> str:
    """Return a stress test's name with its settings, e.g. 'Units out: 2 MRI at OUS for 8 weeks'."""
    if name == "surge":
        code = values["prep_surge_modality"]
        shown = t("prep_all_modalities", lang).lower() if code == "ALL" else modality_name(code, lang)
        return t(
            "prep_scenario_surge",
            lang,
            pct=fmt_number(values["prep_surge_pct"], lang),
            modality=shown,
            weeks=values["prep_surge_weeks"],
        )
    if name == "absence":
        return t(
            "prep_scenario_absence",
            lang,
            pct=fmt_number(values["prep_absence_pct"], lang),
            weeks=values["prep_absence_weeks"],
        )
    if name == "units_out":
        return t(
            "prep_scenario_units_out",
            lang,
            units=values["prep_units_out"],
            modality=modality_name(values["prep_units_modality"], lang),
            trust=values["prep_units_trust"],
            weeks=values["prep_units_weeks"],
        )
    supply = codes.SUPPLIES[values["prep_supply"]][1 if lang == "en" else 0]
    return t(
        "prep_scenario_supply",
        lang,
        supply=supply,
        pct=fmt_number(values["prep_supply_pct"], lang),
        days=values["prep_supply_days"],
    )


def weeks_text(value: float, lang: str) -> str:
    return t("prep_never", lang) if math.isinf(value) else fmt_number(value, lang, 1)


def localized(frame: pd.DataFrame) -> dict:
    """Return column settings showing every number column with the viewer's thousands separators."""
    numbers = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
    return {c: st.column_config.NumberColumn(format="localized") for c in numbers}


def table(frame: pd.DataFrame) -> None:
    st.dataframe(frame, hide_index=True, width="stretch", column_config=localized(frame))


def capacity_frame(frame: pd.DataFrame, keys: list[str], lang: str) -> pd.DataFrame:
    """Return a capacity table with names and headers in `lang`, whole numbers (utilisation one decimal,
    exams per machine-hour two, as the assumption)."""
    shown = frame.copy()
    names = {}
    if "owner" in shown:
        shown["owner"] = shown["owner"].map(lambda o: owner_name(o, lang))
        names["owner"] = t("prep_owner", lang)
    if "area" in shown:
        shown["area"] = shown["area"].map(codes.HOSPITAL_AREAS)
        names["area"] = t("prep_area", lang)
    shown["modality"] = shown["modality"].map(lambda m: modality_name(m, lang))
    names["modality"] = t("prep_col_modality", lang)
    columns = [c for c in CAPACITY_COLUMNS if c in shown]
    shown[columns] = shown[columns].round(0)
    if "utilisation_pct" in shown:
        shown["utilisation_pct"] = frame["utilisation_pct"].round(1)
    if "exams_per_hour" in shown:
        shown["exams_per_hour"] = frame["exams_per_hour"].round(2)
    names.update({c: t(f"prep_col_{c}", lang) for c in columns})
    return shown[[*keys, *columns]].rename(columns=names)


def summary_frame(view: preparedness.PreparednessView, values, lang: str) -> pd.DataFrame:
    """Return the stress tests' results per modality, named in `lang` (∞ where a backlog never clears)."""
    shown = view.summary.copy()
    shown["scenario"] = shown["scenario"].map(lambda s: scenario_label(s, values, lang))
    shown["modality"] = shown["modality"].map(lambda m: modality_name(m, lang))
    for column in ("not_done", "moved", "backlog_kept", "backlog_moved"):
        shown[column] = shown[column].round(0)
    for column in ("weeks_to_clear_kept", "weeks_to_clear_moved"):
        shown[column] = shown[column].map(lambda v: weeks_text(v, lang))
    names = {c: t(f"prep_col_{c}", lang) for c in ("scenario", "modality", *SUMMARY_SHOWN)}
    return shown[["scenario", "modality", *SUMMARY_SHOWN]].rename(columns=names)


def floor_frame(floor: pd.DataFrame, lang: str) -> pd.DataFrame:
    shown = floor.copy()
    shown["trust"] = shown["trust"]
    shown["specialty"] = shown["specialty"].map(lambda s: specialty_name(s, lang))
    names = {c: t(f"prep_col_{c}", lang) for c in ("trust", "specialty", *FLOOR_COLUMNS)}
    return shown[["trust", "specialty", *FLOOR_COLUMNS]].round(1).rename(columns=names)


def headlines(view: preparedness.PreparednessView, values, lang: str) -> list[reports.Headline]:
    """Return one headline per stress test: exams not done in all, and the worst modality's weeks to clear."""
    out = []
    for name in preparedness.SCENARIOS:
        own = view.summary[view.summary["scenario"] == name]
        label = scenario_label(name, values, lang)
        if own.empty:
            out.append(reports.Headline(label, "–", t("prep_no_event", lang)))
            continue
        worst = own.loc[own["weeks_to_clear_kept"].idxmax()]
        out.append(
            reports.Headline(
                label,
                t(
                    "prep_headline_value",
                    lang,
                    not_done=fmt_number(own["not_done"].sum(), lang),
                    weeks=weeks_text(worst["weeks_to_clear_kept"], lang),
                ),
                t(
                    "prep_pdf_sentence",
                    lang,
                    not_done=fmt_number(own["not_done"].sum(), lang),
                    backlog=fmt_number(worst["backlog_kept"], lang),
                    weeks=weeks_text(worst["weeks_to_clear_kept"], lang),
                    modality=modality_name(worst["modality"], lang),
                )
                if own["not_done"].sum() > 0
                else t("prep_no_backlog", lang),
            )
        )
    return out


def export_tables(view: preparedness.PreparednessView) -> dict[str, pd.DataFrame]:
    """Return the tables the exports carry (data codes as column names, for analysts)."""
    summary = view.summary.replace([math.inf], float("nan"))  # Excel has no infinity: blank = never cleared
    return {
        "capacity_by_area": view.by_area.round(1),
        "capacity_by_owner": view.capacity.round(1),
        "stress_summary": summary.round(2),
        "stress_weekly": view.weekly.round(2),
        "stress_overflow": view.overflow.round(2),
        "on_call_floor": view.on_call.round(2),
    }


BOARD_TABLES = ("capacity_by_area", "stress_summary", "stress_weekly", "on_call_floor")


def board_tables(snapshot: state.Snapshot) -> tuple[dict[str, pd.DataFrame], set[str]]:
    """Return the sheets the board's workbook carries from this page, and those built on illustrative rows."""
    view = state.computed(compute, snapshot)
    tables = {name: frame for name, frame in export_tables(view).items() if name in BOARD_TABLES}
    return tables, {"on_call_floor"} if view.on_call_illustrative else set()


def assumptions_export(snapshot: state.Snapshot) -> pd.DataFrame:
    """Return the page's assumptions and choices with value, default, changed and source (for the exports)."""
    lang, rows = snapshot.lang, []
    keys = [a.key for a in assumptions.in_group("preparedness")] + list(OTHER_KEYS)
    for key in keys:
        a = assumptions.ASSUMPTIONS[key]
        value, default = snapshot.scenario[key], snapshot.defaults[key]
        rows.append(
            {
                "key": key,
                "label": a.label(lang),
                "unit": a.unit,
                "value": value,
                "default": default,
                "changed": value != default,
                "source": a.source,
            }
        )
    for key, group in scenario.CHOICE_GROUPS.items():
        if group == "preparedness":
            value, default = snapshot.scenario[key], snapshot.defaults[key]
            rows.append(
                {
                    "key": key,
                    "label": t(key, lang),
                    "unit": "",
                    "value": value,
                    "default": default,
                    "changed": value != default,
                    "source": t(scenario.CHOICE_HELP[key], lang),
                }
            )
    return pd.DataFrame(rows)


def excel_bytes(snapshot: state.Snapshot, view: preparedness.PreparednessView) -> bytes:
    lang = snapshot.lang
    cover = [
        (t("prep_pdf_title", lang), ""),
        (t("cover_made", lang), date.today().isoformat()),
        (t("cover_data_version", lang), snapshot.data_version),
    ]
    if view.error:
        cover.append((t("prep_refused", lang), view.error))
    return reports.excel_workbook(
        export_tables(view),
        assumptions_export(snapshot),
        illustrative=("on_call_floor",) if view.on_call_illustrative else (),
        cover=cover,
        label=t("prep_illustrative_label", lang),
    )


def pdf_bytes(snapshot: state.Snapshot, view: preparedness.PreparednessView) -> bytes:
    """Return the one-page preparedness summary: a headline per stress test, the on-call floor, four charts."""
    lang, values = snapshot.lang, snapshot.scenario
    lines = headlines(view, values, lang)
    radiology = view.on_call[view.on_call["specialty"] == "radiology"]
    floor_note = t(
        "prep_pdf_floor",
        lang,
        floor=fmt_number(radiology["floor_fte"].sum(), lang),
        freed=fmt_number(radiology["freed_fte"].sum(), lang),
    )
    charts_ = []
    for name in preparedness.SCENARIOS:
        own = view.weekly[view.weekly["scenario"] == name]
        if own.empty or own["backlog_kept"].max() <= 0:  # no backlog: the headline says so
            continue
        data = pd.DataFrame(
            {
                "year": own["week"],
                "series": own["modality"].map(lambda m: modality_name(m, lang)),
                "value": own["backlog_kept"],
            }
        )
        charts_.append(
            reports.SmallChart(
                t("prep_pdf_chart", lang, scenario=scenario_label(name, values, lang).split(":")[0]),
                t("prep_backlog_axis", lang),
                data,
                colours={modality_name(m, lang): c for m, c in charts.MODALITY_COLOURS.items()},
            )
        )
    summary = reports.BoardSummary(
        title=t("prep_pdf_title", lang),
        subtitle=t("prep_pdf_subtitle", lang, date=date.today().isoformat()),
        headlines=lines,
        charts=charts_,
        assumptions=assumptions_export(snapshot).sort_values("changed", ascending=False, kind="stable"),
        footer=t("prep_pdf_footer", lang, version=snapshot.data_version, package=__version__),
        notes=[floor_note] + ([view.error] if view.error else []),
        illustrative_label=t("illustrative_mark", lang),
    )
    return reports.board_summary_pdf(summary)


def capacity_section(snapshot: state.Snapshot, view: preparedness.PreparednessView) -> None:
    lang, values = snapshot.lang, snapshot.scenario
    st.header(t("prep_capacity_header", lang))
    st.markdown(
        t(
            "prep_capacity_intro",
            lang,
            max=fmt_number(values["prep_hours_max"], lang),
            today=fmt_number(values["opening_hours_week"], lang),
            weeks=fmt_number(values["weeks_per_year"], lang),
            extra=fmt_number(values["prep_staff_extra_pct"], lang),
        )
    )
    if values["prep_hours_max"] < values["opening_hours_week"]:
        st.caption(
            t(
                "prep_hours_below_today",
                lang,
                max=fmt_number(values["prep_hours_max"], lang),
                today=fmt_number(values["opening_hours_week"], lang),
            )
        )
    table(capacity_frame(view.by_modality, ["modality"], lang))
    full = view.capacity[view.capacity["at_capacity"]]
    if not full.empty:
        owners = ", ".join(
            f"{owner_name(o, lang)} {modality_name(m, lang)}" for o, m in zip(full["owner"], full["modality"])
        )
        st.caption(t("prep_at_capacity", lang, owners=owners))
    show_chart_data(charts.spare_bars, charts.spare_data(view.by_area, lang), lang=lang)
    with st.expander(t("prep_by_area", lang)):
        table(capacity_frame(view.by_area, ["area", "modality"], lang))
    with st.expander(t("prep_by_owner", lang)):
        table(capacity_frame(view.capacity, ["owner", "area", "modality"], lang))


def stress_section(snapshot: state.Snapshot, view: preparedness.PreparednessView) -> None:
    lang, values = snapshot.lang, snapshot.scenario
    st.header(t("prep_stress_header", lang))
    st.markdown(t("prep_stress_intro", lang))
    if view.error:
        st.error(f"{t('prep_refused', lang)}: {view.error}")
        return
    found = headlines(view, values, lang)
    for col, name, headline in zip(st.columns(len(found)), preparedness.SCENARIOS, found):
        own = view.summary[view.summary["scenario"] == name]
        col.markdown(f"**{headline.label}**")
        if own.empty:
            col.caption(headline.sentence)
            continue
        col.metric(t("prep_col_not_done", lang), fmt_number(own["not_done"].sum(), lang))
        col.metric(
            t("prep_col_weeks_to_clear_kept", lang),
            weeks_text(own["weeks_to_clear_kept"].max(), lang),
            help=t("prep_worst", lang),
        )
        col.caption(headline.sentence)
    table(summary_frame(view, values, lang))
    names = [n for n in preparedness.SCENARIOS if (view.weekly["scenario"] == n).any()]
    for i in range(0, len(names), 2):
        for col, name in zip(st.columns(2), names[i : i + 2]):
            with col:
                own = view.weekly[view.weekly["scenario"] == name]
                title = t("prep_weekly_title", lang, scenario=scenario_label(name, values, lang))
                if own["backlog_kept"].max() <= 0:
                    st.markdown(f"**{title}**")
                    st.caption(t("prep_no_backlog", lang))
                    continue
                show_chart_data(charts.backlog_lines, charts.backlog_data(own, lang), title, lang=lang)
    st.subheader(t("prep_overflow_header", lang))
    if view.overflow.empty:
        st.caption(t("prep_overflow_none", lang))
        return
    shown = view.overflow.copy()
    shown["scenario"] = shown["scenario"].map(lambda s: scenario_label(s, values, lang))
    shown["modality"] = shown["modality"].map(lambda m: modality_name(m, lang))
    shown["owner"] = shown["owner"].map(lambda o: owner_name(o, lang))
    shown["area"] = shown["area"].map(codes.HOSPITAL_AREAS)
    shown["relation"] = shown["relation"].map(lambda r: t(f"prep_relation_{r}", lang))
    shown["spare_per_week"] = shown["spare_per_week"].round(0)
    names = {
        "scenario": t("prep_col_scenario", lang),
        "modality": t("prep_col_modality", lang),
        "owner": t("prep_owner", lang),
        "area": t("prep_area", lang),
        "relation": t("prep_col_relation", lang),
        "spare_per_week": t("prep_col_spare_per_week", lang),
    }
    table(shown[list(names)].rename(columns=names))


def on_call_section(snapshot: state.Snapshot, view: preparedness.PreparednessView) -> None:
    lang = snapshot.lang
    st.header(t("prep_on_call_header", lang))
    st.markdown(
        t("prep_on_call_intro", lang, per_person=fmt_number(snapshot.scenario["fte_per_person_physician"], lang, 2))
    )
    note = t("prep_on_call_illustrative", lang) if view.on_call_illustrative else ""
    if note:
        st.warning(note)
    freed = fmt_number(view.on_call["freed_fte"].sum(), lang)
    st.markdown(t("prep_shared_on" if view.shared_on_call else "prep_shared_off", lang, freed=freed))
    subtitle = t("prep_illustrative_label", lang) if note else ""
    show_chart_data(charts.floor_bars, charts.floor_data(view.on_call, lang), subtitle, lang=lang)
    table(floor_frame(view.on_call, lang))


def render(snapshot: state.Snapshot) -> None:
    lang = snapshot.lang
    st.title(t("prep_title", lang))
    st.markdown(t("prep_intro", lang))
    if data_error_shown(snapshot):
        return
    view = state.computed(compute, snapshot)
    capacity_section(snapshot, view)
    stress_section(snapshot, view)
    on_call_section(snapshot, view)
    st.subheader(t("prep_downloads", lang))
    left, right = st.columns(2)
    left.download_button(
        t("prep_excel", lang),
        data=lambda: excel_bytes(snapshot, view),
        file_name=f"preparedness_{date.today().isoformat()}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="prep_download_excel",
        icon=":material/table:",
    )
    right.download_button(
        t("prep_pdf", lang),
        data=lambda: pdf_bytes(snapshot, view),
        file_name=f"preparedness_plan_{date.today().isoformat()}.pdf",
        mime="application/pdf",
        key="prep_download_pdf",
        icon=":material/picture_as_pdf:",
    )
    if st.toggle(t("show_sources", lang), key="prep_show_sources"):
        st.dataframe(assumptions_table(snapshot, GROUPS, OTHER_KEYS), hide_index=True, width="stretch")
