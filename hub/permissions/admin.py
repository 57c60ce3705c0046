"""Running the site: roles, the delivery queue and the site's settings (admins)."""

from flask_babel import lazy_gettext as _l

from hub.accounts.models import Role, User
from hub.permissions.base import ALLOW, Decision, as_member, deny


def can_set_role(user, person: User, role: str) -> Decision:
    member = as_member(user)
    if not member or not member.is_admin:
        return deny(_l("Only an admin assigns roles."))
    if person.id == member.id and role != Role.ADMIN:
        return deny(_l("Admins cannot demote themselves; ask another admin."))
    return ALLOW


def can_view_jobs(user) -> Decision:
    member = as_member(user)
    if member and member.is_admin:
        return ALLOW
    return deny(_l("Only admins see the delivery queue."))


def can_change_site_settings(user) -> Decision:
    member = as_member(user)
    if member and member.is_admin:
        return ALLOW
    return deny(_l("Only admins change site settings."))


def can_enter_admin(user) -> Decision:
    """Admins run the admin area; moderators see the sections their role allows."""
    member = as_member(user)
    if member and (member.is_admin or member.is_moderator):
        return ALLOW
    return deny(_l("Only admins and moderators use the admin area."))


def can_view_members(user) -> Decision:
    """Admins and moderators read the members list (moderators without e-mail addresses, to
    reach a member's moderation page); only admins change anything there."""
    member = as_member(user)
    if member and (member.is_admin or member.is_moderator):
        return ALLOW
    return deny(_l("Only admins and moderators see the members list."))


def can_manage_members(user) -> Decision:
    """Admins change members' roles, send them reset links and find them by e-mail."""
    member = as_member(user)
    if member and member.is_admin:
        return ALLOW
    return deny(_l("Only admins manage members."))


def can_view_audit_log(user) -> Decision:
    member = as_member(user)
    if member and member.is_admin:
        return ALLOW
    return deny(_l("Only admins read the audit log."))


def can_manage_categories(user) -> Decision:
    """Create, edit, order, archive and delete categories."""
    member = as_member(user)
    if member and member.is_admin:
        return ALLOW
    return deny(_l("Only admins manage categories."))


def can_manage_teams(user) -> Decision:
    member = as_member(user)
    if member and member.is_admin:
        return ALLOW
    return deny(_l("Only admins manage teams."))


def can_manage_legal_pages(user) -> Decision:
    """Write the imprint, privacy policy, terms of use and community guidelines."""
    member = as_member(user)
    if member and member.is_admin:
        return ALLOW
    return deny(_l("Only admins write the legal pages."))
