"""A member reports a post, a moderator hides it from the queue with a public reason, and a
visitor sees the reason in place of the post, in real Chromium."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from hub.core.columns import utcnow
from hub.core.extensions import db
from tests.factories import PASSWORD, make_category, make_reply, make_topic, make_user

RUDE = "You are clueless, read the manual before asking here!"


@pytest.fixture
def live_sockets(app, live_server):
    """Let the browser's Socket.IO connection (the notification bell) in: its origin is the
    live server's address, not the app's configured one."""
    server = app.extensions["socketio"].server.eio
    previous = server.cors_allowed_origins
    server.cors_allowed_origins = [live_server.url]
    yield live_server
    server.cors_allowed_origins = previous


def _community():
    """An asker, a rude reply, a reporter and a moderator (members older than a day)."""
    asker, rude, reporter = make_user("anna_asks"), make_user("rude_rolf"), make_user("bernd_b")
    moderator = make_user("mona_mod", role="moderator")
    for person in (asker, rude, reporter, moderator):
        person.created_at = utcnow() - timedelta(days=30)
    db.session.commit()
    topic = make_topic(
        asker,
        make_category("router-help"),
        title="Router drops the line every evening",
        body="Since Monday my router loses the connection around 8 pm.",
    )
    make_reply(topic, rude, RUDE)
    return topic


def _log_in(page, base: str, username: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_report_hide_and_the_visitor_sees_the_reason(page, browser, live_sockets):
    live_server = live_sockets
    topic = _community()
    topic_url = f"{live_server.url}/t/{topic.id}"

    # A member reports the rude reply.
    _log_in(page, live_server.url, "bernd_b")
    page.goto(topic_url)
    reply = page.locator("#post-2")
    expect(reply).to_contain_text(RUDE)
    reply.get_by_text("Report", exact=True).click()
    reply.get_by_label("Abuse or insult").check()
    reply.get_by_label("Anything the moderators should know").fill("Rude to a newcomer.")
    reply.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("Thank you. The moderators will look at it")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    # A moderator opens the queue and hides the reply with a written public reason.
    _log_in(page, live_server.url, "mona_mod")
    page.get_by_role("link", name="Moderation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation queue")
    group = page.locator("article.report-group")
    expect(group).to_have_count(1)
    expect(group).to_contain_text("1 report")
    expect(group).to_contain_text("Abuse or insult")
    expect(group).to_contain_text("Rude to a newcomer.")
    expect(group).to_contain_text(RUDE)
    group.get_by_label("Public reason").select_option("other")
    group.get_by_label("Written reason (shown to everyone)").fill("Insults are not welcome here.")
    group.get_by_label("Private note for moderators").fill("First time for rude_rolf.")
    group.get_by_role("button", name="Hide", exact=True).click()
    expect(page.get_by_text("The post is hidden.")).to_be_visible()
    expect(page.get_by_text("No open reports. Thank you!")).to_be_visible()

    # A visitor sees the public reason in place of the reply, never the reply itself.
    visitor = browser.new_context(locale="en-US")
    errors: list[str] = []
    try:
        visit = visitor.new_page()
        visit.on("pageerror", lambda error: errors.append(str(error)))
        visit.goto(topic_url)
        expect(visit.locator("#post-2")).to_contain_text(
            "Hidden by the moderators: Insults are not welcome here."
        )
        expect(visit.get_by_text(RUDE)).to_have_count(0)
        expect(visit.get_by_text("Since Monday my router loses the connection")).to_be_visible()
    finally:
        visitor.close()
    assert errors == []
