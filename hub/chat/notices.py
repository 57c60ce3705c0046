"""What chat tells people who are not looking: a team reply on a member's private line (bell
and, per the member's settings, e-mail), and a mute to the muted member's open pages.

A reply notice goes through the outbox (`chat.reply` job), so it is sent if and only if the
reply was committed. One notice per burst: its `ref` carries the member's read marker, and
`notify` skips a (kind, ref) the member has already had, so further replies before the member
reads the conversation add nothing; after reading, the next reply rings again.
"""

import logging

from flask_babel import force_locale
from flask_babel import gettext as _

from hub.chat import presence
from hub.chat.models import ChatMember, ChatMessage, ChatRoom
from hub.core.extensions import db
from hub.notifications import direct as notifications
from hub.notifications.models import Kind
from hub.outbox import jobs
from hub.realtime import rooms as realtime

log = logging.getLogger(__name__)

REPLY_JOB = "chat.reply"


def queue_reply_notice(room: ChatRoom, message: ChatMessage) -> None:
    """In the reply's transaction: tell the member later, unless they have the line open now."""
    if presence.user_present(room.slug, room.owner_id):
        return
    jobs.enqueue(REPLY_JOB, {"message_id": message.id}, key=f"chat:reply:{message.id}")


@jobs.handler(REPLY_JOB)
def tell_member(payload: dict) -> None:
    message = db.session.get(ChatMessage, payload["message_id"])
    if message is None or message.is_deleted or message.room.owner is None:
        return
    room, member = message.room, message.room.owner
    marker = db.session.scalar(
        db.select(ChatMember.last_read_id).where(
            ChatMember.room_id == room.id, ChatMember.user_id == member.id
        )
    )
    if (marker or 0) >= message.id:  # read in the meantime: nothing to tell
        return
    with force_locale(_language(member)):
        text = _("%(name)s of the team answered on your private line.", name=message.author.name)
    notifications.notify(
        [member.id],
        Kind.CHAT_REPLY,
        path=f"/chat/{room.slug}",
        text=text,
        ref=f"chat-line:{room.id}:read-{marker or 0}",
        actor_id=message.author_id,
    )
    db.session.commit()


def _language(user) -> str:
    from flask import current_app

    languages = current_app.config["LANGUAGES"]
    return user.locale if user.locale in languages else languages[0]


def mute_pushed(room: ChatRoom, member: ChatMember) -> None:
    """Tell the muted member's open pages at once, so the composer shows until when and why."""
    payload = {
        "room": room.slug,
        "until": member.muted_until.isoformat(),
        "reason": member.muted_reason,
    }
    try:
        realtime.emit("chat_muted", payload, realtime.user_room(member.user_id))
    except Exception:  # a hint only: the next attempt to write answers with the same notice
        log.warning("could not push a mute to user %s", member.user_id, exc_info=True)
