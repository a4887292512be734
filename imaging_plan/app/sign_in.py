"""Sign-in for hosted use: with an `[auth]` section in `.streamlit/secrets.toml`, every page needs `st.login`.

Without that section the app runs open, as on a planner's own machine. The
identity provider (Microsoft Entra ID in the trusts, see
`.streamlit/secrets.example.toml`) is Streamlit's OIDC sign-in; this module only
decides whether to ask for it and stops the script until the viewer has signed in.
"""

from __future__ import annotations

import streamlit as st

from ..i18n import language_code, t


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


def require_sign_in() -> None:
    """Stop the page here, before anything of the plan is drawn, until the viewer has signed in."""
    settings = auth_settings()
    if settings is None:
        return
    lang = language_code(st.query_params.get("lang"))
    if st.user.is_logged_in:
        name = st.user.get("name") or st.user.get("email") or ""
        st.sidebar.button(t("sign_out", lang, name=name), on_click=st.logout, key="sign_out")
        return
    st.title(t("sign_in_title", lang))
    st.write(t("sign_in_text", lang))
    st.button(t("sign_in", lang), type="primary", on_click=st.login, args=(provider(settings),), key="sign_in")
    st.stop()
