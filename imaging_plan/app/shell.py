"""The app's frame: language switch, the scenario sidebar, and the navigation.

Every assumption is a sidebar slider created here, before `pg.run()`, and
bound to the URL: so the address bar carries the whole scenario, on every
page. The pages only read the resulting context.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from .. import assumptions, codes, paths
from ..i18n import LANGUAGES, t
from ..inputs import InputDataError, file_sha256, load_inputs
from ..store import Forecast, ForecastMissing, read_forecast
from . import scenario_controls

# The tables the app reads; their content hash keys the cache.
APP_TABLES = ("physician_ftes", "staff_ftes", "equipment_units", "exams_by_modality", "equipment_register",
              "population_observed", "population_projection_national", "imaging_rates_by_age")


@dataclass
class AppContext:
    """What every page needs: language, scenario, defaults, data and stored forecasts."""

    lang: str
    scenario: dict
    defaults: dict
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    data_error: str | None = None
    data_dir: Path = paths.DATA_DIR
    forecasts_dir: Path = paths.FORECASTS_DIR

    def forecast(self, name: str) -> Forecast | None:
        return _cached_forecast(str(self.forecasts_dir), name, _manifest_stamp(self.forecasts_dir, name))


def _fingerprint(data_dir: Path) -> tuple:
    from ..inputs import TABLES
    stamp = []
    for name in APP_TABLES:
        path = data_dir / TABLES[name].file
        stamp.append((name, file_sha256(path) if path.exists() else None))
    return tuple(stamp)


@st.cache_data(show_spinner=False)
def _cached_tables(data_dir: str, fingerprint: tuple) -> dict[str, pd.DataFrame]:
    # load_inputs also checks tables that must agree (the register against Tabell 5).
    return load_inputs(Path(data_dir), APP_TABLES)[0]


@st.cache_data(show_spinner=False)
def _cached_defaults(data_dir: str, fingerprint: tuple) -> dict:
    # Data-derived defaults read whole tables: worth computing once per data version.
    return assumptions.defaults(_cached_tables(data_dir, fingerprint))


def _manifest_stamp(forecasts_dir: Path, name: str) -> float | None:
    path = forecasts_dir / name / "manifest.json"
    return path.stat().st_mtime if path.exists() else None


@st.cache_data(show_spinner=False)
def _cached_forecast(forecasts_dir: str, name: str, stamp: float | None) -> Forecast | None:
    try:
        return read_forecast(Path(forecasts_dir), name)
    except ForecastMissing:
        return None


def language_switch() -> str:
    """Return 'nb' or 'en' from the sidebar switch (bound to the URL as ?lang=en)."""
    return st.sidebar.segmented_control(
        "Språk / Language", options=list(LANGUAGES), format_func=LANGUAGES.get,
        default="nb", key="lang", bind="query-params", required=True)


def assumption_sliders(defaults: dict, lang: str, open_group: str) -> dict:
    """Return the scenario from one URL-bound slider per assumption, grouped in the sidebar."""
    scenario = {}
    groups = list(dict.fromkeys(a.group for a in assumptions.ASSUMPTIONS.values()))
    st.sidebar.header(t("assumptions", lang), help=t("assumptions_help", lang))
    for group in groups:
        with st.sidebar.expander(t(f"group_{group}", lang), expanded=group in ("general", open_group)):
            for a in assumptions.in_group(group):
                default = defaults[a.key]
                cast = int if a.is_int else float
                scenario[a.key] = st.slider(
                    a.label(lang), min_value=cast(a.min), max_value=cast(a.max),
                    value=cast(default), step=cast(a.step), key=a.key, bind="query-params",
                    help=a.source, format="%d" if a.is_int else "%.1f")
            if group == "physicians":
                scenario["population_scenario"] = population_choice(lang)
    return scenario


def population_choice(lang: str) -> str:
    """Return the population projection chosen in the sidebar (bound to the URL; MMMM by default).

    The options are SSB's codes, not labels: a bound select box writes its shown text to the URL,
    and a link must open the same projection in either language (the help names them).
    """
    return st.selectbox(t("population_scenario", lang), list(codes.POPULATION_SCENARIOS), index=0,
                        key="population_scenario", bind="query-params", help=t("population_scenario_help", lang))


def build_context(lang: str, open_group: str) -> AppContext:
    """Return the page context: read the data, then draw the scenario sliders."""
    data_dir, forecasts_dir = paths.data_dir(), paths.forecasts_dir()
    tables, error = {}, None
    fingerprint = _fingerprint(data_dir)
    try:
        tables = _cached_tables(str(data_dir), fingerprint)
    except InputDataError as err:
        error = str(err)
    try:
        defaults = _cached_defaults(str(data_dir), fingerprint) if error is None else {}
    except (KeyError, assumptions.AssumptionError):
        defaults = {}
    # No usable data: data-derived defaults fall back to the slider's lower end.
    defaults = {a.key: defaults.get(a.key, a.default if a.default is not None else a.min)
                for a in assumptions.ASSUMPTIONS.values()}
    scenario_controls.note_url_problems(defaults)
    scenario = assumption_sliders(defaults, lang, open_group)
    return AppContext(lang, scenario, defaults, tables, error, data_dir, forecasts_dir)


# Pages in menu order: module in this package, title key, URL path, assumption group opened, icon.
PAGES = [
    ("overview_page", "page_overview", "overview", "general", ":material/dashboard:"),
    ("physicians_page", "page_physicians", "physicians", "physicians", ":material/stethoscope:"),
    ("inflow_page", "page_inflow", "inflow", "inflow", ":material/school:"),
    ("staffing_page", "page_staffing", "staffing", "staff", ":material/groups:"),
    ("equipment_page", "page_equipment", "equipment", "equipment", ":material/radiology:"),
    ("quality_page", "page_quality", "quality", "general", ":material/analytics:"),
]


def _page(module: str, holder: dict):
    def render() -> None:
        importlib.import_module(f"{__package__}.{module}").render(holder["ctx"])
    render.__name__ = module
    return render


def main() -> None:
    st.set_page_config(page_title="Bildediagnostikk HSØ", layout="wide")
    lang = language_switch() or "nb"
    scenario_box = st.sidebar.container()  # filled after the sliders, shown above them
    holder: dict = {}
    pages = {url: st.Page(_page(module, holder), title=t(title, lang), url_path=url, icon=icon,
                          default=i == 0)
             for i, (module, title, url, _, icon) in enumerate(PAGES)}
    current = st.navigation(list(pages.values()))
    group = next((g for (_, _, url, g, _) in PAGES if pages[url] is current), PAGES[0][3])
    # Sliders are drawn here, before the page runs, so the URL keeps them on every page.
    holder["ctx"] = build_context(lang, open_group=group)
    scenario_controls.scenario_panel(holder["ctx"], scenario_box)
    current.run()
