"""Every planning assumption, defined once.

Each definition carries key, labels (bokmål and English), unit, default,
range, step and source. The same definition gives the notebooks their
parameter defaults and checks, the app its widgets (and URL keys), and the
range checks, so the three can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

import pandas as pd

from . import codes


class AssumptionError(ValueError):
    """A parameter value is of the wrong type or outside its range."""


@dataclass(frozen=True)
class Assumption:
    key: str
    label_nb: str
    label_en: str
    unit: str
    default: float | int | None  # None: derived from the data by `derive`
    min: float | int
    max: float | int
    step: float | int
    source: str
    group: str
    derive: Callable[[Mapping[str, pd.DataFrame]], float] | None = None

    @property
    def is_int(self) -> bool:
        return all(isinstance(v, int) for v in (self.min, self.max, self.step))

    def label(self, lang: str) -> str:
        return self.label_nb if lang == "nb" else self.label_en

    def check(self, value) -> float | int:
        """Return `value` as this assumption's type, or raise AssumptionError naming the rule."""
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise AssumptionError(
                f"parameter '{self.key}': {value!r} is not a number ({self.unit}, "
                f"{self.min} to {self.max})") from None
        if number != number:  # NaN
            raise AssumptionError(f"parameter '{self.key}': value is not a number")
        if self.is_int and number != int(number):
            raise AssumptionError(f"parameter '{self.key}': {value!r} must be a whole number")
        if not self.min <= number <= self.max:
            raise AssumptionError(
                f"parameter '{self.key}': {value!r} is outside the allowed range "
                f"{self.min} to {self.max} {self.unit}")
        return int(number) if self.is_int else number


def _compound_growth_pct(specialty: str) -> Callable[[Mapping[str, pd.DataFrame]], float]:
    def derive(tables: Mapping[str, pd.DataFrame]) -> float:
        ftes = tables["physician_ftes"]
        total = ftes[ftes["specialty"] == specialty].groupby("year")["fte"].sum()
        first, last = total.index.min(), total.index.max()
        if last <= first or total[first] <= 0:
            raise AssumptionError(
                f"demand growth for {specialty}: needs FTEs for at least two years to derive "
                "a default; set the parameter explicitly")
        return 100 * ((total[last] / total[first]) ** (1 / (last - first)) - 1)
    return derive


_DEMAND_SOURCE = (
    "Compound growth of the specialty's physician FTEs over the years in the data "
    "(2015-2025 in Tabell 6: radiology 445 to 654, nuclear medicine 26 to 35). The plan: "
    "'Uten korrigerende tiltak vil etterspørselen etter bildediagnostikk sannsynligvis øke "
    "i samme takt som foregående tiår' (without corrective action demand will grow at the "
    "pace of the previous decade). Rounded to the slider step of 0.1 percentage point.")

ASSUMPTIONS: dict[str, Assumption] = {a.key: a for a in [
    Assumption(
        key="horizon", label_nb="Planhorisont (år)", label_en="Planning horizon (year)",
        unit="year", default=2040, min=2026, max=2050, step=1, group="general",
        source="Helse Sør-Øst's regional development plan runs to 2040 (Regional "
               "utviklingsplan 2040)."),
    Assumption(
        key="demand_growth_radiology_pct",
        label_nb="Behovsvekst radiologi (%/år)", label_en="Demand growth, radiology (%/year)",
        unit="%/year", default=None, min=0.0, max=10.0, step=0.1, group="physicians",
        source=_DEMAND_SOURCE, derive=_compound_growth_pct("radiology")),
    Assumption(
        key="demand_growth_nuclear_medicine_pct",
        label_nb="Behovsvekst nukleærmedisin (%/år)",
        label_en="Demand growth, nuclear medicine (%/year)",
        unit="%/year", default=None, min=0.0, max=10.0, step=0.1, group="physicians",
        source=_DEMAND_SOURCE, derive=_compound_growth_pct("nuclear_medicine")),
    Assumption(
        key="ai_gain_pct",
        label_nb="Produktivitetsgevinst av KI ved horisont (%)",
        label_en="AI productivity gain by the horizon (%)",
        unit="%", default=0.0, min=0.0, max=30.0, step=1.0, group="physicians",
        source="Assumption: 0 % by default because the plan warns against planning fewer "
               "radiologists on vague assumptions about AI ('man må ikke planlegge med færre "
               "radiologer basert på vage antagelser'); phased in linearly from the base year "
               "to the horizon. Up to 30 % to test the hope."),
    Assumption(
        key="exit_rate_pct",
        label_nb="Avgang spesialister (%/år)", label_en="Specialist exit rate (%/year)",
        unit="%/year", default=3.3, min=0.0, max=10.0, step=0.1, group="physicians",
        source="Assumption: about a 30-year specialist career (1/30 = 3.3 % a year leave "
               "through retirement or otherwise); the plan gives no exit figures."),
    Assumption(
        key="training_years",
        label_nb="Utdanningstid LiS (år)", label_en="Specialist training time (years)",
        unit="years", default=5, min=3, max=8, step=1, group="physicians",
        source="LiS parts 2 and 3 take at least five years (specialist training regulations, "
               "spesialistforskriften); residents in Tabell 6 are LiS 2-3."),
    Assumption(
        key="resident_growth_pct",
        label_nb="Vekst i LiS-stillinger (%/år)", label_en="Growth of resident posts (%/year)",
        unit="%/year", default=0.0, min=-5.0, max=10.0, step=0.5, group="physicians",
        source="Assumption: posts stay at today's number unless the region decides otherwise."),
]}


def in_group(*groups: str) -> list[Assumption]:
    """Return the assumptions of the given groups, in definition order."""
    return [a for a in ASSUMPTIONS.values() if a.group in groups]


def defaults(tables: Mapping[str, pd.DataFrame]) -> dict[str, float | int]:
    """Return every assumption's default; data-derived ones come from `tables`."""
    out = {}
    for a in ASSUMPTIONS.values():
        if a.derive is None:
            out[a.key] = a.default
        else:
            value = round(a.derive(tables) / a.step) * a.step
            out[a.key] = round(min(max(value, a.min), a.max), 6)
    return out


def resolve(values: Mapping[str, object], tables: Mapping[str, pd.DataFrame]) -> dict[str, float | int]:
    """Return a complete, checked scenario: defaults overlaid with `values` (None = default).

    Unknown keys and out-of-range values raise AssumptionError naming the parameter.
    """
    unknown = sorted(set(values) - set(ASSUMPTIONS))
    if unknown:
        raise AssumptionError(f"unknown parameter(s): {', '.join(unknown)}; known: "
                              f"{', '.join(ASSUMPTIONS)}")
    scenario = defaults(tables)
    for key, value in values.items():
        if value is not None:
            scenario[key] = ASSUMPTIONS[key].check(value)
    return scenario


def demand_growth_by_specialty(scenario: Mapping[str, float]) -> dict[str, float]:
    """Return {specialty: demand growth in %/year} from a scenario."""
    return {s: scenario[f"demand_growth_{s}_pct"] for s in codes.SPECIALTIES}


def sources_table(lang: str = "nb") -> pd.DataFrame:
    """Return the assumptions with unit, default, range and source, for display and export."""
    return pd.DataFrame([
        {"key": a.key, "label": a.label(lang), "unit": a.unit,
         "default": "from data" if a.default is None else a.default,
         "min": a.min, "max": a.max, "source": a.source}
        for a in ASSUMPTIONS.values()
    ])
