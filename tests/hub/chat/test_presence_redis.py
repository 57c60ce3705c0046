"""Presence in a real Redis (a private redis-server): a crowd that arrives at once is
counted whole."""

import threading
import uuid

import pytest

from hub.chat import presence
from tests import services

CROWD = 300  # more than a process's Redis connections: most of them wait for one


@pytest.fixture
def redis_presence(app, monkeypatch, tmp_path):
    with services.RedisServer(tmp_path) as server:
        monkeypatch.setitem(app.config, "REDIS_URL", server.url)
        monkeypatch.delitem(app.extensions, "chat_presence", raising=False)
        yield
    app.extensions.pop("chat_presence", None)


def test_a_crowd_entering_a_room_at_once_is_counted_whole(app, redis_presence):
    slug, ready = f"crowd-{uuid.uuid4().hex[:8]}", threading.Barrier(CROWD)

    def enter(n: int) -> None:
        with app.app_context():
            ready.wait()
            presence.enter(slug, f"sid-{n}", None)  # a visitor

    threads = [threading.Thread(target=enter, args=(n,)) for n in range(CROWD)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    with app.app_context():
        assert presence.count(slug) == (CROWD, False)
