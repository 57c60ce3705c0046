"""Notifications: the bell, the list, e-mails through the outbox, and the live push."""

import logging

from flask import Flask, g, has_request_context
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from hub.core import events

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Register the `notify.*` job handlers and the `unread_notifications` template value."""
    from hub.notifications import fanout  # noqa: F401  (importing registers the job handlers)

    app.context_processor(_unread_context)
    events.post_restored.connect(_on_post_shown, weak=False)


def _on_post_shown(post) -> None:
    """Approved or restored by a moderator (sent after their commit)."""
    from hub.core.extensions import db
    from hub.notifications import service

    service.enqueue_for_shown(post)
    db.session.commit()


def _unread_context() -> dict:
    """The logged-in member's unread count for the bell: one indexed query per request."""
    if not has_request_context() or not current_user.is_authenticated:
        return {"unread_notifications": 0}
    if "unread_notifications" not in g:
        g.unread_notifications = _count(current_user.id)
    return {"unread_notifications": g.unread_notifications}


def _count(user_id: int) -> int:
    from hub.notifications import queries

    try:
        return queries.unread_count(user_id)
    except SQLAlchemyError:  # the 500 page after a database failure must still render
        log.warning("unread count unavailable", exc_info=True)
        return 0
