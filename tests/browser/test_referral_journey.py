"""A visitor from a spoke follows the `/go/` link, is welcomed, joins with the fake OpenID
Connect provider and answers the question; the team's report counts all of it, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from hub.core.extensions import db
from hub.crosspost import links
from hub.crosspost import service as crosspost
from tests.factories import PASSWORD, make_topic, make_user
from tests.fakes.oidc import FakeOIDC


@pytest.fixture
def oidc(app, monkeypatch):
    with FakeOIDC() as fake:
        monkeypatch.setitem(app.config, "OAUTH_OIDC_ID", fake.client_id)
        monkeypatch.setitem(app.config, "OAUTH_OIDC_SECRET", fake.client_secret)
        monkeypatch.setitem(app.config, "OAUTH_OIDC_URL", fake.discovery_url)
        yield fake


@pytest.fixture
def spoke_link(app):
    admin = make_user("ada_admin", role="admin")
    account = crosspost.connect_account(
        admin, "mastodon", "Nabe on Mastodon", "token", instance_url="https://social.example"
    )
    topic = make_topic(title="Router drops the line every evening")
    link = links.link_for("topic", topic.id, account.id, f"/t/{topic.id}")
    db.session.commit()
    return link, account


def test_from_the_spoke_link_to_a_first_answer_counted_in_the_report(
    browser, page, live_server, oidc, spoke_link
):
    link, account = spoke_link
    page.goto(f"{live_server.url}/go/{link.code}")

    expect(page).to_have_url(re.compile(rf"/t/{link.content_id}"))
    banner = page.get_by_role("region", name="Welcome")
    expect(banner).to_contain_text("Welcome from Mastodon!")
    expect(banner).to_contain_text("Answer here")
    expect(banner.get_by_role("link", name="Sign up with Mastodon")).to_be_visible()
    expect(banner.get_by_role("link", name="Sign up with e-mail")).to_be_visible()
    banner.get_by_role("link", name="OpenID Connect").click()

    page.get_by_label("Username").fill("from_mastodon")
    page.get_by_label("I accept the community terms").check()
    page.get_by_role("button", name="Create account").click()

    expect(page).to_have_url(re.compile(rf"/t/{link.content_id}"))
    expect(page.get_by_role("region", name="Welcome")).to_have_count(0)
    page.get_by_role("textbox", name="Your answer").fill("A new cable fixed it for me.")
    page.get_by_role("button", name="Post your answer").click()
    expect(page.get_by_text("A new cable fixed it for me.")).to_be_visible()

    make_user("erik_expert", role="expert")
    team = browser.new_context(locale="en-US").new_page()
    team.goto(live_server.url + "/login")
    team.get_by_label("Username or e-mail").fill("erik_expert")
    team.get_by_label("Password").fill(PASSWORD)
    team.get_by_role("button", name="Log in").click()
    team.goto(live_server.url + "/admin/spokes/report")
    row = team.locator(f'tr[data-account="{account.id}"]')
    expect(row.locator('[data-figure="clicks"]')).to_have_text("1")
    expect(row.locator('[data-figure="visitors"]')).to_have_text("1")
    expect(row.locator('[data-figure="registrations"]')).to_have_text("1")
    expect(row.locator('[data-figure="first_posts"]')).to_have_text("1")
    team.context.close()
