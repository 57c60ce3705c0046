"""Chat over Socket.IO (namespace /live): join, leave, chat, typing, edit, delete, history, read.

Every handler answers with an ack, `{"ok": true, ...}` or `{"ok": false, "error": {code,
message}}`. Bad input (wrong types, unknown rooms, rooms the user may not see) gets an error
ack and changes nothing; no exception escapes a handler, so one bad client never breaks the
connection or the server.
"""

import contextlib
import functools
import logging
import re
import threading

from flask import current_app, request
from flask_login import current_user
from flask_socketio import leave_room

from hub.chat import presence, publish, queries, unread
from hub.chat import service as chat
from hub.chat.models import KEY_MAX
from hub.core import transactions
from hub.core.errors import HubError, NotFound, TooMany, Unauthorized
from hub.core.extensions import db
from hub.realtime import rooms as realtime

log = logging.getLogger(__name__)

HISTORY_BATCH = 200  # messages one `history` ack carries; `more` says whether to ask again
_KEY = re.compile(rf"[A-Za-z0-9_-]{{1,{KEY_MAX}}}")


def _error(code: str, message: str, **extra) -> dict:
    return {"ok": False, "error": {"code": code, "message": message, **extra}}


def _user():
    """The logged-in browser's user, or the owner of the connection's `?token=`; else None."""
    from hub.accounts import service as accounts

    if current_user and current_user.is_authenticated:
        return current_user
    token = request.args.get("token")
    return accounts.user_for_api_token(token) if token else None


def _member():
    user = _user()
    if user is None:
        raise Unauthorized("Log in first.")
    return user


def _safe(handler):
    @functools.wraps(handler)
    def wrapper(data=None):
        try:
            if not isinstance(data, dict):
                return _error("bad_request", "Send an object.")
            return transactions.rerun(lambda: handler(data))
        except TooMany as error:
            db.session.rollback()
            return _error(error.code, error.message, retry_after=error.retry_after)
        except HubError as error:
            db.session.rollback()
            return _error(error.code, error.message, fields=error.fields)
        except Exception:  # a handler must never die on input; the log has the details
            db.session.rollback()
            log.exception("chat socket handler %s failed", handler.__name__)
            return _error("server_error", "Something went wrong; try again.")

    return wrapper


def _slug(data: dict) -> str:
    room = data.get("room")
    if not isinstance(room, str) or not room:
        raise HubError("Name a room.")
    return room


def _key(data: dict) -> str | None:
    """The client's own key for a message (optional): letters, digits, `-` and `_`."""
    key = data.get("key")
    if key is None:
        return None
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise HubError(f"'key' must be 1 to {KEY_MAX} letters, digits, '-' or '_'.")
    return key


def _int(data: dict, key: str, default: int | None = None) -> int:
    value = data.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= chat.MAX_ID:
        raise HubError(f"'{key}' must be a whole number.")
    return value


PRESENCE_DELAY = 1.0  # seconds: joins and leaves within it make one presence broadcast
_pending: set[str] = set()
_pending_lock = threading.Lock()


def _announce(room) -> None:
    """Tell the room its new head count, at most once per PRESENCE_DELAY per process: a
    broadcast per join would cost N² deliveries while N people enter a busy room."""
    slug = room.slug
    with _pending_lock:
        if slug in _pending:
            return
        _pending.add(slug)
    app = current_app._get_current_object()
    server = app.extensions["socketio"]

    def broadcast() -> None:
        server.sleep(PRESENCE_DELAY)
        with _pending_lock:
            _pending.discard(slug)
        try:
            with app.app_context():
                online, team = presence.count(slug)
                publish.presence(slug, online, team)
        except Exception:
            log.warning("chat presence broadcast for %s failed", slug, exc_info=True)

    server.start_background_task(broadcast)


@_safe
def on_join(data: dict) -> dict:
    """Follow a chat room (read-only for visitors)."""
    user = _user()
    try:
        room = chat.get_room(user, _slug(data))
    except NotFound:
        return _error("unknown_room", "No such room.")
    if not realtime.join(realtime.chat_room(room.slug)):
        return _error("gone", "The connection has closed.")  # no one to count as present
    presence.enter(room.slug, request.sid, user)
    _announce(room)
    return {"ok": True, "room": queries.rooms_json(user, [room])[0]}


@_safe
def on_leave(data: dict) -> dict:
    slug = _slug(data)
    leave_room(realtime.chat_room(slug))
    presence.leave(slug, request.sid)
    room = chat.get_room(_user(), slug)
    _announce(room)
    return {"ok": True}


def on_disconnect(*args) -> None:
    try:
        for slug in presence.leave_all(request.sid):
            with contextlib.suppress(HubError):  # a private room: no visitor count to update
                _announce(chat.get_room(None, slug))
    except Exception:
        db.session.rollback()
        log.warning("chat presence cleanup failed", exc_info=True)


@_safe
def on_chat(data: dict) -> dict:
    message = chat.post_message(_member(), _slug(data), data.get("body"), _key(data))
    return {"ok": True, "message": publish.message_json(message, with_raw=True)}


@_safe
def on_typing(data: dict) -> dict:
    from hub import permissions
    from hub.chat import rules

    user = _member()
    room = chat.get_room(user, _slug(data))
    permissions.require(rules.can_chat(user, room, chat.membership(room, user)))
    publish.typing(room, user, skip_sid=request.sid)
    return {"ok": True}


@_safe
def on_edit(data: dict) -> dict:
    message = chat.edit_message(_member(), _int(data, "id"), data.get("body"))
    return {"ok": True, "message": publish.message_json(message, with_raw=True)}


@_safe
def on_delete(data: dict) -> dict:
    message = chat.delete_message(_member(), _int(data, "id"), data.get("reason") or "")
    return {"ok": True, "message": publish.message_json(message)}


@_safe
def on_history(data: dict) -> dict:
    """Everything after `after`, oldest first: what a reconnecting client missed."""
    user = _user()
    messages = chat.messages_after(user, _slug(data), _int(data, "after", 0), HISTORY_BATCH + 1)
    more = len(messages) > HISTORY_BATCH
    items = [publish.message_json(m) for m in messages[:HISTORY_BATCH]]
    return {"ok": True, "messages": items, "more": more}


@_safe
def on_read(data: dict) -> dict:
    chat.mark_read(_member(), _slug(data), _int(data, "id"))
    return {"ok": True}


@_safe
def on_convert(data: dict) -> dict:
    """An expert proposes to publish a question and its answer; the member is asked."""
    proposal = chat.propose_conversion(
        _member(),
        _int(data, "question_id"),
        _int(data, "answer_id"),
        data.get("category"),
        data.get("title"),
        data.get("question"),
        data.get("answer"),
    )
    return {"ok": True, "conversion": publish.conversion_json(proposal)}


@_safe
def on_consent(data: dict) -> dict:
    """The member agrees (`agree: true`) or declines a proposal to publish their question."""
    agree = data.get("agree")
    if not isinstance(agree, bool):
        raise HubError("'agree' must be true or false.")
    proposal = chat.decide_conversion(_member(), _int(data, "id"), agree)
    return {"ok": True, "conversion": publish.conversion_json(proposal)}


@_safe
def on_report(data: dict) -> dict:
    """A member reports a message to the moderators (`reason`: spam, abuse, ...)."""
    reason, note = data.get("reason"), data.get("note") or ""
    if not isinstance(reason, str) or not isinstance(note, str):
        raise HubError("'reason' and 'note' must be text.")
    flag = chat.report_message(_member(), _int(data, "id"), reason, note)
    return {"ok": True, "flag": {"id": flag.id, "status": flag.status}}


@_safe
def on_mute(data: dict) -> dict:
    """A moderator mutes a member in a room for `minutes`, with a reason."""
    username, reason = data.get("username"), data.get("reason")
    if not isinstance(username, str) or not isinstance(reason, str):
        raise HubError("'username' and 'reason' must be text.")
    member = chat.mute_member(_member(), _slug(data), username, _int(data, "minutes"), reason)
    return {"ok": True, "muted_until": member.muted_until.isoformat()}


@_safe
def on_watch(data: dict) -> dict:
    """Follow the member's unread counts on this connection (every page of a member does)."""
    return {"ok": True, **unread.watch(_member())}


def register(server) -> None:
    """Add the chat events to the app's /live namespace (`join`/`leave` go through realtime)."""
    for event, handler in {
        "chat": on_chat,
        "typing": on_typing,
        "edit": on_edit,
        "delete": on_delete,
        "history": on_history,
        "read": on_read,
        "convert": on_convert,
        "consent": on_consent,
        "report": on_report,
        "mute": on_mute,
        "chat_watch": on_watch,
        "disconnect": on_disconnect,
    }.items():
        server.on_event(event, handler, namespace=realtime.NAMESPACE)
