"""The documented production server: gunicorn's gevent worker, two processes on Redis, on the
test database (SQLite, or PostgreSQL through psycopg, which cooperates with gevent's patching).
"""

import uuid

import pytest

from hub.accounts import service as accounts
from hub.chat import service as chat
from tests.factories import make_user
from tests.hub.chat.conftest import Client
from tests.servers import GEVENT, healthz
from tests.services import require_redis

pytest.importorskip("gevent", reason="gevent mode needs the gevent extra")


@pytest.fixture
def gevent_hubs(start_hubs):
    """Two hub processes under gunicorn's gevent worker, sharing the machine's Redis."""
    return start_hubs(2, mode=GEVENT, redis_url=require_redis())


def test_chat_crosses_two_gevent_processes(app, db, gevent_hubs):
    urls = [hub.url for hub in gevent_hubs]
    admin = make_user("gevent_admin", role="admin")
    room = chat.create_room(admin, f"gevent-{uuid.uuid4().hex[:8]}", "Gevent", "")
    anna, bernd = make_user("anna"), make_user("bernd", role="expert")
    first = Client(urls[0], accounts.create_api_token(anna))
    second = Client(urls[1], accounts.create_api_token(bernd))
    try:
        assert first.call("join", {"room": room.slug})["ok"]
        assert second.call("join", {"room": room.slug})["room"]["online_count"] == 2
        sent = first.call("chat", {"room": room.slug, "body": "hello from a **greenlet**"})
        assert sent["ok"] and "<strong>greenlet</strong>" in sent["message"]["html"]
        assert [m["id"] for m in second.wait_for(1)] == [sent["message"]["id"]]
        answer = second.call("chat", {"room": room.slug, "body": "answered"})
        assert [m["id"] for m in first.wait_for(2)][1] == answer["message"]["id"]
        history = second.call("history", {"room": room.slug, "after": 0})
        assert [m["id"] for m in history["messages"]] == [
            sent["message"]["id"],
            answer["message"]["id"],
        ]
        for url in urls:
            health = healthz(url)
            assert health["status"] == "ok", health
            listener = health["parts"]["redis_listener"]
            assert listener["ok"] and listener["listener"] == "alive" and listener["subscribed"]
            assert listener["async_mode"] == "gevent"  # chosen by the worker, not configured
    finally:
        first.disconnect()
        second.disconnect()
    assert not any("Traceback" in hub.log.read_text() for hub in gevent_hubs)
