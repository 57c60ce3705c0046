"""Two real server processes share one room through Redis: messages, presence and typing cross."""

import os
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from hub.accounts import service as accounts
from hub.chat import service as chat
from tests.factories import make_user
from tests.hub.chat.conftest import Client
from tests.services import free_port, require_redis

ROOT = Path(__file__).resolve().parents[3]


def _start(port: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.hub.chat.run_server", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server at {url} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server at {url} did not answer within 30 s")


@pytest.fixture
def two_servers(app, database_url, tmp_path):
    redis_url = require_redis()
    processes, urls = [], []
    for n in range(2):
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        env = dict(
            os.environ,
            HUB_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
            HUB_REDIS_URL=redis_url,
            HUB_INSTANCE_PATH=str(tmp_path / f"p{n}"),
            HUB_SECRET_KEY="test-secret",
            HUB_WORKER="off",
            HUB_BASE_URL=url,
        )
        processes.append(_start(port, env))
        urls.append(url)
    try:
        for url, process in zip(urls, processes, strict=True):
            _wait(url, process)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def test_messages_presence_and_typing_cross_between_processes(app, db, two_servers):
    admin = make_user("fanout_admin", role="admin")
    slug = f"fanout-{uuid.uuid4().hex[:8]}"  # presence lives in the shared Redis: a fresh room
    room = chat.create_room(admin, slug, "Fan-out", "")
    anna, bernd = make_user("anna"), make_user("bernd", role="expert")
    first = Client(two_servers[0], accounts.create_api_token(anna))
    second = Client(two_servers[1], accounts.create_api_token(bernd))
    try:
        assert first.call("join", {"room": room.slug})["ok"]
        joined = second.call("join", {"room": room.slug})
        # Presence is counted across both processes.
        assert joined["room"]["online_count"] == 2 and joined["room"]["team_online"] is True
        # The first client hears of the second one (joins are announced at most once a second).
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not any(
            p["online_count"] == 2 and p["team_online"] for p in first.received("presence")
        ):
            time.sleep(0.05)
        assert any(p["online_count"] == 2 for p in first.received("presence"))

        sent = first.call("chat", {"room": room.slug, "body": "from process one"})
        assert sent["ok"]
        [crossed] = second.wait_for(1)
        assert crossed["id"] == sent["message"]["id"]

        answer = second.call("chat", {"room": room.slug, "body": "answered from process two"})
        received = first.wait_for(2)
        assert [m["id"] for m in received] == [sent["message"]["id"], answer["message"]["id"]]

        assert second.call("typing", {"room": room.slug})["ok"]
        [typing] = first.wait_for(1, "typing")
        assert typing["user"]["username"] == "bernd"
    finally:
        first.disconnect()
        second.disconnect()
