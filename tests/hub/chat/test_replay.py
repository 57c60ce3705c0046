"""Reconnecting clients catch up from the database: in order, without gaps or duplicates."""

from hub.accounts import service as accounts
from hub.chat import service as chat
from tests.factories import make_user


def test_reconnect_replays_exactly_what_was_missed(room, connect, no_rate_limit):
    reader_user, writer_user = make_user("leser"), make_user("schreiber")
    writer = connect(writer_user)
    reader = connect(reader_user)
    reader.call("join", {"room": room.slug})
    for n in range(3):
        assert writer.call("chat", {"room": room.slug, "body": f"before {n}"})["ok"]
    seen = reader.wait_for(3)
    last_id = seen[-1]["id"]
    reader.disconnect()  # the network drops
    missed = [writer.call("chat", {"room": room.slug, "body": f"missed {n}"}) for n in range(4)]
    back = connect(reader_user)
    back.call("join", {"room": room.slug})
    replay = back.call("history", {"room": room.slug, "after": last_id})
    assert replay["ok"] and replay["more"] is False
    assert [m["id"] for m in replay["messages"]] == [a["message"]["id"] for a in missed]
    assert [m["html"].strip() for m in replay["messages"]] == [
        f"<p>missed {n}</p>" for n in range(4)
    ]
    ids = [m["id"] for m in seen] + [m["id"] for m in replay["messages"]]
    assert ids == sorted(set(ids))  # increasing: no duplicates, no reordering
    # Nothing newer: asking again from the newest id gives nothing.
    again = back.call("history", {"room": room.slug, "after": ids[-1]})
    assert again["messages"] == []


def test_history_pages_through_long_gaps(room, admin, app, no_rate_limit):
    writer = make_user("vielschreiber")
    sent = [chat.post_message(writer, room.slug, f"m{n}").id for n in range(230)]
    client = app.test_client()
    got, cursor = [], None
    while True:
        query = f"?after={sent[9]}" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(f"/api/v1/chat/rooms/{room.slug}/messages{query}").get_json()
        got += [m["id"] for m in page["items"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert got == sent[10:]


def test_socket_history_sets_more_when_a_batch_is_full(room, connect, no_rate_limit):
    writer = make_user("nochmehr")
    sent = [chat.post_message(writer, room.slug, f"m{n}").id for n in range(205)]
    client = connect(make_user("spaet"))
    first = client.call("history", {"room": room.slug, "after": 0})
    assert first["more"] is True and len(first["messages"]) == 200
    rest = client.call("history", {"room": room.slug, "after": first["messages"][-1]["id"]})
    assert rest["more"] is False
    assert [m["id"] for m in first["messages"] + rest["messages"]] == sent


def test_api_messages_are_the_same_objects_as_the_pushes(room, connect, client):
    writer = make_user("gleich")
    token = accounts.create_api_token(writer)
    ack = connect(writer).call("chat", {"room": room.slug, "body": "same **shape**"})
    items = client.get(
        f"/api/v1/chat/rooms/{room.slug}/messages?after=0",
        headers={"Authorization": f"Bearer {token}"},
    ).get_json()["items"]
    expected = dict(ack["message"])
    expected.pop("raw")
    # Profile URLs are absolute: the test client and the live server differ only in host.
    for message in [expected, *items]:
        message["author"] = {k: v for k, v in message["author"].items() if k != "url"}
    assert items == [expected]
