"""The index follows the database: receivers of the domain signals (sent after commit).

A receiver never raises into the service that sent the signal: a failed index update is
logged, the next rebuild repairs it, and searches check visibility against the database anyway.
"""

import functools
import logging

from flask import current_app
from sqlalchemy import select

from hub.core import events
from hub.core.extensions import db
from hub.forums.models import Post, PostRevision, Topic
from hub.search import service

log = logging.getLogger(__name__)
_connected = False


def _guarded(receiver):
    @functools.wraps(receiver)
    def wrapper(sender, **kwargs):
        if "hub_search" not in current_app.extensions:
            return
        try:
            receiver(sender, **kwargs)
        except Exception:
            db.session.rollback()  # the caller's session stays usable
            log.exception("search index update failed in %s", receiver.__name__)

    return wrapper


def _post(sender) -> Post | None:
    if isinstance(sender, Post):
        return sender
    post_id = getattr(sender, "post_id", None) or getattr(sender, "id", None)
    return db.session.get(Post, post_id) if post_id else None


@_guarded
def on_topic_created(topic: Topic, **_):
    service.refresh_topic(topic.id, new=True)


@_guarded
def on_post_created(post: Post, **_):
    service.refresh_posts([post], new=True)


@_guarded
def on_post_changed(sender, **_):
    """A hidden, restored or deleted post: index it as it is now (or remove it)."""
    post = _post(sender)
    if post is not None:
        service.refresh_posts([post])


@_guarded
def on_post_edited(post: Post, **_):
    # Replies carry their topic's title: when the opening post's edit renamed the topic,
    # reindex the whole topic, otherwise just this post.
    if post.number == 1 and _title_changed(post):
        service.refresh_topic(post.topic_id)
    else:
        service.refresh_posts([post])


@_guarded
def on_answer_accepted(topic: Topic, **_):
    service.refresh_topic(topic.id)  # "solved" is on every document of the topic


@_guarded
def on_topics_moved(topic_ids, **_):
    for topic_id in topic_ids:  # each document carries its category, for the category filter
        service.refresh_topic(topic_id)


@_guarded
def on_faq_entry_changed(entry, **_):
    service.refresh_faq(entry)


def _title_changed(post: Post) -> bool:
    stmt = (
        select(PostRevision.title)
        .where(PostRevision.post_id == post.id)
        .order_by(PostRevision.id.desc())
        .limit(1)
    )
    previous = db.session.scalar(stmt)
    return previous is not None and previous != post.topic.title


def connect() -> None:
    """Subscribe once per process; receivers act for whichever app is current."""
    global _connected
    if _connected:
        return
    events.topic_created.connect(on_topic_created, weak=False)
    events.post_created.connect(on_post_created, weak=False)
    events.post_edited.connect(on_post_edited, weak=False)
    events.post_hidden.connect(on_post_changed, weak=False)
    events.answer_accepted.connect(on_answer_accepted, weak=False)
    for name in ("post_restored", "post_deleted"):  # sent by moderation
        signal = getattr(events, name, None)
        if signal is not None:
            signal.connect(on_post_changed, weak=False)
    events.faq_entry_changed.connect(on_faq_entry_changed, weak=False)
    events.topics_moved.connect(on_topics_moved, weak=False)
    _connected = True
