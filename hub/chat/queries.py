"""Read-side helpers for chat: the rooms a viewer sees, with presence and unread counts."""

from sqlalchemy import or_, select

from hub import permissions
from hub.chat import presence, publish, unread
from hub.chat.models import ChatRoom
from hub.extensions import db


def visible_rooms(viewer) -> list[ChatRoom]:
    """Public rooms; the viewer's own private line; for the team every private line, newest
    activity first."""
    stmt = select(ChatRoom)
    if permissions.is_staff(viewer):
        pass
    elif viewer is not None and getattr(viewer, "is_authenticated", False):
        stmt = stmt.where(or_(ChatRoom.is_private.is_(False), ChatRoom.owner_id == viewer.id))
    else:
        stmt = stmt.where(ChatRoom.is_private.is_(False))
    rooms = list(db.session.scalars(stmt.order_by(ChatRoom.position, ChatRoom.name)))
    public = [r for r in rooms if not r.is_private]
    private = sorted(
        (r for r in rooms if r.is_private),
        key=lambda r: r.last_message_at or r.created_at,
        reverse=True,
    )
    return public + private


def rooms_json(viewer, rooms: list[ChatRoom]) -> list[dict]:
    counts = unread.counts(viewer, rooms)
    items = []
    for room in rooms:
        online, team = presence.count(room.slug)
        items.append(
            publish.room_json(room, online=online, team_online=team, unread=counts.get(room.id, 0))
        )
    return items


def private_line_of(person) -> ChatRoom | None:
    return db.session.scalar(select(ChatRoom).where(ChatRoom.owner_id == person.id))
