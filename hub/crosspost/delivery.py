"""The outbox job that posts one delivery to its spoke account, exactly once.

Exactly once under retries: the local check (a delivery already delivered is skipped), the
Mastodon `Idempotency-Key` (the job key: a retry after the worker died between the remote call
and recording the receipt gets the original status back), and for X and Facebook, which offer
no such key, a "duplicate" refusal on a repeated attempt is taken as "posted before".
Failures are counted per account (`consecutive_failures`); an expired token parks the account.
A reply waits for its parent: retried while the parent is on its way, given up when it is dead.
"""

from datetime import datetime

from flask import current_app
from sqlalchemy import func, select

import spokes
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.crosspost import contents, reconnect, removals, tokens
from hub.crosspost import service as crosspost
from hub.crosspost.contents import Content
from hub.crosspost.models import (
    AccountState,
    Delivery,
    DeliveryStatus,
    SpokeAccount,
    TrackedLink,
)
from hub.outbox import jobs
from spokes.base import AuthExpired, CrossPost, RateLimited, Receipt, Rejected, Unavailable

JOB_KIND = crosspost.JOB_KIND
ERROR_MAX = 2000
WAITING = "waiting for the post it replies to"
# How a delivery's error starts when it was given up; the spoke inbox words them for the team.
NOT_ON_HUB = "the content was hidden or removed on the hub"
REJECTED = "rejected"
PARENT_NOT_DELIVERED = "the post it replies to was not delivered"
DEMO = "demo account: nothing is sent"
PARENT_WAIT_SECONDS = 30  # a reply looks again this soon when its parent's retry is not known


def build_spoke(account: SpokeAccount):
    """The adapter for an account, with base URLs from the config (or the account)."""
    config = current_app.config
    cls = spokes.get(account.network)
    if account.network == "mastodon":
        return cls(instance_url=account.instance_url, access_token=account.access_token)
    if account.network == "x":
        return cls(
            access_token=account.access_token,
            refresh_token=account.refresh_token or None,
            client_id=account.client_id,
            client_secret=account.client_secret or None,
            on_tokens=_token_saver(account.id),
            api_url=config["SPOKE_X_API"],
        )
    return cls(
        page_id=account.page_id,
        page_token=account.access_token,
        api_url=config["SPOKE_FACEBOOK_API"],
    )


def _token_saver(account_id: int):
    """X rotates refresh tokens: store the new pair at once, whatever happens to the post."""

    def save(access: str, refresh: str, expires_at: datetime) -> None:
        account = db.session.get(SpokeAccount, account_id)
        account.access_token, account.token_expires_at = access, expires_at
        if refresh:
            account.refresh_token = refresh
        db.session.commit()

    return save


def cross_post(delivery: Delivery, content: Content, reply_to: str | None = None) -> CrossPost:
    link = db.session.scalar(
        select(TrackedLink).where(
            TrackedLink.content_type == delivery.content_type,
            TrackedLink.content_id == delivery.content_id,
            TrackedLink.account_id == delivery.account_id,
        )
    )
    base = current_app.config["BASE_URL"].rstrip("/")
    return CrossPost(
        text=delivery.text or content.text,
        link=f"{base}/go/{link.code}" if link else f"{base}{content.path}",
        image_url=None,
        language=current_app.config["LANGUAGES"][0],
        idempotency_key=delivery.idempotency_key,
        hashtags=() if reply_to else content.hashtags,  # tags belong on the thread's first post
        reply_to=reply_to,
    )


def reply_target(delivery: Delivery) -> str | None:
    """The remote id to post under (None: a post of its own).

    Raises: jobs.RetryAfter (the parent is still on its way), jobs.Permanent (it never will be).
    """
    parent = delivery.parent
    if parent is None:
        return delivery.reply_to or None
    if parent.status == DeliveryStatus.DELIVERED:
        if not (delivery.reply_to or parent.remote_id):
            _give_up(delivery, "the post it replies to was posted without a known remote id")
        return delivery.reply_to or parent.remote_id
    if parent.status == DeliveryStatus.DEAD and not parent.error.startswith(
        crosspost.PARKED_PREFIX
    ):
        _give_up(delivery, f"{PARENT_NOT_DELIVERED}: {parent.error}")
    _wait_for(delivery, parent)


def _wait_for(delivery: Delivery, parent: Delivery) -> None:
    """Raises: jobs.RetryAfter until the parent's next attempt, after noting why on the
    delivery (dead on the last attempt; the parent's delivery brings it back)."""
    job = _job(parent)
    now = utcnow()
    due = job.next_attempt_at if job is not None and job.next_attempt_at > now else now
    wait = (due - now).total_seconds() + PARENT_WAIT_SECONDS
    final = _attempt(delivery) >= current_app.config["JOB_MAX_ATTEMPTS"]
    delivery.status = (DeliveryStatus.DEAD if final else DeliveryStatus.PENDING).value
    delivery.error = WAITING
    db.session.commit()
    raise jobs.RetryAfter(wait, WAITING)


def _bring_replies_forward(parent: Delivery) -> None:
    """The parent is delivered: its waiting replies go now, with fresh attempts (no commit)."""
    waiting = db.session.scalars(
        select(Delivery).where(
            Delivery.parent_id == parent.id,
            Delivery.status != DeliveryStatus.DELIVERED,
            Delivery.error == WAITING,
        )
    )
    for reply in waiting:
        job = _job(reply)
        if job is not None and job.status != jobs.Status.RUNNING:
            crosspost.requeue(reply)


@jobs.handler(JOB_KIND)
def deliver(payload: dict) -> None:
    """Post one delivery. Raises: jobs.RetryAfter (rate limit, parent on its way),
    jobs.Permanent (rejected, parent dead), Unavailable (transient: retried with backoff)."""
    delivery = db.session.get(Delivery, payload["delivery_id"])
    if delivery is None or delivery.status == DeliveryStatus.DELIVERED:
        return  # deleted, or recorded by an earlier attempt
    account = delivery.account
    if account.is_demo:
        _give_up(delivery, DEMO)
    if account.state == AccountState.NEEDS_RECONNECT:
        return _park(delivery, "the account's token was refused")
    content = contents.describe(delivery.content_type, delivery.content_id)
    if content is None or not content.public:
        _give_up(delivery, NOT_ON_HUB)
    post = cross_post(delivery, content, reply_target(delivery))
    spoke = _spoke_or_fail(delivery)
    db.session.commit()  # end the read transaction: the remote call may take seconds
    _publish(delivery, spoke, post)


def _publish(delivery: Delivery, spoke, post: CrossPost) -> None:
    """The remote call and what its outcome means for the delivery and the account."""
    account = delivery.account
    try:
        receipt = spoke.publish(post)
    except RateLimited as error:
        _failed(delivery, str(error))
        raise jobs.RetryAfter(error.retry_after, str(error)) from None
    except AuthExpired as error:
        reconnect.mark_needs_reconnect(account, str(error))
        _count_failure(account, str(error))
        return _park(delivery, str(error))
    except Rejected as error:
        if error.reason == "duplicate" and _attempt(delivery) > 1:
            # X and Facebook keep no idempotency key: an earlier attempt posted it.
            return _record(delivery, Receipt(remote_id="", remote_url=""), note="posted earlier")
        _count_failure(account, str(error))
        _give_up(delivery, f"{REJECTED}: {error}")
    except Unavailable as error:
        _count_failure(account, str(error))
        _failed(delivery, str(error))
        if error.retry_after:  # a 503 that says when to come back: not before, then backoff
            raise jobs.RetryAfter(error.retry_after, str(error)) from None
        raise
    _record(delivery, receipt)


def _park(delivery: Delivery, reason: str) -> None:
    """Wait for the account's reconnect: pending, not failed; the reconnect sends it."""
    delivery.status = DeliveryStatus.PENDING.value
    delivery.error = f"{crosspost.PARKED_PREFIX}: {reason}"[:ERROR_MAX]
    db.session.commit()


@jobs.handler(removals.REMOVE_JOB_KIND)
def remove(payload: dict) -> None:
    """Delete a cross-post whose hub topic was hidden or deleted. Already gone is fine.

    Raises: jobs.RetryAfter (rate limit), jobs.Permanent (the network refuses: the delivery
    says so, for a person to remove it by hand), Unavailable (transient).
    """
    delivery = db.session.get(Delivery, payload["delivery_id"])
    if delivery is None or not delivery.remote_id or delivery.error.startswith("removed"):
        return
    spoke = _spoke_or_fail(delivery)
    db.session.commit()
    try:
        spoke.delete(delivery.remote_id)
    except RateLimited as error:
        raise jobs.RetryAfter(error.retry_after, str(error)) from None
    except Unavailable as error:
        if error.retry_after:  # as for a delivery: not before the network said, then backoff
            raise jobs.RetryAfter(error.retry_after, str(error)) from None
        raise
    except (AuthExpired, Rejected) as error:
        if isinstance(error, AuthExpired):
            reconnect.mark_needs_reconnect(delivery.account, str(error))
        delivery.error = f"hidden on the hub; remove the remote post by hand: {error}"[:ERROR_MAX]
        db.session.commit()
        raise jobs.Permanent(str(error)) from None
    delivery.error = "removed from the network: hidden on the hub"
    db.session.commit()


def _spoke_or_fail(delivery: Delivery):
    """The account's adapter. Raises: tokens.TokenKeyError (retried with backoff: the admin
    page says the key is wrong), after recording it on the delivery and the account."""
    try:
        return build_spoke(delivery.account)
    except tokens.TokenKeyError as error:
        _count_failure(delivery.account, str(error))
        if delivery.status != DeliveryStatus.DELIVERED:
            _failed(delivery, str(error))
        db.session.commit()
        raise


def _record(delivery: Delivery, receipt: Receipt, note: str = "") -> None:
    """Store the receipt; the worker dying before this is what the idempotency key covers."""
    delivery.status = DeliveryStatus.DELIVERED.value
    # The URL comes from the network and becomes a link on the admin page: web URLs only.
    url = receipt.remote_url if receipt.remote_url.startswith(("https://", "http://")) else ""
    delivery.remote_id, delivery.remote_url = receipt.remote_id, url[:1000]
    delivery.error, delivery.delivered_at = note, utcnow()
    delivery.account.consecutive_failures, delivery.account.last_error = 0, ""
    _bring_replies_forward(delivery)
    db.session.commit()


def _job(delivery: Delivery) -> jobs.Job | None:
    return db.session.scalar(select(jobs.Job).where(jobs.Job.key == delivery.idempotency_key))


def _attempt(delivery: Delivery) -> int:
    job = _job(delivery)
    return job.attempts if job else 1


def _count_failure(account: SpokeAccount, error: str) -> None:
    # In SQL: two workers failing for the same account at once both count.
    account.consecutive_failures = func.coalesce(SpokeAccount.consecutive_failures, 0) + 1
    account.last_error = error[:500]


def _failed(delivery: Delivery, error: str) -> None:
    """Recorded before raising (the worker rolls back the handler's session): the last attempt
    leaves the delivery dead, as the job will be."""
    final = _attempt(delivery) >= current_app.config["JOB_MAX_ATTEMPTS"]
    delivery.status = (DeliveryStatus.DEAD if final else DeliveryStatus.FAILED).value
    delivery.error = error[:ERROR_MAX]
    db.session.commit()


def _give_up(delivery: Delivery, reason: str) -> None:
    """Raises: jobs.Permanent, after recording the delivery as dead."""
    delivery.status, delivery.error = DeliveryStatus.DEAD.value, reason[:ERROR_MAX]
    db.session.commit()
    raise jobs.Permanent(reason)
