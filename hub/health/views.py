"""GET /healthz: is every part the hub needs answering? No secrets in the answer."""

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from hub.core.extensions import db
from hub.outbox import jobs
from hub.realtime import rooms as realtime

bp = Blueprint("health", __name__)


def _database() -> dict:
    db.session.execute(text("SELECT 1"))
    return {"ok": True, "backend": db.engine.dialect.name}


def _redis() -> dict:
    import redis

    redis.Redis.from_url(current_app.config["REDIS_URL"], socket_timeout=2).ping()
    return {"ok": True}


def _search() -> dict:
    from hub.search import backend

    return backend.health()


def _check(name: str, probe) -> dict:
    try:
        return probe()
    except Exception as error:  # a health check reports failures, it must not raise them
        current_app.logger.warning("health check %s failed: %s", name, error)
        return {"ok": False, "error": type(error).__name__}


@bp.get("/healthz")
def healthz():
    parts = {"database": _check("database", _database)}
    parts["jobs"] = _check("jobs", jobs.backlog) if parts["database"]["ok"] else {"ok": False}
    parts["search"] = _check("search", _search)
    if current_app.config["REDIS_URL"]:
        parts["redis"] = _check("redis", _redis)
        parts["redis_listener"] = _check("redis_listener", realtime.listener_health)
    failing = [name for name, part in parts.items() if not part.get("ok")]
    body = {"status": "ok" if not failing else "failing", "failing": failing, "parts": parts}
    return jsonify(body), 200 if not failing else 503
