"""The private line: the member and the team read it; other members never, by any path."""

import pytest

from hub.accounts import service as accounts
from hub.chat import service as chat
from tests.factories import make_user


@pytest.fixture
def line(app, db):
    owner = make_user("kunde")
    room = chat.open_private_line(owner)
    message = chat.post_message(owner, room.slug, "Meine Kundennummer ist 4711")
    return owner, room, message


def _bearer(user) -> dict:
    return {"Authorization": f"Bearer {accounts.create_api_token(user)}"}


def test_a_member_has_one_private_line(line):
    owner, room, _message = line
    assert chat.open_private_line(owner).id == room.id
    assert room.is_private and room.slug.startswith("team-")


def test_the_team_cannot_open_a_private_line(app, db):
    from hub.core.errors import Forbidden

    with pytest.raises(Forbidden):
        chat.open_private_line(make_user("jana", role="expert"))


def test_any_expert_reads_and_answers_and_the_member_sees_who(line, connect):
    owner, room, message = line
    member, expert = connect(owner), connect(make_user("kai", role="expert"))
    assert member.call("join", {"room": room.slug})["ok"]
    joined = expert.call("join", {"room": room.slug})
    assert joined["ok"] and joined["room"]["private"] is True
    history = expert.call("history", {"room": room.slug, "after": 0})
    assert [m["id"] for m in history["messages"]] == [message.id]
    answer = expert.call("chat", {"room": room.slug, "body": "Danke, ich schaue nach."})
    assert answer["ok"]
    [pushed] = member.wait_for(1)
    assert pushed["author"]["username"] == "kai" and pushed["author"]["is_expert"] is True


def test_another_member_can_never_read_it_over_the_socket(line, connect):
    _owner, room, message = line
    snoop = connect(make_user("neugierig"))
    assert snoop.call("join", {"room": room.slug})["error"]["code"] == "unknown_room"
    assert snoop.call("history", {"room": room.slug, "after": 0})["error"]["code"] == "not_found"
    assert snoop.call("chat", {"room": room.slug, "body": "hi"})["error"]["code"] == "not_found"
    assert snoop.call("typing", {"room": room.slug})["ok"] is False
    edit = snoop.call("edit", {"id": message.id, "body": "mine now"})
    assert edit["error"]["code"] == "not_found"
    assert snoop.call("delete", {"id": message.id})["error"]["code"] == "not_found"
    visitor = connect()
    assert visitor.call("join", {"room": room.slug})["ok"] is False
    assert snoop.received() == [] and visitor.received() == []


def test_another_member_can_never_read_it_over_the_api(line, client):
    owner, room, message = line
    snoop = make_user("neugierig")
    for headers in (_bearer(snoop), {}):
        rooms = client.get("/api/v1/chat/rooms", headers=headers).get_json()["items"]
        assert room.slug not in [r["slug"] for r in rooms]
        response = client.get(f"/api/v1/chat/rooms/{room.slug}/messages", headers=headers)
        assert response.status_code == 404
        assert "4711" not in response.get_data(as_text=True)
    # Guessing message ids: reporting (the one id-addressed endpoint) answers as if none existed.
    for guess in (message.id, message.id + 1, 0, 2**62):
        response = client.post(
            f"/api/v1/chat/messages/{guess}/flags",
            json={"reason": "spam"},
            headers=_bearer(snoop),
        )
        assert response.status_code == 404
    own = client.get(f"/api/v1/chat/rooms/{room.slug}/messages", headers=_bearer(owner))
    assert [m["id"] for m in own.get_json()["items"]] == [message.id]


def test_the_chat_page_of_a_private_line_is_not_found_for_others(line, client, login):
    _owner, room, _message = line
    login(make_user("neugierig"))
    assert client.get(f"/chat/{room.slug}").status_code == 404
    assert room.slug not in client.get("/chat/").get_data(as_text=True)


def test_experts_see_every_private_line_in_the_room_list(line, client):
    _owner, room, _message = line
    expert = make_user("jana", role="expert")
    rooms = client.get("/api/v1/chat/rooms", headers=_bearer(expert)).get_json()["items"]
    assert room.slug in [r["slug"] for r in rooms]
