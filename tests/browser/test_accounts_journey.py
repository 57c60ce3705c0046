"""A newcomer registers, logs out, logs in again and sees their profile, in real Chromium."""

from playwright.sync_api import expect

PASSWORD = "Glasfaser bis ins Haus"


def test_register_log_in_and_see_profile(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Join").click()
    page.get_by_label("Username").fill("frieda_k")
    page.get_by_label("E-mail").fill("frieda@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("frieda_k")
    expect(page.get_by_text("We sent you a mail to confirm your address")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You are logged out.")).to_be_visible()

    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username or e-mail").fill("frieda@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="frieda_k").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("frieda_k")
    expect(page.locator(".stats")).to_contain_text("Questions")


def test_wrong_password_shows_a_clear_error(page, live_server):
    page.goto(live_server.url + "/login")
    page.get_by_label("Username or e-mail").fill("nobody")
    page.get_by_label("Password").fill("not a real password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong username, e-mail or password.")


def test_german_browser_gets_the_german_interface(browser, live_server):
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.goto(live_server.url + "/login")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")
    context.close()
