"""Read-side helpers for forum pages."""

from sqlalchemy import func, select

from hub import permissions
from hub.extensions import db
from hub.forums.models import Space, SpaceKind, Topic


def categories_with_stats(viewer) -> list[tuple[Space, int, object]]:
    """Every category the viewer may see with its topic count and latest activity, in one query."""
    stats = (
        select(
            Topic.space_id,
            func.count(Topic.id).label("topics"),
            func.max(Topic.last_activity_at).label("latest"),
        )
        .group_by(Topic.space_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Space, func.coalesce(stats.c.topics, 0), stats.c.latest)
        .outerjoin(stats, stats.c.space_id == Space.id)
        .where(Space.kind == SpaceKind.CATEGORY.value)
        .order_by(Space.position, Space.name)
    ).all()
    return [
        (space, topics, latest)
        for space, topics, latest in rows
        if permissions.can_view_space(viewer, space)
    ]


def topics_in(space: Space, limit: int = 50) -> list[Topic]:
    """Newest activity first, with authors loaded in the same query."""
    from sqlalchemy.orm import joinedload

    stmt = (
        select(Topic)
        .where(Topic.space_id == space.id)
        .options(joinedload(Topic.author))
        .order_by(Topic.last_activity_at.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def posts_in(topic: Topic) -> list:
    from sqlalchemy.orm import joinedload

    from hub.forums.models import Post

    stmt = (
        select(Post)
        .where(Post.topic_id == topic.id)
        .options(joinedload(Post.author))
        .order_by(Post.number)
    )
    return list(db.session.scalars(stmt))
