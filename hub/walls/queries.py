"""Read side of walls and the feed: a constant number of queries per page, whatever its size."""

import base64
import binascii
import re
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app, g, has_app_context
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload

from hub.accounts.models import User
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.forums import queries as forum_queries
from hub.forums.models import Follow, FollowKind, Post, Space, SpaceKind, Topic, TopicKind
from hub.walls.models import (
    COMPANY,
    IssueStatus,
    IssueUpdate,
    Like,
    WallPost,
)

WALL_PAGE = 20
FEED_PAGE = 25
LIKERS_SHOWN = 20  # names in the "who liked" list; the count says how many in all


def wall_of(owner_id: int | None) -> Space | None:
    """The company wall (`owner_id` None) or a member's wall, if it exists yet."""
    stmt = select(Space).where(Space.kind == SpaceKind.WALL.value)
    if owner_id is None:
        stmt = stmt.where(Space.slug == COMPANY)
    else:
        stmt = stmt.where(Space.owner_id == owner_id)
    return db.session.scalar(stmt)


# --- a wall page ------------------------------------------------------------------------------


@dataclass
class Card:
    """A wall post as a page shows it."""

    topic: Topic
    opening: Post
    meta: WallPost | None
    likes: int = 0
    liked: bool = False
    likers: list[str] = field(default_factory=list)
    previews: list[Topic] = field(default_factory=list)  # hub topics the post links to

    @property
    def pinned(self) -> bool:
        return bool(self.meta and self.meta.pinned)

    @property
    def issue_status(self) -> str | None:
        return self.meta.issue_status if self.meta else None

    @property
    def image(self) -> str | None:
        return self.meta.image if self.meta else None


@dataclass
class Likes:
    counts: dict[int, int]
    mine: set[int]
    names: dict[int, list[str]]


def likes_for(viewer, post_ids) -> Likes:
    """Like counts, the viewer's likes and who liked, for these posts: two queries."""
    ids = list(set(post_ids))
    if not ids:
        return Likes({}, set(), {})
    rows = db.session.execute(
        select(Like.post_id, Like.user_id, User.display_name, User.username)
        .join(User, User.id == Like.user_id)
        .where(Like.post_id.in_(ids))
        .order_by(Like.id)
    ).all()
    counts: dict[int, int] = {}
    names: dict[int, list[str]] = {}
    mine: set[int] = set()
    viewer_id = getattr(viewer, "id", None) if getattr(viewer, "is_authenticated", False) else None
    for post_id, user_id, display, username in rows:
        counts[post_id] = counts.get(post_id, 0) + 1
        if len(names.setdefault(post_id, [])) < LIKERS_SHOWN:
            names[post_id].append(display or username)
        if user_id == viewer_id:
            mine.add(post_id)
    return Likes(counts, mine, names)


def _meta_for(topic_ids) -> dict[int, WallPost]:
    ids = list(topic_ids)
    if not ids:
        return {}
    return {
        m.topic_id: m
        for m in db.session.scalars(select(WallPost).where(WallPost.topic_id.in_(ids)))
    }


def _visible_openings(viewer):
    """Opening posts of wall topics; hidden ones only for their author and the team."""
    stmt = (
        select(Post)
        .join(Topic, Topic.id == Post.topic_id)
        .where(Post.number == 1)
        .options(joinedload(Post.author), joinedload(Post.topic).joinedload(Topic.space))
    )
    member = viewer if getattr(viewer, "is_authenticated", False) else None
    if not (member and (member.is_staff or member.is_moderator)):
        stmt = stmt.where(
            or_(Post.hidden_at.is_(None), Post.author_id == getattr(member, "id", -1))
        )
    return stmt


# A link to a topic on this hub, as typed: a path, or the hub's own origin before it.
_TOPIC_LINK = re.compile(r"(?:^|[\s(<\[])(?P<origin>https?://[^\s/]+)?/t/(?P<id>\d{1,9})\b")
PREVIEWS_PER_POST = 2


def link_previews(viewer, posts: list[Post]) -> dict[int, list[Topic]]:
    """Preview cards for links to hub topics in these posts: one query, none without links.
    Only topics the viewer may read are previewed."""
    origin = current_app.config["BASE_URL"].rstrip("/").lower()
    wanted: dict[int, list[int]] = {}
    for post in posts:
        for match in _TOPIC_LINK.finditer(post.raw or ""):
            if match.group("origin") and match.group("origin").lower() != origin:
                continue
            ids = wanted.setdefault(post.id, [])
            if int(match.group("id")) not in ids and len(ids) < PREVIEWS_PER_POST:
                ids.append(int(match.group("id")))
    all_ids = {topic_id for ids in wanted.values() for topic_id in ids}
    if not all_ids:
        return {}
    stmt = forum_queries.visible_forum_topics(viewer).where(Topic.id.in_(all_ids))
    found = {t.id: t for t in db.session.scalars(stmt)}
    return {pid: [found[i] for i in ids if i in found] for pid, ids in wanted.items()}


def cards(viewer, posts: list[Post]) -> list[Card]:
    meta = _meta_for(p.topic_id for p in posts)
    likes = likes_for(viewer, (p.id for p in posts))
    previews = link_previews(viewer, posts)
    return [
        Card(
            topic=p.topic,
            opening=p,
            meta=meta.get(p.topic_id),
            likes=likes.counts.get(p.id, 0),
            liked=p.id in likes.mine,
            likers=likes.names.get(p.id, []),
            previews=previews.get(p.id, []),
        )
        for p in posts
    ]


def wall_cards(viewer, space: Space, page: int = 1) -> tuple[list[Card], bool]:
    """One page of a wall, pinned posts first, then newest first; and whether more follow."""
    pinned_first = select(WallPost.pinned).where(WallPost.topic_id == Topic.id).scalar_subquery()
    stmt = (
        _visible_openings(viewer)
        .where(Topic.space_id == space.id, Topic.kind == TopicKind.WALL.value)
        .order_by(
            func.coalesce(pinned_first, False).desc(), Topic.created_at.desc(), Topic.id.desc()
        )
        .offset((page - 1) * WALL_PAGE)
        .limit(WALL_PAGE + 1)
    )
    posts = list(db.session.scalars(stmt).unique())
    return cards(viewer, posts[:WALL_PAGE]), len(posts) > WALL_PAGE


def comments(viewer, topic: Topic) -> tuple[list[Post], Likes]:
    """A wall post's comments, oldest first, with their likes: three queries."""
    posts = list(
        db.session.scalars(
            select(Post)
            .where(Post.topic_id == topic.id, Post.number > 1)
            .options(joinedload(Post.author))
            .order_by(Post.number)
        )
    )
    return posts, likes_for(viewer, (p.id for p in posts))


def issue_updates(topic_id: int) -> list[IssueUpdate]:
    stmt = (
        select(IssueUpdate)
        .where(IssueUpdate.topic_id == topic_id)
        .options(joinedload(IssueUpdate.author))
        .order_by(IssueUpdate.id)
    )
    return list(db.session.scalars(stmt))


def open_issues() -> list[tuple[int, str]]:
    """Open known issues (id, title), newest first: one query, kept for the request."""
    cached = g.get("_walls_open_issues") if has_app_context() else None
    if cached is not None:
        return cached
    rows = db.session.execute(
        select(Topic.id, Topic.title)
        .join(WallPost, WallPost.topic_id == Topic.id)
        .where(WallPost.issue_status == IssueStatus.OPEN.value)
        .order_by(Topic.created_at.desc())
        .limit(3)
    ).all()
    result = [tuple(row) for row in rows]
    if has_app_context():
        g._walls_open_issues = result
    return result


# --- the feed -------------------------------------------------------------------------------


def encode_cursor(created_at: datetime, post_id: int) -> str:
    text = f"{created_at.isoformat()}|{post_id}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    """None for the first page, or for a cursor that is not one of ours."""
    if not cursor:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, _sep, post_id = text.partition("|")
        return datetime.fromisoformat(stamp), int(post_id)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


@dataclass
class FeedPage:
    items: list[Post]
    cards: dict[int, Card]  # wall items by post id
    next: str | None


def feed(viewer, cursor: str | None = None, limit: int = FEED_PAGE) -> FeedPage:
    """What `viewer` follows, newest first: new questions and discussions in followed
    categories, replies in followed topics, wall posts of followed members, and company wall
    posts. One query for the items plus three for their wall details, however many follows."""
    followed = select(Follow.target_id).where(Follow.user_id == viewer.id)
    spaces = followed.where(Follow.kind == FollowKind.SPACE.value)
    topics = followed.where(Follow.kind == FollowKind.TOPIC.value)
    people = followed.where(Follow.kind == FollowKind.USER.value)
    company = select(Space.id).where(Space.kind == SpaceKind.WALL.value, Space.slug == COMPANY)
    stmt = (
        select(Post)
        .join(Topic, Topic.id == Post.topic_id)
        .join(Space, Space.id == Topic.space_id)
        .where(
            or_(
                and_(
                    Post.number == 1,
                    Space.kind == SpaceKind.CATEGORY.value,
                    Topic.space_id.in_(spaces),
                ),
                and_(
                    Post.number > 1,
                    Space.kind == SpaceKind.CATEGORY.value,
                    Post.topic_id.in_(topics),
                ),
                and_(
                    Post.number == 1, Space.kind == SpaceKind.WALL.value, Space.owner_id.in_(people)
                ),
                and_(Post.number == 1, Topic.space_id.in_(company)),
            ),
            Post.hidden_at.is_(None),
            Post.author_id != viewer.id,
            Post.created_at <= utcnow(),
        )
        .options(joinedload(Post.author), joinedload(Post.topic).joinedload(Topic.space))
        .order_by(Post.created_at.desc(), Post.id.desc())
        .limit(limit + 1)
    )
    if not (viewer.is_staff or viewer.is_moderator):
        stmt = stmt.where(forum_queries.readable_by(viewer.id))
    after = decode_cursor(cursor)
    if after is not None:
        stamp, post_id = after
        stmt = stmt.where(
            or_(Post.created_at < stamp, and_(Post.created_at == stamp, Post.id < post_id))
        )
    posts = list(db.session.scalars(stmt).unique())
    more = len(posts) > limit
    posts = posts[:limit]
    walls = [p for p in posts if p.topic.kind == TopicKind.WALL.value]
    by_id = {c.opening.id: c for c in cards(viewer, walls)} if walls else {}
    last = posts[-1] if posts else None
    return FeedPage(
        posts, by_id, encode_cursor(last.created_at, last.id) if more and last else None
    )


def company_cards(viewer, limit: int = 5) -> list[Card]:
    space = wall_of(None)
    if space is None:
        return []
    return wall_cards(viewer, space)[0][:limit]
