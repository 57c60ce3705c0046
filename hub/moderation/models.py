"""Reports (flags), the moderation log, appeals, registration counts and site settings."""

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.accounts.models import User
from hub.core.columns import UTCDateTime, utcnow
from hub.core.extensions import db
from hub.forums.models import Post

# Legal deletion keeps the row (post numbers have no gaps), blanks its text and leaves a public
# tombstone: `hidden_at`/`hidden_reason` as for any hidden post, plus this mark, which makes the
# decision final (a deleted post cannot be restored). Declared here, next to the migration that
# adds it (0004), so the forums models stay as their owners wrote them.
Post.deleted_at = mapped_column(UTCDateTime(), nullable=True)


# "Until lifted": a suspension or silence without an end is stored with this end.
INDEFINITELY = datetime(9999, 12, 31, tzinfo=UTC)


def is_indefinite(until: datetime | None) -> bool:
    return until is not None and until.year >= INDEFINITELY.year


class TargetType(enum.StrEnum):
    POST = "post"
    USER = "user"
    MESSAGE = "message"  # chat messages, once chat exists


class FlagStatus(enum.StrEnum):
    OPEN = "open"
    DISMISSED = "dismissed"  # reviewed, no action
    ACTIONED = "actioned"  # a moderator acted on the target


class Flag(db.Model):
    """One member's report of a post, a user (or later a chat message), with a reason.

    `open_slot` is 1 while the report is open and NULL once handled: the unique constraint
    then allows one open report per member and target (NULLs never collide), even when the
    same member sends two at once.
    """

    __tablename__ = "flags"
    __table_args__ = (
        UniqueConstraint("reporter_id", "target_type", "target_id", "open_slot"),
        Index("ix_flags_target", "target_type", "target_id", "status"),
        Index("ix_flags_status_created", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column(Integer)
    target_user_id: Mapped[int | None] = mapped_column(  # the author of the target, or the user
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(String(1000), default="")
    weight: Mapped[float] = mapped_column(Float, default=1.0)  # see reports.reporter_weight
    status: Mapped[str] = mapped_column(String(16), default=FlagStatus.OPEN.value)
    open_slot: Mapped[int | None] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("moderation_actions.id", ondelete="SET NULL")
    )

    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id])
    target_user: Mapped[User | None] = relationship(foreign_keys=[target_user_id])
    handled_by: Mapped[User | None] = relationship(foreign_keys=[handled_by_id])

    @property
    def is_open(self) -> bool:
        return self.status == FlagStatus.OPEN


class Action(enum.StrEnum):
    """What a log entry records. `actor_id` NULL means the hub did it on its own."""

    DISMISS = "dismiss"  # reports closed without action
    HIDE = "hide"
    RESTORE = "restore"
    EDIT = "edit"
    DELETE = "delete"  # legal deletion: text gone, tombstone stays
    SUSPEND = "suspend"
    SILENCE = "silence"
    LIFT = "lift"  # suspension and silence lifted
    MARK_SPAMMER = "mark_spammer"
    AUTO_HIDE = "auto_hide"  # by reports, pending review (automatic)
    HOLD = "hold"  # a new member's first post, awaiting approval (automatic)
    APPROVE = "approve"
    APPEAL = "appeal"  # an appeal decided: `outcome` says upheld or overturned
    CHAT_DELETE = "chat_delete"  # a chat message deleted by a moderator (public reason)
    CHAT_MUTE = "chat_mute"  # a member muted in a chat room `until`


class ModerationAction(db.Model):
    """One entry of the moderation log: who did what to which target, and why.

    `public_reason` is shown to everyone (in place of a hidden post, on a profile); `note` is
    for moderators only. `reason_code` is the reason from the list (or `other` for a written
    one) so the transparency page can count by reason.
    """

    __tablename__ = "moderation_actions"
    __table_args__ = (
        Index("ix_moderation_actions_target", "target_type", "target_id"),
        Index("ix_moderation_actions_created", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(16))
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int] = mapped_column(Integer)
    target_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    reason_code: Mapped[str] = mapped_column(String(32), default="")
    public_reason: Mapped[str] = mapped_column(String(500), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    until: Mapped[datetime | None] = mapped_column(UTCDateTime())  # suspensions and silences
    outcome: Mapped[str] = mapped_column(String(16), default="")  # appeals: upheld, overturned
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    target_user: Mapped[User | None] = relationship(foreign_keys=[target_user_id])
    appeal: Mapped["Appeal | None"] = relationship(
        back_populates="action", foreign_keys="Appeal.action_id", uselist=False
    )

    @property
    def is_automatic(self) -> bool:
        return self.actor_id is None


class AppealStatus(enum.StrEnum):
    OPEN = "open"
    UPHELD = "upheld"  # the decision stands
    OVERTURNED = "overturned"  # the decision was undone


class Appeal(db.Model):
    """The affected member's one appeal against one decision, for another moderator."""

    __tablename__ = "moderation_appeals"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("moderation_actions.id", ondelete="CASCADE"), unique=True
    )
    appellant_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(16), default=AppealStatus.OPEN.value, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome_reason: Mapped[str] = mapped_column(String(500), default="")

    action: Mapped[ModerationAction] = relationship(
        back_populates="appeal", foreign_keys=[action_id]
    )
    appellant: Mapped[User] = relationship(foreign_keys=[appellant_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def is_open(self) -> bool:
        return self.status == AppealStatus.OPEN


class Registration(db.Model):
    """A registration from an address, kept for a day to limit sign-ups per IP.

    Only a keyed hash of the address is stored, never the address itself.
    """

    __tablename__ = "moderation_registrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    ip_hash: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class SiteSetting(db.Model):
    """A site setting an admin changed in the hub; settings without a row have their default."""

    __tablename__ = "site_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(db.JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
