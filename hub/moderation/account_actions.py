"""Moderators' decisions on accounts: suspend (for a time or until lifted), silence (make
read-only), lift both, and mark as a spammer (suspend and hide everything at once).

The public reason shows on the profile; each decision is logged, closes the open reports on
the account and tells the member through the outbox.
"""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from hub import permissions
from hub.accounts import service as accounts
from hub.accounts.models import User
from hub.core import events
from hub.core.columns import utcnow
from hub.core.errors import Conflict
from hub.core.extensions import db
from hub.forums.models import Post
from hub.moderation import checks, decision_log, notify, reasons
from hub.moderation.models import INDEFINITELY, Action, Flag, FlagStatus, TargetType


def _person_to_act_on(actor, username: str, check=permissions.can_act_on) -> User:
    """Raises: NotFound, Unauthorized, Forbidden."""
    person = accounts.get_user(username)
    permissions.require(check(actor, person))
    return person


def _end(until: datetime | None, field: str = "until") -> datetime:
    """None means until a moderator lifts it. Raises: Invalid (in the past)."""
    if until is None:
        return INDEFINITELY
    if until.tzinfo is None:
        raise checks.invalid(field, _("Give a time zone (UTC)."))
    if until <= utcnow():
        raise checks.invalid(field, _("Choose a time in the future."))
    return until


def suspend_user(
    actor,
    username: str,
    until: datetime | None,
    public_reason: str = "",
    note: str = "",
    *,
    reason_code: str = "",
) -> User:
    """Suspend an account for a time or (`until=None`) until lifted; the public reason shows on
    the profile. A suspended member can read and appeal, not write. Raises: NotFound,
    Forbidden (self, an admin), Invalid."""
    person = _person_to_act_on(actor, username)
    code, text = checks.checked_public_reason(reasons.ACCOUNT_REASONS, reason_code, public_reason)
    until = _end(until)
    person.suspended_until, person.suspended_reason = until, text
    entry = decision_log.record(
        actor,
        Action.SUSPEND,
        TargetType.USER,
        person.id,
        person.id,
        reason_code=code,
        public_reason=text,
        note=checks.checked_note(note),
        until=until,
    )
    decision_log.close_reports_on(TargetType.USER, person.id, FlagStatus.ACTIONED, actor, entry)
    notify.enqueue("suspended", person.id, action_id=entry.id)
    db.session.commit()
    return person


def silence_user(
    actor, username: str, until: datetime | None, public_reason: str = "", note: str = ""
) -> User:
    """Make an account read-only for a time or until lifted: a milder step than suspending.
    Raises: NotFound, Forbidden, Invalid."""
    person = _person_to_act_on(actor, username)
    text = " ".join((public_reason or "").split())
    if len(text) > checks.REASON_MAX:
        raise checks.invalid("public_reason", _("At most %(n)d characters.", n=checks.REASON_MAX))
    until = _end(until)
    person.silenced_until = until
    entry = decision_log.record(
        actor,
        Action.SILENCE,
        TargetType.USER,
        person.id,
        person.id,
        reason_code=reasons.OTHER if text else "",
        public_reason=text,
        note=checks.checked_note(note),
        until=until,
    )
    decision_log.close_reports_on(TargetType.USER, person.id, FlagStatus.ACTIONED, actor, entry)
    notify.enqueue("silenced", person.id, action_id=entry.id)
    db.session.commit()
    return person


def lift_restrictions(actor, username: str, note: str = "") -> User:
    """End a suspension and a silence. Raises: NotFound, Forbidden, Conflict (nothing to lift)."""
    person = _person_to_act_on(actor, username)
    now = utcnow()
    if not (person.is_suspended(now) or person.is_silenced(now)):
        raise Conflict(_("This account is neither suspended nor read-only."))
    _lift(actor, person, checks.checked_note(note))
    db.session.commit()
    return person


def _lift(actor, person: User, note: str) -> None:
    person.suspended_until, person.suspended_reason, person.silenced_until = None, "", None
    entry = decision_log.record(
        actor, Action.LIFT, TargetType.USER, person.id, person.id, note=note
    )
    notify.enqueue("lifted", person.id, action_id=entry.id)


def mark_spammer(actor, username: str, note: str = "") -> User:
    """One action against a spam flood: suspend the account until lifted, hide all its posts,
    and take everything about it (and every report it filed) out of the queue.
    Raises: NotFound, Forbidden (self, an admin, a team account)."""
    person = _person_to_act_on(actor, username, check=permissions.can_mark_spammer)
    hidden = mark_spammer_without_commit(actor, person, checks.checked_note(note))
    db.session.commit()
    for post in hidden:
        events.post_hidden.send(post)
    return person


def mark_spammer_without_commit(actor, person: User, note: str) -> list[Post]:
    """Mark a spammer in the caller's transaction (a bulk decision commits once); returns the
    posts it hid."""
    now = utcnow()  # one instant for every entry, so an appeal can undo exactly these hides
    text = str(reasons.ACCOUNT_REASONS["spam"])
    person.suspended_until, person.suspended_reason = INDEFINITELY, text
    entry = decision_log.record(
        actor,
        Action.MARK_SPAMMER,
        TargetType.USER,
        person.id,
        person.id,
        reason_code="spam",
        public_reason=text,
        note=note,
        until=INDEFINITELY,
        at=now,
    )
    posts = _hide_as_spam(actor, person, note, now)
    about = db.session.scalars(
        select(Flag).where(Flag.target_user_id == person.id, Flag.status == FlagStatus.OPEN.value)
    )
    decision_log.close_reports(list(about), FlagStatus.ACTIONED, actor, entry)
    filed = db.session.scalars(
        select(Flag).where(Flag.reporter_id == person.id, Flag.status == FlagStatus.OPEN.value)
    )
    decision_log.close_reports(list(filed), FlagStatus.DISMISSED, actor, entry, tell=False)
    notify.enqueue("suspended", person.id, action_id=entry.id)
    return posts


def _hide_as_spam(actor, person: User, note: str, now: datetime) -> list[Post]:
    """Hide a spammer's posts, each logged at the spam mark's instant `now`; returns them."""
    candidates = db.session.scalars(
        select(Post).where(Post.author_id == person.id, Post.deleted_at.is_(None)).order_by(Post.id)
    )
    # Posts a moderator already hid keep that decision and its reason.
    posts = [
        p
        for p in candidates
        if not p.is_hidden or decision_log.is_held(p) or decision_log.is_auto_hidden(p)
    ]
    hide_text = str(reasons.HIDE_REASONS["spam"])
    for post in posts:
        post.hidden_at, post.hidden_reason = now, hide_text
        decision_log.record(
            actor,
            Action.HIDE,
            TargetType.POST,
            post.id,
            person.id,
            reason_code="spam",
            public_reason=hide_text,
            note=note,
            at=now,
        )
    return posts
