"""What a category's changes do to the rest of the hub: old addresses after a slug change,
an archived category (readable, closed for writing), and deleting one, with its topics moved."""

import pytest
from sqlalchemy import func, select

from hub.admin import categories
from hub.admin.models import AuditEntry
from hub.core.errors import Forbidden
from hub.core.extensions import db
from hub.faq import service as faq
from hub.forums import follows
from hub.forums import service as forums
from hub.forums.models import Follow, Space, SpaceSlugRedirect, Topic
from tests.factories import make_category, make_reply, make_topic, make_user, reload

pytestmark = pytest.mark.usefixtures("db")


def html_of(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def admin(login):
    return login(make_user("root", role="admin"))


def rename(client, old: str, new: str, name: str = "Router"):
    response = client.post(f"/admin/categories/{old}/edit", data={"name": name, "slug": new})
    assert response.status_code == 302, html_of(response)[:300]


# --- old addresses after a slug change -------------------------------------------------------


def test_old_category_addresses_answer_301_to_the_new_ones(client, admin):
    router = make_category("router")
    make_topic(space=router)
    rename(client, "router", "routers")
    for old, new in [
        ("/c/router", "/c/routers"),
        ("/c/router?filter=solved&page=2", "/c/routers?filter=solved&page=2"),
        ("/c/router/ask", "/c/routers/ask"),
        ("/faq/c/router", "/faq/c/routers"),
        ("/api/v1/topics?category=router", "/api/v1/topics?category=routers"),
        ("/search?q=reset&category=router", "/search?q=reset&category=routers"),
    ]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response.headers["Location"] == new
    assert "Router" in html_of(client.get("/c/routers"))


def test_topic_addresses_carry_no_category_and_keep_working(client, admin):
    router = make_category("router")
    topic = make_topic(space=router)
    rename(client, "router", "routers")
    page = client.get(f"/t/{topic.id}-{topic.slug}")
    assert page.status_code == 200 and 'href="/c/routers"' in html_of(page)


def test_a_chain_of_renames_leads_to_the_newest(client, admin):
    make_category("router")
    rename(client, "router", "routers")
    rename(client, "routers", "boxes")
    assert client.get("/c/router").headers["Location"] == "/c/boxes"
    assert client.get("/c/routers").headers["Location"] == "/c/boxes"


def test_renaming_back_takes_the_old_slug_again(client, admin):
    make_category("router")
    rename(client, "router", "routers")
    rename(client, "routers", "router")
    assert client.get("/c/router").status_code == 200
    assert client.get("/c/routers").headers["Location"] == "/c/router"
    slugs = set(db.session.scalars(select(SpaceSlugRedirect.old_slug)))
    assert slugs == {"routers"}


def test_a_new_category_may_take_over_an_old_slug_and_ends_its_redirect(client, admin):
    make_category("router")
    rename(client, "router", "routers")
    response = client.post("/admin/categories/new", data={"name": "Router 2", "slug": "router"})
    assert response.status_code == 302
    page = client.get("/c/router")
    assert page.status_code == 200 and "Router 2" in html_of(page)
    assert client.get("/c/routers").status_code == 200
    assert db.session.scalar(select(func.count()).select_from(SpaceSlugRedirect)) == 0


def test_form_posts_to_an_old_address_keep_their_method(client, admin, login):
    make_category("router")
    rename(client, "router", "routers")
    member = login(make_user("mia"))
    response = client.post("/c/router/follow")
    assert response.status_code == 308 and response.headers["Location"] == "/c/routers/follow"
    assert client.post("/c/routers/follow").status_code == 302
    space = db.session.scalar(select(Space).where(Space.slug == "routers"))
    assert follows.is_following(member, "space", space.id)


def test_unknown_slugs_are_still_404(client):
    assert client.get("/c/never-was").status_code == 404
    assert client.get("/api/v1/topics?category=never-was").status_code == 404


# --- archived ---------------------------------------------------------------------------------


@pytest.fixture
def archived_topic(client, admin):
    router = make_category("router")
    topic = make_topic(space=router)
    assert client.post("/admin/categories/router/archive").status_code == 302
    return topic


def test_archived_category_is_listed_as_archived(client, archived_topic):
    assert "archived" in html_of(client.get("/admin/categories"))
    home = html_of(client.get("/"))
    assert "badge-archived" in home
    page = html_of(client.get("/c/router"))
    assert "badge-archived" in page and "takes no new topics or replies" in page
    assert "/c/router/ask" not in page
    [entry] = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "category.archive"))
    assert (entry.before, entry.after) == ({"archived": False}, {"archived": True})


@pytest.mark.parametrize("role", ["member", "expert", "moderator", "admin"])
def test_archived_topics_stay_readable_but_take_no_new_posts(client, login, archived_topic, role):
    user = login(make_user(role=role))
    topic = archived_topic
    page = client.get(f"/t/{topic.id}-{topic.slug}")
    assert page.status_code == 200 and "takes no new topics or replies" in html_of(page)
    assert f'action="/t/{topic.id}/reply"' not in html_of(page)
    response = client.post(f"/t/{topic.id}/reply", data={"body": "Still broken for me."})
    assert response.status_code in (400, 403)
    assert "archived" in html_of(response)
    ask = client.post(
        "/c/router/ask",
        data={"category": "router", "kind": "question", "title": "A new question", "body": "Hi"},
    )
    assert ask.status_code == 400 and "archived" in html_of(ask)
    with pytest.raises(Forbidden):
        forums.create_reply(user, topic.id, "Via the service.")
    with pytest.raises(Forbidden):
        forums.create_topic(user, "router", "question", "Via the service", "Some text")
    assert db.session.scalar(select(func.count()).select_from(Topic)) == 1
    assert reload(topic).reply_count == 0


def test_the_api_refuses_posts_in_an_archived_category(client, archived_topic):
    from hub.accounts.service import create_api_token

    headers = {"Authorization": f"Bearer {create_api_token(make_user('mia'))}"}
    reply = client.post(
        f"/api/v1/topics/{archived_topic.id}/posts", json={"body": "Me too."}, headers=headers
    )
    assert reply.status_code == 403 and "archived" in reply.get_json()["error"]["message"]
    question = {"category": "router", "kind": "question", "title": "A new one", "body": "Text"}
    response = client.post("/api/v1/topics", json=question, headers=headers)
    assert response.status_code == 403
    assert client.get(f"/api/v1/topics/{archived_topic.id}").status_code == 200


def test_visitors_are_told_it_is_archived_not_asked_to_log_in(client, archived_topic):
    client.get("/logout")
    topic = archived_topic
    html = html_of(client.get(f"/t/{topic.id}-{topic.slug}"))
    assert "takes no new topics or replies" in html and "Log in to answer" not in html


def test_unarchive_opens_it_again(client, archived_topic, login):
    assert client.post("/admin/categories/router/unarchive").status_code == 302
    login(make_user("mia"))
    response = client.post(f"/t/{archived_topic.id}/reply", data={"body": "Works again!"})
    assert response.status_code == 302
    assert reload(archived_topic).reply_count == 1


def test_the_ask_page_offers_no_archived_category(client, archived_topic, login):
    make_category("internet")
    login(make_user("mia"))
    html = html_of(client.get("/ask"))
    assert 'value="internet"' in html and 'value="router"' not in html


# --- delete -----------------------------------------------------------------------------------


def test_delete_is_refused_while_the_category_holds_topics(client, admin):
    router = make_category("router")
    make_category("internet")
    make_topic(space=router)
    page = html_of(client.get("/admin/categories/router/delete"))
    assert "It holds 1 topic." in page and 'name="move_to"' in page
    response = client.post("/admin/categories/router/delete", data={"move_to": ""})
    assert response.status_code == 400 and "choose a category to move them to" in html_of(response)
    response = client.post("/admin/categories/router/delete", data={"move_to": "router"})
    assert response.status_code == 400
    assert client.get("/c/router").status_code == 200
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_delete_with_a_move_moves_topics_faq_and_old_addresses(client, admin):
    router = make_category("router")
    internet = make_category("internet")
    topics = [make_topic(space=router), make_topic(space=router, title="Another router issue")]
    make_reply(topics[0])
    expert = make_user(role="expert")
    entry = faq.create_entry(expert, "router", "How do I reset the router?", "Hold the button.")
    follower = make_user("fia")
    follows.follow(follower, "space", router.id)
    router_id = router.id
    rename(client, "router", "routers")

    response = client.post("/admin/categories/routers/delete", data={"move_to": "internet"})
    assert response.status_code == 302
    db.session.expire_all()
    assert {t.space_id for t in db.session.scalars(select(Topic))} == {internet.id}
    assert reload(entry).space_id == internet.id
    assert db.session.get(Space, router_id) is None
    assert (
        db.session.scalar(select(func.count()).select_from(Follow).where(Follow.kind == "space"))
        == 0
    )
    for old in ("/c/routers", "/c/router"):
        assert client.get(old).headers["Location"] == "/c/internet"
    listing = html_of(client.get("/c/internet"))
    assert all(t.title in listing for t in topics)
    [log] = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "category.delete"))
    assert log.before["topics"] == 2 and log.before["faq_entries"] == 1
    assert log.after["moved_to"] == "internet" and log.target_label == "Router"


def test_delete_of_an_empty_category_frees_its_slug(client, admin):
    make_category("router")
    rename(client, "router", "routers")
    assert client.post("/admin/categories/routers/delete").status_code == 302
    assert client.get("/c/routers").status_code == 404
    assert client.get("/c/router").status_code == 404
    response = client.post("/admin/categories/new", data={"name": "R", "slug": "routers"})
    assert response.status_code == 302


def test_deleting_leaves_the_order_without_gaps_on_the_next_move(client, admin):
    for slug in ("a-one", "b-two", "c-three"):
        make_category(slug)
    client.post("/admin/categories/b-two/delete")
    client.post("/admin/categories/c-three/move", data={"direction": "up"})
    assert [space.slug for space, _count in categories.overview()] == ["c-three", "a-one"]


def test_moved_topics_are_found_under_their_new_category(app, client, admin):
    from hub.search import backend
    from hub.search import service as search

    backend.current().clear()
    router = make_category("router")
    make_category("internet")
    topic = make_topic(space=router, title="Router blinks orange all night")
    client.post("/admin/categories/router/delete", data={"move_to": "internet"})
    backend.current().flush()
    with app.test_request_context():
        found = search.query(None, "orange", category="internet").items
    assert [hit.id for hit in found if hit.type == "topic"] == [topic.id]
