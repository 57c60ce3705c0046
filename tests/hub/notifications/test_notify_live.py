"""The bell rings live: a real Socket.IO client gets the `notification` event from the worker."""

import threading

import socketio

from hub.accounts import service as accounts
from tests.factories import make_reply, make_topic, make_user
from tests.hub.notifications.helpers import notifications_of, run_worker


class Listener:
    """A token-authenticated client on /live that collects `notification` events."""

    def __init__(self, url: str, token: str):
        self.events: list[dict] = []
        self._arrived = threading.Condition()
        self.client = socketio.Client(reconnection=False)
        self.client.on("notification", self._receive, namespace="/live")
        self.client.connect(
            f"{url}?token={token}", namespaces=["/live"], transports=["websocket"], wait_timeout=5
        )

    def _receive(self, event: dict) -> None:
        with self._arrived:
            self.events.append(event)
            self._arrived.notify_all()

    def wait_for(self, count: int, timeout: float = 5.0) -> list[dict]:
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.events) >= count, timeout)
        return list(self.events)


def disconnect_all(*listeners: Listener) -> None:
    """Disconnect side by side: each close takes the dev server about three seconds."""
    threads = [threading.Thread(target=listener.client.disconnect) for listener in listeners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)


def test_each_new_notification_arrives_with_the_unread_count(app, db, live_server):
    asker = make_user("asker")
    topic = make_topic(asker)
    listener = Listener(live_server.url, accounts.create_api_token(asker))
    bystander = Listener(live_server.url, accounts.create_api_token(make_user("dora")))
    try:
        make_reply(topic, make_user("bob"))
        run_worker(app)
        make_reply(topic, make_user("carla"), "@asker also check the cable")
        run_worker(app)
        events = listener.wait_for(2)
        bystander.client.sleep(0.3)
    finally:
        disconnect_all(listener, bystander)

    newest, oldest = notifications_of(asker)
    assert events == [
        {
            "id": oldest.id,
            "kind": "reply",
            "text": "bob replied in “How do I reset my router?”",
            "url": f"/notifications/{oldest.id}/open",
            "unread": 1,
        },
        {
            "id": newest.id,
            "kind": "mention",
            "text": "carla mentioned you in “How do I reset my router?”",
            "url": f"/notifications/{newest.id}/open",
            "unread": 2,
        },
    ]
    assert bystander.events == []  # events go to the reader's own room only
