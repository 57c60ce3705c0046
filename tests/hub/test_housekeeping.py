"""Finished jobs are deleted after HUB_JOB_KEEP_DAYS; pending, failed and dead ones stay."""

from datetime import timedelta

from sqlalchemy import select, update

from hub.core import events
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.outbox import housekeeping, jobs, runner
from hub.outbox.jobs import Job


def _job(key: str, status: str, finished_days_ago: float | None) -> None:
    jobs.enqueue("test.noop", {}, key=key)
    finished = utcnow() - timedelta(days=finished_days_ago) if finished_days_ago else None
    db.session.execute(
        update(Job).where(Job.key == key).values(status=status, finished_at=finished)
    )


def keys() -> list[str]:
    db.session.expire_all()
    return sorted(db.session.scalars(select(Job.key).where(Job.kind == "test.noop")))


def test_old_finished_jobs_go_and_everything_else_stays(app, db):
    _job("old-done", "done", 31)
    _job("recent-done", "done", 29)
    _job("old-dead", "dead", 31)
    _job("pending", "pending", None)
    db.session.commit()
    assert housekeeping.prune_now(utcnow()) == 1
    assert keys() == ["old-dead", "pending", "recent-done"]


def test_a_starting_worker_queues_one_prune_a_day_and_each_queues_the_next(app, db):
    events.worker_started.send(app)
    events.worker_started.send(app)  # a second worker: still one job for today
    [today] = db.session.scalars(select(Job).where(Job.kind == housekeeping.JOB_KIND)).all()
    db.session.execute(update(Job).where(Job.id == today.id).values(next_attempt_at=utcnow()))
    db.session.commit()
    runner.run_once(app)
    db.session.expire_all()
    pruned = db.session.scalars(select(Job).where(Job.kind == housekeeping.JOB_KIND)).all()
    statuses = sorted((job.status, job.next_attempt_at > utcnow()) for job in pruned)
    assert statuses == [("done", False), ("pending", True)]  # today's ran, tomorrow's waits
