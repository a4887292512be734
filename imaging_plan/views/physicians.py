"""The physicians page's numbers: supply, need and gap per specialty, their interval, drivers and derivations.

`compute(snapshot, trust)` gives the page's view; `drivers`, `need_parts` and `recruitment` its
sections below the charts; `section`, `fan` and `fan_band` what the board's overview and the
exports show. Everything is cached on the values it reads (the one model's, `model.MODEL_KEYS`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from imaging_plan.charts import demand as demand_charts
from imaging_plan.charts import overview as overview_charts
from imaging_plan.charts import physicians as physician_charts
from imaging_plan.charts import uncertainty as uncertainty_charts
from imaging_plan.charts.common import PALETTE, localized
from imaging_plan.data import codes
from imaging_plan.i18n import fmt_number, specialty_name, t
from imaging_plan.planning import assumptions, demand, physicians, preparedness, specialist_inflow, uncertainty
from imaging_plan.planning.recruitment import by_period
from imaging_plan.views import cache
from imaging_plan.views import model as model_view
from imaging_plan.views.model import MODEL_GROUPS, MODEL_KEYS, range_text
from imaging_plan.views.reports import Headline, SmallChart
from imaging_plan.views.sections import Section
from imaging_plan.views.snapshot import Snapshot

FORECAST = "physician_ftes"
RUN_COMMAND = "python -m imaging_plan.pipeline.runner --only 01"
HEADLINE_YEARS = (2030, 2035)
TABLE_COLUMNS = (
    "specialists",
    "residents",
    "exits",
    "completions",
    "recruited",
    "new_specialists",
    "supply",
    "need",
    "gap",
    "specialists_gap",
    "residents_gap",
    "exits_people",
    "recruited_people",
)
GROUPS = ("general", "physicians")
# The page's view reads the model's values, the FTEs per person and, for a trust, the shared on-call switch.
VIEW_GROUPS = (*MODEL_GROUPS, "physicians")
VIEW_KEYS = ("prep_shared_on_call",)


def headline_years(horizon: int) -> list[int]:
    """Return the years the page headlines: 2030, 2035 and the horizon, those within it."""
    return sorted({y for y in HEADLINE_YEARS if y <= horizon} | {horizon})


@dataclass(frozen=True)
class GapCard:
    """One headline as the page draws it: the gap's median and 80 % interval, its change from the defaults, its
    parts."""

    year: int
    value: str
    delta: str | None  # None: within 0.05 FTE of the defaults'
    parts: str


@dataclass(frozen=True)
class PhysicianView:
    """The page's numbers: the plan for the scenario, its interval, the defaults' (same horizon), and the trend."""

    horizon: int
    years: list[int]
    plan: pd.DataFrame  # physicians.physician_plan for the scenario (the lines drawn)
    model: model_view.ModelView  # the scenario's Monte Carlo (the headlines: median and 80 % interval)
    baseline: model_view.ModelView  # the same for the defaults at the scenario's horizon
    trend: pd.DataFrame | None  # the stored trend (notebook 01), None when not made
    ftes: pd.DataFrame  # Tabell 6 (or the trust's FTEs), the history drawn
    periods: pd.DataFrame  # recruitment calibrated over the latest 3, 5 and 10 years (recruitment.by_period)
    window: int  # the scenario's calibration window
    exits: dict = field(default_factory=dict)  # specialty -> band_exit's sentence (or None), in the view's language
    # What the page draws, prepared once per scenario and language (a rerun then only draws):
    cards: dict = field(default_factory=dict)  # specialty -> [GapCard per headline year]
    lines: dict = field(default_factory=dict)  # specialty -> physician_lines with the stored trend
    gap_parts: dict = field(default_factory=dict)  # specialty -> gap_parts_data
    periods_line: str = ""  # periods_text: recruitment over the latest 3, 5 and 10 years

    @property
    def specialties(self) -> list[str]:
        return list(self.plan["specialty"].unique())

    def headline(self, specialty: str, year: int, measure: str = "gap") -> pd.Series:
        """Return p10, p50 and p90 of a measure in a year (the Monte Carlo's)."""
        return self.model.at(specialty, year, measure)


@cache.cached(groups=VIEW_GROUPS, keys=VIEW_KEYS)
def compute(snapshot: Snapshot, trust: str | None = None) -> PhysicianView:
    """Return the physician plan of the snapshot's scenario, its interval, the defaults' interval and the trend.

    For the region, or for one `trust` when the physician file gives trusts (no stored trend then:
    the notebook trends the region).
    """
    scenario = snapshot.scenario
    horizon = int(scenario["horizon"])
    defaults = snapshot.with_scenario({**snapshot.defaults, "horizon": horizon})
    model = model_view.model_of(snapshot, trust)
    tables, _ = model_view.scoped(snapshot, trust)
    plan = model.plan
    if trust is not None and "on_call_lines" in tables:  # need = max(planning need, on-call floor)
        plan = preparedness.with_on_call_floor(plan, on_call_floor(tables, scenario, trust))
    forecast = snapshot.forecast(FORECAST)
    hist = physicians.histories(tables["physician_ftes"])
    periods = recruitment_periods(hist, scenario)
    view = PhysicianView(
        horizon,
        headline_years(horizon),
        plan,
        model,
        model_view.model_of(defaults, trust),
        forecast.tables.get("trend") if forecast is not None and trust is None else None,
        tables["physician_ftes"],
        periods,
        int(scenario["recruitment_window_years"]),
    )
    lang, band = snapshot.lang, model.band("gap")
    return replace(
        view,
        exits={s: band_exit(view, s, lang) for s in view.specialties},
        cards={s: [gap_card(view, s, year, lang) for year in view.years] for s in view.specialties},
        lines={s: physician_charts.physician_lines(s, view.ftes, view.trend, plan, lang) for s in view.specialties},
        gap_parts={s: uncertainty_charts.gap_parts_data(plan, band, s, lang) for s in view.specialties},
        periods_line=periods_text(view, lang),
    )


def gap_card(view: PhysicianView, specialty: str, year: int, lang: str) -> GapCard:
    """Return a headline: the gap's median and 80 % interval in `year`, its change from the defaults', its parts."""
    now = view.headline(specialty, year)
    delta = float(now["p50"] - view.baseline.at(specialty, year)["p50"])
    parts = parts_text(view.model, specialty, year, lang)
    return GapCard(
        year,
        range_text(now["p50"], now["p10"], now["p90"], lang, view.model.decimals(specialty)),
        None if abs(delta) < 0.05 else fmt_number(delta, lang, 1, signed=True),
        parts[:1].upper() + parts[1:],
    )


def recruitment_periods(hist, scenario) -> pd.DataFrame:
    """Return the recruitment calibrated over the latest 3, 5 and 10 years at the scenario's exit rate and training."""
    return by_period(hist, float(scenario["exit_rate_pct"]), int(scenario["training_years"]))


def on_call_floor(tables, scenario, trust: str) -> dict[str, float]:
    """Return the trust's on-call floor per specialty (FTEs) under the scenario's shared on-call switch."""
    floor = preparedness.on_call_floor(tables["on_call_lines"], float(scenario["fte_per_person_physician"]))
    return preparedness.floor_of(floor, trust, bool(int(scenario.get("prep_shared_on_call", 0))))


def floor_note(view: PhysicianView, trust: str, lang: str) -> str | None:
    """Return the sentence on the trust's on-call floor and the years it binds, or None without one."""
    if "on_call_floor" not in view.plan:
        return None
    floors = view.plan.groupby("specialty")["on_call_floor"].first()
    shown = ", ".join(f"{specialty_name(s, lang)} {fmt_number(f, lang, 1)}" for s, f in floors.items() if f > 0)
    years = int(view.plan.loc[view.plan["floor_binds"], "year"].nunique())
    return t("phys_on_call_floor", lang, trust=trust, floors=shown or "0", years=years)


def parts_text(model: model_view.ModelView, specialty: str, year: int, lang: str) -> str:
    """Return 'Specialists 41 (−50 to 176) · residents (LiS) 50 (18 to 80)': the gap's parts in a year."""
    parts = []
    for measure in ("specialists_gap", "residents_gap"):
        p = model.at(specialty, year, measure)
        text = range_text(p["p50"], p["p10"], p["p90"], lang, model.decimals(specialty))
        parts.append(f"{t(f'part_{measure}', lang)} {text}")
    return " · ".join(parts)


def band_exit(view: PhysicianView, specialty: str, lang: str) -> str | None:
    """Return the sentence saying where the planned supply leaves the trend's band and which flow makes it, or None.

    The trend's band is the stored default line's 80 % band of all physician FTEs. The plan's
    supply grows by its flows (own finishers + recruited - exits, plus the change in resident
    posts); the recruitment that would make it grow as the trend does is the plan's less the
    difference in yearly growth. Recruitment is the calibrated flow (the others follow the
    exit rate and Tabell 6's residents), so the sentence compares it with the latest 3, 5 and
    10 years' calibrations.
    """
    if view.trend is None:
        return None
    own = view.plan[view.plan["specialty"] == specialty].set_index("year")
    trend = view.trend[(view.trend["specialty"] == specialty) & (view.trend["series"] == "total")].set_index("year")
    trend = trend.dropna(subset=["trend_lower", "trend_upper"])
    years = [y for y in own.index[1:] if y in trend.index]
    outside = [
        y for y in years if not trend.loc[y, "trend_lower"] <= own.loc[y, "supply"] <= trend.loc[y, "trend_upper"]
    ]
    if not outside:
        return None
    first, last, base = outside[0], years[-1], int(own.index.min())
    span = last - base
    plan_growth = (own.loc[last, "supply"] - own.loc[base, "supply"]) / span
    trend_growth = (trend.loc[last, "trend"] - own.loc[base, "supply"]) / span
    recruited = float(own.loc[last, "recruited"])
    above = own.loc[first, "supply"] > trend.loc[first, "trend_upper"]
    return t(
        "band_exit",
        lang,
        first=first,
        side=t("band_above" if above else "band_below", lang),
        last=last,
        supply=fmt_number(own.loc[last, "supply"], lang),
        low=fmt_number(trend.loc[last, "trend_lower"], lang),
        high=fmt_number(trend.loc[last, "trend_upper"], lang),
        plan_growth=fmt_number(plan_growth, lang, 1),
        trend_growth=fmt_number(trend_growth, lang, 1),
        recruited=fmt_number(recruited, lang, 1),
        window=view.window,
        implied=fmt_number(recruited - (plan_growth - trend_growth), lang, 1),
        periods=model_view.period_text(view.periods, specialty, lang),
    )


def periods_text(view: PhysicianView, lang: str) -> str:
    """Return the sentence showing recruitment calibrated over the latest 3, 5 and 10 years, per specialty."""
    windows = " / ".join(str(w) for w in sorted(view.periods["window"].unique()))
    summary = "; ".join(
        f"{specialty_name(s, lang).lower()} {model_view.period_text(view.periods, s, lang)}" for s in view.specialties
    )
    return t("recruitment_periods", lang, windows=windows, summary=summary, window=view.window)


def with_people(plan: pd.DataFrame, scenario) -> pd.DataFrame:
    """Return the plan with exits and recruitment in people too: FTEs / FTEs per person."""
    per_person = float(scenario.get("fte_per_person_physician", 1.0))
    return plan.assign(exits_people=plan["exits"] / per_person, recruited_people=plan["recruited"] / per_person)


def plan_table(plan: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the plan (with `with_people`'s columns) with translated headers and one decimal, for display."""
    shown = plan.copy()
    shown["specialty"] = shown["specialty"].map(lambda s: specialty_name(s, lang))
    shown[list(TABLE_COLUMNS)] = shown[list(TABLE_COLUMNS)].round(1)
    names = {
        "specialty": t("col_specialty", lang),
        "year": t("year", lang),
        **{c: t(f"col_{c}", lang) for c in TABLE_COLUMNS},
    }
    return shown.rename(columns=names)


def assumption_labels(lang: str) -> dict[str, str]:
    """Return the tornado's names of the assumptions in `lang` (the registry's labels; the population choice's)."""
    labels = {key: a.label(lang) for key, a in assumptions.ASSUMPTIONS.items() if key in uncertainty.RANGES}
    labels["population_scenario"] = t("population_scenario", lang)
    return labels


@dataclass(frozen=True)
class Drivers:
    """One specialty's drivers of the horizon's gap, as the charts take them."""

    tornado: pd.DataFrame  # what moves the gap, p10 to p90 of each assumption
    waterfall: pd.DataFrame  # the steps from the base year's need and supply to the horizon's


@dataclass(frozen=True)
class DriversView:
    horizon: int
    specialties: dict[str, Drivers]  # specialty -> its tornado and waterfall, in the plan's order


@cache.cached(groups=MODEL_GROUPS, keys=MODEL_KEYS)
def drivers(snapshot: Snapshot) -> DriversView:
    """Return what moves the horizon's gap (tornado rows) and the waterfall's steps, per specialty."""
    lang, horizon = snapshot.lang, int(snapshot.scenario["horizon"])
    model = model_view.model_of(snapshot)
    sens = model_view.sensitivity_of(snapshot)
    need = model.need
    labels = assumption_labels(lang)
    out = {}
    for specialty in model.plan["specialty"].unique():
        base_gap = float(
            model.plan.loc[(model.plan["specialty"] == specialty) & (model.plan["year"] == horizon), "gap"].iloc[0]
        )
        out[specialty] = Drivers(
            uncertainty_charts.tornado_data(sens, specialty, base_gap, labels, lang),
            uncertainty_charts.waterfall_data(uncertainty.waterfall(model.plan, need, specialty), lang),
        )
    return DriversView(horizon, out)


@dataclass(frozen=True)
class NeedParts:
    lines: pd.DataFrame  # the demand index and its parts per year (the chart's)
    text: str  # how each part is derived, with the scenario's figures
    horizon: int


@cache.cached(groups=MODEL_GROUPS, keys=MODEL_KEYS)
def need_parts(snapshot: Snapshot) -> NeedParts:
    """Return what the need section shows: the index's parts per year and the figures of its text."""
    need = model_view.model_of(snapshot).need  # the one model's need (physicians.physician_need's)
    scenario, lang = snapshot.scenario, snapshot.lang
    seen = demand.observed_by_band(snapshot.tables["population_observed"])
    weights = demand.use_weights(snapshot.tables["imaging_rates_by_age"], seen)
    first, last = demand.PLAN_ACTIVITY_YEARS
    at_end = need[need["specialty"] == need["specialty"].iloc[0]].iloc[-1]
    code = demand.check_population_scenario(scenario.get("population_scenario"))
    text = t(
        "demand_text",
        lang,
        base=int(need["year"].min()),
        horizon=int(at_end["year"]),
        scenario=codes.POPULATION_SCENARIOS[code][lang == "en"],
        old=fmt_number(weights[demand.OLD_BANDS[0]], lang, 2),
        young=fmt_number(weights["20-44"], lang, 2),
        demography=fmt_number(at_end["demography"], lang, 3),
        use=fmt_number(scenario["use_growth_pct"], lang, 1),
        use_nm=fmt_number(scenario["use_growth_nuclear_medicine_pct"], lang, 1),
        use_nm_default=fmt_number(snapshot.defaults.get("use_growth_nuclear_medicine_pct", float("nan")), lang, 1),
        unmet=fmt_number(scenario["unmet_need_pct"], lang, 1),
        use_default=fmt_number(snapshot.defaults.get("use_growth_pct", float("nan")), lang, 1),
        demo_past=fmt_number(demand.demography_growth(snapshot.tables, first, last), lang, 3),
        ai=fmt_number(scenario["ai_gain_pct"], lang),
        ai_year=int(scenario["ai_full_year"]),
        index=fmt_number(at_end["index"], lang, 3),
    )
    return NeedParts(demand_charts.demand_index_lines(need, lang), text, int(at_end["year"]))


@dataclass(frozen=True)
class Recruitment:
    rows: pd.DataFrame  # recruitment_history: per specialty and year, inflow, own finishers, recruited
    text: str  # the derivation in words, with the mean recruited per specialty


@cache.cached(keys=("exit_rate_pct", "training_years", "recruitment_window_years"))
def recruitment(snapshot: Snapshot) -> Recruitment:
    """Return the derivation of the recruitment default: per specialty and year, inflow, own finishers, recruited."""
    lang = snapshot.lang
    exit_rate, years = snapshot.scenario["exit_rate_pct"], int(snapshot.scenario["training_years"])
    hist = physicians.histories(snapshot.tables["physician_ftes"])
    rows = specialist_inflow.recruitment_history(hist, exit_rate, years)
    means = rows.groupby("specialty", sort=False)["recruited"].mean()
    summary = "; ".join(f"{specialty_name(s, lang).lower()} {fmt_number(v, lang, 1)}" for s, v in means.items())
    text = t(
        "recruitment_text",
        lang,
        exit=fmt_number(exit_rate, lang, 1),
        years=years,
        first=int(rows["year"].min()),
        last=int(rows["year"].max()),
        summary=summary,
        window=int(snapshot.scenario["recruitment_window_years"]),
    )
    return Recruitment(rows, text)


REC_NUMBERS = ("inflow", "own_finishers", "recruited")


def recruitment_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the recruitment's derivation for display: translated headers and specialty names, one decimal."""
    shown = rows[["specialty", "year", *REC_NUMBERS]].copy()
    shown["specialty"] = shown["specialty"].map(lambda s: specialty_name(s, lang))
    shown[list(REC_NUMBERS)] = shown[list(REC_NUMBERS)].round(1)
    names = {c: t(f"rec_col_{c}", lang) for c in REC_NUMBERS}
    return shown.rename(columns={**names, "specialty": t("col_specialty", lang), "year": t("year", lang)})


def section(snapshot: Snapshot) -> Section | None:
    """Return the physician gap for the board: per specialty the horizon's median and interval, and its parts."""
    # checked outside the cache: its key holds the data's version, not whether the data loaded
    return None if snapshot.data_error else board_section(snapshot)


@cache.cached(groups=VIEW_GROUPS, keys=VIEW_KEYS)
def board_section(snapshot: Snapshot) -> Section:
    """Return `section`'s Section for data that loaded."""
    lang = snapshot.lang
    view = compute(snapshot, None)
    plan, years, horizon, model = view.plan, view.years, view.horizon, view.model
    headlines = []
    for specialty in view.specialties:
        at = view.headline(specialty, horizon)
        earlier = ", ".join(
            f"{y}: {range_text(*view.headline(specialty, y)[['p50', 'p10', 'p90']], lang, model.decimals(specialty))}"
            for y in years
            if y != horizon
        )
        headlines.append(
            Headline(
                t("ov_phys_label", lang, specialty=specialty_name(specialty, lang), year=horizon),
                f"{range_text(at['p50'], at['p10'], at['p90'], lang, model.decimals(specialty))} {t('fte_unit', lang)}",
                t(
                    "ov_phys_sentence",
                    lang,
                    kind=t("ov_short" if at["p50"] > 0 else "ov_surplus", lang),
                    year=horizon,
                    parts=parts_text(model, specialty, horizon, lang),
                    earlier=earlier,
                    draws=fmt_number(model.draws, lang),
                ),
            )
        )
    long = overview_lines(plan, model, lang)
    colours = {t("supply", lang): PALETTE["green"], t("need", lang): PALETTE["vermillion"]}
    radiology = long[long["specialty"] == "radiology"]
    return Section(
        title=t("physicians_title", lang),
        headlines=headlines,
        chart=localized(
            overview_charts.overview_lines(long.drop(columns="specialty"), t("fte", lang), lang, colours=colours), lang
        ),
        pdf_chart=SmallChart(
            f"{t('page_physicians', lang)}: {specialty_name('radiology', lang)} ({t('pdf_band', lang)})",
            t("fte", lang),
            radiology[["year", "series", "value", "lower", "upper"]],
            colours=colours,
        ),
        tables={
            "physician_plan": plan.round(3),
            "gap_interval": model.export_interval(),
            "sensitivity": model_view.sensitivity_of(snapshot).round(3).reset_index(drop=True),
        },
        groups=GROUPS,
    )


def overview_lines(plan: pd.DataFrame, model: model_view.ModelView, lang: str) -> pd.DataFrame:
    """Return supply and need per specialty (panel) and year: the scenario's lines with the 80 % interval as band."""
    frames = []
    for kind in ("supply", "need"):
        band = model.band(kind).set_index(["specialty", "year"])
        own = plan[["specialty", "year", kind]].rename(columns={kind: "value"})
        keyed = own.set_index(["specialty", "year"])
        frames.append(
            own.assign(
                series=t(kind, lang),
                lower=band["p10"].reindex(keyed.index).to_numpy(),
                upper=band["p90"].reindex(keyed.index).to_numpy(),
            )
        )
    long = pd.concat(frames, ignore_index=True)
    long["panel"] = [specialty_name(s, lang) for s in long["specialty"]]
    return long[["specialty", "year", "series", "value", "lower", "upper", "panel"]]


@cache.cached(groups=MODEL_GROUPS, keys=MODEL_KEYS)
def fan(snapshot: Snapshot) -> pd.DataFrame:
    """Return the gap per specialty (panel) and year: one line of the overview's fan (no draws: presets too)."""
    plan, _ = model_view.scenario_plan(snapshot)
    return pd.DataFrame(
        {
            "panel": [specialty_name(s, snapshot.lang) for s in plan["specialty"]],
            "year": plan["year"],
            "value": plan["gap"],
        }
    )


@cache.cached(groups=MODEL_GROUPS, keys=MODEL_KEYS)
def fan_band(snapshot: Snapshot) -> pd.DataFrame:
    """Return the viewer's gap interval per specialty (panel) and year: the overview fan's band (p10-p90)."""
    return model_view.fan_band(snapshot, "gap")
