"""Teams, their members, and what they are given in categories.

A staff team (`is_staff`) takes experts, moderators and admins: its title is their badge and
its experts answer in the categories it is assigned to. A group (not staff) takes anyone, for
opening a private category to chosen members (super-users, beta testers).
"""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.core.columns import UTCDateTime, utcnow
from hub.core.extensions import db

NAME_MAX = 80
TITLE_MAX = 40  # a badge next to a name: short


class Team(db.Model):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(NAME_MAX), unique=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    name_key: Mapped[str] = mapped_column(String(NAME_MAX), unique=True)  # lower-cased
    title: Mapped[str] = mapped_column(String(TITLE_MAX), default="")
    description: Mapped[str] = mapped_column(String(500), default="")
    is_staff: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    memberships: Mapped[list["TeamMember"]] = relationship(
        back_populates="team", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def badge(self) -> str:
        """The words in its members' badge: the title, or the name when it has none."""
        return self.title or self.name


class TeamMember(db.Model):
    __tablename__ = "team_members"

    team_id: Mapped[int] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )
    # Indexed: a badge and every permission question look a member's teams up by user.
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    team: Mapped[Team] = relationship(back_populates="memberships")
    user = relationship("User")


class TeamCategory(db.Model):
    """The team's experts answer in this category (and hear of its new questions)."""

    __tablename__ = "team_categories"

    team_id: Mapped[int] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )
    space_id: Mapped[int] = mapped_column(
        ForeignKey("spaces.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class TeamPrivateAccess(db.Model):
    """The team's members may read this private category."""

    __tablename__ = "team_private_access"

    team_id: Mapped[int] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )
    space_id: Mapped[int] = mapped_column(
        ForeignKey("spaces.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class CategoryModerator(db.Model):
    """A member who moderates one category (global moderators moderate every one)."""

    __tablename__ = "category_moderators"

    space_id: Mapped[int] = mapped_column(
        ForeignKey("spaces.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user = relationship("User")
