"""The one module that names Socket.IO rooms and builds their payloads (namespace /live)."""

from flask import Flask, request
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room, leave_room

from hub.extensions import socketio

NAMESPACE = "/live"


def user_room(user_id: int) -> str:
    return f"user:{user_id}"


def topic_room(topic_id: int) -> str:
    return f"topic:{topic_id}"


def _socket_user():
    """The logged-in browser's user, or the owner of `?token=`; None for a visitor."""
    from hub.accounts import service as accounts

    if current_user and current_user.is_authenticated:
        return current_user
    token = request.args.get("token")
    if token:
        user = accounts.user_for_api_token(token)
        if user is None:
            raise ConnectionRefusedError("invalid token")
        return user
    return None


def _on_connect(auth=None):
    user = _socket_user()
    if user is not None:
        join_room(user_room(user.id))
    return True


def _parse_topic_room(name: str) -> int | None:
    prefix, _, raw_id = (name or "").partition(":")
    return int(raw_id) if prefix == "topic" and raw_id.isdigit() else None


def _error(code: str, message: str) -> dict:
    return {"ok": False, "error": {"code": code, "message": message}}


def _on_join(data):
    from hub import permissions
    from hub.extensions import db
    from hub.forums.models import Topic

    topic_id = _parse_topic_room((data or {}).get("room", "") if isinstance(data, dict) else "")
    if topic_id is None:
        return _error("unknown_room", "No such room.")
    topic = db.session.get(Topic, topic_id)
    if topic is None or not permissions.can_view_space(_socket_user(), topic.space):
        return _error("not_found", "No such topic.")
    join_room(topic_room(topic_id))
    return {"ok": True}


def _on_leave(data):
    if isinstance(data, dict) and isinstance(data.get("room"), str):
        leave_room(data["room"])
    return {"ok": True}


def notify_user(user_id: int, payload: dict) -> None:
    socketio.emit("notification", payload, to=user_room(user_id), namespace=NAMESPACE)


def init_app(app: Flask) -> None:
    socketio.on_event("connect", _on_connect, namespace=NAMESPACE)
    socketio.on_event("join", _on_join, namespace=NAMESPACE)
    socketio.on_event("leave", _on_leave, namespace=NAMESPACE)
