"""Walls reuse the forum tables (a wall is a Space of kind "wall", a wall post a Topic of kind
"wall", a comment a Post); these tables add what only walls have."""

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.accounts.models import User
from hub.core.columns import UTCDateTime, utcnow
from hub.core.extensions import db

COMPANY = "company"  # the company wall's slug, and its owner name in URLs and the API


class CommentPolicy(enum.StrEnum):
    EVERYONE = "everyone"
    FOLLOWED = "followed"  # only people the wall's owner follows
    OFF = "off"


class IssueStatus(enum.StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class WallSettings(db.Model):
    """A member's choices for their own wall; no row means the defaults."""

    __tablename__ = "wall_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    comments: Mapped[str] = mapped_column(String(16), default=CommentPolicy.EVERYONE.value)
    hidden_from_visitors: Mapped[bool] = mapped_column(Boolean, default=False)


class WallPost(db.Model):
    """What a wall post has beyond its topic: pin, known-issue status, an uploaded image."""

    __tablename__ = "wall_posts"
    __table_args__ = (Index("ix_wall_posts_issue", "issue_status"),)

    topic_id: Mapped[int] = mapped_column(
        ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True
    )
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    issue_status: Mapped[str | None] = mapped_column(String(16))  # None: not a known issue
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    image: Mapped[str | None] = mapped_column(String(80))  # a file name under uploads/


class IssueUpdate(db.Model):
    """An update appended to a known issue by the team."""

    __tablename__ = "wall_issue_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    raw: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User] = relationship()


class Like(db.Model):
    """One member likes a wall post (its opening post) or a comment; one per person and post."""

    __tablename__ = "likes"
    __table_args__ = (UniqueConstraint("post_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Block(db.Model):
    """`blocker` blocked `blocked`: no comments on the blocker's wall, no mentions, no messages."""

    __tablename__ = "blocks"
    __table_args__ = (UniqueConstraint("blocker_id", "blocked_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    blocker_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    blocked_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
