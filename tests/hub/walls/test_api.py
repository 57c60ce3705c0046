"""/api/v1 walls: posts, comments and likes."""

import pytest

from tests.factories import PASSWORD, make_user


@pytest.fixture
def auth(client):
    def headers(user):
        response = client.post(
            "/api/v1/tokens", json={"username": user.username, "password": PASSWORD}
        )
        return {"Authorization": f"Bearer {response.get_json()['token']}"}

    return headers


def test_company_wall_post_comment_and_like(client, auth, app):
    expert, alice = make_user("expert", role="expert"), make_user("alice")
    created = client.post(
        "/api/v1/walls/company/posts",
        json={"body": "Outage in the **north**", "known_issue": True},
        headers=auth(expert),
    )
    assert created.status_code == 201
    topic = created.get_json()
    assert topic["kind"] == "wall" and topic["wall"] == "company"
    assert topic["known_issue"] == "open"

    listed = client.get("/api/v1/walls/company/posts").get_json()
    assert [t["id"] for t in listed["items"]] == [topic["id"]] and listed["next"] is None

    comment = client.post(
        f"/api/v1/walls/posts/{topic['id']}/comments",
        json={"body": "Same here"},
        headers=auth(alice),
    )
    assert comment.status_code == 201 and comment.get_json()["number"] == 2
    comments = client.get(f"/api/v1/walls/posts/{topic['id']}/comments").get_json()["items"]
    assert [c["raw"] if "raw" in c else c["html"] for c in comments] == ["<p>Same here</p>\n"]

    post_id = comment.get_json()["id"]
    liked = client.post(f"/api/v1/posts/{post_id}/likes", headers=auth(expert))
    assert liked.get_json() == {
        "post_id": post_id,
        "count": 1,
        "liked": True,
        "names": [expert.name],
    }
    assert client.get(f"/api/v1/posts/{post_id}/likes").get_json()["count"] == 1
    assert (
        client.delete(f"/api/v1/posts/{post_id}/likes", headers=auth(expert)).get_json()["count"]
        == 0
    )


def test_posting_rights(client, auth, app):
    alice, bob = make_user("alice"), make_user("bob")
    assert client.post("/api/v1/walls/company/posts", json={"body": "Hi"}).status_code == 401
    refused = client.post("/api/v1/walls/company/posts", json={"body": "Hi"}, headers=auth(alice))
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "forbidden"
    own = client.post("/api/v1/walls/alice/posts", json={"body": "Mine"}, headers=auth(alice))
    assert own.status_code == 201
    other = client.post("/api/v1/walls/alice/posts", json={"body": "Hers"}, headers=auth(bob))
    assert other.status_code == 403
    assert client.get("/api/v1/walls/nobody/posts").status_code == 404


def test_bad_input(client, auth, app):
    alice = make_user("alice")
    response = client.post("/api/v1/walls/alice/posts", json={"body": 5}, headers=auth(alice))
    assert response.status_code == 400
    empty = client.post("/api/v1/walls/alice/posts", json={"body": " "}, headers=auth(alice))
    assert empty.status_code == 422 and "body" in empty.get_json()["error"]["fields"]
    assert client.get("/api/v1/walls/alice/posts?cursor=zzz").status_code == 422
