"""/admin/categories: who may open and change it, creating and editing, bad input refused with
a form error and nothing changed, ordering, and the audit entries every change leaves."""

import re

import pytest
from sqlalchemy import func, select

from hub.admin.models import AuditEntry
from hub.core.extensions import db
from hub.forums.models import Space, SpaceSlugRedirect
from tests.factories import make_category, make_topic, make_user, reload
from tests.hub.teams.helpers import make_team

pytestmark = pytest.mark.usefixtures("db")

GOOD = {"name": "Billing & invoices", "slug": "billing", "description": "Money matters."}


def html_of(response) -> str:
    return response.get_data(as_text=True)


def state() -> list[tuple]:
    """Every category as stored, with the redirects and audit entries: what bad input must
    leave as it was."""
    db.session.expire_all()
    spaces = db.session.scalars(select(Space).order_by(Space.id))
    columns = ("slug", "name", "description", "colour", "icon", "language", "position")
    return [
        *[(*(getattr(s, c) for c in columns), s.is_archived, s.is_private) for s in spaces],
        db.session.scalar(select(func.count()).select_from(SpaceSlugRedirect)),
        db.session.scalar(select(func.count()).select_from(AuditEntry)),
    ]


def order() -> list[str]:
    db.session.expire_all()
    stmt = select(Space.slug).where(Space.kind == "category").order_by(Space.position, Space.name)
    return list(db.session.scalars(stmt))


def log_entries(action: str) -> list[AuditEntry]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def error_texts(html: str) -> list[str]:
    return re.findall(r'<p class="error" id="[\w-]+">([^<]+)</p>', html)


@pytest.fixture
def admin(login):
    return login(make_user("root", role="admin"))


# --- who may -----------------------------------------------------------------------------------


def _actions(slug: str) -> list[tuple[str, str, dict]]:
    return [
        ("get", "/admin/categories", {}),
        ("get", "/admin/categories/new", {}),
        ("post", "/admin/categories/new", {"name": "Sneaky", "slug": "sneaky"}),
        ("get", f"/admin/categories/{slug}/edit", {}),
        ("post", f"/admin/categories/{slug}/edit", {"name": "Renamed", "slug": "renamed"}),
        ("post", f"/admin/categories/{slug}/move", {"direction": "up"}),
        ("post", f"/admin/categories/{slug}/archive", {}),
        ("post", f"/admin/categories/{slug}/unarchive", {}),
        ("get", f"/admin/categories/{slug}/delete", {}),
        ("post", f"/admin/categories/{slug}/delete", {}),
    ]


@pytest.mark.parametrize("role", ["member", "expert", "moderator"])
def test_only_admins_open_or_change_categories(client, login, role):
    make_category("first")
    make_category("router")
    login(make_user(role=role))
    before = state()
    for method, path, data in _actions("router"):
        response = getattr(client, method)(path, data=data)
        assert response.status_code == 403, (role, method, path)
    assert state() == before
    assert "/admin/categories" not in html_of(client.get("/"))  # not offered in the menus


def test_visitors_are_asked_to_log_in(client):
    make_category("router")
    before = state()
    for method, path, data in _actions("router"):
        response = getattr(client, method)(path, data=data)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert state() == before


def test_admins_find_the_section_and_every_action_works(client, admin):
    make_category("first")
    make_category("router")
    assert "Categories" in html_of(client.get("/admin/"))
    # after the edit (the 5th action) the category is at its new address
    steps = _actions("router")[:5] + _actions("renamed")[5:]
    for method, path, data in steps:
        response = getattr(client, method)(path, data=data)
        assert response.status_code in (200, 302), (method, path, html_of(response)[:300])
    assert order() == ["first", "sneaky"]


# --- list, create, edit ----------------------------------------------------------------------


def test_list_shows_categories_in_order_with_topic_counts(client, admin):
    router = make_category("router")
    make_category("billing")
    make_topic(space=router)
    make_topic(space=router, title="Router lights blink red")
    html = html_of(client.get("/admin/categories"))
    assert html.index("/c/router") < html.index("/c/billing")
    row = html[html.index('id="category-router"') :]
    assert re.search(r"<td>2</td>", row[: row.index("</tr>")])


def test_list_reads_the_counts_in_one_query(client, admin, app):
    from sqlalchemy import event

    for n in range(6):
        make_topic(space=make_category(f"category-n{n}"), title=f"Question number {n} here")
    statements = []

    def count(conn, cursor, statement, *args):
        if "spaces" in statement and "topics" in statement:
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get("/admin/categories").status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 1


def test_create_shows_the_category_with_its_colour_icon_and_language(client, admin):
    data = {**GOOD, "colour": "#0B5CAD", "icon": "invoice", "language": "de"}
    response = client.post("/admin/categories/new", data=data)
    assert response.status_code == 302
    space = db.session.scalar(select(Space).where(Space.slug == "billing"))
    assert (space.name, space.colour, space.icon, space.language) == (
        "Billing & invoices",
        "#0b5cad",
        "invoice",
        "de",
    )
    home = html_of(client.get("/"))
    card = home[home.index('class="category-card') :]
    card = card[: card.index("</li>")]
    assert 'lang="de"' in card and 'fill="#0b5cad"' in card and "<path d=" in card
    page = html_of(client.get("/c/billing"))
    assert 'fill="#0b5cad"' in page and "Billing &amp; invoices" in page
    [entry] = log_entries("category.create")
    assert entry.actor_id == admin.id and entry.after["slug"] == "billing"


def test_an_emoji_can_be_the_icon(client, admin):
    response = client.post("/admin/categories/new", data={**GOOD, "emoji": "📺"})
    assert response.status_code == 302
    assert "📺</text>" in html_of(client.get("/c/billing"))


def test_new_categories_go_last(client, admin):
    make_category("router")
    client.post("/admin/categories/new", data=GOOD)
    assert order() == ["router", "billing"]


def test_edit_changes_the_values_and_logs_before_and_after(client, admin):
    make_category("router")
    page = html_of(client.get("/admin/categories/router/edit"))
    assert 'value="router"' in page
    data = {"name": "Routers", "slug": "router", "description": "Boxes.", "colour": "#1d7a3e"}
    assert client.post("/admin/categories/router/edit", data=data).status_code == 302
    space = db.session.scalar(select(Space).where(Space.slug == "router"))
    assert (reload(space).name, space.colour) == ("Routers", "#1d7a3e")
    [entry] = log_entries("category.edit")
    assert entry.before == {"colour": "", "description": "A category for tests.", "name": "Router"}
    assert entry.after == {"colour": "#1d7a3e", "description": "Boxes.", "name": "Routers"}
    assert "edited a category" in html_of(client.get("/admin/log"))


# --- bad input -------------------------------------------------------------------------------


BAD = [
    ({"name": "", "slug": "billing"}, "name", "Give the category a name."),
    ({"name": "   ", "slug": "billing"}, "name", "Give the category a name."),
    ({"name": "Billing", "slug": ""}, "slug", "Give the category an address"),
    ({"name": "Billing", "slug": "Billing Things"}, "slug", "Use lower-case letters"),
    ({"name": "Billing", "slug": "billing/../x"}, "slug", "Use lower-case letters"),
    ({"name": "Billing", "slug": "rechnung-ä"}, "slug", "Use lower-case letters"),
    ({"name": "Billing", "slug": "wall-12"}, "slug", "belongs to the walls"),
    ({"name": "Billing", "slug": "company"}, "slug", "belongs to the walls"),
    ({"name": "Billing", "slug": "billing", "colour": "blue"}, "colour", "in hex"),
    ({"name": "Billing", "slug": "billing", "colour": "#12345"}, "colour", "in hex"),
    ({"name": "Billing", "slug": "billing", "colour": "#ffeb3b"}, "colour", "at least 3:1"),
    ({"name": "Billing", "slug": "billing", "colour": "#ffffff"}, "colour", "at least 3:1"),
    ({"name": "Billing", "slug": "billing", "icon": "skull"}, "icon", "one of the icons"),
    ({"name": "Billing", "slug": "billing", "emoji": "<b>"}, "icon", "single emoji"),
    ({"name": "Billing", "slug": "billing", "emoji": "📺📺📺📺📺"}, "icon", "single emoji"),
    ({"name": "Billing", "slug": "billing", "language": "fr"}, "language", "languages"),
]


@pytest.mark.parametrize(("data", "field", "message"), BAD)
def test_bad_input_is_a_form_error_and_nothing_changes(client, admin, data, field, message):
    make_category("router")
    before = state()
    response = client.post("/admin/categories/new", data=data)
    assert response.status_code == 400
    html = html_of(response)
    assert any(message in text for text in error_texts(html)), error_texts(html)
    assert f'id="{field}"' in html and "aria-invalid" in html
    assert state() == before
    edit = client.post("/admin/categories/router/edit", data={**data, "slug": data["slug"] or ""})
    assert edit.status_code == 400 and state() == before


def test_several_mistakes_are_all_marked(client, admin):
    response = client.post("/admin/categories/new", data={"name": "", "slug": "A B"})
    assert len(error_texts(html_of(response))) == 2


def test_a_taken_slug_is_refused(client, admin):
    make_category("router")
    make_category("billing")
    before = state()
    response = client.post("/admin/categories/new", data={"name": "Again", "slug": "router"})
    assert response.status_code == 400
    assert "The address “router” is taken" in html_of(response)
    response = client.post("/admin/categories/billing/edit", data={"name": "B", "slug": "router"})
    assert response.status_code == 400 and "is taken" in html_of(response)
    assert state() == before


def test_the_form_keeps_what_was_typed(client, admin):
    data = {"name": "Billing", "slug": "billing", "colour": "#fff", "description": "Money."}
    html = html_of(client.post("/admin/categories/new", data=data))
    assert 'value="Billing"' in html and "Money." in html and 'value="#fff"' in html


def test_forms_carry_csrf_protection(client, admin, app, monkeypatch):
    make_category("router")
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    before = state()
    assert client.post("/admin/categories/new", data=GOOD).status_code == 400
    client.post("/admin/categories/router/archive")
    client.post("/admin/categories/router/move", data={"direction": "down"})
    client.post("/admin/categories/router/delete")
    assert state() == before
    assert 'name="csrf_token"' in html_of(client.get("/admin/categories"))


# --- order -----------------------------------------------------------------------------------


def test_move_up_and_down_swaps_neighbours_and_logs_it(client, admin):
    for slug in ("a-one", "b-two", "c-three"):
        make_category(slug)
    client.post("/admin/categories/c-three/move", data={"direction": "up"})
    assert order() == ["a-one", "c-three", "b-two"]
    client.post("/admin/categories/a-one/move", data={"direction": "down"})
    assert order() == ["c-three", "a-one", "b-two"]
    [first, second] = log_entries("category.move")
    assert (first.before, first.after) == ({"position": 2}, {"position": 1})
    assert (second.before, second.after) == ({"position": 0}, {"position": 1})


def test_the_ends_of_the_list_stay_put(client, admin):
    for slug in ("a-one", "b-two"):
        make_category(slug)
    before = state()
    response = client.post(
        "/admin/categories/a-one/move", data={"direction": "up"}, follow_redirects=True
    )
    assert "at that end of the list already" in html_of(response)
    client.post("/admin/categories/b-two/move", data={"direction": "down"})
    client.post("/admin/categories/b-two/move", data={"direction": "sideways"})
    assert state() == before


def test_gaps_and_ties_in_the_positions_are_mended_on_a_move(client, admin):
    spaces = [make_category(slug) for slug in ("a-one", "b-two", "c-three", "d-four")]
    for space, position in zip(spaces, (3, 3, 7, 10), strict=True):
        space.position = position
    db.session.commit()
    client.post("/admin/categories/d-four/move", data={"direction": "up"})
    assert order() == ["a-one", "b-two", "d-four", "c-three"]
    db.session.expire_all()
    positions = sorted(s.position for s in db.session.scalars(select(Space)))
    assert positions == [0, 1, 2, 3]


def test_the_home_page_follows_the_order(client, admin):
    for slug in ("a-one", "b-two"):
        make_category(slug)
    client.post("/admin/categories/b-two/move", data={"direction": "up"})
    home = html_of(client.get("/"))
    assert home.index("/c/b-two") < home.index("/c/a-one")


# --- private ---------------------------------------------------------------------------------


def test_a_new_category_can_be_private_and_the_page_says_who_chooses_its_readers(client, admin):
    form = html_of(client.get("/admin/categories/new"))
    assert 'name="private"' in form and 'href="/admin/teams"' in form
    response = client.post("/admin/categories/new", data={**GOOD, "private": "y"})
    assert response.status_code == 302
    assert db.session.scalar(select(Space.is_private).where(Space.slug == "billing")) is True
    listing = html_of(client.get("/admin/categories"))
    assert "team only" in listing and "Choose the teams and groups" in listing
    [entry] = log_entries("category.create")
    assert entry.after["private"] is True


def test_turning_a_category_private_and_back_is_logged(client, admin):
    make_category("router")
    data = {"name": "Router", "slug": "router", "description": "A category for tests."}
    assert (
        client.post("/admin/categories/router/edit", data={**data, "private": "y"}).status_code
        == 302
    )
    space = db.session.scalar(select(Space).where(Space.slug == "router"))
    assert reload(space).is_private
    assert "is private: the team and moderators read it" in html_of(client.get("/admin/categories"))
    edit = html_of(client.get("/admin/categories/router/edit"))
    assert re.search(r'<input [^>]*checked[^>]*name="private"', edit)
    assert "No team or group reads it yet." in edit
    assert client.post("/admin/categories/router/edit", data=data).status_code == 302
    assert not reload(space).is_private
    made_private, made_public = log_entries("category.edit")
    assert (made_private.before, made_private.after) == ({"private": False}, {"private": True})
    assert made_public.after == {"private": False}


def test_the_edit_page_names_the_teams_that_read_a_private_category(client, admin):
    space = make_category("beta", private=True)
    make_team("Super-User", staff=False, members=[make_user("kim")], reads=[space])
    edit = html_of(client.get("/admin/categories/beta/edit"))
    assert 'Read now by: <a href="/admin/teams/super-user">Super-User</a>' in edit
