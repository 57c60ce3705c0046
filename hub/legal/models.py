"""The legal and policy pages, every version of them, and what members accepted.

A page's current text (Markdown as typed and the HTML cooked from it at save time) is on
`LegalPage`; each save adds a `LegalPageVersion` with the texts as they were then, so the
version a member accepted (`Consent`) can always be read again.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.core.columns import UTCDateTime, utcnow
from hub.core.extensions import db

KIND_MAX = 16


class LegalPage(db.Model):
    """One of the four documents (`kinds.DOCUMENTS`); `version` 0 means never saved."""

    __tablename__ = "legal_pages"

    kind: Mapped[str] = mapped_column(String(KIND_MAX), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    text_en: Mapped[str] = mapped_column(Text, default="")
    text_de: Mapped[str] = mapped_column(Text, default="")
    html_en: Mapped[str] = mapped_column(Text, default="")
    html_de: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    @property
    def is_written(self) -> bool:
        return bool(self.text_en.strip() or self.text_de.strip())


class LegalPageVersion(db.Model):
    __tablename__ = "legal_page_versions"
    __table_args__ = (UniqueConstraint("kind", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(ForeignKey("legal_pages.kind", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    text_en: Mapped[str] = mapped_column(Text, default="")
    text_de: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author = relationship("User")


class Consent(db.Model):
    """A member accepted (or, for the privacy policy, read) a version of a document."""

    __tablename__ = "legal_consents"
    __table_args__ = (UniqueConstraint("user_id", "document", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    document: Mapped[str] = mapped_column(String(KIND_MAX))
    version: Mapped[int] = mapped_column(Integer)
    accepted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
