"""Hidden and deleted posts, drafts and private categories never appear for someone who may not
see them, whatever the index holds. Both backends."""

from sqlalchemy import update

from hub.core import events
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.faq import service as faq
from hub.forums.models import Post
from hub.search import backend, documents, syntax
from hub.search.base import Filters
from tests.factories import make_category, make_reply, make_topic, make_user
from tests.hub.search.helpers import find, results, titles


def hide(post, *, signal=True):
    """What moderation does: mark the post hidden, commit, tell the index."""
    post.hidden_at, post.hidden_reason = utcnow(), "spam"
    db.session.commit()
    if signal:
        events.post_hidden.send(post)


def index_keys(q: str) -> set[str]:
    """What the index itself proposes (before the database check)."""
    parsed = syntax.parse(q)
    return {
        documents.key(c.type, c.id)
        for c in backend.current().search(parsed, Filters(), "relevance", 100)
    }


class TestHiddenAndDeleted:
    def test_hidden_reply_never_appears(self, search_app):
        topic = make_topic(title="Fragen zum Tarif", body="Welcher Tarif passt?")
        reply = make_reply(topic, body="Kauf bei spamshop.example billig Tarife")
        hide(reply)
        author = db.session.get(Post, reply.id).author
        for viewer in (None, make_user(), author, make_user(role="expert")):
            assert ("post", "Fragen zum Tarif") not in find("spamshop", viewer)
        assert index_keys("spamshop") == set()

    def test_topic_whose_opening_post_is_hidden_is_not_found(self, search_app):
        topic = make_topic(title="Billige Pillen kaufen", body="Pillen hier: pillen.example")
        hide(_opening(topic))
        assert titles("Pillen") == []

    def test_stale_index_cannot_leak_a_hidden_post(self, search_app):
        topic = make_topic(title="Telefonnummer vergessen", body="Meine Nummer ist 0151 2345678")
        hide(_opening(topic), signal=False)  # the index never heard of it
        assert f"topic:{topic.id}" in index_keys("Telefonnummer")
        assert titles("Telefonnummer") == []

    def test_deleted_post_never_appears(self, search_app):
        topic = make_topic(title="Adresse im Forum", body="Ich wohne Musterweg 12")
        post = _opening(topic)
        if not hasattr(Post, "deleted_at"):  # moderation (migration 0004) adds the column
            hide(post)
        else:
            db.session.execute(
                update(Post)
                .where(Post.id == post.id)
                .values(raw="", html="", deleted_at=utcnow(), hidden_at=utcnow())
            )
            db.session.commit()
            events.post_hidden.send(db.session.get(Post, post.id))
        assert titles("Musterweg") == []
        assert titles("Adresse") == []


class TestPrivateCategories:
    def test_only_the_team_finds_private_topics(self, search_app):
        private = make_category("intern", private=True)
        make_topic(_team(), private, title="Interne Eskalation Störung", body="Nur fürs Team.")
        assert titles("Eskalation") == []
        assert titles("Eskalation", make_user()) == []
        assert titles("Eskalation", make_user(role="expert")) == ["Interne Eskalation Störung"]
        assert titles("Eskalation", make_user(role="moderator")) == ["Interne Eskalation Störung"]

    def test_replies_in_private_categories_stay_private(self, search_app):
        private = make_category("intern", private=True)
        topic = make_topic(_team(), private, title="Team Absprache", body="Bitte prüfen.")
        make_reply(topic, make_user(role="expert"), body="Kundennummer 4711 ist betroffen.")
        assert titles("Kundennummer") == []
        assert titles("Kundennummer", make_user(role="expert")) == ["Team Absprache"]

    def test_filtering_by_a_private_category_finds_nothing_for_members(self, search_app):
        private = make_category("intern", private=True)
        make_topic(_team(), private, title="Interne Wartung geplant", body="Am Sonntag.")
        assert titles("Wartung", make_user(), category="intern") == []
        expert = make_user(role="expert")
        assert titles("Wartung", expert, category="intern") == ["Interne Wartung geplant"]

    def test_category_moved_to_private_is_hidden_at_once(self, search_app):
        space = make_category("umzug")
        make_topic(title="Umzugsservice Termin", space=space, body="Wann kommt der Techniker?")
        space.is_private = True
        db.session.commit()  # no signal, no reindex: the database check is enough
        assert titles("Umzugsservice") == []


class TestFaqVisibility:
    def test_drafts_are_not_found(self, search_app):
        expert = make_user(role="expert")
        make_category("hilfe")
        entry = faq.create_entry(
            expert, "hilfe", "Wie aktiviere ich die eSIM?", "Per QR-Code.", publish=False
        )
        assert titles("eSIM") == []
        assert titles("eSIM", expert) == []  # drafts live on the FAQ pages, not in search
        faq.publish_entry(expert, entry.id)
        assert find("eSIM") == [("faq", "Wie aktiviere ich die eSIM?")]
        faq.unpublish_entry(expert, entry.id)
        assert titles("eSIM") == []

    def test_entries_in_private_categories_only_for_the_team(self, search_app):
        expert = make_user(role="expert")
        make_category("intern", private=True)
        faq.create_entry(expert, "intern", "Wie eskaliere ich Störungen?", "Ticket an Level 2.")
        assert titles("eskaliere") == []
        assert titles("eskaliere", expert) == ["Wie eskaliere ich Störungen?"]


class TestSnippets:
    def test_what_people_typed_is_escaped_and_only_matches_are_marked(self, search_app):
        make_topic(
            title="Seltsamer Code im Router",
            body="Im Log steht `<script>alert(1)</script>` und <img src=x onerror=alert(2)> Router",
        )
        for hit in results("Router").items:
            snippet = str(hit.snippet)
            assert "<script" not in snippet and "<img" not in snippet
            assert "&lt;script&gt;" in snippet or "&lt;img" in snippet or "alert" not in snippet
            assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0

    def test_a_query_with_markup_is_harmless(self, search_app):
        make_topic(title="Router blinkt rot", body="Die LED blinkt.")
        found = results("<b>Router</b> <i>")
        assert [hit.title for hit in found.items] == ["Router blinkt rot"]
        assert "<b>" not in str(found.items[0].snippet)


def _team():
    return make_user(role="expert")


def _opening(topic) -> Post:
    return db.session.scalars(
        db.select(Post).where(Post.topic_id == topic.id, Post.number == 1)
    ).one()
