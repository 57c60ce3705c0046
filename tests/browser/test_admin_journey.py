"""A community set up from an empty database, in real Chromium: the admin signs in, creates
three categories (one private), writes the imprint and the terms of use, makes a member an
expert, builds a team of two experts for a category; a newcomer registers (accepting the
terms) and asks there, and the team's experts hear of it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import log_in, write_legal_page
from tests.factories import make_user
from tests.hub.notifications.helpers import run_worker

NEWCOMER_PASSWORD = "Glasfaser bis ins Haus"
CATEGORIES = [
    ("Internet & WLAN", "internet", "Routers, Wi-Fi and the line."),
    ("Billing", "billing", "Invoices, tariffs and payments."),
    ("Beta programme", "beta", "Firmware before its release."),
]


@pytest.fixture
def open_context(browser):
    """A browser window per person, each failing the test on a script error."""
    contexts, errors = [], []

    def open_page():
        context = browser.new_context(locale="en-US")
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert errors == [], f"the browser reported errors: {errors}"


def create_categories(page, url: str) -> None:
    page.goto(url + "/admin/")
    page.locator(".admin-nav").get_by_role("link", name="Categories").click()
    expect(page.get_by_text("No categories yet: create the first one.")).to_be_visible()
    for name, slug, description in CATEGORIES:
        page.get_by_role("link", name="New category").click()
        page.get_by_label("Name").fill(name)
        page.get_by_label("Address").fill(slug)
        page.get_by_label("Description").fill(description)
        private = page.get_by_label("Private: only the team")
        hint = page.get_by_text("A private category is hidden from visitors")
        expect(hint).to_be_hidden()
        if slug == "beta":
            private.check()
            expect(hint).to_be_visible()  # the switch shows where its readers are chosen
            expect(page.get_by_role("link", name="Choose them under Teams")).to_be_visible()
        page.get_by_role("button", name="Create category").click()
        expect(page.get_by_text(f"The category “{name}” is created.")).to_be_visible()
    rows = page.locator("table.admin-categories tbody tr")
    expect(rows).to_have_count(3)
    for row, (name, slug, _description) in zip(rows.all(), CATEGORIES, strict=True):
        expect(row).to_contain_text(name)
        expect(row).to_contain_text(f"/c/{slug}")
    expect(page.locator("#category-beta")).to_contain_text("team only")
    expect(page.get_by_text("“Beta programme” is private")).to_be_visible()


def write_legal_pages(page, url: str) -> None:
    """The imprint and the terms of use, in German and English, linked from every footer."""
    texts = {
        "Imprint": ("Nabe GmbH, Hauptstraße 1, 10115 Berlin", "Nabe GmbH, Main Street 1, Berlin"),
        "Terms of use": ("Seien Sie freundlich.", "Be kind; no advertising."),
    }
    for title, (german, english) in texts.items():
        write_legal_page(page, title, german, english)
    page.goto(url + "/")
    page.locator(".footer-legal").get_by_role("link", name="Imprint").click()
    expect(page.locator("main")).to_contain_text("Nabe GmbH, Main Street 1, Berlin")
    page.goto(url + "/admin/")


def promote_to_expert(page, username: str) -> None:
    page.locator(".admin-nav").get_by_role("link", name="Members").click()
    page.get_by_label("Name or e-mail").fill(username)
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name=username, exact=True).click()
    page.get_by_label("New role").select_option("expert")
    page.get_by_label("Reason (kept in the audit log)").fill("Joins the support team.")
    page.get_by_role("button", name="Change the role").click()
    expect(page.get_by_text(f"{username} is now: Expert (team).")).to_be_visible()


def build_team(page, experts: list[str]) -> None:
    page.locator(".admin-nav").get_by_role("link", name="Teams").click()
    page.get_by_label("Name", exact=True).fill("Technik-Team")
    page.get_by_role("button", name="Create team").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Technik-Team")
    for username in experts:
        page.get_by_label("Username").fill(username)
        page.get_by_role("button", name="Add member").click()
        expect(page.locator("#members ~ table").first).to_contain_text(username)
    page.get_by_label("Technik-Team answers in Internet & WLAN").check()
    page.get_by_label("Technik-Team may read Beta programme").check()
    page.get_by_role("button", name="Save categories").click()
    expect(page.get_by_label("Technik-Team answers in Internet & WLAN")).to_be_checked()
    expect(page.get_by_label("Technik-Team may read Beta programme")).to_be_checked()


def register_and_ask(page, url: str) -> str:
    page.goto(url + "/")
    expect(page.locator(".category-list")).to_contain_text("Internet & WLAN")
    expect(page.locator(".category-list")).not_to_contain_text("Beta programme")
    page.get_by_role("link", name="Join").click()
    page.get_by_label("Username").fill("frieda_k")
    page.get_by_label("E-mail").fill("frieda@example.com")
    page.get_by_label("Password").fill(NEWCOMER_PASSWORD)
    page.get_by_label("I accept the terms of use").check()
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("frieda_k")
    page.goto(url + "/settings")
    expect(page.locator(".terms-accepted")).to_contain_text("Terms accepted: version 1")
    page.goto(url + "/c/internet")
    page.get_by_role("link", name="Ask a question").first.click()
    expect(page.get_by_label("Category")).to_have_value("internet")
    page.get_by_label("Title").fill("WLAN drops every evening at eight")
    page.get_by_label("Details").fill("Since Monday the Wi-Fi goes away around 8 pm for a minute.")
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("WLAN drops every evening at eight")
    expect(page.locator(".crumbs")).to_contain_text("Internet & WLAN")
    return page.url


def test_admin_sets_up_the_community_and_a_newcomer_asks(app, page, live_server, open_context):
    url = live_server.url
    make_user("ada", role="admin")
    make_user("erik")
    make_user("eva", role="expert")

    log_in(page, url, "ada")
    create_categories(page, url)
    write_legal_pages(page, url)
    promote_to_expert(page, "erik")
    build_team(page, ["erik", "eva"])

    newcomer = open_context()
    topic_url = register_and_ask(newcomer, url)
    assert re.search(r"/t/\d+-wlan-drops-every-evening-at-eight$", topic_url)

    # The team's experts are told of the question (by the worker), and read the private category.
    run_worker(app)
    for expert in ("erik", "eva"):
        reader = open_context()
        log_in(reader, url, expert)
        reader.goto(url + "/notifications")
        expect(reader.get_by_text("WLAN drops every evening at eight")).to_be_visible()
        reader.goto(url + "/")
        expect(reader.locator(".category-list")).to_contain_text("Beta programme")

    # The audit log shows what the admin did.
    page.goto(url + "/admin/log")
    log = page.locator("main")
    for done in ("created a category", "changed a member's role", "Joins the support team."):
        expect(log).to_contain_text(done)
