"""What the team sees of a person that members do not."""

from flask_babel import lazy_gettext as _l

from hub.accounts.models import User
from hub.permissions.base import ALLOW, Decision, as_member, deny


def can_see_full_history(user, person: User) -> Decision:
    """Experts and moderators see a person's whole case history, so nobody asks twice."""
    member = as_member(user)
    if member and (member.is_staff or member.is_moderator):
        return ALLOW
    return deny(_l("Only the team sees a member's full history."))


def can_see_email(user, person: User) -> Decision:
    member = as_member(user)
    if member and (member.id == person.id or member.is_admin):
        return ALLOW
    return deny(_l("E-mail addresses are private."))
