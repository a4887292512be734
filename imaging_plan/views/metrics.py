"""A headline figure as a page shows it (label, value, delta), built without Streamlit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    """One figure of a page's headline row, its texts already in the user's language and number format."""

    label: str
    value: str
    delta: str | None = None
    help: str | None = None
