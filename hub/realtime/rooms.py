"""The one module that names Socket.IO rooms and builds their payloads (namespace /live)."""

from flask import Flask, current_app, request
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, SocketIO, join_room, leave_room

from hub.realtime import queue as realtime_queue

NAMESPACE = "/live"
# The server's ping waits in the same queue as the room's messages: under a burst, a client
# that reads fine still answers late. 60 s (not 20) keeps such clients instead of dropping
# them all at once into a reconnect-and-replay storm; a dead link is noticed 40 s later.
PING_TIMEOUT = 60
# Where `join` and `leave` go for a room that is not a topic's: the feature that owns those
# rooms (chat, whose rooms are named by their slug) names its handlers with route_other_rooms.
_OTHER_ROOMS = "realtime.other_rooms"


def user_room(user_id: int) -> str:
    return f"user:{user_id}"


def topic_room(topic_id: int) -> str:
    return f"topic:{topic_id}"


def chat_room(slug: str) -> str:
    return f"chat:{slug}"


def chat_slug(room: str) -> str | None:
    """The chat room's slug in a room name, or None for any other room."""
    prefix, _, slug = room.partition(":")
    return slug if prefix == "chat" and slug else None


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


def join(room: str) -> bool:
    """Put this connection in `room`; False when it closed before its event was handled (a
    reader who left at once): there is nobody to put in the room, and nothing went wrong."""
    try:
        join_room(room)
    except ValueError:  # python-socketio: "sid is not connected to requested namespace"
        return False
    return True


def _on_connect(auth=None):
    user = _socket_user()
    if user is not None:
        join(user_room(user.id))
    return True


def _parse_topic_room(name: str) -> int | None:
    prefix, _, raw_id = (name or "").partition(":")
    return int(raw_id) if prefix == "topic" and raw_id.isdigit() else None


def _error(code: str, message: str) -> dict:
    return {"ok": False, "error": {"code": code, "message": message}}


def _on_join(data):
    from hub import permissions
    from hub.core.extensions import db
    from hub.forums.models import Topic

    room = data.get("room") if isinstance(data, dict) else None
    topic_id = _parse_topic_room(room) if isinstance(room, str) else None
    if topic_id is None:
        return _other_rooms()["join"](data)
    topic = db.session.get(Topic, topic_id)
    if topic is None or not permissions.can_view_space(_socket_user(), topic.space):
        return _error("not_found", "No such topic.")
    return {"ok": join(topic_room(topic_id))}


def _on_leave(data):
    room = data.get("room") if isinstance(data, dict) else None
    if isinstance(room, str) and _parse_topic_room(room) is None:
        return _other_rooms()["leave"](data)
    if isinstance(data, dict) and isinstance(data.get("room"), str):
        leave_room(data["room"])
    return {"ok": True}


def route_other_rooms(app: Flask, *, join, leave) -> None:
    """Send `join` and `leave` for every room that is not a topic's to these handlers (chat's:
    any other name is a chat room's slug). Realtime names no feature above it."""
    app.extensions[_OTHER_ROOMS] = {"join": join, "leave": leave}


def _other_rooms() -> dict:
    return current_app.extensions[_OTHER_ROOMS]


def socketio() -> SocketIO:
    """This app's Socket.IO server (works from requests, jobs and the CLI alike)."""
    return current_app.extensions["socketio"]


def emit(event: str, payload: dict, room: str) -> None:
    socketio().emit(event, payload, to=room, namespace=NAMESPACE)


def notify_user(user_id: int, payload: dict) -> None:
    emit("notification", payload, user_room(user_id))


def _same_origin(app: Flask):
    """Only pages of this hub may open a socket (read at connect time, so tests can move it)."""
    return lambda origin: origin == app.config["BASE_URL"].rstrip("/")


def async_mode() -> str:
    """gevent when the server patched the process for it (gunicorn -k gevent), else threading:
    the mode must match the worker, and an unpatched process must never pick gevent."""
    try:
        from gevent import monkey
    except ImportError:
        return "threading"
    return "gevent" if monkey.is_module_patched("socket") else "threading"


def listener_health() -> dict:
    """Whether this process's Redis subscription (Socket.IO's message queue) is alive."""
    server = socketio()
    return {**realtime_queue.health(server.server.manager), "async_mode": server.async_mode}


def _resumed(app: Flask):
    """Run when this process's Redis subscription is back: the receivers of
    `events.realtime_resumed` push what its rooms missed since `since` (a Unix time)."""
    from hub.core import events

    def resumed(rooms: list[str], since: float) -> None:
        with app.app_context():
            events.realtime_resumed.send(app, rooms=rooms, since=since)

    return resumed


def init_app(app: Flask) -> None:
    """Give the app its own Socket.IO server; Redis carries events between processes if set."""
    options = {}
    if app.config["REDIS_URL"]:
        options["client_manager"] = realtime_queue.RedisQueue(
            app.config["REDIS_URL"], on_resubscribed=_resumed(app)
        )
    server = SocketIO(
        app,
        async_mode=async_mode(),
        cors_allowed_origins=_same_origin(app),
        manage_session=False,
        ping_timeout=PING_TIMEOUT,
        **options,
    )
    server.on_event("connect", _on_connect, namespace=NAMESPACE)
    server.on_event("join", _on_join, namespace=NAMESPACE)
    server.on_event("leave", _on_leave, namespace=NAMESPACE)
