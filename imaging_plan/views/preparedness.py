"""The preparedness page's view: capacity today, four stress tests and the on-call floor, and their tables and exports.

`compute(snapshot)` is the planning model's `preparedness.compute`, cached under the keys it reads;
the builders here turn it into the page's named tables, headlines, workbook and one-page PDF, so
the page, the board's workbook and the tests read the same numbers without Streamlit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from imaging_plan import __version__
from imaging_plan.charts import preparedness as charts
from imaging_plan.data import codes
from imaging_plan.i18n import fmt_number, modality_name, specialty_name, t
from imaging_plan.planning import assumptions, preparedness, scenario
from imaging_plan.views import cache, reports
from imaging_plan.views.snapshot import Snapshot

PreparednessView = preparedness.PreparednessView  # the page's view is the model's (frozen, typed)

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
BOARD_TABLES = ("capacity_by_area", "stress_summary", "stress_weekly", "on_call_floor")


@cache.cached(groups=("preparedness",), keys=OTHER_KEYS)
def compute(snapshot: Snapshot) -> PreparednessView:
    """Return the page's view of `snapshot`; a refused stress test is in its `error`."""
    return preparedness.compute(snapshot)


@dataclass(frozen=True)
class StressCard:
    """One stress test's column: its headline, and its figures when it ran (None when it did not)."""

    headline: reports.Headline
    not_done: str | None = None
    weeks: str | None = None


@dataclass(frozen=True)
class PrepDrawn:
    """What the page draws, prepared once per scenario and language (a rerun then only draws)."""

    by_modality: pd.DataFrame
    by_area: pd.DataFrame
    by_owner: pd.DataFrame
    at_capacity: str | None
    spare: pd.DataFrame
    floor: pd.DataFrame  # the on-call floor chart's table
    floor_table: pd.DataFrame
    cards: list = field(default_factory=list)  # [StressCard] in preparedness.SCENARIOS' order; none when refused
    summary: pd.DataFrame | None = None
    weekly: dict = field(default_factory=dict)  # scenario -> backlog chart table, or None when nothing backs up
    overflow: pd.DataFrame | None = None  # None: nothing overflows


@cache.cached(groups=("preparedness",), keys=OTHER_KEYS)
def drawn(snapshot: Snapshot) -> PrepDrawn:
    """Return the page's tables, chart tables and stress test figures (`compute`'s numbers)."""
    view, values, lang = compute(snapshot), snapshot.scenario, snapshot.lang
    common = dict(
        by_modality=capacity_frame(view.by_modality, ["modality"], lang),
        by_area=capacity_frame(view.by_area, ["area", "modality"], lang),
        by_owner=capacity_frame(view.capacity, ["owner", "area", "modality"], lang),
        at_capacity=at_capacity(view, lang),
        spare=charts.spare_data(view.by_area, lang),
        floor=charts.floor_data(view.on_call, lang),
        floor_table=floor_frame(view.on_call, lang),
    )
    if view.error:
        return PrepDrawn(**common)
    cards = []
    for name, headline in zip(preparedness.SCENARIOS, headlines(view, values, lang)):
        own = view.summary[view.summary["scenario"] == name]
        if own.empty:
            cards.append(StressCard(headline))
        else:
            not_done = fmt_number(own["not_done"].sum(), lang)
            cards.append(StressCard(headline, not_done, weeks_text(own["weeks_to_clear_kept"].max(), lang)))
    weekly = {}
    for name in (n for n in preparedness.SCENARIOS if (view.weekly["scenario"] == n).any()):
        own = view.weekly[view.weekly["scenario"] == name]
        weekly[name] = charts.backlog_data(own, lang) if own["backlog_kept"].max() > 0 else None
    return PrepDrawn(
        **common,
        cards=cards,
        summary=summary_frame(view, values, lang),
        weekly=weekly,
        overflow=None if view.overflow.empty else overflow_frame(view, values, lang),
    )


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


def summary_frame(view: PreparednessView, values, lang: str) -> pd.DataFrame:
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
    shown["specialty"] = shown["specialty"].map(lambda s: specialty_name(s, lang))
    names = {c: t(f"prep_col_{c}", lang) for c in ("trust", "specialty", *FLOOR_COLUMNS)}
    return shown[["trust", "specialty", *FLOOR_COLUMNS]].round(1).rename(columns=names)


def _of(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return stress test `name`'s rows (none when a refused scenario left the table empty)."""
    return frame[frame["scenario"] == name] if "scenario" in frame else frame


def headlines(view: PreparednessView, values, lang: str) -> list[reports.Headline]:
    """Return one headline per stress test: exams not done in all, and the worst modality's weeks to clear."""
    out = []
    for name in preparedness.SCENARIOS:
        own = _of(view.summary, name)
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


def export_tables(view: PreparednessView) -> dict[str, pd.DataFrame]:
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


def board_tables(snapshot: Snapshot) -> tuple[dict[str, pd.DataFrame], set[str]]:
    """Return the sheets the board's workbook carries from this page, and those built on illustrative rows."""
    view = compute(snapshot)
    tables = {name: frame for name, frame in export_tables(view).items() if name in BOARD_TABLES}
    return tables, {"on_call_floor"} if view.on_call_illustrative else set()


def assumptions_export(snapshot: Snapshot) -> pd.DataFrame:
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


def excel_bytes(snapshot: Snapshot, view: PreparednessView) -> bytes:
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


def pdf_bytes(snapshot: Snapshot, view: PreparednessView) -> bytes:
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
        own = _of(view.weekly, name)
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


def overflow_frame(view: PreparednessView, values, lang: str) -> pd.DataFrame:
    """Return where each stress test's overflow could go, named in `lang`."""
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
    return shown[list(names)].rename(columns=names)


def at_capacity(view: PreparednessView, lang: str) -> str | None:
    """Return the owners and modalities running at capacity today, in words (None when none is)."""
    full = view.capacity[view.capacity["at_capacity"]]
    if full.empty:
        return None
    return ", ".join(f"{owner_name(o, lang)} {modality_name(m, lang)}" for o, m in zip(full["owner"], full["modality"]))
