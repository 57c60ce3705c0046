"""Search: one entry point for pages, the API and suggestions, whatever the backend.

The index only proposes candidates. Whether the viewer may see one is decided here, against
the database, with the rules the forum lists use (`visible_forum_topics`, hidden and deleted
posts left out), so an index that lags behind a hide or a move cannot leak anything.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import Flask, current_app, url_for
from markupsafe import Markup
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased, defer

from hub import permissions
from hub.core.columns import utcnow
from hub.core.errors import Moved
from hub.core.extensions import db
from hub.faq.models import FaqEntry, FaqStatus
from hub.forums import queries as forum_queries
from hub.forums.models import Post, Space, SpaceKind, Topic
from hub.search import analysis, backend, documents, fallback, syntax
from hub.search.base import SORTS, Candidate, Filters, Unavailable
from hub.search.documents import TYPES, Doc

__all__ = ["TYPES", "Hit", "Results", "query", "rebuild_index", "suggest"]

PER_PAGE = 10
SUGGESTIONS = 5
# The index is asked for this many candidates at most per search: enough for 100 pages of
# results even when many are not visible to the viewer; deeper pages are not offered.
MAX_CANDIDATES = 1000


@dataclass
class Hit:
    type: str  # faq, topic, post, wall
    id: int
    title: str
    url: str
    snippet: Markup  # escaped text with <mark> around the matches
    score: float
    created_at: datetime
    category: Space | None = None
    solved: bool = False


@dataclass
class Results:
    query: str
    items: list[Hit] = field(default_factory=list)
    page: int = 1
    per_page: int = PER_PAGE
    has_next: bool = False
    total: int | None = None  # known when every candidate was checked
    rebuilding: bool = False  # answered from the database while the index is rebuilt

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def init_app(app: Flask) -> None:
    """Choose the configured backend; one that can lose its index refills it from the
    database through `rebuild_index`."""
    backend.init_app(app, rebuild_index)


# --- writing ---------------------------------------------------------------------------------


def index(docs: Iterable[Doc], *, new: bool = False) -> None:
    backend.current().index(list(docs), new=new)


def remove(keys: Iterable[str]) -> None:
    backend.current().remove(list(keys))


def refresh_posts(posts: Iterable[Post], *, new: bool = False) -> None:
    """Index each post as it is now, or remove it if it must no longer be found.
    `new`: the posts were just created (so they are not in the index yet)."""
    docs, gone = [], []
    for post in posts:
        doc = documents.for_post(post)
        if doc is None:
            gone.append(documents.post_key(post))
        else:
            docs.append(doc)
    if docs:
        index(docs, new=new)
    if gone:
        remove(gone)


def refresh_topic(topic_id: int, *, new: bool = False) -> None:
    """The topic and every reply (they carry its title and its solved state)."""
    refresh_posts(documents.posts_of_topic(topic_id), new=new)


def refresh_faq(entry: FaqEntry) -> None:
    doc = documents.for_faq(entry)
    if doc is None:
        remove([documents.key("faq", entry.id)])
    else:
        index([doc])


def rebuild_index(progress: Callable[[int], None] | None = None, *, procs: int = 1) -> int:
    """Rebuild the whole index from the database; return the number of documents.

    Changes committed while it runs are applied again afterwards (the catch-up), since the
    rebuild may have read those rows before they changed.
    """
    started = utcnow() - timedelta(seconds=2)
    current = backend.current()
    current.flush()
    count = current.rebuild(documents.all_docs(), progress, procs=procs)
    docs, gone = [], []
    for item in documents.changed_since(started):
        (gone if isinstance(item, str) else docs).append(item)
    if docs:
        current.index(docs)
    if gone:
        current.remove(gone)
    return count


def count_documents() -> int:
    """Rows a rebuild reads (for its progress bar)."""
    return documents.count_all()


# --- reading ---------------------------------------------------------------------------------


def filters_for(viewer, types=(), category: str | None = None, solved=False) -> Filters | None:
    """Filters from what a page or the API was given; None when nothing can match."""
    types = tuple(t for t in dict.fromkeys(types or ()) if t in TYPES)
    space_ids: tuple[int, ...] = ()
    if category:
        space = db.session.scalar(select(Space).where(Space.slug == category))
        if space is None and (new_slug := forum_queries.slug_now(category)):
            raise Moved(old=category, new=new_slug)  # the page answers with the new address
        if space is None or not permissions.can_view_space(viewer, space):
            return None
        space_ids = (space.id,)
    return Filters(types=types, space_ids=space_ids, solved=bool(solved))


def query(
    viewer,
    q: str,
    *,
    types=(),
    category: str | None = None,
    solved: bool = False,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Results:
    """One page of what `viewer` may see that matches `q`, FAQ entries first by relevance."""
    results = Results(query=q or "", page=page, per_page=per_page)
    parsed = syntax.parse(q)
    filters = filters_for(viewer, types, category, solved)
    if parsed.is_empty or filters is None:
        results.total = 0
        return results
    sort = sort if sort in SORTS else "relevance"
    want = page * per_page + 1  # one more than the page shows, to know there is a next page
    visible, rows, exhausted, results.rebuilding = _visible_candidates(
        viewer, parsed, filters, sort, want
    )
    shown = visible[(page - 1) * per_page : page * per_page]
    results.has_next = len(visible) > page * per_page
    results.total = len(visible) if exhausted else None
    results.items = _hits(parsed, shown, rows, use_backend=not results.rebuilding)
    return results


def suggest(viewer, q: str, limit: int = SUGGESTIONS) -> list[Hit]:
    """The best FAQ entries and questions for what is being typed (its last word a prefix)."""
    parsed = syntax.parse(q, prefix_last=True)
    if parsed.is_empty:
        return []
    filters = Filters(types=("faq", "topic"))
    visible, rows, _, _ = _visible_candidates(viewer, parsed, filters, "relevance", limit)
    return [_hit(c, rows[(c.type, c.id)], Markup("")) for c in visible[:limit]]


def _search(parsed, filters, sort, limit) -> tuple[list[Candidate], bool]:
    """Candidates from the index, or from the database while the index is rebuilt."""
    try:
        return backend.current().search(parsed, filters, sort, limit), False
    except Unavailable as unavailable:
        return fallback.search(parsed, filters, sort, limit), unavailable.rebuilding


def _visible_candidates(viewer, parsed, filters, sort, want):
    """Ask the index for more candidates until `want` visible ones are found (or no more)."""
    # A few more than wanted: Whoosh's top-N costs grow with N, and most candidates are visible.
    limit = min(want + 4, MAX_CANDIDATES)
    visible: list[Candidate] = []
    rows: dict[tuple[str, int], _Row] = {}
    seen: set[tuple[str, int]] = set()
    while True:
        candidates, rebuilding = _search(parsed, filters, sort, limit)
        new = [c for c in candidates if (c.type, c.id) not in seen]
        seen.update((c.type, c.id) for c in new)
        rows.update(_load_visible(viewer, new, filters))
        visible += [c for c in new if (c.type, c.id) in rows]
        exhausted = len(candidates) < limit
        if len(visible) >= want or exhausted or limit >= MAX_CANDIDATES:
            return visible, rows, exhausted, rebuilding
        limit = min(limit * 4, MAX_CANDIDATES)


# --- what the viewer may see ----------------------------------------------------------------


@dataclass
class _Row:
    """What a hit shows, loaded without the long texts (only the shown hits need those)."""

    title: str
    created_at: datetime
    space: Space | None
    solved: bool
    topic: Topic | None = None
    post: Post | None = None  # for topics their opening post
    entry: FaqEntry | None = None

    @property
    def url(self) -> str:
        if self.entry is not None:
            return faq_url(self.entry)
        return _topic_url(self.topic, self.post)


def _shown(post_table=Post):
    condition = post_table.hidden_at.is_(None)
    deleted_at = getattr(post_table, "deleted_at", None)  # added by moderation (0004)
    if deleted_at is not None:
        condition = and_(condition, deleted_at.is_(None))
    return condition


def _forum_filters(stmt, filters: Filters):
    if filters.space_ids:
        stmt = stmt.where(Topic.space_id.in_(filters.space_ids))
    if filters.solved:
        stmt = stmt.where(Topic.accepted_post_id.is_not(None))
    return stmt


def _topic_url(topic: Topic, post: Post | None = None) -> str:
    if topic.kind == "wall" and "walls.wall_post" in current_app.view_functions:
        anchor = f"post-{post.number}" if post is not None and post.number > 1 else None
        return url_for("walls.wall_post", topic_id=topic.id, _anchor=anchor)
    if post is None or post.number == 1:
        return url_for("forums.topic", topic_id=topic.id, slug=topic.slug)
    page = forum_queries.page_of(post)
    return url_for(
        "forums.topic",
        topic_id=topic.id,
        slug=topic.slug,
        page=page if page > 1 else None,
        _anchor=f"post-{post.number}",
    )


def faq_url(entry: FaqEntry) -> str:
    return url_for("faq.entry", entry_id=entry.id, slug=entry.slug or None)


def _load_visible(viewer, candidates: list[Candidate], filters: Filters):
    """(type, id) -> _Row for the candidates the viewer may see and the filters still allow."""
    ids: dict[str, list[int]] = {}
    for candidate in candidates:
        ids.setdefault(candidate.type, []).append(candidate.id)
    rows: dict[tuple[str, int], _Row] = {}
    team = permissions.is_staff(viewer) or permissions.is_moderator(viewer)
    if ids.get("faq"):
        stmt = (
            select(FaqEntry, Space)
            .join(Space, Space.id == FaqEntry.space_id)
            .where(FaqEntry.id.in_(ids["faq"]), FaqEntry.status == FaqStatus.PUBLISHED.value)
            .options(defer(FaqEntry.answer_html), defer(FaqEntry.answer_raw))
        )
        if not team:
            stmt = stmt.where(forum_queries.readable_by(getattr(viewer, "id", None)))
        if filters.space_ids:
            stmt = stmt.where(FaqEntry.space_id.in_(filters.space_ids))
        for entry, space in db.session.execute(stmt):
            when = entry.published_at or entry.created_at
            rows[("faq", entry.id)] = _Row(entry.question, when, space, True, entry=entry)
    # An alias, because `visible_forum_topics` may correlate a subquery on Post itself.
    shown_post = aliased(Post)
    light = (defer(shown_post.html), defer(shown_post.raw))
    topic_ids, post_ids = set(ids.get("topic", ())), set(ids.get("post", ()))
    if topic_ids or post_ids:  # one query for questions (their opening posts) and answers
        wanted = []
        if topic_ids:
            wanted.append(and_(shown_post.topic_id.in_(topic_ids), shown_post.number == 1))
        if post_ids:
            wanted.append(and_(shown_post.id.in_(post_ids), shown_post.number > 1))
        stmt = (
            forum_queries.visible_forum_topics(viewer)
            .join(shown_post, shown_post.topic_id == Topic.id)
            .where(or_(*wanted), _shown(shown_post))
            .add_columns(shown_post, Space)
            .options(*light)
        )
        for topic, post, space in db.session.execute(_forum_filters(stmt, filters)):
            if post.number == 1:
                kind, when = ("topic", topic.id), topic.created_at
            else:
                kind, when = ("post", post.id), post.created_at
            rows[kind] = _Row(topic.title, when, space, topic.is_solved, topic, post)
    if ids.get("wall") and not filters.space_ids:  # walls are not categories
        stmt = (
            select(Topic, shown_post, Space)
            .join(Space, Space.id == Topic.space_id)
            .join(shown_post, shown_post.topic_id == Topic.id)
            .where(
                Space.kind == SpaceKind.WALL.value,
                shown_post.id.in_(ids["wall"]),
                _shown(shown_post),
            )
            .options(*light)
        )
        if not team:
            stmt = stmt.where(forum_queries.readable_by(getattr(viewer, "id", None)))
        if filters.solved:
            stmt = stmt.where(Topic.accepted_post_id.is_not(None))
        allowed: dict[int, bool] = {}
        for topic, post, space in db.session.execute(stmt):
            if space.id not in allowed:
                allowed[space.id] = bool(_can_view_wall(viewer, space))
            if allowed[space.id]:
                rows[("wall", post.id)] = _Row(
                    topic.title, post.created_at, space, False, topic, post
                )
    return rows


def _can_view_wall(viewer, space: Space):
    """The walls feature's rule (an owner may hide their wall from visitors), where it exists."""
    rule = getattr(permissions, "can_view_wall", None)
    return rule(viewer, space) if rule is not None else permissions.can_view_space(viewer, space)


def _texts(shown: list[Candidate], rows) -> dict[str, str]:
    """Plain text of each shown hit, for its snippet (two queries, whatever the page size)."""
    post_ids = {rows[(c.type, c.id)].post.id: c for c in shown if c.type != "faq"}
    entry_ids = {c.id: c for c in shown if c.type == "faq"}
    html: dict[tuple[str, int], str] = {}
    if post_ids:
        for post_id, text in db.session.execute(
            select(Post.id, Post.html).where(Post.id.in_(post_ids))
        ):
            candidate = post_ids[post_id]
            html[(candidate.type, candidate.id)] = text
    if entry_ids:
        for entry_id, text in db.session.execute(
            select(FaqEntry.id, FaqEntry.answer_html).where(FaqEntry.id.in_(entry_ids))
        ):
            html[("faq", entry_id)] = text
    return {
        documents.key(c.type, c.id): documents.plain(html.get((c.type, c.id), "")) for c in shown
    }


def _hits(parsed, shown: list[Candidate], rows, *, use_backend: bool) -> list[Hit]:
    texts = _texts(shown, rows)
    if use_backend:
        snippets = backend.current().snippets(parsed, texts)
    else:
        snippets = {k: analysis.highlight(text, parsed.matches) for k, text in texts.items()}
    return [
        # Built only by `analysis.highlight` or `_marked`: escaped text plus <mark> tags.
        _hit(c, rows[(c.type, c.id)], Markup(snippets[documents.key(c.type, c.id)]))
        for c in shown
    ]


def _hit(candidate: Candidate, row: _Row, snippet: Markup) -> Hit:
    return Hit(
        type=candidate.type,
        id=candidate.id,
        title=row.title,
        url=row.url,
        snippet=snippet,
        score=round(candidate.score, 4),
        created_at=row.created_at,
        category=row.space if row.space is not None and row.space.kind != "wall" else None,
        solved=row.solved,
    )
