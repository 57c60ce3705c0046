"""The chat page after something went wrong on the way, in real Chromium: a message whose
answer was lost is stored once when sent again, and a catch-up the hub could not answer at
once is asked again."""

import pytest
from playwright.sync_api import expect

from hub.chat import publish
from hub.chat import service as chat
from hub.chat.models import ChatMessage
from hub.core.extensions import db
from tests.browser.test_chat import _log_in
from tests.factories import make_user


@pytest.fixture
def room_page(app, db, live_server, page):
    """Anna on the live page of a room; the hub accepts sockets from this server's pages."""
    eio = app.extensions["socketio"].server.eio
    previous, eio.cors_allowed_origins = eio.cors_allowed_origins, [live_server.url]
    room = chat.create_room(make_user("roomadmin", role="admin"), "ausfall", "Ausfall", "")
    make_user("anna")
    _log_in(page, live_server.url, "anna")
    page.goto(f"{live_server.url}/chat/{room.slug}")
    expect(page.locator("[data-chat]")).to_have_attribute("data-live", "on")
    yield page, room.slug
    eio.cors_allowed_origins = previous


def _fail_once(monkeypatch, module, name: str, when=lambda *args: True) -> None:
    """The next call of module.name (for which `when` holds) raises, as a dropped database
    connection would; then it works again."""
    original, calls = getattr(module, name), []

    def once(*args, **kwargs):
        if not calls and when(*args):
            calls.append(1)
            raise RuntimeError("the database went away")
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, once)


def test_a_message_whose_answer_failed_is_stored_once_when_sent_again(room_page, monkeypatch):
    page, _slug = room_page
    # Stored, then the answer fails; only for this message, not the page's own catch-up.
    _fail_once(monkeypatch, publish, "message_json", lambda message: "Nippes" in message.raw)

    page.get_by_label("Message").fill("Line down in Nippes since 8:00")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("[data-chat-error]")).to_be_visible()
    expect(page.get_by_label("Message")).to_have_value("Line down in Nippes since 8:00")
    page.get_by_role("button", name="Send").click()

    sent = page.locator(".chat-message").filter(has_text="Line down in Nippes")
    expect(sent).to_have_count(1)
    expect(page.get_by_label("Message")).to_have_value("")
    assert db.session.query(ChatMessage).count() == 1


def test_a_catch_up_the_hub_could_not_answer_is_asked_again(room_page, monkeypatch):
    page, slug = room_page
    # Not during the upgrade to a WebSocket: Chromium would log closing it half-open.
    page.wait_for_function("() => window.hubSocket.io.engine.transport.name === 'websocket'")
    page.evaluate("window.hubSocket.disconnect()")
    expect(page.locator("[data-chat]")).to_have_attribute("data-live", "off")
    chat.post_message(make_user("bernd"), slug, "Technician is on the way")
    _fail_once(monkeypatch, chat, "messages_after")

    page.evaluate("window.hubSocket.connect()")

    expect(page.locator(".chat-message").filter(has_text="Technician is on the way")).to_have_count(
        1, timeout=10_000
    )
