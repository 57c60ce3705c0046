"""Live topics: a new reply is pushed to everyone reading its topic (room `topic:<id>`).

Realtime is a hint, the database is the answer: readers who were away fetch
`/t/<id>/posts.json?after=<number>` (see views/posts.py), so a lost event costs nothing.
"""

import logging
from contextlib import nullcontext

from flask import Flask, current_app, has_request_context

from hub.core import events
from hub.core.extensions import db
from hub.forums import queries
from hub.forums.api.serializers import post_json
from hub.forums.models import Post
from hub.realtime import rooms as realtime

log = logging.getLogger(__name__)


def post_path(post: Post) -> str:
    """The canonical path of a post: its topic, its page and its anchor.

    Built by hand rather than with url_for, so it also works from the worker and the CLI.
    """
    page = queries.page_of(post)
    query = f"?page={page}" if page > 1 else ""
    return f"/t/{post.topic_id}-{post.topic.slug}{query}#post-{post.number}"


def post_event(post: Post) -> dict:
    """The `post` event: the API's Post as a visitor sees it (never `raw`), plus its URL."""
    base = current_app.config["BASE_URL"].rstrip("/")
    # The serializer builds absolute URLs; outside a request (worker, CLI) they come from
    # BASE_URL, as in e-mails.
    scope = (
        nullcontext()
        if has_request_context()
        else current_app.test_request_context("/", base_url=base)
    )
    with scope:
        data = post_json(post, None, voted=set())
    data["url"] = base + post_path(post)
    return {"topic_id": post.topic_id, "post": data}


def _post_created(post: Post, **_extra) -> None:
    try:
        if post.number > 1:  # the opening post is a new topic: nobody is reading it yet
            realtime.emit("post", post_event(post), realtime.topic_room(post.topic_id))
    except Exception:  # best effort: the reply is saved, readers catch up from the database
        db.session.rollback()  # the member's request goes on with a usable session
        log.exception("could not push a new post to its topic room")


def init_app(app: Flask) -> None:
    # blinker keeps one strong reference per receiver, so connecting again is a no-op.
    events.post_created.connect(_post_created, weak=False)
