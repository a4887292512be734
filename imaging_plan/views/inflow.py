"""The specialist inflow page's numbers: new specialists required, on course and from national approvals.

Reads the default line notebook 02 stored (in the two parts the exit-rate slider adds up) and
recomputes everything else from the scenario (no fitting here): `compute(snapshot)` gives the
page's view, `figures_of` its headline figures, `section`, `fan` and `fan_band` the board's overview.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from imaging_plan.charts import inflow as inflow_charts
from imaging_plan.charts import overview as overview_charts
from imaging_plan.charts.common import PALETTE, localized
from imaging_plan.data.schemas import TABLES
from imaging_plan.i18n import fmt_number, specialty_name, t
from imaging_plan.planning import physicians, specialist_inflow
from imaging_plan.planning.assumptions import ASSUMPTIONS
from imaging_plan.planning.recruitment import by_period
from imaging_plan.views import cache
from imaging_plan.views import model as model_view
from imaging_plan.views.model import MODEL_GROUPS, MODEL_KEYS, range_text
from imaging_plan.views.reports import Headline, SmallChart
from imaging_plan.views.sections import Section
from imaging_plan.views.snapshot import Snapshot

FORECAST = "specialist_inflow"
RUN_COMMAND = "python -m imaging_plan.pipeline.runner --only 02"
NATIONAL_FILE = TABLES["specialist_approvals"].file
PLAN_NUMBERS = [c for c in specialist_inflow.PLAN_COLUMNS if c not in ("specialty", "year", "supply_basis")]
PIPELINE_NUMBERS = ["residents_planned", "residents_needed", "posts_gap"]
DERIVED_NUMBERS = ["specialists", "growth", "exits", "inflow"]
GROUPS = ("general", "physicians", "inflow")
# The inflow reads the one model's values and the inflow assumptions (approvals and the region's share).
# Its planning reads a spread the registry gives radiology only with `.get`: it gets `model.declared`.
VIEW_GROUPS = (*MODEL_GROUPS, "inflow")
READS = cache.scenario_keys(VIEW_GROUPS, MODEL_KEYS)


@dataclass(frozen=True)
class InflowView:
    hist: dict  # specialty -> specialist and resident history (Tabell 6)
    derived: pd.DataFrame  # inflow derived from the history
    plan: pd.DataFrame  # specialist_inflow.inflow_plan: `planned` is the physician plan's new specialists
    pipeline: pd.DataFrame  # resident posts planned and needed (the physician plan's residents_needed)
    figures: pd.DataFrame  # specialist_inflow.summary (index: specialty)
    model: model_view.ModelView  # the one physician model and its interval (the headlines)
    periods: pd.DataFrame  # recruitment calibrated over the latest 3, 5 and 10 years


@cache.cached(groups=VIEW_GROUPS, keys=MODEL_KEYS)
def compute(snapshot: Snapshot) -> InflowView:
    """Return the inflow plan, the resident pipeline and their headline figures for the snapshot's scenario.

    The planned inflow and the residents needed are the physician plan's (`model_view.model_of`,
    the same cached model the physicians page and the overview read).
    """
    scenario, forecast = model_view.declared(snapshot, READS), snapshot.forecast(FORECAST)
    hist = physicians.histories(snapshot.tables["physician_ftes"])
    model = model_view.model_of(snapshot)
    need = model.need  # the physician page's need (physicians.physician_need's)
    plan = specialist_inflow.inflow_plan(
        hist,
        need,
        scenario,
        stored(forecast, "inflow_trend"),
        stored(forecast, "national_trend"),
        physician_plan=model.plan,
    )
    pipeline = specialist_inflow.resident_pipeline(hist, plan, scenario, physician_plan=model.plan)
    return InflowView(
        hist,
        specialist_inflow.derived_inflow(hist, scenario["exit_rate_pct"]),
        plan,
        pipeline,
        specialist_inflow.summary(plan, pipeline, scenario),
        model,
        by_period(hist, float(scenario["exit_rate_pct"]), int(scenario["training_years"])),
    )


@dataclass(frozen=True)
class Drawn:
    """What the page draws per specialty, prepared once per scenario and language (a rerun then only draws)."""

    figures: dict  # specialty -> Figures (the headline texts)
    inflow: dict  # specialty -> inflow_charts.inflow_lines
    shortfall: dict  # specialty -> inflow_charts.shortfall_lines
    pipeline: dict  # specialty -> inflow_charts.pipeline_lines
    captions: dict  # specialty -> Captions


@dataclass(frozen=True)
class Captions:
    """A specialty's captions: under the headline, the supply's basis, the inflow chart's bands."""

    headline: str
    basis: str
    bands: str


def captions_of(snapshot: Snapshot, view, specialty: str) -> Captions:
    """Return a specialty's captions (the stored forecast's basis and trend, the scenario's window and draws)."""
    lang, scenario, forecast = snapshot.lang, snapshot.scenario, snapshot.forecast(FORECAST)
    draws = fmt_number(view.model.draws, lang)
    headline = [
        t(
            "inflow_headline_caption",
            lang,
            draws=draws,
            periods=model_view.period_text(view.periods, specialty, lang),
            window=int(scenario["recruitment_window_years"]),
        )
    ]
    trend = view.figures.loc[specialty, "trend_per_year"]
    if pd.notna(trend):
        headline.append(t("inflow_trend_caption", lang, trend=fmt_number(trend, lang, 1)))
    basis = [
        *basis_notes(snapshot, forecast, specialty),
        trend_note(lang, forecast, specialty),
        negative_note(view.derived, specialty, lang),
    ]
    scored_rate = scored_exit_rate(forecast, scenario["exit_rate_pct"])
    trend_band = (
        ""
        if not view.plan.loc[view.plan["specialty"] == specialty, "trend"].notna().any()
        else t("inflow_band_meaning", lang, rate=fmt_number(scored_rate, lang, 1))
        if scored_rate is not None
        else t("band_meaning", lang)
    )
    return Captions(
        " ".join(headline),
        " ".join(n for n in basis if n),
        f"{t('planned_band_meaning', lang, draws=draws)} {trend_band}",
    )


@cache.cached(groups=VIEW_GROUPS, keys=MODEL_KEYS)
def drawn(snapshot: Snapshot) -> Drawn:
    """Return the page's headline texts and chart tables per specialty (`compute`'s numbers)."""
    view, lang = compute(snapshot), snapshot.lang
    band = view.model.band("new_specialists")
    specialties = list(view.figures.index)
    return Drawn(
        {s: figures_of(view, s, lang) for s in specialties},
        {s: inflow_charts.inflow_lines(s, view.derived, view.plan, lang, band) for s in specialties},
        {s: inflow_charts.shortfall_lines(view.plan, s, lang) for s in specialties},
        {s: inflow_charts.pipeline_lines(s, view.hist, view.pipeline, lang) for s in specialties},
        {s: captions_of(snapshot, view, s) for s in specialties},
    )


def stored(forecast, table: str) -> pd.DataFrame | None:
    """Return a table of the stored forecast, or None (no forecast, or not in it)."""
    return None if forecast is None else forecast.tables.get(table)


def national_basis(forecast, specialty: str) -> tuple[str, int] | None:
    """Return how the stored forecast got this specialty's national approvals (basis, points), or None."""
    status = stored(forecast, "national_status")
    if status is None:
        return None
    row = status[status["specialty"] == specialty]
    return (str(row["basis"].iloc[0]), int(row["points"].iloc[0])) if len(row) else None


def basis_notes(snapshot: Snapshot, forecast, specialty: str) -> list[str]:
    """Return the captions that say where this specialty's approvals-based supply comes from."""
    lang, scenario = snapshot.lang, snapshot.scenario
    basis = national_basis(forecast, specialty)
    notes = []
    if basis is not None:
        notes.append(t(f"basis_{basis[0]}", lang, points=basis[1]))
        if basis[0] == "fitted":
            return notes
    central = scenario[f"approvals_{specialty}"]
    spread_key = f"approvals_{specialty}_spread"  # a slider for radiology only
    spread = scenario[spread_key] if spread_key in ASSUMPTIONS else 0
    notes.append(
        t(
            f"range_{specialty}",
            lang,
            central=fmt_number(central, lang, 1 if central % 1 else 0),
            low=fmt_number(max(central - spread, 0), lang),
            high=fmt_number(central + spread, lang),
            share=fmt_number(scenario["region_share_pct"], lang),
        )
    )
    return notes


def trend_note(lang: str, forecast, specialty: str) -> str | None:
    """Return why there is no trend for this specialty although the forecast exists, or None."""
    status = stored(forecast, "inflow_status")
    if status is None:
        return None
    growth = status[(status["specialty"] == specialty) & (status["part"] == "growth")]
    if len(growth) and not bool(growth["fitted"].iloc[0]):
        return t("trend_not_fitted", lang, points=int(growth["points"].iloc[0]))
    return None


def scored_exit_rate(forecast, exit_rate_pct: float) -> float | None:
    """Return the exit rate the stored trend was scored at when the slider is elsewhere, else None.

    At the notebook's exit rate the trend is exactly the line the backtest scored; at
    another rate the difference in exits is added on the specialists' own line.
    """
    if forecast is None:
        return None
    stored = forecast.manifest.get("parameters", {}).get("exit_rate_pct")
    return None if stored is None or abs(float(stored) - float(exit_rate_pct)) < 1e-9 else float(stored)


def negative_note(derived: pd.DataFrame, specialty: str, lang: str) -> str | None:
    """Return the note naming the years with a negative derived inflow, or None."""
    years = derived.loc[(derived["specialty"] == specialty) & (derived["inflow"] < 0), "year"]
    return t("negative_inflow", lang, years=", ".join(map(str, years.astype(int)))) if len(years) else None


def supply_range(plan: pd.DataFrame, specialty: str) -> tuple[float, float, float]:
    """Return the approvals-based supply a year (mean over the plan years) with its low and high (the range's)."""
    own = plan[plan["specialty"] == specialty]
    return float(own["supply"].mean()), float(own["supply_lower"].mean()), float(own["supply_upper"].mean())


@dataclass(frozen=True)
class Figures:
    """A specialty's headline figures as shown (median and 80 % interval), each a finished text.

    required, planned: new specialists a year (mean over the plan years) needed and planned (the
    physician plan's own finishers + recruited); supply: from national approvals (the range's low
    and high); cum_planned and cum_supply: the shortfall summed to the horizon; residents: LiS
    FTEs needed in training each year to the deadline (the board's decision); deadline: the
    year the posts must exist by, over the draws.
    """

    required: str
    planned: str
    supply: str
    cum_planned: str
    cum_supply: str
    residents: str
    deadline: str


def figures_of(view: InflowView, specialty: str, lang: str) -> Figures:
    """Return the headline figures of a specialty (see `Figures`)."""
    per = view.model.per_year.loc[specialty]
    decision = view.model.decisions[specialty]
    row = view.figures.loc[specialty]
    mean, low, high = supply_range(view.plan, specialty)
    total = float(view.plan.loc[view.plan["specialty"] == specialty, "supply"].sum())
    first, last = decision["deadline_first"], decision["deadline_last"]
    whole = view.model.decimals(specialty)  # FTE totals: whole FTEs, one decimal for a small specialty
    return Figures(
        required=range_text(per["required_p50"], per["required_p10"], per["required_p90"], lang, 1),
        planned=range_text(per["new_specialists_p50"], per["new_specialists_p10"], per["new_specialists_p90"], lang, 1),
        supply=range_text(mean, low, high, lang, 1),
        cum_planned=range_text(
            per["cum_shortfall_p50"], per["cum_shortfall_p10"], per["cum_shortfall_p90"], lang, whole
        ),
        cum_supply=range_text(
            per["cum_required_p50"] - total,
            per["cum_required_p10"] - total,
            per["cum_required_p90"] - total,
            lang,
            whole,
        ),
        residents=range_text(decision["p50"], decision["p10"], decision["p90"], lang, whole),
        deadline=t("already_late", lang) if row["late"] else (str(first) if first == last else f"{first}–{last}"),
    )


def localized_table(frame: pd.DataFrame, numbers: list[str], lang: str) -> tuple[pd.DataFrame, list[str]]:
    """Return a table with translated headers and specialty names, and the headers of its number columns."""
    shown = frame.copy()
    shown["specialty"] = shown["specialty"].map(lambda s: specialty_name(s, lang))
    if "supply_basis" in shown:
        shown["supply_basis"] = shown["supply_basis"].map(lambda b: t(f"basis_{b}", lang))
    shown[numbers] = shown[numbers].astype(float).round(1)
    names = {c: t(f"inflow_col_{c}", lang) for c in shown.columns if c not in ("specialty", "year")}
    names.update(specialty=t("col_specialty", lang), year=t("year", lang))
    return shown.rename(columns=names), [names[c] for c in numbers]


def section(snapshot: Snapshot) -> Section | None:
    """Return new specialists a year for the board: needed and planned (the one inflow), with their intervals."""
    # checked outside the cache: its key holds the data's version, not whether the data loaded
    return None if snapshot.data_error else board_section(snapshot)


@cache.cached(groups=VIEW_GROUPS, keys=MODEL_KEYS)
def board_section(snapshot: Snapshot) -> Section:
    """Return `section`'s Section for data that loaded."""
    lang = snapshot.lang
    view = compute(snapshot)
    plan, pipeline = view.plan, view.pipeline
    first, last = int(plan["year"].min()), int(plan["year"].max())
    headlines = []
    for specialty in view.figures.index:
        name = specialty_name(specialty, lang)
        shown = figures_of(view, specialty, lang)
        headlines.append(
            Headline(
                t("ov_inflow_label", lang, specialty=name),
                shown.planned,
                t(
                    "ov_inflow_sentence",
                    lang,
                    required=shown.required,
                    first=first,
                    last=last,
                    shortfall=shown.cum_planned,
                    supply=shown.supply,
                    draws=fmt_number(view.model.draws, lang),
                ),
            )
        )
    rows = overview_rows(view, lang)
    names = [t(k, lang) for k in ("ov_inflow_required", "ov_inflow_planned", "ov_inflow_supply")]
    colours = dict(zip(names, (PALETTE["vermillion"], PALETTE["orange"], PALETTE["green"])))
    unit = t("ov_inflow_unit", lang)
    radiology = rows[rows["specialty"] == "radiology"]
    return Section(
        title=t("inflow_title", lang),
        headlines=headlines,
        chart=localized(
            overview_charts.overview_lines(rows.drop(columns="specialty"), unit, lang, colours=colours), lang
        ),
        pdf_chart=SmallChart(
            f"{t('page_inflow', lang)}: {specialty_name('radiology', lang)} ({t('pdf_band', lang)})",
            unit,
            radiology[["year", "series", "value", "lower", "upper"]],
            colours=colours,
        ),
        tables={"specialist_inflow_plan": plan.round(3), "resident_pipeline": pipeline.round(3)},
        groups=GROUPS,
    )


def overview_rows(view: InflowView, lang: str) -> pd.DataFrame:
    """Return required, planned (with its 80 % interval) and approvals-based new specialists per panel and year."""
    plan = view.plan
    band = view.model.band("new_specialists").set_index(["specialty", "year"])
    keys = pd.MultiIndex.from_frame(plan[["specialty", "year"]])
    frames = [
        plan[["specialty", "year"]].assign(series=t("ov_inflow_required", lang), value=plan["required"]),
        plan[["specialty", "year"]].assign(
            series=t("ov_inflow_planned", lang),
            value=plan["planned"],
            lower=band["p10"].reindex(keys).to_numpy(),
            upper=band["p90"].reindex(keys).to_numpy(),
        ),
        plan[["specialty", "year"]].assign(series=t("ov_inflow_supply", lang), value=plan["supply"]),
    ]
    rows = pd.concat(frames, ignore_index=True)
    rows["panel"] = [specialty_name(s, lang) for s in rows["specialty"]]
    return rows[["specialty", "year", "series", "value", "lower", "upper", "panel"]]


@cache.cached(groups=VIEW_GROUPS, keys=MODEL_KEYS)
def fan(snapshot: Snapshot) -> pd.DataFrame:
    """Return the yearly shortfall of new specialists against the planned inflow, per specialty (panel).

    The scenario's values only (no draws, no trend): the presets' lines are drawn beside the viewer's.
    """
    physician_plan, need = model_view.scenario_plan(snapshot)
    hist = physicians.histories(snapshot.tables["physician_ftes"])
    scenario = model_view.declared(snapshot, READS)
    plan = specialist_inflow.inflow_plan(hist, need, scenario, physician_plan=physician_plan)
    return pd.DataFrame(
        {
            "panel": [specialty_name(s, snapshot.lang) for s in plan["specialty"]],
            "year": plan["year"],
            "value": plan["shortfall_planned"],
        }
    )


@cache.cached(groups=MODEL_GROUPS, keys=MODEL_KEYS)
def fan_band(snapshot: Snapshot) -> pd.DataFrame:
    """Return the viewer's interval of that shortfall (required - planned, p10-p90 of the draws) per panel, year."""
    return model_view.fan_band(snapshot, "shortfall")
