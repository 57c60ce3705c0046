"""A worker's claim on a job: taking the most overdue one under a lease, and settling its outcome.

A claim adds one to the job's `attempts`; settling checks that count, so a worker whose lease
expired (and whose job another worker claimed since) cannot overwrite the newer claim's outcome.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update

from hub.core.extensions import db
from hub.outbox import jobs
from hub.outbox.jobs import Job, Status

log = logging.getLogger("hub.outbox.jobs")  # every part of the outbox logs under one name


@dataclass(frozen=True)
class Claim:
    """A job a worker has claimed; `attempts` identifies this claim among later ones."""

    id: int
    kind: str
    key: str
    payload: dict
    attempts: int


def _is_due(now: datetime):
    """Waiting jobs whose time has come, and running jobs whose worker's lease ran out."""
    waiting = and_(Job.status.in_([Status.PENDING, Status.FAILED]), Job.next_attempt_at <= now)
    abandoned = and_(Job.status == Status.RUNNING, Job.locked_until <= now)
    return or_(waiting, abandoned)


def claim_next(worker_id: str, now: datetime, lease_seconds: int) -> Claim | None:
    """Take the most overdue job and commit the claim, so no other worker runs it meanwhile."""
    next_due = select(Job.id).where(_is_due(now)).order_by(Job.next_attempt_at, Job.id).limit(1)
    if jobs.on_postgresql():
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


def settle(claim: Claim, **values) -> bool:
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
