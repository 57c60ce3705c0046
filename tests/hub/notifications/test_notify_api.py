"""/api/v1/notifications: the token owner's list and marking read."""

import pytest

from hub.accounts import service as accounts
from hub.notifications import queries
from tests.factories import make_reply, make_topic, make_user
from tests.hub.notifications.helpers import notifications_of, run_worker


@pytest.fixture
def asker(db):
    return make_user("asker")


@pytest.fixture
def headers(asker):
    return {"Authorization": f"Bearer {accounts.create_api_token(asker)}"}


@pytest.fixture
def three(app, asker):
    topic = make_topic(asker)
    for name in ("bob", "carla", "dora"):
        make_reply(topic, make_user(name))
    run_worker(app)
    return notifications_of(asker)


class TestList:
    def test_newest_first_with_a_cursor(self, client, headers, three, monkeypatch):
        monkeypatch.setattr(queries, "PAGE_SIZE", 2)
        monkeypatch.setattr(queries.page_for, "__defaults__", (None, 2))
        first = client.get("/api/v1/notifications", headers=headers).get_json()
        assert [item["id"] for item in first["items"]] == [three[0].id, three[1].id]
        item = first["items"][0]
        assert (item["kind"], item["read"], item["actor"]["username"]) == ("reply", False, "dora")
        assert item["text"] == "dora replied in “How do I reset my router?”"
        assert item["url"] == f"http://localhost/p/{three[0].post_id}"
        rest = client.get(
            f"/api/v1/notifications?cursor={first['next']}", headers=headers
        ).get_json()
        assert [item["id"] for item in rest["items"]] == [three[2].id]
        assert rest["next"] is None

    def test_a_token_is_needed(self, client, db):
        response = client.get("/api/v1/notifications")
        assert response.status_code == 401
        assert response.get_json()["error"]["code"] == "unauthorized"

    def test_a_bad_cursor_is_422(self, client, headers):
        response = client.get("/api/v1/notifications?cursor=yesterday", headers=headers)
        assert response.status_code == 422

    def test_each_member_sees_only_their_own(self, client, three):
        token = accounts.create_api_token(make_user("mallory"))
        body = client.get(
            "/api/v1/notifications", headers={"Authorization": f"Bearer {token}"}
        ).get_json()
        assert body == {"items": [], "next": None}


class TestRead:
    def test_some_ids(self, client, headers, asker, three):
        response = client.post(
            "/api/v1/notifications/read", json={"ids": [three[0].id]}, headers=headers
        )
        assert response.get_json() == {"marked": 1, "unread": 2}

    def test_all(self, client, headers, three):
        response = client.post("/api/v1/notifications/read", json={"all": True}, headers=headers)
        assert response.get_json() == {"marked": 3, "unread": 0}

    def test_someone_elses_ids_are_ignored(self, client, asker, three):
        token = accounts.create_api_token(make_user("mallory"))
        response = client.post(
            "/api/v1/notifications/read",
            json={"ids": [n.id for n in three]},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert response.get_json() == {"marked": 0, "unread": 0}
        assert queries.unread_count(asker.id) == 3

    @pytest.mark.parametrize(
        ("body", "status"),
        [
            ({}, 422),
            ({"all": False}, 422),
            ({"all": True, "ids": [1]}, 422),
            ({"ids": "1"}, 400),
            ({"ids": [1], "also": 2}, 400),
            ({"ids": list(range(501))}, 422),
        ],
    )
    def test_malformed_bodies(self, client, headers, body, status):
        response = client.post("/api/v1/notifications/read", json=body, headers=headers)
        assert response.status_code == status
        assert "error" in response.get_json()

    def test_the_openapi_document_lists_both(self, client, db):
        paths = client.get("/api/v1/openapi.json").get_json()["paths"]
        assert "get" in paths["/api/v1/notifications"]
        assert "post" in paths["/api/v1/notifications/read"]
