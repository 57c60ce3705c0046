"""An admin connects a Mastodon account (the fake instance), an expert shares a solved question,
and the admin page shows it delivered with a link to the remote post, in real Chromium."""

import pytest
from playwright.sync_api import expect

from hub.core.extensions import db
from hub.forums import answers
from hub.outbox import runner
from tests.factories import PASSWORD, make_category, make_reply, make_topic, make_user
from tests.fakes.mastodon import FakeMastodon


@pytest.fixture
def fake_mastodon():
    with FakeMastodon(token="mastodon-token") as server:
        yield server


@pytest.fixture
def live_sockets(app, live_server):
    """Let the browser's Socket.IO connection (the notification bell) in: its origin is the
    live server's address, not the app's configured one."""
    server = app.extensions["socketio"].server.eio
    previous = server.cors_allowed_origins
    server.cors_allowed_origins = [live_server.url]
    yield live_server
    server.cors_allowed_origins = previous


def _log_in(page, base: str, username: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def _solved_question(expert):
    asker = make_user("anna_asks")
    topic = make_topic(
        asker,
        make_category("router-help"),
        title="Router drops the line every evening",
        body="Since Monday my router loses the connection around 8 pm.",
    )
    answer = make_reply(topic, expert, "Update the firmware to 7.57; it fixes the evening drop.")
    answers.accept_answer(asker, answer.id)
    return topic


def test_admin_connects_mastodon_expert_shares_admin_sees_it_delivered(
    app, page, browser, live_sockets, fake_mastodon
):
    live_server = live_sockets
    make_user("ada_admin", role="admin")
    expert = make_user("erik_expert", role="expert")
    topic = _solved_question(expert)
    base = live_server.url

    # The admin connects the Mastodon account with a token.
    _log_in(page, base, "ada_admin")
    page.get_by_role("link", name="Spokes").click()
    page.get_by_label("Network").select_option("mastodon")
    page.get_by_label("Account name").fill("Nabe on Mastodon")
    page.get_by_label("Mastodon instance address").fill(fake_mastodon.url)
    page.get_by_label("Access token").fill("mastodon-token")
    page.get_by_role("button", name="Connect").click()
    expect(page.get_by_text("Nabe on Mastodon is connected.")).to_be_visible()

    # The expert shares the solved question with an edited text.
    expert_context = browser.new_context(locale="en-US")
    expert_page = expert_context.new_page()
    _log_in(expert_page, base, "erik_expert")
    expert_page.goto(f"{base}/t/{topic.id}/share")
    text = expert_page.get_by_label("Text for Nabe on Mastodon")
    expect(text).to_have_value("Router drops the line every evening\n\nJoin the discussion:")
    text.fill("Solved: evening drop-outs fixed by firmware 7.57.")
    expert_page.get_by_role("button", name="Share").click()
    expect(expert_page.get_by_text("Shared: the posts are on their way.")).to_be_visible()
    expert_context.close()

    # The worker delivers it (the live server runs no worker thread in tests).
    runner.run_once(app)
    db.session.expire_all()
    (status,) = fake_mastodon.statuses.values()
    assert "firmware 7.57" in status["content"]

    page.reload()
    row = page.locator("tr[data-delivery]")
    expect(row.locator("[data-status]")).to_have_text("delivered")
    expect(row.get_by_role("link", name="View post")).to_have_attribute("href", status["url"])
