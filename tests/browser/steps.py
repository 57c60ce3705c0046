"""Steps that several browser journeys take the same way."""

from playwright.sync_api import expect

from tests.factories import PASSWORD


def log_in(page, url: str, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form and wait until the header offers to log out."""
    page.goto(url + "/login")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def write_legal_page(page, title: str, german: str, english: str) -> None:
    """From the admin area, write one legal page in both languages as its first version."""
    page.locator(".admin-nav").get_by_role("link", name="Legal pages").click()
    page.get_by_role("link", name=title, exact=True).click()
    page.get_by_label("German text (Markdown)").fill(german)
    page.get_by_label("English text (Markdown)").fill(english)
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_text("Preview, not saved")).to_be_visible()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved as version 1.")).to_be_visible()
