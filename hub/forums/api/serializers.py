"""Forums objects as the API shows them, built with the viewer: what a hidden post shows and
who sees the Markdown source are decided here, by asking `permissions`."""

from datetime import UTC, datetime

from flask import url_for
from sqlalchemy import select

from hub import permissions
from hub.accounts.api import user_json
from hub.core.extensions import db
from hub.forums import queries
from hub.forums.api.cursors import encode_cursor
from hub.forums.models import Post, Space, Topic, Vote


def iso_time(value: datetime | None) -> str | None:
    """ISO 8601 in UTC, whatever time zone the database session uses."""
    return value.astimezone(UTC).isoformat() if value is not None else None


def _voted(viewer, post_id: int) -> set[int]:
    if not getattr(viewer, "is_authenticated", False):
        return set()
    stmt = select(Vote.post_id).where(Vote.user_id == viewer.id, Vote.post_id == post_id)
    return set(db.session.scalars(stmt))


def category_json(space: Space, topic_count: int = 0, last_activity_at=None) -> dict:
    return {
        "id": space.id,
        "slug": space.slug,
        "name": space.name,
        "description": space.description,
        "colour": space.colour,
        "icon": space.icon,
        "language": space.language,
        "archived": space.is_archived,
        "private": space.is_private,
        "url": url_for("forums.category", slug=space.slug),
        "topic_count": topic_count,
        "last_activity_at": iso_time(last_activity_at),
    }


def post_json(post: Post, viewer, *, voted: set[int] | None = None) -> dict:
    """A post as `viewer` may see it: a hidden post is blank to everyone but its author and
    the team, and the Markdown source goes only to the author, experts and moderators.

    `voted` holds the ids of posts the viewer up-voted (one query for a whole page); without
    it, this post's vote is looked up.
    """
    if voted is None:
        voted = _voted(viewer, post.id)
    readable = not post.is_hidden or permissions.can_see_hidden_post(viewer, post)
    data = {
        "id": post.id,
        "topic_id": post.topic_id,
        "number": post.number,
        "author": user_json(post.author),
        "html": post.html if readable else "",
        "created_at": iso_time(post.created_at),
        "edited_at": iso_time(post.edited_at),
        "score": post.score,
        "voted": post.id in voted,
        "is_accepted": post.topic.accepted_post_id == post.id,
        "is_official": post.is_official,
        "official_by": user_json(post.official_by) if post.official_by else None,
        "official_at": iso_time(post.official_at),
        "hidden": post.is_hidden,
        "hidden_reason": post.hidden_reason if post.is_hidden else "",
    }
    if readable and permissions.can_see_raw(viewer, post):
        data["raw"] = post.raw
    return data


def topic_json(topic: Topic, viewer, *, posts_page: queries.TopicPage | None = None) -> dict:
    """A topic; with `posts_page`, one page of its posts and the cursor of the next."""
    data = {
        "id": topic.id,
        "category": topic.space.slug,
        "kind": topic.kind,
        "title": topic.title,
        "url": url_for("forums.topic", topic_id=topic.id, slug=topic.slug, _external=True),
        "author": user_json(topic.author),
        "created_at": iso_time(topic.created_at),
        "last_activity_at": iso_time(topic.last_activity_at),
        "reply_count": topic.reply_count,
        "accepted_post_id": topic.accepted_post_id,
        "is_solved": topic.is_solved,
        "has_expert_reply": topic.has_expert_reply,
        "tags": [tag.name for tag in topic.tags],
    }
    if posts_page is not None:
        replies = posts_page.replies
        shown = [posts_page.opening] if replies.number == 1 else []
        shown += replies.items
        data["posts"] = [post_json(p, viewer, voted=posts_page.voted) for p in shown]
        data["pinned"] = [post_json(p, viewer, voted=posts_page.voted) for p in posts_page.pinned]
        data["next"] = encode_cursor(replies.number + 1) if replies.has_next else None
    return data
