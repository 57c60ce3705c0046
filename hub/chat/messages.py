"""Chat messages: sending (with its rate limit and write keys), editing, deleting, and reading a
room's messages.

Every message is committed before it is broadcast; the broadcast is a hint and the database
is the truth (clients catch up with `after=<id>`).
"""

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from hub import content, permissions
from hub.accounts import service as accounts
from hub.accounts.models import User
from hub.chat import moderation, notices, private_line, publish, rooms, rules, unread
from hub.chat.models import BODY_MAX, ChatMessage, ChatRoom
from hub.core import transactions
from hub.core.columns import utcnow
from hub.core.errors import Invalid, TooMany
from hub.core.extensions import db
from hub.moderation.models import Action, TargetType

RATE_COUNT = 5  # messages a member may send ...
RATE_WINDOW = timedelta(seconds=10)  # ... within this window, across all rooms


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(_("Please correct the marked fields."), {field: message})


def _clean_body(body) -> str:
    if not isinstance(body, str):
        raise _invalid("body", _("Write a message."))
    body = body.strip()
    if not body:
        raise _invalid("body", _("Write a message."))
    if len(body) > BODY_MAX or "\x00" in body:
        raise _invalid("body", _("A message may have at most %(n)d characters.", n=BODY_MAX))
    return body


def _cook(raw: str) -> str:
    return content.render(
        raw, hub_origin=current_app.config["BASE_URL"], mentions=accounts.find_usernames
    )


def _check_rate(actor: User, now: datetime) -> None:
    if actor.is_staff or actor.is_moderator:
        return
    since = now - RATE_WINDOW
    times = list(
        db.session.scalars(
            select(ChatMessage.created_at)
            .where(ChatMessage.author_id == actor.id, ChatMessage.created_at > since)
            .order_by(ChatMessage.created_at)
        )
    )
    if len(times) >= RATE_COUNT:
        wait = max(1, int((times[-RATE_COUNT] + RATE_WINDOW - now).total_seconds()) + 1)
        raise TooMany(
            _("You are sending messages too fast; wait %(n)d seconds.", n=wait), retry_after=wait
        )


@transactions.retried
def post_message(actor, slug: str, body, key: str | None = None) -> ChatMessage:
    """Store a message, then broadcast it to the room. A message sent again with the `key`
    it had (its answer was lost on the way) is the stored one, not a second, broadcast again.

    Raises: NotFound, Unauthorized, Forbidden (muted, suspended), Invalid (empty or too long),
    TooMany (more than 5 messages in 10 s).
    """
    room = rooms.get_room(actor, slug)
    member = rooms.membership(room, actor)
    permissions.require(rules.can_chat(actor, room, member))
    raw = _clean_body(body)
    sent = _sent_before(actor, key)
    if sent is not None:
        # The first send was stored, but its answer was lost, and its broadcast may have been
        # lost with it (the database or Redis went away after the commit): the room gets it
        # again, and pages replace a message they already have by its id.
        publish.message_changed(sent)
        return sent
    now = utcnow()
    _check_rate(actor, now)
    html = _cook(raw)
    # Lock the room row first: ids of one room are then handed out in commit order.
    db.session.execute(
        update(ChatRoom)
        .where(ChatRoom.id == room.id)
        .values(
            message_count=ChatRoom.message_count + 1,
            last_message_at=now,
            **private_line.waiting_values(room, actor, now),
        )
    )
    message = ChatMessage(
        room_id=room.id, author_id=actor.id, raw=raw, html=html, created_at=now, client_key=key
    )
    db.session.add(message)
    db.session.flush()
    rooms.membership_for_write(room, actor).last_read_id = message.id
    if room.is_private and actor.id != room.owner_id:
        notices.queue_reply_notice(room, message)
    # Built before the commit, which expires the message: reading it again afterwards would need
    # a connection, and one lost right after the commit would leave the room without it.
    broadcast = publish.message_json(message)
    db.session.commit()
    publish.message_sent(broadcast)
    _move_counts(room, actor)
    return message


def _sent_before(actor, key: str | None) -> ChatMessage | None:
    """The actor's message stored with this key, if any. Two sends of one key at once: the
    unique index refuses the second insert, and its rerun finds the first."""
    if key is None:
        return None
    return db.session.scalar(
        select(ChatMessage).where(ChatMessage.author_id == actor.id, ChatMessage.client_key == key)
    )


def _move_counts(room: ChatRoom, author) -> None:
    """After the commit: unread counts of the room's followers, the author's own reset, and the
    team's count of waiting private lines."""
    unread.message_posted(room)
    unread.read_changed(author, room)
    if room.is_private:
        unread.waiting_changed()


def edit_message(actor, message_id: int, body) -> ChatMessage:
    """The author rewrites a message within five minutes. Raises: NotFound, Forbidden, Invalid."""
    message = rooms.get_message(actor, message_id)
    permissions.require(rules.can_change_message(actor, message))
    raw = _clean_body(body)
    message.raw, message.html, message.edited_at = raw, _cook(raw), utcnow()
    db.session.commit()
    publish.message_changed(message)
    return message


def delete_message(actor, message_id: int, reason: str = "") -> ChatMessage:
    """The author takes a message back within five minutes; a moderator deletes any message in
    a public room with a reason everyone sees. Raises: NotFound, Forbidden, Invalid."""
    message = rooms.get_message(actor, message_id)
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if not rules.can_change_message(actor, message):
        permissions.require(rules.can_moderate_chat(actor, message.room))
        if not reason:
            raise _invalid("reason", _("Say why, in a sentence the room will read."))
        if len(reason) > 500:
            raise _invalid("reason", _("At most %(n)d characters.", n=500))
    else:
        reason = ""  # the author takes it back: nothing to explain, nothing to log
    message.deleted_at, message.deleted_reason = utcnow(), reason[:500]
    message.raw = message.html = ""
    if reason:
        moderation.log_decision(
            actor,
            Action.CHAT_DELETE,
            TargetType.MESSAGE,
            message.id,
            message.author_id,
            reason,
            note=_("Chat room: %(name)s", name=message.room.name),
        )
    db.session.commit()
    publish.message_changed(message)
    return message


def messages_after(viewer, slug: str, after: int = 0, limit: int = 100) -> list[ChatMessage]:
    """Messages of a room with ids above `after`, oldest first. Raises: NotFound."""
    room = rooms.get_room(viewer, slug)
    after = after if isinstance(after, int) and not isinstance(after, bool) and after > 0 else 0
    return list(
        db.session.scalars(
            select(ChatMessage)
            .where(ChatMessage.room_id == room.id, ChatMessage.id > min(after, rooms.MAX_ID))
            .order_by(ChatMessage.id)
            .limit(max(1, min(limit, 500)))
        )
    )


def latest_messages(viewer, slug: str, limit: int = 50) -> list[ChatMessage]:
    room = rooms.get_room(viewer, slug)
    newest = db.session.scalars(
        select(ChatMessage)
        .where(ChatMessage.room_id == room.id)
        .order_by(ChatMessage.id.desc())
        .limit(limit)
    )
    return list(reversed(list(newest)))
