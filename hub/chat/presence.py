"""Who is in which chat room right now: per process in memory, or in Redis when several
processes serve the hub (HUB_REDIS_URL), so every process counts the same people.

Entries are keyed by Socket.IO session id; a process that dies leaves its entries behind until
they expire (`TTL`), which is why every join refreshes its room's expiry. Presence is a hint:
while Redis is away, joining and leaving still work and the head count is only missing.
"""

import functools
import logging
import threading

from flask import current_app

log = logging.getLogger(__name__)

TTL = 6 * 3600  # seconds a room's presence survives without any join
POOL_SIZE = 50  # Redis connections per process; a call waits up to 2 s for one
_PREFIX = "nabe:chat:presence:"


class _Memory:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.rooms: dict[str, dict[str, str]] = {}

    def add(self, slug: str, sid: str, value: str) -> None:
        with self.lock:
            self.rooms.setdefault(slug, {})[sid] = value

    def remove(self, slug: str, sid: str) -> None:
        with self.lock:
            self.rooms.get(slug, {}).pop(sid, None)

    def members(self, slug: str) -> list[str]:
        with self.lock:
            return list(self.rooms.get(slug, {}).values())


def _without_redis(default):
    """A Redis call that answers `default` (and logs) while Redis does not answer."""

    def wrap(method):
        @functools.wraps(method)
        def call(self, *args):
            import redis

            try:
                return method(self, *args)
            except redis.RedisError as error:
                log.warning("chat presence without Redis (%s): %s", method.__name__, error)
                return default

        return call

    return wrap


class _Redis:
    def __init__(self, url: str) -> None:
        import redis

        # A crowd arriving at once (a reconnect after a restart) waits for a free connection
        # instead of being refused past the pool's limit and left out of the count.
        pool = redis.BlockingConnectionPool.from_url(
            url,
            max_connections=POOL_SIZE,
            timeout=2,
            socket_timeout=2,
            socket_connect_timeout=2,
            decode_responses=True,
        )
        self.client = redis.Redis(connection_pool=pool)

    @_without_redis(None)
    def add(self, slug: str, sid: str, value: str) -> None:
        key = _PREFIX + slug
        self.client.pipeline().hset(key, sid, value).expire(key, TTL).execute()

    @_without_redis(None)
    def remove(self, slug: str, sid: str) -> None:
        self.client.hdel(_PREFIX + slug, sid)

    @_without_redis([])
    def members(self, slug: str) -> list[str]:
        return list(self.client.hvals(_PREFIX + slug))


def _store():
    ext = current_app.extensions
    if "chat_presence" not in ext:
        url = current_app.config.get("REDIS_URL")
        ext["chat_presence"] = _Redis(url) if url else _Memory()
    return ext["chat_presence"]


def _sids() -> dict[str, set[str]]:
    """Rooms each local session joined, to clean up on disconnect."""
    return current_app.extensions.setdefault("chat_presence_sids", {})


def enter(slug: str, sid: str, user) -> None:
    member = user is not None and getattr(user, "is_authenticated", False)
    value = f"{user.id}:{int(user.is_staff)}" if member else f"visitor-{sid}:0"
    _store().add(slug, sid, value)
    _sids().setdefault(sid, set()).add(slug)


def leave(slug: str, sid: str) -> None:
    _store().remove(slug, sid)
    _sids().get(sid, set()).discard(slug)


def leave_all(sid: str) -> list[str]:
    slugs = sorted(_sids().pop(sid, set()))
    for slug in slugs:
        _store().remove(slug, sid)
    return slugs


def count(slug: str) -> tuple[int, bool]:
    """(people online, whether a team member is among them); one person in two tabs is one."""
    people = {}
    for value in _store().members(slug):
        who, _, staff = value.rpartition(":")
        people[who] = people.get(who, False) or staff == "1"
    return len(people), any(people.values())


def user_present(slug: str, user_id: int) -> bool:
    """Whether this member has the room open on any connection (of any process)."""
    return any(value.split(":")[0] == str(user_id) for value in _store().members(slug))
