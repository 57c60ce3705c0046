"""Chat payloads for the API, acks and broadcasts, and the broadcasts themselves.

Room names come from `hub.realtime.rooms`; this module builds the small JSON objects chat sends
(ChatMessage and ChatRoom of ../shared/API.md) so the API, acks and pushes agree.
"""

import logging

from flask import current_app, has_request_context, url_for

from hub.chat.models import ChatMessage, ChatRoom
from hub.realtime import rooms as realtime

log = logging.getLogger(__name__)


def _profile_url(username: str) -> str:
    if has_request_context():
        return url_for("accounts.profile", username=username, _external=True)
    base = current_app.config["BASE_URL"]
    with current_app.test_request_context(base_url=base):
        return url_for("accounts.profile", username=username, _external=True)


def user_json(user) -> dict:
    return {
        "id": user.id,
        "username": user.username,
        "display_name": user.name,
        "role": user.role,
        "is_expert": user.is_expert,
        "url": _profile_url(user.username),
    }


def message_json(message: ChatMessage, *, with_raw: bool = False) -> dict:
    """ChatMessage; a deleted message keeps its id (so replay has no gaps) but not its text."""
    data = {
        "id": message.id,
        "room": message.room.slug,
        "author": user_json(message.author),
        "html": "" if message.is_deleted else message.html,
        "created_at": message.created_at.isoformat(),
        "edited_at": message.edited_at.isoformat() if message.edited_at else None,
        "deleted": message.is_deleted,
        "deleted_reason": message.deleted_reason if message.is_deleted else "",
    }
    if with_raw and not message.is_deleted:
        data["raw"] = message.raw
    return data


def room_json(room: ChatRoom, *, online: int, team_online: bool, unread: int) -> dict:
    return {
        "slug": room.slug,
        "name": room.name,
        "description": room.description,
        "private": room.is_private,
        "online_count": online,
        "team_online": team_online,
        "unread": unread,
        "owner": user_json(room.owner) if room.owner is not None else None,
    }


def _emit(event: str, payload: dict, room: str, skip_sid=None) -> None:
    # Realtime is a hint: a failed push must not turn a stored message into an error.
    try:
        realtime.socketio().emit(
            event, payload, to=room, namespace=realtime.NAMESPACE, skip_sid=skip_sid
        )
    except Exception:
        log.warning("chat broadcast %s to %s failed", event, room, exc_info=True)


def message_changed(message: ChatMessage) -> None:
    """A new, edited or deleted message: everyone in the room gets the current version."""
    _emit("chat", message_json(message), realtime.chat_room(message.room.slug))


def message_sent(payload: dict) -> None:
    """A new message, from the ChatMessage payload built before its commit."""
    _emit("chat", payload, realtime.chat_room(payload["room"]))


def typing(room: ChatRoom, user, skip_sid=None) -> None:
    payload = {"room": room.slug, "user": {"username": user.username, "display_name": user.name}}
    _emit("typing", payload, realtime.chat_room(room.slug), skip_sid=skip_sid)


def presence(slug: str, online: int, team_online: bool) -> None:
    payload = {"room": slug, "online_count": online, "team_online": team_online}
    _emit("presence", payload, realtime.chat_room(slug))


def conversion_json(proposal) -> dict:
    return {
        "id": proposal.id,
        "room": proposal.room_id and _room_slug(proposal.room_id),
        "question_id": proposal.question_id,
        "answer_id": proposal.answer_id,
        "expert": user_json(proposal.expert),
        "category": proposal.category,
        "title": proposal.title,
        "question": proposal.question,
        "answer": proposal.answer,
        "status": proposal.status,
        "topic_id": proposal.topic_id,
    }


def _room_slug(room_id: int) -> str:
    from hub.core.extensions import db

    return db.session.get(ChatRoom, room_id).slug


def conversion_proposed(proposal) -> None:
    """Ask the member (in their own room, wherever they are connected) to agree."""
    _emit("chat_conversion", conversion_json(proposal), realtime.user_room(proposal.member_id))
