"""The /live Socket.IO namespace: who is connected, and from where connections are refused."""

import pytest
import socketio

from hub.accounts import service as accounts
from tests.factories import make_category, make_topic, make_user


def connect(url: str, token: str | None = None, origin: str | None = None) -> socketio.Client:
    """A real Socket.IO client. Over WebSocket the client sends the page's own origin; a foreign
    origin is tested over HTTP long-polling, where the header is exactly what we set."""
    client = socketio.Client(reconnection=False)
    query = f"?token={token}" if token else ""
    transport = (
        {"transports": ["polling"], "headers": {"Origin": origin}}
        if origin
        else {"transports": ["websocket"]}
    )
    client.connect(url + query, namespaces=["/live"], wait_timeout=5, **transport)
    return client


def test_token_connection_receives_its_own_notifications(app, db, live_server):
    user = make_user("hanna")
    token = accounts.create_api_token(user)
    client = connect(live_server.url, token=token)
    received = []
    client.on("notification", received.append, namespace="/live")
    from hub.realtime import rooms as realtime

    realtime.notify_user(user.id, {"text": "hello"})
    client.sleep(0.5)
    client.disconnect()
    assert received == [{"text": "hello"}]


def test_invalid_token_is_refused(app, db, live_server):
    with pytest.raises(socketio.exceptions.ConnectionError):
        connect(live_server.url, token="not-a-token")


def test_foreign_origin_is_refused(app, db, live_server):
    with pytest.raises(socketio.exceptions.ConnectionError):
        connect(live_server.url, origin="https://evil.example")


def test_visitor_may_follow_a_public_topic_but_not_a_private_one(app, db, live_server):
    public = make_topic()
    secret = make_topic(make_user(role="expert"), make_category(private=True))
    client = connect(live_server.url)
    ack = client.call("join", {"room": f"topic:{public.id}"}, namespace="/live", timeout=5)
    refused = client.call("join", {"room": f"topic:{secret.id}"}, namespace="/live", timeout=5)
    bad = client.call("join", {"room": "admin"}, namespace="/live", timeout=5)
    client.disconnect()
    assert ack == {"ok": True}
    assert refused["error"]["code"] == "not_found"
    assert bad["ok"] is False and bad["error"]["code"] == "unknown_room"


def test_joining_after_the_connection_closed_is_no_error(app, db):
    """A reader who leaves at once: the join is handled after the socket is gone."""
    from flask import request

    from hub.realtime import rooms as realtime

    with app.test_request_context():
        request.sid, request.namespace = "already-gone", "/live"
        assert realtime.join(realtime.topic_room(make_topic().id)) is False


def test_a_connected_reader_joins(app, db, live_server):
    topic = make_topic()
    client = connect(live_server.url)
    answer = client.call("join", {"room": f"topic:{topic.id}"}, namespace="/live", timeout=5)
    client.disconnect()
    assert answer == {"ok": True}
