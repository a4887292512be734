"""Sign-in for hosted use: open without an [auth] section, nothing of the plan before st.login with one."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from imaging_plan import paths
from imaging_plan.planning import assumptions
from imaging_plan.app.sign_in import LINK_COOKIE, parse_link, provider

AUTH = {
    "redirect_uri": "http://localhost:8080/oauth2callback",
    "cookie_secret": "test-secret",
    "client_id": "client",
    "client_secret": "secret",
    "server_metadata_url": "https://login.microsoftonline.com/tenant/v2.0/.well-known/openid-configuration",
}


def _app(url_path: str, user: dict, secrets: dict | None = None, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(paths.PROJECT_ROOT / "app.py"), default_timeout=60)
    if secrets:
        at.secrets.update(secrets)
    at.user = user
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at._page_hash = calc_hash(url_path)
    return at.run()


@pytest.mark.parametrize("url_path", ["overview", "physicians", "equipment"])
def test_signed_out_viewer_sees_only_the_sign_in(url_path):
    at = _app(url_path, {"is_logged_in": False}, {"auth": AUTH})
    assert not at.exception
    assert [b.label for b in at.button] == ["Logg inn"]
    assert [t.value for t in at.title] == ["Logg inn for å se planen"]
    # Nothing of the plan: no slider, metric, chart, table, sidebar control or language switch.
    assert not at.slider and not at.metric and not at.dataframe and not at.sidebar.children
    assert not at.get("vega_lite_chart") and not at.get("button_group")


def test_sign_in_page_follows_the_language_in_the_link():
    at = _app("physicians", {"is_logged_in": False}, {"auth": AUTH}, {"lang": "English"})
    assert [b.label for b in at.button] == ["Sign in"]


def _physicians_sliders() -> set[str]:
    """The assumption keys the Physicians page draws as sliders (its record's groups)."""
    from imaging_plan.app import pages

    from imaging_plan.app import scenario_controls

    groups = pages.page("physicians").groups
    # A group shown only under a choice (the workload's minutes) draws only that choice by default.
    drawn = [g for g in groups if g not in scenario_controls.SHOWN_WHEN]
    return {a.key for a in assumptions.in_group(*drawn)}


def test_signed_in_viewer_sees_the_page_and_a_sign_out():
    at = _app("physicians", {"is_logged_in": True, "name": "Kari Nordmann"}, {"auth": AUTH})
    assert not at.exception
    assert {s.key for s in at.slider} == _physicians_sliders()
    assert "Logg ut (Kari Nordmann)" in [b.label for b in at.sidebar.button]
    assert "Logg inn" not in [b.label for b in at.button]


def test_without_auth_section_the_app_runs_open():
    # A logged-out user, but no [auth] in the secrets: the page renders as on a planner's machine.
    at = _app("physicians", {"is_logged_in": False}, {"other": {"x": 1}})
    assert not at.exception
    assert {s.key for s in at.slider} == _physicians_sliders()
    assert not [b for b in at.button if b.label in ("Logg inn", "Sign in")]


def test_provider_inline_or_named():
    assert provider(AUTH) is None
    named = {"redirect_uri": "x", "cookie_secret": "y", "microsoft": {"client_id": "c"}}
    assert provider(named) == "microsoft"


def test_a_kept_link_is_read_as_a_page_and_its_query():
    link = parse_link("%2Fphysicians%3Fexit_rate_pct%3D4.5%26staff_trusts%3DOUS%26staff_trusts%3DSIV%26lang%3Den")
    assert link == ("physicians", {"exit_rate_pct": ["4.5"], "staff_trusts": ["OUS", "SIV"], "lang": ["en"]})
    assert parse_link("%2Fbildeplan%2F") == ("bildeplan", {})  # a base path: no page of ours, the landing page
    assert parse_link(None) is None and parse_link("") is None and parse_link("x" * 5000) is None


@pytest.fixture
def back_from_provider(monkeypatch):
    """Return set(cookie_value): the next AppTest run sees the link cookie, as the first run after the callback."""
    import streamlit

    class Context:
        def __init__(self, real, cookies):
            self._real, self.cookies = real, cookies

        def __getattr__(self, name):
            return getattr(self._real, name)

    def set_(value: str) -> None:
        monkeypatch.setattr(streamlit, "context", Context(streamlit.context, {LINK_COOKIE: value}))

    return set_


def test_the_link_opened_before_signing_in_opens_after_it(back_from_provider):
    # The callback lands on the bare root; the cookie holds the page and query the viewer opened.
    back_from_provider("%2Fphysicians%3Fexit_rate_pct%3D4.5%26lang%3Den")
    at = _app("overview", {"is_logged_in": True, "name": "Kari Nordmann"}, {"auth": AUTH})
    assert not at.exception
    assert at.title[0].value == "Physician FTEs: supply, need and gap"
    assert at.slider(key="exit_rate_pct").value == 4.5
    assert "Sign out (Kari Nordmann)" in [b.label for b in at.sidebar.button]
    # A link to the landing page reopens there, in its language from the first run on.
    back_from_provider("%2F%3Fexit_rate_pct%3D4.5%26lang%3Den")
    landing = _app("overview", {"is_logged_in": True, "name": "Kari Nordmann"}, {"auth": AUTH})
    assert landing.title[0].value == "Overview for the board"
    assert "Sign out (Kari Nordmann)" in [b.label for b in landing.sidebar.button]
    assert landing.query_params["exit_rate_pct"] in ("4.5", ["4.5"])
    # A viewer who opens a link of their own gets that link, not the kept one.
    back_from_provider("%2Fphysicians%3Fexit_rate_pct%3D4.5")
    own = _app("overview", {"is_logged_in": True}, {"auth": AUTH}, {"training_years": "6"})
    assert own.title[0].value == "Oversikt for styret" and "exit_rate_pct" not in own.query_params
    assert own.query_params["training_years"] in ("6", ["6"])
