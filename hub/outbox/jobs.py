"""Transactional outbox: jobs are rows written in the caller's transaction; a worker runs them.

`enqueue()` adds a row without committing, so a job exists if and only if the content that caused
it was committed. A worker claims one due job at a time, commits the claim (status `running`, a
lease), runs the job's handler in an app context, and then records the outcome: `done`, `failed`
(a retry is scheduled with exponential backoff and jitter) or `dead` (visible to admins, never
dropped). A worker killed mid-job leaves its job `running`; when the lease expires, another worker
takes it again. Every claim adds one to `attempts`, which also serves as the claim's fencing token.
"""

import enum
import logging
import os
import random
import signal
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import Flask, current_app
from flask_babel import gettext as _
from sqlalchemy import Index, String, Text, and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from hub.core import events
from hub.core.columns import UTCDateTime, utcnow
from hub.core.errors import Conflict, Invalid, NotFound
from hub.core.extensions import db

log = logging.getLogger(__name__)

# Retry n waits a random time between 1 s and min(6 h, 10 s × 2^n) ("full jitter"), so jobs that
# failed together (a remote outage) do not all come back together. With the default 8 attempts
# the retry windows add up to about 42 minutes before a job is dead.
BACKOFF_BASE_SECONDS = 10
BACKOFF_CAP_SECONDS = 6 * 60 * 60
MIN_RETRY_SECONDS = 1.0  # a failing job never spins in a tight loop
LAST_ERROR_MAX_CHARS = 2000
JOBS_PER_BATCH = 100  # run_forever looks at its stop flag after at most this many jobs


class Status(enum.StrEnum):
    PENDING = "pending"  # waiting for its first attempt
    RUNNING = "running"  # claimed by a worker that holds a lease
    DONE = "done"
    FAILED = "failed"  # the last attempt failed; a retry is scheduled at next_attempt_at
    DEAD = "dead"  # given up: shown to admins, who may retry it


STATUSES = tuple(Status)


class Job(db.Model):
    __tablename__ = "jobs"
    # The worker's question is always "which jobs of this status are due?".
    __table_args__ = (Index("ix_jobs_status_next_attempt_at", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(db.JSON)
    key: Mapped[str] = mapped_column(String(255), unique=True)  # idempotency key
    status: Mapped[str] = mapped_column(String(16), default=Status.PENDING.value)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the lease
    locked_by: Mapped[str | None] = mapped_column(String(128))  # worker id
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.kind} {self.key!r} {self.status} attempts={self.attempts}>"


# --- what handlers raise ------------------------------------------------------------------------


class RetryAfter(Exception):
    """The remote asked us to wait (rate limit, Retry-After): retry no sooner than `seconds`."""

    def __init__(self, seconds: float, message: str = ""):
        super().__init__(message or f"retry after {seconds} s")
        self.seconds = max(0.0, float(seconds))


class Permanent(Exception):
    """Retrying cannot help (the remote rejected the post, the address does not exist): dead now."""


# --- writing jobs ---------------------------------------------------------------------------------


def enqueue(kind: str, payload: dict, *, key: str, run_at: datetime | None = None) -> None:
    """Add a job in the caller's transaction (no commit); a job with the same key is a no-op."""
    now = utcnow()
    insert = postgresql.insert if _on_postgresql() else sqlite.insert
    statement = (
        insert(Job)
        .values(
            kind=kind,
            payload=payload,
            key=key,
            status=Status.PENDING.value,
            attempts=0,
            next_attempt_at=run_at or now,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["key"])
    )
    db.session.execute(statement)


def _on_postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


# --- handlers -------------------------------------------------------------------------------------

Handler = Callable[[dict], None]
_handlers: dict[str, Handler] = {}


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register `fn(payload)` as the handler of `kind`.

    The handler runs in an app context. It may raise RetryAfter or Permanent; any other
    exception counts as a transient failure and is retried with backoff.
    """

    def register(fn: Handler) -> Handler:
        if _handlers.get(kind, fn) is not fn:
            raise ValueError(f"job kind {kind!r} already has a handler: {_handlers[kind]!r}")
        _handlers[kind] = fn
        return fn

    return register


# --- the worker -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """A job a worker has claimed; `attempts` identifies this claim among later ones."""

    id: int
    kind: str
    key: str
    payload: dict
    attempts: int


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.current_thread().name}"[:128]


def backoff_window(attempts: int) -> float:
    """The longest wait before the retry that follows `attempts` attempts, in seconds."""
    return min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** min(attempts, 32))


def retry_delay(attempts: int, at_least: float = 0.0) -> float:
    """A random wait in the backoff window, and no less than `at_least` (a Retry-After)."""
    window = backoff_window(attempts)
    return max(at_least, random.uniform(MIN_RETRY_SECONDS, max(MIN_RETRY_SECONDS, window)))


def _is_due(now: datetime):
    """Waiting jobs whose time has come, and running jobs whose worker's lease ran out."""
    waiting = and_(Job.status.in_([Status.PENDING, Status.FAILED]), Job.next_attempt_at <= now)
    abandoned = and_(Job.status == Status.RUNNING, Job.locked_until <= now)
    return or_(waiting, abandoned)


def _claim(worker_id: str, now: datetime, lease_seconds: int) -> Claim | None:
    """Take the most overdue job and commit the claim, so no other worker runs it meanwhile."""
    next_due = select(Job.id).where(_is_due(now)).order_by(Job.next_attempt_at, Job.id).limit(1)
    if _on_postgresql():
        # Rows another worker has locked are skipped, not waited for, so concurrent workers
        # each take a different job. SQLite needs nothing here: it runs one writer at a time.
        next_due = next_due.with_for_update(skip_locked=True)
    statement = (
        update(Job)
        # The repeated due-condition re-checks the row after the lock: it may have changed.
        .where(Job.id == next_due.scalar_subquery(), _is_due(now))
        .values(
            status=Status.RUNNING.value,
            attempts=Job.attempts + 1,
            locked_until=now + timedelta(seconds=lease_seconds),
            locked_by=worker_id,
        )
        .returning(Job.id, Job.kind, Job.key, Job.payload, Job.attempts)
        .execution_options(synchronize_session=False)
    )
    row = db.session.execute(statement).one_or_none()
    db.session.commit()
    return Claim(*row) if row else None


def _settle(claim: Claim, **values) -> bool:
    """Record a claim's outcome, unless its lease expired and another worker claimed the job."""
    statement = (
        update(Job)
        .where(Job.id == claim.id, Job.status == Status.RUNNING, Job.attempts == claim.attempts)
        .values(locked_until=None, locked_by=None, **values)
        .execution_options(synchronize_session=False)
    )
    settled = db.session.execute(statement).rowcount == 1
    db.session.commit()
    if not settled:
        log.warning(
            "job %s (%s): lease lost to another worker; outcome dropped", claim.id, claim.key
        )
    return settled


def _bury(claim: Claim, error: str, now: datetime) -> None:
    """Give up on a job: it stays in the table as dead, for an admin to see and retry."""
    log.error("job %s (%s) is dead: %s", claim.id, claim.key, error)
    _settle(
        claim, status=Status.DEAD.value, last_error=error[:LAST_ERROR_MAX_CHARS], finished_at=now
    )


def _fail(claim: Claim, error: str, now: datetime, at_least: float = 0.0) -> None:
    if claim.attempts >= current_app.config["JOB_MAX_ATTEMPTS"]:
        _bury(claim, error, now)
        return
    error = error[:LAST_ERROR_MAX_CHARS]
    delay = retry_delay(claim.attempts, at_least)
    log.warning("job %s (%s) failed, retry in %.0f s: %s", claim.id, claim.key, delay, error)
    _settle(
        claim,
        status=Status.FAILED.value,
        last_error=error,
        next_attempt_at=now + timedelta(seconds=delay),
    )


def _run(claim: Claim, clock: Callable[[], datetime]) -> None:
    """Run the claimed job's handler and record what happened."""
    fn = _handlers.get(claim.kind)
    try:
        if fn is None:  # transient: a newer worker that knows the kind may be deployed soon
            raise LookupError(f"no handler for job kind {claim.kind!r} in this worker")
        fn(dict(claim.payload))
    except RetryAfter as error:
        db.session.rollback()
        _fail(claim, str(error), clock(), at_least=error.seconds)
    except Permanent as error:
        db.session.rollback()
        _bury(claim, str(error), clock())
    except Exception as error:  # any other failure is transient: retry with backoff
        db.session.rollback()
        log.debug("job %s (%s) raised", claim.id, claim.key, exc_info=True)
        _fail(claim, f"{type(error).__name__}: {error}", clock())
    else:
        _settle(claim, status=Status.DONE.value, finished_at=clock())


def _abandon_if_exhausted(claim: Claim, now: datetime) -> bool:
    """A job whose worker died on its last attempt is dead, not run again (it may kill workers)."""
    if claim.attempts <= current_app.config["JOB_MAX_ATTEMPTS"]:
        return False
    _bury(claim, f"the worker stopped during attempt {claim.attempts - 1} (lease expired)", now)
    return True


def run_once(
    app: Flask,
    *,
    worker_id: str | None = None,
    now: datetime | None = None,
    limit: int = JOBS_PER_BATCH,
) -> int:
    """Run the jobs that are due, up to `limit`; return how many were taken.

    `now` fixes the clock (tests use it to step through backoff without sleeping).
    """
    worker_id = worker_id or default_worker_id()
    clock = (lambda: now) if now is not None else utcnow
    taken = 0
    with app.app_context():
        while taken < limit:
            claim = _claim(worker_id, clock(), app.config["JOB_LEASE_SECONDS"])
            if claim is None:
                break
            taken += 1
            if not _abandon_if_exhausted(claim, clock()):
                _run(claim, clock)
    return taken


def run_forever(
    app: Flask,
    stop: threading.Event | None = None,
    poll_seconds: float = 1.0,
    *,
    worker_id: str | None = None,
) -> None:
    """Run jobs until `stop` is set (or SIGTERM in a worker process), finishing the current job."""
    stop = stop or threading.Event()
    worker_id = worker_id or default_worker_id()
    restore_sigterm = _stop_on_sigterm(stop)
    log.info("job worker %s started", worker_id)
    events.worker_started.send(app)  # periodic jobs queue their first run
    try:
        while not stop.is_set():
            try:
                taken = run_once(app, worker_id=worker_id)
            except Exception:  # the database may be away for a moment; keep the worker alive
                log.exception("job worker %s: polling failed, trying again", worker_id)
                taken = 0
            if not taken:
                stop.wait(poll_seconds)
    finally:
        restore_sigterm()
        log.info("job worker %s stopped", worker_id)


_first_runs: dict[str, Callable[[datetime], None]] = {}  # what -> its schedule(moment)


def on_worker_start(schedule: Callable[[datetime], None], what: str) -> None:
    """Queue a periodic job's current run whenever a worker starts (its key makes it once)."""
    _first_runs[what] = schedule


def _queue_first_runs(app: Flask, **extra) -> None:
    """A failure is logged and never stops the worker."""
    for what, schedule in _first_runs.items():
        try:
            with app.app_context():
                schedule(utcnow())
                db.session.commit()
        except Exception:
            log.exception("could not queue the %s", what)


events.worker_started.connect(_queue_first_runs, weak=False)


def _stop_on_sigterm(stop: threading.Event) -> Callable[[], None]:
    """In a worker process, let SIGTERM finish the current job; return a function that undoes it."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None  # signal handlers can only be set from the main thread
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    return lambda: signal.signal(signal.SIGTERM, previous)


# --- the in-process worker thread ---------------------------------------------------------------


@dataclass
class WorkerThread:
    thread: threading.Thread
    stopping: threading.Event

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the worker to stop after its current job, and wait for it."""
        self.stopping.set()
        self.thread.join(timeout)


_EXTENSION = "hub.outbox.jobs.worker"
_start_lock = threading.Lock()


def start_thread(app: Flask, poll_seconds: float = 1.0) -> WorkerThread:
    """Start a daemon thread running the worker for `app`; a second call returns the same one."""
    with _start_lock:
        worker = app.extensions.get(_EXTENSION)
        if worker is not None and worker.thread.is_alive():
            return worker
        stopping = threading.Event()
        thread = threading.Thread(
            target=run_forever,
            args=(app, stopping, poll_seconds),
            name="hub-job-worker",
            daemon=True,
        )
        worker = app.extensions[_EXTENSION] = WorkerThread(thread, stopping)
        thread.start()
        return worker


def stop_thread(app: Flask, timeout: float = 10.0) -> None:
    worker = app.extensions.pop(_EXTENSION, None)
    if worker is not None:
        worker.stop(timeout)


def init_app(app: Flask) -> None:
    """With WORKER=thread, start the worker thread on the first request.

    Not at startup: CLI commands such as `flask db upgrade` build the app too, and a server that
    forks its workers must start the thread in each child, after the fork.
    """
    if app.config["WORKER"] != "thread" or app.config.get("TESTING"):
        return

    @app.before_request
    def _start_job_worker() -> None:
        if app.extensions.get(_EXTENSION) is None:
            start_thread(app)


# --- for /healthz and admins ------------------------------------------------------------------


def backlog(now: datetime | None = None) -> dict:
    """How many jobs wait, run and are dead; `oldest_pending_seconds` grows when no worker runs."""
    now = now or utcnow()
    rows = db.session.execute(
        select(Job.status, func.count(), func.min(Job.next_attempt_at))
        .where(Job.status != Status.DONE)
        .group_by(Job.status)
    ).all()
    counts = {status: count for status, count, _oldest in rows}
    oldest_due = next((oldest for status, _n, oldest in rows if status == Status.PENDING), None)
    overdue = max(0.0, (now - oldest_due).total_seconds()) if oldest_due else None
    return {
        "ok": True,  # dead jobs are reported, not a failure of the hub itself
        "pending": counts.get(Status.PENDING, 0),
        "oldest_pending_seconds": round(overdue, 1) if overdue is not None else None,
        "retrying": counts.get(Status.FAILED, 0),
        "running": counts.get(Status.RUNNING, 0),
        "dead": counts.get(Status.DEAD, 0),
    }


def list_jobs(status: str | None = None, limit: int = 100) -> list[Job]:
    """The newest jobs, optionally of one status. Raises: Invalid for an unknown status."""
    query = select(Job).order_by(Job.id.desc()).limit(limit)
    if status is not None:
        if status not in STATUSES:
            raise Invalid(_("Unknown job status."), {"status": status})
        query = query.where(Job.status == status)
    return list(db.session.scalars(query))


def retry(job_id: int) -> Job:
    """Give a dead job a fresh set of attempts, due now. Raises: NotFound, Conflict (not dead)."""
    job = db.session.get(Job, job_id)
    if job is None:
        raise NotFound(_("No such job."))
    if job.status != Status.DEAD:
        raise Conflict(_("Only dead jobs can be retried."))
    job.status = Status.PENDING.value
    job.attempts = 0
    job.next_attempt_at = utcnow()
    job.finished_at = None
    db.session.commit()
    return job
