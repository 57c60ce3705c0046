"""Reports: members report a post, an account (or, through chat, a message); each report is
weighted by its reporter's record, and enough of them hide a post until a moderator looks.
Moderators dismiss the reports on a target, or decide on several selected reports at once.

`file_report` is the one way to file a report, for every kind of target: other features
(chat) call it inside their own transaction.
"""

from collections.abc import Iterable

from flask_babel import gettext as _
from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError

from hub import permissions
from hub.accounts import service as accounts
from hub.accounts.models import User
from hub.core import events, transactions
from hub.core.columns import utcnow
from hub.core.errors import Conflict, NotFound
from hub.core.extensions import db
from hub.forums import service as forums
from hub.forums.models import Post
from hub.moderation import (
    account_actions,
    checks,
    decision_log,
    notify,
    post_actions,
    reasons,
    settings,
)
from hub.moderation.models import Action, Flag, FlagStatus, ModerationAction, TargetType

# What a reporter's recent record does to the weight of their next report (see reporter_weight).
WEIGHT_HISTORY = 10  # handled reports looked at
WEIGHT_MIN_HANDLED = 4  # fewer handled reports than this say nothing yet
LOW_WEIGHT = 0.5

# Decisions by a moderator on a post; after one, reports no longer hide that text automatically.
_REVIEWS = (Action.DISMISS, Action.HIDE, Action.RESTORE, Action.EDIT, Action.APPROVE)


def get_flag(flag_id: int) -> Flag:
    """Raises: NotFound."""
    flag = db.session.get(Flag, flag_id)
    if flag is None:
        raise NotFound(_("This report does not exist."))
    return flag


def reporter_weight(reporter: User) -> float:
    """How much a member's new report counts towards hiding a post automatically.

    The rule: look at the reporter's last 10 handled reports. When at least 4 were handled and
    more than half of those were dismissed (a moderator saw nothing wrong), a new report counts
    half (0.5); otherwise it counts 1. So a member who reports in good faith keeps full weight,
    one who mostly reports what is fine needs a second such reporter to make up one report, and
    a newcomer's first reports count fully. The queue still shows every report; the weight
    only changes when the automatic hide happens. Team members' reports always count 1.
    """
    if reporter.is_staff or reporter.is_moderator:
        return 1.0
    recent = list(
        db.session.scalars(
            select(Flag.status)
            .where(Flag.reporter_id == reporter.id, Flag.status != FlagStatus.OPEN.value)
            .order_by(Flag.handled_at.desc(), Flag.id.desc())
            .limit(WEIGHT_HISTORY)
        )
    )
    dismissed = sum(1 for status in recent if status == FlagStatus.DISMISSED)
    if len(recent) >= WEIGHT_MIN_HANDLED and dismissed * 2 > len(recent):
        return LOW_WEIGHT
    return 1.0


@transactions.retried
def report_post(actor, post_id: int, reason: str, note: str = "") -> Flag:
    """Report a post to the moderators; it may be hidden at once (personal data) or when
    enough members reported it. Raises: NotFound, Unauthorized, Forbidden, Invalid, Conflict
    (this member's report on it is still open)."""
    post = forums.get_post(post_id)
    permissions.require(permissions.can_report(actor, post))
    if post.deleted_at is not None:
        raise Conflict(_("This post was already removed."))
    flag = file_report(actor, TargetType.POST, post.id, post.author_id, reason, note)
    hidden = _review_automatically(post, flag)
    db.session.commit()
    if hidden:
        events.post_hidden.send(post)
    return flag


@transactions.retried
def report_user(actor, username: str, reason: str, note: str = "") -> Flag:
    """Report a member's account (a spammer, an impostor). Raises: NotFound, Unauthorized,
    Forbidden, Invalid, Conflict."""
    person = accounts.get_user(username)
    permissions.require(permissions.can_report(actor, person))
    flag = file_report(actor, TargetType.USER, person.id, person.id, reason, note)
    db.session.commit()
    return flag


def file_report(actor, target_type: TargetType, target_id: int, owner_id, reason, note) -> Flag:
    """File `actor`'s report on a target owned by `owner_id`, in the caller's transaction (no
    commit): a listed reason, a note when the reason is `other`, and one open report per member
    and target. The report's weight is the reporter's (see `reporter_weight`).

    Raises: Invalid, Conflict (this member's report on it is still open; a report sent at the
    same moment rolls the session back)."""
    if reason not in reasons.REPORT_REASONS:
        raise checks.invalid("reason", _("Choose one of the reasons."))
    note = checks.checked_note(note)
    if reason == reasons.OTHER and not note:
        raise checks.invalid("note", _("Tell the moderators what is wrong."))
    if _open_report_exists(actor.id, target_type, target_id):
        raise Conflict(_("You have already reported this; a moderator will look at it."))
    flag = Flag(
        reporter_id=actor.id,
        target_type=target_type.value,
        target_id=target_id,
        target_user_id=owner_id,
        reason=reason,
        note=note,
        weight=reporter_weight(actor),
        status=FlagStatus.OPEN.value,
        open_slot=1,
        created_at=utcnow(),
    )
    db.session.add(flag)
    try:
        db.session.flush()
    except IntegrityError:  # the same member's second report, sent at the same moment
        db.session.rollback()
        raise Conflict(_("You have already reported this; a moderator will look at it.")) from None
    return flag


def _open_report_exists(reporter_id: int, target_type: TargetType, target_id: int) -> bool:
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    Flag.reporter_id == reporter_id,
                    Flag.target_type == target_type.value,
                    Flag.target_id == target_id,
                    Flag.status == FlagStatus.OPEN.value,
                )
            )
        )
    )


def reviewed_since_edit(post: Post) -> bool:
    """A moderator decided on this post's current text: reports no longer hide it on their own.

    An edit by the author after the decision makes the text new again.
    """
    since = post.edited_at or post.created_at
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    ModerationAction.target_type == TargetType.POST.value,
                    ModerationAction.target_id == post.id,
                    ModerationAction.actor_id.is_not(None),
                    ModerationAction.action.in_([a.value for a in _REVIEWS]),
                    ModerationAction.created_at >= since,
                )
            )
        )
    )


def report_weight(post_id: int) -> float:
    """The summed weight of the open reports on a post (one open report per member)."""
    total = db.session.scalar(
        select(func.coalesce(func.sum(Flag.weight), 0.0)).where(
            Flag.target_type == TargetType.POST.value,
            Flag.target_id == post_id,
            Flag.status == FlagStatus.OPEN.value,
        )
    )
    return float(total or 0.0)


def _review_automatically(post: Post, flag: Flag) -> bool:
    """Hide at once for personal data, or at the threshold of weighted reports, unless a
    moderator already decided on this text. Returns whether the post was hidden now.

    The post is locked and read again first: of several reports arriving at once, each sees
    the ones before it, so the one that crosses the threshold hides the post, once."""
    transactions.lock(Post, post.id)
    db.session.refresh(post)
    if post.is_hidden or reviewed_since_edit(post):
        return False
    if flag.reason == "personal_data":
        _auto_hide(post, "personal_data", str(reasons.PERSONAL_DATA_PENDING))
        return True
    threshold = settings.get("auto_hide_reporters")
    db.session.flush()
    if report_weight(post.id) + 1e-9 >= threshold:
        _auto_hide(post, "pending_review", str(reasons.PENDING_REVIEW))
        return True
    return False


def _auto_hide(post: Post, code: str, text: str) -> None:
    post.hidden_at, post.hidden_reason = utcnow(), text
    entry = decision_log.record(
        None,
        Action.AUTO_HIDE,
        TargetType.POST,
        post.id,
        post.author_id,
        reason_code=code,
        public_reason=text,
    )
    notify.enqueue("post_hidden", post.author_id, action_id=entry.id)


def dismiss_reports(actor, flag_id: int, note: str = "") -> list[Flag]:
    """Close every open report on the target of `flag_id` without action (the decision is about
    the target, not one report); reporters are told it was reviewed. A post hidden by those
    reports is shown again. Raises: NotFound, Forbidden, Conflict (already handled)."""
    flag = get_flag(flag_id)
    _require_flag_decision(actor, flag)
    if not flag.is_open:
        raise Conflict(_("This report was already handled."))
    closed, shown = _dismiss(actor, flag.target_type, flag.target_id, checks.checked_note(note))
    db.session.commit()
    if shown is not None:
        events.post_restored.send(shown)
    return closed


def _require_flag_decision(actor, flag: Flag) -> None:
    permissions.require(permissions.can_moderate(actor))
    if flag.target_user is not None:
        permissions.require(permissions.can_act_on(actor, flag.target_user))


def _dismiss(actor, target_type: str, target_id: int, note: str) -> tuple[list[Flag], Post | None]:
    """Close the open reports on a target; returns them and the post shown again, if any."""
    target = TargetType(target_type)
    flags = decision_log.open_reports(target, target_id)
    owner_id = flags[0].target_user_id if flags else None
    post = db.session.get(Post, target_id) if target == TargetType.POST else None
    unhide = post is not None and post.deleted_at is None and decision_log.is_auto_hidden(post)
    entry = decision_log.record(actor, Action.DISMISS, target, target_id, owner_id, note=note)
    closed = decision_log.close_reports(flags, FlagStatus.DISMISSED, actor, entry)
    if not unhide:
        return closed, None
    post.hidden_at, post.hidden_reason = None, ""  # the decision overrides the automatic hide
    notify.enqueue("post_restored", post.author_id, action_id=entry.id)
    return closed, post


BULK_ACTIONS = ("dismiss", "hide", "mark_spammer")


def act_on_reports(
    actor,
    flag_ids: Iterable[int],
    action: str,
    *,
    reason_code: str = "",
    public_reason: str = "",
    note: str = "",
) -> dict[str, int]:
    """One decision for several selected reports, in one transaction: `dismiss` them, `hide`
    the reported posts, or `mark_spammer` the reported members. Targets the actor may not act
    on are skipped and counted. Raises: Forbidden, Invalid (unknown action, missing reason)."""
    permissions.require(permissions.can_moderate(actor))
    if action not in BULK_ACTIONS:
        raise checks.invalid("action", _("Dismiss, hide or mark as spammer."))
    note = checks.checked_note(note)
    code, text = "", ""
    if action == "hide":
        code, text = checks.checked_public_reason(reasons.HIDE_REASONS, reason_code, public_reason)
    done, skipped, hidden, shown, spammers = 0, 0, [], [], set()
    for target_type, target_id, owner in _selected_targets(flag_ids):
        if owner is not None and not permissions.can_act_on(actor, owner):
            skipped += 1
            continue
        outcome = _act_on_target(
            actor, action, (target_type, target_id, owner), code, text, note, spammers
        )
        if outcome is None:
            skipped += 1
            continue
        hidden += outcome[0]
        shown += outcome[1]
        done += 1
    db.session.commit()
    for post in hidden:
        events.post_hidden.send(post)
    for post in shown:
        events.post_restored.send(post)
    return {"done": done, "skipped": skipped}


def _selected_targets(flag_ids: Iterable[int]) -> list[tuple[str, int, User | None]]:
    """(target type, target id, owner) of the selected reports still open, once each."""
    flags = list(
        db.session.scalars(
            select(Flag)
            .where(Flag.id.in_(list(flag_ids)), Flag.status == FlagStatus.OPEN.value)
            .order_by(Flag.id)
        )
    )
    return list(dict.fromkeys((f.target_type, f.target_id, f.target_user) for f in flags))


def _act_on_target(
    actor, action: str, target: tuple, code: str, text: str, note: str, spammers: set[int]
) -> tuple[list[Post], list[Post]] | None:
    """One target of a bulk decision, without committing: (posts hidden, posts shown again),
    or None when the decision does not apply to it (skipped). `spammers` holds the members
    already marked by this bulk decision (their other reports count as done)."""
    target_type, target_id, owner = target
    if action == "dismiss":
        _closed, post = _dismiss(actor, target_type, target_id, note)
        return [], [post] if post is not None else []
    if action == "hide" and target_type == TargetType.POST:
        post = db.session.get(Post, target_id)
        if post is None or post.deleted_at is not None:
            return None
        post_actions.hide_without_commit(actor, post, code, text, note)
        return [post], []
    if action == "mark_spammer" and owner is not None:
        if owner.id in spammers:
            return [], []
        if not permissions.can_mark_spammer(actor, owner):
            return None
        spammers.add(owner.id)
        return account_actions.mark_spammer_without_commit(actor, owner, note), []
    return None
