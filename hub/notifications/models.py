"""Notifications shown in the bell and list, and each member's e-mail choice per kind."""

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.accounts.models import User
from hub.core.columns import UTCDateTime, utcnow
from hub.core.extensions import db
from hub.forums.models import Post, Topic


class Kind(enum.StrEnum):
    REPLY = "reply"  # a reply in a topic the member follows
    MENTION = "mention"  # an @mention in a post
    ACCEPTED = "accepted"  # the member's answer was accepted
    OFFICIAL = "official"  # the member's answer was marked official
    EXPERT_ANSWER = "expert_answer"  # a team member answered the member's question
    NEW_QUESTION = "new_question"  # a question in a category the expert's team answers in
    CHAT_REPLY = "chat_reply"  # the team answered on the member's private line
    MODERATION = "moderation"  # a moderator decided about the member or their post
    SPOKE_RECONNECT = "spoke_reconnect"  # a spoke account needs an admin to connect it again


KINDS = tuple(Kind)

# Kinds about something other than a forum post: they carry their own path and text.
DIRECT_KINDS = (Kind.CHAT_REPLY, Kind.MODERATION, Kind.SPOKE_RECONNECT)
STAFF_KINDS = (Kind.SPOKE_RECONNECT, Kind.NEW_QUESTION)  # only the team can receive these

# What one new post can mean to a person, strongest first: each person gets only the first
# that applies, so one post never rings the bell twice.
POST_KINDS = (Kind.MENTION, Kind.EXPERT_ANSWER, Kind.NEW_QUESTION, Kind.REPLY)


class Notification(db.Model):
    """Something that happened for `user`: `actor` did `kind` with `post` in `topic`, or, for
    the direct kinds, something told in `text` that lives at the hub `path` (`ref` names it,
    so a retried job never tells anyone twice)."""

    __tablename__ = "notifications"
    __table_args__ = (
        # A retried job finds the row it wrote before instead of writing a second one.
        UniqueConstraint("user_id", "kind", "post_id"),
        UniqueConstraint("user_id", "kind", "ref", name="uq_notifications_user_kind_ref"),
        # The bell's question on every page: how many of mine are unread?
        Index("ix_notifications_user_read", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[str] = mapped_column(String(500), default="")  # direct kinds: where to go
    text: Mapped[str] = mapped_column(String(300), default="")  # direct kinds: what happened
    ref: Mapped[str | None] = mapped_column(String(120))  # direct kinds: what it is about
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    topic: Mapped[Topic | None] = relationship()
    post: Mapped[Post | None] = relationship()

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationSetting(db.Model):
    """A member's e-mail choice for one kind; no row means the default, e-mail on."""

    __tablename__ = "notification_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    email: Mapped[bool] = mapped_column(Boolean, default=True)
