"""Topic views are counted in memory and written in batches, so reading a page never writes.

Each process keeps its own tally; the job worker's loop (or a short timer thread) flushes it.
A crash loses at most one interval of view counts, which is an acceptable price for GETs that
never take a write lock.
"""

import threading
import time
from collections import Counter

from flask import Flask
from sqlalchemy import update

from hub.core.extensions import db
from hub.forums.models import Topic
from hub.pagecache.options import UNCHANGED

FLUSH_SECONDS = 30

_lock = threading.Lock()
_pending: Counter[int] = Counter()


def record(topic_id: int) -> None:
    with _lock:
        _pending[topic_id] += 1


def _take() -> Counter[int]:
    global _pending
    with _lock:
        taken, _pending = _pending, Counter()
    return taken


def flush() -> int:
    """Add the counted views to the topics (inside an app context); returns how many topics."""
    taken = _take()
    try:
        for topic_id, views in taken.items():
            db.session.execute(
                update(Topic)
                .where(Topic.id == topic_id)
                .values(view_count=Topic.view_count + views)
                .execution_options(**{UNCHANGED: True})  # counts may lag in pages
            )
        db.session.commit()
    except Exception:
        with _lock:
            _pending.update(taken)  # keep them for the next flush
        raise
    return len(taken)


def start_flusher(app: Flask, interval: float = FLUSH_SECONDS) -> threading.Thread:
    """A daemon thread that flushes every `interval` seconds."""

    def loop() -> None:
        while True:
            time.sleep(interval)
            with app.app_context():
                try:
                    flush()
                except Exception:  # a failed flush must not kill the thread; the next retries
                    app.logger.exception("flushing view counts failed")
                    db.session.rollback()

    thread = threading.Thread(target=loop, name="view-counts", daemon=True)
    thread.start()
    return thread


_starting = threading.Lock()


def start_once(app: Flask) -> None:
    """Start the app's flusher if it has none yet (not in tests: they flush themselves)."""
    if app.config.get("TESTING") or "viewcounts" in app.extensions:
        return
    with _starting:
        if "viewcounts" not in app.extensions:
            app.extensions["viewcounts"] = start_flusher(app)


def init_app(app: Flask) -> None:
    """Start the flusher with the first request (not in CLI commands); the page cache starts it
    with the first hit."""
    app.before_request(lambda: start_once(app))
