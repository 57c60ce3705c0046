"""The index follows the database: every kind of change is found (or gone) right after commit,
a rebuild starts from the database, and a broken Whoosh index repairs itself."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import update

from hub import create_app
from hub.core import events
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.faq import service as faq
from hub.forums import answers
from hub.forums import service as forums
from hub.forums.models import Post
from hub.search import backend
from hub.search import service as search
from tests.conftest import app_config
from tests.factories import make_category, make_reply, make_topic, make_user
from tests.hub.search.conftest import clean
from tests.hub.search.helpers import find, results, titles


class TestFollowsChanges:
    def test_new_topic_and_reply_are_found_at_once(self, search_app):
        topic = make_topic(title="Glasfaser bestellt", body="Wann kommt der Techniker?")
        assert titles("Glasfaser") == ["Glasfaser bestellt"]
        make_reply(topic, body="Der Techniker kommt meistens nach zwei Wochen.")
        assert sorted(find("Techniker")) == [
            ("post", "Glasfaser bestellt"),
            ("topic", "Glasfaser bestellt"),
        ]

    def test_edited_text_is_found_and_the_old_text_is_not(self, search_app):
        author = make_user()
        topic = make_topic(author, title="Frage zum Anschluss", body="Mein Modem blinkt.")
        opening = db.session.scalar(
            db.select(Post).where(Post.topic_id == topic.id, Post.number == 1)
        )
        forums.edit_post(author, opening.id, "Mein Splitter ist kaputt.")
        assert titles("Modem") == []
        assert titles("Splitter") == ["Frage zum Anschluss"]

    def test_renamed_topic_renames_its_answers(self, search_app):
        author = make_user()
        topic = make_topic(author, title="Alte Überschrift hier", body="Text der Frage.")
        make_reply(topic, body="Eine hilfreiche Antwort.")
        opening = db.session.scalar(
            db.select(Post).where(Post.topic_id == topic.id, Post.number == 1)
        )
        forums.edit_post(author, opening.id, "Text der Frage.", title="Neuer Titel Mobilfunk")
        assert titles("Überschrift") == []
        assert sorted(find("Mobilfunk")) == [
            ("post", "Neuer Titel Mobilfunk"),
            ("topic", "Neuer Titel Mobilfunk"),
        ]

    def test_hide_restore_and_delete(self, search_app):
        topic = make_topic(title="Frage zur Rechnung", body="Posten unklar.")
        reply = make_reply(topic, body="Ruf die Hotline 0800 an, Stichwort Drittanbietersperre.")
        assert titles("Drittanbietersperre") == ["Frage zur Rechnung"]

        reply.hidden_at, reply.hidden_reason = utcnow(), "off-topic"
        db.session.commit()
        events.post_hidden.send(reply)
        assert titles("Drittanbietersperre") == []

        reply.hidden_at, reply.hidden_reason = None, ""
        db.session.commit()
        events.post_restored.send(reply)
        assert titles("Drittanbietersperre") == ["Frage zur Rechnung"]

        values = {"raw": "", "html": "", "hidden_at": utcnow()}
        if hasattr(Post, "deleted_at"):
            values["deleted_at"] = utcnow()
        db.session.execute(update(Post).where(Post.id == reply.id).values(**values))
        db.session.commit()
        events.post_deleted.send(db.session.get(Post, reply.id))
        assert titles("Drittanbietersperre") == []

    def test_accepting_an_answer_makes_the_topic_solved(self, search_app):
        asker = make_user()
        topic = make_topic(asker, title="SIM Karte gesperrt", body="PUK verloren.")
        reply = make_reply(topic, body="Die PUK steht im Kundenportal.")
        assert titles("PUK", solved=True) == []
        answers.accept_answer(asker, reply.id)
        assert sorted(find("PUK", solved=True)) == [
            ("post", "SIM Karte gesperrt"),
            ("topic", "SIM Karte gesperrt"),
        ]

    def test_faq_edits_and_moves_are_followed(self, search_app):
        expert = make_user(role="expert")
        make_category("mobil")
        make_category("rechnung")
        entry = faq.create_entry(expert, "mobil", "Wie teuer ist Roaming?", "In der EU kostenlos.")
        faq.edit_entry(expert, entry.id, "Was kostet Roaming?", "Außerhalb der EU 1 € pro MB.")
        assert [h.snippet for h in results("Roaming", category="mobil").items] != []
        assert titles("kostenlos") == []
        assert titles("Außerhalb") == ["Was kostet Roaming?"]
        faq.edit_entry(
            expert,
            entry.id,
            "Was kostet Roaming?",
            "Außerhalb der EU 1 € pro MB.",
            category="rechnung",
        )
        assert titles("Roaming", category="mobil") == []
        assert titles("Roaming", category="rechnung") == ["Was kostet Roaming?"]


def test_a_reply_is_found_when_its_process_has_one_connection_free(postgres_search_app, tmp_path):
    """Indexing uses the connection the request already holds: with a second one, every
    request of a busy process could hold one and wait for another (a stall, then 500s)."""
    app = create_app(
        app_config(
            tmp_path,
            SQLALCHEMY_DATABASE_URI=postgres_search_app.config["SQLALCHEMY_DATABASE_URI"],
            SEARCH_BACKEND="postgres",
            SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 1, "max_overflow": 0, "pool_timeout": 1},
        )
    )
    with clean(app):
        topic = make_topic(title="Spleißbox im Keller", body="Wo ist der Abschlusspunkt?")
        make_reply(topic, body="Der Abschlusspunkt hängt neben dem Stromzähler.")
        assert sorted(find("Stromzähler")) == [("post", "Spleißbox im Keller")]
    with app.app_context():
        db.engine.dispose()


class TestRebuild:
    def test_cli_rebuild_indexes_everything_with_a_progress_bar(self, search_app):
        topic = make_topic(title="Rufnummer mitnehmen", body="Portierung zum neuen Anbieter.")
        make_reply(topic, body="Die Portierung dauert sieben Tage.")
        backend.current().clear()
        assert titles("Portierung") == []
        result = search_app.test_cli_runner().invoke(args=["search", "rebuild"])
        assert result.exit_code == 0, result.output
        assert "Indexing" in result.output
        assert "Indexed 2 documents" in result.output
        assert len(titles("Portierung")) == 2

    def test_rebuild_leaves_out_hidden_posts(self, search_app):
        topic = make_topic(title="Werbung im Forum", body="Gewinnspiel hier.")
        db.session.execute(update(Post).where(Post.topic_id == topic.id).values(hidden_at=utcnow()))
        db.session.commit()
        assert search.rebuild_index() == 0


@pytest.fixture
def index_root(whoosh_app) -> Path:
    return Path(whoosh_app.config["INSTANCE_PATH"]) / "search"


class TestWhooshRecovery:
    def test_missing_index_is_rebuilt_from_the_database(self, whoosh_app, index_root):
        make_topic(title="Störung in Hamburg", body="Kein Internet seit heute früh.")
        backend.current().flush()
        shutil.rmtree(index_root)
        assert titles("Hamburg") == ["Störung in Hamburg"]
        assert (index_root / "CURRENT").exists()

    def test_corrupt_index_is_rebuilt_rather_than_crashing(self, whoosh_app, index_root):
        make_topic(title="Störung in Bremen", body="Kein Internet seit heute früh.")
        backend.current().flush()
        generation = index_root / (index_root / "CURRENT").read_text().split()[0]
        for path in generation.iterdir():
            path.write_bytes(b"\x00garbage\xff" * 10)
        assert titles("Bremen") == ["Störung in Bremen"]
        response = whoosh_app.test_client().get("/healthz")
        assert response.get_json()["parts"]["search"]["ok"] is True

    def test_large_index_rebuilds_in_the_background_while_the_database_answers(
        self, whoosh_app, index_root, monkeypatch
    ):
        make_topic(title="Störung in Kiel", body="Kein Internet seit heute früh.")
        current = backend.current()
        current.flush()
        monkeypatch.setattr(current, "sync_rebuild_limit", 0)
        shutil.rmtree(index_root)
        found = results("Kiel")
        assert [hit.title for hit in found.items] == ["Störung in Kiel"]
        if found.rebuilding:  # the rebuild may already be done on a fast machine
            page = whoosh_app.test_client().get("/search?q=Kiel").get_data(as_text=True)
            assert "Störung in Kiel" in page
        current.wait_for_rebuild()
        assert not results("Kiel").rebuilding
        assert titles("Kiel") == ["Störung in Kiel"]

    def test_health_reports_the_index(self, whoosh_app):
        make_topic(title="Störung in Lübeck", body="Kein Internet.")
        backend.current().flush()
        part = whoosh_app.test_client().get("/healthz").get_json()["parts"]["search"]
        assert part == {"ok": True, "backend": "whoosh", "documents": 1}

    def test_a_failing_search_falls_back_without_rebuilding(self, whoosh_app, monkeypatch):
        from hub.search import whoosh_query

        make_topic(title="Störung in Rostock", body="Kein Internet.")
        current = backend.current()
        current.flush()
        generation = (Path(whoosh_app.config["INSTANCE_PATH"]) / "search" / "CURRENT").read_text()

        def broken(*args):
            raise AssertionError("a bug in a query")

        monkeypatch.setattr(whoosh_query, "build_query", broken)
        found = results("Rostock")
        assert [hit.title for hit in found.items] == ["Störung in Rostock"]
        assert not found.rebuilding
        assert (Path(whoosh_app.config["INSTANCE_PATH"]) / "search" / "CURRENT").read_text() == (
            generation
        )
