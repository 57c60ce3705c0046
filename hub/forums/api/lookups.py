"""What the caller may see, for the forums API: each lookup raises NotFound for what does not
exist and, alike, for what the caller may not see (a private category, a hidden question)."""

from flask_babel import gettext as _
from sqlalchemy import select

from hub import permissions
from hub.core.errors import NotFound
from hub.core.extensions import db
from hub.forums import service as forums
from hub.forums.models import Post, Space, SpaceKind, Topic


def visible_category(slug: str, viewer) -> Space:
    """Raises: NotFound (also for a category the viewer may not see)."""
    space = forums.get_space(slug)
    if space.kind != SpaceKind.CATEGORY or not permissions.can_view_space(viewer, space):
        raise NotFound(_("There is no such category."))
    return space


def visible_topic(topic_id: int, viewer) -> Topic:
    """Raises: NotFound (also for a topic in an area the viewer may not see)."""
    topic = forums.get_topic(topic_id)
    if not permissions.can_view_space(viewer, topic.space) or _question_hidden_from(viewer, topic):
        raise NotFound(_("This topic does not exist."))
    return topic


def _question_hidden_from(viewer, topic: Topic) -> bool:
    """A topic whose opening post the moderators hid is gone for all but its author and the
    team (its title may be the reason it was hidden)."""
    opening = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))
    return bool(
        opening and opening.is_hidden and not permissions.can_see_hidden_post(viewer, opening)
    )


def visible_post(post_id: int, viewer) -> Post:
    """Raises: NotFound (also for a post in an area the viewer may not see)."""
    post = forums.get_post(post_id)
    if not permissions.can_view_space(viewer, post.topic.space):
        raise NotFound(_("This post does not exist."))
    return post
