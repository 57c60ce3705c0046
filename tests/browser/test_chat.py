"""Live chat in real Chromium: two people in one room, each in their own browser context."""

from playwright.sync_api import expect

from hub.chat import service as chat
from tests.factories import PASSWORD, make_user


def _log_in(page, base_url: str, username: str) -> None:
    """Log the page's browser context in (the login form has its own journey tests)."""
    response = page.request.post(
        base_url + "/login",
        form={"login": username, "password": PASSWORD},
        max_redirects=0,
    )
    assert response.status == 302, response.text()


def test_a_message_appears_for_the_other_member_without_a_reload(
    app, db, browser, live_server, page
):
    # Other socket tests in this session may have pinned the allowed origin to their server.
    eio = app.extensions["socketio"].server.eio
    previous_origins, eio.cors_allowed_origins = eio.cors_allowed_origins, [live_server.url]
    try:
        _conversation(browser, live_server, page)
    finally:
        eio.cors_allowed_origins = previous_origins


def _conversation(browser, live_server, page) -> None:
    admin = make_user("chatadmin", role="admin")
    room = chat.create_room(admin, "stoerungen-live", "Störungen live", "Outages")
    chat.post_message(make_user("expertin", role="expert"), room.slug, "Welcome to the room")
    make_user("anna")
    make_user("bernd")

    _log_in(page, live_server.url, "anna")
    page.goto(live_server.url + "/chat/")
    page.get_by_role("link", name="Störungen live").click()
    expect(page.locator("[data-chat]")).to_have_attribute("data-live", "on")

    other = browser.new_context(locale="en-US")
    errors: list[str] = []
    second = other.new_page()
    second.on("pageerror", lambda error: errors.append(str(error)))
    _log_in(second, live_server.url, "bernd")
    second.goto(f"{live_server.url}/chat/{room.slug}")
    expect(second.locator("[data-chat]")).to_have_attribute("data-live", "on")
    expect(second.locator("[data-chat-online]")).to_have_text("2 online")
    expect(page.locator("[data-chat-online]")).to_have_text("2 online")

    # Bernd starts typing: Anna sees it; then he sends, and Anna sees the message.
    second.get_by_label("Message").fill("Is the DSL down in **Ehrenfeld**?")
    expect(page.locator("[data-chat-typing]")).to_contain_text("is typing")
    second.get_by_role("button", name="Send").click()
    expect(second.get_by_label("Message")).to_have_value("")
    message = page.locator(".chat-message").filter(has_text="Is the DSL down in")
    expect(message).to_have_count(1)
    expect(message.locator("strong")).to_have_text("Ehrenfeld")
    expect(second.locator(".chat-message").filter(has_text="Is the DSL down in")).to_have_count(1)

    # Anna answers with Enter; Bernd sees it once.
    page.get_by_label("Message").fill("Yes, here too.")
    page.get_by_label("Message").press("Enter")
    expect(second.locator(".chat-message").filter(has_text="Yes, here too.")).to_have_count(1)
    expect(page.locator(".chat-message").filter(has_text="Yes, here too.")).to_have_count(1)
    other.close()
    assert errors == []
