"""Teams and category moderators, as admins change them: every change checked by
`permissions.can_manage_teams`, written with its audit entry in one transaction.

Staff teams take experts, moderators and admins (a plain member is refused: the team's title
tells readers the person works for the company); groups take anyone.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from hub import permissions
from hub.accounts.models import Role, User
from hub.admin import audit
from hub.core.errors import Invalid, NotFound
from hub.core.extensions import db
from hub.core.text import slugify
from hub.forums.models import Space, SpaceKind
from hub.teams import queries
from hub.teams.models import (
    NAME_MAX,
    TITLE_MAX,
    CategoryModerator,
    Team,
    TeamCategory,
    TeamMember,
    TeamPrivateAccess,
)

STAFF_TEAM_ROLES = {Role.EXPERT, Role.MODERATOR, Role.ADMIN}
DESCRIPTION_MAX = 500

for _code, _label in (
    ("team.create", _l("created a team")),
    ("team.edit", _l("changed a team")),
    ("team.delete", _l("deleted a team")),
    ("team.member_add", _l("added a member to a team")),
    ("team.member_remove", _l("removed a member from a team")),
    ("team.categories", _l("changed a team's categories")),
    ("category.moderator_add", _l("made a member moderator of a category")),
    ("category.moderator_remove", _l("removed a category moderator")),
):
    audit.describe(_code, _label)


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(_("Please correct the marked fields."), {field: message})


def get_team(slug: str) -> Team:
    """Raises: NotFound."""
    team = db.session.scalar(select(Team).where(Team.slug == slug))
    if team is None:
        raise NotFound(_("There is no such team."))
    return team


def _state(team: Team) -> dict:
    return {
        "name": team.name,
        "slug": team.slug,
        "title": team.title,
        "description": team.description,
        "staff": team.is_staff,
    }


# --- a team's own values ---------------------------------------------------------------------


def create_team(actor, *, name, slug="", title="", description="", staff=True) -> Team:
    """Raises: Forbidden, Invalid (an empty or taken name or address)."""
    permissions.require(permissions.can_manage_teams(actor))
    team = Team()
    _apply(team, name, slug, title, description, staff)
    db.session.add(team)
    db.session.flush()
    audit.record(actor, "team.create", "team", team.id, target_label=team.name, after=_state(team))
    _commit()
    return team


def edit_team(actor, team_slug: str, *, name, slug="", title="", description="", staff=True):
    """Raises: Forbidden, NotFound, Invalid (as `create_team`, or a staff team that would
    hold plain members)."""
    permissions.require(permissions.can_manage_teams(actor))
    team = get_team(team_slug)
    plain = _plain_members(team.id) if staff and not team.is_staff else []
    if plain:
        raise _invalid(
            "staff",
            _(
                "Some members of this group are not staff; remove them first: %(names)s",
                names=", ".join(plain),
            ),
        )
    if not staff and team.is_staff and assigned(team)[0]:
        raise _invalid(
            "staff", _("This team answers in categories; take them off before making it a group.")
        )
    before = _state(team)
    _apply(team, name, slug, title, description, staff)
    audit.record(
        actor,
        "team.edit",
        "team",
        team.id,
        target_label=team.name,
        before=before,
        after=_state(team),
    )
    _commit()
    return team


def _apply(team: Team, name, slug, title, description, staff) -> None:
    """Check and set the values. Raises: Invalid (nothing is set then)."""
    name = " ".join((name or "").split())
    if not name:
        raise _invalid("name", _("Give the team a name."))
    if len(name) > NAME_MAX:
        raise _invalid("name", _("At most %(n)d characters.", n=NAME_MAX))
    slug = slugify((slug or "").strip() or name, NAME_MAX)
    title = " ".join((title or "").split())
    if len(title) > TITLE_MAX:
        raise _invalid("title", _("At most %(n)d characters.", n=TITLE_MAX))
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise _invalid("description", _("At most %(n)d characters.", n=DESCRIPTION_MAX))
    others = select(Team.id).where(Team.id != team.id) if team.id else select(Team.id)
    if db.session.scalar(others.where(Team.name_key == name.lower())) is not None:
        raise _invalid("name", _("A team with this name exists already."))
    if db.session.scalar(others.where(Team.slug == slug)) is not None:
        raise _invalid("slug", _("A team with this address exists already."))
    team.name, team.name_key, team.slug = name, name.lower(), slug
    team.title, team.description, team.is_staff = title, description, bool(staff)


def _plain_members(team_id: int) -> list[str]:
    stmt = (
        select(User.username)
        .join(TeamMember, TeamMember.user_id == User.id)
        .where(TeamMember.team_id == team_id, User.role.not_in([r.value for r in STAFF_TEAM_ROLES]))
        .order_by(User.username)
    )
    return list(db.session.scalars(stmt))


def delete_team(actor, team_slug: str) -> None:
    """Delete the team, its memberships and its categories. Raises: Forbidden, NotFound."""
    permissions.require(permissions.can_manage_teams(actor))
    team = get_team(team_slug)
    members = len(team.memberships)
    audit.record(
        actor,
        "team.delete",
        "team",
        team.id,
        target_label=team.name,
        before={**_state(team), "members": members},
    )
    for table in (TeamCategory, TeamPrivateAccess):  # the memberships go with the team
        db.session.execute(delete(table).where(table.team_id == team.id))
    db.session.delete(team)
    _commit()


def _commit() -> None:
    db.session.commit()
    queries.forget_badges()


# --- members ---------------------------------------------------------------------------------


def _member_named(username: str, field: str = "username") -> User:
    """Raises: Invalid (nobody has that name)."""
    username = (username or "").strip().lstrip("@")
    user = db.session.scalar(select(User).where(User.username_key == username.lower()))
    if not username or user is None:
        raise _invalid(field, _("No member is called “%(name)s”.", name=username))
    return user


def add_member(actor, team_slug: str, username: str) -> TeamMember:
    """Raises: Forbidden, NotFound, Invalid (unknown name, a plain member in a staff team,
    already a member)."""
    permissions.require(permissions.can_manage_teams(actor))
    team = get_team(team_slug)
    user = _member_named(username)
    if team.is_staff and user.role not in STAFF_TEAM_ROLES:
        raise _invalid(
            "username",
            _(
                "%(name)s is a member, not staff: a staff team takes experts, moderators and "
                "admins. Change the role first, or use a group.",
                name=user.username,
            ),
        )
    if db.session.get(TeamMember, (team.id, user.id)) is not None:
        raise _invalid("username", _("%(name)s is in this team already.", name=user.username))
    membership = TeamMember(team_id=team.id, user_id=user.id)
    db.session.add(membership)
    audit.record(
        actor,
        "team.member_add",
        "team",
        team.id,
        target_label=team.name,
        before={"member": None},
        after={"member": user.username},
    )
    _commit()
    return membership


def remove_member(actor, team_slug: str, user_id: int) -> None:
    """Raises: Forbidden, NotFound (no such team or not a member)."""
    permissions.require(permissions.can_manage_teams(actor))
    team = get_team(team_slug)
    membership = db.session.get(TeamMember, (team.id, user_id))
    if membership is None:
        raise NotFound(_("This person is not in the team."))
    audit.record(
        actor,
        "team.member_remove",
        "team",
        team.id,
        target_label=team.name,
        before={"member": membership.user.username},
        after={"member": None},
    )
    db.session.delete(membership)
    _commit()


def members(team: Team) -> list[User]:
    stmt = (
        select(User)
        .join(TeamMember, TeamMember.user_id == User.id)
        .where(TeamMember.team_id == team.id)
        .order_by(TeamMember.joined_at, User.username_key)
    )
    return list(db.session.scalars(stmt))


def list_teams() -> list[tuple[Team, int]]:
    """Every team with its number of members, by name."""
    count = (
        select(func.count()).where(TeamMember.team_id == Team.id).correlate(Team).scalar_subquery()
    )
    rows = db.session.execute(select(Team, count).order_by(Team.name_key))
    return [tuple(row) for row in rows]


# --- categories --------------------------------------------------------------------------------


def categories() -> list[Space]:
    """Every category, in the forum's order, for the checkboxes."""
    stmt = select(Space).where(Space.kind == SpaceKind.CATEGORY.value)
    return list(db.session.scalars(stmt.order_by(Space.position, Space.name)))


def assigned(team: Team) -> tuple[set[int], set[int]]:
    """The ids of the categories the team answers in, and of the private ones it may read."""
    answers = select(TeamCategory.space_id).where(TeamCategory.team_id == team.id)
    reads = select(TeamPrivateAccess.space_id).where(TeamPrivateAccess.team_id == team.id)
    return set(db.session.scalars(answers)), set(db.session.scalars(reads))


def set_categories(actor, team_slug: str, answers: set[int], reads: set[int]) -> Team:
    """Assign the categories the team's experts answer in (staff teams only) and the private
    ones its members may read. Raises: Forbidden, NotFound, Invalid (an unknown category, a
    public one to read, or categories to answer for a group)."""
    permissions.require(permissions.can_manage_teams(actor))
    team = get_team(team_slug)
    spaces = {space.id: space for space in categories()}
    if not (answers | reads) <= set(spaces):
        raise _invalid("answers", _("Choose among the categories listed."))
    if answers and not team.is_staff:
        raise _invalid("answers", _("Only a staff team answers in categories; this is a group."))
    if any(not spaces[space_id].is_private for space_id in reads):
        raise _invalid("reads", _("Only private categories are opened to teams."))
    before_answers, before_reads = assigned(team)
    _replace(TeamCategory, team.id, before_answers, answers)
    _replace(TeamPrivateAccess, team.id, before_reads, reads)
    audit.record(
        actor,
        "team.categories",
        "team",
        team.id,
        target_label=team.name,
        before={"answers": _slugs(spaces, before_answers), "reads": _slugs(spaces, before_reads)},
        after={"answers": _slugs(spaces, answers), "reads": _slugs(spaces, reads)},
    )
    _commit()
    return team


def _replace(table, team_id: int, before: set[int], after: set[int]) -> None:
    if before - after:
        db.session.execute(
            delete(table).where(table.team_id == team_id, table.space_id.in_(before - after))
        )
    db.session.add_all(table(team_id=team_id, space_id=space_id) for space_id in after - before)


def _slugs(spaces: dict[int, Space], ids: set[int]) -> list[str]:
    return sorted(spaces[i].slug for i in ids if i in spaces)


# --- category moderators -------------------------------------------------------------------------


def category_moderators() -> list[tuple[Space, User]]:
    stmt = (
        select(Space, User)
        .join(CategoryModerator, CategoryModerator.space_id == Space.id)
        .join(User, User.id == CategoryModerator.user_id)
        .order_by(Space.position, Space.name, User.username_key)
    )
    return [tuple(row) for row in db.session.execute(stmt)]


def add_category_moderator(actor, space_id: int, username: str) -> CategoryModerator:
    """Raises: Forbidden, Invalid (unknown category or name, a moderator already)."""
    permissions.require(permissions.can_manage_teams(actor))
    space = db.session.get(Space, space_id)
    if space is None or space.kind != SpaceKind.CATEGORY.value:
        raise _invalid("category", _("Choose among the categories listed."))
    user = _member_named(username)
    if user.is_moderator:
        raise _invalid(
            "username", _("%(name)s moderates every category already.", name=user.username)
        )
    if db.session.get(CategoryModerator, (space.id, user.id)) is not None:
        raise _invalid(
            "username", _("%(name)s moderates this category already.", name=user.username)
        )
    row = CategoryModerator(space_id=space.id, user_id=user.id)
    db.session.add(row)
    audit.record(
        actor,
        "category.moderator_add",
        "category",
        space.id,
        target_label=space.name,
        before={"moderator": None},
        after={"moderator": user.username},
    )
    _commit()
    return row


def remove_category_moderator(actor, space_id: int, user_id: int) -> None:
    """Raises: Forbidden, NotFound."""
    permissions.require(permissions.can_manage_teams(actor))
    row = db.session.get(CategoryModerator, (space_id, user_id))
    if row is None:
        raise NotFound(_("This person does not moderate the category."))
    space = db.session.get(Space, space_id)
    audit.record(
        actor,
        "category.moderator_remove",
        "category",
        space_id,
        target_label=space.name,
        before={"moderator": row.user.username},
        after={"moderator": None},
    )
    db.session.delete(row)
    _commit()
