"""Moderation actions: reports, decisions on posts and accounts, appeals.

The only code that writes the moderation tables, and the moderation state of posts (hidden,
deleted) and accounts (suspended, silenced). Every decision is logged as a `ModerationAction`
with its public reason and private note, closes the open reports on its target (telling the
reporters), and tells the person it concerns through the outbox (`notify.py`).

Public functions check permissions and commit; the `_helpers` they share write without
committing, so a bulk action on several reports is still one transaction.
"""

from collections.abc import Iterable
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, exists, func, select
from sqlalchemy.exc import IntegrityError

from hub import permissions
from hub.accounts import service as accounts
from hub.accounts.models import User
from hub.core import events, transactions
from hub.core.columns import utcnow
from hub.core.errors import Conflict, Invalid, NotFound
from hub.core.extensions import db
from hub.forums import service as forums
from hub.forums.models import Post, PostRevision
from hub.moderation import notify, reasons, settings
from hub.moderation.models import (
    INDEFINITELY,
    Action,
    Appeal,
    AppealStatus,
    Flag,
    FlagStatus,
    ModerationAction,
    TargetType,
)

NOTE_MAX = 1000
REASON_MAX = 500
APPEAL_MAX = 1000

# What a reporter's recent record does to the weight of their next report (see reporter_weight).
WEIGHT_HISTORY = 10  # handled reports looked at
WEIGHT_MIN_HANDLED = 4  # fewer handled reports than this say nothing yet
LOW_WEIGHT = 0.5

# Decisions by a moderator on a post; after one, reports no longer hide that text automatically.
_REVIEWS = (Action.DISMISS, Action.HIDE, Action.RESTORE, Action.EDIT, Action.APPROVE)


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(_("Please correct the marked fields."), {field: message})


# --- lookups ------------------------------------------------------------------------------------


def get_flag(flag_id: int) -> Flag:
    """Raises: NotFound."""
    flag = db.session.get(Flag, flag_id)
    if flag is None:
        raise NotFound(_("This report does not exist."))
    return flag


def get_action(action_id: int) -> ModerationAction:
    """Raises: NotFound."""
    action = db.session.get(ModerationAction, action_id)
    if action is None:
        raise NotFound(_("This decision does not exist."))
    return action


def get_appeal(appeal_id: int) -> Appeal:
    """Raises: NotFound."""
    appeal = db.session.get(Appeal, appeal_id)
    if appeal is None:
        raise NotFound(_("This appeal does not exist."))
    return appeal


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


# --- the log and the reports it closes ----------------------------------------------------------


def _log(
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
    entry = _log(
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
        _close(_open_flags(target_type, target_id), FlagStatus.ACTIONED, actor, entry)
    return entry


def _open_flags(target_type: TargetType, target_id: int) -> list[Flag]:
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


def _close(flags: Iterable[Flag], status: FlagStatus, actor, entry, *, tell=True) -> list[Flag]:
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


def _note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise _invalid("note", _("At most %(n)d characters.", n=NOTE_MAX))
    return note


def _public(choices: dict, code: str, written: str, field="public_reason") -> tuple[str, str]:
    """Raises: Invalid when no reason is given or it is too long."""
    code, text = reasons.public_reason(choices, code or "", written or "")
    if not text:
        raise _invalid(field, _("Choose a reason or write one: the community will read it."))
    if len(text) > REASON_MAX:
        raise _invalid(field, _("At most %(n)d characters.", n=REASON_MAX))
    return code, text


# --- reporting ----------------------------------------------------------------------------------


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
    flag = _file(actor, TargetType.POST, post.id, post.author_id, reason, note)
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
    flag = _file(actor, TargetType.USER, person.id, person.id, reason, note)
    db.session.commit()
    return flag


def _file(actor, target_type: TargetType, target_id: int, owner_id, reason, note) -> Flag:
    if reason not in reasons.REPORT_REASONS:
        raise _invalid("reason", _("Choose one of the reasons."))
    note = _note(note)
    if reason == reasons.OTHER and not note:
        raise _invalid("note", _("Tell the moderators what is wrong."))
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
    entry = _log(
        None,
        Action.AUTO_HIDE,
        TargetType.POST,
        post.id,
        post.author_id,
        reason_code=code,
        public_reason=text,
    )
    notify.enqueue("post_hidden", post.author_id, action_id=entry.id)


# --- decisions on posts -------------------------------------------------------------------------


def _post_to_act_on(actor, post_id: int) -> Post:
    """Raises: NotFound, Unauthorized, Forbidden, Conflict (a deleted post is final)."""
    post = forums.get_post(post_id)
    permissions.require(permissions.can_act_on(actor, post.author))
    if post.deleted_at is not None:
        raise Conflict(_("This post was deleted for legal reasons; that is final."))
    return post


def hide_post(
    actor, post_id: int, public_reason: str = "", note: str = "", *, reason_code: str = ""
) -> Post:
    """Hide a post behind a public reason (from the list, or written); its author still sees
    and edits the original and is told why. Raises: NotFound, Forbidden, Invalid, Conflict."""
    post = _post_to_act_on(actor, post_id)
    code, text = _public(reasons.HIDE_REASONS, reason_code, public_reason)
    _hide(actor, post, code, text, _note(note))
    db.session.commit()
    events.post_hidden.send(post)
    return post


def _hide(actor, post: Post, code: str, text: str, note: str, *, at=None) -> ModerationAction:
    post.hidden_at, post.hidden_reason = utcnow(), text
    entry = _log(
        actor,
        Action.HIDE,
        TargetType.POST,
        post.id,
        post.author_id,
        reason_code=code,
        public_reason=text,
        note=note,
        at=at,
    )
    _close(_open_flags(TargetType.POST, post.id), FlagStatus.ACTIONED, actor, entry)
    notify.enqueue("post_hidden", post.author_id, action_id=entry.id)
    return entry


def restore_post(actor, post_id: int, note: str = "") -> Post:
    """Show a hidden post again; open reports on it are closed as reviewed. A post that is not
    hidden is left as it is. Raises: NotFound, Forbidden, Conflict (deleted)."""
    post = _post_to_act_on(actor, post_id)
    if post.is_hidden:
        _restore(actor, post, _note(note), Action.APPROVE if is_held(post) else Action.RESTORE)
        db.session.commit()
        events.post_restored.send(post)
    return post


def approve_post(actor, post_id: int, note: str = "") -> Post:
    """Approve a post that waits for approval: it becomes visible. Raises: NotFound, Forbidden,
    Conflict (not waiting)."""
    post = _post_to_act_on(actor, post_id)
    if not is_held(post):
        raise Conflict(_("This post is not waiting for approval."))
    _restore(actor, post, _note(note), Action.APPROVE)
    db.session.commit()
    events.post_restored.send(post)
    return post


def _restore(actor, post: Post, note: str, kind: Action = Action.RESTORE) -> ModerationAction:
    post.hidden_at, post.hidden_reason = None, ""
    entry = _log(actor, kind, TargetType.POST, post.id, post.author_id, note=note)
    _close(_open_flags(TargetType.POST, post.id), FlagStatus.DISMISSED, actor, entry)
    event = "post_approved" if kind == Action.APPROVE else "post_restored"
    notify.enqueue(event, post.author_id, action_id=entry.id)
    return entry


def edit_post(actor, post_id: int, body: str, reason: str, note: str = "") -> Post:
    """Edit a member's post (e.g. take out a phone number); the revision records who and why,
    and the author is told. Raises: NotFound, Forbidden, Invalid, Conflict (deleted).

    The edit itself is the forums service's (and its own commit); the log entry follows it.
    """
    post = _post_to_act_on(actor, post_id)
    reason = " ".join((reason or "").split())
    if not reason:
        raise _invalid("reason", _("Say why you edit: the revision records it."))
    if len(reason) > 200:
        raise _invalid("reason", _("At most %(n)d characters.", n=200))
    note = _note(note)
    before = post.raw
    post = forums.edit_post(actor, post.id, body, reason=reason)
    if post.raw == before:
        return post
    entry = _log(
        actor,
        Action.EDIT,
        TargetType.POST,
        post.id,
        post.author_id,
        reason_code=reasons.OTHER,
        public_reason=reason,
        note=note,
    )
    _close(_open_flags(TargetType.POST, post.id), FlagStatus.ACTIONED, actor, entry)
    notify.enqueue("post_edited", post.author_id, action_id=entry.id)
    db.session.commit()
    return post


def delete_post(actor, post_id: int, reason_code: str, detail: str = "", note: str = "") -> Post:
    """Remove a post's text for a legal reason, for good: the row stays as a public tombstone
    with the reason, and earlier revisions (which hold the same text) are erased too.

    Raises: NotFound, Forbidden, Invalid (not a legal reason), Conflict (already deleted).
    """
    post = _post_to_act_on(actor, post_id)
    if reason_code not in reasons.DELETE_REASONS:
        raise _invalid("reason_code", _("Deletion is only for legal reasons: choose one."))
    code, text = _public(reasons.DELETE_REASONS, reason_code, detail, field="detail")
    now = utcnow()
    post.raw, post.html, post.deleted_at = "", "", now
    post.hidden_at, post.hidden_reason = post.hidden_at or now, text
    db.session.execute(delete(PostRevision).where(PostRevision.post_id == post.id))
    entry = _log(
        actor,
        Action.DELETE,
        TargetType.POST,
        post.id,
        post.author_id,
        reason_code=code,
        public_reason=text,
        note=_note(note),
    )
    _close(_open_flags(TargetType.POST, post.id), FlagStatus.ACTIONED, actor, entry)
    notify.enqueue("post_deleted", post.author_id, action_id=entry.id)
    db.session.commit()
    events.post_deleted.send(post)
    return post


# --- reports ------------------------------------------------------------------------------------


def dismiss_reports(actor, flag_id: int, note: str = "") -> list[Flag]:
    """Close every open report on the target of `flag_id` without action (the decision is about
    the target, not one report); reporters are told it was reviewed. A post hidden by those
    reports is shown again. Raises: NotFound, Forbidden, Conflict (already handled)."""
    flag = get_flag(flag_id)
    _require_flag_decision(actor, flag)
    if not flag.is_open:
        raise Conflict(_("This report was already handled."))
    closed, shown = _dismiss(actor, flag.target_type, flag.target_id, _note(note))
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
    flags = _open_flags(target, target_id)
    owner_id = flags[0].target_user_id if flags else None
    post = db.session.get(Post, target_id) if target == TargetType.POST else None
    unhide = post is not None and post.deleted_at is None and is_auto_hidden(post)
    entry = _log(actor, Action.DISMISS, target, target_id, owner_id, note=note)
    closed = _close(flags, FlagStatus.DISMISSED, actor, entry)
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
        raise _invalid("action", _("Dismiss, hide or mark as spammer."))
    note = _note(note)
    code, text = "", ""
    if action == "hide":
        code, text = _public(reasons.HIDE_REASONS, reason_code, public_reason)
    flags = list(
        db.session.scalars(
            select(Flag)
            .where(Flag.id.in_(list(flag_ids)), Flag.status == FlagStatus.OPEN.value)
            .order_by(Flag.id)
        )
    )
    targets = list(dict.fromkeys((f.target_type, f.target_id, f.target_user) for f in flags))
    done, skipped, hidden, shown, spammers = 0, 0, [], [], set()
    for target_type, target_id, owner in targets:
        if owner is not None and not permissions.can_act_on(actor, owner):
            skipped += 1
            continue
        if action == "dismiss":
            _closed, post = _dismiss(actor, target_type, target_id, note)
            shown += [post] if post is not None else []
        elif action == "hide" and target_type == TargetType.POST:
            post = db.session.get(Post, target_id)
            if post is None or post.deleted_at is not None:
                skipped += 1
                continue
            _hide(actor, post, code, text, note)
            hidden.append(post)
        elif action == "mark_spammer" and owner is not None:
            if owner.id not in spammers:
                if not permissions.can_mark_spammer(actor, owner):
                    skipped += 1
                    continue
                hidden += _mark_spammer(actor, owner, note)
                spammers.add(owner.id)
        else:
            skipped += 1
            continue
        done += 1
    db.session.commit()
    for post in hidden:
        events.post_hidden.send(post)
    for post in shown:
        events.post_restored.send(post)
    return {"done": done, "skipped": skipped}


# --- decisions on accounts ----------------------------------------------------------------------


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
        raise _invalid(field, _("Give a time zone (UTC)."))
    if until <= utcnow():
        raise _invalid(field, _("Choose a time in the future."))
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
    code, text = _public(reasons.ACCOUNT_REASONS, reason_code, public_reason)
    until = _end(until)
    person.suspended_until, person.suspended_reason = until, text
    entry = _log(
        actor,
        Action.SUSPEND,
        TargetType.USER,
        person.id,
        person.id,
        reason_code=code,
        public_reason=text,
        note=_note(note),
        until=until,
    )
    _close(_open_flags(TargetType.USER, person.id), FlagStatus.ACTIONED, actor, entry)
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
    if len(text) > REASON_MAX:
        raise _invalid("public_reason", _("At most %(n)d characters.", n=REASON_MAX))
    until = _end(until)
    person.silenced_until = until
    entry = _log(
        actor,
        Action.SILENCE,
        TargetType.USER,
        person.id,
        person.id,
        reason_code=reasons.OTHER if text else "",
        public_reason=text,
        note=_note(note),
        until=until,
    )
    _close(_open_flags(TargetType.USER, person.id), FlagStatus.ACTIONED, actor, entry)
    notify.enqueue("silenced", person.id, action_id=entry.id)
    db.session.commit()
    return person


def lift_restrictions(actor, username: str, note: str = "") -> User:
    """End a suspension and a silence. Raises: NotFound, Forbidden, Conflict (nothing to lift)."""
    person = _person_to_act_on(actor, username)
    now = utcnow()
    if not (person.is_suspended(now) or person.is_silenced(now)):
        raise Conflict(_("This account is neither suspended nor read-only."))
    _lift(actor, person, _note(note))
    db.session.commit()
    return person


def _lift(actor, person: User, note: str) -> None:
    person.suspended_until, person.suspended_reason, person.silenced_until = None, "", None
    entry = _log(actor, Action.LIFT, TargetType.USER, person.id, person.id, note=note)
    notify.enqueue("lifted", person.id, action_id=entry.id)


def mark_spammer(actor, username: str, note: str = "") -> User:
    """One action against a spam flood: suspend the account until lifted, hide all its posts,
    and take everything about it (and every report it filed) out of the queue.
    Raises: NotFound, Forbidden (self, an admin, a team account)."""
    person = _person_to_act_on(actor, username, check=permissions.can_mark_spammer)
    hidden = _mark_spammer(actor, person, _note(note))
    db.session.commit()
    for post in hidden:
        events.post_hidden.send(post)
    return person


def _mark_spammer(actor, person: User, note: str) -> list[Post]:
    now = utcnow()  # one instant for every entry, so an appeal can undo exactly these hides
    text = str(reasons.ACCOUNT_REASONS["spam"])
    person.suspended_until, person.suspended_reason = INDEFINITELY, text
    entry = _log(
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
    candidates = db.session.scalars(
        select(Post).where(Post.author_id == person.id, Post.deleted_at.is_(None)).order_by(Post.id)
    )
    # Posts a moderator already hid keep that decision and its reason.
    posts = [p for p in candidates if not p.is_hidden or is_held(p) or is_auto_hidden(p)]
    hide_text = str(reasons.HIDE_REASONS["spam"])
    for post in posts:
        post.hidden_at, post.hidden_reason = now, hide_text
        _log(
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
    about = db.session.scalars(
        select(Flag).where(Flag.target_user_id == person.id, Flag.status == FlagStatus.OPEN.value)
    )
    _close(list(about), FlagStatus.ACTIONED, actor, entry)
    filed = db.session.scalars(
        select(Flag).where(Flag.reporter_id == person.id, Flag.status == FlagStatus.OPEN.value)
    )
    _close(list(filed), FlagStatus.DISMISSED, actor, entry, tell=False)
    notify.enqueue("suspended", person.id, action_id=entry.id)
    return posts


# --- appeals ------------------------------------------------------------------------------------


def in_effect(entry: ModerationAction) -> bool:
    """Whether a decision still applies (an appeal against an undone decision is pointless)."""
    now = utcnow()
    if entry.action == Action.HIDE:
        post = db.session.get(Post, entry.target_id)
        latest = latest_post_action(entry.target_id) if post is not None else None
        return bool(post and post.is_hidden and latest is not None and latest.id == entry.id)
    person = entry.target_user
    if person is None:
        return False
    if entry.action in (Action.SUSPEND, Action.MARK_SPAMMER):
        return person.is_suspended(now)
    if entry.action == Action.SILENCE:
        return person.is_silenced(now)
    return False


@transactions.retried
def file_appeal(actor, action_id: int, text: str) -> Appeal:
    """Appeal a decision about one's post or account, once; another moderator decides.
    Raises: NotFound, Unauthorized, Forbidden (not theirs, not appealable, appealed before),
    Invalid, Conflict (the decision no longer applies)."""
    entry = get_action(action_id)
    permissions.require(permissions.can_appeal(actor, entry))
    text = (text or "").strip()
    if not text:
        raise _invalid("text", _("Say in a few words why the decision is wrong."))
    if len(text) > APPEAL_MAX:
        raise _invalid("text", _("At most %(n)d characters.", n=APPEAL_MAX))
    if not in_effect(entry):
        raise Conflict(_("This decision no longer applies."))
    appeal = Appeal(action_id=entry.id, appellant_id=actor.id, text=text, created_at=utcnow())
    db.session.add(appeal)
    try:
        db.session.commit()
    except IntegrityError:  # a second appeal sent at the same moment
        db.session.rollback()
        raise Conflict(_("You have already appealed this decision.")) from None
    return appeal


def decide_appeal(actor, appeal_id: int, outcome: str, reason: str, note: str = "") -> Appeal:
    """Uphold or overturn a decision; overturning undoes it. The appellant is told the outcome
    and its reason, and the log records it. Raises: NotFound, Forbidden (the moderator who
    decided), Invalid, Conflict (already decided)."""
    appeal = get_appeal(appeal_id)
    permissions.require(permissions.can_decide_appeal(actor, appeal))
    if not appeal.is_open:
        raise Conflict(_("This appeal was already decided."))
    if outcome not in (AppealStatus.UPHELD, AppealStatus.OVERTURNED):
        raise _invalid("outcome", _("Uphold or overturn."))
    reason = " ".join((reason or "").split())
    if not reason:
        raise _invalid("reason", _("Say why: the member will read it."))
    if len(reason) > REASON_MAX:
        raise _invalid("reason", _("At most %(n)d characters.", n=REASON_MAX))
    note = _note(note)
    decision = appeal.action
    shown = _undo(decision) if outcome == AppealStatus.OVERTURNED else []
    now = utcnow()
    appeal.status, appeal.decided_by_id, appeal.decided_at = outcome, actor.id, now
    appeal.outcome_reason = reason
    _log(
        actor,
        Action.APPEAL,
        TargetType(decision.target_type),
        decision.target_id,
        appeal.appellant_id,
        reason_code=decision.reason_code,
        public_reason=reason,
        note=note,
        outcome=str(outcome),
    )
    notify.enqueue("appeal_decided", appeal.appellant_id, appeal_id=appeal.id)
    db.session.commit()
    for post in shown:
        events.post_restored.send(post)
    return appeal


def _undo(decision: ModerationAction) -> list[Post]:
    """Reverse a decision the appeal overturned (logged as the appeal's own entry); returns
    the posts shown again."""
    shown: list[Post] = []
    if decision.action == Action.HIDE:
        post = db.session.get(Post, decision.target_id)
        if post is not None and post.deleted_at is None:
            shown.append(post)
    person = decision.target_user
    if decision.action in (Action.SUSPEND, Action.MARK_SPAMMER):
        person.suspended_until, person.suspended_reason = None, ""
    if decision.action == Action.SILENCE:
        person.silenced_until = None
    if decision.action == Action.MARK_SPAMMER:
        shown += _hidden_by_spam_mark(decision)
    for post in shown:
        post.hidden_at, post.hidden_reason = None, ""
    return shown


def _hidden_by_spam_mark(decision: ModerationAction) -> list[Post]:
    """The posts the spam mark hid that nobody decided on since (same actor, same instant)."""
    hides = db.session.scalars(
        select(ModerationAction).where(
            ModerationAction.action == Action.HIDE.value,
            ModerationAction.target_type == TargetType.POST.value,
            ModerationAction.target_user_id == decision.target_user_id,
            ModerationAction.actor_id == decision.actor_id,
            ModerationAction.created_at == decision.created_at,
        )
    )
    posts = []
    for hide in hides:
        post = db.session.get(Post, hide.target_id)
        latest = latest_post_action(hide.target_id)
        if post is not None and post.deleted_at is None and latest and latest.id == hide.id:
            posts.append(post)
    return posts
