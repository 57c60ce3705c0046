"""A process whose Redis subscription came back pushes the chat messages its rooms missed.

Broadcasts from other processes never reached it meanwhile, but its own did: its pages may
already show later messages, and their replay from the last id they have would skip the gap.
So the missed messages are pushed from the database to this process's rooms (only here: every
process catches up its own); pages keep each message once, by id.
"""

from datetime import UTC, datetime

from sqlalchemy import select

from hub import realtime
from hub.chat import publish
from hub.chat.models import ChatMessage, ChatRoom
from hub.extensions import db

REPLAY_MAX = 1000  # messages per room; a gap that long has pages reconnect and replay anyway


def replay_missed(app, rooms: list[str], since: float, **extra) -> None:
    """Push the messages written since `since` (a Unix time) to this process's chat rooms."""
    moment = datetime.fromtimestamp(since, UTC)
    for slug in filter(None, map(realtime.chat_slug, rooms)):
        messages = db.session.scalars(
            select(ChatMessage)
            .join(ChatRoom, ChatRoom.id == ChatMessage.room_id)
            .where(ChatRoom.slug == slug, ChatMessage.created_at >= moment)
            .order_by(ChatMessage.id)
            .limit(REPLAY_MAX)
        )
        room = realtime.chat_room(slug)
        for message in messages:
            realtime.socketio().emit(
                "chat",
                publish.message_json(message),
                to=room,
                namespace=realtime.NAMESPACE,
                ignore_queue=True,  # the other processes catch up their own rooms
            )
