"""Curated questions and answers, their revisions and "was this helpful?" votes."""

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.accounts.models import User
from hub.core.columns import UTCDateTime, utcnow
from hub.core.extensions import db
from hub.forums.models import Space, Topic

QUESTION_MAX = 200
ANSWER_MAX = 20_000


class FaqStatus(enum.StrEnum):
    DRAFT = "draft"  # seen and edited by the team only
    PUBLISHED = "published"


class FaqEntry(db.Model):
    """A question and its answer, kept in a category (a forum Space) in the team's order.

    `source_topic_id` links an entry promoted from a solved question back to its thread; the
    thread finds its entry through the same column ("This answer is also in our FAQ").
    """

    __tablename__ = "faq_entries"
    __table_args__ = (Index("ix_faq_entries_space_position", "space_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    question: Mapped[str] = mapped_column(String(QUESTION_MAX))
    slug: Mapped[str] = mapped_column(String(80), default="")
    answer_raw: Mapped[str] = mapped_column(Text)
    answer_html: Mapped[str] = mapped_column(Text)  # cooked once by content.render
    position: Mapped[int] = mapped_column(Integer, default=0)  # smaller first
    status: Mapped[str] = mapped_column(String(16), default=FaqStatus.DRAFT.value)
    maintainer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    source_topic_id: Mapped[int | None] = mapped_column(
        ForeignKey("topics.id", ondelete="SET NULL"), index=True
    )
    helpful_yes: Mapped[int] = mapped_column(Integer, default=0)  # kept in step with faq_votes
    helpful_no: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    space: Mapped[Space] = relationship()
    maintainer: Mapped[User | None] = relationship()
    source_topic: Mapped[Topic | None] = relationship()

    @property
    def is_published(self) -> bool:
        return self.status == FaqStatus.PUBLISHED


class FaqRevision(db.Model):
    """The text of an entry before an edit, with who edited it and why."""

    __tablename__ = "faq_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("faq_entries.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[str] = mapped_column(String(QUESTION_MAX))
    answer_raw: Mapped[str] = mapped_column(Text)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    editor: Mapped[User | None] = relationship()


class FaqVote(db.Model):
    """One "was this helpful?" answer per member, or per browser session for visitors."""

    __tablename__ = "faq_votes"
    __table_args__ = (
        UniqueConstraint("entry_id", "user_id", name="uq_faq_votes_entry_user"),
        UniqueConstraint("entry_id", "session_key", name="uq_faq_votes_entry_session"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("faq_entries.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    session_key: Mapped[str | None] = mapped_column(String(64))  # visitors: a random id
    helpful: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
