"""Users, their login sessions and API tokens."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.core.columns import UTCDateTime, utcnow
from hub.core.extensions import db


class Role(enum.StrEnum):
    MEMBER = "member"
    EXPERT = "expert"
    MODERATOR = "moderator"
    ADMIN = "admin"


# Company staff: shown with the team badge wherever their name appears.
STAFF_ROLES = {Role.EXPERT, Role.ADMIN}


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(30))
    username_key: Mapped[str] = mapped_column(String(30), unique=True)  # lower-cased
    email: Mapped[str] = mapped_column(String(254))
    email_key: Mapped[str] = mapped_column(String(254), unique=True)  # lower-cased
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    password_hash: Mapped[str | None] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(60), default="")
    role: Mapped[str] = mapped_column(String(16), default=Role.MEMBER.value)
    locale: Mapped[str | None] = mapped_column(String(8))
    bio: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    suspended_reason: Mapped[str] = mapped_column(String(500), default="")
    silenced_until: Mapped[datetime | None] = mapped_column(UTCDateTime())

    sessions: Mapped[list["AuthSession"]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    # Flask-Login protocol. The id Flask-Login stores is the login session's token, not the
    # user id, so ending that session server-side logs the browser out.
    session_token = None  # set per instance; not a column
    is_anonymous = False

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return True

    def get_id(self) -> str | None:
        return self.session_token

    @property
    def name(self) -> str:
        return self.display_name or self.username

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_expert(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_moderator(self) -> bool:
        return self.role in (Role.MODERATOR, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def is_suspended(self, now: datetime) -> bool:
        return self.suspended_until is not None and self.suspended_until > now

    def is_silenced(self, now: datetime) -> bool:
        return self.silenced_until is not None and self.silenced_until > now

    @property
    def initials(self) -> str:
        parts = [p for p in self.name.replace("_", " ").replace("-", " ").split() if p]
        return "".join(p[0] for p in parts[:2]).upper() or self.username[:1].upper()


class AuthSession(db.Model):
    """One logged-in browser. Logout deletes the row; a password change deletes the others."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    user_agent: Mapped[str] = mapped_column(String(200), default="")

    user: Mapped[User] = relationship(back_populates="sessions")


class ApiToken(db.Model):
    """A bearer token for the JSON API, stored only as its hash."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()


class SocialIdentity(db.Model):
    """An account at Google, Facebook, X, a Mastodon instance or an OpenID Connect provider that
    logs in to a hub user. `subject` is the provider's stable id (for Mastodon `id@instance`)."""

    __tablename__ = "social_identities"
    __table_args__ = (UniqueConstraint("provider", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    provider: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(255))
    email: Mapped[str] = mapped_column(String(254), default="")
    email_verified: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship()


class MastodonApp(db.Model):
    """The client credentials this hub registered at one Mastodon instance (any instance works:
    the first sign-in there registers the app)."""

    __tablename__ = "mastodon_apps"

    id: Mapped[int] = mapped_column(primary_key=True)
    instance: Mapped[str] = mapped_column(String(253), unique=True)  # lower-case host name
    client_id: Mapped[str] = mapped_column(String(255))
    client_secret: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
