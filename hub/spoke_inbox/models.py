"""Replies fetched from the spokes under our cross-posts, what the team did with them, and the
per-account choice of answering back on the spoke when a question is solved."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.accounts.models import User
from hub.core.columns import UTCDateTime, utcnow
from hub.core.extensions import db
from hub.crosspost.models import Delivery, SpokeAccount


class ItemStatus(enum.StrEnum):
    NEW = "new"
    ANSWERED = "answered"  # an expert answered in the hub thread; the spoke reply points there
    IMPORTED = "imported"  # copied into the hub thread, attributed to its author
    DISMISSED = "dismissed"


class LoopMode(enum.StrEnum):
    """What happens on a spoke account when a cross-posted question gets its answer."""

    ON = "on"  # reply under the cross-post with a short form of the answer and its link
    OFF = "off"
    ASK = "ask"  # the expert who accepted or marked it confirms or edits the text first


DEFAULT_LOOP_MODE = LoopMode.ASK


class InboxItem(db.Model):
    """One reply written on a spoke under one of our cross-posts; fetched once, ever."""

    __tablename__ = "spoke_inbox_items"
    __table_args__ = (UniqueConstraint("account_id", "remote_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("spoke_accounts.id", ondelete="CASCADE"))
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("crosspost_deliveries.id", ondelete="CASCADE"), index=True
    )
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"), index=True)
    remote_id: Mapped[str] = mapped_column(String(255))
    author_name: Mapped[str] = mapped_column(String(200), default="")
    author_handle: Mapped[str] = mapped_column(String(200), default="")
    author_url: Mapped[str] = mapped_column(String(1000), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(1000), default="")
    remote_created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default=ItemStatus.NEW.value, index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # gone from the spoke
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The hub answer, or the imported copy, in the topic.
    post_id: Mapped[int | None] = mapped_column(
        ForeignKey("posts.id", ondelete="SET NULL"), index=True
    )

    account: Mapped[SpokeAccount] = relationship()
    delivery: Mapped[Delivery] = relationship()

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def asks_something(self) -> bool:
        """A reply with a question mark is taken as a question worth answering under."""
        return "?" in self.text


class LoopSetting(db.Model):
    """Per spoke account: answer back on the spoke when a question is solved. No row: ASK."""

    __tablename__ = "spoke_loop_settings"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("spoke_accounts.id", ondelete="CASCADE"), primary_key=True
    )
    mode: Mapped[str] = mapped_column(String(8), default=DEFAULT_LOOP_MODE.value)


class PromptStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    SKIPPED = "skipped"


class LoopPrompt(db.Model):
    """ "Reply on the spoke with this answer?" for the expert who accepted or marked it (ASK)."""

    __tablename__ = "spoke_loop_prompts"
    __table_args__ = (UniqueConstraint("post_id", "delivery_id", "reply_to"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("crosspost_deliveries.id", ondelete="CASCADE")
    )
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("spoke_inbox_items.id", ondelete="CASCADE")
    )
    reply_to: Mapped[str] = mapped_column(String(255), default="")  # a spoke reply's remote id
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=PromptStatus.PENDING.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    delivery: Mapped[Delivery] = relationship()
    user: Mapped[User] = relationship()  # who accepted or marked the answer
