"""The job worker's loop: claim due jobs, run their handlers, record outcomes, until stopped."""

import logging
import os
import signal
import socket
import threading
from collections.abc import Callable
from datetime import datetime

from flask import Flask

from hub.core import events
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.outbox import claims, jobs, retries
from hub.outbox.claims import Claim
from hub.outbox.jobs import Permanent, RetryAfter, Status

log = logging.getLogger("hub.outbox.jobs")  # every part of the outbox logs under one name

JOBS_PER_BATCH = 100  # run_forever looks at its stop flag after at most this many jobs


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.current_thread().name}"[:128]


def _run(claim: Claim, clock: Callable[[], datetime]) -> None:
    """Run the claimed job's handler and record what happened."""
    fn = jobs.handler_of(claim.kind)
    try:
        if fn is None:  # transient: a newer worker that knows the kind may be deployed soon
            raise LookupError(f"no handler for job kind {claim.kind!r} in this worker")
        fn(dict(claim.payload))
    except RetryAfter as error:
        db.session.rollback()
        retries.fail(claim, str(error), clock(), at_least=error.seconds)
    except Permanent as error:
        db.session.rollback()
        retries.bury(claim, str(error), clock())
    except Exception as error:  # any other failure is transient: retry with backoff
        db.session.rollback()
        log.debug("job %s (%s) raised", claim.id, claim.key, exc_info=True)
        retries.fail(claim, f"{type(error).__name__}: {error}", clock())
    else:
        claims.settle(claim, status=Status.DONE.value, finished_at=clock())


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
            claim = claims.claim_next(worker_id, clock(), app.config["JOB_LEASE_SECONDS"])
            if claim is None:
                break
            taken += 1
            if not retries.abandon_if_exhausted(claim, clock()):
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
