"""Spoke accounts, what each category cross-posts, deliveries and tracked `/go/<code>` links."""

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.core.columns import UTCDateTime, utcnow
from hub.core.extensions import db
from hub.crosspost import tokens

NETWORKS = ("mastodon", "x", "facebook")


class AccountState(enum.StrEnum):
    OK = "ok"
    NEEDS_RECONNECT = "needs_reconnect"  # the token was refused: deliveries park until re-auth


class RuleMode(enum.StrEnum):
    NEW = "new"  # every new question of the category
    SOLVED = "solved"  # a question once it has an accepted answer
    NOTHING = "nothing"


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"  # a retry is scheduled
    DEAD = "dead"  # given up (rejected, needs reconnect, out of attempts): an admin may retry


DELIVERY_STATUSES = tuple(DeliveryStatus)


def _sealed(column: str) -> property:
    """A secret stored encrypted in `<column>_sealed` (see tokens.py), read and set in clear.

    Reading raises tokens.TokenKeyError when the configured keys cannot decrypt it.
    """
    attribute = f"{column}_sealed"

    def read(account) -> str:
        return tokens.unseal(getattr(account, attribute) or "")

    def write(account, value: str) -> None:
        setattr(account, attribute, tokens.seal(value or ""))

    return property(read, write)


class SpokeAccount(db.Model):
    """One connected account on a network; its secrets are encrypted at rest."""

    __tablename__ = "spoke_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    network: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(120))
    instance_url: Mapped[str] = mapped_column(String(500), default="")  # Mastodon only
    page_id: Mapped[str] = mapped_column(String(128), default="")  # Facebook only
    client_id: Mapped[str] = mapped_column(String(128), default="")  # X OAuth 2.0 client
    client_secret_sealed: Mapped[str] = mapped_column("client_secret", Text, default="")
    access_token_sealed: Mapped[str] = mapped_column("access_token", Text, default="")
    refresh_token_sealed: Mapped[str] = mapped_column("refresh_token", Text, default="")
    token_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(24), default=AccountState.OK.value)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)  # demo data: never delivered
    # When the current "needs reconnect" incident began: the admins are told once per incident.
    reconnect_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    client_secret = _sealed("client_secret")  # X confidential client
    access_token = _sealed("access_token")
    refresh_token = _sealed("refresh_token")

    @property
    def needs_reconnect(self) -> bool:
        return self.state == AccountState.NEEDS_RECONNECT

    @property
    def tokens_readable(self) -> bool:
        """False when the configured keys cannot decrypt this account's secrets."""
        try:
            for secret in ("access_token", "refresh_token", "client_secret"):
                getattr(self, secret)
        except tokens.TokenKeyError:
            return False
        return True


class CrossPostRule(db.Model):
    """What a category sends to every connected account; no row means nothing."""

    __tablename__ = "crosspost_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), unique=True)
    mode: Mapped[str] = mapped_column(String(16), default=RuleMode.NOTHING.value)
    hashtags: Mapped[str] = mapped_column(String(200), default="")  # space-separated

    @property
    def hashtag_list(self) -> tuple[str, ...]:
        return tuple(self.hashtags.split())


class Delivery(db.Model):
    """One piece of hub content on one spoke account: at most one remote post, ever."""

    __tablename__ = "crosspost_deliveries"
    __table_args__ = (UniqueConstraint("content_type", "content_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    content_type: Mapped[str] = mapped_column(String(16))  # see hub/crosspost/contents.py
    content_id: Mapped[int] = mapped_column(Integer)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("spoke_accounts.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(16))  # new, solved, share, issue, update, ...
    text: Mapped[str] = mapped_column(Text, default="")  # the text to post, before shaping
    status: Mapped[str] = mapped_column(String(16), default=DeliveryStatus.PENDING.value)
    idempotency_key: Mapped[str] = mapped_column(String(255), unique=True)  # also the job's key
    remote_id: Mapped[str] = mapped_column(String(255), default="")
    remote_url: Mapped[str] = mapped_column(String(1000), default="")
    error: Mapped[str] = mapped_column(String(2000), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    # A reply: posted under the parent's remote post, or under `reply_to` (a remote id on the
    # parent's account, such as a spoke reply) when set.
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("crosspost_deliveries.id", ondelete="SET NULL"), index=True
    )
    reply_to: Mapped[str] = mapped_column(String(255), default="")

    account: Mapped[SpokeAccount] = relationship()
    parent: Mapped["Delivery | None"] = relationship(remote_side=[id])


class TrackedLink(db.Model):
    """`/go/<code>`: one per (content, account), redirecting to a path on the hub only.

    Clicks are counted; nothing about the visitor (no IP) is stored.
    """

    __tablename__ = "tracked_links"
    __table_args__ = (UniqueConstraint("content_type", "content_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    content_type: Mapped[str] = mapped_column(String(16))
    content_id: Mapped[int] = mapped_column(Integer)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("spoke_accounts.id", ondelete="CASCADE")
    )
    target_path: Mapped[str] = mapped_column(String(500))  # "/t/12-slug": a hub path, never a URL
    clicks: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
