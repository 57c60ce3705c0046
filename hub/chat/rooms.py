"""Chat rooms and who is in them: finding a room or a message the viewer may see, a member's
place in a room, opening public rooms, and how far a member has read."""

import re

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from hub import permissions
from hub.accounts.models import User
from hub.chat import rules, unread
from hub.chat.models import DESCRIPTION_MAX, NAME_MAX, ChatMember, ChatMessage, ChatRoom
from hub.core.columns import utcnow
from hub.core.errors import Conflict, Invalid, NotFound
from hub.core.extensions import db

MAX_ID = 2**63 - 1
_SLUG = re.compile(r"[a-z0-9][a-z0-9\-]{1,62}")


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(_("Please correct the marked fields."), {field: message})


# --- lookups ------------------------------------------------------------------------------------


def get_room(viewer, slug: str) -> ChatRoom:
    """A room the viewer may see. Raises: NotFound (also for private rooms of others, so their
    existence does not leak)."""
    room = None
    if isinstance(slug, str) and _SLUG.fullmatch(slug):
        room = db.session.scalar(select(ChatRoom).where(ChatRoom.slug == slug))
    if room is None or not rules.can_view_room(viewer, room):
        raise NotFound(_("There is no such chat room."))
    return room


def get_message(viewer, message_id: int) -> ChatMessage:
    """Raises: NotFound (also for messages in rooms the viewer may not see)."""
    ok = isinstance(message_id, int) and not isinstance(message_id, bool)
    message = db.session.get(ChatMessage, message_id) if ok and 0 < message_id <= MAX_ID else None
    if message is None or not rules.can_view_room(viewer, message.room):
        raise NotFound(_("There is no such message."))
    return message


def membership(room: ChatRoom, user) -> ChatMember | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(
        select(ChatMember).where(ChatMember.room_id == room.id, ChatMember.user_id == user.id)
    )


def membership_for_write(room: ChatRoom, user: User) -> ChatMember:
    """The user's membership of the room, added (and flushed) if there is none yet."""
    member = membership(room, user)
    if member is None:
        member = ChatMember(room_id=room.id, user_id=user.id, last_read_id=0, joined_at=utcnow())
        db.session.add(member)
        db.session.flush()
    return member


# --- rooms --------------------------------------------------------------------------------------


def create_room(actor, slug: str, name: str, description: str = "", position: int = 0) -> ChatRoom:
    """An admin opens a public room. Raises: Forbidden, Invalid, Conflict (slug taken)."""
    permissions.require(permissions.can_change_site_settings(actor))
    slug, name, description = (slug or "").strip().lower(), (name or "").strip(), description or ""
    if not _SLUG.fullmatch(slug) or slug.startswith("team-"):
        raise _invalid("slug", _("Use 2 to 63 lower-case letters, digits and dashes."))
    if not name or len(name) > NAME_MAX:
        raise _invalid("name", _("Give the room a name of at most %(n)d characters.", n=NAME_MAX))
    if len(description) > DESCRIPTION_MAX:
        raise _invalid("description", _("At most %(n)d characters.", n=DESCRIPTION_MAX))
    room = ChatRoom(slug=slug, name=name, description=description.strip(), position=position)
    db.session.add(room)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_("A room with this address exists already.")) from None
    return room


# --- reading ------------------------------------------------------------------------------------


def mark_read(actor, slug: str, last_id: int) -> None:
    """Remember how far a member has read (never backwards)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return
    room = get_room(actor, slug)
    if not isinstance(last_id, int) or isinstance(last_id, bool) or last_id <= 0:
        return
    newest = db.session.scalar(
        select(func.max(ChatMessage.id)).where(ChatMessage.room_id == room.id)
    )
    member, upto = membership_for_write(room, actor), min(last_id, newest or 0)
    # Compared in SQL: two tabs reading at once each move it forward, never one back.
    moved = db.session.execute(
        update(ChatMember)
        .where(ChatMember.id == member.id, ChatMember.last_read_id < upto)
        .values(last_read_id=upto)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if moved:
        unread.read_changed(actor, room)
