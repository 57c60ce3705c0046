"""Chat actions: the only code that writes the chat tables.

Every message is committed before it is broadcast; the broadcast is a hint and the database
is the truth (clients catch up with `after=<id>`).
"""

import re
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from hub import content, permissions
from hub.accounts import service as accounts
from hub.accounts.models import User
from hub.chat import notices, publish, rules, unread
from hub.chat.models import (
    BODY_MAX,
    DESCRIPTION_MAX,
    NAME_MAX,
    ChatConversion,
    ChatMember,
    ChatMessage,
    ChatRoom,
    ConversionStatus,
)
from hub.core import transactions
from hub.core.columns import utcnow
from hub.core.errors import Conflict, Invalid, NotFound, TooMany
from hub.core.extensions import db
from hub.forums import answers as forum_answers
from hub.forums import service as forums
from hub.moderation import decision_log, reports
from hub.moderation.models import Action, TargetType

RATE_COUNT = 5  # messages a member may send ...
RATE_WINDOW = timedelta(seconds=10)  # ... within this window, across all rooms
MUTE_MAX = timedelta(days=30)
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


def _membership_for_write(room: ChatRoom, user: User) -> ChatMember:
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


# --- messages -----------------------------------------------------------------------------------


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
    it had (its answer was lost on the way) is the stored one, not a second.

    Raises: NotFound, Unauthorized, Forbidden (muted, suspended), Invalid (empty or too long),
    TooMany (more than 5 messages in 10 s).
    """
    room = get_room(actor, slug)
    member = membership(room, actor)
    permissions.require(rules.can_chat(actor, room, member))
    raw = _clean_body(body)
    sent = _sent_before(actor, key)
    if sent is not None:
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
            **_waiting(room, actor, now),
        )
    )
    message = ChatMessage(
        room_id=room.id, author_id=actor.id, raw=raw, html=html, created_at=now, client_key=key
    )
    db.session.add(message)
    db.session.flush()
    _membership_for_write(room, actor).last_read_id = message.id
    if room.is_private and actor.id != room.owner_id:
        notices.queue_reply_notice(room, message)
    db.session.commit()
    publish.message_changed(message)
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


def _waiting(room: ChatRoom, actor, now: datetime) -> dict:
    """A private line waits for the team from the member's first unanswered message on."""
    if not room.is_private:
        return {}
    if actor.id == room.owner_id:
        return {"waiting_since": func.coalesce(ChatRoom.waiting_since, now)}
    return {"waiting_since": None}


def edit_message(actor, message_id: int, body) -> ChatMessage:
    """The author rewrites a message within five minutes. Raises: NotFound, Forbidden, Invalid."""
    message = get_message(actor, message_id)
    permissions.require(rules.can_change_message(actor, message))
    raw = _clean_body(body)
    message.raw, message.html, message.edited_at = raw, _cook(raw), utcnow()
    db.session.commit()
    publish.message_changed(message)
    return message


def delete_message(actor, message_id: int, reason: str = "") -> ChatMessage:
    """The author takes a message back within five minutes; a moderator deletes any message in
    a public room with a reason everyone sees. Raises: NotFound, Forbidden, Invalid."""
    message = get_message(actor, message_id)
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
        _log_decision(
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
    room = get_room(viewer, slug)
    after = after if isinstance(after, int) and not isinstance(after, bool) and after > 0 else 0
    return list(
        db.session.scalars(
            select(ChatMessage)
            .where(ChatMessage.room_id == room.id, ChatMessage.id > min(after, MAX_ID))
            .order_by(ChatMessage.id)
            .limit(max(1, min(limit, 500)))
        )
    )


def latest_messages(viewer, slug: str, limit: int = 50) -> list[ChatMessage]:
    room = get_room(viewer, slug)
    newest = db.session.scalars(
        select(ChatMessage)
        .where(ChatMessage.room_id == room.id)
        .order_by(ChatMessage.id.desc())
        .limit(limit)
    )
    return list(reversed(list(newest)))


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
    member, upto = _membership_for_write(room, actor), min(last_id, newest or 0)
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


# --- moderation ---------------------------------------------------------------------------------


def mute_member(actor, slug: str, username: str, minutes: int, reason: str) -> ChatMember:
    """A moderator mutes a member in one room for a while. Raises: NotFound, Forbidden, Invalid."""
    room = get_room(actor, slug)
    permissions.require(rules.can_moderate_chat(actor, room))
    person = accounts.get_user(username)
    permissions.require(permissions.can_act_on(actor, person))
    ok = isinstance(minutes, int) and not isinstance(minutes, bool) and minutes > 0
    if not ok or timedelta(minutes=minutes) > MUTE_MAX:
        raise _invalid("minutes", _("Mute for 1 minute up to 30 days."))
    reason = (reason or "").strip()
    if not reason or len(reason) > 500:
        raise _invalid("reason", _("Say why, in at most 500 characters."))
    member = _membership_for_write(room, person)
    member.muted_until, member.muted_reason = utcnow() + timedelta(minutes=minutes), reason
    _log_decision(
        actor,
        Action.CHAT_MUTE,
        TargetType.USER,
        person.id,
        person.id,
        reason,
        note=_("Chat room: %(name)s", name=room.name),
        until=member.muted_until,
    )
    db.session.commit()
    notices.mute_pushed(room, member)
    return member


def _log_decision(actor, action, target_type, target_id, person_id, reason, **extra) -> None:
    decision_log.log_chat_decision(
        actor, action, target_type, target_id, person_id, reason, **extra
    )


def report_message(actor, message_id: int, reason: str, note: str = ""):
    """Report a chat message to the moderators (a `message` flag in the moderation queue).
    Raises: NotFound, Unauthorized, Forbidden, Invalid, Conflict."""
    message = get_message(actor, message_id)
    permissions.require(permissions.can_report(actor, message))
    if message.is_deleted:
        raise Conflict(_("This message was already removed."))
    flag = reports.file_report(
        actor, TargetType.MESSAGE, message.id, message.author_id, reason, note
    )
    db.session.commit()
    return flag


# --- from chat to the community -----------------------------------------------------------------


def propose_conversion(
    actor, question_id: int, answer_id: int, category: str, title: str, question: str, answer: str
) -> ChatConversion:
    """An expert proposes to publish a member's chat question and an answer as a forum question.

    The expert passes edited texts with personal data left out; nothing is published until the
    member agrees (`decide_conversion`). Raises: NotFound, Forbidden, Invalid.
    """
    asked = get_message(actor, question_id)
    answered = get_message(actor, answer_id)
    permissions.require(rules.can_convert_to_question(actor, asked.room))
    errors = {}
    if answered.room_id != asked.room_id or answered.id <= asked.id:
        errors["answer_id"] = _("Choose a later message of the same room as the answer.")
    if asked.is_deleted or answered.is_deleted:
        errors["question_id"] = _("Deleted messages cannot be published.")
    if asked.author.is_staff:
        errors["question_id"] = _("Choose a member's question.")
    fields = {"title": title, "question": question, "answer": answer, "category": category}
    for name, value in fields.items():
        if not isinstance(value, str) or not value.strip():
            errors[name] = _("This is required.")
    if errors:
        raise Invalid(_("Please correct the marked fields."), errors)
    forums.get_space(category.strip())  # raises NotFound for an unknown category
    proposal = ChatConversion(
        room_id=asked.room_id,
        question_id=asked.id,
        answer_id=answered.id,
        expert_id=actor.id,
        member_id=asked.author_id,
        category=category.strip(),
        title=title.strip()[:200],
        question=question.strip(),
        answer=answer.strip(),
        status=ConversionStatus.PROPOSED.value,
        created_at=utcnow(),
    )
    db.session.add(proposal)
    db.session.commit()
    publish.conversion_proposed(proposal)
    return proposal


def decide_conversion(actor, conversion_id: int, agree: bool) -> ChatConversion:
    """The member agrees (the question and the answer are published, the answer accepted) or
    declines. Raises: NotFound, Forbidden, Conflict (decided already), Invalid."""
    proposal = None
    if isinstance(conversion_id, int) and not isinstance(conversion_id, bool):
        proposal = db.session.get(ChatConversion, conversion_id) if conversion_id > 0 else None
    if proposal is None or actor is None or getattr(actor, "id", None) != proposal.member_id:
        raise NotFound(_("There is no such proposal."))
    if proposal.status != ConversionStatus.PROPOSED:
        raise Conflict(_("This proposal was already decided."))
    if not agree:
        proposal.status, proposal.decided_at = ConversionStatus.DECLINED.value, utcnow()
        db.session.commit()
        return proposal
    topic = forums.create_topic(
        actor, proposal.category, "question", proposal.title, proposal.question
    )
    reply = forums.create_reply(proposal.expert, topic.id, proposal.answer)
    forum_answers.accept_answer(actor, reply.id)
    proposal.status, proposal.decided_at = ConversionStatus.ACCEPTED.value, utcnow()
    proposal.topic_id = topic.id
    db.session.commit()
    return proposal
