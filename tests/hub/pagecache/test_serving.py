"""Which requests the page cache answers, and that a cached page is the page as rendered."""

import re

import pytest
from flask import template_rendered

from hub.forums import viewcounts
from hub.walls import service as walls
from tests.factories import make_category, make_reply, make_topic, make_user
from tests.hub.pagecache.conftest import Visitor, csrf_token, log_in

pytestmark = pytest.mark.usefixtures("db")

NONCE = re.compile(r"'nonce-([^']+)'")


@pytest.fixture
def topic():
    topic = make_topic(title="Router drops the line every evening")
    make_reply(topic, body="Swap the filter, it is the splitter.")
    return topic


@pytest.fixture
def rendered(cached_app):
    """The names of the templates the app renders while the test runs."""
    names = []

    def record(sender, template, context, **extra):
        names.append(template.name)

    template_rendered.connect(record, cached_app)
    yield names
    template_rendered.disconnect(record, cached_app)


class TestServing:
    def test_second_visit_is_served_without_rendering(self, visitor, topic, rendered):
        path = f"/t/{topic.id}-{topic.slug}"
        how, first = visitor.page(path)
        assert how == "miss" and "forums/topic.html" in rendered
        rendered.clear()

        how, second = visitor.page(path)

        assert how == "hit" and rendered == []
        assert _without_nonces(second) == _without_nonces(first)
        assert "Swap the filter, it is the splitter." in second

    @pytest.mark.parametrize(
        "path",
        ["/", "/latest", "/unanswered", "/solved", "/c/{slug}", "/faq/", "/company", "/w/{wall}"],
    )
    def test_visitor_pages_are_cached(self, visitor, topic, path):
        wall = walls.create_wall_post(make_user(role="expert"), "company", "Fibre works again.")
        visitor.cached(path.format(slug=topic.space.slug, wall=wall.id))

    def test_each_hit_has_a_fresh_nonce_in_header_and_page(self, visitor, topic):
        path = f"/t/{topic.id}-{topic.slug}"
        nonces = []
        for _ in range(3):
            response = visitor.get(path)
            header = NONCE.search(response.headers["Content-Security-Policy"]).group(1)
            page = response.get_data(as_text=True)
            assert page.count(f'nonce="{header}"') >= 2  # hub.js, search.js, forum.js
            assert response.headers["Content-Length"] == str(len(response.get_data()))
            nonces.append(header)
        assert len(set(nonces)) == 3

    def test_a_hit_has_the_headers_of_a_rendered_page(self, visitor, topic):
        path = f"/c/{topic.space.slug}"
        miss, hit = visitor.get(path), visitor.get(path)
        assert (miss.headers["X-Cache"], hit.headers["X-Cache"]) == ("miss", "hit")
        assert _headers(hit) == _headers(miss)
        assert "Set-Cookie" not in hit.headers

    def test_hits_count_topic_views(self, visitor, topic):
        path = f"/t/{topic.id}-{topic.slug}"
        viewcounts._take()
        for _ in range(4):
            visitor.get(path)
        assert viewcounts._take()[topic.id] == 4


class TestNotCached:
    def test_never_for_a_logged_in_member(self, cached_app, topic):
        member = make_user("ines")
        client = cached_app.test_client()
        log_in(client, "ines")
        path = f"/t/{topic.id}-{topic.slug}"
        Visitor(cached_app).cached(path)  # a visitor's copy exists

        for _ in range(2):
            response = client.get(path)
            assert "X-Cache" not in response.headers
            assert f'href="/u/{member.username}"' in response.get_data(as_text=True)

    def test_never_for_a_browser_with_a_session(self, cached_app, visitor, topic):
        path = f"/c/{topic.space.slug}"
        visitor.cached(path)
        client = cached_app.test_client()
        with client.session_transaction() as session:  # as after a FAQ vote
            session["faq_voter"] = "abc123"

        assert "X-Cache" not in client.get(path).headers

    def test_a_flash_is_never_stored_or_served_to_others(self, cached_app, visitor, topic):
        from hub.faq import service as faq

        expert = make_user("jana", role="expert")
        entry = faq.create_entry(expert, topic.space.slug, "When is the bill due?", "On the 3rd.")
        path = f"/faq/{entry.id}-{entry.slug}"
        visitor.cached(path)
        client = cached_app.test_client()
        confirm = client.get(f"/faq/{entry.id}/helpful?helpful=yes&next={path}")

        voted = client.post(
            f"/faq/{entry.id}/helpful",
            data={"helpful": "yes", "next": path, "csrf_token": csrf_token(confirm.text)},
            follow_redirects=True,
        )

        assert "Thank you for your feedback." in voted.get_data(as_text=True)
        assert "X-Cache" not in voted.headers  # the voter has a session now
        assert "Thank you for your feedback." not in visitor.cached(path)

    def test_a_post_is_never_answered_from_the_cache(self, visitor, topic):
        visitor.cached("/")
        response = visitor.app.test_client().post("/")
        assert response.status_code == 405 and "X-Cache" not in response.headers

    def test_pages_with_forms_are_rendered_every_time(self, visitor):
        tokens = set()
        for _ in range(2):
            response = visitor.get("/login")
            assert "X-Cache" not in response.headers  # not a cached page: passed to the app
            tokens.add(csrf_token(response.text))
        assert len(tokens) == 2

    def test_not_found_is_not_stored(self, visitor):
        for _ in range(2):
            response = visitor.get("/t/999999-gone")
            assert response.status_code == 404 and response.headers["X-Cache"] == "pass"


class TestKeys:
    def test_each_language_has_its_own_copy(self, visitor, topic):
        english = visitor.cached("/", **{"Accept-Language": "en-GB,en;q=0.9"})
        german = visitor.cached("/", **{"Accept-Language": "de-DE,de;q=0.9"})
        assert '<html lang="en">' in english and "Recent topics" in english
        assert '<html lang="de">' in german and "Recent topics" not in german

    def test_the_language_links_set_a_cookie_the_cache_follows(self, cached_app, topic):
        client = cached_app.test_client()
        page = client.get("/faq/").get_data(as_text=True)
        assert 'href="/language/de?next=/faq/?"' in page and "csrf_token" not in page

        switched = client.get("/language/de?next=/faq/")

        assert switched.status_code == 302 and switched.headers["Location"] == "/faq/"
        assert "X-Cache" not in switched.headers
        first, second = client.get("/faq/"), client.get("/faq/")
        assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("miss", "hit")
        assert '<html lang="de">' in second.get_data(as_text=True)
        english = Visitor(cached_app).page("/faq/")[1]
        assert '<html lang="en">' in english

    def test_query_strings_have_their_own_copies(self, visitor):
        space = make_category("billing")
        make_topic(space=space, title="Charged twice for March")
        solved = visitor.cached("/c/billing?filter=solved")
        latest = visitor.cached("/c/billing")
        assert "Charged twice for March" in latest and "Charged twice for March" not in solved


def _without_nonces(page: str) -> str:
    return re.sub(r'nonce="[^"]+"', "", page)


def _headers(response) -> dict:
    headers = {k: v for k, v in response.headers.items() if k not in ("X-Cache",)}
    headers["Content-Security-Policy"] = NONCE.sub("", headers["Content-Security-Policy"])
    return headers
