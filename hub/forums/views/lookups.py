"""Lookups for the forum pages that 404 what the viewer may not see, and the page counts and
absolute addresses the pages share."""

from flask import abort, current_app
from flask_login import current_user

from hub import permissions
from hub.forums import queries
from hub.forums import service as forums
from hub.forums.models import Post, SpaceKind, Topic


def absolute(path: str) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + path


def visible_space(slug: str):
    space = forums.get_space(slug)
    if space.kind != SpaceKind.CATEGORY or not permissions.can_view_space(current_user, space):
        abort(404)
    return space


def visible_topic(topic_id: int) -> Topic:
    topic = forums.get_topic(topic_id)
    if not may_read(topic):
        abort(404)
    return topic


def may_read(topic: Topic) -> bool:
    # Wall posts have their own pages; private categories are the team's.
    space = topic.space
    return space.kind == SpaceKind.CATEGORY and bool(
        permissions.can_view_space(current_user, space)
    )


def last_page(topic: Topic) -> int:
    # Post numbers have no gaps, so the reply count says how many pages there are.
    return max(1, -(-topic.reply_count // queries.POSTS_PER_PAGE))


def visible_post(post_id: int) -> Post:
    post = forums.get_post(post_id)
    visible_topic(post.topic_id)
    return post
