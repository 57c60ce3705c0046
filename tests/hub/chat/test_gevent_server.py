"""The documented production server: gunicorn's gevent worker, two processes on Redis, on the
test database (SQLite, or PostgreSQL through psycopg, which cooperates with gevent's patching).
"""

import json
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
pytest.importorskip("gevent", reason="gevent mode needs the gevent extra")


def _healthz(url: str) -> dict:
    with urllib.request.urlopen(url + "/healthz", timeout=5) as response:
        return json.load(response)


def _start(port: int, env: dict, log: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "-k", "gevent", "-w", "1", "-b", f"127.0.0.1:{port}", "wsgi:app"]
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def _wait(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{log.read_text()[-2000:]}")
        try:
            _healthz(url)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within 30 s:\n{log.read_text()[-2000:]}")


@pytest.fixture
def gevent_servers(app, tmp_path):
    redis_url = require_redis()
    processes, urls, logs = [], [], []
    for n in range(2):
        port = free_port()
        url, log = f"http://127.0.0.1:{port}", tmp_path / f"gunicorn{n}.log"
        env = dict(
            os.environ,
            HUB_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
            HUB_REDIS_URL=redis_url,
            HUB_INSTANCE_PATH=str(tmp_path / f"p{n}"),
            HUB_SECRET_KEY="test-secret",
            HUB_WORKER="off",
            HUB_BASE_URL=url,
        )
        processes.append(_start(port, env, log))
        urls.append(url)
        logs.append(log)
    try:
        for url, process, log in zip(urls, processes, logs, strict=True):
            _wait(url, process, log)
        yield urls, logs
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def test_chat_crosses_two_gevent_processes(app, db, gevent_servers):
    urls, logs = gevent_servers
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
            listener = _healthz(url)["parts"]["redis_listener"]
            assert listener["ok"] and listener["listener"] == "alive" and listener["subscribed"]
            assert listener["async_mode"] == "gevent"  # chosen by the worker, not configured
    finally:
        first.disconnect()
        second.disconnect()
    assert "Traceback" not in logs[0].read_text() + logs[1].read_text()
