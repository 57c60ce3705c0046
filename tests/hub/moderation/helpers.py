"""Helpers for moderation tests: people of each role, posts, reports, running the notices."""

from datetime import timedelta

from sqlalchemy import select

from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.forums import service as forums
from hub.forums.models import Post
from hub.moderation import reports
from hub.outbox import runner
from hub.outbox.jobs import Job
from tests.factories import make_category, make_reply, make_topic, make_user


def aged(user, days: float = 30):
    """Make a member older than the new-member period."""
    user.created_at = utcnow() - timedelta(days=days)
    db.session.commit()
    return user


def member(name: str | None = None, *, new: bool = False):
    return make_user(name, new=new)


def moderator(name: str | None = None):
    return make_user(name, role="moderator")


def thread(author=None, replier=None, body=None):
    """A topic by `author` with one reply by `replier`; returns (topic, reply)."""
    author = author or member()
    topic = make_topic(author, make_category())
    reply = make_reply(topic, replier or member(), body)
    return topic, reply


def opening(topic):
    """The opening post of a topic."""
    return db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))


def report_by(n: int, post, reason="abuse", **kwargs):
    """`n` different members report `post`; returns the reports."""
    return [reports.report_post(member(), post.id, reason, **kwargs) for _ in range(n)]


def post_as_forums_will(actor, topic, body: str):
    """A reply through the forums service, which applies the posting rules and approval."""
    return forums.create_reply(actor, topic.id, body)


def notices(event: str | None = None) -> list[dict]:
    """Payloads of the moderation notices queued so far (optionally of one event)."""
    rows = db.session.scalars(select(Job).where(Job.kind == "notify.moderation").order_by(Job.id))
    return [r.payload for r in rows if event is None or r.payload["event"] == event]


def run_jobs(app) -> int:
    return runner.run_once(app)
