"""The worker fetches replies under each delivered cross-post, often at first and then less
often, for two weeks.

Each delivery has a chain of jobs, one per round (`spoke-inbox:<delivery>:<round>`): a round
fetches, stores what is new, marks what was deleted, and enqueues the next round. The first
round is enqueued in the same transaction as the delivery itself (a mapper event), so every
cross-post, whichever path created it, is watched. A rate limit moves the next round to the
network's reset time; a refused token parks the account for its reconnect and the chain only
looks in now and then until it is reconnected.
"""

from datetime import datetime, timedelta

from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite

from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.crosspost.models import AccountState, Delivery, DeliveryStatus
from hub.outbox import jobs
from hub.spoke_inbox import inbox
from spokes.base import AuthExpired, RateLimited, Rejected, Unavailable

JOB_KIND = "spoke_inbox.poll"
MINUTE = 60
# Waits before rounds 1, 2, ...: replies come mostly in the first hours after a post.
SCHEDULE = [5 * MINUTE, 15 * MINUTE, 30 * MINUTE, 60 * MINUTE, 2 * 60 * MINUTE, 4 * 60 * MINUTE]
SETTLED = 12 * 60 * MINUTE  # then twice a day
WATCH_FOR = timedelta(days=14)  # after that, a cross-post is old news
NOT_YET_DELIVERED = 10 * MINUTE  # the delivery job is still trying
PARKED = 6 * 60 * MINUTE  # the account waits for an admin to reconnect it


def job_key(delivery_id: int, round_no: int) -> str:
    return f"spoke-inbox:{delivery_id}:{round_no}"


def wait_before(round_no: int) -> int:
    """Seconds between round `round_no - 1` and round `round_no`."""
    return SCHEDULE[round_no - 1] if 0 < round_no <= len(SCHEDULE) else SETTLED


def schedule(delivery_id: int, round_no: int, after_seconds: float, now: datetime) -> None:
    """Enqueue a round in the caller's transaction (no commit)."""
    jobs.enqueue(
        JOB_KIND,
        {"delivery_id": delivery_id, "round": round_no},
        key=job_key(delivery_id, round_no),
        run_at=now + timedelta(seconds=after_seconds),
    )


def is_watched(delivery: Delivery) -> bool:
    """A cross-post of a topic itself; replies we post under it have no replies to fetch."""
    return delivery.content_type == "topic" and delivery.parent_id is None


@jobs.handler(JOB_KIND)
def poll(payload: dict) -> None:
    """One round for one delivery. Raises nothing for the network's refusals: they decide when
    the next round comes (or that none does)."""
    delivery = db.session.get(Delivery, payload["delivery_id"])
    round_no = int(payload.get("round", 0))
    now = utcnow()
    if delivery is None or delivery.account.is_demo or not is_watched(delivery):
        return
    if delivery.status in (DeliveryStatus.PENDING, DeliveryStatus.FAILED):
        if now - delivery.created_at < WATCH_FOR:
            _next(delivery, round_no, NOT_YET_DELIVERED, now)
        return
    started = delivery.delivered_at or delivery.created_at
    if delivery.status != DeliveryStatus.DELIVERED or not delivery.remote_id:
        return  # dead, or posted without a remote id we could read replies of
    if now - started > WATCH_FOR:
        return
    account = delivery.account
    if account.state == AccountState.NEEDS_RECONNECT:
        _next(delivery, round_no, PARKED, now)
        return
    complete = inbox.list_is_complete(account.network, started, now)
    db.session.commit()  # end the read transaction: the remote call may take seconds
    try:
        replies = inbox.build_spoke(account).fetch_replies(delivery.remote_id, None)
    except RateLimited as error:
        _next(delivery, round_no, max(error.retry_after, 1), now)
        return
    except AuthExpired as error:
        account.state = AccountState.NEEDS_RECONNECT.value
        account.last_error = f"replies: {error}"[:500]
        _next(delivery, round_no, PARKED, now)
        return
    except Rejected:
        return  # the cross-post is gone from the network: nothing more to fetch
    except Unavailable:
        _next(delivery, round_no, wait_before(round_no + 1), now)
        return
    inbox.store(delivery, replies, complete=complete, now=now)
    _next(delivery, round_no, wait_before(round_no + 1), now)


def _next(delivery: Delivery, round_no: int, after_seconds: float, now: datetime) -> None:
    schedule(delivery.id, round_no + 1, after_seconds, now)
    db.session.commit()


def connect() -> None:
    """Watch every new cross-post: its first round is written with the delivery row."""
    if not event.contains(Delivery, "after_insert", _first_round):
        event.listen(Delivery, "after_insert", _first_round)


def _first_round(mapper, connection, delivery: Delivery) -> None:
    if not is_watched(delivery):
        return
    now = utcnow()
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    connection.execute(
        insert(jobs.Job)
        .values(
            kind=JOB_KIND,
            payload={"delivery_id": delivery.id, "round": 1},
            key=job_key(delivery.id, 1),
            status=jobs.Status.PENDING.value,
            attempts=0,
            next_attempt_at=now + timedelta(seconds=wait_before(1)),
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["key"])
    )
