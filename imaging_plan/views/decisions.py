"""What the board must decide by when: one plain sentence each, with its number and its lead time.

Draws nothing: reads the same cached plans as the pages (the one physician model, the staffing and
equipment pages' computes).

Lead times:
- resident (LiS) posts: the training years, so posts needed at the horizon must be
  filled by the horizon minus those years; the number is the LiS FTEs the region must
  have in training each year from the base year to then, as the median and 80 % interval
  of the one model's draws (`uncertainty.lis_decision`, whose draws hold the scenario's
  training years and one more, so the deadline is a range too);
- radiographers: RADIOGRAPHER_EDUCATION_YEARS, the Norwegian bachelor in
  radiography (180 ECTS, three years; Forskrift om nasjonal retningslinje for
  radiografutdanning);
- imaging equipment: EQUIPMENT_ORDER_YEARS, one to two years from the decision
  to order to a machine in use (public tender, delivery, room works). Assumption,
  as the board's brief states it; no Norwegian source with a figure found.
"""

from __future__ import annotations

from dataclasses import dataclass

import math

from imaging_plan.i18n import fmt_number, specialty_name, t
from imaging_plan.views import equipment as equipment_view
from imaging_plan.views import model as model_view
from imaging_plan.views import staffing as staffing_view
from imaging_plan.views.reports import Headline
from imaging_plan.views.snapshot import Snapshot

RADIOGRAPHER_EDUCATION_YEARS = 3
EQUIPMENT_ORDER_YEARS = (1, 2)


@dataclass(frozen=True)
class Decision:
    topic: str  # "residents", "radiographers", "equipment"
    by_year: int  # the year the decision must be taken (or the posts filled) by
    number: float  # the number the sentence is about
    sentence: str


def _deadline(decision: dict) -> str:
    first, last = decision["deadline_first"], decision["deadline_last"]
    return str(first) if first == last else f"{first}–{last}"


def _late(decision: dict) -> bool:
    return decision["deadline_first"] <= decision["base"] or math.isnan(decision["p50"])


def resident_posts(snapshot: Snapshot) -> list[Decision]:
    """Return, per specialty, the LiS FTEs needed in training each year and the year the posts must exist by.

    The number is the median of the draws; the sentence gives the 80 % interval, today's LiS
    FTEs and the deadline's range (the horizon minus the training years drawn).
    """
    lang, horizon = snapshot.lang, int(snapshot.scenario["horizon"])
    training = int(snapshot.scenario["training_years"])
    model = model_view.model_of(snapshot)
    out = []
    for specialty, decision in model.decisions.items():
        name = specialty_name(specialty, lang)
        if _late(decision):
            deadline = horizon - training
            text = t("dec_residents_late", lang, specialty=name, horizon=horizon, deadline=deadline, years=training)
            out.append(Decision("residents", deadline, float("nan"), text))
            continue
        text = t(
            "dec_residents",
            lang,
            specialty=name,
            horizon=horizon,
            deadline=_deadline(decision),
            base=decision["base"],
            value=model_view.range_text(
                decision["p50"], decision["p10"], decision["p90"], lang, model.decimals(specialty)
            ),
            today=fmt_number(decision["today"], lang),
        )
        out.append(Decision("residents", int(decision["deadline_first"]), float(decision["p50"]), text))
    return out


def lis_headlines(snapshot: Snapshot) -> list[Headline]:
    """Return the board's first figures: per specialty the LiS FTEs to have in training each year, as a range."""
    lang, horizon = snapshot.lang, int(snapshot.scenario["horizon"])
    model = model_view.model_of(snapshot)
    out = []
    for specialty, decision in model.decisions.items():
        name = specialty_name(specialty, lang)
        if _late(decision):
            value = t("already_late", lang)
        else:
            value = model_view.range_text(
                decision["p50"], decision["p10"], decision["p90"], lang, model.decimals(specialty)
            )
        out.append(
            Headline(
                t("dec_lis_label", lang, specialty=name, base=decision["base"]),
                value,
                t(
                    "dec_lis_sentence",
                    lang,
                    today=fmt_number(decision["today"], lang),
                    deadline=_deadline(decision),
                    horizon=horizon,
                    draws=fmt_number(model.draws, lang),
                ),
            )
        )
    return out


def radiographer_places(snapshot: Snapshot) -> Decision:
    """Return the radiographer hires needed a year once new education places can deliver, and when they must start."""
    totals = staffing_view.compute(snapshot).totals
    own = totals[totals["role"] == "radiographer"]
    first = int(own["year"].min())
    start, horizon = first + RADIOGRAPHER_EDUCATION_YEARS, int(own["year"].max())
    later = own[own["year"] >= start]
    per_year = float(later["hires_needed"].mean()) if len(later) else float("nan")
    text = t(
        "dec_radiographers",
        snapshot.lang,
        n=fmt_number(per_year, snapshot.lang),
        start=start,
        horizon=horizon,
        first=first,
        years=RADIOGRAPHER_EDUCATION_YEARS,
    )
    return Decision("radiographers", first, per_year, text)


def equipment_orders(snapshot: Snapshot) -> Decision:
    """Return the units (and MNOK) falling due one to two years after the plan's first year, to be ordered now."""
    view = equipment_view.compute(snapshot)
    first = view.first
    years = (first + EQUIPMENT_ORDER_YEARS[0], first + EQUIPMENT_ORDER_YEARS[1])
    schedule = view.schedule.schedule
    own = schedule[schedule["year"].between(*years)]
    units, mnok = float(own["units"].sum()), float(own["cost_mnok"].sum())
    text = t(
        "dec_equipment",
        snapshot.lang,
        units=fmt_number(units, snapshot.lang),
        mnok=fmt_number(mnok, snapshot.lang),
        first=years[0],
        last=years[1],
        order=first,
    )
    return Decision("equipment", first, units, text)


def decisions(snapshot: Snapshot) -> list[Decision]:
    """Return every decision with its lead time, in the order the overview lists them."""
    return [*resident_posts(snapshot), radiographer_places(snapshot), equipment_orders(snapshot)]
