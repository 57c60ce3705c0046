"""The PostgreSQL backend's copy of what is searchable (empty while Whoosh is the backend)."""

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, String, Text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from hub.core.columns import UTCDateTime
from hub.core.extensions import db


class TSVector(TypeDecorator):
    """`tsvector` on PostgreSQL; an unused text column elsewhere, so one model fits both."""

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.TSVECTOR())
        return dialect.type_descriptor(Text())


class SearchDocument(db.Model):
    """One searchable thing (`key` is "<type>:<id>", as in the Whoosh index).

    `tsv` is computed by the backend in SQL (German and English configurations, title weighted
    A, body B) and searched through a GIN index. No created_at index on purpose: with one,
    PostgreSQL walks it for "newest first" and filters every row, which is slow for rare words.
    """

    __tablename__ = "search_documents"
    __table_args__ = (Index("ix_search_documents_tsv", "tsv", postgresql_using="gin"),)

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    type: Mapped[str] = mapped_column(String(8))  # topic, post, faq, wall
    object_id: Mapped[int] = mapped_column(Integer)
    topic_id: Mapped[int | None] = mapped_column(Integer)
    space_id: Mapped[int | None] = mapped_column(Integer)
    solved: Mapped[bool] = mapped_column(Boolean, default=False)
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    tsv: Mapped[str | None] = mapped_column(TSVector())
