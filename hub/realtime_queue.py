"""Socket.IO's Redis message queue, watched: a silently dead subscriber loses broadcasts.

python-socketio's Redis manager subscribes each process to one channel and reconnects on its
own (so does the Redis client underneath, without a word). This subclass names its Redis
connections after the process, so Redis itself can tell whether this process's subscription
is there, logs through the hub's logger, and watches the subscription: it logs when the
listener connects, loses the subscription and gets it back (with a new connection).
"""

import logging
import uuid

import socketio

log = logging.getLogger("hub.realtime")

CHANNEL = "flask-socketio"  # Flask-SocketIO's default: processes of older releases still hear us
WATCH_SECONDS = 5  # how often the watcher asks Redis about the subscription


class RedisQueue(socketio.RedisManager):
    def __init__(self, url: str):
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
                self._resync()
            self.connection_id = current
        return {"subscribed": current is not None, "connection": current}

    def _resync(self) -> None:
        """Broadcasts published while the subscription was down never reached this process:
        close its Socket.IO connections, so every page reconnects and replays from its last id
        (as it does after any network drop) instead of silently missing them."""
        sids = [
            (sid, namespace)
            for namespace in list(self.rooms)
            for sid, _eio_sid in self.get_participants(namespace, None)
        ]
        log.warning("closing %d Socket.IO connections so they replay what they missed", len(sids))
        for sid, namespace in sids:
            self.server.disconnect(sid, namespace=namespace, ignore_queue=True)

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
