"""Admins run teams from /admin/teams: create, edit, delete, members, categories and category
moderators; every change is in the audit log, and bad input changes nothing."""

import pytest
from sqlalchemy import func, select

from hub.admin import team_service
from hub.admin.models import AuditEntry
from hub.core.extensions import db
from hub.teams.models import CategoryModerator, Team, TeamCategory, TeamMember
from tests.factories import make_category, make_user
from tests.hub.teams.helpers import make_team

pytestmark = pytest.mark.usefixtures("db")


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def count(table) -> int:
    return db.session.scalar(select(func.count()).select_from(table))


class TestWhoMayManageTeams:
    @pytest.mark.parametrize("role", ["member", "expert", "moderator"])
    def test_others_than_admins_are_refused_every_action(self, client, login, role):
        team = make_team()
        space = make_category()
        expert = make_user(role="expert")
        login(make_user(role=role))
        pages = ["/admin/teams", f"/admin/teams/{team.slug}", f"/admin/teams/{team.slug}/delete"]
        for path in pages:
            assert client.get(path).status_code == 403, path
        posts = {
            "/admin/teams": {"name": "Rechnungs-Team"},
            f"/admin/teams/{team.slug}": {"name": "Renamed"},
            f"/admin/teams/{team.slug}/members": {"username": expert.username},
            f"/admin/teams/{team.slug}/categories": {"answers": str(space.id)},
            f"/admin/teams/{team.slug}/delete": {},
            "/admin/category-moderators": {
                "moderator-category": space.id,
                "moderator-username": expert.username,
            },
        }
        for path, data in posts.items():
            assert client.post(path, data=data).status_code == 403, path
        assert count(Team) == 1 and count(TeamMember) == 0 and count(TeamCategory) == 0
        assert db.session.get(Team, team.id).name == "Technik-Team"

    def test_visitors_are_sent_to_log_in(self, client):
        assert client.get("/admin/teams").status_code == 302

    def test_the_section_is_listed_for_admins_only(self, client, login):
        login(make_user(role="moderator"))
        assert "Teams" not in client.get("/admin/").get_data(as_text=True)
        login(make_user(role="admin"))
        assert 'href="/admin/teams"' in client.get("/admin/").get_data(as_text=True)


class TestCreateAndEdit:
    def test_admin_creates_a_team_and_the_log_says_so(self, client, login):
        login(make_user("root", role="admin"))
        response = client.post(
            "/admin/teams",
            data={
                "name": "Technik-Team",
                "title": "Technik",
                "description": "Router, DSL",
                "staff": "y",
            },
        )
        assert response.status_code == 302 and response.location.endswith(
            "/admin/teams/technik-team"
        )
        team = db.session.scalar(select(Team))
        assert (team.name, team.slug, team.title, team.is_staff) == (
            "Technik-Team",
            "technik-team",
            "Technik",
            True,
        )
        assert "Technik-Team" in client.get("/admin/teams").get_data(as_text=True)
        log = client.get("/admin/log").get_data(as_text=True)
        assert "created a team" in log and "Technik-Team" in log

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"name": "   "}, "Give the team a name."),
            ({"name": "technik-team"}, "A team with this name exists already."),
            (
                {"name": "Technik", "slug": "Technik Team"},
                "A team with this address exists already.",
            ),
            ({"name": "x" * 81}, "Field cannot be longer than 80 characters."),
        ],
    )
    def test_bad_input_is_a_form_error_and_nothing_changes(self, client, login, data, message):
        make_team("Technik-Team")
        login(make_user(role="admin"))
        before = audit_actions()
        response = client.post("/admin/teams", data=data)
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
        assert count(Team) == 1 and audit_actions() == before

    def test_edit_changes_the_values_and_logs_before_and_after(self, client, login):
        team = make_team("Technik-Team")
        login(make_user(role="admin"))
        response = client.post(
            f"/admin/teams/{team.slug}",
            data={"name": "Technik-Team", "slug": "technik", "title": "Technik", "staff": "y"},
        )
        assert response.status_code == 302 and response.location.endswith("/admin/teams/technik")
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "team.edit"))
        assert entry.before == {"slug": "technik-team", "title": ""}
        assert entry.after == {"slug": "technik", "title": "Technik"}

    def test_edit_to_a_taken_name_is_refused(self, client, login):
        make_team("Rechnungs-Team")
        team = make_team("Technik-Team")
        login(make_user(role="admin"))
        response = client.post(
            f"/admin/teams/{team.slug}", data={"name": "Rechnungs-team", "staff": "y"}
        )
        assert response.status_code == 400
        assert "A team with this name exists already." in response.get_data(as_text=True)
        assert db.session.get(Team, team.id).name == "Technik-Team"

    def test_a_group_with_plain_members_cannot_become_a_staff_team(self, client, login):
        team = make_team("Super-User", staff=False, members=[make_user("kim")])
        login(make_user(role="admin"))
        response = client.post(
            f"/admin/teams/{team.slug}", data={"name": "Super-User", "staff": "y"}
        )
        assert response.status_code == 400
        assert "remove them first: kim" in response.get_data(as_text=True)
        assert db.session.get(Team, team.id).is_staff is False


class TestDelete:
    def test_delete_asks_first_then_removes_team_and_memberships(self, client, login):
        team = make_team(members=[make_user(role="expert")])
        login(make_user(role="admin"))
        confirm = client.get(f"/admin/teams/{team.slug}/delete").get_data(as_text=True)
        assert "Delete Technik-Team?" in confirm and "Its 1 member keeps" in confirm
        assert count(Team) == 1
        response = client.post(f"/admin/teams/{team.slug}/delete")
        assert response.status_code == 302
        assert count(Team) == 0 and count(TeamMember) == 0
        assert "team.delete" in audit_actions()

    def test_an_unknown_team_is_404(self, client, login):
        login(make_user(role="admin"))
        assert client.get("/admin/teams/nobody").status_code == 404
        assert client.post("/admin/teams/nobody/delete").status_code == 404


class TestMembers:
    def test_admin_adds_and_removes_staff(self, client, login):
        team = make_team()
        expert, moderator = make_user("erik", role="expert"), make_user("mona", role="moderator")
        login(make_user(role="admin"))
        for person in (expert, moderator):
            response = client.post(
                f"/admin/teams/{team.slug}/members", data={"username": person.username}
            )
            assert response.status_code == 302
        page = client.get(f"/admin/teams/{team.slug}").get_data(as_text=True)
        assert "erik" in page and "mona" in page
        client.post(f"/admin/teams/{team.slug}/members/{expert.id}/remove")
        assert [m.username for m in team_service.members(team)] == ["mona"]
        assert audit_actions()[-3:] == ["team.member_add", "team.member_add", "team.member_remove"]

    @pytest.mark.parametrize(
        ("username", "message"),
        [
            ("nobody", "No member is called “nobody”."),
            ("", "No member is called “”."),
            ("kim", "kim is a member, not staff"),
            ("erik", "erik is in this team already."),
        ],
    )
    def test_bad_names_are_form_errors(self, client, login, username, message):
        make_user("kim")
        team = make_team(members=[make_user("erik", role="expert")])
        login(make_user(role="admin"))
        before = audit_actions()
        response = client.post(f"/admin/teams/{team.slug}/members", data={"username": username})
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
        assert count(TeamMember) == 1 and audit_actions() == before

    def test_a_group_takes_plain_members(self, client, login):
        team = make_team("Super-User", staff=False)
        make_user("kim")
        login(make_user(role="admin"))
        client.post(f"/admin/teams/{team.slug}/members", data={"username": "kim"})
        assert [m.username for m in team_service.members(team)] == ["kim"]


class TestCategories:
    def test_admin_assigns_categories_and_opens_a_private_one(self, client, login):
        team = make_team()
        router, internal = make_category("router"), make_category("intern", private=True)
        login(make_user(role="admin"))
        response = client.post(
            f"/admin/teams/{team.slug}/categories",
            data={"answers": [str(router.id)], "reads": [str(internal.id)]},
        )
        assert response.status_code == 302
        assert team_service.assigned(team) == ({router.id}, {internal.id})
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "team.categories"))
        assert entry.after == {"answers": ["router"], "reads": ["intern"]}
        client.post(f"/admin/teams/{team.slug}/categories", data={})
        assert team_service.assigned(team) == (set(), set())

    @pytest.mark.parametrize("field", ["answers", "reads"])
    def test_unknown_or_public_categories_are_refused(self, client, login, field):
        team = make_team()
        public = make_category("router")
        login(make_user(role="admin"))
        for value in ("999", "abc"):
            response = client.post(f"/admin/teams/{team.slug}/categories", data={field: value})
            assert response.status_code == 400
            assert "Choose among the categories listed." in response.get_data(as_text=True)
        response = client.post(
            f"/admin/teams/{team.slug}/categories", data={"reads": str(public.id)}
        )
        assert response.status_code == 400
        assert count(TeamCategory) == 0

    def test_a_group_does_not_answer_in_categories(self, client, login):
        team = make_team("Super-User", staff=False)
        space = make_category()
        login(make_user(role="admin"))
        response = client.post(
            f"/admin/teams/{team.slug}/categories", data={"answers": str(space.id)}
        )
        assert response.status_code == 400 and count(TeamCategory) == 0


class TestCategoryModerators:
    def test_admin_makes_a_member_moderator_of_one_category(self, client, login):
        space = make_category("router")
        make_user("kim")
        login(make_user(role="admin"))
        response = client.post(
            "/admin/category-moderators",
            data={"moderator-category": space.id, "moderator-username": "kim"},
        )
        assert response.status_code == 302
        page = client.get("/admin/teams").get_data(as_text=True)
        assert "Router" in page and "kim" in page
        row = db.session.scalar(select(CategoryModerator))
        client.post(f"/admin/category-moderators/{row.space_id}/{row.user_id}/remove")
        assert count(CategoryModerator) == 0
        assert audit_actions()[-2:] == ["category.moderator_add", "category.moderator_remove"]

    @pytest.mark.parametrize(
        ("username", "message"),
        [("nobody", "No member is called"), ("mona", "mona moderates every category already.")],
    )
    def test_bad_input_changes_nothing(self, client, login, username, message):
        space = make_category()
        make_user("mona", role="moderator")
        login(make_user(role="admin"))
        response = client.post(
            "/admin/category-moderators",
            data={"moderator-category": space.id, "moderator-username": username},
        )
        assert response.status_code == 400 and message in response.get_data(as_text=True)
        assert count(CategoryModerator) == 0
