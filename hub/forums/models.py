"""Spaces hold topics, topics hold posts (see DESIGN.md, content model)."""

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.accounts.models import User
from hub.core.columns import UTCDateTime, utcnow
from hub.core.extensions import db

TITLE_MAX = 200
BODY_MAX = 50_000


class SpaceKind(enum.StrEnum):
    CATEGORY = "category"
    WALL = "wall"


class TopicKind(enum.StrEnum):
    QUESTION = "question"
    DISCUSSION = "discussion"
    WALL = "wall"


class Space(db.Model):
    """A forum category, or a wall (the company wall, or one per member)."""

    __tablename__ = "spaces"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default=SpaceKind.CATEGORY.value)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(String(500), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    is_private: Mapped[bool] = mapped_column(Boolean, default=False)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # How a category looks in lists: a hex colour ("#0b5cad", or "" for the default), an icon
    # (one of `hub.forums.marks.ICONS` or an emoji, or ""), and the language its topics are
    # written in ("" for every language the hub offers).
    colour: Mapped[str] = mapped_column(String(7), default="")
    icon: Mapped[str] = mapped_column(String(32), default="")
    language: Mapped[str] = mapped_column(String(8), default="")
    # An archived category is read-only: its topics stay readable, nothing new is written there.
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    owner: Mapped[User | None] = relationship()

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class SpaceSlugRedirect(db.Model):
    """A category's earlier slug: its old addresses answer with a redirect to the new ones."""

    __tablename__ = "space_slug_redirects"

    old_slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Topic(db.Model):
    """A thread: a question, a discussion or a wall post."""

    __tablename__ = "topics"
    __table_args__ = (
        Index("ix_topics_space_activity", "space_id", "last_activity_at"),
        Index("ix_topics_activity", "last_activity_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id"))
    kind: Mapped[str] = mapped_column(String(16), default=TopicKind.QUESTION.value)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    slug: Mapped[str] = mapped_column(String(80), default="")  # readable URL part, from the title
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    reply_count: Mapped[int] = mapped_column(Integer, default=0)
    accepted_post_id: Mapped[int | None] = mapped_column(
        ForeignKey("posts.id", use_alter=True, ondelete="SET NULL")
    )
    is_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    # Kept with every reply so list pages need no join: did a team member answer?
    has_expert_reply: Mapped[bool] = mapped_column(Boolean, default=False)
    view_count: Mapped[int] = mapped_column(Integer, default=0)  # added in batches, never per GET

    space: Mapped[Space] = relationship()
    author: Mapped[User] = relationship()
    tags: Mapped[list["Tag"]] = relationship(secondary="topic_tags", order_by="Tag.name")

    @property
    def is_solved(self) -> bool:
        return self.accepted_post_id is not None


class Post(db.Model):
    """Any long text a person writes: `raw` as typed, `html` cooked once at write time."""

    __tablename__ = "posts"
    __table_args__ = (
        UniqueConstraint("topic_id", "number"),
        # The few hidden opening posts: lists leave their topics out with one look at this.
        Index(
            "ix_posts_hidden_opening",
            "topic_id",
            sqlite_where=text("number = 1 AND hidden_at IS NOT NULL"),
            postgresql_where=text("number = 1 AND hidden_at IS NOT NULL"),
        ),
        # A topic's best shown reply is the last entry of its part (the lists' votes column).
        Index(
            "ix_posts_shown_reply_score",
            "topic_id",
            "score",
            sqlite_where=text("number > 1 AND hidden_at IS NULL"),
            postgresql_where=text("number > 1 AND hidden_at IS NULL"),
        ),
        # A topic's official answers without reading its other replies (the pinned answers).
        Index("ix_posts_topic_official", "topic_id", "is_official", "number"),
        # A write sent again finds the post it made (hub.core.write_keys).
        Index("ix_posts_author_key", "author_id", "client_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)  # 1 is the opening post
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    raw: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    is_official: Mapped[bool] = mapped_column(Boolean, default=False)
    official_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    official_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    score: Mapped[int] = mapped_column(Integer, default=0)  # up-votes, kept in step with `votes`
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_reason: Mapped[str] = mapped_column(String(500), default="")
    client_key: Mapped[str | None] = mapped_column(String(64))  # the write's digest, if keyed

    topic: Mapped[Topic] = relationship(foreign_keys=[topic_id])
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    official_by: Mapped[User | None] = relationship(foreign_keys=[official_by_id])

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Vote(db.Model):
    """One member's up-vote on a reply; one per person and post."""

    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("post_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class FollowKind(enum.StrEnum):
    TOPIC = "topic"
    SPACE = "space"
    USER = "user"


class Follow(db.Model):
    """A member follows a topic, a category (space) or another member."""

    __tablename__ = "follows"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "target_id"),
        Index("ix_follows_target", "kind", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Tag(db.Model):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)  # lower-case, letters digits -


class TopicTag(db.Model):
    __tablename__ = "topic_tags"

    topic_id: Mapped[int] = mapped_column(
        ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class PostRevision(db.Model):
    """The text of a post before an edit, with who edited and why."""

    __tablename__ = "post_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    raw: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(String(TITLE_MAX), default="")  # the topic's, if it changed
    editor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
