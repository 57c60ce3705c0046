"""What the sitemap lists: each page a visitor may read, and nothing else.

The addresses come in parts (categories, topics, FAQ entries, company wall posts), each split
into pages by id: page n of a part holds the rows with ids from (n - 1) * size + 1 to n * size.
So a page is one query on a primary key range, as fast at page 100 as at page 1, holds at most
`size` addresses, and an address stays on its page as the hub grows (only pages with rows are
in the index). Private categories, wall posts of members and topics whose opening post is
hidden never appear: the rules are the visitor's (`forums.queries.readable_by`, None).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import Select, func, select

from hub.core import url_patterns
from hub.core.extensions import db
from hub.faq.models import FaqEntry, FaqStatus
from hub.forums import queries as forum_queries
from hub.forums import urls
from hub.forums.models import Space, SpaceKind, Topic, TopicKind
from hub.walls.models import COMPANY

PAGE_SIZE = 10_000  # addresses per sitemap page (the protocol allows 50,000)


def page_size() -> int:
    """Addresses per page; the `SITEMAP_PAGE_SIZE` config value, for tests."""
    return current_app.config.get("SITEMAP_PAGE_SIZE", PAGE_SIZE)


@dataclass(frozen=True)
class Part:
    """One kind of page in the sitemap: its rows (with columns `id` and `lastmod`) and the
    address of a row."""

    name: str
    rows: Callable[[], Select]
    loc: Callable[[object], str]


def _categories() -> Select:
    latest = (
        select(Topic.space_id, func.max(Topic.last_activity_at).label("at"))
        .group_by(Topic.space_id)
        .subquery()
    )
    return (
        select(Space.id, Space.slug, func.coalesce(latest.c.at, Space.created_at).label("lastmod"))
        .outerjoin(latest, latest.c.space_id == Space.id)
        .where(Space.kind == SpaceKind.CATEGORY.value, forum_queries.readable_by(None))
    )


def _topics() -> Select:
    return forum_queries.visible_topics(False, None).with_only_columns(
        Topic.id, Topic.slug, Topic.last_activity_at.label("lastmod")
    )


def _faq_entries() -> Select:
    return (
        select(FaqEntry.id, FaqEntry.slug, FaqEntry.updated_at.label("lastmod"))
        .join(Space, Space.id == FaqEntry.space_id)
        .where(
            Space.kind == SpaceKind.CATEGORY.value,
            forum_queries.readable_by(None),
            FaqEntry.status == FaqStatus.PUBLISHED.value,
        )
    )


def _company_wall() -> Select:
    return (
        select(Topic.id, Topic.last_activity_at.label("lastmod"))
        .join(Space, Space.id == Topic.space_id)
        .where(
            Space.kind == SpaceKind.WALL.value,
            Space.slug == COMPANY,
            Topic.kind == TopicKind.WALL.value,
            Topic.id.not_in(forum_queries.hidden_openings()),
        )
    )


PARTS = {
    part.name: part
    for part in (
        Part(
            "categories", _categories, lambda r: url_patterns.build("forums.category", slug=r.slug)
        ),
        Part("topics", _topics, urls.topic_url),
        Part(
            "faq",
            _faq_entries,
            lambda r: url_patterns.build("faq.entry", entry_id=r.id, slug=r.slug or None),
        ),
        Part("wall", _company_wall, lambda r: url_patterns.build("walls.wall_post", topic_id=r.id)),
    )
}


@dataclass(frozen=True)
class Entry:
    """An address in a sitemap page, or a sitemap page in the index."""

    loc: str  # a path; made absolute when written
    lastmod: datetime | None


def index() -> list[Entry]:
    """The pages of the sitemap that have addresses, with the newest change in each: one
    grouped query per part, plus one for the main pages."""
    size = page_size()
    entries = [Entry(url_patterns.build("feeds.sitemap_page", part="pages", number=1), None)]
    for part in PARTS.values():
        rows = part.rows().subquery()
        number = ((rows.c.id - 1) // size + 1).label("number")
        found = db.session.execute(
            select(number, func.max(rows.c.lastmod)).group_by(number).order_by(number)
        ).all()
        entries += [
            Entry(url_patterns.build("feeds.sitemap_page", part=part.name, number=n), at)
            for n, at in found
        ]
    return entries


def page(part_name: str, number: int) -> list[Entry]:
    """One page of a part, in id order: one query."""
    if part_name == "pages":
        return main_pages() if number == 1 else []
    part, size = PARTS[part_name], page_size()
    stmt = part.rows()
    key = stmt.selected_columns.id
    rows = db.session.execute(
        stmt.where(key > (number - 1) * size, key <= number * size).order_by(key)
    ).all()
    return [Entry(part.loc(row), row.lastmod) for row in rows]


def main_pages() -> list[Entry]:
    """The home page, the FAQ and the company wall, each with its newest change: one query."""
    newest = db.session.execute(
        select(
            _newest(_topics()),
            _newest(_faq_entries()),
            _newest(_company_wall()),
        )
    ).one()
    paths = ("forums.home", "faq.index", "walls.company")
    return [Entry(url_patterns.build(path), at) for path, at in zip(paths, newest, strict=True)]


def _newest(rows: Select):
    sub = rows.subquery()
    return select(func.max(sub.c.lastmod)).scalar_subquery()
