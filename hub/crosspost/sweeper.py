"""The sweeper: cross-posts lost between the content's commit and the receiver's.

The receivers queue deliveries after the content is committed (see service.py), so a process
that dies in between loses the cross-post. A sweep job, queued when a worker starts and then
every ten minutes (each sweep queues the next, one job key per ten-minute slot, so any number
of workers keep one chain), queues what is missing: recent questions of "new" categories,
recently solved ones of "solved" categories, and recent known issues on the company wall, that
have no delivery at all. Only accounts connected before the content was written get it.
"""

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import exists, select

from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.crosspost import contents, outbox
from hub.crosspost import service as crosspost
from hub.crosspost.models import CrossPostRule, Delivery, RuleMode, SpokeAccount
from hub.forums.models import Space, SpaceKind, Topic, TopicKind
from hub.outbox import jobs, runner
from hub.walls.models import WallPost

log = logging.getLogger(__name__)

JOB_KIND = "crosspost.sweep"
EVERY = timedelta(minutes=10)
# "Recent": a sweep runs every ten minutes, so an hour covers a worker's restart; older content
# (or content from before a category's rule was set) is not sent late.
LOOK_BACK = timedelta(hours=1)
GRACE = timedelta(minutes=2)  # the receiver of something this new may still be at work
SWEEP_LIMIT = 500  # per rule and run; the next run takes the rest


def _slot(moment: datetime) -> int:
    return int(moment.timestamp() // EVERY.total_seconds())


def schedule(at: datetime) -> None:
    """The sweep of the slot `at` falls in, due at `at` (no commit; the key makes it once)."""
    jobs.enqueue(JOB_KIND, {}, key=f"{JOB_KIND}:{_slot(at)}", run_at=at)


@jobs.handler(JOB_KIND)
def sweep(payload: dict) -> None:
    now = utcnow()
    next_slot = datetime.fromtimestamp((_slot(now) + 1) * EVERY.total_seconds(), UTC)
    schedule(next_slot)
    db.session.commit()  # the chain goes on whatever this run meets
    queued = sweep_now(now)
    if queued:
        log.warning("crosspost sweep: queued %d lost cross-post(s)", queued)


def sweep_now(now: datetime) -> int:
    """Queue every missing delivery; commits; returns how many were queued."""
    queued = 0
    for topic, reason in _missing(now):
        for account in _accounts_before(topic.created_at):
            if outbox.existing("topic", topic.id, account.id) is None:
                outbox.queue(
                    "topic",
                    topic.id,
                    account,
                    reason=reason,
                    text=contents.topic_text(topic, reason),
                    path=contents.topic_path(topic),
                )
                queued += 1
    db.session.commit()
    return queued


def _missing(now: datetime) -> list[tuple[Topic, str]]:
    since, until = now - LOOK_BACK, now - GRACE
    never_sent = ~exists().where(Delivery.content_type == "topic", Delivery.content_id == Topic.id)
    found = []
    for mode, when in ((RuleMode.NEW, Topic.created_at), (RuleMode.SOLVED, Topic.last_activity_at)):
        query = (
            select(Topic)
            .join(CrossPostRule, CrossPostRule.space_id == Topic.space_id)
            .join(Space, Space.id == Topic.space_id)
            .where(CrossPostRule.mode == mode, Space.kind == SpaceKind.CATEGORY)
            .where(~Space.is_private, Topic.kind == TopicKind.QUESTION, never_sent)
            .where(when >= since, when <= until)
        )
        if mode == RuleMode.SOLVED:
            query = query.where(Topic.accepted_post_id.is_not(None))
        found += [(t, mode.value) for t in db.session.scalars(query.limit(SWEEP_LIMIT))]
    issues = (
        select(Topic)
        .join(WallPost, WallPost.topic_id == Topic.id)
        .where(WallPost.issue_status.is_not(None), never_sent)
        .where(Topic.created_at >= since, Topic.created_at <= until)
    )
    found += [(t, "issue") for t in db.session.scalars(issues.limit(SWEEP_LIMIT))]
    return [(topic, reason) for topic, reason in found if contents.topic_is_public(topic)]


def _accounts_before(moment: datetime) -> list[SpokeAccount]:
    return [a for a in crosspost.shareable_accounts() if a.created_at <= moment]


def connect_signals() -> None:
    runner.on_worker_start(schedule, "cross-post sweep")
