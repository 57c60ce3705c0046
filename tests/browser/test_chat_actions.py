"""Chat actions in real Chromium through the page: edit, delete, report, mute; unread counts."""

from playwright.sync_api import expect
from sqlalchemy import select

from hub.chat import messages as chat_messages
from hub.chat import service as chat
from hub.core.extensions import db
from hub.moderation.models import Flag
from tests.factories import PASSWORD, make_user


def _log_in(page, base_url: str, username: str) -> None:
    response = page.request.post(
        base_url + "/login", form={"login": username, "password": PASSWORD}, max_redirects=0
    )
    assert response.status == 302, response.text()


def _open(browser, base_url: str, username: str, errors: list[str]):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    _log_in(page, base_url, username)
    return context, page


def _message(page, text: str):
    return page.locator(".chat-message").filter(has_text=text)


def test_members_edit_delete_report_and_a_moderator_mutes(app, db, browser, live_server, page):
    eio = app.extensions["socketio"].server.eio
    previous_origins, eio.cors_allowed_origins = eio.cors_allowed_origins, [live_server.url]
    contexts, errors = [], []
    try:
        _actions(browser, live_server.url, page, contexts, errors)
    finally:
        for context in contexts:
            context.close()
        eio.cors_allowed_origins = previous_origins
    assert errors == []


def _actions(browser, url, page, contexts, errors) -> None:
    room = chat.create_room(make_user("chatadmin", role="admin"), "mobilfunk", "Mobilfunk")
    make_user("anna")
    bernd = make_user("bernd")
    make_user("petra", role="moderator")
    room_url = f"{url}/chat/{room.slug}"

    _log_in(page, url, "anna")
    page.goto(room_url)
    expect(page.locator("[data-chat]")).to_have_attribute("data-live", "on")
    page.get_by_label("Message").fill("My fone is broken")
    page.get_by_label("Message").press("Enter")

    # Anna fixes the typo inline, with the keyboard only.
    mine = _message(page, "My fone is broken")
    mine.get_by_role("button", name="Edit").click()
    editor = mine.get_by_label("Edit your message")
    expect(editor).to_be_focused()
    editor.fill("My phone is broken")
    editor.press("Enter")
    fixed = _message(page, "My phone is broken")
    expect(fixed).to_contain_text("(edited)")

    # ... and takes back a second message.
    page.get_by_label("Message").fill("Sorry, wrong room")
    page.get_by_role("button", name="Send").click()
    _message(page, "Sorry, wrong room").get_by_role("button", name="Delete").click()
    page.get_by_role("button", name="Delete message").click()
    expect(_message(page, "Sorry, wrong room")).to_have_count(0)
    expect(page.locator(".chat-message").filter(has_text="Message deleted")).to_have_count(1)

    # Bernd, in his own browser, sees the fixed text and reports it.
    other, second = _open(browser, url, "bernd", errors)
    contexts.append(other)
    second.goto(room_url)
    theirs = _message(second, "My phone is broken")
    theirs.get_by_role("button", name="Report").click()
    theirs.get_by_label("Spam or advertising").check()
    theirs.get_by_role("button", name="Send report").click()
    expect(theirs.get_by_role("status")).to_have_text("Thank you. The moderators will look at it.")
    flag = db.session.scalar(select(Flag).where(Flag.reporter_id == bernd.id))
    assert flag is not None and flag.reason == "spam"

    # Petra, a moderator, mutes Anna for ten minutes.
    third_context, third = _open(browser, url, "petra", errors)
    contexts.append(third_context)
    third.goto(room_url)
    target = _message(third, "My phone is broken")
    target.get_by_role("button", name="Mute author").click()
    target.get_by_label("Mute the author in this room for").select_option(label="10 minutes")
    target.get_by_label("Reason (the member reads it)").fill("Cool down, please")
    target.get_by_role("button", name="Mute", exact=True).click()
    expect(target.get_by_role("status")).to_contain_text("Muted until")

    # Anna is told at once, and trying to write shows until when and why.
    expect(page.locator("[data-chat-muted]")).to_contain_text("Cool down, please")
    page.get_by_label("Message").fill("Why?")
    page.get_by_role("button", name="Send").click()
    error = page.locator("[data-chat-error]")
    expect(error).to_contain_text("You are muted in this room until")
    expect(error).to_contain_text("Reason: Cool down, please")
    expect(_message(page, "Why?")).to_have_count(0)


def test_unread_counts_rise_live_and_reset_when_the_room_is_opened(
    app, db, browser, live_server, page
):
    eio = app.extensions["socketio"].server.eio
    previous_origins, eio.cors_allowed_origins = eio.cors_allowed_origins, [live_server.url]
    contexts, errors = [], []
    try:
        _unread(browser, live_server.url, page, contexts, errors)
    finally:
        for context in contexts:
            context.close()
        eio.cors_allowed_origins = previous_origins
    assert errors == []


def _unread(browser, url, page, contexts, errors) -> None:
    room = chat.create_room(make_user("chatadmin", role="admin"), "mobilfunk", "Mobilfunk")
    anna = make_user("anna")
    make_user("bernd")
    chat.post_message(anna, room.slug, "Good morning")

    # Bernd has opened the room once, so he follows it; now he is on the room list.
    other, second = _open(browser, url, "bernd", errors)
    contexts.append(other)
    second.goto(f"{url}/chat/{room.slug}")
    second.goto(f"{url}/chat/")
    expect(second.locator("[data-chat-nav]")).to_have_attribute("data-live", "on")
    item = second.locator('[data-chat-room-item="mobilfunk"] [data-chat-unread]')
    nav = second.locator("[data-chat-nav-unread]")
    expect(item).to_be_hidden()

    _log_in(page, url, "anna")
    page.goto(f"{url}/chat/{room.slug}")
    expect(page.locator("[data-chat]")).to_have_attribute("data-live", "on")
    for text in ("Network down in Ehrenfeld?", "Since 9 o'clock"):
        page.get_by_label("Message").fill(text)
        page.get_by_label("Message").press("Enter")
        expect(_message(page, text)).to_have_count(1)

    expect(item).to_have_text("2 unread")
    expect(nav).to_have_text("2 unread")

    second.get_by_role("link", name="Mobilfunk").click()
    expect(_message(second, "Since 9 o'clock")).to_have_count(1)
    expect(second.locator("[data-chat-nav-unread]")).to_be_hidden()
    second.goto(f"{url}/chat/")
    expect(second.locator('[data-chat-room-item="mobilfunk"] [data-chat-unread]')).to_be_hidden()


def test_an_expert_turns_a_private_question_into_a_public_one_with_consent(
    app, db, browser, live_server, page
):
    eio = app.extensions["socketio"].server.eio
    previous_origins, eio.cors_allowed_origins = eio.cors_allowed_origins, [live_server.url]
    contexts, errors = [], []
    try:
        _conversion(browser, live_server.url, page, contexts, errors)
    finally:
        for context in contexts:
            context.close()
        eio.cors_allowed_origins = previous_origins
    assert errors == []


def _conversion(browser, url, page, contexts, errors) -> None:
    from tests.factories import make_category

    make_category("tarife")
    owner, expert = make_user("kundin"), make_user("kai", role="expert")
    line = chat.open_private_line(owner)
    chat.post_message(owner, line.slug, "Which plan fits me? My number is 4711.")
    chat.post_message(expert, line.slug, "The M plan: 20 GB for 15 euros.")

    _log_in(page, url, "kundin")
    page.goto(f"{url}/chat/{line.slug}")
    expect(page.locator("[data-chat]")).to_have_attribute("data-live", "on")

    team_context, team = _open(browser, url, "kai", errors)
    contexts.append(team_context)
    team.goto(f"{url}/chat/{line.slug}")
    asked = _message(team, "Which plan fits me?")
    asked.get_by_role("button", name="Turn into a public question").click()
    asked.get_by_label("Title").fill("Which plan fits me?")
    asked.get_by_label("Question").fill("Which plan fits me?")
    expect(asked.get_by_label("Answer")).to_have_value("The M plan: 20 GB for 15 euros.")
    asked.get_by_role("button", name="Ask the member to agree").click()
    expect(asked.get_by_role("status")).to_contain_text("the member is asked to agree")

    # The member sees exactly what would be published, without the customer number.
    proposal = page.locator(".chat-proposal")
    expect(proposal).to_contain_text("The M plan: 20 GB for 15 euros.")
    expect(proposal).not_to_contain_text("4711")
    proposal.get_by_role("button", name="Agree and publish").click()
    proposal.get_by_role("link", name="Published: read the public question").click()
    expect(page.locator("h1")).to_contain_text("Which plan fits me?")


def test_the_rate_limit_is_explained_in_the_page(app, db, browser, live_server, page):
    eio = app.extensions["socketio"].server.eio
    previous_origins, eio.cors_allowed_origins = eio.cors_allowed_origins, [live_server.url]
    try:
        room = chat.create_room(make_user("chatadmin", role="admin"), "mobilfunk", "Mobilfunk")
        anna = make_user("anna")
        _log_in(page, live_server.url, "anna")
        page.goto(f"{live_server.url}/chat/{room.slug}")
        expect(page.locator("[data-chat]")).to_have_attribute("data-live", "on")
        for n in range(chat_messages.RATE_COUNT):  # just now, from another of her devices
            chat.post_message(anna, room.slug, f"message {n}")
        box = page.get_by_label("Message")
        box.fill("one too many")
        box.press("Enter")
        expect(page.locator("[data-chat-error]")).to_contain_text(
            "You are sending messages too fast"
        )
        expect(box).to_have_value("one too many")  # nothing lost: it can be sent again later
    finally:
        eio.cors_allowed_origins = previous_origins
