"""Appeals: a member appeals a decision about their post or account once, and another
moderator upholds or overturns it; overturning undoes the decision, and the appellant is told
the outcome and its reason."""

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hub import permissions
from hub.core import events, transactions
from hub.core.columns import utcnow
from hub.core.errors import Conflict, NotFound
from hub.core.extensions import db
from hub.forums.models import Post
from hub.moderation import checks, decision_log, notify
from hub.moderation.models import Action, Appeal, AppealStatus, ModerationAction, TargetType

APPEAL_MAX = 1000


def get_appeal(appeal_id: int) -> Appeal:
    """Raises: NotFound."""
    appeal = db.session.get(Appeal, appeal_id)
    if appeal is None:
        raise NotFound(_("This appeal does not exist."))
    return appeal


def in_effect(entry: ModerationAction) -> bool:
    """Whether a decision still applies (an appeal against an undone decision is pointless)."""
    now = utcnow()
    if entry.action == Action.HIDE:
        post = db.session.get(Post, entry.target_id)
        latest = decision_log.latest_post_action(entry.target_id) if post is not None else None
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
    entry = decision_log.get_action(action_id)
    permissions.require(permissions.can_appeal(actor, entry))
    text = (text or "").strip()
    if not text:
        raise checks.invalid("text", _("Say in a few words why the decision is wrong."))
    if len(text) > APPEAL_MAX:
        raise checks.invalid("text", _("At most %(n)d characters.", n=APPEAL_MAX))
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
        raise checks.invalid("outcome", _("Uphold or overturn."))
    reason = " ".join((reason or "").split())
    if not reason:
        raise checks.invalid("reason", _("Say why: the member will read it."))
    if len(reason) > checks.REASON_MAX:
        raise checks.invalid("reason", _("At most %(n)d characters.", n=checks.REASON_MAX))
    note = checks.checked_note(note)
    decision = appeal.action
    shown = _undo(decision) if outcome == AppealStatus.OVERTURNED else []
    now = utcnow()
    appeal.status, appeal.decided_by_id, appeal.decided_at = outcome, actor.id, now
    appeal.outcome_reason = reason
    decision_log.record(
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
        latest = decision_log.latest_post_action(hide.target_id)
        if post is not None and post.deleted_at is None and latest and latest.id == hide.id:
            posts.append(post)
    return posts
