"""The results page (filters, sorting, pagination), suggestions while typing, and the API.
Both backends."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.faq import service as faq
from hub.forums import answers
from hub.forums.models import Post, Topic
from hub.search import service as search
from tests.factories import make_category, make_reply, make_topic, make_user
from tests.hub.search.helpers import find, results, titles


@pytest.fixture
def mixed(search_app):
    """An FAQ entry, a solved question with an answer, an open question, in two categories."""
    asker, expert = make_user(), make_user(role="expert")
    internet, mobil = make_category("internet"), make_category("mobil")
    faq.create_entry(expert, "internet", "Wie starte ich den Router neu?", "Stecker ziehen.")
    solved = make_topic(asker, internet, title="Router startet ständig neu", body="Hilfe!")
    reply = make_reply(solved, expert, body="Ein Firmware-Update für den Router hilft.")
    answers.accept_answer(asker, reply.id)
    make_topic(asker, mobil, title="Router für unterwegs", body="Welcher LTE-Router taugt?")
    return {"internet": internet, "mobil": mobil}


class TestFilters:
    def test_everything_faq_first(self, mixed):
        found = find("Router")
        assert found[0] == ("faq", "Wie starte ich den Router neu?")
        assert {kind for kind, _ in found} == {"faq", "topic", "post"}

    def test_type_filter(self, mixed):
        assert {k for k, _ in find("Router", types=["faq"])} == {"faq"}
        assert {k for k, _ in find("Router", types=["post"])} == {"post"}
        assert {k for k, _ in find("Router", types=["topic", "post"])} == {"topic", "post"}

    def test_category_filter(self, mixed):
        assert titles("Router", category="mobil") == ["Router für unterwegs"]
        assert "Router für unterwegs" not in titles("Router", category="internet")
        assert titles("Router", category="no-such-category") == []

    def test_solved_only(self, mixed):
        found = find("Router", solved=True)
        assert ("topic", "Router für unterwegs") not in found
        assert ("topic", "Router startet ständig neu") in found

    def test_sort_by_date_newest_first(self, mixed):
        old = db.session.scalar(db.select(Topic).where(Topic.title == "Router für unterwegs"))
        db.session.execute(
            update(Topic).where(Topic.id == old.id).values(created_at=utcnow() - timedelta(days=9))
        )
        db.session.execute(
            update(Post)
            .where(Post.topic_id == old.id)
            .values(created_at=utcnow() - timedelta(days=9))
        )
        db.session.commit()
        search.rebuild_index()  # dates are taken at indexing time
        found = results("Router", sort="date").items
        dates = [hit.created_at for hit in found]
        assert dates == sorted(dates, reverse=True)
        assert found[-1].title == "Router für unterwegs"

    def test_pages(self, search_app):
        space = make_category("viele")
        asker = make_user()
        for n in range(23):
            make_topic(asker, space, title=f"Tarifwechsel Frage Nummer {n}", body="Tarif?")
        first = results("Tarifwechsel", per_page=10)
        second = results("Tarifwechsel", per_page=10, page=2)
        third = results("Tarifwechsel", per_page=10, page=3)
        assert len(first.items) == 10 and first.has_next and not first.has_previous
        assert len(second.items) == 10 and second.has_next and second.has_previous
        assert len(third.items) == 3 and not third.has_next
        seen = [h.id for h in first.items + second.items + third.items]
        assert len(set(seen)) == 23
        assert third.total == 23

    def test_pages_skip_what_the_viewer_may_not_see(self, search_app):
        expert = make_user(role="expert")
        private = make_category("team", private=True)
        public = make_category("alle")
        for n in range(12):
            make_topic(expert, private, title=f"Intern Störungsmeldung {n}", body="geheim")
        make_topic(expert, public, title="Öffentliche Störungsmeldung", body="für alle")
        found = results("Störungsmeldung", per_page=5)
        assert [hit.title for hit in found.items] == ["Öffentliche Störungsmeldung"]
        assert not found.has_next and found.total == 1


class TestResultsPage:
    def test_page_shows_hits_with_marked_snippets_and_filters(self, mixed, search_client):
        page = search_client.get("/search?q=Firmware").get_data(as_text=True)
        assert "Router startet ständig neu" in page
        assert "<mark>Firmware</mark>" in page
        assert 'name="type" value="faq"' in page and 'name="solved"' in page
        assert '<option value="mobil"' in page

    def test_filters_and_pagination_links_keep_the_query(self, search_client, search_app):
        space = make_category("viele")
        asker = make_user()
        for n in range(12):
            make_topic(asker, space, title=f"Vertragslaufzeit Frage {n}", body="Laufzeit?")
        page = search_client.get("/search?q=Vertragslaufzeit&type=topic&solved=").get_data(
            as_text=True
        )
        assert 'rel="next" href="/search?q=Vertragslaufzeit&amp;type=topic&amp;page=2"' in page
        second = search_client.get("/search?q=Vertragslaufzeit&type=topic&page=2")
        assert 'rel="prev"' in second.get_data(as_text=True)

    def test_empty_query_shows_the_form_only(self, search_client):
        response = search_client.get("/search")
        assert response.status_code == 200
        assert 'role="search"' in response.get_data(as_text=True)

    def test_nothing_found(self, search_client):
        page = search_client.get("/search?q=Quantenverschränkung").get_data(as_text=True)
        assert "Nothing found" in page

    def test_header_has_a_labelled_search_box(self, search_client):
        page = search_client.get("/").get_data(as_text=True)
        assert '<form class="site-search" role="search" method="get" action="/search">' in page
        assert '<label for="site-search-q"' in page and 'id="site-search-q"' in page
        assert "js/search.js" in page


class TestSuggestions:
    def test_top_five_titles_for_a_prefix_faq_first(self, mixed, search_client):
        space = make_category("extra")
        for n in range(7):
            make_topic(make_user(), space, title=f"Routerwechsel Erfahrung {n}", body="Neu.")
        items = search_client.get("/search/suggest?q=rou").get_json()["items"]
        assert len(items) == 5
        assert items[0] == {
            "type": "faq",
            "title": "Wie starte ich den Router neu?",
            "url": items[0]["url"],
        }
        assert all(item["type"] in ("faq", "topic") for item in items)

    def test_suggestions_respect_permissions(self, search_client, search_app):
        make_topic(
            make_user(role="expert"), make_category("x", private=True), title="Geheimprojekt"
        )
        assert search_client.get("/search/suggest?q=Geheim").get_json() == {"items": []}

    def test_nothing_for_nothing(self, search_client):
        assert search_client.get("/search/suggest?q=").get_json() == {"items": []}


class TestApi:
    def test_search_hits(self, mixed, search_client):
        body = search_client.get("/api/v1/search?q=Router").get_json()
        first = body["items"][0]
        assert set(first) == {"type", "id", "title", "url", "snippet", "score"}
        assert first["type"] == "faq" and first["url"].startswith("http://")
        assert "<mark>" in "".join(item["snippet"] for item in body["items"])

    def test_type_filter_and_validation(self, mixed, search_client):
        body = search_client.get("/api/v1/search?q=Router&type=post").get_json()
        assert [item["type"] for item in body["items"]] == ["post"]
        bad = search_client.get("/api/v1/search?q=Router&type=secret")
        assert bad.status_code in (400, 422)

    def test_hidden_content_never_appears(self, search_client, search_app):
        topic = make_topic(title="Frage zum Tarif", body="Welcher Tarif?")
        reply = make_reply(topic, body="Spamlink billigtarif.example")
        reply.hidden_at = utcnow()
        db.session.commit()
        body = search_client.get("/api/v1/search?q=billigtarif").get_json()
        assert body["items"] == []

    def test_token_users_see_what_they_may(self, search_client, search_app):
        from hub.accounts import service as accounts

        expert = make_user(role="expert")
        make_topic(expert, make_category("x", private=True), title="Interne Notiz Wartung")
        token = accounts.create_api_token(expert)
        anonymous = search_client.get("/api/v1/search?q=Wartung").get_json()
        team = search_client.get(
            "/api/v1/search?q=Wartung", headers={"Authorization": f"Bearer {token}"}
        ).get_json()
        assert anonymous["items"] == []
        assert [item["title"] for item in team["items"]] == ["Interne Notiz Wartung"]


class TestWalls:
    def test_wall_posts_are_found_as_wall(self, search_app):
        from hub.core import events
        from hub.core.extensions import db
        from hub.forums.models import Space, Topic

        owner = make_user("wanda")
        wall = Space(kind="wall", slug="wall-wanda", name="Wanda", owner_id=owner.id)
        db.session.add(wall)
        db.session.flush()
        topic = Topic(
            space_id=wall.id, kind="wall", title="Neuer Glasfaseranschluss", author_id=owner.id
        )
        db.session.add(topic)
        db.session.flush()
        db.session.add(
            Post(
                topic_id=topic.id,
                number=1,
                author_id=owner.id,
                raw="x",
                html="<p>Endlich Glasfaser!</p>",
            )
        )
        db.session.commit()
        events.topic_created.send(topic)
        assert find("Glasfaser") == [("wall", "Neuer Glasfaseranschluss")]
        assert find("Glasfaser", types=["wall"]) == [("wall", "Neuer Glasfaseranschluss")]
        assert find("Glasfaser", types=["topic"]) == []
        wall.is_private = True
        db.session.commit()
        assert find("Glasfaser") == []

    def test_walls_hidden_from_visitors_are_not_found_by_visitors(self, search_app):
        walls = pytest.importorskip("hub.walls.service")
        owner = make_user("wiebke")
        walls.create_wall_post(owner, owner.username, "Mein neuer Glasfaseranschluss läuft!")
        assert [k for k, _ in find("Glasfaseranschluss")] == ["wall"]
        hit = results("Glasfaseranschluss").items[0]
        assert "<mark>Glasfaseranschluss</mark>" in hit.snippet
        walls.update_settings(owner, hidden=True)
        assert find("Glasfaseranschluss") == []
        assert [k for k, _ in find("Glasfaseranschluss", make_user())] == ["wall"]
