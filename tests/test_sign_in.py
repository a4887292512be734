"""Sign-in for hosted use: open without an [auth] section, nothing of the plan before st.login with one."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from imaging_plan import assumptions, paths
from imaging_plan.app.sign_in import provider

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


def test_signed_in_viewer_sees_the_page_and_a_sign_out():
    at = _app("physicians", {"is_logged_in": True, "name": "Kari Nordmann"}, {"auth": AUTH})
    assert not at.exception
    assert {s.key for s in at.slider} == {a.key for a in assumptions.in_group("general", "physicians")}
    assert "Logg ut (Kari Nordmann)" in [b.label for b in at.sidebar.button]
    assert "Logg inn" not in [b.label for b in at.button]


def test_without_auth_section_the_app_runs_open():
    # A logged-out user, but no [auth] in the secrets: the page renders as on a planner's machine.
    at = _app("physicians", {"is_logged_in": False}, {"other": {"x": 1}})
    assert not at.exception
    assert {s.key for s in at.slider} == {a.key for a in assumptions.in_group("general", "physicians")}
    assert not [b for b in at.button if b.label in ("Logg inn", "Sign in")]


def test_provider_inline_or_named():
    assert provider(AUTH) is None
    named = {"redirect_uri": "x", "cookie_secret": "y", "microsoft": {"client_id": "c"}}
    assert provider(named) == "microsoft"
