"""Housekeeping: finished jobs are deleted after HUB_JOB_KEEP_DAYS, so the outbox table holds
what is pending, running, dead (for admins) and recent history, not every mail ever sent.

A prune job per day (one key per date, so any number of workers keep one chain) is queued when
a worker starts and queues the next day's. Dead jobs stay until an admin retries them. Job keys
are idempotency keys, which is why the default keeps a month: every feature enqueues a key once,
when its content is written, never weeks later.
"""

import logging
from datetime import UTC, datetime, timedelta

from flask import Flask, current_app
from sqlalchemy import delete

from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.outbox import jobs, runner

log = logging.getLogger(__name__)

JOB_KIND = "jobs.prune"


def schedule(day: datetime) -> None:
    """The prune of `day`, due at its start (no commit; the key makes it once)."""
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    jobs.enqueue(JOB_KIND, {}, key=f"{JOB_KIND}:{start.date().isoformat()}", run_at=start)


@jobs.handler(JOB_KIND)
def prune(payload: dict) -> None:
    now = utcnow()
    schedule(now + timedelta(days=1))
    db.session.commit()  # the chain goes on whatever this run meets
    removed = prune_now(now)
    log.info("housekeeping: deleted %d finished jobs", removed)


def prune_now(now: datetime) -> int:
    """Delete jobs finished before the kept days; commits; returns how many."""
    cutoff = now - timedelta(days=current_app.config["JOB_KEEP_DAYS"])
    statement = delete(jobs.Job).where(
        jobs.Job.status == jobs.Status.DONE.value, jobs.Job.finished_at < cutoff
    )
    removed = db.session.execute(statement).rowcount
    db.session.commit()
    return removed


def init_app(app: Flask) -> None:
    runner.on_worker_start(schedule, "job prune")
