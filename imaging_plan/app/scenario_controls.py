"""The scenario in the session and the URL, its sliders, and the sidebar's tools (presets, link, YAML).

Every page carries the whole scenario, but draws as sliders only the assumptions
it uses. The session holds every value (`SCENARIO`); the drawn sliders update
it; after the sliders, the URL is made to hold every value that differs from its
default. So a link copied on any page opens every page on the same numbers, and
moving between pages never drops a value. (A widget bound to the URL leaves the
URL on a page that does not draw it: that is why the sliders are not bound and
the URL is written here.)

Presets and uploads change the held scenario in callbacks, which run before the
script, so the sliders drawn afterwards show the new values.
"""

from __future__ import annotations

from typing import Mapping

import streamlit as st

from imaging_plan.app import pages
from imaging_plan.data import codes
from imaging_plan.planning import scenario
from imaging_plan.planning.assumptions import ASSUMPTIONS, in_group
from imaging_plan.i18n import t

SCENARIO = "_scenario"  # session key: every assumption's value
HELD_DEFAULTS = "_scenario_defaults"  # session key: the defaults the held values were set against
NOTES = "_url_notes"
UPLOAD = "scenario_upload"


def _query() -> dict:
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    return {key: values if len(values) > 1 else values[0] for key, values in raw.items() if values}


def held_scenario(defaults: Mapping) -> dict:
    """Return the session's scenario; a new session reads it from the link (bad values noted, not applied)."""
    held = st.session_state.get(SCENARIO)
    if held is None:
        query = {k: v for k, v in _query().items() if not pages.is_page_key(k)}
        parsed = scenario.from_query(query, defaults)
        if parsed.ignored:
            st.session_state[NOTES] = parsed.ignored
        held = parsed.values
    # An assumption added since the session began starts at its default.
    held = {key: held.get(key, defaults[key]) for key in (*ASSUMPTIONS, *scenario.CHOICES)}
    follow_new_defaults(held, st.session_state.get(HELD_DEFAULTS), defaults)
    st.session_state[HELD_DEFAULTS] = dict(defaults)
    st.session_state[SCENARIO] = held
    return dict(held)


def follow_new_defaults(held: dict, previous: Mapping | None, defaults: Mapping) -> None:
    """Move the values left at their old default to the new one, when the data changed the defaults.

    Data-derived defaults (recruitment, use per person, throughput) change with an upload:
    a value the viewer never moved follows its new default; a value the viewer set stays.
    """
    for key, old in (previous or {}).items():
        if key in held and held[key] == old and defaults.get(key, old) != old:
            held[key] = defaults[key]
            if key in st.session_state:  # a slider drawn on an earlier run shows the new value
                st.session_state[key] = defaults[key]


# Groups whose sliders matter only under one value of a choice: (choice key, value). The workload's
# minutes and hours move the physicians' need only when it is made from the workload; otherwise the
# group shows its choice alone (its values stay in the session and the URL).
SHOWN_WHEN = {"workload": ("need_method", "workload")}


def sliders(held: dict, defaults: Mapping, lang: str, groups: tuple[str, ...], folded: tuple[str, ...] = ()) -> dict:
    """Draw one slider per assumption of `groups` in the sidebar; return the scenario with their values.

    The other assumptions keep their held values. A short line says how many of them
    differ from their defaults, so a viewer knows the link carries more than is drawn.
    A group in `folded` starts folded, unless one of its values differs from its default:
    its sliders are drawn only once it is opened (a folded slider is still an element the
    browser draws on every rerun), and its values stay held meanwhile.
    """
    st.sidebar.header(t("assumptions", lang), help=t("assumptions_help", lang))
    shown = [g for g in dict.fromkeys(a.group for a in ASSUMPTIONS.values()) if g in groups]
    for group in shown:
        open_key = f"_open_{group}"
        if open_key not in st.session_state:  # first drawn here: open unless folded and unchanged; then as left
            keys = [*(a.key for a in in_group(group)), *(k for k, g in scenario.CHOICE_GROUPS.items() if g == group)]
            st.session_state[open_key] = group not in folded or any(held[k] != defaults[k] for k in keys)
        box = st.sidebar.expander(t(f"group_{group}", lang), key=open_key, on_change="rerun")
        if not box.open:
            continue
        with box:
            needs = SHOWN_WHEN.get(group)
            if needs is not None:  # the choice that makes the group's sliders matter comes first
                held[needs[0]] = choice(needs[0], held, lang)
                if held[needs[0]] != needs[1]:
                    st.caption(t(f"group_{group}_unused", lang))
                    continue
            for a in in_group(group):
                cast = int if a.is_int else float
                held[a.key] = st.slider(
                    a.label(lang),
                    min_value=cast(a.min),
                    max_value=cast(a.max),
                    value=cast(held[a.key]),
                    step=cast(a.step),
                    key=a.key,
                    help=a.source,
                    format="%d" if a.is_int else "%.1f",
                )
            if group == "physicians":
                held["population_scenario"] = population_choice(held, lang)
            drawn = {"population_scenario", *(SHOWN_WHEN[group][:1] if group in SHOWN_WHEN else ())}
            for key in (k for k, g in scenario.CHOICE_GROUPS.items() if g == group and k not in drawn):
                held[key] = choice(key, held, lang)
    st.session_state[SCENARIO] = dict(held)
    elsewhere = [a.key for a in ASSUMPTIONS.values() if a.group not in groups and held[a.key] != defaults[a.key]]
    # the choices drawn with other groups' sliders
    elsewhere += [
        key for key in scenario.CHOICES if scenario.CHOICE_GROUPS[key] not in groups and held[key] != defaults[key]
    ]
    if elsewhere:
        st.sidebar.caption(t("carried_elsewhere", lang, n=len(elsewhere)))
    return held


def population_choice(held: Mapping, lang: str) -> str:
    """Return the population projection chosen in the sidebar (held like the sliders; MMMM by default).

    The options are SSB's codes, not labels, so a link opens the same projection in either
    language (the help names them).
    """
    options = list(codes.POPULATION_SCENARIOS)
    return st.selectbox(
        t("population_scenario", lang),
        options,
        index=options.index(held["population_scenario"]),
        key="population_scenario",
        help=t("population_scenario_help", lang),
    )


def choice(key: str, held: Mapping, lang: str) -> str:
    """Return a scenario choice drawn as a select box (its options are codes, so a link opens in either language)."""
    options = list(scenario.CHOICES[key][0])
    return st.selectbox(
        t(key, lang),
        options,
        index=options.index(held[key]),
        key=key,
        format_func=lambda code: choice_label(code, lang),
        help=t(scenario.CHOICE_HELP[key], lang),
    )


def choice_label(code: str, lang: str) -> str:
    """Return a choice's code with its name: 'OUS – Oslo universitetssykehus', 'MR – MRI'."""
    i = 1 if lang == "en" else 0
    if code in codes.TRUSTS:
        return f"{code} – {codes.TRUSTS[code]}"
    if code in codes.MODALITY_NAMES:
        return codes.MODALITY_NAMES[code][i]
    if code in scenario.CHOICES["need_method"][0]:
        return t(f"need_method_{code}", lang)
    if code in codes.SUPPLIES:
        return codes.SUPPLIES[code][i]
    return t("prep_all_modalities", lang) if code == "ALL" else code


def write_url(held: Mapping, defaults: Mapping) -> None:
    """Make the URL hold every assumption (and choice) that differs from its default.

    Only what differs is written (each write is a message to the browser). A page's own
    choices (trusts and roles, a trend method, a series) stay bound to their widgets and
    leave the URL on other pages, as Streamlit does.
    """
    wanted = scenario.to_query(held, defaults)
    shown = st.query_params.to_dict()  # read once: each access of st.query_params is a lookup of its own
    for key in (*ASSUMPTIONS, *scenario.CHOICES):
        if key in wanted and shown.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in shown:
            del st.query_params[key]


def _set(values: Mapping) -> None:
    """Replace the held scenario; sliders already on the page take the values too."""
    held = st.session_state.get(SCENARIO, {})
    for key, value in values.items():
        if key in ASSUMPTIONS or key in scenario.CHOICES:
            held[key] = value
            if key in st.session_state:
                st.session_state[key] = value
    st.session_state[SCENARIO] = held


def _apply_preset(defaults: dict) -> None:
    name = st.session_state.get("preset_choice")
    if name in scenario.PRESETS:
        _set(scenario.PRESETS[name].apply(defaults))
        st.session_state.pop(NOTES, None)


def _apply_upload(defaults: dict, lang: str) -> None:
    uploaded = st.session_state.get(UPLOAD)
    if uploaded is None:
        return
    try:
        values = scenario.from_yaml(uploaded.getvalue().decode("utf-8"), defaults)
    except (UnicodeDecodeError, scenario.ScenarioError) as err:
        st.session_state["_upload_error"] = f"{uploaded.name}: {err}"
        return
    st.session_state.pop("_upload_error", None)
    _set(values)


def scenario_panel(snapshot, box) -> None:
    """Draw, in `box`, the scenario expander: preset, share link, download and upload of the scenario."""
    lang = snapshot.lang
    panel = box.expander(t("scenario", lang), key="_open_scenario", on_change="rerun")
    if panel.open:  # drawn once opened: folded, its six elements would still be drawn on every rerun
        _scenario_tools(snapshot, panel)
    if st.session_state.get(NOTES):
        box.caption(t("url_ignored", lang, items="; ".join(st.session_state[NOTES])))


def _scenario_tools(snapshot, panel) -> None:
    """Draw the presets, the share link, the YAML download and the upload in the opened scenario panel."""
    lang = snapshot.lang
    with panel:
        st.selectbox(
            t("preset", lang),
            list(scenario.PRESETS),
            index=None,
            format_func=lambda name: scenario.PRESETS[name].label(lang),
            placeholder=t("preset_choose", lang),
            key="preset_choice",
            on_change=_apply_preset,
            args=(dict(snapshot.defaults),),
            help=t("preset_help", lang),
        )
        base = (st.context.url or "http://localhost:8501").split("?")[0]
        extra = {"lang": lang} if lang != "nb" else {}  # the code, as the switch writes it
        if st.query_params.get("data"):  # made on uploaded data: the link says so (it cannot carry the file)
            extra["data"] = st.query_params["data"]
        st.caption(t("share", lang))
        st.code(scenario.share_link(base, snapshot.scenario, snapshot.defaults, extra), language=None, wrap_lines=True)
        st.download_button(
            t("scenario_download", lang),
            scenario.to_yaml(snapshot.scenario),
            file_name="scenario.yaml",
            mime="application/x-yaml",
            key="scenario_download",
        )
        st.file_uploader(t("scenario_upload", lang), type=["yaml", "yml"], key=UPLOAD)
        st.button(
            t("scenario_apply", lang),
            on_click=_apply_upload,
            args=(dict(snapshot.defaults), lang),
            key="scenario_apply",
            disabled=st.session_state.get(UPLOAD) is None,
        )
        if st.session_state.get("_upload_error"):
            st.error(st.session_state["_upload_error"])
