"""Removals: a topic hidden or deleted on the hub takes its cross-posts (and the replies posted
in their threads) off the networks, one removal job per delivered post."""

import logging

from sqlalchemy import select

from hub.core import events
from hub.core.extensions import db
from hub.crosspost import service as crosspost
from hub.crosspost.models import Delivery, DeliveryStatus
from hub.forums.models import Post
from hub.outbox import jobs

log = logging.getLogger("hub.crosspost.service")  # the receivers log under one name

REMOVE_JOB_KIND = "crosspost.remove"


def queue_removals(topic_id: int) -> int:
    """A topic hidden or deleted on the hub: remove its cross-posts (a job per delivered
    post); where the network refuses, the job dies with the reason for a person to handle.
    Commits; returns how many removals were queued."""
    queued = 0
    threads = crosspost.deliveries_of_topic(topic_id)
    for delivery in threads + _replies_under(threads):
        if delivery.status == DeliveryStatus.DELIVERED and delivery.remote_id:
            content = f"{delivery.content_type}:{delivery.content_id}"
            key = f"crosspost-remove:{content}:{delivery.account_id}"
            jobs.enqueue(REMOVE_JOB_KIND, {"delivery_id": delivery.id}, key=key)
            queued += 1
    db.session.commit()
    return queued


def _replies_under(parents: list[Delivery]) -> list[Delivery]:
    """Replies posted in these threads (known-issue updates): they go with their thread."""
    ids = [parent.id for parent in parents]
    if not ids:
        return []
    return list(db.session.scalars(select(Delivery).where(Delivery.parent_id.in_(ids))))


def _on_post_hidden(post: Post, **extra) -> None:
    if post.number != 1:
        return  # replies are not cross-posted
    try:
        queue_removals(post.topic_id)
    except Exception:
        db.session.rollback()
        log.exception("crosspost: could not queue removals for topic %s", post.topic_id)


def connect_signals() -> None:
    # weak=False: blinker would otherwise drop module-level receivers only by reference.
    events.post_hidden.connect(_on_post_hidden, weak=False)
    events.post_deleted.connect(_on_post_hidden, weak=False)
