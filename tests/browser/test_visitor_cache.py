"""A visitor on cached pages in real Chromium: scripts still run (each hit has its own CSP
nonce), the language links switch the pages, and "helpful?" is answered on its own page."""

import pytest
from playwright.sync_api import expect

from hub.core.extensions import db
from hub.faq import service as faq
from tests import servers
from tests.factories import make_category, make_reply, make_topic, make_user
from tests.hub.pagecache.conftest import make_cached_app

pytestmark = pytest.mark.browser


@pytest.fixture
def cached_server(app, tmp_path, database_url):
    cached = make_cached_app(tmp_path / "cached", database_url)
    with servers.live_server(cached) as server:
        yield server
    with cached.app_context():
        db.engine.dispose()


@pytest.fixture
def topic():
    expert = make_user("jana", role="expert")
    make_category("internet")
    faq.create_entry(expert, "internet", "How do I restart the router?", "Unplug it, 10 s.")
    topic = make_topic(make_user("asker"), title="Wi-Fi drops every evening")
    make_reply(topic, make_user("helper"), body="Move the router out of the cupboard.")
    return topic


def test_scripts_run_on_a_page_served_from_the_cache(page, cached_server, topic):
    url = f"{cached_server.url}/t/{topic.id}-{topic.slug}"
    first = page.goto(url)
    second = page.goto(url)
    assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit")
    box = page.get_by_role("combobox", name="Search the community")
    with page.expect_request("**/search/suggest?*"):  # search.js runs: its nonce was accepted
        box.press_sequentially("rest", delay=30)


def test_a_visitor_switches_language_and_says_an_answer_helped(page, cached_server, topic):
    page.goto(cached_server.url + "/faq/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Deutsch").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page).to_have_url(cached_server.url + "/faq/")

    page.get_by_text("How do I restart the router?").click()
    page.get_by_role("link", name="Ja", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("War das hilfreich?")
    page.get_by_role("button", name="Ja", exact=True).click()

    expect(page.get_by_text("Vielen Dank für Ihre Rückmeldung.")).to_be_visible()
    expect(page).to_have_url(cached_server.url + "/faq/")
