"""Read-side helpers for profile pages."""

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from hub.accounts.models import User
from hub.core.extensions import db
from hub.forums.models import Post, Space, Topic


def profile_counts(person: User) -> dict[str, int]:
    """Questions asked, answers given and answers accepted, in one query."""
    questions = select(func.count(Topic.id)).where(
        Topic.author_id == person.id, Topic.kind == "question"
    )
    answers = select(func.count(Post.id)).where(Post.author_id == person.id, Post.number > 1)
    accepted = (
        select(func.count(Topic.id))
        .join(Post, Post.id == Topic.accepted_post_id)
        .where(Post.author_id == person.id)
    )
    row = db.session.execute(
        select(questions.scalar_subquery(), answers.scalar_subquery(), accepted.scalar_subquery())
    ).one()
    return {"questions": row[0], "answers": row[1], "accepted": row[2]}


def activity(person: User, *, full: bool, limit: int = 30) -> list[Post]:
    """The person's latest posts with their topics. Hidden posts and private spaces only in
    the team's full view."""
    stmt = (
        select(Post)
        .join(Topic, Topic.id == Post.topic_id)
        .join(Space, Space.id == Topic.space_id)
        .where(Post.author_id == person.id)
        .options(joinedload(Post.topic).joinedload(Topic.space))
        .order_by(Post.created_at.desc())
        .limit(limit)
    )
    if not full:
        stmt = stmt.where(Post.hidden_at.is_(None), Space.is_private.is_(False))
    return list(db.session.scalars(stmt))
