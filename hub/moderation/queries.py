"""Read-side helpers: the grouped queue with its context, the log, and the transparency counts."""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask import Flask, current_app
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from hub.accounts.models import User
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.forums.models import Post, Topic
from hub.moderation import reasons
from hub.moderation.models import (
    Action,
    Appeal,
    AppealStatus,
    Flag,
    FlagStatus,
    ModerationAction,
    TargetType,
)

QUEUE_FLAGS_MAX = 500  # open reports loaded per queue page (oldest first)
LOG_PAGE = 50
THREAD_AROUND = 2  # posts shown before and after a reported post
# The reported rows of features above moderation (chat messages), loaded by those features.
_REPORTED = "moderation.reported_loaders"


@dataclass
class ReportGroup:
    """The open reports on one target, as the queue shows them."""

    target_type: str
    target_id: int
    flags: list[Flag] = field(default_factory=list)
    post: Post | None = None
    person: User | None = None  # the reported account, or the reported post's author
    message: Any = None  # a reported chat message with its room (loaded by chat, see show_reported)
    auto_hidden: bool = False

    @property
    def first(self) -> Flag:
        return self.flags[0]

    @property
    def count(self) -> int:
        return len(self.flags)

    @property
    def reasons(self) -> dict[str, int]:
        return dict(Counter(flag.reason for flag in self.flags).most_common())

    @property
    def reporters(self) -> list[User]:
        return [flag.reporter for flag in self.flags]

    @property
    def first_reported_at(self) -> datetime:
        return self.first.created_at

    @property
    def urgent(self) -> bool:
        """Personal data goes to the top of the queue."""
        return any(flag.reason == "personal_data" for flag in self.flags)

    @property
    def weight(self) -> float:
        return sum(flag.weight for flag in self.flags)


def _open_flags(where=None, limit: int = QUEUE_FLAGS_MAX) -> list[Flag]:
    stmt = (
        select(Flag)
        .where(Flag.status == FlagStatus.OPEN.value)
        .options(joinedload(Flag.reporter), joinedload(Flag.target_user))
        .order_by(Flag.created_at, Flag.id)
        .limit(limit)
    )
    if where is not None:
        stmt = stmt.where(where)
    return list(db.session.scalars(stmt))


def _groups(flags: list[Flag]) -> list[ReportGroup]:
    groups: dict[tuple[str, int], ReportGroup] = {}
    for flag in flags:
        key = (flag.target_type, flag.target_id)
        group = groups.setdefault(key, ReportGroup(flag.target_type, flag.target_id))
        group.flags.append(flag)
    post_ids = [g.target_id for g in groups.values() if g.target_type == TargetType.POST]
    posts = _posts(post_ids)
    auto = _latest_actions(post_ids)
    messages = _messages(
        [g.target_id for g in groups.values() if g.target_type == TargetType.MESSAGE]
    )
    for group in groups.values():
        if group.target_type == TargetType.POST:
            group.post = posts.get(group.target_id)
            group.person = group.post.author if group.post else group.first.target_user
            latest = auto.get(group.target_id)
            group.auto_hidden = bool(
                group.post and group.post.is_hidden and latest == Action.AUTO_HIDE
            )
        else:
            group.message = messages.get(group.target_id)
            group.person = group.first.target_user
    return list(groups.values())


def show_reported(app: Flask, target_type: TargetType, load: Callable[[list[int]], dict]) -> None:
    """Let the feature that owns a kind of reported row load it for the queue: `load(ids)`
    returns {id: row}. Chat does this for messages, so moderation imports nothing of chat."""
    app.extensions.setdefault(_REPORTED, {})[target_type.value] = load


def _messages(message_ids: list[int]) -> dict[int, Any]:
    load = current_app.extensions.get(_REPORTED, {}).get(TargetType.MESSAGE.value)
    if not message_ids or load is None:
        return {}
    return load(message_ids)


def _posts(post_ids: list[int]) -> dict[int, Post]:
    if not post_ids:
        return {}
    rows = db.session.scalars(
        select(Post)
        .where(Post.id.in_(post_ids))
        .options(joinedload(Post.author), joinedload(Post.topic).joinedload(Topic.space))
    )
    return {post.id: post for post in rows}


def _latest_actions(post_ids: list[int]) -> dict[int, str]:
    """The newest log entry's action per post, in one query."""
    if not post_ids:
        return {}
    newest = (
        select(func.max(ModerationAction.id))
        .where(
            ModerationAction.target_type == TargetType.POST.value,
            ModerationAction.target_id.in_(post_ids),
        )
        .group_by(ModerationAction.target_id)
    )
    rows = db.session.execute(
        select(ModerationAction.target_id, ModerationAction.action).where(
            ModerationAction.id.in_(newest)
        )
    )
    return {target_id: action for target_id, action in rows}


def queue() -> list[ReportGroup]:
    """Open reports grouped by target: personal data first, then the oldest report first."""
    groups = _groups(_open_flags())
    return sorted(groups, key=lambda g: (not g.urgent, g.first_reported_at, g.first.id))


def group_for(target_type: str, target_id: int) -> ReportGroup | None:
    """The open reports on one target, or None when there are none."""
    flags = _open_flags(and_(Flag.target_type == target_type, Flag.target_id == target_id))
    groups = _groups(flags)
    return groups[0] if groups else None


def awaiting_approval(limit: int = 200) -> list[Post]:
    """Posts held for approval (a new member's first post), oldest first."""
    newest = (
        select(func.max(ModerationAction.id))
        .where(ModerationAction.target_type == TargetType.POST.value)
        .group_by(ModerationAction.target_id)
    )
    held_ids = select(ModerationAction.target_id).where(
        ModerationAction.id.in_(newest), ModerationAction.action == Action.HOLD.value
    )
    return list(
        db.session.scalars(
            select(Post)
            .where(Post.id.in_(held_ids), Post.hidden_at.is_not(None))
            .options(joinedload(Post.author), joinedload(Post.topic))
            .order_by(Post.created_at, Post.id)
            .limit(limit)
        )
    )


def open_appeals() -> list[Appeal]:
    """Appeals waiting for a decision, oldest first."""
    return list(
        db.session.scalars(
            select(Appeal)
            .where(Appeal.status == AppealStatus.OPEN.value)
            .options(
                joinedload(Appeal.appellant),
                joinedload(Appeal.action).joinedload(ModerationAction.actor),
            )
            .order_by(Appeal.created_at, Appeal.id)
        )
    )


def thread_around(post: Post, before: int = THREAD_AROUND, after: int = THREAD_AROUND):
    """The opening post and the posts just before and after `post`, in order."""
    return list(
        db.session.scalars(
            select(Post)
            .where(
                Post.topic_id == post.topic_id,
                or_(
                    Post.number == 1,
                    and_(Post.number >= post.number - before, Post.number <= post.number + after),
                ),
            )
            .options(joinedload(Post.author))
            .order_by(Post.number)
        )
    )


@dataclass
class History:
    posts: int
    hidden: int
    reports_against: int
    dismissed_against: int
    actions: list[ModerationAction]
    recent_posts: list[Post]


def history(person: User, limit: int = 20) -> History:
    """What a moderator needs to know about a member: their record and earlier decisions."""
    posts, hidden = db.session.execute(
        select(
            func.count(Post.id),
            func.count(Post.hidden_at),
        ).where(Post.author_id == person.id)
    ).one()
    reports, dismissed = db.session.execute(
        select(
            func.count(Flag.id),
            func.count(Flag.id).filter(Flag.status == FlagStatus.DISMISSED.value),
        ).where(Flag.target_user_id == person.id)
    ).one()
    actions = list(
        db.session.scalars(
            select(ModerationAction)
            .where(
                ModerationAction.target_user_id == person.id,
                ModerationAction.action != Action.HOLD.value,
            )
            .options(joinedload(ModerationAction.actor))
            .order_by(ModerationAction.id.desc())
            .limit(limit)
        )
    )
    recent = list(
        db.session.scalars(
            select(Post)
            .where(Post.author_id == person.id)
            .options(joinedload(Post.topic))
            .order_by(Post.created_at.desc(), Post.id.desc())
            .limit(10)
        )
    )
    return History(posts, hidden, reports, dismissed, actions, recent)


def log_page(before: int | None = None, limit: int = LOG_PAGE):
    """Every moderation action, newest first; returns (items, cursor of the next page or None)."""
    stmt = (
        select(ModerationAction)
        .options(joinedload(ModerationAction.actor), joinedload(ModerationAction.target_user))
        .order_by(ModerationAction.id.desc())
        .limit(limit + 1)
    )
    if before is not None:
        stmt = stmt.where(ModerationAction.id < before)
    items = list(db.session.scalars(stmt))
    more = len(items) > limit
    items = items[:limit]
    return items, (items[-1].id if more else None)


def targets_of(entries: list[ModerationAction]) -> dict[int, Post]:
    """The posts a list of log entries points at, by id (one query)."""
    ids = {e.target_id for e in entries if e.target_type == TargetType.POST}
    return _posts(list(ids))


@dataclass
class Month:
    month: str  # "2026-11"
    hidden: dict[str, int]  # reason label -> count
    deleted: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.hidden.values()) + sum(self.deleted.values())


def transparency(months: int = 12, now: datetime | None = None) -> list[Month]:
    """Posts hidden and deleted by moderators per month and reason, newest month first.

    Counts decisions, not people: no notes, no names, no reporters. Automatic hides (pending
    review) and posts waiting for approval are not decisions and are not counted.
    """
    since = (now or utcnow()) - timedelta(days=31 * months)
    rows = db.session.execute(
        select(ModerationAction.action, ModerationAction.reason_code, ModerationAction.created_at)
        .where(
            ModerationAction.action.in_([Action.HIDE.value, Action.DELETE.value]),
            ModerationAction.actor_id.is_not(None),
            ModerationAction.created_at >= since,
        )
        .order_by(ModerationAction.created_at)
    ).all()
    counts: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for action, code, created_at in rows:
        counts[created_at.strftime("%Y-%m")][action][reasons.label(code)] += 1
    return [
        Month(
            month,
            dict(by_action[Action.HIDE.value].most_common()),
            dict(by_action[Action.DELETE.value].most_common()),
        )
        for month, by_action in sorted(counts.items(), reverse=True)
    ]


def decisions_about(person: User, limit: int = 50) -> list[ModerationAction]:
    """Decisions concerning a member, newest first (their own moderation page); dismissals of
    reports about them are not decisions about them."""
    return list(
        db.session.scalars(
            select(ModerationAction)
            .where(
                ModerationAction.target_user_id == person.id,
                ModerationAction.action != Action.DISMISS.value,
            )
            .options(selectinload(ModerationAction.appeal))
            .order_by(ModerationAction.id.desc())
            .limit(limit)
        )
    )


def open_report_targets(reporter: User, target_type: str, target_ids: list[int]) -> set[int]:
    """Which of these targets the member has an open report on (to show "Reported")."""
    if not getattr(reporter, "is_authenticated", False) or not target_ids:
        return set()
    return set(
        db.session.scalars(
            select(Flag.target_id).where(
                Flag.reporter_id == reporter.id,
                Flag.target_type == target_type,
                Flag.target_id.in_(target_ids),
                Flag.status == FlagStatus.OPEN.value,
            )
        )
    )
