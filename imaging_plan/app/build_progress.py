"""A forecast built in the background (the backtest after `make app`): its progress on the page that waits.

`forecast_or_progress` stands in for `components.forecast_status`: while a build of the
forecast runs it says how far it is and about how long is left, refreshes that notice
every few seconds, and redraws the whole page once the build has ended, so the page
fills in by itself. Meanwhile it shows the previous forecast, if there is one.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from imaging_plan.pipeline import build
from imaging_plan.i18n import fmt_number, t
from imaging_plan.app.components import forecast_status

REFRESH_S = 3  # how often a waiting page looks at the build's progress


def duration(seconds: float, lang: str) -> str:
    """Return a time left in words: seconds under two minutes ('95 s'), whole minutes after ('4 min')."""
    if seconds < 120:
        return f"{fmt_number(seconds, lang)} s"
    return f"{fmt_number(seconds / 60, lang)} min"


def progress_text(status: dict, lang: str, what: str) -> str:
    """Return the notice for a running build: seconds left and fits done when known, else the time spent."""
    if status.get("seconds_left") is not None:
        fits = ""
        if status.get("total"):
            fits = t("build_fits", lang, done=fmt_number(status["done"], lang), total=fmt_number(status["total"], lang))
        return t("build_running", lang, what=what, left=duration(status["seconds_left"], lang), fits=fits)
    return t("build_running_started", lang, what=what, elapsed=fmt_number(status.get("elapsed_s", 0), lang))


@st.fragment(run_every=REFRESH_S)
def _running_notice(forecasts_dir: str, name: str, lang: str, what: str) -> None:
    status = build.build_status(Path(forecasts_dir), name)
    if status is None or status["state"] != "running":
        st.rerun()  # the build has ended: draw the page again with what it wrote
    st.info(progress_text(status, lang, what) + "\n\n" + t("build_meanwhile", lang))
    if status.get("total"):
        st.progress(min(status["done"] / status["total"], 1.0))


def forecast_or_progress(snapshot, name: str, run_command: str, missing_key: str, what: str):
    """Return forecast `name` (read-only, shared) or None, showing how its build stands.

    While a build runs: its progress, then the previous forecast if there is one. After a
    failed or interrupted build: a warning and the forecast as it is. Otherwise exactly
    `forecast_status(snapshot, name, run_command, missing_key)`.
    """
    status = build.build_status(snapshot.forecasts_dir, name)
    state = status and status["state"]
    if state == "running":
        _running_notice(str(snapshot.forecasts_dir), name, snapshot.lang, what)
        if snapshot.forecast(name) is None:
            return None
        st.caption(t("build_previous", snapshot.lang))
    elif state == "failed":
        st.warning(t("build_failed", snapshot.lang, what=what, message=status.get("message") or "?", cmd=run_command))
    elif state == "stopped":
        st.warning(t("build_stopped", snapshot.lang, what=what, cmd=run_command))
    return forecast_status(snapshot, name, run_command, missing_key)
