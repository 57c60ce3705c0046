"""Search straight from the database with LIKE, while the index is being rebuilt.

Slower and plainer (no stemming beyond matching the German stem as a substring, no ranking),
but it keeps the search page working; the page says that the index is being rebuilt.
"""

from sqlalchemy import and_, not_, or_, select

from hub.core.extensions import db
from hub.faq.models import FaqEntry, FaqStatus
from hub.forums.models import Post, Space, SpaceKind, Topic
from hub.search.base import Candidate, Filters
from hub.search.syntax import Parsed


def _pattern(words) -> str:
    text = " ".join(words).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{text}%"


def _patterns(parsed: Parsed) -> tuple[list[str], list[str]]:
    # A rough stem: "Rechnungen" looks for "rechnung", "routers" for "route".
    include = [_pattern([w[: max(4, len(w) - 2)]]) for w in parsed.terms]
    include += [_pattern(p) for p in parsed.phrases]
    exclude = [_pattern([w]) for w in parsed.excluded]
    exclude += [_pattern(p) for p in parsed.excluded_phrases]
    return include, exclude


def _condition(columns, include: list[str], exclude: list[str]):
    def anywhere(pattern):
        return or_(*(column.ilike(pattern, escape="\\") for column in columns))

    return and_(*(anywhere(p) for p in include), *(not_(anywhere(p)) for p in exclude))


def search(parsed: Parsed, filters: Filters, sort: str, limit: int) -> list[Candidate]:
    include, exclude = _patterns(parsed)
    types = filters.types or ("faq", "topic", "post", "wall")
    found: list[tuple[Candidate, object]] = []
    if "faq" in types:
        stmt = select(FaqEntry.id, FaqEntry.updated_at).where(
            FaqEntry.status == FaqStatus.PUBLISHED.value,
            _condition([FaqEntry.question, FaqEntry.answer_raw], include, exclude),
        )
        if filters.space_ids:
            stmt = stmt.where(FaqEntry.space_id.in_(filters.space_ids))
        rows = db.session.execute(stmt.order_by(FaqEntry.position).limit(limit)).all()
        found += [(Candidate("faq", id_, 1.0), when) for id_, when in rows]
    post_types = [t for t in types if t != "faq"]
    if post_types:
        stmt = (
            select(Post.id, Post.number, Post.topic_id, Space.kind, Post.created_at)
            .join(Topic, Topic.id == Post.topic_id)
            .join(Space, Space.id == Topic.space_id)
            .where(_condition([Topic.title, Post.raw], include, exclude))
        )
        if filters.space_ids:
            stmt = stmt.where(Topic.space_id.in_(filters.space_ids))
        if filters.solved:
            stmt = stmt.where(Topic.accepted_post_id.is_not(None))
        rows = db.session.execute(stmt.order_by(Post.created_at.desc()).limit(limit * 2)).all()
        for post_id, number, topic_id, space_kind, created_at in rows:
            if space_kind == SpaceKind.WALL:
                candidate = Candidate("wall", post_id, 0.5)
            elif number == 1:
                candidate = Candidate("topic", topic_id, 0.5)
            else:
                candidate = Candidate("post", post_id, 0.5)
            if candidate.type in post_types:
                found.append((candidate, created_at))
    if sort == "date":
        found.sort(key=lambda pair: pair[1], reverse=True)
    return [candidate for candidate, _ in found[:limit]]
