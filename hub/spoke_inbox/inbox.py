"""Storing fetched replies: new ones become inbox items (once per account and remote id, ever),
ones that vanished from the spoke are marked deleted."""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from hub.core.extensions import db
from hub.crosspost import delivery as crosspost_delivery
from hub.crosspost.models import Delivery
from hub.spoke_inbox.models import InboxItem, ItemStatus
from spokes.base import RemoteReply

# X's recent search sees a conversation for 7 days only; after that an empty answer proves
# nothing, so deletions are only inferred while the whole conversation is still visible.
X_SEARCH_WINDOW = timedelta(days=6, hours=12)
TEXT_MAX = 10_000
WEB_SCHEMES = ("https://", "http://")


def build_spoke(account):
    return crosspost_delivery.build_spoke(account)


def list_is_complete(network: str, delivered_at: datetime, now: datetime) -> bool:
    """Whether a fetch returns every reply still there (so a missing one was deleted)."""
    return network != "x" or now - delivered_at < X_SEARCH_WINDOW


def _web_url(url: str) -> str:
    """Links from the network become links on our pages: web URLs only."""
    return url[:1000] if url.startswith(WEB_SCHEMES) else ""


def store(delivery: Delivery, replies: list[RemoteReply], *, complete: bool, now: datetime) -> int:
    """Add the new replies, mark deleted ones; returns how many were new (no commit)."""
    ours = _our_remote_ids(delivery.account_id, {reply.remote_id for reply in replies})
    known = {
        item.remote_id: item
        for item in db.session.scalars(
            select(InboxItem).where(InboxItem.delivery_id == delivery.id)
        )
    }
    present = set()
    added = 0
    for reply in replies:
        if reply.remote_id in ours:
            continue  # our own answer under the cross-post
        present.add(reply.remote_id)
        item = known.get(reply.remote_id)
        if item is not None:
            if reply.deleted:
                _mark_deleted(item, now)
            else:
                _mark_present(item)
        elif not reply.deleted:
            added += _add(delivery, reply, now)
    if complete:
        for remote_id, item in known.items():
            if remote_id not in present:
                _mark_deleted(item, now)
    return added


def _our_remote_ids(account_id: int, remote_ids: set[str]) -> set[str]:
    """Replies the hub itself posted on this account (closing the loop, answers)."""
    if not remote_ids:
        return set()
    return set(
        db.session.scalars(
            select(Delivery.remote_id).where(
                Delivery.account_id == account_id, Delivery.remote_id.in_(remote_ids)
            )
        )
    )


def _add(delivery: Delivery, reply: RemoteReply, now: datetime) -> int:
    """Insert unless the same remote reply is already in (a concurrent round, another post)."""
    insert = (
        postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert
    )
    statement = insert(InboxItem).values(
        account_id=delivery.account_id,
        delivery_id=delivery.id,
        topic_id=delivery.content_id,
        remote_id=reply.remote_id[:255],
        author_name=reply.author_name[:200],
        author_handle=reply.author_handle[:200],
        author_url=_web_url(reply.author_url),
        text=reply.text[:TEXT_MAX],
        url=_web_url(reply.url),
        remote_created_at=reply.created_at,
        fetched_at=now,
        status=ItemStatus.NEW.value,
    )
    added = statement.on_conflict_do_nothing(index_elements=["account_id", "remote_id"])
    return int(db.session.execute(added.returning(InboxItem.id)).first() is not None)


def _mark_deleted(item: InboxItem, now: datetime) -> None:
    if item.deleted_at is None:
        item.deleted_at = now


def _mark_present(item: InboxItem) -> None:
    item.deleted_at = None  # seen again: it was hidden for a while, or a window hid it
