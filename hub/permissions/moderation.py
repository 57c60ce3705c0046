"""Moderation: the queue, acting on members, reports and appeals."""

from flask_babel import lazy_gettext as _l

from hub.accounts.models import User
from hub.core.columns import utcnow
from hub.forums.models import Post
from hub.permissions.base import ALLOW, Decision, as_member, deny, login_first
from hub.permissions.content import can_view_space

# Decisions the person they concern may appeal. Automatic hides await a moderator anyway;
# legal deletions and edits are not reversible by an appeal.
APPEALABLE_ACTIONS = frozenset({"hide", "suspend", "silence", "mark_spammer"})


def can_moderate(user) -> Decision:
    """Moderators (and admins) work the queue and read the moderation log."""
    if not as_member(user):
        return login_first()
    if user.is_moderator:
        return ALLOW
    return deny(_l("Only moderators can do this."))


def can_act_on(user, person: User) -> Decision:
    """A moderator acts on members' posts and accounts: never their own, never an admin's
    (only another admin may)."""
    decision = can_moderate(user)
    if not decision:
        return decision
    if person.id == user.id:
        return deny(_l("Moderators do not act on their own posts or account."))
    if person.is_admin and not user.is_admin:
        return deny(_l("A moderator cannot act on an admin."))
    return ALLOW


def can_mark_spammer(user, person: User) -> Decision:
    """Marking a spammer suspends and hides everything at once: not for team accounts."""
    decision = can_act_on(user, person)
    if decision and person.is_staff:
        return deny(_l("Team accounts are not marked as spammers; an admin changes the role."))
    return decision


def can_report(user, target) -> Decision:
    """Members report others' posts and accounts they can see; suspended members cannot."""
    if not as_member(user):
        return login_first()
    if user.is_suspended(utcnow()):
        return deny(_l("Your account is suspended: %(reason)s", reason=user.suspended_reason))
    owner_id = target.id if isinstance(target, User) else getattr(target, "author_id", None)
    if owner_id == user.id:
        return deny(_l("You cannot report yourself."))
    if isinstance(target, Post) and not can_view_space(user, target.topic.space):
        return deny(_l("This area is for the team only."))
    return ALLOW


def can_appeal(user, decision) -> Decision:
    """The person a moderator's decision concerns may appeal it, once."""
    if not as_member(user):
        return login_first()
    if decision.target_user_id != user.id:
        return deny(_l("Only the person a decision concerns can appeal it."))
    if decision.actor_id is None or decision.action not in APPEALABLE_ACTIONS:
        return deny(_l("This is not a decision that can be appealed."))
    if decision.appeal is not None:
        return deny(_l("You have already appealed this decision."))
    return ALLOW


def can_decide_appeal(user, appeal) -> Decision:
    """Another moderator decides an appeal: never the one who made the decision."""
    decision = can_moderate(user)
    if not decision:
        return decision
    if appeal.action.actor_id == user.id:
        return deny(_l("Another moderator decides appeals against your decisions."))
    if appeal.appellant_id == user.id:
        return deny(_l("You cannot decide your own appeal."))
    return ALLOW
