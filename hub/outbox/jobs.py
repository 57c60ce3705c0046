"""The transactional outbox's public face: the Job table, enqueue(), handlers, and admin reads.

Jobs are rows written in the caller's transaction; a worker runs them. `enqueue()` adds a row
without committing, so a job exists if and only if the content that caused it was committed. A
worker (`hub.outbox.worker`) claims one due job at a time, commits the claim (status `running`, a
lease; `hub.outbox.claims`), runs the job's handler in an app context, and then records the
outcome: `done`, `failed` (a retry is scheduled with exponential backoff and jitter) or `dead`
(visible to admins, never dropped; `hub.outbox.retries`). A worker killed mid-job leaves its job
`running`; when the lease expires, another worker takes it again. Every claim adds one to
`attempts`, which also serves as the claim's fencing token.
"""

import enum
from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Index, String, Text, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.columns import UTCDateTime, utcnow
from hub.core.errors import Conflict, Invalid, NotFound
from hub.core.extensions import db


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
    insert = postgresql.insert if on_postgresql() else sqlite.insert
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


def on_postgresql() -> bool:
    """Whether the session's database is PostgreSQL (its upsert and row locks are its own)."""
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


def handler_of(kind: str) -> Handler | None:
    """The handler registered for `kind`, if this process knows the kind."""
    return _handlers.get(kind)


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
