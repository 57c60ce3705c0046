"""Similar questions while someone types a title: solved first, only what they may see."""

import pytest

from hub.forums import answers
from hub.forums import service as forums
from hub.forums.similar import keywords, similar_questions
from tests.factories import make_category, make_reply, make_topic, make_user

pytestmark = pytest.mark.usefixtures("db")


def _titles(topics) -> list[str]:
    return [topic.title for topic in topics]


class TestSimilarQuestions:
    def test_keywords_skip_common_words(self):
        assert keywords("How do I reset the Router? Wie kann ich den Router") == ["reset", "router"]

    def test_nothing_to_match_gives_nothing(self):
        make_topic(title="Router resets itself")
        assert similar_questions(None, "How can I?") == []

    def test_more_shared_words_first_then_solved_first(self):
        asker = make_user()
        make_topic(asker, title="Router lost its settings")
        solved = make_topic(asker, title="Router keeps losing connection")
        answers.accept_answer(asker, make_reply(solved).id)
        make_topic(asker, title="Router reset and connection gone")
        found = similar_questions(None, "router connection reset")
        assert _titles(found) == [
            "Router reset and connection gone",  # three words in common
            "Router keeps losing connection",  # two, solved
            "Router lost its settings",  # one
        ]

    def test_solved_first_among_equal_matches(self):
        asker = make_user()
        open_question = make_topic(asker, title="Invoice shows twice")
        solved = make_topic(asker, title="Invoice arrived late")
        answers.accept_answer(asker, make_reply(solved).id)
        found = similar_questions(None, "invoice")
        assert [t.id for t in found] == [solved.id, open_question.id]

    def test_private_categories_are_excluded_for_members(self):
        expert = make_user(role="expert")
        public = make_topic(title="Invoice shows twice")
        private = make_topic(expert, make_category(private=True), title="Invoice export bug")
        assert [t.id for t in similar_questions(make_user(), "invoice")] == [public.id]
        assert [t.id for t in similar_questions(None, "invoice")] == [public.id]
        assert {t.id for t in similar_questions(expert, "invoice")} == {public.id, private.id}

    def test_only_questions_at_most_five(self):
        asker = make_user()
        space = make_category()
        for n in range(7):
            make_topic(asker, space, title=f"Invoice problem number {n}")
        forums.create_topic(asker, space.slug, "discussion", "Invoice layout ideas", "Thoughts?")
        found = similar_questions(None, "invoice")
        assert len(found) == 5 and all(topic.kind == "question" for topic in found)
