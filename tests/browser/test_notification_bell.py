"""The bell in real Chromium: the badge and its label change when the worker pushes an event."""

from playwright.sync_api import expect

from tests.factories import PASSWORD, make_reply, make_topic, make_user
from tests.hub.notifications.helpers import run_worker


def test_the_badge_counts_up_live_without_a_reload(app, db, live_server, page):
    asker = make_user("asker")
    topic = make_topic(asker)
    page.goto(live_server.url + "/login")
    page.get_by_label("Username or e-mail").fill("asker")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    bell = page.locator("[data-notification-bell]")
    expect(bell).to_have_attribute("aria-label", "Notifications (0 unread)")
    expect(bell.locator("[data-notification-count]")).to_be_hidden()
    # The server joins the member's room before it confirms the connection.
    expect(bell).to_have_attribute("data-live", "on")

    make_reply(topic, make_user("bob"))
    run_worker(app)

    expect(bell).to_have_attribute("aria-label", "Notifications (1 unread)")
    expect(bell.locator("[data-notification-count]")).to_have_text("1")
    expect(bell.locator("[data-notification-count]")).to_be_visible()
