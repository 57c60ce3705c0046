"""/healthz tells the truth about this process's Redis subscription, and broadcasts cross
processes again after the subscription's connection was killed."""

import time
import uuid

import redis

from hub.accounts import service as accounts
from hub.chat import service as chat
from tests.factories import make_user
from tests.hub.chat.conftest import Client
from tests.servers import healthz
from tests.services import require_redis


def _listener(url: str, until, timeout: float = 15.0) -> dict:
    """The redis_listener part of /healthz once `until(part)` holds (or the last one seen)."""
    deadline = time.monotonic() + timeout
    part = healthz(url)["parts"]["redis_listener"]
    while not until(part) and time.monotonic() < deadline:
        time.sleep(0.2)
        part = healthz(url)["parts"]["redis_listener"]
    return part


def _in_redis(connection: str) -> bool:
    """Does Redis itself list this connection as subscribed?"""
    probe = redis.Redis.from_url(require_redis(), decode_responses=True)
    return any(
        entry["id"] == connection and int(entry["sub"]) > 0
        for entry in probe.client_list(_type="pubsub")
    )


def _settled(url: str, old: str) -> dict:
    """The listener's part once it reports a new connection that stays put for a while (the
    Redis client re-opens the dropped connection at once, python-socketio replaces it a second
    later with a fresh subscription)."""
    part = _listener(url, lambda p: p.get("connection") not in (None, old))
    while True:
        time.sleep(1.5)
        again = _listener(url, lambda p: p.get("connection") not in (None, old))
        if again["connection"] == part["connection"]:
            return again
        part = again


def _wait(condition, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()


def test_subscription_is_reported_and_survives_a_killed_connection(app, db, two_hubs):
    urls = [hub.url for hub in two_hubs]
    admin = make_user("listener_admin", role="admin")
    room = chat.create_room(admin, f"listen-{uuid.uuid4().hex[:8]}", "Listener", "")
    bernd = make_user("bernd")
    sender = Client(urls[0], accounts.create_api_token(make_user("anna")))
    reader = Client(urls[1], accounts.create_api_token(bernd))
    try:
        assert sender.call("join", {"room": room.slug})["ok"]
        assert reader.call("join", {"room": room.slug})["ok"]
        before = _listener(urls[1], lambda part: part.get("subscribed"))
        assert before["ok"] and before["listener"] == "alive" and before["subscribed"]
        assert _in_redis(before["connection"])

        # Kill only this process's subscription (other hubs may share this Redis).
        probe = redis.Redis.from_url(require_redis())
        assert probe.client_kill_filter(_id=before["connection"]) == 1

        after = _settled(urls[1], before["connection"])
        assert after["ok"] and after["subscribed"] and after["reconnects"] >= 1
        assert _in_redis(after["connection"])  # the report matches what Redis sees
        log = two_hubs[1].log.read_text()
        assert "Cannot receive from redis" in log and "Redis listener subscribed again" in log
        # Broadcasts of the gap never reached this process: its clients are sent to replay.
        assert _wait(lambda: not reader.sio.connected)

        reader = Client(urls[1], accounts.create_api_token(bernd))
        assert reader.call("join", {"room": room.slug})["ok"]
        sent = sender.call("chat", {"room": room.slug, "body": "after the reconnect"})
        assert sent["ok"]
        assert [m["id"] for m in reader.wait_for(1)] == [sent["message"]["id"]]
    finally:
        sender.disconnect()
        reader.disconnect()


def test_listener_not_started_before_the_first_socket(app, db, two_hubs):
    part = healthz(two_hubs[0].url)["parts"]["redis_listener"]
    assert part == {
        "ok": True,
        "listener": "not started",
        "subscribed": False,
        "async_mode": "threading",
    }
