"""Walls in real Chromium: the team announces a known issue, members see the banner and comment."""

import re

from playwright.sync_api import expect

from tests.browser.steps import log_in
from tests.factories import make_user


def test_known_issue_banner_and_comment(page, live_server, browser):
    url = live_server.url
    make_user("erik", role="expert"), make_user("mia")

    # Erik, from the team, announces an outage on the company wall.
    log_in(page, url, "erik")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Company").click()
    page.get_by_label("Write on the wall").fill("Logins fail for some customers since 9:00.")
    page.get_by_label("This is a known issue").check()
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_text("Posted on the wall.")).to_be_visible()
    assert re.search(r"/w/\d+$", page.url)

    # Mia sees the banner on the home page, follows it and comments.
    context = browser.new_context(locale="en-US")
    try:
        mia = context.new_page()
        log_in(mia, url, "mia")
        mia.goto(url + "/")
        banner = mia.locator("[data-known-issues]")
        expect(banner).to_contain_text("Known issue:")
        banner.get_by_role("link", name=re.compile("Logins fail")).click()
        mia.get_by_label("Your comment").fill("Same here, the app says 'try later'.")
        mia.get_by_role("button", name="Comment").click()
        expect(mia.locator("#post-2")).to_contain_text("try later")

        # Erik resolves it; the banner is gone.
        page.reload()
        expect(page.locator("#post-2")).to_contain_text("try later")
        page.get_by_label("Add an update").fill("Fixed: logins work again.")
        page.get_by_label("Resolved: remove the banner").check()
        page.get_by_role("button", name="Post update").click()
        expect(page.locator(".issue-updates")).to_contain_text("logins work again")
        mia.goto(url + "/")
        expect(mia.locator("[data-known-issues]")).to_have_count(0)
    finally:
        context.close()
