"""Recognition computed from real activity: accepted answers, helpful votes, badges, and the
month's top helpers. Nothing is stored; each box is one or two queries."""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import distinct, func, select

from hub.accounts.models import User
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.forums import queries as forum_queries
from hub.forums.models import Post, Topic, TopicKind

# (key, label, test on the numbers): in the order a member earns them.
BADGES = (
    ("first_accepted", _l("First answer accepted"), lambda n: n["accepted"] >= 1),
    ("ten_accepted", _l("10 accepted answers"), lambda n: n["accepted"] >= 10),
    ("five_categories", _l("Helped in 5 categories"), lambda n: n["categories"] >= 5),
    ("helpful_25", _l("25 helpful votes"), lambda n: n["helpful"] >= 25),
)


@dataclass
class Recognition:
    accepted: int
    helpful: int
    categories: int
    badges: list[tuple[str, str]] = field(default_factory=list)


def _accepted_answers():
    return (
        select(Post.author_id, Post.id, Topic.space_id, Post.created_at)
        .join(Topic, Topic.accepted_post_id == Post.id)
        .where(Post.hidden_at.is_(None))
    )


def for_person(person: User) -> Recognition:
    """Accepted answers, helpful votes received and badges of one member: two queries."""
    accepted = _accepted_answers().where(Post.author_id == person.id).subquery()
    count, categories = db.session.execute(
        select(func.count(accepted.c.id), func.count(distinct(accepted.c.space_id)))
    ).one()
    helpful = db.session.scalar(
        select(func.coalesce(func.sum(Post.score), 0)).where(
            Post.author_id == person.id, Post.number > 1, Post.hidden_at.is_(None)
        )
    )
    numbers = {"accepted": count or 0, "helpful": helpful or 0, "categories": categories or 0}
    badges = [(key, str(label)) for key, label, test in BADGES if test(numbers)]
    return Recognition(numbers["accepted"], numbers["helpful"], numbers["categories"], badges)


def top_helpers(limit: int = 5) -> list[tuple[User, int]]:
    """Members with the most accepted answers written this month: one query."""
    start = utcnow().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    accepted = _accepted_answers().where(Post.created_at >= start).subquery()
    rows = db.session.execute(
        select(User, func.count(accepted.c.id).label("n"))
        .join(accepted, accepted.c.author_id == User.id)
        .group_by(User.id)
        .order_by(func.count(accepted.c.id).desc(), User.id)
        .limit(limit)
    ).all()
    return [(user, n) for user, n in rows]


def popular_questions(viewer, limit: int = 10) -> list[Topic]:
    """The most viewed questions a visitor may read."""
    stmt = (
        forum_queries.visible_forum_topics(viewer)
        .where(Topic.kind == TopicKind.QUESTION.value)
        .order_by(Topic.view_count.desc(), Topic.reply_count.desc(), Topic.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))
