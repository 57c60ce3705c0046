"""Read-side helpers for the FAQ pages, the API, the topic page link and similar questions."""

from sqlalchemy import case, or_, select
from sqlalchemy.orm import joinedload

from hub import permissions
from hub.core.extensions import db
from hub.faq import rules
from hub.faq.models import FaqEntry, FaqStatus, FaqVote
from hub.forums import queries as forum_queries
from hub.forums.models import Space, SpaceKind


def _visible(viewer, *, drafts: bool = False):
    """Entries in categories the viewer may see; drafts only when asked for and allowed."""
    stmt = (
        select(FaqEntry)
        .join(Space, Space.id == FaqEntry.space_id)
        .where(Space.kind == SpaceKind.CATEGORY.value)
    )
    team = permissions.is_staff(viewer) or permissions.is_moderator(viewer)
    if not team:
        stmt = stmt.where(forum_queries.readable_by(getattr(viewer, "id", None)))
    if not (drafts and rules.can_see_faq_drafts(viewer)):
        stmt = stmt.where(FaqEntry.status == FaqStatus.PUBLISHED.value)
    return stmt


def entries(viewer, space: Space | None = None, *, drafts: bool = False) -> list[FaqEntry]:
    """In the team's order: category by category, then position."""
    stmt = _visible(viewer, drafts=drafts).options(
        joinedload(FaqEntry.space), joinedload(FaqEntry.maintainer)
    )
    if space is not None:
        stmt = stmt.where(FaqEntry.space_id == space.id)
    stmt = stmt.order_by(Space.position, Space.name, FaqEntry.position, FaqEntry.id)
    return list(db.session.scalars(stmt))


def by_category(viewer, space: Space | None = None, *, drafts: bool = False):
    """[(space, [entries])] for the FAQ pages, empty categories left out."""
    groups: dict[int, tuple[Space, list[FaqEntry]]] = {}
    for entry in entries(viewer, space, drafts=drafts):
        groups.setdefault(entry.space_id, (entry.space, []))[1].append(entry)
    return list(groups.values())


def entry_for_topic(viewer, topic_id: int) -> FaqEntry | None:
    """The FAQ entry promoted from a thread, if the viewer may read it."""
    stmt = _visible(viewer, drafts=True).where(FaqEntry.source_topic_id == topic_id).limit(1)
    return db.session.scalar(stmt)


def similar_entries(viewer, words: list[str], limit: int = 5) -> list[FaqEntry]:
    """Published entries whose question shares words with `words`, most shared first."""
    if not words:
        return []
    matches = [FaqEntry.question.ilike(f"%{word}%") for word in words]
    hits = sum(case((match, 1), else_=0) for match in matches)
    stmt = (
        _visible(viewer)
        .where(or_(*matches))
        .options(joinedload(FaqEntry.space))
        .order_by(hits.desc(), FaqEntry.position)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def votes_of(viewer, session_key: str | None, entry_ids: list[int]) -> dict[int, bool]:
    """entry id -> what the viewer (or this browser session) answered to "was this helpful?"."""
    if not entry_ids:
        return {}
    if getattr(viewer, "is_authenticated", False):
        owner = FaqVote.user_id == viewer.id
    elif session_key:
        owner = FaqVote.session_key == session_key
    else:
        return {}
    stmt = select(FaqVote.entry_id, FaqVote.helpful).where(FaqVote.entry_id.in_(entry_ids), owner)
    return {entry_id: helpful for entry_id, helpful in db.session.execute(stmt)}
