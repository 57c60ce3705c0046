"""Socket.IO's Redis message queue, watched: a silently dead subscriber loses broadcasts.

python-socketio's Redis manager subscribes each process to one channel and reconnects on its
own (so does the Redis client underneath, without a word). This subclass names its Redis
connections after the process, so Redis itself can tell whether this process's subscription
is there, logs through the hub's logger, and watches the subscription: it logs when the
listener connects, loses the subscription and gets it back (with a new connection).

Broadcasts published while this process was not subscribed never reach it, while its own
broadcasts still reach its own clients: a page here may show later messages and miss the
gap. So the moment Redis confirms the subscription again, `on_resubscribed(rooms, since)`
pushes what the rooms missed from the database, and every connection is dropped the way a
network drop would be (no goodbye), a batch at a time, so each page reconnects by itself and
catches up.
"""

import logging
import time
import uuid
from collections.abc import Callable

import socketio

log = logging.getLogger("hub.realtime.rooms")

CHANNEL = "flask-socketio"  # Flask-SocketIO's default: processes of older releases still hear us
WATCH_SECONDS = 5  # how often the watcher asks Redis about the subscription
RETRY_MAX_SECONDS = 4  # python-socketio doubles up to 60 s: deaf for a minute after an outage
GAP_MARGIN_SECONDS = 2  # replay from a little before the last broadcast this process heard
DROP_BATCH, DROP_PAUSE_SECONDS = 50, 0.5  # 1,000 pages reconnect over ten seconds, not at once


class RedisQueue(socketio.RedisManager):
    def __init__(self, url: str, on_resubscribed: Callable[[list[str], float], None] | None = None):
        self.client_name = f"nabe-live-{uuid.uuid4().hex[:12]}"
        super().__init__(
            url,
            channel=CHANNEL,
            logger=log,
            redis_options={"client_name": self.client_name, "socket_keepalive": True},
        )
        self.started = False
        self.connection_id: str | None = None  # Redis's id of the subscribed connection
        self.first_connection: str | None = None
        self.reconnects = 0
        self.on_resubscribed = on_resubscribed
        self.heard_at: float | None = None  # when the subscription last delivered or confirmed
        self.lost_at: float | None = None  # when listening failed, until Redis confirms again

    def initialize(self):
        """Starts with the first Socket.IO connection of the process (python-socketio's rule)."""
        super().initialize()
        self.started = True
        log.info("Redis listener started on channel %s as %s", self.channel, self.client_name)
        self.server.start_background_task(self._watch)

    def _listening_address(self) -> str | None:
        """host:port of the connection the listener reads (Redis lists clients by it)."""
        connection = getattr(self.pubsub, "connection", None)
        sock = getattr(connection, "_sock", None)
        if sock is None:
            return None
        host, port = sock.getsockname()[:2]
        return f"{host}:{port}"

    def subscription(self) -> dict | None:
        """Redis's CLIENT LIST entry of the connection the listener reads, if it is subscribed
        (a name alone is not enough: a dropped connection the client re-opened on its own is
        subscribed too, but nobody reads it)."""
        import redis

        address = self._listening_address()
        if address is None:
            return None
        probe = redis.Redis.from_url(self.redis_url, socket_timeout=2, decode_responses=True)
        try:
            for entry in probe.client_list(_type="pubsub"):
                if entry.get("addr") == address and int(entry.get("sub", 0)) > 0:
                    return entry
            return None
        finally:
            probe.close()

    def listener_alive(self) -> bool:
        thread = getattr(self, "thread", None)
        if thread is None:
            return False
        alive = getattr(thread, "is_alive", None)  # threading.Thread; a greenlet has `dead`
        return alive() if alive else not thread.dead

    def check(self) -> dict:
        """The subscription's state now; logs when it is lost, back, or was replaced."""
        entry = self.subscription()
        current = entry["id"] if entry else None
        if current != self.connection_id:
            if current is None:
                log.error("Redis listener lost its subscription (%s)", self.client_name)
            elif self.first_connection is None:
                self.first_connection = current
                log.info("Redis listener subscribed (connection %s)", current)
            else:
                self.reconnects += 1
                log.warning("Redis listener subscribed again (connection %s)", current)
            self.connection_id = current
        return {"subscribed": current is not None, "connection": current}

    # --- listening ------------------------------------------------------------------------

    def _redis_connect(self):
        super()._redis_connect()
        self.pubsub.ignore_subscribe_messages = False  # each confirmation marks a (re)subscription

    def _redis_listen_with_retries(self):
        """python-socketio's listening loop, with a shorter longest wait between attempts, and
        noting when listening failed and when Redis confirmed the subscription again."""
        retry_sleep, confirmed = 1, False
        while True:
            try:
                self._redis_connect()
                self.pubsub.subscribe(self.channel)
                for message in self.pubsub.listen():
                    if message.get("type") == "subscribe":
                        if confirmed:  # after a failure, or the Redis client's own reconnect
                            self._resubscribed()
                        confirmed, retry_sleep = True, 1
                    self.heard_at = time.time()
                    yield message
            except Exception as exc:
                self.lost_at = self.lost_at or time.time()
                log.error("Cannot receive from redis... retrying in %d secs (%s)", retry_sleep, exc)
                time.sleep(retry_sleep)
                retry_sleep = min(retry_sleep * 2, RETRY_MAX_SECONDS)

    def _resubscribed(self) -> None:
        """Redis hears us again: push what the rooms missed, then drop every connection."""
        since = self.lost_at or self.heard_at or time.time()
        self.lost_at = None
        rooms = sorted({room for namespace in self.rooms for room in self.rooms[namespace] if room})
        log.warning("Redis listener subscribed again; catching up since %.0f", since)
        if self.on_resubscribed is not None:
            try:
                self.on_resubscribed(rooms, since - GAP_MARGIN_SECONDS)
            except Exception:  # the replay is a courtesy: the pages' own catch-up remains
                log.exception("catching up after the Redis subscription came back failed")
        self.server.start_background_task(self._resync)

    def _resync(self) -> None:
        """Drop this process's Socket.IO connections without a goodbye, as a network drop does:
        every page reconnects, joins again (a restarted Redis may have forgotten who is there)
        and fetches what it missed, chat, notifications and topics alike. (A Socket.IO
        disconnect tells the page the server meant it, and pages then stay offline.) A batch
        at a time, so a thousand pages do not reconnect in the same second."""
        sockets = sorted(
            {
                eio_sid
                for namespace in list(self.rooms)
                for _sid, eio_sid in self.get_participants(namespace, None)
            }
        )
        log.warning(
            "dropping %d Socket.IO connections so they replay what they missed", len(sockets)
        )
        for start in range(0, len(sockets), DROP_BATCH):
            if start:
                self.server.sleep(DROP_PAUSE_SECONDS)
            for eio_sid in sockets[start : start + DROP_BATCH]:
                connection = self.server.eio.sockets.get(eio_sid)
                if connection is not None:
                    connection.close(wait=False, abort=True)

    def _watch(self) -> None:
        while True:
            try:
                self.check()
            except Exception as error:  # Redis away: the next round tries again
                if self.connection_id is not None:
                    log.error("Redis listener check failed: %s", error)
                    self.connection_id = None
            self.server.sleep(WATCH_SECONDS)


def health(manager) -> dict:
    """For /healthz: `ok` unless this process listens to Redis and the subscription is gone."""
    if not isinstance(manager, RedisQueue):
        return {"ok": True, "queue": "none"}
    if not manager.started:
        return {"ok": True, "listener": "not started", "subscribed": False}
    state = manager.check()
    alive = manager.listener_alive()
    return {
        "ok": alive and state["subscribed"],
        "listener": "alive" if alive else "dead",
        "subscribed": state["subscribed"],
        "connection": state["connection"],
        "reconnects": manager.reconnects,
    }
