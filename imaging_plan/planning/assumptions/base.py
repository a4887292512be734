"""The Assumption record and its error: one typed definition per planning assumption."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

import pandas as pd


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
    tables: tuple[str, ...] = ()  # the input tables `derive` reads; without them it is skipped

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
                f"parameter '{self.key}': {value!r} is not a number ({self.unit}, {self.min} to {self.max})"
            ) from None
        if number != number:  # NaN
            raise AssumptionError(f"parameter '{self.key}': value is not a number")
        if self.is_int and number != int(number):
            raise AssumptionError(f"parameter '{self.key}': {value!r} must be a whole number")
        if not self.min <= number <= self.max:
            raise AssumptionError(
                f"parameter '{self.key}': {value!r} is outside the allowed range {self.min} to {self.max} {self.unit}"
            )
        return int(number) if self.is_int else number


FTE_PER_PERSON_SOURCE = (
    "Assumption: 1.0, one person per FTE, as no source for the region's average contract size "
    "per role was found. Set it below 1 where many work part-time (0.8: five people for four "
    "FTEs); hires and leavers in people = FTEs / this."
)
