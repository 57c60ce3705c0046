"""The private line: each member's own conversation with the team, opened on first use, and
when it waits for the team's answer."""

import secrets
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from hub import permissions
from hub.chat import rules
from hub.chat.models import NAME_MAX, ChatRoom
from hub.core.extensions import db


def open_private_line(actor) -> ChatRoom:
    """The member's private conversation with the team, opened on first use (one per member)."""
    permissions.require(rules.can_open_private_line(actor))
    room = db.session.scalar(select(ChatRoom).where(ChatRoom.owner_id == actor.id))
    if room is not None:
        return room
    room = ChatRoom(
        slug=f"team-{secrets.token_hex(8)}",
        name=_("Private line of %(name)s", name=actor.name)[:NAME_MAX],
        description="",
        is_private=True,
        owner_id=actor.id,
    )
    db.session.add(room)
    try:
        db.session.commit()
    except IntegrityError:  # the same member opened it twice at once
        db.session.rollback()
        room = db.session.scalar(select(ChatRoom).where(ChatRoom.owner_id == actor.id))
    return room


def waiting_values(room: ChatRoom, actor, now: datetime) -> dict:
    """A private line waits for the team from the member's first unanswered message on."""
    if not room.is_private:
        return {}
    if actor.id == room.owner_id:
        return {"waiting_since": func.coalesce(ChatRoom.waiting_since, now)}
    return {"waiting_since": None}
