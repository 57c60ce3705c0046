"""FAQ rules: who writes, revisions, order, promotion from a solved question, helpful votes."""

import pytest
from sqlalchemy import func, select

from hub.core.columns import utcnow
from hub.core.errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from hub.faq import queries
from hub.faq import service as faq
from hub.faq.models import FaqRevision, FaqVote
from hub.forums import answers
from hub.forums.similar import similar_items
from tests.factories import make_category, make_reply, make_topic, make_user, reload

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def expert():
    return make_user(role="expert")


@pytest.fixture
def category():
    return make_category("rechnung")


def _entry(expert, category, question="Wann wird abgebucht?", answer="Am **3.** des Monats."):
    return faq.create_entry(expert, category.slug, question, answer)


def _solved_question(asker=None, answer="Im Kundenportal unter *Rechnungen*."):
    asker = asker or make_user()
    topic = make_topic(asker, title="Wo finde ich meine Rechnung?", body="Ich finde sie nicht.")
    reply = make_reply(topic, make_user(role="expert"), body=answer)
    answers.accept_answer(asker, reply.id)
    return reload(topic), reply


class TestCreateEntry:
    def test_refuses_visitors_and_members(self, category):
        with pytest.raises(Unauthorized):
            faq.create_entry(None, category.slug, "Eine Frage hier?", "Antwort.")
        with pytest.raises(Forbidden):
            faq.create_entry(make_user(), category.slug, "Eine Frage hier?", "Antwort.")

    def test_requires_question_answer_and_category(self, expert, category):
        with pytest.raises(Invalid) as error:
            faq.create_entry(expert, category.slug, "?", "Antwort.")
        assert "question" in error.value.fields
        with pytest.raises(Invalid) as error:
            faq.create_entry(expert, category.slug, "Eine Frage hier?", "   ")
        assert "answer" in error.value.fields
        with pytest.raises(Invalid) as error:
            faq.create_entry(expert, "nope", "Eine Frage hier?", "Antwort.")
        assert "category" in error.value.fields

    def test_expert_creates_a_published_entry_at_the_end(self, expert, category):
        first = _entry(expert, category)
        second = _entry(expert, category, "Kann ich per Rechnung zahlen?", "Ja.")
        assert second.position > first.position
        assert first.is_published and first.published_at is not None
        assert first.answer_html == "<p>Am <strong>3.</strong> des Monats.</p>\n"
        assert first.maintainer_id == expert.id
        assert first.slug == "wann-wird-abgebucht"

    def test_markup_in_the_answer_is_made_safe(self, expert, category):
        entry = _entry(expert, category, answer="<script>alert(1)</script> [x](javascript:1)")
        assert "<script" not in entry.answer_html and 'href="javascript' not in entry.answer_html

    def test_draft(self, expert, category):
        entry = faq.create_entry(expert, category.slug, "Ein Entwurf hier?", "Text.", publish=False)
        assert not entry.is_published and entry.published_at is None
        assert queries.entries(None) == []
        assert queries.entries(expert, drafts=True) == [entry]


class TestEditEntry:
    def test_keeps_the_old_text_as_a_revision(self, expert, category):
        entry = _entry(expert, category)
        faq.edit_entry(expert, entry.id, "Wann genau wird abgebucht?", "Am 5.", reason="neu")
        assert entry.question == "Wann genau wird abgebucht?"
        assert entry.answer_html == "<p>Am 5.</p>\n"
        assert entry.slug == "wann-genau-wird-abgebucht"
        [revision] = faq.revisions(entry)
        assert (revision.question, revision.answer_raw, revision.reason) == (
            "Wann wird abgebucht?",
            "Am **3.** des Monats.",
            "neu",
        )
        assert revision.editor_id == expert.id

    def test_unchanged_text_makes_no_revision(self, expert, category):
        entry = _entry(expert, category)
        faq.edit_entry(expert, entry.id, entry.question, entry.answer_raw)
        assert faq.revisions(entry) == []

    def test_refuses_members(self, expert, category):
        entry = _entry(expert, category)
        with pytest.raises(Forbidden):
            faq.edit_entry(make_user(), entry.id, "Andere Frage hier?", "x")

    def test_moving_to_another_category_puts_it_last(self, expert, category):
        other = make_category("mobil")
        existing = _entry(expert, other, "Wie teuer ist Roaming?", "Kostenlos in der EU.")
        entry = _entry(expert, category)
        faq.edit_entry(expert, entry.id, entry.question, entry.answer_raw, category="mobil")
        assert entry.space_id == other.id and entry.position > existing.position

    def test_maintainer_must_be_on_the_team(self, expert, category):
        entry = _entry(expert, category)
        member = make_user("mia")
        with pytest.raises(Invalid):
            faq.edit_entry(expert, entry.id, entry.question, "x", maintainer=member.username)
        colleague = make_user("kai", role="expert")
        faq.edit_entry(expert, entry.id, entry.question, entry.answer_raw, maintainer="KAI")
        assert entry.maintainer_id == colleague.id

    def test_unknown_entry(self, expert):
        with pytest.raises(NotFound):
            faq.edit_entry(expert, 999, "Eine Frage hier?", "x")


class TestOrder:
    def test_move_up_and_down(self, expert, category):
        a, b, c = (_entry(expert, category, f"Frage Nummer {n}?", "x") for n in "abc")
        faq.move_entry(expert, c.id, -1)
        assert [e.id for e in queries.entries(None)] == [a.id, c.id, b.id]
        faq.move_entry(expert, a.id, +1)
        assert [e.id for e in queries.entries(None)] == [c.id, a.id, b.id]
        faq.move_entry(expert, c.id, -1)  # already first
        assert [e.id for e in queries.entries(None)] == [c.id, a.id, b.id]

    def test_reorder(self, expert, category):
        a, b, c = (_entry(expert, category, f"Frage Nummer {n}?", "x") for n in "abc")
        faq.reorder_entries(expert, category.slug, [c.id, a.id])
        assert [e.id for e in queries.entries(None)] == [c.id, a.id, b.id]
        with pytest.raises(Invalid):
            faq.reorder_entries(expert, category.slug, [999])
        with pytest.raises(Forbidden):
            faq.reorder_entries(make_user(), category.slug, [a.id])


class TestPromote:
    def test_links_question_and_entry_both_ways(self, expert):
        topic, reply = _solved_question()
        entry = faq.promote_topic(expert, topic.id)
        assert entry.source_topic_id == topic.id
        assert (entry.question, entry.answer_raw) == (topic.title, reply.raw)
        assert entry.answer_html == reply.html
        assert not entry.is_published and entry.space_id == topic.space_id
        assert queries.entry_for_topic(expert, topic.id) == entry
        assert queries.entry_for_topic(None, topic.id) is None  # a draft, for now
        faq.publish_entry(expert, entry.id)
        assert queries.entry_for_topic(None, topic.id) == entry

    def test_refuses_members_and_unsolved_questions(self, expert):
        topic, _ = _solved_question()
        with pytest.raises(Forbidden):
            faq.promote_topic(make_user(), topic.id)
        open_question = make_topic(title="Noch offen: Frage zum Vertrag", body="?")
        with pytest.raises(Forbidden):
            faq.promote_topic(expert, open_question.id)

    def test_once_per_question(self, expert):
        topic, _ = _solved_question()
        entry = faq.promote_topic(expert, topic.id)
        with pytest.raises(Conflict) as error:
            faq.promote_topic(expert, topic.id)
        assert error.value.fields == {"faq_entry": str(entry.id)}

    def test_hidden_accepted_answer_is_not_promoted(self, expert, db):
        topic, reply = _solved_question()
        reply.hidden_at = utcnow()
        db.session.commit()
        with pytest.raises(Invalid):
            faq.promote_topic(expert, topic.id)


class TestHelpful:
    def test_once_per_member_who_may_change_their_mind(self, expert, category):
        entry = _entry(expert, category)
        member = make_user()
        faq.vote_helpful(member, entry.id, True)
        faq.vote_helpful(member, entry.id, True)
        assert (entry.helpful_yes, entry.helpful_no) == (1, 0)
        faq.vote_helpful(member, entry.id, False)
        assert (entry.helpful_yes, entry.helpful_no) == (0, 1)
        faq.vote_helpful(make_user(), entry.id, True)
        assert (entry.helpful_yes, entry.helpful_no) == (1, 1)

    def test_once_per_visitor_session(self, expert, category, db):
        entry = _entry(expert, category)
        faq.vote_helpful(None, entry.id, True, session_key="browser-1")
        faq.vote_helpful(None, entry.id, True, session_key="browser-1")
        faq.vote_helpful(None, entry.id, False, session_key="browser-2")
        assert (entry.helpful_yes, entry.helpful_no) == (1, 1)
        assert db.session.scalar(select(func.count(FaqVote.id))) == 2

    def test_visitor_without_a_session_cannot_vote(self, expert, category):
        entry = _entry(expert, category)
        with pytest.raises(Invalid):
            faq.vote_helpful(None, entry.id, True)

    def test_drafts_cannot_be_voted_on(self, expert, category):
        entry = faq.create_entry(expert, category.slug, "Ein Entwurf hier?", "Text.", publish=False)
        with pytest.raises(NotFound):
            faq.vote_helpful(make_user(), entry.id, True)


class TestPublish:
    def test_publish_and_unpublish(self, expert, category):
        entry = faq.create_entry(expert, category.slug, "Ein Entwurf hier?", "Text.", publish=False)
        faq.publish_entry(expert, entry.id)
        assert entry.is_published and entry.published_at is not None
        faq.unpublish_entry(expert, entry.id)
        assert not entry.is_published

    def test_refuses_members(self, expert, category):
        entry = _entry(expert, category)
        with pytest.raises(Forbidden):
            faq.unpublish_entry(make_user(), entry.id)

    def test_each_text_change_records_one_revision(self, expert, category, db):
        entry = _entry(expert, category)
        faq.edit_entry(expert, entry.id, entry.question, "Neu.")
        assert db.session.scalar(select(func.count(FaqRevision.id))) == 1


class TestSimilarItems:
    def test_faq_entries_come_before_questions(self, expert, category):
        make_topic(title="Rechnung doppelt bezahlt", body="Was nun?")
        _entry(expert, category, "Was tun, wenn die Rechnung doppelt kam?", "Melden.")
        items = similar_items(None, "Rechnung doppelt")
        assert [(i.kind, i.title) for i in items] == [
            ("faq", "Was tun, wenn die Rechnung doppelt kam?"),
            ("question", "Rechnung doppelt bezahlt"),
        ]

    def test_drafts_and_private_entries_are_left_out(self, expert, category):
        faq.create_entry(expert, category.slug, "Rechnung Entwurf hier?", "x", publish=False)
        make_category("intern", private=True)
        faq.create_entry(expert, "intern", "Rechnung intern prüfen?", "x")
        assert similar_items(None, "Rechnung") == []
        assert [i.title for i in similar_items(expert, "Rechnung")] == ["Rechnung intern prüfen?"]
