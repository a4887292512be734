"""Specialist inflow: how many new specialists the region needs, is on course to get, and can train.

Per specialty and year, from the year after the base year to the horizon:

- **required inflow**: the specialists the region must take in for its
  specialist FTEs to follow the need: growth of the specialist need plus the
  exits from it, need(t) - need(t-1) + exit rate x need(t-1). With no growth
  and no exits it is zero.
- **planned inflow**: new specialists a year in the physician plan
  (`physicians.physician_plan`: own finishers + recruited from outside), the
  same figure the Physicians page and the Overview show.
- **forecast inflow (trend)**: where the region's own intake is heading. The
  inflow is derived from Tabell 6 (growth of specialist FTEs plus exits at the
  exit rate); Prophet (in the notebook) fits its two parts, and
  `forecast_inflow` adds them at the scenario's exit rate.
- **approvals-based supply**: national specialist approvals a year (the
  user's series, else the planner's range) times the region's share.

Shortfall = required - supply (positive: too few new specialists), per year and
cumulated to the horizon. The resident pipeline turns the required inflow
into resident (LiS) posts: a year's finishers are residents / training years
(as in `physicians.supply_projection`), so to have enough finishing in year
y + T the region needs T x required(y + T) residents in year y.

Specialists are consultants, specialists and acting consultants (the FTEs in
specialist posts); rates are in percent, as the planner sets them. Pure
DataFrame functions: the app calls them on every slider move.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from imaging_plan.planning.physicians import resident_posts

INFLOW_COLUMNS = ["specialty", "year", "specialists", "growth", "exits", "inflow"]
RECRUITMENT_COLUMNS = [*INFLOW_COLUMNS, "own_finishers", "recruited"]
TREND_COLUMNS = ["specialty", "year", "trend", "trend_lower", "trend_upper"]
PLAN_COLUMNS = [
    "specialty",
    "year",
    "specialist_need",
    "required",
    "trend",
    "trend_lower",
    "trend_upper",
    "planned",
    "national_approvals",
    "supply",
    "supply_lower",
    "supply_upper",
    "supply_basis",
    "shortfall_planned",
    "shortfall_trend",
    "shortfall_supply",
    "cum_shortfall_planned",
    "cum_shortfall_trend",
    "cum_shortfall_supply",
]
PIPELINE_COLUMNS = ["specialty", "year", "residents_planned", "residents_needed", "posts_gap"]


def _specialists_by_year(history: pd.DataFrame) -> pd.Series:
    """Return specialist FTEs per year over the whole span; a year missing from the data stays NaN."""
    s = history["specialists"]
    return s.reindex(range(int(s.index.min()), int(s.index.max()) + 1))


def derived_inflow(hist: Mapping[str, pd.DataFrame], exit_rate_pct: float) -> pd.DataFrame:
    """Return the region's new specialists per year as derived from the FTE history.

    inflow(t) = S(t) - S(t-1) + exit rate x S(t-1), S = specialist FTEs. Every
    year after the first is kept, negative ones too: a negative inflow means
    specialist FTEs fell by more than the estimated exits. A year whose
    previous year is missing from the data gets no value rather than a guess.
    """
    frames = []
    for specialty, history in hist.items():
        s = _specialists_by_year(history).to_numpy()
        before = np.concatenate([[np.nan], s[:-1]])
        growth, exits = s - before, before * exit_rate_pct / 100
        years = np.arange(len(s)) + int(history.index.min())
        keep = ~np.isnan(growth)
        frames.append(
            pd.DataFrame(
                {
                    "specialty": specialty,
                    "year": years[keep],
                    "specialists": s[keep],
                    "growth": growth[keep],
                    "exits": exits[keep],
                    "inflow": (growth + exits)[keep],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)[INFLOW_COLUMNS]


def recruitment_history(hist: Mapping[str, pd.DataFrame], exit_rate_pct: float, training_years: int) -> pd.DataFrame:
    """Return, per specialty and year, the derived inflow split into own finishers and recruitment.

    own finishers(t) = residents(t - training years) / training years, as the
    supply model counts them (`physicians.supply_projection`; years before the
    data take the first known residents, as there). recruited(t) = inflow(t) -
    own finishers(t): specialists who came from other regions or abroad, or
    fewer leavers than the exit rate says. The same derivation serves the
    default of the recruitment slider and the page that shows it.
    """
    derived = derived_inflow(hist, exit_rate_pct)
    frames = []
    for specialty, history in hist.items():
        own = derived[derived["specialty"] == specialty].reset_index(drop=True)
        cohorts = resident_posts(history["residents"], own["year"].to_numpy() - training_years, 0.0)
        own["own_finishers"] = cohorts.to_numpy() / training_years
        own["recruited"] = own["inflow"] - own["own_finishers"]
        frames.append(own)
    return pd.concat(frames, ignore_index=True)[RECRUITMENT_COLUMNS]


def inflow_parts(hist: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Return the two yearly series the inflow is made of, long: specialty, part, year, value.

    'growth' is S(t) - S(t-1); 'specialists' is S(t). The inflow at any exit
    rate is growth(t) + rate x specialists(t-1), so one Prophet fit of each
    part serves every position of the exit-rate slider.
    """
    derived = derived_inflow(hist, 0.0)
    frames = []
    for specialty, history in hist.items():
        s = history["specialists"]
        frames.append(
            pd.DataFrame(
                {"specialty": specialty, "part": "specialists", "year": s.index.astype(int), "value": s.to_numpy()}
            )
        )
        own = derived[derived["specialty"] == specialty]
        frames.append(
            pd.DataFrame(
                {
                    "specialty": specialty,
                    "part": "growth",
                    "year": own["year"].to_numpy(),
                    "value": own["growth"].to_numpy(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def forecast_inflow(parts_trend: pd.DataFrame | None, exit_rate_pct: float) -> pd.DataFrame:
    """Return the inflow trend: growth trend(t) + exit rate x specialist trend(t-1), with its band.

    The band adds the parts' bands as if they moved together, so it is, if
    anything, wider than the inflow's own interval. Empty when no trend is stored.
    """
    if parts_trend is None or parts_trend.empty:
        return pd.DataFrame(
            {
                "specialty": pd.Series(dtype=str),
                "year": pd.Series(dtype=int),
                **{c: pd.Series(dtype=float) for c in TREND_COLUMNS[2:]},
            }
        )
    growth = parts_trend[parts_trend["part"] == "growth"]
    stock = parts_trend[parts_trend["part"] == "specialists"].assign(year=lambda f: f["year"] + 1)
    both = growth.merge(stock, on=["specialty", "year"], suffixes=("", "_stock"))
    rate = exit_rate_pct / 100
    out = both[["specialty", "year"]].copy()
    for column in ("trend", "trend_lower", "trend_upper"):
        out[column] = both[column] + rate * both[f"{column}_stock"]
    out["year"] = out["year"].astype(int)
    return out[TREND_COLUMNS].reset_index(drop=True)


def specialist_share(history: pd.DataFrame) -> float:
    """Return the base year's specialist FTEs as a share of all the specialty's physician FTEs.

    The physician need covers residents and specialists together; the plan
    sets no target mix, and notes the ratio of consultants to residents
    differs widely between hospitals, so today's mix is held constant.
    """
    base = history.loc[history.index.max()]
    total = float(base.sum())
    return float(base["specialists"]) / total if total > 0 else 0.0


def required_inflow(
    hist: Mapping[str, pd.DataFrame], need: pd.DataFrame, scenario: Mapping[str, float]
) -> pd.DataFrame:
    """Return the specialist need and the required inflow per specialty, base year + 1 to the horizon.

    Specialist need = the physician need (`physicians.physician_need`: base
    FTEs x the demand index) x the base year's specialist share.
    required(t) = need(t) - need(t-1) + exit rate x need(t-1).
    """
    rate = scenario["exit_rate_pct"] / 100
    frames = []
    for specialty, history in hist.items():
        need_of = need[need["specialty"] == specialty].sort_values("year")
        specialist_need = need_of["need"].to_numpy() * specialist_share(history)
        before = specialist_need[:-1]
        frames.append(
            pd.DataFrame(
                {
                    "specialty": specialty,
                    "year": need_of["year"].to_numpy()[1:].astype(int),
                    "specialist_need": specialist_need[1:],
                    "required": specialist_need[1:] - before + rate * before,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def approvals_supply(
    scenario: Mapping[str, float], years: pd.DataFrame, national_trend: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return national approvals a year and the region's share of them, for each (specialty, year) in `years`.

    Where the notebook stored a trend of the user's national series for a
    specialty, that trend and its interval are used ('file'); otherwise the
    planner's assumption: `approvals_<specialty>` a year, with a band of
    +/- `approvals_<specialty>_spread` where the registry has one ('range').
    """
    share = scenario["region_share_pct"] / 100
    fitted = set() if national_trend is None or national_trend.empty else set(national_trend["specialty"])
    frames = []
    for specialty, rows in years.groupby("specialty", sort=False):
        year = rows["year"].to_numpy()
        if specialty in fitted:
            trend = national_trend[national_trend["specialty"] == specialty].set_index("year")
            national = trend["trend"].reindex(year).to_numpy()
            lower = trend["trend_lower"].reindex(year).to_numpy()
            upper = trend["trend_upper"].reindex(year).to_numpy()
            basis = "file"
        else:
            central = float(scenario[f"approvals_{specialty}"])
            spread = float(scenario.get(f"approvals_{specialty}_spread", 0.0))
            national = np.full(len(year), central)
            lower, upper = np.full(len(year), max(central - spread, 0.0)), national + spread
            basis = "range"
        frames.append(
            pd.DataFrame(
                {
                    "specialty": specialty,
                    "year": year,
                    "national_approvals": national,
                    "supply": national * share,
                    "supply_lower": lower * share,
                    "supply_upper": upper * share,
                    "supply_basis": basis,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def inflow_plan(
    hist: Mapping[str, pd.DataFrame],
    need: pd.DataFrame,
    scenario: Mapping[str, float],
    parts_trend: pd.DataFrame | None = None,
    national_trend: pd.DataFrame | None = None,
    physician_plan: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return required inflow, planned inflow, trend, approvals-based supply and shortfalls per specialty and year.

    Years run from the base year + 1 to the horizon. Without a stored trend
    the trend columns and the shortfall against it are missing (NaN), the rest
    is complete. Shortfalls are required minus the line (positive: too few).
    `need` is the physician need of `physicians.physician_need`; `physician_plan`
    (`physicians.physician_plan`) gives the planned new specialists (own finishers
    + recruited), missing without it.
    """
    plan = required_inflow(hist, need, scenario)
    trend = forecast_inflow(parts_trend, scenario["exit_rate_pct"])
    plan = plan.merge(trend, on=["specialty", "year"], how="left")
    if physician_plan is not None:
        planned = physician_plan[["specialty", "year", "new_specialists"]].rename(
            columns={"new_specialists": "planned"}
        )
        plan = plan.merge(planned, on=["specialty", "year"], how="left")
    else:
        plan["planned"] = np.nan
    supply = approvals_supply(scenario, plan[["specialty", "year"]], national_trend)
    plan = pd.concat([plan, supply.drop(columns=["specialty", "year"])], axis=1)  # same rows, same order
    plan["shortfall_planned"] = plan["required"] - plan["planned"]
    plan["shortfall_trend"] = plan["required"] - plan["trend"]
    plan["shortfall_supply"] = plan["required"] - plan["supply"]
    by = plan.groupby("specialty", sort=False)
    # A missing trend year leaves the running total missing from then on, never silently zero.
    plan["cum_shortfall_planned"] = by["shortfall_planned"].cumsum(skipna=False)
    plan["cum_shortfall_trend"] = by["shortfall_trend"].cumsum(skipna=False)
    plan["cum_shortfall_supply"] = by["shortfall_supply"].cumsum(skipna=False)
    return plan[PLAN_COLUMNS]


def resident_pipeline(
    hist: Mapping[str, pd.DataFrame],
    plan: pd.DataFrame,
    scenario: Mapping[str, float],
    physician_plan: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return resident FTEs planned and needed per specialty and year, base year to horizon.

    needed(y) = training years x required(y + training years): the residents in
    post in year y finish, one cohort of residents / training years a year,
    in y + training years. Missing where y + training years is past the horizon.
    With the `physician_plan`, its `residents_needed` is used instead: the same, less
    what recruitment from outside brings (the one figure every page shows).
    Planned posts are today's LiS FTEs grown at the resident-post growth
    (`physicians.resident_posts`). posts_gap = needed - planned.
    """
    horizon, training = int(scenario["horizon"]), int(scenario["training_years"])
    frames = []
    for specialty, history in hist.items():
        base = int(history.index.max())
        years = np.arange(base, horizon + 1)
        planned = resident_posts(history["residents"], years, scenario["resident_growth_pct"]).to_numpy()
        if physician_plan is not None:
            own = physician_plan[physician_plan["specialty"] == specialty].set_index("year")
            needed = own["residents_needed"].reindex(years).to_numpy()
        else:
            required = plan[plan["specialty"] == specialty].set_index("year")["required"]
            needed = training * required.reindex(years + training).to_numpy()
        frames.append(
            pd.DataFrame(
                {
                    "specialty": specialty,
                    "year": years,
                    "residents_planned": planned,
                    "residents_needed": needed,
                    "posts_gap": needed - planned,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)[PIPELINE_COLUMNS]


def posts_deadline(base: int, horizon: int, training_years: int) -> tuple[int, bool]:
    """Return the year by which resident posts must exist to close the gap at the horizon, and whether that is too late.

    Residents in post in year y finish in y + training years, so posts for the
    horizon must exist by horizon - training years. The plan starts from the
    data's base year: a deadline in or before it has passed.
    """
    year = horizon - training_years
    return year, year <= base


def summary(plan: pd.DataFrame, pipeline: pd.DataFrame, scenario: Mapping[str, float]) -> pd.DataFrame:
    """Return the headline figures per specialty (index: specialty).

    Yearly averages over the plan years of required inflow, trend and
    approvals-based supply; shortfalls cumulated to the horizon; residents
    today (base year) and needed now; and at the deadline year the residents
    needed, the gap to the planned posts and whether the deadline has passed.
    """
    horizon, training = int(scenario["horizon"]), int(scenario["training_years"])
    rows = []
    for specialty, own in plan.groupby("specialty", sort=False):
        pipe = pipeline[pipeline["specialty"] == specialty].set_index("year")
        base = int(pipe.index.min())
        deadline, late = posts_deadline(base, horizon, training)
        at_deadline = pipe.loc[deadline] if deadline in pipe.index else None
        rows.append(
            {
                "specialty": specialty,
                "required_per_year": own["required"].mean(),
                "planned_per_year": own["planned"].mean(skipna=False),
                "trend_per_year": own["trend"].mean(skipna=False),
                "supply_per_year": own["supply"].mean(),
                "cum_shortfall_planned": own["cum_shortfall_planned"].iloc[-1],
                "cum_shortfall_trend": own["cum_shortfall_trend"].iloc[-1],
                "cum_shortfall_supply": own["cum_shortfall_supply"].iloc[-1],
                "residents_today": pipe.loc[base, "residents_planned"],
                "residents_needed_now": pipe.loc[base, "residents_needed"],
                "deadline_year": deadline,
                "late": late,
                "residents_needed_at_deadline": np.nan if at_deadline is None else at_deadline["residents_needed"],
                "posts_gap_at_deadline": np.nan if at_deadline is None else at_deadline["posts_gap"],
            }
        )
    return pd.DataFrame(rows).set_index("specialty")


def approvals_from_region(
    hist: Mapping[str, pd.DataFrame], specialty: str, exit_rate_pct: float, region_share_pct: float
) -> float:
    """Return the national approvals a year implied by the region's own average derived inflow.

    mean inflow / region share: if the region takes its share of the nation's
    new specialists, that is what the nation must have approved. The reasoning
    behind the nuclear-medicine default, for which the plan gives no number.
    """
    inflow = derived_inflow({specialty: hist[specialty]}, exit_rate_pct)
    return float(inflow["inflow"].mean()) / (region_share_pct / 100)
