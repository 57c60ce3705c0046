"""A known issue on the spokes, in real Chromium: a team member announces it on the company
wall, adds an update and resolves it; the admin page shows the three deliveries delivered on the
fake Mastodon instance, the update and the resolution as replies in the issue's thread."""

import re

import pytest
from playwright.sync_api import expect

from hub.core.extensions import db
from hub.crosspost import service as crosspost
from hub.outbox import runner
from tests.browser.steps import log_in
from tests.factories import make_user
from tests.fakes.mastodon import FakeMastodon


@pytest.fixture
def fake_mastodon():
    with FakeMastodon(token="mastodon-token") as server:
        yield server


def deliver(app) -> None:
    """What the worker does (the live server runs no worker thread in tests)."""
    runner.run_once(app)
    db.session.expire_all()


def post_update(page, text: str, *, resolve: bool = False) -> None:
    page.get_by_label("Add an update").fill(text)
    if resolve:
        page.get_by_label("Resolved: remove the banner").check()
    page.get_by_role("button", name="Post update").click()
    expect(page.locator(".issue-updates")).to_contain_text(text)


def test_known_issue_update_and_resolution_reach_mastodon_as_one_thread(
    app, page, browser, live_server, fake_mastodon
):
    url = live_server.url
    admin = make_user("ada_admin", role="admin")
    make_user("erik", role="expert")
    crosspost.connect_account(
        admin, "mastodon", "Nabe on Mastodon", "mastodon-token", instance_url=fake_mastodon.url
    )

    # Erik, from the team, announces the outage, adds an update and resolves it.
    log_in(page, url, "erik")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Company").click()
    page.get_by_label("Write on the wall").fill("Mail is delayed for some customers since 9:00.")
    page.get_by_label("This is a known issue").check()
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_text("Posted on the wall.")).to_be_visible()
    assert re.search(r"/w/\d+$", page.url)
    deliver(app)
    post_update(page, "A fix is rolling out.")
    deliver(app)
    post_update(page, "Mail flows again.", resolve=True)
    deliver(app)

    (thread_id,) = [s["id"] for s in fake_mastodon.statuses.values() if not s["in_reply_to_id"]]
    replies = fake_mastodon.replies_to(thread_id)
    assert len(fake_mastodon.statuses) == 3
    assert "Mail is delayed" in fake_mastodon.statuses[thread_id]["content"]
    assert "A fix is rolling out." in replies[0]["content"]
    assert "Resolved: Mail flows again." in replies[1]["content"]

    # The admin sees all three delivered, the later two as replies, each with its remote link.
    context = browser.new_context(locale="en-US")
    try:
        admin_page = context.new_page()
        log_in(admin_page, url, "ada_admin")
        admin_page.goto(url + "/admin/spokes")
        rows = admin_page.locator("tr[data-delivery]")
        expect(rows).to_have_count(3)
        expect(rows.locator('[data-status="delivered"]')).to_have_count(3)
        reply_rows = admin_page.locator("tr[data-reply-to]")
        expect(reply_rows).to_have_count(2)
        for reply in replies:
            link = admin_page.locator(f'a[href="{reply["url"]}"]')
            expect(link).to_have_count(1)
            expect(reply_rows.filter(has=link)).to_have_count(1)
        thread_link = admin_page.locator(f'a[href="{fake_mastodon.statuses[thread_id]["url"]}"]')
        expect(admin_page.locator("tr[data-delivery]:not([data-reply-to])")).to_contain_text(
            "Mail is delayed"
        )
        expect(thread_link).to_have_count(1)
    finally:
        context.close()
