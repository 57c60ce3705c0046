"""Moderators' decisions on posts: hide, restore, approve (a post held for approval), edit
and delete (for legal reasons, for good).

Each decision is logged with its public reason and private note, closes the open reports on
the post (telling the reporters), tells the author through the outbox, commits, and then sends
its domain signal.
"""

from flask_babel import gettext as _
from sqlalchemy import delete

from hub import permissions
from hub.core import events
from hub.core.columns import utcnow
from hub.core.errors import Conflict
from hub.core.extensions import db
from hub.forums import service as forums
from hub.forums.models import Post, PostRevision
from hub.moderation import checks, decision_log, notify, reasons
from hub.moderation.models import Action, FlagStatus, ModerationAction, TargetType


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
    code, text = checks.checked_public_reason(reasons.HIDE_REASONS, reason_code, public_reason)
    hide_without_commit(actor, post, code, text, checks.checked_note(note))
    db.session.commit()
    events.post_hidden.send(post)
    return post


def hide_without_commit(
    actor, post: Post, code: str, text: str, note: str, *, at=None
) -> ModerationAction:
    """Hide a post and log it in the caller's transaction (a bulk decision commits once)."""
    post.hidden_at, post.hidden_reason = utcnow(), text
    entry = decision_log.record(
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
    decision_log.close_reports_on(TargetType.POST, post.id, FlagStatus.ACTIONED, actor, entry)
    notify.enqueue("post_hidden", post.author_id, action_id=entry.id)
    return entry


def restore_post(actor, post_id: int, note: str = "") -> Post:
    """Show a hidden post again; open reports on it are closed as reviewed. A post that is not
    hidden is left as it is. Raises: NotFound, Forbidden, Conflict (deleted)."""
    post = _post_to_act_on(actor, post_id)
    if post.is_hidden:
        _restore(
            actor,
            post,
            checks.checked_note(note),
            Action.APPROVE if decision_log.is_held(post) else Action.RESTORE,
        )
        db.session.commit()
        events.post_restored.send(post)
    return post


def approve_post(actor, post_id: int, note: str = "") -> Post:
    """Approve a post that waits for approval: it becomes visible. Raises: NotFound, Forbidden,
    Conflict (not waiting)."""
    post = _post_to_act_on(actor, post_id)
    if not decision_log.is_held(post):
        raise Conflict(_("This post is not waiting for approval."))
    _restore(actor, post, checks.checked_note(note), Action.APPROVE)
    db.session.commit()
    events.post_restored.send(post)
    return post


def _restore(actor, post: Post, note: str, kind: Action = Action.RESTORE) -> ModerationAction:
    post.hidden_at, post.hidden_reason = None, ""
    entry = decision_log.record(actor, kind, TargetType.POST, post.id, post.author_id, note=note)
    decision_log.close_reports_on(TargetType.POST, post.id, FlagStatus.DISMISSED, actor, entry)
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
        raise checks.invalid("reason", _("Say why you edit: the revision records it."))
    if len(reason) > 200:
        raise checks.invalid("reason", _("At most %(n)d characters.", n=200))
    note = checks.checked_note(note)
    before = post.raw
    post = forums.edit_post(actor, post.id, body, reason=reason)
    if post.raw == before:
        return post
    entry = decision_log.record(
        actor,
        Action.EDIT,
        TargetType.POST,
        post.id,
        post.author_id,
        reason_code=reasons.OTHER,
        public_reason=reason,
        note=note,
    )
    decision_log.close_reports_on(TargetType.POST, post.id, FlagStatus.ACTIONED, actor, entry)
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
        raise checks.invalid("reason_code", _("Deletion is only for legal reasons: choose one."))
    code, text = checks.checked_public_reason(
        reasons.DELETE_REASONS, reason_code, detail, field="detail"
    )
    now = utcnow()
    post.raw, post.html, post.deleted_at = "", "", now
    post.hidden_at, post.hidden_reason = post.hidden_at or now, text
    db.session.execute(delete(PostRevision).where(PostRevision.post_id == post.id))
    entry = decision_log.record(
        actor,
        Action.DELETE,
        TargetType.POST,
        post.id,
        post.author_id,
        reason_code=code,
        public_reason=text,
        note=checks.checked_note(note),
    )
    decision_log.close_reports_on(TargetType.POST, post.id, FlagStatus.ACTIONED, actor, entry)
    notify.enqueue("post_deleted", post.author_id, action_id=entry.id)
    db.session.commit()
    events.post_deleted.send(post)
    return post
