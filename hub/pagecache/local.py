"""The in-process page store: the default when there is no Redis.

Versions work by generations. Every bump takes the next generation number and writes it to
each name it bumps. An entry remembers the generation read *before* its page was rendered, and
is current while none of its names was bumped since (version <= entry.generation): a write that
commits while a page renders outdates that page, whether or not the render saw it.
"""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from hub.pagecache.entry import Entry

# While one request renders an outdated page anew, others get the outdated copy for at most
# this long instead of all rendering it at once (under gevent, a burst would otherwise start
# a render per waiting visitor). It is the most a visitor sees of a page older than a write.
GRACE = 0.5
MAX_VERSIONS = 50_000  # names remembered before the store starts afresh (forgets every page)
MAX_SHARE = 8  # one page may take at most 1/8 of the memory budget


@dataclass(frozen=True)
class Found:
    """What a lookup found: `hit` (serve it), `stale` (serve it: another request is rendering
    it anew), `refresh` (render it: this request took the job), `absent` (render it)."""

    entry: Entry | None
    state: str


ABSENT = Found(None, "absent")
REFRESH = Found(None, "refresh")


class LocalStore:
    """Pages in this process's memory, least recently used out first, within a byte budget.

    Each process hears only its own writes. With several processes and no Redis (gunicorn
    workers on SQLite), a write in one process cannot outdate the pages of another, so every
    page also expires after `ttl` seconds (1 by default): that bounds how late another
    process's visitors see a new reply.
    """

    shared = False

    def __init__(self, max_bytes: int, ttl: float):
        self.max_bytes, self.ttl = max_bytes, ttl
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._refreshing: dict[str, float] = {}  # key -> when a request began rendering it
        self._bytes = 0
        self._versions: dict[str, int] = {}
        self._generation = 0

    def generation(self) -> int:
        return self._generation

    def lookup(self, key: str) -> Found:
        now = time.time()
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return ABSENT
            if self._current(entry, now):
                self._entries.move_to_end(key)
                return Found(entry, "hit")
            began = self._refreshing.get(key)
            if began is not None and now - began < GRACE:
                return Found(entry, "stale")
            self._refreshing[key] = now
            return REFRESH

    def put(self, key: str, entry: Entry) -> None:
        size = len(entry.body)
        with self._lock:
            self._remove(key)
            if size > self.max_bytes // MAX_SHARE:
                return
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > self.max_bytes:
                self._remove(next(iter(self._entries)))

    def discard(self, key: str) -> None:
        with self._lock:
            self._remove(key)

    def bump(self, names) -> None:
        with self._lock:
            self._generation += 1
            for name in names:
                self._versions[name] = self._generation
            if len(self._versions) > MAX_VERSIONS:  # forgetting versions is safe without pages
                self._versions.clear()
                self._entries.clear()
                self._refreshing.clear()
                self._bytes = 0

    def _current(self, entry: Entry, now: float) -> bool:
        if entry.age(now) >= self.ttl:
            return False
        versions = self._versions
        return all(versions.get(name, 0) <= entry.generation for name in entry.depends)

    def _remove(self, key: str) -> None:
        self._refreshing.pop(key, None)
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= len(entry.body)
