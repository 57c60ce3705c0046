"""The bell in real Chromium: the badge and its label change when the worker pushes an event."""

import pytest

from tests.factories import PASSWORD, make_reply, make_topic, make_user
from tests.hub.notifications.helpers import run_worker
from tests.services import require_chromium

pytestmark = pytest.mark.browser

LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]


@pytest.fixture
def page(live):
    """A fresh Chromium page that fails the test on any script error."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=LAUNCH_ARGS
        )
        page = browser.new_context(locale="en-US").new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        browser.close()
    assert errors == [], f"the browser reported errors: {errors}"


def test_the_badge_counts_up_live_without_a_reload(app, db, live, page):
    from playwright.sync_api import expect

    asker = make_user("asker")
    topic = make_topic(asker)
    page.goto(live.url + "/login")
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
