"""The board's overview: per topic its section and fan, and what must be decided by when.

`compute(snapshot, topics)` takes the topics' page records (`app.pages.TOPICS`) as an argument, so
this layer does not read the app's page records. The overview reads nearly every assumption (every
topic, the presets, the decisions), so it is cached whole on the whole scenario: a board member's
rerun of a scenario already seen draws it without building a section, a fan or a chart again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from imaging_plan.charts import overview as overview_charts
from imaging_plan.i18n import t
from imaging_plan.planning import scenario
from imaging_plan.planning.assumptions import ASSUMPTIONS
from imaging_plan.views import cache, decisions, reports
from imaging_plan.views.sections import Section
from imaging_plan.views.snapshot import Snapshot

FAN_PRESETS = ("baseline", "low", "high")
EVERY_GROUP = tuple(dict.fromkeys(a.group for a in ASSUMPTIONS.values()))


@dataclass(frozen=True)
class OverviewView:
    sections: list[Section]
    fans: list[tuple[Any, pd.DataFrame]]  # per topic with a section: (its page record, fan_lines' long table)
    decisions: list[decisions.Decision]
    lis: list[reports.Headline]  # the board's first figures: LiS FTEs in training each year, as a range
    legends: list[tuple[tuple, tuple]]  # per fan: its series and its panels in order (its chart spec's key)


def preset_snapshot(snapshot: Snapshot, name: str) -> Snapshot:
    """Return the snapshot for preset `name` at the viewer's horizon (so every line spans the same years)."""
    values = scenario.PRESETS[name].apply(snapshot.defaults)
    return snapshot.with_scenario({**values, "horizon": snapshot.scenario["horizon"]})


def fan(snapshot: Snapshot, topic) -> pd.DataFrame:
    """Return the topic's fan: its series under the three presets and the viewer's scenario.

    `topic` is a page record with an `overview` part (`app.pages.OverviewPart`).
    """
    part = topic.overview
    lines = {name: part.fan(preset_snapshot(snapshot, name)) for name in FAN_PRESETS}
    lines["yours"] = part.fan(snapshot)
    band = None if part.band is None else part.band(snapshot)
    names = {
        "baseline": scenario.PRESETS["baseline"].label(snapshot.lang),
        "low": scenario.PRESETS["low"].label(snapshot.lang),
        "high": scenario.PRESETS["high"].label(snapshot.lang),
        "yours": t("fan_yours", snapshot.lang),
    }
    return overview_charts.fan_lines(lines, names, band)


@cache.cached(groups=EVERY_GROUP, keys=tuple(scenario.CHOICES))
def compute(snapshot: Snapshot, topics: tuple) -> OverviewView:
    """Return every topic's section and fan, and the decisions with their lead times.

    `topics`: the page records of the forecast topics, in menu order (`app.pages.TOPICS`).
    """
    found = [(topic, topic.overview.section(snapshot)) for topic in topics]
    found = [(topic, section) for topic, section in found if section is not None]
    fans = [(topic, fan(snapshot, topic)) for topic, _ in found]
    return OverviewView(
        [s for _, s in found],
        fans,
        decisions.decisions(snapshot),
        [] if snapshot.data_error else decisions.lis_headlines(snapshot),
        [(tuple(dict.fromkeys(f["series"])), tuple(dict.fromkeys(f["panel"]))) for _, f in fans],
    )
