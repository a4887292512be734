"""A scenario is one value per assumption; here it travels as a URL, a YAML file and papermill parameters.

The URL is lenient (a board member's link must always open: a bad value falls
back to its default and is reported quietly); a YAML file is strict (an
analyst's file with an unknown key or a bad value is refused whole, naming
them, and nothing of it is applied).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping
from urllib.parse import urlencode

import yaml

from imaging_plan.planning.assumptions import ASSUMPTIONS, AssumptionError
from imaging_plan.data.codes import EQUIPMENT_MODALITIES, POPULATION_SCENARIOS, SUPPLIES, TRUSTS
from imaging_plan.planning.workload import DEFAULT_NEED_METHOD, NEED_METHODS

# Non-assumption URL keys the app owns: the language, the staffing page's choices, the model
# quality page's series, the mark of uploaded data, and each chart's forecast method
# (method_<chart>, e.g. method_radiology).
APP_KEYS = ("lang", "preset", "staff_trusts", "staff_roles", "series", "data")
APP_KEY_PREFIXES = ("method_",)


def is_app_key(key: str) -> bool:
    """Return whether a URL key belongs to the app (not an assumption, not unknown)."""
    return key in APP_KEYS or key.startswith(APP_KEY_PREFIXES)


# Scenario choices that are not numbers: key -> (allowed values, default). They travel with the
# assumptions in the URL, YAML files and presets.
CHOICES = {
    "population_scenario": (tuple(POPULATION_SCENARIOS), "MMMM"),
    # How the physicians' need is made: the population-and-use index, or the exams' workload.
    "need_method": (NEED_METHODS, DEFAULT_NEED_METHOD),
    # The preparedness page's stress tests (defaults: the example events of assumptions.PREPAREDNESS).
    "prep_surge_modality": (("ALL", *EQUIPMENT_MODALITIES), "ALL"),
    "prep_units_trust": (tuple(TRUSTS), "OUS"),
    "prep_units_modality": (EQUIPMENT_MODALITIES, "MR"),
    "prep_supply": (tuple(SUPPLIES), "FDG"),
}
# The text key of each choice's help (its source).
CHOICE_HELP = {
    "population_scenario": "population_scenario_help",
    "need_method": "need_method_help",
    "prep_surge_modality": "prep_surge_modality_help",
    "prep_units_trust": "prep_units_trust_help",
    "prep_units_modality": "prep_units_modality_help",
    "prep_supply": "prep_supply_help",
}
# The assumption group whose sliders each choice is drawn with.
CHOICE_GROUPS = {
    "population_scenario": "physicians",
    "need_method": "workload",
    "prep_surge_modality": "preparedness",
    "prep_units_trust": "preparedness",
    "prep_units_modality": "preparedness",
    "prep_supply": "preparedness",
}


def _check_choice(key: str, raw) -> str:
    allowed, _ = CHOICES[key]
    if str(raw) not in allowed:
        raise AssumptionError(f"'{key}': {raw!r} is not one of {', '.join(allowed)}")
    return str(raw)


class ScenarioError(ValueError):
    """A scenario file breaks the rules; nothing of it was applied."""


@dataclass
class ParsedQuery:
    """The scenario read from a URL, and what was ignored on the way."""

    values: dict
    ignored: list[str] = field(default_factory=list)


def format_value(key: str, value) -> str:
    """Return a value as written in a URL or YAML: whole numbers without decimals."""
    a = ASSUMPTIONS[key]
    if a.is_int:
        return str(int(value))
    return f"{float(value):g}"


def from_query(query: Mapping[str, str | list[str]], defaults: Mapping[str, float]) -> ParsedQuery:
    """Return the scenario in a URL's query: defaults overlaid with every valid assumption value.

    Unknown keys, repeated keys and bad values are skipped (their default
    stays) and listed in `ignored` with the reason.
    """
    values, ignored = dict(defaults), []
    for key, raw in query.items():
        if is_app_key(key):
            continue
        if key in CHOICES:
            try:
                values[key] = _check_choice(key, raw[0] if isinstance(raw, (list, tuple)) else raw)
            except AssumptionError as err:
                ignored.append(str(err))
            continue
        if key not in ASSUMPTIONS:
            ignored.append(f"{key}: unknown parameter")
            continue
        if isinstance(raw, (list, tuple)):
            if len(set(raw)) > 1:
                ignored.append(f"{key}: given {len(raw)} times ({', '.join(map(str, raw))})")
                continue
            raw = raw[0]
        try:
            values[key] = ASSUMPTIONS[key].check(raw)
        except AssumptionError as err:
            ignored.append(str(err).removeprefix("parameter "))
    return ParsedQuery(values, ignored)


def to_query(scenario: Mapping[str, float], defaults: Mapping[str, float]) -> dict[str, str]:
    """Return the URL query of a scenario: only the values that differ from the defaults (as Streamlit does)."""
    query = {
        key: format_value(key, scenario[key])
        for key in ASSUMPTIONS
        if key in scenario and scenario[key] != defaults.get(key)
    }
    query.update(
        {
            key: str(scenario[key])
            for key, (_, default) in CHOICES.items()
            if key in scenario and scenario[key] != defaults.get(key, default)
        }
    )
    return query


def share_link(
    base_url: str, scenario: Mapping[str, float], defaults: Mapping[str, float], extra: Mapping[str, str] | None = None
) -> str:
    """Return the full link that opens the app on this scenario."""
    query = {**to_query(scenario, defaults), **(extra or {})}
    return base_url.rstrip("/") + ("/?" + urlencode(query) if query else "/")


def to_yaml(scenario: Mapping[str, float], name: str = "scenario") -> str:
    """Return the scenario as a YAML file that `from_yaml` and `papermill -f` both read."""
    lines = [
        f"# Scenario '{name}' for the imaging planning suite.",
        "# Load it in the app, or run the notebooks on it:",
        "#   python -m imaging_plan.pipeline.runner -f this.yaml   |   papermill NB.ipynb out.ipynb -f this.yaml",
    ]
    for key, a in ASSUMPTIONS.items():
        if key in scenario:
            lines.append(f"{key}: {format_value(key, scenario[key])}  # {a.unit}, {a.min:g}-{a.max:g}: {a.label_en}")
    for key, (allowed, _) in CHOICES.items():
        if key in scenario:
            lines.append(f"{key}: {scenario[key]}  # one of {', '.join(allowed)}")
    return "\n".join(lines) + "\n"


def from_yaml(text: str, defaults: Mapping[str, float]) -> dict:
    """Return the complete scenario in a YAML file, or raise ScenarioError naming every bad key."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise ScenarioError(f"not valid YAML: {err}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ScenarioError("a scenario file must be a mapping of parameter: value lines")
    problems, values = [], dict(defaults)
    for key, raw in data.items():
        if key in CHOICES:
            try:
                values[key] = _check_choice(key, raw)
            except AssumptionError as err:
                problems.append(str(err))
            continue
        if key not in ASSUMPTIONS:
            problems.append(f"'{key}': unknown parameter")
            continue
        if isinstance(raw, bool) or raw is None:
            problems.append(f"'{key}': {raw!r} is not a number")
            continue
        try:
            values[key] = ASSUMPTIONS[key].check(raw)
        except AssumptionError as err:
            problems.append(str(err).removeprefix("parameter "))
    if problems:
        raise ScenarioError("scenario refused, nothing applied:\n  - " + "\n  - ".join(problems))
    return values


def papermill_parameters(scenario: Mapping[str, float], declared: Mapping[str, object]) -> dict:
    """Return the scenario values a notebook declares, as papermill parameters."""
    return {key: value for key, value in scenario.items() if key in declared}


@dataclass(frozen=True)
class Preset:
    """A named scenario: values that differ from the defaults, each with why."""

    name: str
    label_nb: str
    label_en: str
    values: dict  # key -> (value, reason)

    def label(self, lang: str) -> str:
        return self.label_nb if lang == "nb" else self.label_en

    def apply(self, defaults: Mapping[str, float]) -> dict:
        """Return the full scenario: the defaults (and default choices) with this preset's values."""
        choices = {key: default for key, (_, default) in CHOICES.items()}
        return {**defaults, **choices, **{k: v for k, (v, _) in self.values.items()}}


_NOT_GIVEN = (
    "the plan: 'det er ikke gitt at økt rekruttering er mulig' (it is not given that more "
    "recruitment is possible). Assumption: "
)

PRESETS = {
    p.name: p
    for p in [
        Preset("baseline", "Basis (standardverdier)", "Baseline (the defaults)", {}),
        Preset(
            "low",
            "Lavt press",
            "Low pressure",
            {
                "population_scenario": ("LLML", "Statistics Norway's low national growth alternative (table 14746)."),
                "use_growth_pct": (
                    0.5,
                    "Assumption: about a third of the derived 1.4 %/year, what the plan's corrective "
                    "measures could achieve (Riksrevisjonen 2017: 25-30 % of exams wholly or "
                    "partly unnecessary).",
                ),
                "ai_gain_pct": (15.0, "Assumption: AI tools deliver half the slider's upper end by the year set."),
                "exit_rate_pct": (2.9, "Assumption: a 35-year specialist career (1/35)."),
            },
        ),
        Preset(
            "high",
            "Høyt press",
            "High pressure",
            {
                "population_scenario": ("HHMH", "Statistics Norway's high national growth alternative (table 14746)."),
                "use_growth_pct": (
                    2.4,
                    "The plan's whole activity growth, +24 % 2015-2024 (2.4 %/year), as if "
                    "none of it were demography: more complex exams and follow-up keep coming.",
                ),
                "ai_gain_pct": (0.0, "The plan: do not plan fewer radiologists on vague assumptions about AI."),
                "exit_rate_pct": (4.0, "Assumption: a 25-year specialist career (earlier retirement, more leaving)."),
                "recruitment_window_years": (
                    3,
                    _NOT_GIVEN + "recruitment as in the latest three years of Tabell 6, the lowest "
                    "the data show, as other regions and countries lack radiologists too.",
                ),
                "turnover_rise_pp": (
                    0.5,
                    "Assumption: staff turnover rises half a point a year, the signal the "
                    "plan asks the region to watch for ('tegn på økende turnover').",
                ),
                "replacement_budget_mnok": (
                    150.0,
                    "helsemedisinteknologi.no reports the hospitals investing about "
                    "half of what they need ('bare investerer halvparten').",
                ),
            },
        ),
    ]
}
