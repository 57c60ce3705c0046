"""/api/v1/categories for admins: create, edit, archive and delete; who may; bad input as a 4xx
JSON error with nothing changed; and the OpenAPI document describing it all."""

import pytest
from sqlalchemy import func, select

from hub.accounts.service import create_api_token
from hub.admin.models import AuditEntry
from hub.core.extensions import db
from hub.forums.api.schemas import CategoryListOut, CategoryOut
from hub.forums.models import Space, SpaceSlugRedirect, Topic
from tests.factories import make_category, make_topic, make_user

pytestmark = pytest.mark.usefixtures("db")

NEW = {"slug": "billing", "name": "Billing", "description": "Money.", "colour": "#0b5cad"}


def auth(user) -> dict:
    return {"Authorization": f"Bearer {create_api_token(user)}"}


def error_of(response) -> dict:
    assert response.is_json, response.get_data(as_text=True)[:200]
    return response.get_json()["error"]


def state() -> list:
    db.session.expire_all()
    columns = (
        "slug",
        "name",
        "description",
        "colour",
        "icon",
        "language",
        "archived_at",
        "is_private",
    )
    spaces = db.session.scalars(select(Space).order_by(Space.id))
    counts = [
        db.session.scalar(select(func.count()).select_from(model))
        for model in (SpaceSlugRedirect, AuditEntry, Topic)
    ]
    return [*[tuple(getattr(s, c) for c in columns) for s in spaces], *counts]


@pytest.fixture
def admin():
    return auth(make_user("root", role="admin"))


def _calls() -> list[tuple[str, str, dict | None]]:
    return [
        ("post", "/api/v1/categories", NEW),
        ("patch", "/api/v1/categories/router", {"name": "Renamed"}),
        ("patch", "/api/v1/categories/router", {"archived": True}),
        ("delete", "/api/v1/categories/router", None),
    ]


@pytest.mark.parametrize("role", ["member", "expert", "moderator"])
def test_only_admins_change_categories(client, role):
    make_category("router")
    headers = auth(make_user(role=role))
    before = state()
    for method, path, body in _calls():
        response = getattr(client, method)(path, json=body, headers=headers)
        assert response.status_code == 403, (role, method, path)
        assert error_of(response)["code"] == "forbidden"
    assert state() == before


def test_visitors_get_401(client):
    make_category("router")
    before = state()
    for method, path, body in _calls():
        response = getattr(client, method)(path, json=body)
        assert response.status_code == 401 and error_of(response)["code"] == "unauthorized"
    assert state() == before


def test_create_answers_201_with_the_category(client, admin):
    response = client.post("/api/v1/categories", json={**NEW, "icon": "📺"}, headers=admin)
    assert response.status_code == 201
    body = CategoryOut.model_validate(response.get_json()).model_dump()
    assert body["slug"] == "billing" and body["colour"] == "#0b5cad" and body["icon"] == "📺"
    assert body["url"] == "/c/billing" and body["archived"] is False
    listed = CategoryListOut.model_validate(client.get("/api/v1/categories").get_json())
    assert [c.slug for c in listed.items] == ["billing"]
    assert db.session.scalar(select(AuditEntry.action)) == "category.create"


BAD = [
    ({**NEW, "slug": "router"}, 409, "conflict", "slug"),
    ({**NEW, "name": ""}, 422, "invalid", "name"),
    ({**NEW, "slug": "Not A Slug"}, 422, "invalid", "slug"),
    ({**NEW, "colour": "teal"}, 422, "invalid", "colour"),
    ({**NEW, "colour": "#f0f0f0"}, 422, "invalid", "colour"),
    ({**NEW, "icon": "<script>"}, 422, "invalid", "icon"),
    ({**NEW, "language": "xx"}, 422, "invalid", "language"),
    ({**NEW, "name": 7}, 400, "bad_request", "name"),
    ({**NEW, "owner": "me"}, 400, "bad_request", "owner"),
]


@pytest.mark.parametrize(("body", "status", "code", "field"), BAD)
def test_bad_input_is_a_json_error_and_nothing_changes(client, admin, body, status, code, field):
    make_category("router")
    make_category("tv")
    before = state()
    response = client.post("/api/v1/categories", json=body, headers=admin)
    assert response.status_code == status
    error = error_of(response)
    assert error["code"] == code and field in error.get("fields", {})
    patch = {
        k: v
        for k, v in body.items()
        if k in ("name", "slug", "colour", "icon", "language", "owner")
    }
    if status != 409:
        response = client.patch("/api/v1/categories/tv", json=patch, headers=admin)
        assert response.status_code == status and field in error_of(response).get("fields", {})
    assert state() == before


def test_patching_to_a_taken_slug_is_409(client, admin):
    make_category("router")
    make_category("tv")
    before = state()
    response = client.patch("/api/v1/categories/tv", json={"slug": "router"}, headers=admin)
    assert response.status_code == 409 and "slug" in error_of(response)["fields"]
    assert state() == before


def test_not_json_is_400(client, admin):
    response = client.post("/api/v1/categories", data="name=x", headers=admin)
    assert response.status_code == 400 and error_of(response)["code"] == "bad_request"


def test_patch_changes_only_what_is_given_and_old_slug_redirects(client, admin):
    make_category("router")
    response = client.patch(
        "/api/v1/categories/router", json={"slug": "routers", "icon": "wifi"}, headers=admin
    )
    assert response.status_code == 200
    body = response.get_json()
    assert (body["slug"], body["name"], body["icon"]) == ("routers", "Router", "wifi")
    assert client.get("/c/router").headers["Location"] == "/c/routers"
    [entry] = db.session.scalars(select(AuditEntry))
    assert entry.before == {"icon": "", "slug": "router"}
    assert entry.after == {"icon": "wifi", "slug": "routers"}


def test_patch_archives_and_unarchives(client, admin):
    make_category("router")
    body = client.patch("/api/v1/categories/router", json={"archived": True}, headers=admin)
    assert body.get_json()["archived"] is True
    assert client.get("/api/v1/categories").get_json()["items"][0]["archived"] is True
    body = client.patch("/api/v1/categories/router", json={"archived": False}, headers=admin)
    assert body.get_json()["archived"] is False


def test_delete_of_an_empty_category(client, admin):
    make_category("router")
    response = client.delete("/api/v1/categories/router", headers=admin)
    assert response.status_code == 200
    assert response.get_json() == {"deleted": "router", "moved_to": None, "moved_topics": 0}
    assert client.get("/api/v1/categories").get_json()["items"] == []
    assert client.delete("/api/v1/categories/router", headers=admin).status_code == 404


def test_delete_with_topics_is_409_without_move_to(client, admin):
    router = make_category("router")
    make_topic(space=router)
    before = state()
    response = client.delete("/api/v1/categories/router", headers=admin)
    assert response.status_code == 409 and error_of(response)["code"] == "conflict"
    assert "move_to" in error_of(response)["fields"]
    response = client.delete("/api/v1/categories/router?move_to=router", headers=admin)
    assert response.status_code == 422 and "move_to" in error_of(response)["fields"]
    response = client.delete("/api/v1/categories/router?move_to=nowhere", headers=admin)
    assert response.status_code == 422
    assert state() == before


def test_delete_with_move_to_moves_the_topics(client, admin):
    router = make_category("router")
    make_category("internet")
    topic = make_topic(space=router)
    response = client.delete("/api/v1/categories/router?move_to=internet", headers=admin)
    assert response.get_json() == {"deleted": "router", "moved_to": "internet", "moved_topics": 1}
    listed = client.get("/api/v1/topics?category=internet").get_json()["items"]
    assert [t["id"] for t in listed] == [topic.id]


def test_unknown_category_is_404(client, admin):
    response = client.patch("/api/v1/categories/nope", json={"name": "X"}, headers=admin)
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"


def test_the_openapi_document_describes_the_endpoints(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    create = doc["paths"]["/api/v1/categories"]["post"]
    assert set(create["responses"]) >= {"201", "409", "422"}
    assert create["security"] == [{"bearer": []}]
    schema = doc["components"]["schemas"]["CategoryIn"]
    assert {"slug", "name", "colour", "icon", "language"} <= set(schema["properties"])
    remove = doc["paths"]["/api/v1/categories/{slug}"]["delete"]
    assert "move_to" in [p["name"] for p in remove["parameters"]] and "409" in remove["responses"]
    assert "archived" in doc["components"]["schemas"]["CategoryPatch"]["properties"]
    assert "colour" in doc["components"]["schemas"]["CategoryOut"]["properties"]


def test_a_category_is_created_private_and_patched_public_again(client, admin):
    created = client.post("/api/v1/categories", json={**NEW, "private": True}, headers=admin)
    assert created.status_code == 201 and created.get_json()["private"] is True
    assert db.session.scalar(select(Space.is_private).where(Space.slug == "billing")) is True
    listed = client.get("/api/v1/categories").get_json()["items"]
    assert "billing" not in [item["slug"] for item in listed]  # visitors do not see it
    patched = client.patch("/api/v1/categories/billing", json={"private": False}, headers=admin)
    assert patched.status_code == 200 and patched.get_json()["private"] is False
    listed = client.get("/api/v1/categories").get_json()["items"]
    assert [item["private"] for item in listed if item["slug"] == "billing"] == [False]
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [entry.after["private"] for entry in entries] == [True, False]


def test_private_must_be_a_boolean(client, admin):
    make_category("router")
    before = state()
    response = client.patch("/api/v1/categories/router", json={"private": "yes"}, headers=admin)
    assert response.status_code == 400 and "private" in error_of(response)["fields"]
    assert state() == before
