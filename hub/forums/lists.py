"""The topics of the lists (home, latest, unanswered, solved, a category) as plain rows.

A list shows a dozen columns of each topic, its author, its category and its tags. Loaded as
mapped objects (topics with their authors, spaces and tags) they took half of a list page's
time. These are the topics `queries.list_topics` finds, in the same order and the same three
queries (count, rows, tags), read as columns; the rows carry the models' own properties.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import bindparam, func, select

from hub import permissions
from hub.accounts.models import User
from hub.core import reads
from hub.core.pagination import Page
from hub.forums import queries
from hub.forums.models import Space, Tag, Topic, TopicTag


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    username: str
    display_name: str
    role: str

    name = User.name
    is_staff = User.is_staff
    is_moderator = User.is_moderator


@dataclass(frozen=True, slots=True)
class Place:
    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class Label:
    name: str


@dataclass(frozen=True, slots=True)
class TopicRow:
    id: int
    slug: str
    title: str
    kind: str
    reply_count: int
    accepted_post_id: int | None
    has_expert_reply: bool
    last_activity_at: datetime
    author: Person
    space: Place
    tags: tuple[Label, ...] = ()

    is_solved = Topic.is_solved


COLUMNS = (
    Topic.id,
    Topic.slug,
    Topic.title,
    Topic.kind,
    Topic.reply_count,
    Topic.accepted_post_id,
    Topic.has_expert_reply,
    Topic.last_activity_at,
    User.id,
    User.username,
    User.display_name,
    User.role,
    Space.slug,
    Space.name,
)


def list_rows(
    viewer, *, space=None, filter_name="latest", page=1, per_page=queries.TOPICS_PER_PAGE
) -> Page[TopicRow]:
    """A page of `queries.list_topics(viewer, ...)`, as rows: newest activity first."""
    team = bool(permissions.is_staff(viewer) or permissions.is_moderator(viewer))
    count, rows = _statements(team, filter_name, space is not None)
    values = {"viewer": getattr(viewer, "id", None), "space": getattr(space, "id", None)}
    total = reads.scalar(count, **values)
    found = reads.rows(rows, **values, skip=(page - 1) * per_page, size=per_page)
    tags = tag_labels([row[0] for row in found])
    items = [_row(values, tags.get(values[0], ())) for values in found]
    return Page(items, page, per_page, total or 0)


def tag_labels(topic_ids: list[int]) -> dict[int, tuple[Label, ...]]:
    """Each topic's tags by name, in one query (none for no topics)."""
    found: dict[int, list[Label]] = {}
    if topic_ids:
        for topic_id, name in reads.rows(_tags(), topics=topic_ids):
            found.setdefault(topic_id, []).append(Label(name))
    return {topic_id: tuple(labels) for topic_id, labels in found.items()}


@cache
def _statements(team: bool, filter_name: str, in_space: bool):
    """The count and the page of one kind of list, built once with bound values."""
    stmt = queries.apply_filter(queries.visible_topics(team, bindparam("viewer")), filter_name)
    if in_space:
        stmt = stmt.where(Topic.space_id == bindparam("space"))
    count = select(func.count()).select_from(stmt.subquery())
    rows = (
        stmt.with_only_columns(*COLUMNS)
        .join(User, User.id == Topic.author_id)
        .order_by(Topic.last_activity_at.desc(), Topic.id.desc())
        .offset(bindparam("skip"))
        .limit(bindparam("size"))
    )
    return count, rows


def _row(values, tags: tuple[Label, ...]) -> TopicRow:
    topic, author, space = values[:8], values[8:12], values[12:]
    return TopicRow(*topic, author=Person(*author), space=Place(*space), tags=tags)


@cache
def _tags():
    return (
        select(TopicTag.topic_id, Tag.name)
        .join(Tag, Tag.id == TopicTag.tag_id)
        .where(TopicTag.topic_id.in_(bindparam("topics", expanding=True)))
        .order_by(Tag.name)
    )
