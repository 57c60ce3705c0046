"""Deliveries a category's rule asks for: a new or a solved question of a public category goes
to every account, queued by the receivers of `topic_created` and `answer_accepted`.

Enqueueing after the content's commit: the forums services send `topic_created` and
`answer_accepted` after they commit, and the receivers here write the deliveries and their jobs
in a new transaction right away. The trade-off: a process that dies between the two commits
loses that cross-post (the content itself is safe); in exchange the forums services know nothing
about spokes. Queueing is idempotent (see outbox.py).
"""

import logging

from sqlalchemy import select

from hub.core import events
from hub.core.extensions import db
from hub.crosspost import contents, outbox
from hub.crosspost import service as crosspost
from hub.crosspost.models import CrossPostRule, Delivery, RuleMode, SpokeAccount
from hub.forums.models import SpaceKind, Topic, TopicKind

log = logging.getLogger("hub.crosspost.service")  # the receivers log under one name


def _existing(topic_id: int, account_id: int) -> Delivery | None:
    return outbox.existing("topic", topic_id, account_id)


def _queue(topic: Topic, account: SpokeAccount, reason: str, text: str, actor=None) -> Delivery:
    """A delivery of the topic, its tracked link and its job (no commit)."""
    return outbox.queue(
        "topic",
        topic.id,
        account,
        reason=reason,
        text=text,
        path=crosspost.topic_path(topic),
        created_by_id=actor.id if actor is not None else None,
    )


def queue_for_rule(topic: Topic, mode: str) -> list[Delivery]:
    """Queue a topic for every account if its category's rule is `mode`; commits."""
    if topic.space.kind != SpaceKind.CATEGORY or topic.kind != TopicKind.QUESTION:
        return []  # wall posts and discussions are not rule-driven
    rule = db.session.scalar(select(CrossPostRule).where(CrossPostRule.space_id == topic.space_id))
    if rule is None or rule.mode != mode or topic.space.is_private:
        return []
    if contents.opening_post_hidden(topic):
        return []  # held for approval or hidden: never leaves the hub
    queued = []
    for account in crosspost.shareable_accounts():
        if _existing(topic.id, account.id) is None:
            queued.append(_queue(topic, account, mode, crosspost.default_text(topic, mode)))
    db.session.commit()
    return queued


def _on_topic_created(topic: Topic, **extra) -> None:
    _queue_safely(topic.id, RuleMode.NEW)


def _on_answer_accepted(topic: Topic, **extra) -> None:
    _queue_safely(topic.id, RuleMode.SOLVED)


def _queue_safely(topic_id: int, mode: str) -> None:
    """Receivers run inside the member's request: a cross-posting problem must not fail it."""
    try:
        topic = db.session.get(Topic, topic_id)
        if topic is not None:
            queue_for_rule(topic, mode)
    except Exception:
        db.session.rollback()
        log.exception("crosspost: could not queue topic %s (%s)", topic_id, mode)


def connect_signals() -> None:
    # weak=False: blinker would otherwise drop module-level receivers only by reference.
    events.topic_created.connect(_on_topic_created, weak=False)
    events.answer_accepted.connect(_on_answer_accepted, weak=False)
