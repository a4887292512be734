"""Sign-in end to end: the served app with an [auth] section pointing at a local OpenID Connect provider.

The provider is oidc-provider-mock (a test dependency, requirements-dev.txt), served from this process
on 127.0.0.1 only; it is a real OIDC provider (discovery, authorisation code, signed ID token, end
session), so the app's `st.login` and `st.logout` take the same path as with Entra ID. The app reads a
test-only secrets file through Streamlit's `secrets.files` option (`STREAMLIT_SECRETS_FILES`): nothing
is written to the repository's `.streamlit/`.

In Chromium, on a shared link with a scenario: an anonymous visitor sees nothing of the plan; signing
in through the provider's own form opens the link's page, scenario and language (Streamlit's callback
lands on the bare root: `sign_in` carries the link across); signing out ends the session. Every wait
waits for a selector or an address.
"""

from __future__ import annotations

import re
import secrets
import threading
import time

import oidc_provider_mock
import pytest
from werkzeug.serving import make_server

from browser_support import ARTIFACTS, free_port, require_chromium, served_app, shot

pytestmark = [
    pytest.mark.slow,
    # The provider's Authlib calls deprecated Authlib APIs (oidc-provider-mock 0.3.4): not ours to fix.
    pytest.mark.filterwarnings("ignore::DeprecationWarning:authlib.*"),
]
require_chromium()
playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect

USER = oidc_provider_mock.User(
    sub="kari.nordmann@example-hf.no", claims={"name": "Kari Nordmann", "email": "kari.nordmann@example-hf.no"}
)
# A board member's link: a page, a scenario that differs from the defaults, and the language.
SHARED = "/physicians?exit_rate_pct=4.5&training_years=6&lang=en"
PLAN = ("stSlider", "stMetric", "stVegaLiteChart", "stDataFrame", "stSidebar", "stButtonGroup")


@pytest.fixture(scope="module")
def provider_url():
    """An OpenID Connect provider on 127.0.0.1 (a thread of this process); its login form lists USER."""
    server = make_server("127.0.0.1", 0, oidc_provider_mock.app(user_claims=[USER]), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(scope="module")
def app_url(built_forecasts, provider_url, tmp_path_factory):
    """The app served with a test-only [auth] section (the same keys as the Entra ID example)."""
    port = free_port()
    secrets_file = tmp_path_factory.mktemp("sign_in") / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "imaging-plan-test"\n'
        f'client_secret = "{secrets.token_hex(16)}"\n'
        f'server_metadata_url = "{provider_url}/.well-known/openid-configuration"\n'
    )
    env = {"IMAGING_PLAN_FORECASTS_DIR": str(built_forecasts), "STREAMLIT_SECRETS_FILES": str(secrets_file)}
    with served_app(env, ARTIFACTS / "server-test_sign_in_browser.log", port=port) as url:
        yield url


def _nothing_of_the_plan(page) -> None:
    page.wait_for_selector("[data-test-script-state=notRunning]")
    for testid in PLAN:
        assert page.locator(f"[data-testid={testid}]").count() == 0, testid


def test_shared_link_survives_sign_in_and_sign_out_ends_the_session(browser, browser_pages, app_url, provider_url):
    started = time.monotonic()
    context = browser.new_context(viewport={"width": 1400, "height": 2000})
    context.set_default_timeout(60_000)
    page = context.new_page()
    browser_pages.append(page)

    # Anonymous: the sign-in page in the link's language, nothing of the plan, the link still in the address.
    page.goto(app_url + SHARED)
    page.get_by_role("heading", name="Sign in to see the plan").wait_for()
    _nothing_of_the_plan(page)
    assert "exit_rate_pct=4.5" in page.url and "/physicians" in page.url
    shot(page, "sign_in_anonymous")

    # Sign in through the provider's own form.
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"{provider_url}/oauth2/authorize?**")
    page.get_by_role("button", name=USER.sub).click()

    # Back in the app: the shared link's page, scenario and language.
    page.wait_for_url(re.compile(r"/physicians\?"))
    page.get_by_role("heading", name="Physician FTEs: supply, need and gap").wait_for()
    slider = page.locator("[data-testid=stSlider]").filter(has_text="Specialist exit rate")
    expect(slider.locator("[data-testid=stSliderThumbValue]")).to_have_text("4.5")
    years = page.locator("[data-testid=stSlider]").filter(has_text="Specialist training time")
    expect(years.locator("[data-testid=stSliderThumbValue]")).to_have_text("6")
    page.wait_for_selector("[data-testid=stMetricValue]")
    page.wait_for_function(
        "() => ['exit_rate_pct=4.5', 'training_years=6', 'lang=en'].every(p => location.search.includes(p))"
    )
    expect(page.get_by_role("button", name="Sign out (Kari Nordmann)")).to_be_visible()
    # The kept link was for this sign-in only.
    page.wait_for_function("() => !document.cookie.includes('imaging_plan_link=')")
    page.wait_for_selector("[data-test-script-state=notRunning]")
    assert page.locator("[data-testid=stException]").count() == 0
    shot(page, "sign_in_signed_in_shared_link")

    # Sign out: the provider's end-session form, then back to the app's sign-in page.
    page.get_by_role("button", name="Sign out (Kari Nordmann)").click()
    page.wait_for_url(f"{provider_url}/oauth2/end_session?**")
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{app_url}/**")
    page.get_by_role("heading", name="Logg inn for å se planen").wait_for()
    _nothing_of_the_plan(page)
    assert not [c["name"] for c in context.cookies() if c["name"].startswith("_streamlit_user")]

    # The session is over: the shared link asks for sign-in again.
    page.goto(app_url + SHARED)
    page.get_by_role("heading", name="Sign in to see the plan").wait_for()
    _nothing_of_the_plan(page)
    shot(page, "sign_in_after_sign_out")
    context.close()
    print(f"sign-in round trip in Chromium: {time.monotonic() - started:.1f} s")
