"""The demo community's files, loaded step by step: FAQ, reports, walls and spoke accounts.

The whole demo (`flask --app wsgi demo load`) is covered in tests/hub/test_cli.py."""

import pytest
from sqlalchemy import select

from hub.demo import loader
from hub.faq import queries as faq_queries
from hub.forums import service as forums
from hub.forums.models import Post
from hub.moderation import queries as moderation_queries
from hub.walls import queries as wall_queries
from hub.walls import service as walls
from tests.factories import make_user

pytestmark = pytest.mark.usefixtures("db")


def demo(name: str, empty=()):
    return loader.read(loader.DEMO, name, empty)


def demo_people() -> dict:
    return loader.create_people(demo("people"), admin_password="admin-password")


def test_demo_faq_loads_into_the_demo_categories():
    for category in demo("categories"):
        forums.create_category(category["slug"], category["name"], category["description"])
    experts = [p["username"] for p in demo("people")["people"] if p["role"] == "expert"]
    people = {name: make_user(name, role="expert") for name in experts}
    created = loader.create_faq(demo("faq"), people)
    entries = faq_queries.entries(None)
    assert len(created) == len(entries) >= 15
    questions = " ".join(entry.question for entry in entries)
    assert "Wie" in questions and "How" in questions
    assert all(entry.maintainer is not None for entry in entries)


def test_demo_reports_are_open_without_hiding_anything():
    people = demo_people()
    topic_ids = loader.create_forums(loader.DEMO, people)
    flags = loader.file_reports(demo("reports"), people, topic_ids)
    assert len(flags) == 4
    assert all(f.reporter_id != f.target_user_id for f in flags)
    groups = moderation_queries.queue()
    assert {g.target_id for g in groups} == {f.target_id for f in flags}
    assert len(groups) == 3 and max(g.count for g in groups) == 2
    assert not any(g.post.is_hidden for g in groups)


def test_demo_fills_walls():
    people = demo_people()
    loader.fill_walls(demo("walls", {}), people)
    cards, _more = wall_queries.wall_cards(None, walls.company_wall())
    assert len(cards) == 3 and cards[0].pinned
    assert wall_queries.open_issues() == []  # the demo's outage is resolved
    assert len(wall_queries.wall_cards(None, walls.member_wall(people["markus_h"]))[0]) == 1


def test_demo_chat_has_rooms_with_history_and_a_private_line(db):
    from hub.chat.models import ChatMessage, ChatRoom

    people = demo_people()
    loader.open_chat(demo("chat", {}), people)
    rooms = db.session.scalars(select(ChatRoom).order_by(ChatRoom.id)).all()
    assert [room.slug for room in rooms][:2] == ["stoerungen-live", "mobilfunk"]
    assert len(rooms) == 3
    messages = db.session.scalars(select(ChatMessage).order_by(ChatMessage.id)).all()
    assert len(messages) == 9
    assert [m.created_at for m in messages[:4]] == sorted(m.created_at for m in messages[:4])


def test_demo_replies_get_the_votes_the_files_give_them(db):
    people = demo_people()
    topic_ids = loader.create_forums(loader.DEMO, people)
    spec = demo("topics/internet-dsl")[0]
    replies = db.session.scalars(
        select(Post)
        .where(Post.topic_id == topic_ids[spec["title"]], Post.number > 1)
        .order_by(Post.number)
    ).all()
    assert [reply.score for reply in replies] == [r.get("votes", 0) for r in spec["replies"]]
    assert [reply.is_official for reply in replies] == [
        r.get("official", False) for r in spec["replies"]
    ]


def test_demo_writes_an_imprint_and_a_privacy_policy_in_both_languages(app, client):
    loader.write_legal_pages(demo("legal", {}), demo_people())
    for path, german, english in (
        ("/imprint", "Handelsregister", "Commercial register"),
        ("/privacy", "Was wir speichern", "What we keep"),
    ):
        assert german in client.get(path, headers={"Accept-Language": "de"}).text
        assert english in client.get(path, headers={"Accept-Language": "en"}).text
    footer = client.get("/", headers={"Accept-Language": "de"}).text.split("<footer", 1)[1]
    assert '<a href="/imprint">Impressum</a>' in footer
    assert '<a href="/privacy">Datenschutzerklärung</a>' in footer
