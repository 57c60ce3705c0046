"""Read-side helpers for chat: the rooms a viewer sees, with presence and unread counts."""

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from hub import permissions
from hub.chat import presence, publish, unread
from hub.chat.models import ChatConversion, ChatMessage, ChatRoom, ConversionStatus
from hub.core.extensions import db


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


def convert_categories(viewer, room: ChatRoom) -> list[tuple[str, str]]:
    """(slug, name) of the categories an expert may publish this line's question in."""
    from hub.chat import rules
    from hub.forums.queries import categories_with_stats

    if not room.is_private or not rules.can_convert_to_question(viewer, room):
        return []
    return [(space.slug, space.name) for space, _, _ in categories_with_stats(viewer)]


def open_proposals(viewer, room: ChatRoom) -> list[ChatConversion]:
    """Proposals to publish a question of this line that wait for its member's answer."""
    if not room.is_private or getattr(viewer, "id", None) != room.owner_id:
        return []
    return list(
        db.session.scalars(
            select(ChatConversion)
            .where(
                ChatConversion.room_id == room.id,
                ChatConversion.member_id == room.owner_id,
                ChatConversion.status == ConversionStatus.PROPOSED.value,
            )
            .order_by(ChatConversion.id)
        )
    )


def reported_messages(message_ids: list[int]) -> dict[int, ChatMessage]:
    """Reported messages with their rooms, for the moderation queue (see moderation's
    `queries.show_reported`)."""
    if not message_ids:
        return {}
    rows = db.session.scalars(
        select(ChatMessage)
        .where(ChatMessage.id.in_(message_ids))
        .options(joinedload(ChatMessage.room))
    )
    return {message.id: message for message in rows}
