"""/api/v1 categories, topics and posts, and their serializers (built with the viewer).

List cursors are opaque to clients; inside they are a base64-encoded page number.
"""

import base64
import binascii
from datetime import UTC, datetime
from typing import Literal

from flask import url_for
from flask_babel import gettext as _
from pydantic import BaseModel, Field, model_validator
from sqlalchemy import select

from hub import permissions
from hub.accounts.api import UserOut, user_json
from hub.api.auth import api_user, require_api_user
from hub.api.blueprints import api_blueprint
from hub.api.schema import Strict, endpoint
from hub.core.errors import Invalid, NotFound
from hub.core.extensions import db
from hub.forums import answers, follows, queries
from hub.forums import service as forums
from hub.forums.models import BODY_MAX, TITLE_MAX, Post, Space, SpaceKind, Topic, Vote
from hub.forums.tags import MAX_TAGS

bp = api_blueprint("forums_api", __name__)

TAG = "forums"


def _slug(**kwargs):
    """A category slug: plain words, which also keeps NUL bytes (PostgreSQL refuses them) out."""
    return Field(max_length=80, pattern=r"^[\w-]+$", **kwargs)


# --- what goes in -----------------------------------------------------------------------------


class TopicIn(Strict):
    category: str = _slug()
    kind: Literal["question", "discussion"]
    title: str = Field(max_length=TITLE_MAX)
    body: str = Field(max_length=BODY_MAX)
    tags: list[str] = Field(default_factory=list, max_length=MAX_TAGS)


class ReplyIn(Strict):
    body: str = Field(max_length=BODY_MAX)


class EditIn(Strict):
    body: str = Field(max_length=BODY_MAX)
    title: str | None = Field(default=None, max_length=TITLE_MAX)  # the opening post only
    reason: str = Field(default="", max_length=200)


class VoteIn(Strict):
    value: int = Field(default=1, ge=1, le=1)  # up-votes only


class Query(BaseModel):
    """Query strings: values converted from text, unknown parameters ignored, and empty ones
    (`?category=&kind=`) taken as absent."""

    @model_validator(mode="before")
    @classmethod
    def _drop_empty(cls, data):
        return {k: v for k, v in data.items() if v != ""} if isinstance(data, dict) else data


class TopicsQuery(Query):
    category: str | None = _slug(default=None)
    kind: Literal["question", "discussion"] | None = None
    unanswered: bool = False
    solved: bool = False
    cursor: str | None = Field(default=None, max_length=40)


class CursorQuery(Query):
    cursor: str | None = Field(default=None, max_length=40)


# --- what comes out (documents the responses in the OpenAPI document) ------------------------


class CategoryOut(Strict):
    id: int
    slug: str
    name: str
    description: str
    topic_count: int
    last_activity_at: str | None


class CategoryListOut(Strict):
    items: list[CategoryOut]
    next: str | None


class PostOut(Strict):
    id: int
    topic_id: int
    number: int
    author: UserOut
    html: str  # empty for a hidden post the viewer may not see
    raw: str | None = None  # only for the author, experts and moderators
    created_at: str
    edited_at: str | None
    score: int
    voted: bool  # the viewer up-voted it
    is_accepted: bool
    is_official: bool
    official_by: UserOut | None
    official_at: str | None
    hidden: bool
    hidden_reason: str


class TopicOut(Strict):
    id: int
    category: str
    kind: Literal["question", "discussion", "wall"]
    title: str
    url: str
    author: UserOut
    created_at: str
    last_activity_at: str
    reply_count: int
    accepted_post_id: int | None
    is_solved: bool
    has_expert_reply: bool
    tags: list[str]


class TopicPageOut(TopicOut):
    posts: list[PostOut]  # page 1: the opening post and the first replies; later pages: replies
    pinned: list[PostOut]  # page 1 only: the accepted answer, then official answers
    next: str | None


class TopicListOut(Strict):
    items: list[TopicOut]
    next: str | None


class FollowOut(Strict):
    topic_id: int
    following: bool


# --- serializers ------------------------------------------------------------------------------


def _time(value: datetime | None) -> str | None:
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
        "topic_count": topic_count,
        "last_activity_at": _time(last_activity_at),
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
        "created_at": _time(post.created_at),
        "edited_at": _time(post.edited_at),
        "score": post.score,
        "voted": post.id in voted,
        "is_accepted": post.topic.accepted_post_id == post.id,
        "is_official": post.is_official,
        "official_by": user_json(post.official_by) if post.official_by else None,
        "official_at": _time(post.official_at),
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
        "created_at": _time(topic.created_at),
        "last_activity_at": _time(topic.last_activity_at),
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


# --- cursors and lookups ----------------------------------------------------------------------


def encode_cursor(page: int) -> str:
    return base64.urlsafe_b64encode(f"page:{page}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The page a cursor points at; no cursor is the first page. Raises: Invalid."""
    if not cursor:
        return 1
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, _sep, number = text.partition(":")
        page = int(number)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        page = 0
        prefix = ""
    if prefix != "page" or not 1 <= page <= 100_000:
        raise Invalid(_("Please correct the marked fields."), {"cursor": _("Not a valid cursor.")})
    return page


def _visible_category(slug: str, viewer) -> Space:
    """Raises: NotFound (also for a category the viewer may not see)."""
    space = forums.get_space(slug)
    if space.kind != SpaceKind.CATEGORY or not permissions.can_view_space(viewer, space):
        raise NotFound(_("There is no such category."))
    return space


def _visible_topic(topic_id: int, viewer) -> Topic:
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


def _visible_post(post_id: int, viewer) -> Post:
    """Raises: NotFound (also for a post in an area the viewer may not see)."""
    post = forums.get_post(post_id)
    if not permissions.can_view_space(viewer, post.topic.space):
        raise NotFound(_("This post does not exist."))
    return post


# --- endpoints --------------------------------------------------------------------------------


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
)
def create_topic(data: TopicIn):
    user = require_api_user()
    _visible_category(data.category, user)
    topic = forums.create_topic(user, data.category, data.kind, data.title, data.body, data.tags)
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
    space = _visible_category(params.category, viewer) if params.category else None
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
    topic = _visible_topic(topic_id, viewer)
    view = queries.topic_page(viewer, topic, decode_cursor(params.cursor), official_by=True)
    return topic_json(topic, viewer, posts_page=view)


@endpoint(
    bp,
    "/topics/<int:topic_id>/posts",
    "POST",
    summary="Reply in a topic",
    body=ReplyIn,
    response=PostOut,
    status=201,
    auth=True,
    tag=TAG,
)
def create_reply(topic_id: int, data: ReplyIn):
    user = require_api_user()
    _visible_topic(topic_id, user)
    post = forums.create_reply(user, topic_id, data.body)
    return post_json(post, user, voted=set()), 201


@endpoint(
    bp,
    "/posts/<int:post_id>",
    "PATCH",
    summary="Edit a post (the old text is kept as a revision)",
    body=EditIn,
    response=PostOut,
    auth=True,
    tag=TAG,
)
def edit_post(post_id: int, data: EditIn):
    user = require_api_user()
    _visible_post(post_id, user)
    post = forums.edit_post(user, post_id, data.body, title=data.title, reason=data.reason)
    return post_json(post, user)


@endpoint(
    bp,
    "/posts/<int:post_id>/accept",
    "POST",
    summary="Mark a reply as the accepted answer",
    response=TopicOut,
    auth=True,
    tag=TAG,
)
def accept_post(post_id: int):
    user = require_api_user()
    _visible_post(post_id, user)
    return topic_json(answers.accept_answer(user, post_id), user)


@endpoint(
    bp,
    "/posts/<int:post_id>/accept",
    "DELETE",
    summary="Take back the accepted answer (nothing changes if this reply is not it)",
    response=TopicOut,
    auth=True,
    tag=TAG,
)
def unaccept_post(post_id: int):
    user = require_api_user()
    post = _visible_post(post_id, user)
    return topic_json(answers.unaccept_answer(user, post.topic_id, post_id=post.id), user)


@endpoint(
    bp,
    "/posts/<int:post_id>/official",
    "POST",
    summary="Mark a team member's reply as an official answer",
    response=PostOut,
    auth=True,
    tag=TAG,
)
def mark_official(post_id: int):
    user = require_api_user()
    _visible_post(post_id, user)
    return post_json(answers.mark_official(user, post_id), user)


@endpoint(
    bp,
    "/posts/<int:post_id>/official",
    "DELETE",
    summary="Take back an official answer",
    response=PostOut,
    auth=True,
    tag=TAG,
)
def unmark_official(post_id: int):
    user = require_api_user()
    _visible_post(post_id, user)
    return post_json(answers.unmark_official(user, post_id), user)


@endpoint(
    bp,
    "/posts/<int:post_id>/votes",
    "POST",
    summary="Up-vote a reply (voting again changes nothing)",
    body=VoteIn,
    response=PostOut,
    auth=True,
    tag=TAG,
)
def vote(post_id: int, data: VoteIn):
    user = require_api_user()
    _visible_post(post_id, user)
    return post_json(answers.vote(user, post_id), user)


@endpoint(
    bp,
    "/posts/<int:post_id>/votes",
    "DELETE",
    summary="Take an up-vote back",
    response=PostOut,
    auth=True,
    tag=TAG,
)
def unvote(post_id: int):
    user = require_api_user()
    _visible_post(post_id, user)
    return post_json(answers.unvote(user, post_id), user)


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
    _visible_topic(topic_id, user)
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
    _visible_topic(topic_id, user)
    follows.unfollow(user, "topic", topic_id)
    return {"topic_id": topic_id, "following": False}
