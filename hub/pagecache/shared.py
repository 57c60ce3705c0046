"""The page store in Redis (HUB_REDIS_URL): one copy of each page and one set of versions for
every process, so a write in any process outdates the pages all of them serve.

The same generations as `local.LocalStore`, kept in Redis: a bump is one Lua script (take the
next generation, write it to each name), so two bumps never interleave. Redis failing or slow
never fails a page: every call has a short timeout, and after a failure the store stands aside
for RETRY_SECONDS (every visitor's page is rendered, as without a cache) and logs once. A bump
lost in an outage could leave outdated pages behind, so the first call that works again bumps
`site`, which outdates them all.
"""

import hashlib
import logging
import time

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from hub.pagecache.entry import Entry
from hub.pagecache.local import ABSENT, GRACE, REFRESH, Found
from hub.pagecache.pages import SITE

TIMEOUT = 0.25  # seconds for a connect or a reply; a render takes about as long
RETRY_SECONDS = 5.0
KEEP_STALE = 60  # seconds a page outlives its ttl in Redis, to be served while it is refreshed

_BUMP = """
local generation = redis.call('INCR', KEYS[1])
for i = 2, #KEYS do redis.call('SET', KEYS[i], generation, 'EX', ARGV[1]) end
return generation
"""

log = logging.getLogger(__name__)
_FAILED = object()


class RedisStore:
    """Pages, versions and the generation counter in Redis, under `prefix`."""

    shared = True

    def __init__(self, url: str, prefix: str, ttl: float):
        self.prefix, self.ttl = prefix, ttl
        self.client = redis.Redis.from_url(
            url,
            socket_timeout=TIMEOUT,
            socket_connect_timeout=TIMEOUT,
            retry=Retry(NoBackoff(), 0),  # a retry would double the wait of a page
        )
        self._bump = self.client.register_script(_BUMP)
        self._down_until = 0.0
        self._missed_bump = False
        # A version must outlive every page rendered before its bump: their ttl, a render, and
        # the stale copy's extra time.
        self._version_seconds = int(2 * ttl) + KEEP_STALE + 60

    def generation(self) -> int | None:
        """The current generation; None when Redis cannot take pages now."""
        value = self._call(self.client.get, f"{self.prefix}:generation")
        return None if value is _FAILED else int(value or 0)

    def lookup(self, key: str) -> Found:
        digest = _digest(key)
        raw = self._call(self.client.get, self._page(digest))
        if raw is None or raw is _FAILED:
            return ABSENT
        entry = Entry.from_bytes(raw)
        versions = self._call(self.client.mget, [self._version(n) for n in entry.depends])
        if versions is _FAILED:
            return ABSENT
        current = all(int(v or 0) <= entry.generation for v in versions)
        if current and entry.age() < self.ttl:
            return Found(entry, "hit")
        claim = self._call(self.client.set, self._claim(digest), 1, nx=True, px=int(GRACE * 1000))
        return Found(entry, "stale") if claim is None else REFRESH

    def put(self, key: str, entry: Entry) -> None:
        digest = _digest(key)
        with self.client.pipeline(transaction=False) as pipe:
            pipe.set(self._page(digest), entry.to_bytes(), ex=int(self.ttl) + KEEP_STALE)
            pipe.delete(self._claim(digest))
            self._call(pipe.execute)

    def discard(self, key: str) -> None:
        digest = _digest(key)
        self._call(self.client.delete, self._page(digest), self._claim(digest))

    def bump(self, names) -> None:
        keys = [f"{self.prefix}:generation", *(self._version(n) for n in sorted(names))]
        if self._call(self._bump, keys=keys, args=[self._version_seconds]) is _FAILED:
            self._missed_bump = True

    def _call(self, command, *args, **kwargs):
        """Run one Redis command; _FAILED if Redis is down or slow (then stand aside a while)."""
        if time.monotonic() < self._down_until:
            return _FAILED
        try:
            result = command(*args, **kwargs)
        except redis.RedisError as error:
            if not self._down_until:
                log.warning("page cache: Redis failed (%s); rendering every page for now", error)
            self._down_until = time.monotonic() + RETRY_SECONDS
            return _FAILED
        if self._down_until:
            log.warning("page cache: Redis answers again")
            self._down_until = 0.0
        if self._missed_bump:
            self._missed_bump = False
            self.bump([SITE])
        return result

    def _page(self, digest: str) -> str:
        return f"{self.prefix}:page:{digest}"

    def _claim(self, digest: str) -> str:
        return f"{self.prefix}:refreshing:{digest}"

    def _version(self, name: str) -> str:
        return f"{self.prefix}:version:{name}"


def _digest(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()
