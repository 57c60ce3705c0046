"""The reference chat server: the least Flask-SocketIO can do to fan a message out to a room.

Same namespace and events as the hub (`join`, `chat`, `history` on /live) and the same async
mode choice (gevent when gunicorn's gevent worker patched the process, else threading), but no
database, sessions, Markdown or presence: messages live in a list in memory. Its numbers are
the ceiling for the hub's chat under the same server and the same clients. One process only
(ids are per process). Served by gunicorn as `benchmarks.bare_chat:create_app()`.
"""

import itertools
import threading

from flask import Flask
from flask_socketio import SocketIO, join_room

from hub.realtime.rooms import NAMESPACE, async_mode


def create_app() -> Flask:
    app = Flask(__name__)
    server = SocketIO(app, async_mode=async_mode(), cors_allowed_origins="*")
    messages: list[dict] = []
    ids, lock = itertools.count(1), threading.Lock()

    @server.on("join", namespace=NAMESPACE)
    def on_join(data):
        join_room(f"chat:{data['room']}")
        return {"ok": True}

    @server.on("chat", namespace=NAMESPACE)
    def on_chat(data):
        with lock:
            message = {"id": next(ids), "room": data["room"], "html": f"<p>{data['body']}</p>"}
            messages.append(message)
        server.emit("chat", message, to=f"chat:{data['room']}", namespace=NAMESPACE)
        return {"ok": True, "message": message}

    @server.on("history", namespace=NAMESPACE)
    def on_history(data):
        after = [m for m in messages if m["id"] > data.get("after", 0)]
        return {"ok": True, "messages": after[:200], "more": len(after) > 200}

    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}

    return app
