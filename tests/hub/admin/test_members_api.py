"""/api/v1/admin/users: who may read and change it, the members page's search and filters,
cursors through the pages, the role change with its reason and audit entry, and bad input as
a JSON error with nothing changed."""

from datetime import timedelta

import pytest
from sqlalchemy import event, func, select

from hub.accounts.models import SocialIdentity, User
from hub.accounts.service import create_api_token
from hub.admin import member_queries
from hub.admin.models import AuditEntry
from hub.core.columns import utcnow
from hub.core.extensions import db
from tests.factories import make_user

pytestmark = pytest.mark.usefixtures("db")

LIST = "/api/v1/admin/users"


def auth(user) -> dict:
    return {"Authorization": f"Bearer {create_api_token(user)}"}


def error_of(response) -> dict:
    assert response.is_json, response.get_data(as_text=True)[:200]
    return response.get_json()["error"]


def names(response) -> list[str]:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return [item["username"] for item in response.get_json()["items"]]


def role_of(username: str) -> str:
    db.session.expire_all()
    return db.session.scalar(select(User.role).where(User.username == username))


def audit_count() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


@pytest.fixture
def root():
    return make_user("root", role="admin")


@pytest.fixture
def admin(root):
    return auth(root)


class TestWhoMay:
    def test_visitors_get_401(self, client):
        make_user("berta")
        assert client.get(LIST).status_code == 401
        response = client.patch(f"{LIST}/berta", json={"role": "expert", "reason": "staff"})
        assert response.status_code == 401 and error_of(response)["code"] == "unauthorized"
        assert role_of("berta") == "member"

    @pytest.mark.parametrize("role", ["member", "expert"])
    def test_members_and_experts_get_403(self, client, role):
        make_user("berta")
        headers = auth(make_user(role=role))
        assert client.get(LIST, headers=headers).status_code == 403
        response = client.patch(
            f"{LIST}/berta", json={"role": "admin", "reason": "let me"}, headers=headers
        )
        assert response.status_code == 403 and error_of(response)["code"] == "forbidden"
        assert role_of("berta") == "member"

    def test_moderators_read_without_addresses_and_change_nothing(self, client):
        make_user("berta")
        headers = auth(make_user("mod", role="moderator"))
        response = client.get(LIST, headers=headers)
        assert "berta" in names(response)
        assert all("email" not in item for item in response.get_json()["items"])
        patched = client.patch(
            f"{LIST}/berta", json={"role": "expert", "reason": "staff"}, headers=headers
        )
        assert patched.status_code == 403
        assert role_of("berta") == "member" and audit_count() == 0

    def test_admins_read_addresses_and_the_member_details(self, client, admin):
        berta = make_user("berta")
        db.session.add(SocialIdentity(user_id=berta.id, provider="google", subject="b"))
        berta.suspended_until = utcnow() + timedelta(days=3)
        db.session.commit()
        item = client.get(f"{LIST}?q=berta", headers=admin).get_json()["items"][0]
        assert item["email"] == "berta@example.com"
        assert item["role"] == "member" and item["email_confirmed"] is True
        assert item["providers"] == ["google"]
        assert item["suspended_until"] and item["silenced_until"] is None
        assert item["admin_url"].endswith("/admin/users/berta")


class TestFilters:
    def test_search_by_name_in_any_case_and_by_address_for_admins_only(self, client, admin):
        fritz = make_user("fritz")
        fritz.email, fritz.email_key = "F.Meier@Post.example", "f.meier@post.example"
        db.session.commit()
        make_user("BertaBlum")
        assert names(client.get(f"{LIST}?q=bertab", headers=admin)) == ["BertaBlum"]
        assert names(client.get(f"{LIST}?q=MEIER@post", headers=admin)) == ["fritz"]
        moderator = auth(make_user("mod", role="moderator"))
        assert names(client.get(f"{LIST}?q=MEIER@post", headers=moderator)) == []

    def test_role_state_and_join_date(self, client, admin):
        old = make_user("old", role="expert")
        old.created_at = utcnow() - timedelta(days=200)
        make_user("young", role="expert")
        quiet = make_user("quiet")
        quiet.silenced_until = utcnow() + timedelta(days=1)
        db.session.commit()
        assert sorted(names(client.get(f"{LIST}?role=expert", headers=admin))) == [
            "old",
            "young",
        ]
        assert names(client.get(f"{LIST}?state=silenced", headers=admin)) == ["quiet"]
        since = (utcnow() - timedelta(days=100)).date().isoformat()
        assert names(client.get(f"{LIST}?role=expert&joined_to={since}", headers=admin)) == ["old"]
        assert "old" not in names(client.get(f"{LIST}?joined_from={since}", headers=admin))

    def test_sort_by_name(self, client, admin):
        for name in ("zora", "anna", "Mia"):
            make_user(name)
        assert names(client.get(f"{LIST}?sort=name", headers=admin)) == [
            "anna",
            "Mia",
            "root",
            "zora",
        ]

    @pytest.mark.parametrize(
        "query, field",
        [
            ("role=king", "role"),
            ("state=sleeping", "state"),
            ("joined_from=yesterday", "joined_from"),
            ("joined_from=2026-02-01&joined_to=2026-01-01", "joined_to"),
            ("sort=random", "sort"),
            ("cursor=nonsense", "cursor"),
        ],
    )
    def test_a_bad_filter_is_422_with_the_field(self, client, admin, query, field):
        response = client.get(f"{LIST}?{query}", headers=admin)
        assert response.status_code == 422
        error = error_of(response)
        assert error["code"] == "invalid" and field in error["fields"]

    def test_cursors_walk_the_pages_with_the_filters(self, client, admin, monkeypatch):
        monkeypatch.setattr(member_queries, "PER_PAGE", 2)
        for n in range(5):
            expert = make_user(f"expert{n}", role="expert")
            expert.created_at = utcnow() - timedelta(days=n + 1)
        db.session.commit()
        seen, url = [], f"{LIST}?role=expert"
        while url:
            body = client.get(url, headers=admin).get_json()
            assert body["total"] == 5 and len(body["items"]) <= 2
            seen += [item["username"] for item in body["items"]]
            url = f"{LIST}?role=expert&cursor={body['next']}" if body["next"] else None
        assert seen == [f"expert{n}" for n in range(5)]


class TestRoleChange:
    def test_admin_changes_the_role_and_the_audit_log_keeps_it(self, client, login, admin, root):
        berta = make_user("berta")
        response = client.patch(
            f"{LIST}/berta", json={"role": "expert", "reason": "joined support"}, headers=admin
        )
        assert response.status_code == 200
        assert response.get_json()["role"] == "expert" and response.get_json()["is_expert"]
        assert role_of("berta") == "expert"
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.role"))
        assert entry.actor_id == root.id and entry.target_id == str(berta.id)
        assert (entry.before, entry.after) == ({"role": "member"}, {"role": "expert"})
        assert entry.reason == "joined support"
        login(root)
        assert "joined support" in client.get("/admin/log").get_data(as_text=True)

    @pytest.mark.parametrize(
        "body, status, field",
        [
            ({"role": "expert"}, 422, "reason"),
            ({"role": "expert", "reason": "   "}, 422, "reason"),
            ({"role": "king", "reason": "why not"}, 422, "role"),
            ({"role": "expert", "reason": "x" * 501}, 422, "reason"),
            ({"role": 3, "reason": "typed wrong"}, 400, "role"),
            ({"role": "expert", "reason": "ok", "extra": 1}, 400, "extra"),
        ],
    )
    def test_bad_input_changes_nothing(self, client, admin, body, status, field):
        make_user("berta")
        response = client.patch(f"{LIST}/berta", json=body, headers=admin)
        assert response.status_code == status
        assert field in error_of(response)["fields"]
        assert role_of("berta") == "member" and audit_count() == 0

    def test_unknown_member_is_404(self, client, admin):
        response = client.patch(
            f"{LIST}/nobody", json={"role": "expert", "reason": "x"}, headers=admin
        )
        assert response.status_code == 404 and error_of(response)["code"] == "not_found"

    def test_an_admin_cannot_demote_themselves_but_another_admin_may(self, client, admin):
        response = client.patch(
            f"{LIST}/root", json={"role": "member", "reason": "stepping down"}, headers=admin
        )
        assert response.status_code == 409 and "role" in error_of(response)["fields"]
        assert role_of("root") == "admin" and audit_count() == 0
        other = auth(make_user("second", role="admin"))
        response = client.patch(
            f"{LIST}/root", json={"role": "member", "reason": "stepping down"}, headers=other
        )
        assert response.status_code == 200 and role_of("root") == "member"

    def test_the_same_role_again_logs_nothing(self, client, admin):
        make_user("berta")
        response = client.patch(
            f"{LIST}/berta", json={"role": "member", "reason": "no change"}, headers=admin
        )
        assert response.status_code == 200 and audit_count() == 0


def test_the_openapi_document_describes_both(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    listing = doc["paths"]["/api/v1/admin/users"]["get"]
    params = {p["name"] for p in listing["parameters"]}
    assert {"q", "role", "state", "joined_from", "joined_to", "sort", "cursor"} <= params
    assert listing["security"] == [{"bearer": []}]
    patch = doc["paths"]["/api/v1/admin/users/{username}"]["patch"]
    assert {"200", "404", "409", "422"} <= set(patch["responses"])
    role_in = doc["components"]["schemas"]["RoleIn"]
    assert set(role_in["required"]) == {"role", "reason"}
    assert role_in["properties"]["role"]["enum"] == ["member", "expert", "moderator", "admin"]
    assert "email" in doc["components"]["schemas"]["MemberOut"]["properties"]


def test_the_list_costs_the_same_statements_for_5_and_30_members(client, admin):
    def statements() -> int:
        seen = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            response = client.get(LIST, headers=admin)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        assert response.status_code == 200
        return len(seen)

    def add_members(count: int) -> None:
        for _ in range(count):
            user = make_user()
            db.session.add(
                SocialIdentity(user_id=user.id, provider="google", subject=user.username)
            )
        db.session.commit()

    add_members(5)
    few = statements()
    add_members(25)
    assert statements() == few
