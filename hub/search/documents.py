"""What goes into the index: one `Doc` per FAQ entry, topic (its title and opening post), reply
and wall post, built from the database, which stays the truth."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from html import unescape

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from hub.core.extensions import db
from hub.faq.models import FaqEntry, FaqStatus
from hub.forums.models import Post, Space, SpaceKind, Topic

TYPES = ("faq", "topic", "post", "wall")
# Private-use characters mark highlights inside the PostgreSQL backend; text never holds them.
MARK_START, MARK_END = "\ue000", "\ue001"
_NO_MARKS = str.maketrans("", "", MARK_START + MARK_END + "\x00")
TEXT_MAX = 60_000


@dataclass(frozen=True)
class Doc:
    key: str  # "<type>:<id>"
    type: str  # faq, topic, post, wall
    id: int  # FaqEntry.id for faq, Topic.id for topic, Post.id for post and wall
    title: str
    body: str  # plain text
    space_id: int | None
    topic_id: int | None
    solved: bool
    created_at: datetime


def key(type_: str, id_: int) -> str:
    return f"{type_}:{id_}"


def split_key(value: str) -> tuple[str, int]:
    type_, _, id_ = value.partition(":")
    return type_, int(id_)


_INLINE_TAG = re.compile(r"</?(?:a|strong|em|code|del|s|b|i)(?:\s[^>]*)?>")
_TAG = re.compile(r"<[^>]*>")


def plain(html: str) -> str:
    """The text of cooked HTML, for the index and for snippets.

    A regular expression is enough here (and 15 times faster than an HTML parser): the HTML
    comes from `content.render`, so every `<` in text is escaped, and the result is escaped
    again wherever it is shown."""
    text = unescape(_TAG.sub(" ", _INLINE_TAG.sub("", html or "")))
    return " ".join(text.split())[:TEXT_MAX].translate(_NO_MARKS)


def _is_gone(post: Post) -> bool:
    return post.hidden_at is not None or getattr(post, "deleted_at", None) is not None


def post_key(post: Post, space: Space | None = None) -> str:
    """The key a post is indexed under: its topic for an opening post, else itself."""
    space = space or post.topic.space
    if space.kind == SpaceKind.WALL:
        return key("wall", post.id)
    return key("topic", post.topic_id) if post.number == 1 else key("post", post.id)


def for_post(post: Post, topic: Topic | None = None, space: Space | None = None) -> Doc | None:
    """The document of a post, or None when it must not be found (hidden or deleted)."""
    topic = topic or post.topic
    space = space or topic.space
    if _is_gone(post):
        return None
    type_, id_ = split_key(post_key(post, space))
    return Doc(
        key=key(type_, id_),
        type=type_,
        id=id_,
        title=topic.title,
        body=plain(post.html),
        space_id=space.id,
        topic_id=topic.id,
        solved=topic.accepted_post_id is not None,
        created_at=topic.created_at if type_ == "topic" else post.created_at,
    )


def for_faq(entry: FaqEntry) -> Doc | None:
    """The document of an FAQ entry, or None while it is a draft."""
    if entry.status != FaqStatus.PUBLISHED:
        return None
    return Doc(
        key=key("faq", entry.id),
        type="faq",
        id=entry.id,
        title=entry.question,
        body=plain(entry.answer_html),
        space_id=entry.space_id,
        topic_id=entry.source_topic_id,
        solved=True,
        created_at=entry.published_at or entry.created_at,
    )


def posts_of_topic(topic_id: int) -> list[Post]:
    stmt = select(Post).where(Post.topic_id == topic_id).order_by(Post.number)
    return list(db.session.scalars(stmt))


def count_all() -> int:
    posts = db.session.scalar(select(func.count(Post.id))) or 0
    entries = db.session.scalar(
        select(func.count(FaqEntry.id)).where(FaqEntry.status == FaqStatus.PUBLISHED.value)
    )
    return posts + (entries or 0)


def all_docs(batch: int = 500) -> Iterator[Doc | None]:
    """Every document, read in batches; None for each post that is not searchable (so a
    progress bar can count rows)."""
    entries = select(FaqEntry).where(FaqEntry.status == FaqStatus.PUBLISHED.value)
    for entry in db.session.scalars(entries.order_by(FaqEntry.id)):
        yield for_faq(entry)
    last_id = 0
    while True:
        rows = db.session.execute(
            select(Post, Topic, Space)
            .join(Topic, Topic.id == Post.topic_id)
            .join(Space, Space.id == Topic.space_id)
            .where(Post.id > last_id)
            .order_by(Post.id)
            .limit(batch)
        ).all()
        if not rows:
            return
        for post, topic, space in rows:
            yield for_post(post, topic, space)
        last_id = rows[-1][0].id


def changed_since(since: datetime) -> Iterator[Doc | str]:
    """Docs (or keys to remove) for what changed after `since`: the catch-up after a rebuild."""
    stmt = (
        select(Post)
        .options(joinedload(Post.topic).joinedload(Topic.space))
        .where(
            (Post.created_at >= since)
            | (Post.edited_at >= since)
            | (Post.hidden_at >= since)
            | (Post.topic.has(Topic.created_at >= since))
        )
    )
    for post in db.session.scalars(stmt):
        yield for_post(post) or post_key(post)
    for entry in db.session.scalars(select(FaqEntry).where(FaqEntry.updated_at >= since)):
        yield for_faq(entry) or key("faq", entry.id)
