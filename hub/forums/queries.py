"""Read-side helpers for forum pages: a constant number of queries per page, whatever its size."""

from dataclasses import dataclass
from functools import cache

from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from hub import permissions
from hub.accounts.models import User
from hub.core import reads
from hub.core.extensions import db
from hub.core.pagination import Page
from hub.forums.models import (
    Post,
    PostRevision,
    Space,
    SpaceKind,
    SpaceSlugRedirect,
    Topic,
    TopicKind,
    Vote,
)
from hub.teams import queries as teams

POSTS_PER_PAGE = 20
TOPICS_PER_PAGE = 30
LIST_FILTERS = ("latest", "unanswered", "solved")


def categories_with_stats(viewer) -> list[tuple[Space, int, object]]:
    """Every category the viewer may see, with topic count and latest activity, in one query."""
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
    return [tuple(row) for row in rows if permissions.can_view_space(viewer, row[0])]


def slug_now(old_slug: str) -> str | None:
    """The slug of the category that had `old_slug` before (or took in its topics), if any."""
    return db.session.scalar(
        select(Space.slug)
        .join(SpaceSlugRedirect, SpaceSlugRedirect.space_id == Space.id)
        .where(SpaceSlugRedirect.old_slug == old_slug)
    )


def readable_by(viewer_id):
    """The condition on `Space` for a member outside the team (`viewer_id`; None for a visitor,
    or a bound parameter): public spaces, and the private ones opened to the member. The same
    rule as `permissions.can_view_space`."""
    return or_(Space.is_private.is_(False), Space.id.in_(teams.opened_space_ids(viewer_id)))


def visible_forum_topics(viewer):
    """Topics in categories the viewer may see (walls have their own pages)."""
    team = permissions.is_staff(viewer) or permissions.is_moderator(viewer)
    return visible_topics(bool(team), getattr(viewer, "id", None))


def visible_topics(team: bool, viewer_id):
    """`visible_forum_topics` for the team or for the member `viewer_id` (None: a visitor; a
    bound parameter, for statements built once)."""
    stmt = select(Topic).join(Space, Space.id == Topic.space_id)
    stmt = stmt.where(Space.kind == SpaceKind.CATEGORY.value)
    if not team:
        stmt = stmt.where(readable_by(viewer_id))
        # A topic whose opening post is hidden is listed only for its author (and the team).
        stmt = stmt.where(or_(Topic.id.not_in(hidden_openings()), Topic.author_id == viewer_id))
    return stmt


def hidden_openings():
    """The ids of topics whose opening post is hidden (or deleted for legal reasons). Not
    correlated: the few hidden openings are read once (ix_posts_hidden_opening), not looked up
    for each topic of a list and its count."""
    return (
        select(Post.topic_id).where(Post.number == 1, Post.hidden_at.is_not(None)).correlate(None)
    )


def apply_filter(stmt, name: str):
    if name == "unanswered":
        # Questions still waiting: nobody's answer accepted and no word from the team yet.
        return stmt.where(
            Topic.kind == TopicKind.QUESTION.value,
            Topic.accepted_post_id.is_(None),
            Topic.has_expert_reply.is_(False),
        )
    if name == "solved":
        return stmt.where(Topic.accepted_post_id.is_not(None))
    return stmt


def listed(viewer, *, space: Space | None = None, filter_name="latest", kind: str | None = None):
    """The topics a list shows the viewer, unordered (see `list_topics`, `lists.list_rows`)."""
    stmt = apply_filter(visible_forum_topics(viewer), filter_name)
    if space is not None:
        stmt = stmt.where(Topic.space_id == space.id)
    if kind:
        stmt = stmt.where(Topic.kind == kind)
    return stmt


def list_topics(
    viewer,
    *,
    space: Space | None = None,
    filter_name="latest",
    page=1,
    per_page=TOPICS_PER_PAGE,
    kind: str | None = None,
) -> Page[Topic]:
    """Newest activity first, with authors, categories and tags loaded up front."""
    stmt = listed(viewer, space=space, filter_name=filter_name, kind=kind)
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = db.session.scalars(
        stmt.options(joinedload(Topic.author), joinedload(Topic.space), selectinload(Topic.tags))
        .order_by(Topic.last_activity_at.desc(), Topic.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    return Page(list(rows), page, per_page, total or 0)


@dataclass
class TopicPage:
    topic: Topic
    opening: Post
    pinned: list[Post]  # the accepted answer, then official answers, shown under the question
    replies: Page[Post]
    voted: set[int]  # ids of posts on this page the viewer up-voted


def _with_people(stmt, official_by: bool = True):
    """Posts with their authors, and with who marked them official (the API shows it, pages
    do not)."""
    stmt = stmt.options(joinedload(Post.author))
    return stmt.options(joinedload(Post.official_by)) if official_by else stmt


def topic_page(viewer, topic: Topic, page: int = 1, *, official_by: bool = False) -> TopicPage:
    """The question, its pinned answers and one page of replies, in five queries; with who
    marked each official answer if `official_by` (the API shows it).

    Post numbers have no gaps (hiding and legal deletion keep the row), so a page is a range
    of numbers and page 25 costs what page 1 costs.
    """
    first, last = (page - 1) * POSTS_PER_PAGE + 2, page * POSTS_PER_PAGE + 1
    posts = list(
        db.session.scalars(
            _with_people(select(Post), official_by)
            .where(Post.topic_id == topic.id)
            .where(or_(Post.number == 1, and_(Post.number >= first, Post.number <= last)))
            .order_by(Post.number)
        )
    )
    _know_topic(posts, topic)
    opening, replies = posts[0], posts[1:]
    pinned = _pinned(topic, official_by) if page == 1 else []
    shown = {p.id for p in replies} | {p.id for p in pinned}
    return TopicPage(
        topic=topic,
        opening=opening,
        pinned=pinned,
        replies=Page(replies, page, POSTS_PER_PAGE, topic.reply_count),
        voted=_voted(viewer, shown),
    )


def _pinned(topic: Topic, official_by: bool) -> list[Post]:
    condition = Post.is_official.is_(True)
    if topic.accepted_post_id:
        condition = or_(condition, Post.id == topic.accepted_post_id)
    rows = db.session.scalars(
        _with_people(select(Post), official_by).where(
            Post.topic_id == topic.id, Post.number > 1, condition
        )
    )
    accepted_first = sorted(rows, key=lambda p: (p.id != topic.accepted_post_id, p.number))
    return _know_topic([p for p in accepted_first if not p.is_hidden], topic)


def _know_topic(posts: list[Post], topic: Topic) -> list[Post]:
    """Tell each post its topic, so `post.topic` (links, permissions) asks no loader."""
    for post in posts:
        set_committed_value(post, "topic", topic)
    return posts


def _voted(viewer, post_ids: set[int]) -> set[int]:
    if not post_ids or not getattr(viewer, "is_authenticated", False):
        return set()
    return {post_id for (post_id,) in reads.rows(_votes(), user=viewer.id, posts=list(post_ids))}


@cache
def _votes():
    return select(Vote.post_id).where(
        Vote.user_id == bindparam("user"), Vote.post_id.in_(bindparam("posts", expanding=True))
    )


def page_of(post: Post) -> int:
    """The page of its topic a reply appears on."""
    return max(1, (post.number - 2) // POSTS_PER_PAGE + 1)


def top_scores(topic_ids) -> dict[int, int]:
    """The best reply score of each listed topic, in one query (for the votes column).

    A subquery per topic reads one entry of ix_posts_shown_reply_score, not every reply of a
    long thread."""
    topic_ids = list(topic_ids)
    if not topic_ids:
        return {}
    rows = reads.rows(_top_scores(), topics=topic_ids)
    return {topic_id: score or 0 for topic_id, score in rows}


@cache
def _top_scores():
    best = (
        select(func.max(Post.score))
        .where(Post.topic_id == Topic.id, Post.number > 1, Post.hidden_at.is_(None))
        .scalar_subquery()
    )
    return select(Topic.id, best).where(Topic.id.in_(bindparam("topics", expanding=True)))


def posts_after(viewer, topic: Topic, after: int, limit: int = 50) -> tuple[list[Post], set[int]]:
    """Replies numbered after `after` (what a reconnecting reader missed), with the viewer's
    votes among them; two queries. Hidden ones are left to the caller to show or skip."""
    posts = list(
        db.session.scalars(
            _with_people(select(Post))
            .where(Post.topic_id == topic.id, Post.number > max(after, 1))
            .order_by(Post.number)
            .limit(limit)
        )
    )
    return _know_topic(posts, topic), _voted(viewer, {p.id for p in posts})


def revisions_with_editors(post: Post) -> list[tuple]:
    """A post's earlier versions, oldest first, each with who replaced it; one query."""
    stmt = (
        select(PostRevision, User)
        .join(User, User.id == PostRevision.editor_id)
        .where(PostRevision.post_id == post.id)
        .order_by(PostRevision.id)
    )
    return [tuple(row) for row in db.session.execute(stmt)]
