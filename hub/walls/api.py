"""/api/v1 walls: wall posts, comments and likes, with the same services and permissions as
the HTML pages. A wall post is a Topic of kind `wall`; a comment is a Post."""

from flask import url_for
from pydantic import Field
from sqlalchemy import select

from hub import permissions
from hub.accounts.api import UserOut, user_json
from hub.api.auth import api_user, require_api_user
from hub.api.blueprints import api_blueprint
from hub.api.schema import Strict, endpoint
from hub.core import write_keys
from hub.core.errors import NotFound
from hub.core.extensions import db
from hub.forums.api.cursors import decode_cursor, encode_cursor
from hub.forums.api.schemas import CursorQuery, PostOut
from hub.forums.api.serializers import iso_time, post_json
from hub.forums.models import BODY_MAX, Post
from hub.walls import queries
from hub.walls import service as walls
from hub.walls.blueprint import owner_name

bp = api_blueprint("walls_api", __name__)

TAG = "walls"


class WallPostIn(Strict):
    body: str = Field(max_length=BODY_MAX)
    known_issue: bool = False  # the team, on the company wall only


class CommentIn(Strict):
    body: str = Field(max_length=BODY_MAX)


class WallTopicOut(Strict):
    """A Topic of kind `wall` (API.md's Topic fields), with what walls add."""

    id: int
    category: str  # the wall's space slug: `company`, or the member's wall
    kind: str
    wall: str  # `company` or the owner's username
    title: str
    url: str
    author: UserOut
    html: str
    created_at: str
    reply_count: int
    accepted_post_id: None  # wall posts have no accepted answer
    is_solved: bool
    pinned: bool
    known_issue: str | None  # open, resolved, or null
    image_url: str | None
    likes: int
    liked: bool


class WallTopicListOut(Strict):
    items: list[WallTopicOut]
    next: str | None


class CommentOut(PostOut):
    likes: int
    liked: bool


class CommentListOut(Strict):
    items: list[CommentOut]
    next: str | None


class LikesOut(Strict):
    post_id: int
    count: int
    liked: bool
    names: list[str]


def wall_topic_json(card: queries.Card, viewer) -> dict:
    post = card.opening
    readable = not post.is_hidden or permissions.can_see_hidden_post(viewer, post)
    return {
        "id": card.topic.id,
        "category": card.topic.space.slug,
        "kind": card.topic.kind,
        "wall": owner_name(card.topic.space),
        "title": card.topic.title if readable else "",
        "url": url_for("walls.wall_post", topic_id=card.topic.id, _external=True),
        "author": user_json(post.author),
        "html": post.html if readable else "",
        "created_at": iso_time(post.created_at),
        "reply_count": card.topic.reply_count,
        "accepted_post_id": None,
        "is_solved": False,
        "pinned": card.pinned,
        "known_issue": card.issue_status,
        "image_url": url_for("walls.upload", name=card.image, _external=True)
        if card.image
        else None,
        "likes": card.likes,
        "liked": card.liked,
    }


def _card(topic, viewer) -> queries.Card:
    opening = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))
    return queries.cards(viewer, [opening])[0]


def _visible_topic(topic_id: int, viewer):
    topic = walls.get_wall_topic(topic_id)
    if not permissions.can_view_wall(viewer, topic.space):
        raise NotFound("This post does not exist.")
    return topic


@endpoint(
    bp,
    "/walls/<owner>/posts",
    "GET",
    summary="Posts on a wall (`company` or a username), pinned first, then newest first",
    query=CursorQuery,
    response=WallTopicListOut,
    tag=TAG,
)
def list_wall_posts(owner: str, params: CursorQuery):
    viewer = api_user()
    space = walls.wall_for(owner)
    permissions.require(permissions.can_view_wall(viewer, space))
    page = decode_cursor(params.cursor)
    cards, more = queries.wall_cards(viewer, space, page)
    return {
        "items": [wall_topic_json(card, viewer) for card in cards],
        "next": encode_cursor(page + 1) if more else None,
    }


@endpoint(
    bp,
    "/walls/<owner>/posts",
    "POST",
    summary="Post on a wall: the team on the company wall, members on their own",
    body=WallPostIn,
    response=WallTopicOut,
    status=201,
    auth=True,
    tag=TAG,
    keyed=True,
)
def create_wall_post(owner: str, data: WallPostIn):
    user = require_api_user()
    key = write_keys.from_request()
    topic = walls.create_wall_post(user, owner, data.body, known_issue=data.known_issue, key=key)
    return wall_topic_json(_card(topic, user), user), 201


@endpoint(
    bp,
    "/walls/posts/<int:topic_id>/comments",
    "GET",
    summary="Comments on a wall post, oldest first",
    response=CommentListOut,
    tag=TAG,
)
def list_comments(topic_id: int):
    viewer = api_user()
    topic = _visible_topic(topic_id, viewer)
    comments, likes = queries.comments(viewer, topic)
    return {"items": [_comment_json(p, viewer, likes) for p in comments], "next": None}


def _comment_json(post: Post, viewer, likes: queries.Likes) -> dict:
    data = post_json(post, viewer, voted=set())
    data["likes"] = likes.counts.get(post.id, 0)
    data["liked"] = post.id in likes.mine
    return data


@endpoint(
    bp,
    "/walls/posts/<int:topic_id>/comments",
    "POST",
    summary="Comment on a wall post (as the wall's owner allows)",
    body=CommentIn,
    response=CommentOut,
    status=201,
    auth=True,
    tag=TAG,
    keyed=True,
)
def create_comment(topic_id: int, data: CommentIn):
    user = require_api_user()
    _visible_topic(topic_id, user)
    post = walls.create_comment(user, topic_id, data.body, key=write_keys.from_request())
    return _comment_json(post, user, queries.likes_for(user, [post.id])), 201


def _likes_json(post_id: int, viewer) -> dict:
    likes = queries.likes_for(viewer, [post_id])
    return {
        "post_id": post_id,
        "count": likes.counts.get(post_id, 0),
        "liked": post_id in likes.mine,
        "names": likes.names.get(post_id, []),
    }


@endpoint(
    bp,
    "/posts/<int:post_id>/likes",
    "GET",
    summary="Who liked a wall post or comment",
    response=LikesOut,
    tag=TAG,
)
def list_likes(post_id: int):
    viewer = api_user()
    post = walls.get_wall_post(post_id)
    _visible_topic(post.topic_id, viewer)
    return _likes_json(post.id, viewer)


@endpoint(
    bp,
    "/posts/<int:post_id>/likes",
    "POST",
    summary="Like a wall post (its opening post) or a comment; liking again changes nothing",
    response=LikesOut,
    auth=True,
    tag=TAG,
)
def like(post_id: int):
    user = require_api_user()
    walls.like(user, post_id)
    return _likes_json(post_id, user)


@endpoint(
    bp,
    "/posts/<int:post_id>/likes",
    "DELETE",
    summary="Take a like back",
    response=LikesOut,
    auth=True,
    tag=TAG,
)
def unlike(post_id: int):
    user = require_api_user()
    walls.unlike(user, post_id)
    return _likes_json(post_id, user)
