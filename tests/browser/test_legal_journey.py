"""The legal pages in real Chromium: the admin writes the imprint and the terms with a preview,
every page's footer links them (under their German names for a German reader), and a newcomer
joins only after ticking the terms box, which the settings then show."""

from playwright.sync_api import expect

from tests.browser.steps import log_in, write_legal_page
from tests.factories import make_user


def write_page(page, url: str, title: str, german: str, english: str) -> None:
    page.goto(url + "/admin/")
    write_legal_page(page, title, german, english)


def test_admin_writes_the_pages_and_a_newcomer_accepts_the_terms(browser, live_server, db):
    make_user("chief", role="admin")
    admin = browser.new_context(locale="en-US").new_page()
    log_in(admin, live_server.url, "chief")
    expect(admin.locator(".footer-legal")).to_have_count(0)
    write_page(admin, live_server.url, "Imprint", "**Beispiel GmbH**, Hamburg", "")
    expect(admin.locator(".legal-preview strong")).to_have_text("Beispiel GmbH")  # as saved
    write_page(admin, live_server.url, "Terms of use", "Seien Sie fair.", "Be fair.")

    german = browser.new_context(locale="de-DE").new_page()
    german.goto(live_server.url + "/")
    footer = german.locator(".footer-legal")
    expect(footer.get_by_role("link", name="Impressum")).to_be_visible()
    footer.get_by_role("link", name="Nutzungsbedingungen").click()
    expect(german.locator("article.legal-page")).to_contain_text("Seien Sie fair.")

    newcomer = browser.new_context(locale="en-US").new_page()
    newcomer.goto(live_server.url + "/register")
    newcomer.get_by_label("Username").fill("anna_k")
    newcomer.get_by_label("E-mail").fill("anna@example.com")
    newcomer.get_by_label("Password").fill("Glasfaser bis ins Haus")
    newcomer.get_by_role("button", name="Create account").click()  # the box left empty
    expect(newcomer.get_by_text("Please accept the terms of use to join.")).to_be_visible()
    newcomer.get_by_label("Password").fill("Glasfaser bis ins Haus")
    newcomer.get_by_label("I accept the terms of use").check()
    newcomer.get_by_role("button", name="Create account").click()
    expect(newcomer.get_by_text("Welcome, anna_k!")).to_be_visible()
    newcomer.goto(live_server.url + "/settings")
    expect(newcomer.locator(".terms-accepted")).to_contain_text("Terms accepted: version 1 on")
