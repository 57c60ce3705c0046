"""Unread counts per room, kept live on every page of a logged-in member.

A member's counts cover the rooms they follow: public rooms they have opened or written in
(a `ChatMember` row), and their own private line. Pages ask for the counts once per connection
(`chat_watch`) and then follow two small pushes:

- `chat_activity` {room, count}: a room's message total grew. Sent at most once per
  `ACTIVITY_DELAY` per room and process, to every watching page at once (one emit, not one per
  member), so a busy room does not double everybody's traffic. The page adds the growth.
- `chat_read` {room, unread, count}: this member read (or wrote in) a room; sent to the member's
  own pages, so every tab resets together.

The team also follows `chat_waiting` {waiting}: how many private lines wait for an answer.
"""

import logging
import threading
from functools import cache

from flask import current_app
from sqlalchemy import and_, bindparam, func, or_, select

from hub import permissions
from hub.chat.models import ChatMember, ChatMessage, ChatRoom
from hub.core import reads
from hub.core.extensions import db
from hub.realtime import rooms as realtime

log = logging.getLogger(__name__)

ACTIVITY_ROOM = "chat-activity"  # every watching page of a member: public rooms' activity
TEAM_ROOM = "chat-team"  # every watching page of the team: private lines and the waiting count
ACTIVITY_DELAY = 0.5  # seconds: messages of one room within it make one push
_pending: set[str] = set()
_pending_lock = threading.Lock()


def _is_member(viewer) -> bool:
    return viewer is not None and getattr(viewer, "is_authenticated", False)


def tracked(viewer, room_ids: list[int] | None = None) -> list[tuple[int, str, int, int]]:
    """(room id, slug, message total, unread) of the rooms the viewer follows, in one query."""
    if not _is_member(viewer):
        return []
    if room_ids is None:  # every page's navigation count
        return [tuple(row) for row in reads.rows(_tracked(), viewer=viewer.id)]
    stmt = _tracked().where(ChatRoom.id.in_(room_ids))
    return [tuple(row) for row in reads.rows(stmt, viewer=viewer.id)]


@cache
def _tracked():
    viewer = bindparam("viewer")
    unread = (
        select(func.count(ChatMessage.id))
        .where(
            ChatMessage.room_id == ChatRoom.id,
            ChatMessage.id > func.coalesce(ChatMember.last_read_id, 0),
            ChatMessage.deleted_at.is_(None),
            ChatMessage.author_id != viewer,
        )
        .correlate(ChatRoom, ChatMember)
        .scalar_subquery()
    )
    return (
        select(ChatRoom.id, ChatRoom.slug, ChatRoom.message_count, unread)
        .outerjoin(
            ChatMember, and_(ChatMember.room_id == ChatRoom.id, ChatMember.user_id == viewer)
        )
        .where(or_(ChatMember.id.is_not(None), ChatRoom.owner_id == viewer))
    )


def counts(viewer, rooms: list[ChatRoom] | None = None) -> dict[int, int]:
    """Unread messages per room id (rooms the viewer does not follow count 0)."""
    ids = None if rooms is None else [room.id for room in rooms]
    if ids == []:
        return {}
    return {room_id: unread for room_id, _, _, unread in tracked(viewer, ids)}


def total(viewer) -> int:
    return sum(counts(viewer).values())


def waiting_count() -> int:
    """Private lines whose member wrote last and waits for the team."""
    return db.session.scalar(
        select(func.count(ChatRoom.id)).where(ChatRoom.waiting_since.is_not(None))
    )


def watch(user) -> dict:
    """Follow live counts on this connection; returns the counts to start from."""
    realtime.join(ACTIVITY_ROOM)
    staff = permissions.is_staff(user)
    if staff:
        realtime.join(TEAM_ROOM)
    rooms = {slug: {"unread": n, "count": c} for _, slug, c, n in tracked(user)}
    return {"rooms": rooms, "waiting": waiting_count() if staff else None}


def _emit(event: str, payload: dict, to: str) -> None:
    # Counts are a hint: a failed push must never fail the action that caused it.
    try:
        realtime.emit(event, payload, to)
    except Exception:
        log.warning("chat push %s to %s failed", event, to, exc_info=True)


def read_changed(user, room: ChatRoom) -> None:
    """Tell the member's pages their new count for this room (after the commit)."""
    rows = tracked(user, [room.id])
    if rows:
        _, slug, count, unread = rows[0]
        payload = {"room": slug, "unread": unread, "count": count}
        _emit("chat_read", payload, realtime.user_room(user.id))


def waiting_changed() -> None:
    _emit("chat_waiting", {"waiting": waiting_count()}, TEAM_ROOM)


def message_posted(room: ChatRoom) -> None:
    """Schedule one `chat_activity` push for this room (after the commit)."""
    slug = room.slug
    with _pending_lock:
        if slug in _pending:
            return
        _pending.add(slug)
    app = current_app._get_current_object()
    server = app.extensions["socketio"]

    def push() -> None:
        server.sleep(ACTIVITY_DELAY)
        with _pending_lock:
            _pending.discard(slug)
        try:
            with app.app_context():
                _push_activity(slug)
        except Exception:
            log.warning("chat activity push for %s failed", slug, exc_info=True)

    server.start_background_task(push)


def _push_activity(slug: str) -> None:
    room = db.session.scalar(select(ChatRoom).where(ChatRoom.slug == slug))
    if room is None:
        return
    payload = {"room": room.slug, "count": room.message_count}
    if room.is_private:  # only its member and the team may learn that it moved
        _emit("chat_activity", payload, realtime.user_room(room.owner_id))
        _emit("chat_activity", payload, TEAM_ROOM)
    else:
        _emit("chat_activity", payload, ACTIVITY_ROOM)
