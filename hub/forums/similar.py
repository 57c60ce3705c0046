"""Questions like the one being typed, so people may find the answer before they ask."""

import re
from dataclasses import dataclass

from sqlalchemy import case, or_
from sqlalchemy.orm import joinedload

from hub.core.extensions import db
from hub.forums.models import Topic, TopicKind
from hub.forums.queries import visible_forum_topics

# Words too common to say anything about a question (German and English).
_STOPWORD_TEXT = """
aber alle auch bei beim bin bis das dass dem den der des die doch ein eine einem einen
einer eines geht gibt habe hat ich ihr ist kann kein keine man mein meine mit nach nicht
noch oder seit sich sie sind und uns von vor war warum was weil wenn wie wieso wir wird zum
zur about after and are but can cannot does for from have how into its not that the their
there this what when where which why will with your
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def keywords(text: str, limit: int = 6) -> list[str]:
    words = re.findall(r"\w{3,}", (text or "").lower())
    return list(dict.fromkeys(w for w in words if w not in STOPWORDS))[:limit]


def similar_questions(viewer, title: str, limit: int = 5) -> list[Topic]:
    """Up to `limit` visible questions sharing words with `title`, solved ones first."""
    words = keywords(title)
    if not words:
        return []
    matches = [Topic.title.ilike(f"%{word}%") for word in words]
    hits = sum(case((match, 1), else_=0) for match in matches)
    stmt = (
        visible_forum_topics(viewer)
        .where(Topic.kind == TopicKind.QUESTION.value, or_(*matches))
        .options(joinedload(Topic.space))
        .order_by(hits.desc(), Topic.accepted_post_id.is_(None), Topic.last_activity_at.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


@dataclass(frozen=True)
class SimilarItem:
    kind: str  # "faq" (an FaqEntry) or "question" (a Topic)
    title: str
    target: object  # the FaqEntry or the Topic, for links
    solved: bool


def similar_items(viewer, title: str, limit: int = 5) -> list[SimilarItem]:
    """What to show while someone types a question: FAQ entries first, then questions."""
    from hub.faq import queries as faq_queries  # the FAQ builds on the forums, not the reverse

    words = keywords(title)
    entries = faq_queries.similar_entries(viewer, words, limit)
    items = [SimilarItem("faq", entry.question, entry, True) for entry in entries]
    if len(items) < limit:
        items += [
            SimilarItem("question", topic.title, topic, topic.is_solved)
            for topic in similar_questions(viewer, title, limit - len(items))
        ]
    return items
