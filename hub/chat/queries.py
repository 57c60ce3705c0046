"""Read-side helpers for chat: the rooms a viewer sees, with presence and unread counts."""

from sqlalchemy import func, or_, select

from hub import permissions
from hub.chat import presence, publish
from hub.chat.models import ChatMember, ChatMessage, ChatRoom
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


def unread_counts(viewer, rooms: list[ChatRoom]) -> dict[int, int]:
    if viewer is None or not getattr(viewer, "is_authenticated", False) or not rooms:
        return {}
    ids = [r.id for r in rooms]
    read = dict(
        db.session.execute(
            select(ChatMember.room_id, ChatMember.last_read_id).where(
                ChatMember.user_id == viewer.id, ChatMember.room_id.in_(ids)
            )
        ).all()
    )
    counts = {}
    for room in rooms:
        counts[room.id] = (
            db.session.scalar(
                select(func.count(ChatMessage.id)).where(
                    ChatMessage.room_id == room.id,
                    ChatMessage.id > read.get(room.id, 0),
                    ChatMessage.deleted_at.is_(None),
                    ChatMessage.author_id != viewer.id,
                )
            )
            or 0
        )
    return counts


def rooms_json(viewer, rooms: list[ChatRoom]) -> list[dict]:
    unread = unread_counts(viewer, rooms)
    items = []
    for room in rooms:
        online, team = presence.count(room.slug)
        items.append(
            publish.room_json(room, online=online, team_online=team, unread=unread.get(room.id, 0))
        )
    return items
