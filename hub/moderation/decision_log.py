"""The moderation log as the decisions write it: one entry per decision (`record`), the open
reports a decision closes (telling each reporter), and the reads of it that the decisions
share (the latest entry about a post: is it held for approval, hidden by reports?).

Nothing here commits: the decision that calls it commits once, so a bulk action on several
reports is still one transaction.
"""

from collections.abc import Iterable
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from hub.accounts.models import User
from hub.core.columns import utcnow
from hub.core.errors import NotFound
from hub.core.extensions import db
from hub.forums.models import Post
from hub.moderation import notify
from hub.moderation.models import Action, Flag, FlagStatus, ModerationAction, TargetType


def get_action(action_id: int) -> ModerationAction:
    """Raises: NotFound."""
    action = db.session.get(ModerationAction, action_id)
    if action is None:
        raise NotFound(_("This decision does not exist."))
    return action


def latest_post_action(post_id: int) -> ModerationAction | None:
    """The newest log entry about a post."""
    return db.session.scalar(
        select(ModerationAction)
        .where(
            ModerationAction.target_type == TargetType.POST.value,
            ModerationAction.target_id == post_id,
        )
        .order_by(ModerationAction.id.desc())
        .limit(1)
    )


def is_held(post: Post) -> bool:
    """Hidden because it awaits approval (a new member's first post)."""
    if not post.is_hidden:
        return False
    latest = latest_post_action(post.id)
    return latest is not None and latest.action == Action.HOLD


def is_auto_hidden(post: Post) -> bool:
    """Hidden by reports, waiting for a moderator."""
    if not post.is_hidden:
        return False
    latest = latest_post_action(post.id)
    return latest is not None and latest.action == Action.AUTO_HIDE


def record(
    actor: User | None,
    action: Action,
    target_type: TargetType,
    target_id: int,
    target_user_id: int | None,
    *,
    reason_code: str = "",
    public_reason: str = "",
    note: str = "",
    until: datetime | None = None,
    outcome: str = "",
    at: datetime | None = None,
) -> ModerationAction:
    """Add one log entry (flushed, so its id can be sent on); `actor` None is the hub itself."""
    entry = ModerationAction(
        actor_id=actor.id if actor is not None else None,
        action=action.value,
        target_type=target_type.value,
        target_id=target_id,
        target_user_id=target_user_id,
        reason_code=reason_code,
        public_reason=public_reason,
        note=note,
        until=until,
        outcome=outcome,
        created_at=at or utcnow(),
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def log_chat_decision(
    actor,
    action: Action,
    target_type: TargetType,
    target_id: int,
    person_id: int,
    reason: str,
    *,
    note: str = "",
    until: datetime | None = None,
) -> ModerationAction:
    """Log a moderator's decision taken in chat; deleting a message closes its open reports."""
    entry = record(
        actor,
        action,
        target_type,
        target_id,
        person_id,
        public_reason=reason,
        note=note,
        until=until,
    )
    if target_type == TargetType.MESSAGE:
        close_reports_on(target_type, target_id, FlagStatus.ACTIONED, actor, entry)
    return entry


def open_reports(target_type: TargetType, target_id: int) -> list[Flag]:
    """The open reports on one target, oldest first."""
    return list(
        db.session.scalars(
            select(Flag)
            .where(
                Flag.target_type == target_type.value,
                Flag.target_id == target_id,
                Flag.status == FlagStatus.OPEN.value,
            )
            .order_by(Flag.id)
        )
    )


def close_reports(
    flags: Iterable[Flag], status: FlagStatus, actor, entry, *, tell=True
) -> list[Flag]:
    """Close reports with the decision that handled them; tell each reporter (once per report)."""
    now, closed = utcnow(), []
    for flag in flags:
        if not flag.is_open:
            continue
        flag.status, flag.open_slot, flag.handled_at = status.value, None, now
        flag.handled_by_id = actor.id if actor is not None else None
        flag.action_id = entry.id if entry is not None else None
        if tell:
            notify.enqueue("report_handled", flag.reporter_id, flag_id=flag.id)
        closed.append(flag)
    return closed


def close_reports_on(
    target_type: TargetType, target_id: int, status: FlagStatus, actor, entry
) -> list[Flag]:
    """Close every open report on one target with the decision that handled it."""
    return close_reports(open_reports(target_type, target_id), status, actor, entry)
