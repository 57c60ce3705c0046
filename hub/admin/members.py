"""What admins do to a member: change the role (with a reason) and send a password reset
link. Each change is written to the audit log in the transaction that makes it."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub import permissions
from hub.accounts import service as accounts
from hub.accounts.models import Role, User
from hub.admin import audit
from hub.core.errors import Conflict, Invalid
from hub.core.extensions import db

audit.describe("user.role", _l("changed a member's role"))
audit.describe("user.password_reset", _l("sent a password reset link"))

REASON_MAX = 500


def change_role(actor: User, username: str, role: str, reason: str) -> User:
    """Give a member another role, logged with the reason. The same role again changes and
    logs nothing.

    Raises: Forbidden (not an admin), NotFound, Invalid (role, reason), Conflict (an admin
    demoting themselves: another admin has to).
    """
    permissions.require(permissions.can_manage_members(actor))
    person = accounts.get_user(username)
    reason = (reason or "").strip()
    problems = {}
    if role not in {r.value for r in Role}:
        problems["role"] = _("Choose one of the roles.")
    if not reason:
        problems["reason"] = _("Say why; the audit log keeps the reason.")
    elif len(reason) > REASON_MAX:
        problems["reason"] = _("At most %(n)d characters.", n=REASON_MAX)
    if problems:
        raise Invalid(_("Please correct the marked fields."), problems)
    if person.role == role:
        return person
    decision = permissions.can_set_role(actor, person, role)
    if not decision and person.id == actor.id:
        raise Conflict(decision.reason, {"role": decision.reason})
    before = person.role
    accounts.assign_role(actor, person, role)
    audit.record(
        actor,
        "user.role",
        "user",
        person.id,
        target_label=person.username,
        before={"role": before},
        after={"role": role},
        reason=reason,
    )
    db.session.commit()
    return person


def send_reset_link(actor: User, username: str) -> User:
    """Mail the member a link to set a new password (the forgotten-password mail), logged.

    Raises: Forbidden, NotFound.
    """
    permissions.require(permissions.can_manage_members(actor))
    person = accounts.get_user(username)
    accounts.mail_reset_link(person)
    audit.record(actor, "user.password_reset", "user", person.id, target_label=person.username)
    db.session.commit()
    return person
