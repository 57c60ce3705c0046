"""The embedded backend: a Whoosh index in `<instance>/search/`.

Layout: `CURRENT` names the live generation (`gen-<n>/`, a whole Whoosh index). A rebuild
writes a new generation next to it and swaps `CURRENT` atomically, so searches keep using the
old index until the new one is complete, and a crash mid-rebuild leaves the old one in place.

Writes go through one writer thread per process: a reply's request only queues its document
(microseconds), and concurrent requests never wait for Whoosh's single-writer lock. A search
first waits for queued writes, so what was committed is found right after.

A missing or corrupt index is rebuilt from the database: synchronously when the database is
small, else in a background thread while searches are answered from the database.
"""

import atexit
import contextlib
import logging
import os
import queue
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from flask import Flask, has_app_context
from whoosh import index
from whoosh import query as Q

from hub.core.extensions import db
from hub.search import analysis, documents, whoosh_query, whoosh_schema
from hub.search.base import Candidate, Filters, Unavailable
from hub.search.documents import Doc
from hub.search.syntax import Parsed

log = logging.getLogger(__name__)

WRITE_BATCH = 500  # queued changes written in one Whoosh commit
# Memory for a rebuild's posting pool (per process): below it, Whoosh spills sorted runs to
# disk and merges them, which doubled the time on 20,000 posts at 128 MB.
REBUILD_MB = 512


# --- the backend ----------------------------------------------------------------------------


class WhooshBackend:
    name = "whoosh"
    # A missing index is rebuilt inside the request that noticed it up to this many rows
    # (a rebuild writes roughly a thousand a second); beyond, in the background.
    sync_rebuild_limit = 2000

    def __init__(self, app: Flask, root: Path, refill: Callable[[], int]):
        """`refill` rebuilds the index from the database (the search service's
        `rebuild_index`, which knows the documents); it runs in an app context."""
        self.app = app
        self.root = root
        self.refill = refill
        self.rebuilding = False  # searches are answered from the database meanwhile
        self._lock = threading.RLock()
        self._rebuild_lock = threading.Lock()
        self._recover_lock = threading.Lock()
        self._ix = None
        self._gen: str | None = None
        self._local = threading.local()
        self._writer = _Writer(self)
        self._background: threading.Thread | None = None

    # --- the interface ---

    def index(self, docs: Iterable[Doc], *, new: bool = False) -> None:
        # `new` saves the writer looking for an older copy to delete, which means opening
        # every segment: 35 of the 47 ms a single update costs on 100,000 posts.
        for doc in docs:
            self._writer.put(doc.key, doc, new)

    def remove(self, keys: Iterable[str]) -> None:
        for key in keys:
            self._writer.put(key, None, False)

    def flush(self, timeout: float = 10.0) -> None:
        self._writer.flush(timeout)

    def search(self, parsed: Parsed, filters: Filters, sort: str, limit: int) -> list[Candidate]:
        """Raises: Unavailable (the index is missing or broken and being rebuilt)."""
        self.flush()
        for attempt in (1, 2):
            gen = self._read_current()
            try:
                return self._search(parsed, filters, sort, limit)
            except Unavailable:
                raise
            except Exception as error:
                if attempt == 1 and self._read_current() != gen:
                    continue  # a rebuild swapped the index under us: use the new one
                if self._intact():  # the index is fine: this search hit a bug, not the disk
                    log.exception("search failed on an intact index: %r", parsed)
                    raise Unavailable(rebuilding=False) from error
                self.recover(error)
                if self.rebuilding:
                    raise Unavailable() from error
        raise Unavailable(rebuilding=False)

    def snippets(self, parsed: Parsed, texts: dict[str, str]) -> dict[str, str]:
        return {key: analysis.highlight(text, parsed.matches) for key, text in texts.items()}

    def rebuild(
        self,
        docs: Iterable[Doc | None],
        progress: Callable[[int], None] | None = None,
        *,
        procs: int = 1,
    ) -> int:
        """Write every document into a new generation, then make it the live one.

        `procs` > 1 analyses in that many processes (forked: only from the CLI, never inside
        a threaded web server) and leaves one segment each rather than merging them, which
        would cost more than it saves (100,000 posts: 25 s merging vs. 10 s writing)."""
        with self._rebuild_lock:
            gen = f"gen-{time.time_ns():x}"
            path = self.root / gen
            path.mkdir(parents=True)
            ix = index.create_in(str(path), whoosh_schema.schema())
            if procs > 1:
                writer = ix.writer(procs=procs, limitmb=REBUILD_MB, multisegment=True)
            else:
                writer = ix.writer(limitmb=REBUILD_MB)
            count = 0
            try:
                for doc in docs:
                    if doc is not None:
                        writer.add_document(**whoosh_schema.fields_of(doc))
                        count += 1
                    if progress:
                        progress(1)
                writer.commit()
            except BaseException:
                writer.cancel()
                shutil.rmtree(path, ignore_errors=True)
                raise
            self._swap(gen)
            return count

    def clear(self) -> None:
        self.flush()
        self.rebuild([])

    def health(self) -> dict:
        if self.rebuilding:
            return {"ok": True, "backend": self.name, "rebuilding": True}
        try:
            indexed = self._index().doc_count()
        except Exception as error:
            self.recover(error)
            return {"ok": True, "backend": self.name, "rebuilding": self.rebuilding}
        return {"ok": True, "backend": self.name, "documents": indexed}

    # --- recovery ---

    def _intact(self) -> bool:
        """Can the live index be opened afresh and read? (Not: is it complete.)"""
        gen = self._read_current()
        if gen is None:
            return False
        try:
            ix = index.open_dir(str(self.root / gen))
            with ix.searcher() as searcher:
                searcher.search(Q.Every(), limit=1)
                for _ in searcher.all_stored_fields():
                    break
        except Exception:
            return False
        return True

    def recover(self, error: Exception | None = None) -> None:
        """Rebuild a missing or broken index: right away if small, else in the background.

        An index that opens and reads fine is left alone (another thread rebuilt it first, or
        the error was not the index's)."""
        if self.rebuilding:
            return
        with self._recover_lock:
            if self.rebuilding:
                return
            if self._intact():
                if error is not None:
                    log.warning("search index error, but the index is intact: %r", error)
                return
            if error is None or isinstance(error, FileNotFoundError):
                log.info("no search index in %s; building it from the database", self.root)
            else:
                log.warning("search index unusable (%r); rebuilding it from the database", error)
            if self._small_database():
                self._rebuild_now()
                return
            self.rebuilding = True
            self._background = threading.Thread(
                target=self._rebuild_in_background, name="search-rebuild", daemon=True
            )
            self._background.start()

    def wait_for_rebuild(self, timeout: float = 60.0) -> None:
        thread = self._background
        if thread is not None:
            thread.join(timeout)

    def _small_database(self) -> bool:
        try:
            if has_app_context():
                return documents.count_all() <= self.sync_rebuild_limit
            with self.app.app_context():
                return documents.count_all() <= self.sync_rebuild_limit
        except Exception:
            log.exception("counting documents failed")
            return False

    def _rebuild_now(self) -> None:
        if has_app_context():
            self.refill()
            return
        with self.app.app_context():  # the writer thread
            self.refill()

    def _rebuild_in_background(self) -> None:
        try:
            with self.app.app_context():
                self.refill()
                db.session.remove()
        except Exception:
            log.exception("rebuilding the search index failed")
        finally:
            self.rebuilding = False

    # --- generations ---

    def _read_current(self) -> str | None:
        try:
            name, _, version = (self.root / "CURRENT").read_text().strip().partition(" ")
        except OSError:
            return None
        return name if version == whoosh_schema.SCHEMA_VERSION and name.startswith("gen-") else None

    def _index(self):
        gen = self._read_current()
        if gen is None:
            raise FileNotFoundError(f"no search index in {self.root}")
        with self._lock:
            if self._ix is None or self._gen != gen:
                self._ix = index.open_dir(str(self.root / gen))
                self._gen = gen
            return self._ix

    def _swap(self, gen: str) -> None:
        temporary = self.root / "CURRENT.tmp"
        temporary.write_text(f"{gen} {whoosh_schema.SCHEMA_VERSION}\n")
        os.replace(temporary, self.root / "CURRENT")
        with self._lock:
            self._ix, self._gen = None, None
        for path in self.root.iterdir():  # older generations, and the first stub's files
            if path.name in ("CURRENT", gen):
                continue
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)

    # --- reading ---

    def _searcher(self):
        """This thread's searcher, reopened when the index changed.

        Not `Searcher.refresh()`: it reuses segment readers and so misses deletions made in
        an existing segment (a hidden post would still be found, twice once restored)."""
        ix = self._index()
        local = self._local
        searcher = getattr(local, "searcher", None)
        version = (self._gen, ix.latest_generation())
        if searcher is None or getattr(local, "version", None) != version:
            local.searcher = local.version = None
            if searcher is not None:
                with contextlib.suppress(Exception):  # its files may be gone already
                    searcher.close()
            searcher = ix.searcher()
            local.searcher, local.version = searcher, version
        return searcher

    def _search(self, parsed: Parsed, filters: Filters, sort: str, limit: int) -> list[Candidate]:
        if self.rebuilding:
            raise Unavailable()
        searcher = self._searcher()
        query = whoosh_query.build_query(searcher.reader(), parsed)
        types = filters.types or whoosh_schema.ALL_TYPES
        if sort == "date":
            scoped = whoosh_query.restrict(query, filters, types)
            results = searcher.search(scoped, limit=limit, sortedby="created", reverse=True)
            return whoosh_query.candidates(results)
        # Relevance: FAQ entries first, then everything else, each best first.
        found: list[Candidate] = []
        for group in (("faq",), tuple(t for t in types if t != "faq")):
            group = tuple(t for t in group if t in types)
            if not group or len(found) >= limit:
                continue
            scoped = whoosh_query.restrict(query, filters, group)
            results = searcher.search(scoped, limit=limit - len(found))
            found += whoosh_query.candidates(results)
        return found

    # --- writing (called by the writer thread) ---

    def _apply(self, changes: dict[str, tuple[Doc | None, bool]]) -> None:
        if self.rebuilding:
            return  # the rebuild's catch-up reads these changes from the database
        if self._read_current() is None:
            self.recover()  # no index yet: the rebuild reads these changes from the database
            return
        ix = self._index()
        writer = ix.writer(timeout=30.0)  # another process may hold the lock for a moment
        try:
            for key, (doc, new) in changes.items():
                if doc is None:
                    writer.delete_by_term("key", key)
                elif new:
                    writer.add_document(**whoosh_schema.fields_of(doc))
                else:
                    writer.update_document(**whoosh_schema.fields_of(doc))
            writer.commit()
        except BaseException:
            writer.cancel()
            raise


class _Writer:
    """One thread that applies queued changes in batches; `flush()` waits until it is idle."""

    def __init__(self, backend: WhooshBackend):
        self.backend = backend
        self.queue: queue.Queue[tuple[str, Doc | None, bool]] = queue.Queue()
        self.pending = 0
        self.idle = threading.Condition()
        self.thread: threading.Thread | None = None
        self.exit_hook = False

    def put(self, key: str, doc: Doc | None, new: bool) -> None:
        with self.idle:
            self.pending += 1
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="search-writer", daemon=True)
                self.thread.start()
                if not self.exit_hook:  # write what is queued before the process ends
                    atexit.register(self.flush, 10.0)
                    self.exit_hook = True
        self.queue.put((key, doc, new))

    def flush(self, timeout: float) -> None:
        if threading.current_thread() is self.thread:
            return  # the writer itself (rebuilding after an error) has nothing to wait for
        with self.idle:
            if not self.idle.wait_for(lambda: self.pending == 0, timeout):
                log.warning("search index writes still pending after %.0f s", timeout)

    def _run(self) -> None:
        while True:
            batch = [self.queue.get()]
            while len(batch) < WRITE_BATCH:
                try:
                    batch.append(self.queue.get_nowait())
                except queue.Empty:
                    break
            changes: dict[str, tuple[Doc | None, bool]] = {}
            for key, doc, new in batch:  # the last change of a key wins
                earlier = changes.pop(key, None)
                # Added and changed in one batch: still new (nothing to delete yet).
                changes[key] = (doc, new or (earlier is not None and earlier[1]))
            try:
                self.backend._apply(changes)
            except Exception as error:
                log.exception("writing to the search index failed")
                self.backend.recover(error)
            finally:
                with self.idle:
                    self.pending -= len(batch)
                    self.idle.notify_all()
