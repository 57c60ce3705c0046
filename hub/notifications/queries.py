"""Read-side helpers: the unread count, a page of the list, e-mail choices, and who was told
of a topic lately."""

from functools import cache

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload

from hub.core import reads
from hub.core.extensions import db
from hub.notifications.models import KINDS, Kind, Notification, NotificationSetting

PAGE_SIZE = 30


def unread_count(user_id: int) -> int:
    """One indexed count (user_id, read_at): cheap enough for every page."""
    return reads.scalar(_unread(), user_id=user_id) or 0


@cache
def _unread():
    return select(func.count(Notification.id)).where(
        Notification.user_id == bindparam("user_id"), Notification.read_at.is_(None)
    )


def unread_counts(user_ids: set[int]) -> dict[int, int]:
    """The unread count of several members in one query (zero for those with none)."""
    if not user_ids:
        return {}
    rows = db.session.execute(
        select(Notification.user_id, func.count(Notification.id))
        .where(Notification.user_id.in_(user_ids), Notification.read_at.is_(None))
        .group_by(Notification.user_id)
    )
    return {user_id: 0 for user_id in user_ids} | {user_id: n for user_id, n in rows}


def page_for(user_id: int, before: int | None = None, limit: int = PAGE_SIZE):
    """Newest first, older than the id `before`; returns (items, cursor of the next page or None).

    Ids only grow, so "older than the last id shown" is a stable cursor even while new
    notifications arrive at the top.
    """
    statement = (
        select(Notification)
        .where(Notification.user_id == user_id)
        .options(
            joinedload(Notification.actor),
            joinedload(Notification.topic),
            joinedload(Notification.post),
        )
        .order_by(Notification.id.desc())
        .limit(limit + 1)  # one more than shown tells whether there is a next page
    )
    if before is not None:
        statement = statement.where(Notification.id < before)
    items = list(db.session.scalars(statement))
    more = len(items) > limit
    items = items[:limit]
    return items, (items[-1].id if more else None)


def email_choices(user_id: int) -> dict[Kind, bool]:
    """Whether the member gets e-mail for each kind (on unless they turned it off)."""
    rows = db.session.execute(
        select(NotificationSetting.kind, NotificationSetting.email).where(
            NotificationSetting.user_id == user_id
        )
    )
    chosen = {kind: email for kind, email in rows if kind in KINDS}
    return {kind: chosen.get(kind, True) for kind in KINDS}


def email_turned_off(user_ids: set[int]) -> set[tuple[int, str]]:
    """(user id, kind) pairs for which these members turned e-mail off."""
    if not user_ids:
        return set()
    rows = db.session.execute(
        select(NotificationSetting.user_id, NotificationSetting.kind).where(
            NotificationSetting.user_id.in_(user_ids), NotificationSetting.email.is_(False)
        )
    )
    return {(user_id, kind) for user_id, kind in rows}


def told_of_topics_lately(created: list[Notification], since) -> set[tuple[int, int]]:
    """(reader, topic) pairs among `created` whose reader has an older unread reply notification
    of that topic from after `since`: they were told already and have not looked yet."""
    replies = [n for n in created if n.kind == Kind.REPLY and n.topic_id is not None]
    if not replies:
        return set()
    rows = db.session.execute(
        select(Notification.user_id, Notification.topic_id).where(
            Notification.user_id.in_({n.user_id for n in replies}),
            Notification.read_at.is_(None),
            Notification.topic_id.in_({n.topic_id for n in replies}),
            Notification.kind == Kind.REPLY,
            Notification.created_at >= since,
            Notification.id.not_in([n.id for n in replies]),
        )
    )
    return {(user_id, topic_id) for user_id, topic_id in rows}
