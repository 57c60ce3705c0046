"""What every spoke takes, returns and raises; the hub depends on this module only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class CrossPost:
    """One hub post as it should appear on a social network.

    `link` points back to the hub thread and always survives text shaping; `idempotency_key`
    is the outbox job's key, so a retried job never posts twice where the network allows it.
    `reply_to` is the network's id of a post to answer in its thread (None: a post of its own).
    """

    text: str
    link: str
    image_url: str | None
    language: str
    idempotency_key: str
    hashtags: tuple[str, ...] = ()
    reply_to: str | None = None


@dataclass(frozen=True)
class Receipt:
    """Where the post landed: the network's id (to delete or read replies) and a public URL."""

    remote_id: str
    remote_url: str


@dataclass(frozen=True)
class RemoteReply:
    """A reply written on the network, ready to be mirrored into the hub thread."""

    remote_id: str
    author_name: str
    author_handle: str
    author_url: str
    text: str
    url: str
    created_at: datetime
    deleted: bool = False


class Spoke(Protocol):
    name: str

    def publish(self, post: CrossPost) -> Receipt:
        """Raises: RateLimited, AuthExpired, Rejected, Unavailable."""
        ...

    def delete(self, remote_id: str) -> None:
        """Deleting something already gone succeeds. Raises like `publish`."""
        ...

    def fetch_replies(self, remote_id: str, since: datetime | None) -> list[RemoteReply]:
        """Replies newer than `since` (all when None), oldest first."""
        ...


class SpokeError(Exception):
    """Base of everything a spoke raises; the message never contains credentials."""


class RateLimited(SpokeError):
    """Back off: try again in `retry_after` seconds (the network's own reset time)."""

    def __init__(self, retry_after: float, message: str = "rate limited") -> None:
        super().__init__(f"{message} (retry in {retry_after:.0f} s)")
        self.retry_after = retry_after


class AuthExpired(SpokeError):
    """The token is expired, revoked or lacks a permission: park the spoke until re-auth."""


class Rejected(SpokeError):
    """The network refused this post for good (duplicate, too long, policy); do not retry."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Unavailable(SpokeError):
    """A transient failure (network down, timeout, 5xx): retry with backoff, and not before
    `retry_after` seconds when the network said so (a 503 with Retry-After)."""

    def __init__(self, message: str = "unavailable", retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
