"""The social networks: connecting spokes, sharing, their report and the team inbox."""

from flask_babel import lazy_gettext as _l

from hub.accounts.models import User
from hub.forums.models import Topic
from hub.permissions.base import ALLOW, Decision, as_member, deny, is_staff


def can_manage_spokes(user) -> Decision:
    """Admins connect spoke accounts, set what each category sends and retry deliveries."""
    member = as_member(user)
    if member and member.is_admin:
        return ALLOW
    return deny(_l("Only admins manage the connected networks."))


def can_share_topic(user, topic: Topic) -> Decision:
    """Experts (and admins) share a public topic to the connected networks."""
    member = as_member(user)
    if not member or not member.is_staff:
        return deny(_l("Only the team shares topics to other networks."))
    if topic.space.kind != "category" or topic.space.is_private:
        return deny(_l("Only public forum topics can be shared."))
    return ALLOW


# --- referrals and the spoke inbox ------------------------------------------------------------


def can_view_spoke_report(user) -> Decision:
    """The team sees which spoke brought visitors, members and first posts."""
    if is_staff(user):
        return ALLOW
    return deny(_l("Only the team sees the spoke report."))


def can_work_spoke_inbox(user) -> Decision:
    """Experts (and admins) answer, import or dismiss replies written on the spokes, and send
    a failed answer-back again."""
    if is_staff(user):
        return ALLOW
    return deny(_l("Only the team works the spoke inbox."))


def can_decide_loop_prompt(user, prompt) -> Decision:
    """The expert who accepted or marked the answer, or an admin, sends or skips the reply;
    when the asker accepted it, any expert may."""
    member = as_member(user)
    if member and (member.is_admin or (member.is_staff and _prompt_is_for(member, prompt))):
        return ALLOW
    return deny(_l("This reply on the spoke waits for someone else."))


def _prompt_is_for(member: User, prompt) -> bool:
    return prompt.user_id == member.id or not prompt.user.is_staff
