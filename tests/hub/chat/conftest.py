"""Chat fixtures: real python-socketio clients on the live hub, rooms and tokens, and two hub
processes sharing Redis."""

import threading

import pytest
import socketio

from hub.accounts import service as accounts
from hub.chat import messages as chat_messages
from hub.chat import service as chat
from tests.factories import make_user
from tests.services import require_redis

NS = "/live"


class Client:
    """A python-socketio client on /live that records the events it receives."""

    def __init__(self, url: str, token: str | None = None):
        self.events: dict[str, list] = {}
        self.sio = socketio.Client(reconnection=False)
        for name in (
            "chat",
            "typing",
            "presence",
            "chat_conversion",
            "chat_activity",
            "chat_read",
            "chat_waiting",
            "chat_muted",
        ):
            self.sio.on(name, self._recorder(name), namespace=NS)
        query = f"?token={token}" if token else ""
        self.sio.connect(url + query, namespaces=[NS], transports=["websocket"], wait_timeout=5)

    def _recorder(self, name):
        return lambda payload: self.events.setdefault(name, []).append(payload)

    def call(self, event: str, data=None):
        return self.sio.call(event, data, namespace=NS, timeout=5)

    def received(self, name: str = "chat") -> list:
        return self.events.get(name, [])

    def wait_for(self, count: int, name: str = "chat", timeout: float = 5.0) -> list:
        waited = 0.0
        while len(self.received(name)) < count and waited < timeout:
            self.sio.sleep(0.05)
            waited += 0.05
        return self.received(name)

    def disconnect(self) -> None:
        self.sio.disconnect()


@pytest.fixture
def connect(live_server):
    """`connect(user_or_None)` -> a connected Client; all are disconnected afterwards."""
    clients = []

    def open_client(user=None) -> Client:
        token = accounts.create_api_token(user) if user is not None else None
        client = Client(live_server.url, token)
        clients.append(client)
        return client

    yield open_client
    # The dev server may take seconds to close a WebSocket: close them all at once.
    closers = [threading.Thread(target=c.disconnect) for c in clients if c.sio.connected]
    for closer in closers:
        closer.start()
    for closer in closers:
        closer.join(timeout=10)


@pytest.fixture
def admin(app, db):
    return make_user("chat_admin", role="admin")


@pytest.fixture
def room(admin):
    return chat.create_room(admin, "stoerungen-live", "Störungen live", "Outages, as they happen")


@pytest.fixture
def no_rate_limit(monkeypatch):
    monkeypatch.setattr(chat_messages, "RATE_COUNT", 10_000)


@pytest.fixture
def two_hubs(start_hubs):
    """Two hub processes (threading dev server) sharing the machine's Redis."""
    return start_hubs(2, redis_url=require_redis())
