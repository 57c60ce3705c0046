"""What a failed job becomes: a retry after a jittered, growing backoff, or dead for admins."""

import logging
import random
from datetime import datetime, timedelta

from flask import current_app

from hub.outbox import claims
from hub.outbox.claims import Claim
from hub.outbox.jobs import Status

log = logging.getLogger("hub.outbox.jobs")  # every part of the outbox logs under one name

# Retry n waits a random time between 1 s and min(6 h, 10 s × 2^n) ("full jitter"), so jobs that
# failed together (a remote outage) do not all come back together. With the default 8 attempts
# the retry windows add up to about 42 minutes before a job is dead.
BACKOFF_BASE_SECONDS = 10
BACKOFF_CAP_SECONDS = 6 * 60 * 60
MIN_RETRY_SECONDS = 1.0  # a failing job never spins in a tight loop
LAST_ERROR_MAX_CHARS = 2000


def backoff_window(attempts: int) -> float:
    """The longest wait before the retry that follows `attempts` attempts, in seconds."""
    return min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** min(attempts, 32))


def retry_delay(attempts: int, at_least: float = 0.0) -> float:
    """A random wait in the backoff window, and no less than `at_least` (a Retry-After)."""
    window = backoff_window(attempts)
    return max(at_least, random.uniform(MIN_RETRY_SECONDS, max(MIN_RETRY_SECONDS, window)))


def bury(claim: Claim, error: str, now: datetime) -> None:
    """Give up on a job: it stays in the table as dead, for an admin to see and retry."""
    log.error("job %s (%s) is dead: %s", claim.id, claim.key, error)
    claims.settle(
        claim, status=Status.DEAD.value, last_error=error[:LAST_ERROR_MAX_CHARS], finished_at=now
    )


def fail(claim: Claim, error: str, now: datetime, at_least: float = 0.0) -> None:
    """Schedule the next attempt after a backoff, or bury the job after its last attempt."""
    if claim.attempts >= current_app.config["JOB_MAX_ATTEMPTS"]:
        bury(claim, error, now)
        return
    error = error[:LAST_ERROR_MAX_CHARS]
    delay = retry_delay(claim.attempts, at_least)
    log.warning("job %s (%s) failed, retry in %.0f s: %s", claim.id, claim.key, delay, error)
    claims.settle(
        claim,
        status=Status.FAILED.value,
        last_error=error,
        next_attempt_at=now + timedelta(seconds=delay),
    )


def abandon_if_exhausted(claim: Claim, now: datetime) -> bool:
    """A job whose worker died on its last attempt is dead, not run again (it may kill workers)."""
    if claim.attempts <= current_app.config["JOB_MAX_ATTEMPTS"]:
        return False
    bury(claim, f"the worker stopped during attempt {claim.attempts - 1} (lease expired)", now)
    return True
