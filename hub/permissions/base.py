"""What every rule shares: the `Decision` a rule returns, `require` that turns a "no" into the
error a service raises, and who counts as a signed-in member."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from hub.accounts.models import User
from hub.core.errors import Forbidden, Unauthorized
from hub.teams import queries as teams


@dataclass(frozen=True)
class Decision:
    allowed: bool
    why: str = ""  # or a lazy string: translated only when someone reads `reason`
    needs_login: bool = False

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def reason(self) -> str:
        return str(self.why)


ALLOW = Decision(True)


def deny(reason) -> Decision:
    # Kept lazy: a topic page asks dozens of questions whose "no" nobody reads.
    return Decision(False, reason)


def login_first() -> Decision:
    return Decision(False, _l("Log in first."), needs_login=True)


def require(decision: Decision) -> None:
    """Raises: Unauthorized for visitors, Forbidden with the decision's reason otherwise."""
    if decision:
        return
    if decision.needs_login:
        raise Unauthorized(decision.reason)
    raise Forbidden(decision.reason)


def as_member(user) -> User | None:
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def is_staff(user) -> bool:
    return bool(as_member(user) and user.is_staff)


def is_moderator(user) -> bool:
    return bool(as_member(user) and user.is_moderator)


def is_expert_in(user, space) -> bool:
    """Is `user` one of the experts who answer in `space`? In a category with teams assigned,
    the experts of those teams and the admins; in one without, every expert."""
    if not is_staff(user):
        return False
    if user.is_admin or space is None:
        return True
    return not teams.has_expert_teams(space.id) or teams.is_team_expert_in(user.id, space.id)


def is_moderator_in(user, space) -> bool:
    """May `user` moderate in `space`? Moderators everywhere; a category's own moderators there."""
    if is_moderator(user):
        return True
    member = as_member(user)
    return bool(member and space is not None and teams.is_category_moderator(member.id, space.id))
