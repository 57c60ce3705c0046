"""Live chat: public rooms and a private line to the team (see hub/chat/sockets.py for /live)."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the chat socket handlers on this app's Socket.IO server and `can(...)` rules."""
    from hub import permissions
    from hub.chat import rules, sockets

    sockets.register(app.extensions["socketio"])
    permissions.PREDICATES.update(
        (name.removeprefix("can_"), fn)
        for name, fn in vars(rules).items()
        if name.startswith("can_") and callable(fn)
    )
