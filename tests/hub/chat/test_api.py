"""GET /api/v1/chat/rooms and the chat pages."""

from hub.accounts import service as accounts
from hub.chat import service as chat
from tests.factories import make_user


def test_rooms_list_has_the_documented_fields(room, client):
    body = client.get("/api/v1/chat/rooms").get_json()
    assert body["next"] is None
    [item] = body["items"]
    assert {
        "slug",
        "name",
        "description",
        "private",
        "online_count",
        "team_online",
        "unread",
    } <= set(item)
    assert item["slug"] == room.slug and item["private"] is False


def test_unread_counts_messages_of_others_since_last_read(room, client):
    reader = make_user("leser")
    token = accounts.create_api_token(reader)
    writer = make_user("schreiber")
    chat.mark_read(reader, room.slug, chat.post_message(writer, room.slug, "hello").id)
    for n in range(3):
        chat.post_message(writer, room.slug, f"news {n}")
    headers = {"Authorization": f"Bearer {token}"}
    [item] = client.get("/api/v1/chat/rooms", headers=headers).get_json()["items"]
    assert item["unread"] == 3
    newest = chat.latest_messages(reader, room.slug)[-1].id
    chat.mark_read(reader, room.slug, newest)
    [item] = client.get("/api/v1/chat/rooms", headers=headers).get_json()["items"]
    assert item["unread"] == 0


def test_a_room_never_opened_counts_no_unread_messages(room, client):
    token = accounts.create_api_token(make_user("neu"))
    chat.post_message(make_user("schreiber"), room.slug, "old news")
    headers = {"Authorization": f"Bearer {token}"}
    [item] = client.get("/api/v1/chat/rooms", headers=headers).get_json()["items"]
    assert item["unread"] == 0


def test_sending_over_the_api_needs_a_token_and_a_body(room, client):
    assert client.post(f"/api/v1/chat/rooms/{room.slug}/messages", json={"body": "x"}).status_code
    token = accounts.create_api_token(make_user("sender"))
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/chat/rooms/{room.slug}/messages"
    assert client.post(url, json={"body": 5}, headers=headers).status_code == 400
    assert client.post(url, json={"body": "  "}, headers=headers).status_code == 422
    created = client.post(url, json={"body": "hello"}, headers=headers)
    assert created.status_code == 201 and created.get_json()["raw"] == "hello"


def test_bad_after_is_a_422_not_a_500(room, client):
    url = f"/api/v1/chat/rooms/{room.slug}/messages"
    assert client.get(url + "?after=abc").status_code == 422
    assert client.get(url + "?after=-1").status_code == 422
    assert client.get("/api/v1/chat/rooms/%00/messages").status_code == 404


def test_chat_pages_render(room, client, login):
    chat.post_message(make_user("autor"), room.slug, "**hello** room")
    assert "Störungen live" in client.get("/chat/").get_data(as_text=True)
    page = client.get(f"/chat/{room.slug}").get_data(as_text=True)
    assert "<strong>hello</strong>" in page and "data-chat-composer" not in page
    login(make_user("member"))
    page = client.get(f"/chat/{room.slug}").get_data(as_text=True)
    assert "data-chat-composer" in page
    assert "Ask the team privately" in client.get("/chat/").get_data(as_text=True)
    opened = client.post("/chat/private")
    assert opened.status_code == 302 and "/chat/team-" in opened.headers["Location"]
