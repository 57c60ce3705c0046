"""Redis restarts under two hub processes: chat goes on and loses nothing, and pages and
logins never answer 500 (rate limits count in each process's memory meanwhile). Redis here is
a private redis-server, so the machine's shared one is never stopped."""

import re
import threading
import time
import uuid

import pytest
import requests
import socketio

from hub.accounts import service as accounts
from hub.chat import service as chat
from hub.realtime import queue as realtime_queue
from tests import services
from tests.factories import make_user
from tests.hub.chat.conftest import Client

NS = "/live"


@pytest.fixture
def redis_server(tmp_path):
    with services.RedisServer(tmp_path) as server:
        yield server


@pytest.fixture
def hubs(redis_server, start_hubs):
    """Two hub processes on the test database and the private Redis: their URLs."""
    return [hub.url for hub in start_hubs(2, redis_url=redis_server.url)]


def _until(condition, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return bool(condition())


class Page:
    """A chat page: reconnects by itself, joins the room and asks for what came after the last
    message it has (chat.js does the same)."""

    def __init__(self, url: str, token: str | None, room: str):
        self.room, self.messages, self.connects = room, {}, 0
        self.joined = threading.Event()
        self.sio = socketio.Client(reconnection=True, reconnection_delay_max=1)
        self.sio.on("connect", self._connected, namespace=NS)
        self.sio.on("chat", self._keep, namespace=NS)
        self.sio.on("disconnect", lambda *reason: self.joined.clear(), namespace=NS)
        query = f"?token={token}" if token else ""  # none: a visitor, who only reads
        self.sio.connect(url + query, namespaces=[NS], transports=["websocket"])
        assert self.joined.wait(10)

    def _keep(self, message: dict) -> None:
        self.messages[message["id"]] = message["html"]

    def _connected(self) -> None:
        self.connects += 1
        self.joined.clear()
        self.sio.start_background_task(self._join)  # a handler must not wait for an ack

    def _join(self) -> None:
        since = max(self.messages, default=0)
        if self.sio.call("join", {"room": self.room}, namespace=NS, timeout=10)["ok"]:
            history = self.sio.call(
                "history", {"room": self.room, "after": since}, namespace=NS, timeout=10
            )
            for message in history["messages"]:
                self._keep(message)
            self.joined.set()

    def say(self, body: str) -> int:
        assert self.joined.wait(15), "the page did not get back into the room"
        ack = self.sio.call("chat", {"room": self.room, "body": body}, namespace=NS, timeout=10)
        assert ack["ok"], ack
        return ack["message"]["id"]

    def edit(self, message_id: int, body: str) -> None:
        ack = self.sio.call("edit", {"id": message_id, "body": body}, namespace=NS, timeout=10)
        assert ack["ok"], ack

    def close(self) -> None:
        self.sio.disconnect()


def test_messages_written_while_redis_restarts_reach_every_page(app, db, hubs, redis_server):
    admin = make_user("outage_admin", role="admin")
    room = chat.create_room(admin, f"outage-{uuid.uuid4().hex[:8]}", "Outage", "").slug
    token = lambda name: accounts.create_api_token(make_user(name))  # noqa: E731
    reader = Page(hubs[1], token("reader"), room)
    visitor = Page(hubs[1], None, room)
    far = Page(hubs[0], token("far_writer"), room)  # another process than the reader's
    near = Page(hubs[1], token("near_writer"), room)  # the reader's own process
    try:
        before = far.say("before the outage")
        assert _until(lambda: before in reader.messages)
        time.sleep(realtime_queue.GAP_MARGIN_SECONDS + 1)  # so only its edit is in the gap

        redis_server.stop()
        gap = far.say("while Redis is down")  # stored; the broadcast cannot cross processes
        local = near.say("while Redis is down, next door")  # reaches the reader: same process
        far.edit(before, "before the outage (corrected)")
        assert _until(lambda: local in reader.messages)
        late = Client(hubs[1], token("late_reader"))  # joining works without Redis, too
        assert late.call("join", {"room": room})["ok"]
        late.disconnect()
        redis_server.start()

        # The reader shows a later message than the gap: replaying from its last id would skip
        # it. The hub pushes it once Redis hears the process again, and the page reconnects.
        assert _until(lambda: gap in reader.messages, 20), reader.messages
        assert _until(lambda: "corrected" in reader.messages[before], 20)  # edited meanwhile
        # Both processes drop their pages once Redis hears them again: all come back.
        for page in (reader, visitor, far, near):
            assert _until(lambda page=page: page.connects >= 2 and page.joined.is_set(), 20)
        after = far.say("after the outage")
        for page in (reader, visitor):
            assert _until(lambda page=page: after in page.messages)
            assert sorted(page.messages) == sorted([before, gap, local, after])
            assert "corrected" in page.messages[before]
    finally:
        for page in (reader, visitor, far, near):
            page.close()


def test_pages_and_logins_answer_while_redis_is_down(app, db, hubs, redis_server):
    redis_server.stop()
    browser = requests.Session()
    assert browser.get(hubs[0] + "/", timeout=10).status_code == 200
    page = browser.get(hubs[0] + "/login", timeout=10).text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = {"login": "nobody", "password": "not the password", "csrf_token": token}
    codes = [browser.post(hubs[0] + "/login", data=form, timeout=10).status_code for _ in range(7)]
    assert 500 not in codes
    assert codes[-1] == 429  # the login limit still counts, in this process's memory
    assert browser.get(hubs[0] + "/search?q=router", timeout=10).status_code == 200

    redis_server.start()
    assert _until(lambda: browser.get(hubs[1] + "/", timeout=10).status_code == 200)
