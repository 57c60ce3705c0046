"""Who may do what in chat. Same shape as `hub.permissions` (registered with its `can(...)` for
templates by `hub.chat.init_app`), kept here while chat is the only user."""

from datetime import timedelta

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

from hub import permissions
from hub.core.columns import utcnow
from hub.permissions import ALLOW, Decision, deny

EDIT_WINDOW = timedelta(minutes=5)  # authors fix or take back a message this long after sending


def _member(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def can_view_room(user, room) -> Decision:
    """Anyone reads a public room; a private line is for its member and the team only."""
    if not room.is_private:
        return ALLOW
    member = _member(user)
    if member and (member.id == room.owner_id or member.is_staff):
        return ALLOW
    return deny(_l("This conversation is private."))


def can_chat(user, room, membership=None) -> Decision:
    """Members write in rooms they can see unless suspended, silenced or muted there."""
    decision = permissions.can_write(user)
    if not decision:
        return decision
    if not can_view_room(user, room):
        return deny(_l("This conversation is private."))
    if membership is not None and membership.is_muted(utcnow()):
        return deny(mute_notice(membership))
    return ALLOW


def mute_notice(membership) -> str:
    """What a muted member reads in place of the composer and in the error of a send."""
    return _l(
        "You are muted in this room until %(until)s. Reason: %(reason)s",
        until=format_datetime(membership.muted_until, "short"),
        reason=membership.muted_reason,
    )


def can_change_message(user, message) -> Decision:
    """Authors edit or delete their own message within five minutes."""
    decision = permissions.can_write(user)
    if not decision:
        return decision
    if message.author_id != user.id:
        return deny(_l("Only the author can change this message."))
    if message.is_deleted:
        return deny(_l("This message was deleted."))
    if utcnow() - message.created_at > EDIT_WINDOW:
        return deny(_l("Messages can only be changed within five minutes."))
    return ALLOW


def can_moderate_chat(user, room) -> Decision:
    """Moderators delete messages with a reason and mute members in public rooms."""
    decision = permissions.can_moderate(user)
    if not decision:
        return decision
    return can_view_room(user, room) if room.is_private else ALLOW


def can_open_private_line(user) -> Decision:
    decision = permissions.can_write(user)
    if not decision:
        return decision
    if user.is_staff:
        return deny(_l("The team answers private lines; it does not open one."))
    return ALLOW


def can_convert_to_question(user, room) -> Decision:
    """An expert turns a chat question and its answer into a public forum question."""
    decision = permissions.can_write(user)
    if not decision:
        return decision
    if not user.is_staff:
        return deny(_l("Only the team turns chats into public questions."))
    return can_view_room(user, room)
