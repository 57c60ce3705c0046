"""A private category opened to a team: its members read it everywhere (page, lists, search,
API) and everyone else as before: the team and moderators only."""

import pytest
from sqlalchemy import func, select

from hub import permissions
from hub.accounts.service import create_api_token
from hub.admin import categories, team_service
from hub.admin.models import AuditEntry
from hub.core.extensions import db
from hub.faq import service as faq
from hub.search import service as search
from hub.teams.models import CategoryModerator, TeamPrivateAccess
from tests.factories import make_category, make_topic, make_user
from tests.hub.teams.helpers import make_team

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def internal():
    """A private category with one question, opened to the Super-User group (kim)."""
    space = make_category("beta", private=True)
    make_category("router")
    topic = make_topic(make_user(role="expert"), space, title="Firmware beta feedback thread")
    kim = make_user("kim")
    make_team("Super-User", staff=False, members=[kim], reads=[space])
    search.rebuild_index()
    return space, topic, kim


def topic_path(topic) -> str:
    return f"/t/{topic.id}-{topic.slug}"


def test_the_groups_members_read_it(client, login, internal):
    space, topic, kim = internal
    assert permissions.can_view_space(kim, space)
    login(kim)
    assert client.get(topic_path(topic)).status_code == 200
    assert client.get(f"/c/{space.slug}").status_code == 200
    assert "Firmware beta feedback" in client.get("/latest").get_data(as_text=True)
    assert "Beta" in client.get("/").get_data(as_text=True)
    assert "Firmware beta feedback" in client.get("/search?q=firmware").get_data(as_text=True)


def test_other_members_and_visitors_do_not(client, login, internal):
    space, topic, _kim = internal
    for who in (None, make_user("other")):
        if who is not None:
            login(who)
            assert not permissions.can_view_space(who, space)
        assert client.get(topic_path(topic)).status_code in (403, 404)
        assert client.get(f"/c/{space.slug}").status_code in (403, 404)
        assert "Firmware beta feedback" not in client.get("/latest").get_data(as_text=True)
        assert "Firmware beta feedback" not in client.get("/search?q=firmware").get_data(
            as_text=True
        )


def headers(user) -> dict:
    return {"Authorization": f"Bearer {create_api_token(user)}"}


def test_the_api_follows_the_same_rule(client, internal):
    _space, topic, kim = internal

    opened = client.get(f"/api/v1/topics/{topic.id}", headers=headers(kim))
    assert opened.status_code == 200
    refused = client.get(f"/api/v1/topics/{topic.id}", headers=headers(make_user("other")))
    assert refused.status_code in (403, 404)
    listed = client.get("/api/v1/topics", headers=headers(kim)).get_data(as_text=True)
    assert "Firmware beta feedback" in listed
    unlisted = client.get("/api/v1/topics", headers=headers(make_user("third")))
    assert "Firmware beta feedback" not in unlisted.get_data(as_text=True)


def test_leaving_the_group_closes_it_again(client, login, internal):
    _space, topic, kim = internal
    team_service.remove_member(make_user(role="admin"), "super-user", kim.id)
    login(kim)
    assert client.get(topic_path(topic)).status_code in (403, 404)
    assert "Firmware beta feedback" not in client.get("/latest").get_data(as_text=True)


def test_a_category_moderator_reads_the_private_category_they_moderate(client, login, internal):
    space, topic, _kim = internal
    lena = make_user("lena")
    team_service.add_category_moderator(make_user(role="admin"), space.id, "lena")
    login(lena)
    assert client.get(topic_path(topic)).status_code == 200


def test_a_deleted_category_leaves_no_team_rows_behind(internal):
    space, _topic, _kim = internal
    admin = make_user(role="admin")
    team_service.add_category_moderator(admin, space.id, "kim")
    categories.remove(admin, space.slug, move_to="router")
    for table in (TeamPrivateAccess, CategoryModerator):
        assert db.session.scalar(select(func.count()).select_from(table)) == 0


# --- made private by an admin ------------------------------------------------------------------


def everything_a_visitor_reads(reader, headers=None) -> str:
    """The lists, search, FAQ and API answers a reader sees, as one text."""
    paths = ["/", "/latest", "/search?q=firmware", "/faq/"]
    api = ["/api/v1/categories", "/api/v1/topics", "/api/v1/faq", "/api/v1/search?q=firmware"]
    texts = []
    for path in paths + api:
        response = reader.get(path, headers=headers if path.startswith("/api") else None)
        assert response.status_code == 200, path
        texts.append(response.get_data(as_text=True))
    return "\n".join(texts)


def test_a_category_made_private_on_the_form_leaves_every_list(app, client, login):
    space = make_category("beta")
    expert = make_user(role="expert")
    make_topic(expert, space, title="Firmware beta feedback thread")
    faq.create_entry(expert, "beta", "Where is the firmware beta?", "In the beta category.")
    search.rebuild_index()
    visitor, member = app.test_client(), headers(make_user("other"))
    assert "Firmware beta feedback" in everything_a_visitor_reads(visitor)
    assert "Where is the firmware beta?" in everything_a_visitor_reads(visitor)

    login(make_user(role="admin"))
    form = {"name": "Beta", "slug": "beta", "private": "y"}
    assert client.post("/admin/categories/beta/edit", data=form).status_code == 302

    for seen in (everything_a_visitor_reads(visitor), everything_a_visitor_reads(visitor, member)):
        assert "Firmware beta feedback" not in seen
        assert "Where is the firmware beta?" not in seen
        assert '"slug": "beta"' not in seen and '"slug":"beta"' not in seen
    team = everything_a_visitor_reads(visitor, headers(expert))
    assert "Firmware beta feedback" in team and "Where is the firmware beta?" in team


def test_made_public_it_lets_go_of_its_teams(client, login, internal):
    space, topic, kim = internal
    admin = login(make_user(role="admin"))
    assert (
        client.patch(
            f"/api/v1/categories/{space.slug}", json={"private": False}, headers=headers(admin)
        ).get_json()["private"]
        is False
    )
    assert db.session.scalar(select(func.count()).select_from(TeamPrivateAccess)) == 0
    client.patch(f"/api/v1/categories/{space.slug}", json={"private": True}, headers=headers(admin))
    assert client.get(f"/api/v1/topics/{topic.id}", headers=headers(kim)).status_code in (403, 404)
    made_public = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "category.edit").order_by(AuditEntry.id)
    ).first()
    assert made_public.before == {"private": True, "read_by": ["super-user"]}
    assert made_public.after["private"] is False
    assert "super-user" in client.get("/admin/log").get_data(as_text=True)
