"""A visitor joins with the fake OpenID Connect provider, then a member links it, in Chromium."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, make_user
from tests.fakes.oidc import FakeOIDC


@pytest.fixture
def oidc(app, monkeypatch):
    with FakeOIDC() as fake:
        monkeypatch.setitem(app.config, "OAUTH_OIDC_ID", fake.client_id)
        monkeypatch.setitem(app.config, "OAUTH_OIDC_SECRET", fake.client_secret)
        monkeypatch.setitem(app.config, "OAUTH_OIDC_URL", fake.discovery_url)
        yield fake


def test_join_with_the_provider_after_choosing_a_name(page, live_server, oidc):
    page.goto(live_server.url + "/login")
    page.get_by_role("link", name="Continue with OpenID Connect").click()

    expect(page.get_by_label("Username")).to_have_value("newcomer")
    page.get_by_label("Username").fill("neu_hier")
    page.get_by_label("I accept the community terms").check()
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("neu_hier")
    expect(page.get_by_text("Welcome, neu_hier!")).to_be_visible()


def test_member_links_the_provider_in_settings(page, live_server, oidc):
    make_user("anna")
    page.goto(live_server.url + "/login")
    page.get_by_label("Username or e-mail").fill("anna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(live_server.url + "/settings")
    page.get_by_role("button", name="Link OpenID Connect").click()
    expect(page.get_by_text("OpenID Connect is linked")).to_be_visible()
    expect(page.locator("#linked-accounts")).to_contain_text("newcomer@example.org")
