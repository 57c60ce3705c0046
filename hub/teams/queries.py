"""What the teams tables answer: a staff member's badge, a category's experts and moderators,
and who may read a private category. Each question is one query; the badges one per request."""

from dataclasses import dataclass

from flask import g, has_app_context
from sqlalchemy import exists, select, union

from hub.core.extensions import db
from hub.teams.models import CategoryModerator, Team, TeamCategory, TeamMember, TeamPrivateAccess

_BADGES = "nabe_team_badges"  # flask.g key: this request's badges


@dataclass(frozen=True)
class Badge:
    title: str
    slug: str


def badge_of(user_id: int | None) -> Badge | None:
    """The badge of the member's primary staff team: the one joined first (groups give no
    badge). All badges are read at the first one a request shows (staff teams are few, their
    members the staff), so a page of posts asks once, not once per author; a page without a
    team member's name does not ask."""
    if user_id is None:
        return None
    return _badges().get(user_id)


def _badges() -> dict[int, Badge]:
    if has_app_context() and _BADGES in g:
        return g.get(_BADGES)
    stmt = (
        select(TeamMember.user_id, Team.title, Team.name, Team.slug)
        .join(Team, Team.id == TeamMember.team_id)
        .where(Team.is_staff.is_(True))
        .order_by(TeamMember.joined_at, Team.id)
    )
    badges: dict[int, Badge] = {}
    for user_id, title, name, slug in db.session.execute(stmt):
        badges.setdefault(user_id, Badge(title or name, slug))
    if has_app_context():
        setattr(g, _BADGES, badges)
    return badges


def forget_badges() -> None:
    """After a change to teams: the next badge is read again."""
    if has_app_context():
        g.pop(_BADGES, None)


# --- experts and moderators of a category ------------------------------------------------------


def has_expert_teams(space_id: int) -> bool:
    return bool(db.session.scalar(select(exists().where(TeamCategory.space_id == space_id))))


def is_team_expert_in(user_id: int, space_id: int) -> bool:
    """Is the member in one of the teams assigned to the category?"""
    stmt = select(
        exists().where(
            TeamMember.user_id == user_id,
            TeamMember.team_id == TeamCategory.team_id,
            TeamCategory.space_id == space_id,
        )
    )
    return bool(db.session.scalar(stmt))


def expert_team_member_ids(space_id: int):
    """A statement of the ids of the members of the teams assigned to the category (each
    once, whether in one team or two)."""
    return (
        select(TeamMember.user_id)
        .join(TeamCategory, TeamCategory.team_id == TeamMember.team_id)
        .where(TeamCategory.space_id == space_id)
        .distinct()
    )


def is_category_moderator(user_id: int, space_id: int) -> bool:
    stmt = select(
        exists().where(CategoryModerator.user_id == user_id, CategoryModerator.space_id == space_id)
    )
    return bool(db.session.scalar(stmt))


# --- private categories ------------------------------------------------------------------------


def opened_space_ids(user_id):
    """A statement of the private categories opened to the member, by a team or as one of its
    moderators. `user_id` may be a bound parameter, or None for a visitor (then none)."""
    by_team = (
        select(TeamPrivateAccess.space_id)
        .join(TeamMember, TeamMember.team_id == TeamPrivateAccess.team_id)
        .where(TeamMember.user_id == user_id)
    )
    as_moderator = select(CategoryModerator.space_id).where(CategoryModerator.user_id == user_id)
    return union(by_team, as_moderator)


def is_opened_to(user_id: int, space_id: int) -> bool:
    opened = opened_space_ids(user_id).subquery()
    return bool(db.session.scalar(select(exists().where(opened.c.space_id == space_id))))


def readers_of(space_id: int) -> list[Team]:
    """The teams and groups opened a private category, by name."""
    stmt = (
        select(Team)
        .join(TeamPrivateAccess, TeamPrivateAccess.team_id == Team.id)
        .where(TeamPrivateAccess.space_id == space_id)
        .order_by(Team.name)
    )
    return list(db.session.scalars(stmt))
