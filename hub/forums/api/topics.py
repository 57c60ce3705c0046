"""/api/v1 categories and topics: listing, asking, reading one with a page of its posts, and
following it."""

from flask_babel import gettext as _

from hub.api.auth import api_user, require_api_user
from hub.api.blueprints import api_blueprint
from hub.api.schema import endpoint
from hub.core import write_keys
from hub.core.errors import Invalid
from hub.forums import follows, queries
from hub.forums import service as forums
from hub.forums.api.cursors import decode_cursor, encode_cursor
from hub.forums.api.lookups import visible_category, visible_topic
from hub.forums.api.schemas import (
    TAG,
    CategoryListOut,
    CursorQuery,
    FollowOut,
    TopicIn,
    TopicListOut,
    TopicOut,
    TopicPageOut,
    TopicsQuery,
)
from hub.forums.api.serializers import category_json, topic_json

bp = api_blueprint("forums_topics_api", __name__)


@endpoint(
    bp,
    "/categories",
    "GET",
    summary="Categories the caller may see",
    response=CategoryListOut,
    tag=TAG,
)
def list_categories():
    rows = queries.categories_with_stats(api_user())
    return {"items": [category_json(*row) for row in rows], "next": None}


@endpoint(
    bp,
    "/topics",
    "POST",
    summary="Ask a question or start a discussion",
    body=TopicIn,
    response=TopicOut,
    status=201,
    auth=True,
    tag=TAG,
    keyed=True,
)
def create_topic(data: TopicIn):
    user = require_api_user()
    visible_category(data.category, user)
    key = write_keys.from_request()
    topic = forums.create_topic(
        user, data.category, data.kind, data.title, data.body, data.tags, key=key
    )
    return topic_json(topic, user), 201


@endpoint(
    bp,
    "/topics",
    "GET",
    summary="Topics, newest activity first",
    query=TopicsQuery,
    response=TopicListOut,
    tag=TAG,
)
def list_topics(params: TopicsQuery):
    viewer = api_user()
    if params.unanswered and params.solved:
        message = _("Ask for unanswered or solved topics, not both.")
        raise Invalid(_("Please correct the marked fields."), {"solved": message})
    space = visible_category(params.category, viewer) if params.category else None
    filter_name = "unanswered" if params.unanswered else "solved" if params.solved else "latest"
    page = queries.list_topics(
        viewer,
        space=space,
        filter_name=filter_name,
        kind=params.kind,
        page=decode_cursor(params.cursor),
    )
    return {
        "items": [topic_json(topic, viewer) for topic in page.items],
        "next": encode_cursor(page.number + 1) if page.has_next else None,
    }


@endpoint(
    bp,
    "/topics/<int:topic_id>",
    "GET",
    summary="A topic with one page of its posts",
    query=CursorQuery,
    response=TopicPageOut,
    tag=TAG,
)
def get_topic(topic_id: int, params: CursorQuery):
    viewer = api_user()
    topic = visible_topic(topic_id, viewer)
    view = queries.topic_page(viewer, topic, decode_cursor(params.cursor), official_by=True)
    return topic_json(topic, viewer, posts_page=view)


@endpoint(
    bp,
    "/topics/<int:topic_id>/follow",
    "POST",
    summary="Follow a topic",
    response=FollowOut,
    auth=True,
    tag=TAG,
)
def follow_topic(topic_id: int):
    user = require_api_user()
    visible_topic(topic_id, user)
    follows.follow(user, "topic", topic_id)
    return {"topic_id": topic_id, "following": True}


@endpoint(
    bp,
    "/topics/<int:topic_id>/follow",
    "DELETE",
    summary="Stop following a topic",
    response=FollowOut,
    auth=True,
    tag=TAG,
)
def unfollow_topic(topic_id: int):
    user = require_api_user()
    visible_topic(topic_id, user)
    follows.unfollow(user, "topic", topic_id)
    return {"topic_id": topic_id, "following": False}
