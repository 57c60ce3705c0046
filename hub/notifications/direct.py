"""Notifications about something other than a forum post: a chat reply on the private line,
a moderator's decision, a spoke account that needs reconnecting.

`notify` writes in the caller's transaction: the rows and their mails exist only if the caller
commits, and the bells ring only after that commit (a rolled-back notification never rings).
"""

import logging
from collections.abc import Iterable

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from hub.accounts.models import User
from hub.core.extensions import db
from hub.core.forms import safe_next
from hub.notifications import fanout, queries
from hub.notifications.models import DIRECT_KINDS, STAFF_KINDS, Kind, Notification
from hub.realtime import rooms as realtime

log = logging.getLogger(__name__)

TEXT_MAX = 300
_PENDING = "nabe_pending_bells"  # Session.info key: pushes waiting for the commit


def notify(
    user_ids: Iterable[int],
    kind: Kind,
    *,
    path: str,
    text: str,
    ref: str,
    actor_id: int | None = None,
    mail: bool = True,
) -> list[Notification]:
    """Tell these members `text`, linking to the hub `path`; once per (member, kind, ref).

    The actor is never told of their own action; staff-only kinds reach staff only. With
    `mail=False` only the bell tells (for callers that send their own mail).
    Raises: ValueError (not a direct kind, or a path that is not on this hub).
    """
    if kind not in DIRECT_KINDS:
        raise ValueError(f"{kind} notifications belong to a post")
    if not path or safe_next(path, "") != path:
        raise ValueError(f"not a hub path: {path!r}")
    wanted = set(user_ids) - {actor_id} - _already_told(set(user_ids), kind, ref)
    created = [
        Notification(
            user=user, kind=kind.value, actor_id=actor_id, path=path, text=_clip(text), ref=ref
        )
        for user in _recipients(wanted, kind)
    ]
    db.session.add_all(created)
    db.session.flush()
    if mail:
        fanout.queue_mails(created)
    _ring_after_commit(created)
    return created


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_MAX else text[: TEXT_MAX - 1].rstrip() + "…"


def _already_told(user_ids: set[int], kind: Kind, ref: str) -> set[int]:
    if not user_ids:
        return set()
    statement = select(Notification.user_id).where(
        Notification.user_id.in_(user_ids), Notification.kind == kind.value, Notification.ref == ref
    )
    return set(db.session.scalars(statement))


def _recipients(user_ids: set[int], kind: Kind) -> list[User]:
    if not user_ids:
        return []
    users = db.session.scalars(select(User).where(User.id.in_(user_ids)).order_by(User.id))
    if kind in STAFF_KINDS:
        return [user for user in users if user.is_staff]
    return list(users)


def _ring_after_commit(created: list[Notification]) -> None:
    """Compute each push now (the flushed rows are counted) and send it after the commit."""
    if not created:
        return
    counts = queries.unread_counts({n.user_id for n in created})
    pushes = [(n.user_id, fanout.live_payload(n, counts[n.user_id])) for n in created]
    db.session().info.setdefault(_PENDING, []).extend(pushes)


@event.listens_for(Session, "after_commit")
def _ring(session: Session) -> None:
    for user_id, payload in session.info.pop(_PENDING, []):
        try:
            realtime.notify_user(user_id, payload)
        except Exception:  # best effort: the bell count is right on the next page anyway
            log.warning("could not push a notification to user %s", user_id, exc_info=True)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)
