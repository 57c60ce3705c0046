"""The members list (/admin/users): who may open it, search, filters, order, pages, and a
fixed number of queries whatever the page holds."""

import re
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event

from hub.accounts.models import SocialIdentity
from hub.admin import member_queries
from hub.core.columns import utcnow
from hub.core.extensions import db
from tests.factories import make_user


def listed(html: str) -> list[str]:
    """The usernames in the list, in its order."""
    return re.findall(r'<tr id="member-\d+">\s*<td><a href="/admin/users/([^"]+)"', html)


def page(client, query: str = "") -> str:
    response = client.get(f"/admin/users{query}")
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def joined(user, days_ago: int):
    user.created_at = utcnow() - timedelta(days=days_ago)
    db.session.commit()
    return user


@pytest.fixture
def admin(app, db, login):
    return login(joined(make_user("root", role="admin"), 400))


class TestWhoMayOpenIt:
    def test_visitors_are_sent_to_log_in(self, app, db, client):
        response = client.get("/admin/users")
        assert response.status_code == 302 and "/login" in response.headers["Location"]

    @pytest.mark.parametrize("role", ["member", "expert"])
    def test_members_and_experts_are_refused(self, app, db, client, login, role):
        login(make_user(role=role))
        assert client.get("/admin/users").status_code == 403

    def test_moderators_read_it_without_addresses(self, app, db, client, login):
        login(make_user("mod", role="moderator"))
        make_user("berta")
        html = page(client)
        assert "berta" in listed(html)
        assert "berta@example.com" not in html
        assert "Change the role" not in html

    def test_admins_see_addresses_and_the_section_in_the_overview(self, app, db, client, admin):
        make_user("berta")
        assert "berta@example.com" in page(client)
        assert 'href="/admin/users"' in client.get("/admin/").get_data(as_text=True)


class TestSearch:
    def test_by_name_in_any_case(self, app, db, client, admin):
        make_user("BertaBlum")
        make_user("carl")
        assert listed(page(client, "?q=bertab")) == ["BertaBlum"]
        assert listed(page(client, "?q=BLUM")) == ["BertaBlum"]

    def test_by_display_name(self, app, db, client, admin):
        dora = make_user("dora")
        dora.display_name = "Dora Winterberg"
        db.session.commit()
        make_user("emil")
        assert listed(page(client, "?q=WINTER")) == ["dora"]

    def test_by_email_for_admins_only(self, app, db, client, login):
        fritz = make_user("fritz")
        fritz.email, fritz.email_key = "F.Meier@Post.example", "f.meier@post.example"
        db.session.commit()
        make_user("gerd")
        admin = login(make_user("root", role="admin"))
        assert listed(page(client, "?q=MEIER@post")) == ["fritz"]
        client.post("/logout")
        login(make_user("mod", role="moderator"))
        assert listed(page(client, "?q=meier@post")) == []  # no probing of addresses
        assert admin.username == "root"

    def test_percent_and_underscore_are_taken_literally(self, app, db, client, admin):
        make_user("a_b")
        make_user("axb")
        assert listed(page(client, "?q=a_b")) == ["a_b"]
        assert listed(page(client, "?q=%25")) == []


class TestFilters:
    def test_by_role(self, app, db, client, admin):
        make_user("ella", role="expert")
        make_user("moritz", role="moderator")
        make_user("paul")
        assert listed(page(client, "?role=expert")) == ["ella"]
        assert listed(page(client, "?role=moderator")) == ["moritz"]
        assert sorted(listed(page(client, "?role=admin"))) == ["root"]

    def test_by_state(self, app, db, client, admin):
        soon = utcnow() + timedelta(days=3)
        suspended, silenced, unconfirmed = make_user("sus"), make_user("sil"), make_user("unc")
        over = make_user("over")
        suspended.suspended_until = soon
        silenced.silenced_until = soon
        unconfirmed.email_confirmed_at = None
        over.suspended_until = utcnow() - timedelta(days=1)  # served its time
        db.session.commit()
        assert listed(page(client, "?state=suspended")) == ["sus"]
        assert listed(page(client, "?state=silenced")) == ["sil"]
        assert listed(page(client, "?state=unconfirmed")) == ["unc"]
        html = page(client)
        row = html[html.index(f'id="member-{suspended.id}"') :]
        assert "suspended" in row[: row.index("</tr>")]

    def test_by_join_date_from_and_until_inclusive(self, app, db, client, admin):
        old, mid, new = (
            joined(make_user("old"), 100),
            joined(make_user("mid"), 50),
            make_user("new"),
        )
        joined(new, 1)
        day = (utcnow() - timedelta(days=50)).date().isoformat()
        assert listed(page(client, f"?joined_from={day}&joined_to={day}")) == ["mid"]
        since = (utcnow() - timedelta(days=60)).date().isoformat()
        assert listed(page(client, f"?joined_from={since}")) == ["new", "mid"]
        until = (utcnow() - timedelta(days=60)).date().isoformat()
        assert listed(page(client, f"?joined_to={until}")) == ["old", "root"]
        assert old.username == "old" and mid.username == "mid"

    def test_filters_combine(self, app, db, client, admin):
        make_user("ella", role="expert")
        make_user("elke")
        assert listed(page(client, "?q=el&role=expert")) == ["ella"]

    def test_a_bad_filter_is_a_form_error_and_the_rest_still_applies(self, app, db, client, admin):
        make_user("ella", role="expert")
        make_user("paul")
        response = client.get("/admin/users?joined_from=31.01.2026&role=expert")
        html = response.get_data(as_text=True)
        assert response.status_code == 400
        assert "A date like 2026-01-31." in html
        assert listed(html) == ["ella"]
        assert client.get("/admin/users?role=king").status_code == 400
        assert client.get("/admin/users?state=asleep").status_code == 400


class TestOrderAndPages:
    def test_newest_first_or_by_username(self, app, db, client, admin):
        joined(make_user("zora"), 10)
        joined(make_user("anna"), 20)
        joined(make_user("Mia"), 5)
        assert listed(page(client)) == ["Mia", "zora", "anna", "root"]
        assert listed(page(client, "?sort=name")) == ["anna", "Mia", "root", "zora"]

    def test_pages_keep_the_filters(self, app, db, client, admin, monkeypatch):
        monkeypatch.setattr(member_queries, "PER_PAGE", 2)
        for n in range(5):
            joined(make_user(f"expert{n}", role="expert"), n + 1)
        first = page(client, "?role=expert")
        assert listed(first) == ["expert0", "expert1"]
        assert "5 members found." in first
        assert 'href="/admin/users?page=2&amp;role=expert"' in first
        assert listed(page(client, "?role=expert&page=3")) == ["expert4"]


@contextmanager
def counting_statements():
    seen: list[str] = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_the_list_costs_the_same_queries_for_5_and_30_members(app, db, client, admin):
    def statements() -> int:
        with counting_statements() as seen:
            assert client.get("/admin/users").status_code == 200
        return len(seen)

    def add_members(count: int):
        for _ in range(count):
            user = make_user()
            db.session.add(
                SocialIdentity(user_id=user.id, provider="google", subject=user.username)
            )
        db.session.commit()

    def list_statements() -> int:
        with counting_statements() as seen:
            member_queries.list_members(admin, member_queries.MemberFilter())
        return len(seen)

    add_members(5)
    with_five = statements()
    add_members(25)
    with_thirty = statements()
    assert with_five == with_thirty
    assert list_statements() == 3  # the count, the rows, their sign-in providers
