"""All user-facing text, bokmål first, English second, and number formats for each.

Pages call `t(key, lang)`; nothing on screen is written anywhere else (the
assumption labels live with their definitions in `assumptions`). The text itself
lives in one catalogue per page or topic (`imaging_plan/text/`), merged here.
"""

from __future__ import annotations

import math

from imaging_plan.data import codes
from imaging_plan.text import (
    activity,
    build,
    common,
    data,
    equipment,
    inflow,
    overview,
    physicians,
    preparedness,
    quality,
    staffing,
)

# Code -> label on the switch. The URL holds the code (?lang=en); bokmål, the default, leaves it out.
LANGUAGES = {"nb": "Norsk", "en": "English"}
# Links made before the URL held the code carry the label (?lang=English): read as its code.
LANGUAGE_LABELS = {label: code for code, label in LANGUAGES.items()}


def language_code(value: str | None) -> str:
    """Return the language a link asks for ('nb' or 'en'): its code, an older link's label, else bokmål."""
    if value in LANGUAGES:
        return value
    return LANGUAGE_LABELS.get(value, "nb")


# The catalogues, one module per page or topic (imaging_plan/text/), merged into one table.
CATALOGUES = (common, overview, physicians, inflow, staffing, equipment, preparedness, quality, data, build, activity)


def merge_catalogues(catalogues: dict[str, dict[str, tuple[str, str]]]) -> dict[str, tuple[str, str]]:
    """Return one table from catalogues given by name, refusing a key two of them define.

    Pages look a key up without saying which catalogue holds it, so one defined twice would
    silently show whichever came last.
    """
    merged: dict[str, tuple[str, str]] = {}
    defined_in: dict[str, str] = {}
    for name, catalogue in catalogues.items():
        for key, pair in catalogue.items():
            if key in defined_in:
                raise ValueError(
                    f"text key {key!r} is defined in both {defined_in[key]} and {name}; "
                    "keep it in one catalogue (common.py when several pages show it)"
                )
            defined_in[key] = name
            merged[key] = pair
    return merged


TEXT: dict[str, tuple[str, str]] = merge_catalogues({module.__name__: module.TEXT for module in CATALOGUES})


def t(key: str, lang: str, **values) -> str:
    """Return the text `key` in `lang` ('nb' or 'en'), with `values` filled in."""
    nb, en = TEXT[key]
    return (en if lang == "en" else nb).format(**values)


def specialty_name(code: str, lang: str) -> str:
    nb, en = codes.SPECIALTIES[code]
    return en if lang == "en" else nb


def role_name(code: str, lang: str) -> str:
    nb, en = codes.STAFF_ROLES[code]
    return en if lang == "en" else nb


def modality_name(code: str, lang: str) -> str:
    """Return an equipment modality's name in `lang` ('MR' -> 'MRI' in English), from `codes`."""
    nb, en = codes.MODALITY_NAMES[code]
    return en if lang == "en" else nb


def fmt_number(value: float, lang: str, decimals: int = 0, signed: bool = False) -> str:
    """Return a number formatted the Norwegian way (1 234,5; minus sign) or the English way (1,234.5)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if round(value, decimals) == 0:
        value = 0.0  # no "−0" for a small negative rounded away
    text = f"{value:{'+' if signed else ''},.{decimals}f}"
    if lang == "nb":
        text = text.replace(",", "\u00a0").replace(".", ",").replace("-", "\u2212")
    return text
