"""The sidebar's scenario tools: presets, the share link, YAML download and upload, URL notes.

Bound sliders can only be changed through st.session_state before they are
drawn, so presets and uploads apply in callbacks (which run before the script).
"""

from __future__ import annotations

import streamlit as st

from .. import scenario
from ..assumptions import ASSUMPTIONS
from ..i18n import t

NOTES = "_url_notes"
UPLOAD = "scenario_upload"


def note_url_problems(defaults: dict) -> None:
    """Remember which URL values were ignored (read before the sliders clean the URL)."""
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    query = {key: values if len(values) > 1 else values[0] for key, values in raw.items() if values}
    ignored = scenario.from_query(query, defaults).ignored
    if ignored:
        st.session_state[NOTES] = ignored


def _set_sliders(values: dict) -> None:
    for key, value in values.items():
        if key in ASSUMPTIONS or key in scenario.CHOICES:
            st.session_state[key] = value


def _apply_preset(defaults: dict) -> None:
    name = st.session_state.get("preset_choice")
    if name in scenario.PRESETS:
        _set_sliders(scenario.PRESETS[name].apply(defaults))
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
    _set_sliders(values)


def scenario_panel(ctx, box) -> None:
    """Draw, in `box`, the scenario expander: preset, share link, download and upload of the scenario."""
    lang = ctx.lang
    with box.expander(t("scenario", lang), expanded=False):
        st.selectbox(t("preset", lang), list(scenario.PRESETS), index=None,
                     format_func=lambda name: scenario.PRESETS[name].label(lang),
                     placeholder=t("preset_choose", lang), key="preset_choice",
                     on_change=_apply_preset, args=(ctx.defaults,), help=t("preset_help", lang))
        base = (st.context.url or "http://localhost:8501").split("?")[0]
        extra = {"lang": "English"} if lang == "en" else {}
        st.caption(t("share", lang))
        st.code(scenario.share_link(base, ctx.scenario, ctx.defaults, extra), language=None, wrap_lines=True)
        st.download_button(t("scenario_download", lang), scenario.to_yaml(ctx.scenario),
                           file_name="scenario.yaml", mime="application/x-yaml", key="scenario_download")
        st.file_uploader(t("scenario_upload", lang), type=["yaml", "yml"], key=UPLOAD)
        st.button(t("scenario_apply", lang), on_click=_apply_upload, args=(ctx.defaults, lang),
                  key="scenario_apply", disabled=st.session_state.get(UPLOAD) is None)
        if st.session_state.get("_upload_error"):
            st.error(st.session_state["_upload_error"])
    if st.session_state.get(NOTES):
        box.caption(t("url_ignored", lang, items="; ".join(st.session_state[NOTES])))
