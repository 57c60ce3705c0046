"""/api/v1 members for the team: the members list with the search and filters of
`/admin/users` (moderators read it, without e-mail addresses) and the role change with a
reason (admins), through the same queries and service as the pages."""

from flask import url_for
from flask_babel import gettext as _
from pydantic import Field

from hub import permissions
from hub.accounts.api import UserOut, user_json
from hub.accounts.models import Role
from hub.admin import member_queries, members
from hub.api.auth import require_api_user
from hub.api.blueprints import api_blueprint
from hub.api.schema import Strict, endpoint
from hub.core.columns import utcnow
from hub.core.errors import Invalid
from hub.forums.api.cursors import decode_cursor, encode_cursor
from hub.forums.api.schemas import Query
from hub.forums.api.serializers import iso_time

bp = api_blueprint("admin_members_api", __name__)

TAG = "admin"
ROLES = [role.value for role in Role]


class MembersQuery(Query):
    q: str | None = Field(default=None, max_length=100, description="name (or e-mail, admins)")
    role: str | None = Field(default=None, max_length=20, json_schema_extra={"enum": ROLES})
    state: str | None = Field(
        default=None, max_length=20, json_schema_extra={"enum": list(member_queries.STATES)}
    )
    joined_from: str | None = Field(default=None, max_length=20, description="YYYY-MM-DD")
    joined_to: str | None = Field(default=None, max_length=20, description="YYYY-MM-DD, inclusive")
    sort: str | None = Field(
        default=None, max_length=20, json_schema_extra={"enum": list(member_queries.SORTS)}
    )
    cursor: str | None = Field(default=None, max_length=40)


class MemberOut(UserOut):
    email: str | None = None  # admins only
    email_confirmed: bool
    created_at: str
    suspended_until: str | None  # in the future while suspended
    silenced_until: str | None  # in the future while read-only
    providers: list[str]  # sign-in providers
    admin_url: str


class MemberListOut(Strict):
    items: list[MemberOut]
    total: int
    next: str | None


class RoleIn(Strict):
    role: str = Field(max_length=20, json_schema_extra={"enum": ROLES})
    reason: str = Field(max_length=members.REASON_MAX, description="kept in the audit log")


def member_json(row: member_queries.MemberRow, viewer) -> dict:
    """A member as the members list shows them: the address only to admins."""
    person = row.user
    data = user_json(person)
    if permissions.can_manage_members(viewer):
        data["email"] = person.email
    now = utcnow()
    data.update(
        email_confirmed=person.email_confirmed_at is not None,
        created_at=iso_time(person.created_at),
        suspended_until=iso_time(person.suspended_until) if person.is_suspended(now) else None,
        silenced_until=iso_time(person.silenced_until) if person.is_silenced(now) else None,
        providers=row.providers,
        admin_url=url_for("admin.member", username=person.username, _external=True),
    )
    return data


@endpoint(
    bp,
    "/admin/users",
    "GET",
    summary="Members, with the search and filters of the members page (admins, moderators)",
    query=MembersQuery,
    response=MemberListOut,
    auth=True,
    tag=TAG,
    errors={422: "a filter is not valid (`fields` says which)"},
)
def list_members(params: MembersQuery):
    viewer = require_api_user()
    permissions.require(permissions.can_view_members(viewer))
    chosen, problems = member_queries.parse_filter(params.model_dump(exclude_none=True))
    if problems:
        raise Invalid(_("Please correct the marked fields."), problems)
    page = member_queries.list_members(viewer, chosen, decode_cursor(params.cursor))
    return {
        "items": [member_json(row, viewer) for row in page.items],
        "total": page.total,
        "next": encode_cursor(page.number + 1) if page.has_next else None,
    }


@endpoint(
    bp,
    "/admin/users/<username>",
    "PATCH",
    summary="Change a member's role, with a reason for the audit log (admins)",
    body=RoleIn,
    response=MemberOut,
    auth=True,
    tag=TAG,
    errors={
        404: "no such member",
        409: "an admin demoting themselves (another admin has to)",
        422: "an unknown role or no reason (`fields` says which)",
    },
)
def change_role(username: str, data: RoleIn):
    viewer = require_api_user()
    person = members.change_role(viewer, username, data.role, data.reason)
    providers = member_queries.providers_of([person.id]).get(person.id, [])
    return member_json(member_queries.MemberRow(person, providers), viewer)
