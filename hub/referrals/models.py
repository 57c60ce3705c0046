"""Visitor counts per link and day, the day's salt, and who registered through which link."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.columns import UTCDateTime, utcnow
from hub.core.extensions import db


class VisitorSalt(db.Model):
    """The random salt of one UTC day. Deleted once the day is over, so the day's visitor hashes
    can no longer be recomputed from an address."""

    __tablename__ = "referral_visitor_salts"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # "2026-11-23"
    salt: Mapped[bytes] = mapped_column(LargeBinary(32))


class LinkDay(db.Model):
    """Clicks and unique visitors of one tracked link on one UTC day."""

    __tablename__ = "referral_link_days"

    link_id: Mapped[int] = mapped_column(
        ForeignKey("tracked_links.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    clicks: Mapped[int] = mapped_column(Integer, default=0)
    visitors: Mapped[int] = mapped_column(Integer, default=0)


class LinkVisitor(db.Model):
    """One visitor of a link on a day: a salted hash only, never an address or user agent."""

    __tablename__ = "referral_link_visitors"

    link_id: Mapped[int] = mapped_column(
        ForeignKey("tracked_links.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    digest: Mapped[bytes] = mapped_column(LargeBinary(16), primary_key=True)


class Referral(db.Model):
    """A member who registered in a browser session that arrived through a `/go/` link."""

    __tablename__ = "referrals"
    __table_args__ = (UniqueConstraint("user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    link_id: Mapped[int | None] = mapped_column(
        ForeignKey("tracked_links.id", ondelete="SET NULL"), index=True
    )
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("spoke_accounts.id", ondelete="SET NULL"), index=True
    )
    content_type: Mapped[str] = mapped_column(String(16))
    content_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    first_post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))
    first_post_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
