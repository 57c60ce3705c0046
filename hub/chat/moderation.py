"""Moderation in chat: muting a member in one room, reporting a message to the moderators, and
the public log of chat decisions (a moderator's deletion is logged here too)."""

from datetime import timedelta

from flask_babel import gettext as _

from hub import permissions
from hub.accounts import service as accounts
from hub.chat import notices, rooms, rules
from hub.chat.models import ChatMember
from hub.core.columns import utcnow
from hub.core.errors import Conflict, Invalid
from hub.core.extensions import db
from hub.moderation import decision_log, reports
from hub.moderation.models import Action, TargetType

MUTE_MAX = timedelta(days=30)


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(_("Please correct the marked fields."), {field: message})


def mute_member(actor, slug: str, username: str, minutes: int, reason: str) -> ChatMember:
    """A moderator mutes a member in one room for a while. Raises: NotFound, Forbidden, Invalid."""
    room = rooms.get_room(actor, slug)
    permissions.require(rules.can_moderate_chat(actor, room))
    person = accounts.get_user(username)
    permissions.require(permissions.can_act_on(actor, person))
    ok = isinstance(minutes, int) and not isinstance(minutes, bool) and minutes > 0
    if not ok or timedelta(minutes=minutes) > MUTE_MAX:
        raise _invalid("minutes", _("Mute for 1 minute up to 30 days."))
    reason = (reason or "").strip()
    if not reason or len(reason) > 500:
        raise _invalid("reason", _("Say why, in at most 500 characters."))
    member = rooms.membership_for_write(room, person)
    member.muted_until, member.muted_reason = utcnow() + timedelta(minutes=minutes), reason
    log_decision(
        actor,
        Action.CHAT_MUTE,
        TargetType.USER,
        person.id,
        person.id,
        reason,
        note=_("Chat room: %(name)s", name=room.name),
        until=member.muted_until,
    )
    db.session.commit()
    notices.mute_pushed(room, member)
    return member


def log_decision(actor, action, target_type, target_id, person_id, reason, **extra) -> None:
    """A moderator's chat decision, in the moderation log with its public reason."""
    decision_log.log_chat_decision(
        actor, action, target_type, target_id, person_id, reason, **extra
    )


def report_message(actor, message_id: int, reason: str, note: str = ""):
    """Report a chat message to the moderators (a `message` flag in the moderation queue).
    Raises: NotFound, Unauthorized, Forbidden, Invalid, Conflict."""
    message = rooms.get_message(actor, message_id)
    permissions.require(permissions.can_report(actor, message))
    if message.is_deleted:
        raise Conflict(_("This message was already removed."))
    flag = reports.file_report(
        actor, TargetType.MESSAGE, message.id, message.author_id, reason, note
    )
    db.session.commit()
    return flag
