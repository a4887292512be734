"""Sign-in for hosted use: with an `[auth]` section in `.streamlit/secrets.toml`, every page needs `st.login`.

Without that section the app runs open, as on a planner's own machine. The
identity provider (Microsoft Entra ID in the trusts, see
`.streamlit/secrets.example.toml`) is Streamlit's OIDC sign-in; this module only
decides whether to ask for it and stops the script until the viewer has signed in.

A shared link survives the sign-in. Streamlit's callback sends every viewer back to
the app's root without the query, so the sign-in page keeps its own address (page
and query) in a short-lived cookie, and the first run after the provider sent the
viewer back opens that page with that query (`returning_link`); the cookie is then
deleted. Only the page path and the query are read back: nothing in the cookie is
followed as an address.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import parse_qsl, unquote, urlsplit

import streamlit as st

from imaging_plan.i18n import language_code, t

LINK_COOKIE = "imaging_plan_link"  # the address the viewer opened before signing in
LINK_MAX_AGE_S = 900  # long enough to sign in, short enough not to surprise a later visit
_LINK_MAX_CHARS = 4000  # a cookie holds about 4 KB; a longer value is not a link of ours
_CHECKED = "_sign_in_link_checked"  # session key: the cookie was read on this session's first run

# Runs in the browser on the sign-in page: the address it was opened with, kept for the way back.
_REMEMBER_JS = (
    "<script>document.cookie = '{name}=' + encodeURIComponent(location.pathname + location.search)"
    " + '; path=/; max-age={age}; samesite=lax';</script>"
)
_FORGET_JS = "<script>document.cookie = '{name}=; path=/; max-age=0; samesite=lax';</script>"


class Link(NamedTuple):
    """A link to reopen: the page's URL path ('' for the landing page) and its query (key: values)."""

    page: str
    query: dict[str, list[str]]


def auth_settings() -> dict | None:
    """Return the `[auth]` secrets section, or None when the app runs open (no secrets, no section)."""
    try:
        section = st.secrets.get("auth")
    except FileNotFoundError as err:
        # No secrets file runs open; a secrets file that cannot be read must not open the app.
        if getattr(err, "error_id", None) == "failed-parsing-secrets-file":
            raise
        return None
    return dict(section) if section is not None else None


def provider(settings: dict) -> str | None:
    """Return the provider to pass to st.login: None for one inline provider, else the first named one."""
    if "client_id" in settings:
        return None
    named = [key for key, value in settings.items() if isinstance(value, dict)]
    return named[0] if named else None


def parse_link(raw: str | None) -> Link | None:
    """Return the page and query of an address kept in the cookie (percent-encoded path + query), or None."""
    if not isinstance(raw, str) or not raw or len(raw) > _LINK_MAX_CHARS:
        return None
    try:
        parts = urlsplit(unquote(raw))
    except ValueError:
        return None
    query: dict[str, list[str]] = {}
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        query.setdefault(key, []).append(value)
    return Link(parts.path.rstrip("/").rsplit("/", 1)[-1], query)


def returning_link() -> Link | None:
    """Return the link the viewer opened before signing in, on the first run after the provider sent them back.

    Only a session that starts on the bare root (where the callback lands) reopens it: a
    viewer who opens a link of their own gets that link. The query is put in the URL here,
    before the language switch and the scenario read it; the caller switches to the page.
    """
    if st.session_state.get(_CHECKED):
        return None
    st.session_state[_CHECKED] = True
    link = parse_link(st.context.cookies.get(LINK_COOKIE))
    if link is None or len(st.query_params) or not (link.page or link.query):
        return None
    st.query_params.from_dict(link.query)
    return link


def require_sign_in() -> Link | None:
    """Stop the page here, before anything of the plan is drawn, until the viewer has signed in.

    Return the link to reopen when the viewer has just come back from the provider (else None).
    """
    settings = auth_settings()
    if settings is None:
        return None
    if st.user.is_logged_in:
        link = returning_link()  # first: it may put the link's language in the URL
        lang = language_code(st.query_params.get("lang"))
        name = st.user.get("name") or st.user.get("email") or ""
        st.sidebar.button(t("sign_out", lang, name=name), on_click=st.logout, key="sign_out")
        if LINK_COOKIE in st.context.cookies:  # kept for this sign-in only: gone once back
            st.sidebar.html(_FORGET_JS.format(name=LINK_COOKIE), unsafe_allow_javascript=True)
        return link
    lang = language_code(st.query_params.get("lang"))
    st.title(t("sign_in_title", lang))
    st.write(t("sign_in_text", lang))
    st.html(_REMEMBER_JS.format(name=LINK_COOKIE, age=LINK_MAX_AGE_S), unsafe_allow_javascript=True)
    st.button(t("sign_in", lang), type="primary", on_click=st.login, args=(provider(settings),), key="sign_in")
    st.stop()
