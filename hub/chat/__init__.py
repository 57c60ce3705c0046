"""Live chat: public rooms and a private line to the team (see hub/chat/sockets.py for /live)."""

from flask import Flask, g
from flask_login import current_user


def init_app(app: Flask) -> None:
    """Register the chat socket handlers (with the joins and leaves of chat rooms), the
    reply-notice job, the catch-up after a Redis outage, reported messages in the moderation
    queue, `can(...)` rules and the navigation's unread count."""
    from hub import permissions
    from hub.chat import catchup, notices, queries, rules, sockets  # noqa: F401  (notices: its job)
    from hub.core import events
    from hub.moderation import queries as moderation_queries
    from hub.moderation.models import TargetType
    from hub.realtime import rooms as realtime

    sockets.register(app.extensions["socketio"])
    realtime.route_other_rooms(app, join=sockets.on_join, leave=sockets.on_leave)
    moderation_queries.show_reported(app, TargetType.MESSAGE, queries.reported_messages)
    events.realtime_resumed.connect(catchup.replay_missed, weak=False)
    permissions.PREDICATES.update(
        (name.removeprefix("can_"), fn)
        for name, fn in vars(rules).items()
        if name.startswith("can_") and callable(fn)
    )
    app.context_processor(_nav_context)
    app.jinja_env.globals["chat_private_line"] = _private_line


def _nav_context() -> dict:
    """Unread chat messages of the logged-in member (one query per request) and, for the
    team, the private lines waiting for an answer."""
    if not current_user or not current_user.is_authenticated:
        return {"chat_unread": 0, "chat_waiting": None}
    if "chat_nav" not in g:
        from hub.chat import unread

        waiting = unread.waiting_count() if current_user.is_staff else None
        g.chat_nav = {"chat_unread": unread.total(current_user), "chat_waiting": waiting}
    return g.chat_nav


def _private_line(person):
    """A member's private line to the team with its message count, for the team's case view."""
    from hub.chat.queries import private_line_of

    return private_line_of(person)
