"""/healthz tells the truth about this process's Redis subscription, and broadcasts cross
processes again after the subscription's connection was killed."""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis

from hub.accounts import service as accounts
from hub.chat import service as chat
from tests.factories import make_user
from tests.hub.chat.conftest import Client
from tests.services import free_port, require_redis

ROOT = Path(__file__).resolve().parents[3]


def _healthz(url: str) -> dict:
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=5) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:  # 503 still carries the parts
        return json.load(error)


def _wait_healthy(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server at {url} exited with {process.returncode}")
        try:
            _healthz(url)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server at {url} did not answer within 30 s")


@pytest.fixture
def servers(app, tmp_path):
    """Two hub processes on Redis; yields (urls, log files) and stops them afterwards."""
    redis_url = require_redis()
    processes, urls, logs = [], [], []
    for n in range(2):
        port = free_port()
        url, log = f"http://127.0.0.1:{port}", tmp_path / f"server{n}.log"
        env = dict(
            os.environ,
            HUB_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
            HUB_REDIS_URL=redis_url,
            HUB_INSTANCE_PATH=str(tmp_path / f"p{n}"),
            HUB_SECRET_KEY="test-secret",
            HUB_WORKER="off",
            HUB_BASE_URL=url,
        )
        with log.open("wb") as out:
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "tests.hub.chat.run_server", str(port)],
                    cwd=ROOT,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            )
        urls.append(url)
        logs.append(log)
    try:
        for url, process in zip(urls, processes, strict=True):
            _wait_healthy(url, process)
        yield urls, logs
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _listener(url: str, until, timeout: float = 15.0) -> dict:
    """The redis_listener part of /healthz once `until(part)` holds (or the last one seen)."""
    deadline = time.monotonic() + timeout
    part = _healthz(url)["parts"]["redis_listener"]
    while not until(part) and time.monotonic() < deadline:
        time.sleep(0.2)
        part = _healthz(url)["parts"]["redis_listener"]
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


def test_subscription_is_reported_and_survives_a_killed_connection(app, db, servers):
    urls, logs = servers
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
        log = logs[1].read_text()
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


def test_listener_not_started_before_the_first_socket(app, db, servers):
    urls, _logs = servers
    part = _healthz(urls[0])["parts"]["redis_listener"]
    assert part == {
        "ok": True,
        "listener": "not started",
        "subscribed": False,
        "async_mode": "threading",
    }
