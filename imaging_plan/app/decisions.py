"""What the board must decide by when: one plain sentence each, with its number and its lead time.

Draws nothing: reads the same computed plans as the pages (through their computes and the app cache).

Lead times:
- resident (LiS) posts: the scenario's training years (`training_years`), so posts
  needed at the horizon must be filled by the horizon minus those years
  (`specialist_inflow.posts_deadline`);
- radiographers: RADIOGRAPHER_EDUCATION_YEARS, the Norwegian bachelor in
  radiography (180 ECTS, three years; Forskrift om nasjonal retningslinje for
  radiografutdanning);
- imaging equipment: EQUIPMENT_ORDER_YEARS, one to two years from the decision
  to order to a machine in use (public tender, delivery, room works). Assumption,
  as the board's brief states it; no Norwegian source with a figure found.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import fmt_number, specialty_name, t
from . import equipment_page, inflow_page, staffing_page, state

RADIOGRAPHER_EDUCATION_YEARS = 3
EQUIPMENT_ORDER_YEARS = (1, 2)


@dataclass(frozen=True)
class Decision:
    topic: str  # "residents", "radiographers", "equipment"
    by_year: int  # the year the decision must be taken (or the posts filled) by
    number: float  # the number the sentence is about
    sentence: str


def resident_posts(snapshot: state.Snapshot) -> list[Decision]:
    """Return, per specialty, the resident posts needed at the horizon and the year they must be filled by."""
    lang, horizon = snapshot.lang, int(snapshot.scenario["horizon"])
    training = int(snapshot.scenario["training_years"])
    figures = state.computed(inflow_page.compute, snapshot).figures
    out = []
    for specialty, row in figures.iterrows():
        deadline, name = int(row["deadline_year"]), specialty_name(specialty, lang)
        if row["late"]:
            text = t("dec_residents_late", lang, specialty=name, horizon=horizon, deadline=deadline, years=training)
            out.append(Decision("residents", deadline, float("nan"), text))
            continue
        needed, gap = row["residents_needed_at_deadline"], row["posts_gap_at_deadline"]
        text = t(
            "dec_residents",
            lang,
            specialty=name,
            horizon=horizon,
            deadline=deadline,
            years=training,
            needed=fmt_number(needed, lang),
            more=fmt_number(abs(gap), lang),
            than=t("dec_more" if gap >= 0 else "dec_fewer", lang),
        )
        out.append(Decision("residents", deadline, float(needed), text))
    return out


def radiographer_places(snapshot: state.Snapshot) -> Decision:
    """Return the radiographer hires needed a year once new education places can deliver, and when they must start."""
    totals = state.computed(staffing_page.compute, snapshot).totals
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


def equipment_orders(snapshot: state.Snapshot) -> Decision:
    """Return the units (and MNOK) falling due one to two years after the plan's first year, to be ordered now."""
    view = equipment_page.compute(snapshot)
    first = view.first
    years = (first + EQUIPMENT_ORDER_YEARS[0], first + EQUIPMENT_ORDER_YEARS[1])
    schedule = view.schedule["schedule"]
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


def decisions(snapshot: state.Snapshot) -> list[Decision]:
    """Return every decision with its lead time, in the order the overview lists them."""
    return [*resident_posts(snapshot), radiographer_places(snapshot), equipment_orders(snapshot)]
