"""Chat rooms, who is in them (read state, mutes) and their messages."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.accounts.models import User
from hub.core.columns import UTCDateTime, utcnow
from hub.core.extensions import db

NAME_MAX = 80
DESCRIPTION_MAX = 300
BODY_MAX = 2000  # characters of Markdown in one message
KEY_MAX = 64  # characters of a client's key for a message (a UUID is 36)


class ChatRoom(db.Model):
    """A public room (created by admins) or a member's private line to the team.

    `message_count` is bumped in the same transaction as every new message: the row lock it
    takes makes messages of one room get their ids in commit order, so `after=<id>` never
    skips a message that committed late.
    """

    __tablename__ = "chat_rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    description: Mapped[str] = mapped_column(String(DESCRIPTION_MAX), default="")
    is_private: Mapped[bool] = mapped_column(default=False)
    # The member a private line belongs to (one line per member); NULL for public rooms.
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    message_count: Mapped[int] = mapped_column(Integer, default=0)
    last_message_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A private line whose member wrote last, waiting for the team since then; NULL once the
    # team has answered (and always for public rooms). Indexed for the team's live counter.
    waiting_since: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    owner: Mapped[User | None] = relationship()


class ChatMember(db.Model):
    """One person's state in one room: what they have read, and a mute by a moderator."""

    __tablename__ = "chat_members"
    __table_args__ = (UniqueConstraint("room_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("chat_rooms.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    last_read_id: Mapped[int] = mapped_column(Integer, default=0)
    muted_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    muted_reason: Mapped[str] = mapped_column(String(500), default="")
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def is_muted(self, now: datetime) -> bool:
        return self.muted_until is not None and self.muted_until > now


class ChatMessage(db.Model):
    """One message: Markdown as typed (`raw`) and cooked once (`html`). Deleting blanks both."""

    __tablename__ = "chat_messages"
    __table_args__ = (
        Index("ix_chat_messages_room_id", "room_id", "id"),
        Index("ix_chat_messages_author_created", "author_id", "created_at"),
        Index("ix_chat_messages_author_key", "author_id", "client_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("chat_rooms.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    raw: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_reason: Mapped[str] = mapped_column(String(500), default="")
    # The sender's own name for the message: sent again (its answer was lost), it is stored once.
    client_key: Mapped[str | None] = mapped_column(String(KEY_MAX))

    room: Mapped[ChatRoom] = relationship()
    author: Mapped[User] = relationship()

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class ConversionStatus(enum.StrEnum):
    PROPOSED = "proposed"  # waiting for the member's consent
    ACCEPTED = "accepted"  # published as a forum question
    DECLINED = "declined"


class ChatConversion(db.Model):
    """An expert's proposal to publish a chat question and its answer as a forum question.

    The texts are the expert's edited copies (personal data left out), not the messages: the
    member sees exactly what would be published and agrees or declines.
    """

    __tablename__ = "chat_conversions"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("chat_rooms.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("chat_messages.id", ondelete="CASCADE"))
    answer_id: Mapped[int] = mapped_column(ForeignKey("chat_messages.id", ondelete="CASCADE"))
    expert_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=ConversionStatus.PROPOSED.value)
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    expert: Mapped[User] = relationship(foreign_keys=[expert_id])
    member: Mapped[User] = relationship(foreign_keys=[member_id])
