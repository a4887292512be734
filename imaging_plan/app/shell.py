"""The app's frame: language switch, the scenario sidebar, and the navigation.

Each rerun builds one `Snapshot` (see `build_context`) before the page
runs; the page reads it and draws. The sidebar draws the sliders of the current
page's assumption groups only; the rest of the scenario is held in the session
and the URL (`scenario_controls`), so every page's link carries all of it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from imaging_plan import paths
from imaging_plan.planning import assumptions, demand, scenario
from imaging_plan.i18n import LANGUAGE_LABELS, LANGUAGES, t
from imaging_plan.data.inputs import load_inputs, load_optional
from imaging_plan.data.schemas import InputDataError
from imaging_plan.app import pages, scenario_controls, sign_in, state, url_codes, workspace
from imaging_plan.views import cache
from imaging_plan.views.snapshot import Snapshot, freeze

# The tables the app reads; their content hash keys the cache.
APP_TABLES = (
    "physician_ftes",
    "staff_ftes",
    "equipment_units",
    "exams_by_modality",
    "equipment_register",
    "population_observed",
    "population_projection_national",
    "imaging_rates_by_age",
    "exams_by_trust",
    "private_exams",
    "on_call_lines",
    "population_projection_counties",  # the activity: each county's projected total
)


def _load(data_dir: str, version: str) -> tuple[dict, dict | None, str | None]:
    """Return the app's tables, the defaults they imply, and the data error (if any)."""
    try:
        tables = load_inputs(Path(data_dir), APP_TABLES)[0]  # also checks tables that must agree
        unmet = load_optional("unmet_need", Path(data_dir))[0]  # absent: no unmet need beyond the slider's
    except InputDataError as err:
        return {}, None, str(err)
    if unmet is not None:
        tables["unmet_need"] = unmet
    tables = demand.with_weighted_population(tables)  # once per data version: no slider moves it
    try:
        return tables, assumptions.defaults(tables), None
    except (KeyError, assumptions.AssumptionError):
        return tables, None, None


def inputs(data_dir: Path) -> tuple[str, dict, dict, str | None]:
    """Return the data version, the tables, the defaults (complete) and the data error; read once per version."""
    version = state.data_version(data_dir)
    tables, defaults, error = cache.shared("inputs", (str(data_dir), version), lambda: _load(str(data_dir), version))
    # No usable data: data-derived defaults fall back to the slider's lower end.
    defaults = {
        a.key: (defaults or {}).get(a.key, a.default if a.default is not None else a.min)
        for a in assumptions.ASSUMPTIONS.values()
    }
    defaults.update({key: default for key, (_, default) in scenario.CHOICES.items()})  # the population projection
    return version, tables, defaults, error


def language_switch() -> str:
    """Return 'nb' or 'en' from the sidebar switch; the URL holds the code (?lang=en), bokmål leaves it out.

    Not `bind="query-params"`: Streamlit writes a bound widget's label into the URL
    (?lang=English) and drops a code it finds there (?lang=en) as an unknown option. An
    older link's label still opens English, and its URL is rewritten with the code.
    """
    return url_codes.coded(
        st.sidebar.segmented_control,
        "Språk / Language",
        list(LANGUAGES),
        key="lang",
        default="nb",
        format_func=LANGUAGES.get,
        aliases=LANGUAGE_LABELS,
        required=True,
    )


def build_context(lang: str, groups: tuple[str, ...] = ("general",), folded: tuple[str, ...] = ()) -> Snapshot:
    """Return this rerun's snapshot: the data, the stored forecasts and the scenario (drawing `groups`' sliders,
    `folded` ones once opened)."""
    data_dir, forecasts_dir, _ = workspace.session_dirs()  # the shipped folders, or this session's uploads
    version, tables, defaults, error = inputs(data_dir)
    held = scenario_controls.held_scenario(defaults)
    scenario = scenario_controls.sliders(held, defaults, lang, groups, folded)
    scenario_controls.write_url(scenario, defaults)
    versions = state.forecast_versions(forecasts_dir)
    return freeze(
        lang,
        scenario,
        defaults,
        data_version=version,
        forecast_versions=versions,
        tables=tables,
        forecasts=state.stored_forecasts(forecasts_dir, versions),
        data_error=error,
        data_dir=data_dir,
        forecasts_dir=forecasts_dir,
    )


def snapshot_for(
    lang: str = "nb", values: dict | None = None, data_dir: Path | None = None, forecasts_dir: Path | None = None
) -> Snapshot:
    """Return a snapshot without the sidebar: the defaults overlaid with `values` (exports, benchmarks, tests)."""
    data_dir = Path(data_dir or paths.data_dir())
    forecasts_dir = Path(forecasts_dir or paths.forecasts_dir())
    version, tables, defaults, error = inputs(data_dir)
    versions = state.forecast_versions(forecasts_dir)
    return freeze(
        lang,
        {**defaults, **(values or {})},
        defaults,
        data_version=version,
        forecast_versions=versions,
        tables=tables,
        forecasts=state.stored_forecasts(forecasts_dir, versions),
        data_error=error,
        data_dir=data_dir,
        forecasts_dir=forecasts_dir,
    )


def _page(record: pages.PageRecord, holder: dict):
    def render() -> None:
        record.render(holder["snapshot"])

    render.__name__ = record.module
    return render


def main() -> None:
    st.set_page_config(page_title="Bildediagnostikk HSØ", layout="wide")
    link = sign_in.require_sign_in()  # back from the provider: the link opened before signing in
    lang = language_switch() or "nb"
    scenario_box = st.sidebar.container()  # filled after the sliders, shown above them
    holder: dict = {}
    shown = {
        p.path: st.Page(_page(p, holder), title=t(p.title, lang), url_path=p.path, icon=p.icon, default=i == 0)
        for i, p in enumerate(pages.PAGES)
    }
    current = st.navigation(list(shown.values()))
    if link is not None and shown.get(link.page, current) is not current:
        st.switch_page(shown[link.page], query_params=link.query)
    record = next((p for p in pages.PAGES if shown[p.path] is current), pages.PAGES[0])
    holder["snapshot"] = build_context(lang, record.groups, record.folded)
    scenario_controls.scenario_panel(holder["snapshot"], scenario_box)
    current.run()
