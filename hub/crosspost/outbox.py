"""Writing deliveries: one row, its tracked link and its job, in the caller's transaction.

Every job key is deterministic, f"crosspost:{content_type}:{content_id}:{account_id}", and the
table allows one delivery per (content, account): queueing the same content again (a second
signal, a re-run, a retried job) never adds a second job or a second remote post.
"""

from sqlalchemy import select

from hub.core.extensions import db
from hub.crosspost import links
from hub.crosspost.models import Delivery, SpokeAccount
from hub.outbox import jobs

JOB_KIND = "crosspost.deliver"
TEXT_MAX = 5000  # before shaping; each adapter cuts to its network's limit


def job_key(content_type: str, content_id: int, account_id: int) -> str:
    return f"crosspost:{content_type}:{content_id}:{account_id}"


def existing(content_type: str, content_id: int, account_id: int) -> Delivery | None:
    return db.session.scalar(
        select(Delivery).where(
            Delivery.content_type == content_type,
            Delivery.content_id == content_id,
            Delivery.account_id == account_id,
        )
    )


def queue(
    content_type: str,
    content_id: int,
    account: SpokeAccount,
    *,
    reason: str,
    text: str,
    path: str,
    created_by_id: int | None = None,
    parent: Delivery | None = None,
    reply_to: str = "",
) -> Delivery:
    """A delivery, its tracked link to `path` and its job (no commit)."""
    key = job_key(content_type, content_id, account.id)
    links.link_for(content_type, content_id, account.id, path)
    delivery = Delivery(
        content_type=content_type,
        content_id=content_id,
        account_id=account.id,
        reason=reason,
        text=text.strip()[:TEXT_MAX],
        idempotency_key=key,
        created_by_id=created_by_id,
        parent_id=parent.id if parent is not None else None,
        reply_to=reply_to[:255],
    )
    db.session.add(delivery)
    db.session.flush()
    jobs.enqueue(JOB_KIND, {"delivery_id": delivery.id}, key=key)
    return delivery
