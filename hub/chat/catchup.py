"""A process whose Redis subscription came back pushes the chat messages its rooms missed.

Broadcasts from other processes never reached it meanwhile, but its own did: its pages may
already show later messages, and their replay from the last id they have would skip the gap.
So the messages written, edited or deleted meanwhile are pushed from the database to this
process's rooms (only here: every process catches up its own); pages keep each message once,
by id, in its latest version.
"""

from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import contains_eager, selectinload

from hub.chat import publish
from hub.chat.models import ChatMessage, ChatRoom
from hub.core.extensions import db
from hub.realtime import rooms as realtime

BATCH = 500  # messages read at a time; a long gap is pushed whole, in id order


def replay_missed(app, rooms: list[str], since: float, **extra) -> None:
    """Push the messages written or changed since `since` (a Unix time) to this process's
    chat rooms."""
    moment = datetime.fromtimestamp(since, UTC)
    for slug in filter(None, map(realtime.chat_slug, rooms)):
        room, after = realtime.chat_room(slug), 0
        while messages := _changed(slug, moment, after):
            for message in messages:
                realtime.socketio().emit(
                    "chat",
                    publish.message_json(message),
                    to=room,
                    namespace=realtime.NAMESPACE,
                    ignore_queue=True,  # the other processes catch up their own rooms
                )
            after = messages[-1].id


def _changed(slug: str, moment: datetime, after: int) -> list[ChatMessage]:
    """The room's next messages (by id, after `after`) written, edited or deleted since."""
    return db.session.scalars(
        select(ChatMessage)
        .join(ChatRoom, ChatRoom.id == ChatMessage.room_id)
        .options(contains_eager(ChatMessage.room), selectinload(ChatMessage.author))
        .where(
            ChatRoom.slug == slug,
            ChatMessage.id > after,
            or_(
                ChatMessage.created_at >= moment,
                ChatMessage.edited_at >= moment,
                ChatMessage.deleted_at >= moment,
            ),
        )
        .order_by(ChatMessage.id)
        .limit(BATCH)
    ).all()
