"""Unread counts per room: one query for all rooms, live over the page's socket, reset on read;
the team's live count of private lines waiting for an answer."""

import pytest
from sqlalchemy import event

from hub.chat import queries, unread
from hub.chat import service as chat
from hub.core.extensions import db
from tests.factories import make_user


@pytest.fixture
def rooms(admin):
    return [chat.create_room(admin, f"raum-{n}", f"Raum {n}") for n in range(5)]


def _statements(run) -> int:
    seen = []

    def count(*args):
        seen.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len([s for s in seen if "chat_messages" in s])


def test_the_counts_of_all_rooms_take_one_query(rooms, no_rate_limit):
    reader, writer = make_user("leser"), make_user("schreiber")
    for n, room in enumerate(rooms):
        chat.mark_read(reader, room.slug, chat.post_message(writer, room.slug, "hallo").id)
        for i in range(n):
            chat.post_message(writer, room.slug, f"neu {i}")
    chat.post_message(reader, rooms[4].slug, "my own message is never unread")
    db.session.expire_all()
    items = []
    assert _statements(lambda: items.extend(queries.rooms_json(reader, rooms))) == 1
    assert [item["unread"] for item in items] == [0, 1, 2, 3, 0]
    assert unread.total(reader) == 6


def test_deleted_messages_are_not_unread(room):
    reader, writer = make_user("leser"), make_user("schreiber")
    chat.mark_read(reader, room.slug, chat.post_message(writer, room.slug, "hallo").id)
    gone = chat.post_message(writer, room.slug, "oops")
    chat.post_message(writer, room.slug, "news")
    chat.delete_message(writer, gone.id)
    assert unread.counts(reader, [room]) == {room.id: 1}


def test_counts_rise_live_and_reset_on_every_page_when_read(room, connect, no_rate_limit):
    reader, writer = make_user("leser"), make_user("schreiber")
    chat.mark_read(reader, room.slug, chat.post_message(writer, room.slug, "hallo").id)
    tab, other_tab = connect(reader), connect(reader)
    start = tab.call("chat_watch", {})
    assert start["ok"] and start["rooms"][room.slug]["unread"] == 0
    assert start["waiting"] is None  # members do not see the team's counter
    other_tab.call("chat_watch", {})
    before = start["rooms"][room.slug]["count"]

    sender = connect(writer)
    for n in range(3):
        assert sender.call("chat", {"room": room.slug, "body": f"news {n}"})["ok"]
    activity = tab.wait_for(1, "chat_activity")[0]  # pushes within ACTIVITY_DELAY coalesce
    tab.sio.sleep(unread.ACTIVITY_DELAY + 0.3)
    counts = [e["count"] for e in tab.received("chat_activity") if e["room"] == room.slug]
    assert activity["room"] == room.slug and max(counts) == before + 3

    newest = chat.latest_messages(reader, room.slug)[-1].id
    assert tab.call("read", {"room": room.slug, "id": newest})["ok"]
    for page in (tab, other_tab):
        [read] = page.wait_for(1, "chat_read")
        assert read == {"room": room.slug, "unread": 0, "count": before + 3}


def test_a_private_line_moves_only_for_its_member_and_the_team(app, db, connect):
    owner, stranger = make_user("kundin"), make_user("fremd")
    expert = make_user("kai", role="expert")
    line = chat.open_private_line(owner)
    pages = {name: connect(user) for name, user in [("owner", owner), ("stranger", stranger)]}
    pages["expert"] = connect(expert)
    for page in pages.values():
        assert page.call("chat_watch", {})["ok"]
    chat.post_message(expert, line.slug, "Hello, how can we help?")
    assert pages["owner"].wait_for(1, "chat_activity")[0]["room"] == line.slug
    assert pages["expert"].wait_for(1, "chat_activity")[0]["room"] == line.slug
    pages["stranger"].sio.sleep(unread.ACTIVITY_DELAY + 0.5)
    assert pages["stranger"].received("chat_activity") == []
    assert unread.counts(owner, [line]) == {line.id: 1}


def test_the_team_sees_lines_waiting_for_an_answer_live(app, db, connect):
    owner, expert = make_user("kundin"), make_user("kai", role="expert")
    line = chat.open_private_line(owner)
    team_page = connect(expert)
    assert team_page.call("chat_watch", {})["waiting"] == 0
    chat.post_message(owner, line.slug, "My router blinks red")
    chat.post_message(owner, line.slug, "Still red")
    assert team_page.wait_for(2, "chat_waiting")[-1] == {"waiting": 1}
    assert unread.waiting_count() == 1
    chat.post_message(expert, line.slug, "Let me look")
    assert team_page.wait_for(3, "chat_waiting")[-1] == {"waiting": 0}


def test_the_navigation_shows_the_unread_count(room, client, login):
    reader, writer = make_user("leser"), make_user("schreiber")
    chat.mark_read(reader, room.slug, chat.post_message(writer, room.slug, "hallo").id)
    chat.post_message(writer, room.slug, "news")
    chat.post_message(writer, room.slug, "more news")
    login(reader)
    page = client.get("/chat/").get_data(as_text=True)
    assert 'data-chat-nav-unread class="badge"><span data-count>2</span>' in page
    assert 'data-chat-room-item="stoerungen-live"' in page
    client.get(f"/chat/{room.slug}")
    page = client.get("/chat/").get_data(as_text=True)
    assert "data-chat-nav-unread hidden><span data-count>0</span>" in page


def test_the_team_sees_the_waiting_count_in_the_navigation(app, db, client, login):
    owner = make_user("kundin")
    chat.post_message(owner, chat.open_private_line(owner).slug, "Hello?")
    login(make_user("kai", role="expert"))
    page = client.get("/chat/").get_data(as_text=True)
    badge = page.split("data-chat-nav-waiting", 1)[1].split("</span></span>", 1)[0]
    assert 'class="badge badge-team"' in badge and "<span data-count>1" in badge
    assert "<strong data-chat-waiting>1</strong>" in page
    assert page.count("Waiting for the team") == 1
