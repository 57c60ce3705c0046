"""The audit log: one row per change an admin made, with the values before and after."""

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.accounts.models import User
from hub.core.columns import UTCDateTime, utcnow
from hub.core.extensions import db


class AuditEntry(db.Model):
    """Who changed what, from which values to which.

    `target_label` is the target's name when it changed (a deleted category still reads well in
    the log); `before` and `after` hold only the fields the change touched.
    """

    __tablename__ = "admin_audit_log"
    __table_args__ = (Index("ix_admin_audit_log_target", "target_type", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))  # "category.create", "user.role", …
    target_type: Mapped[str] = mapped_column(String(24))
    target_id: Mapped[str] = mapped_column(String(80), default="")
    target_label: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(String(500), default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(db.JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(db.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
