"""What makes a reply stand out: accepted answers, official answers and up-votes."""

import pytest
from sqlalchemy import func, select

from hub.core.columns import utcnow
from hub.core.errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from hub.core.extensions import db
from hub.forums import answers
from hub.forums import service as forums
from hub.forums.models import Post, Topic, Vote
from tests.factories import make_reply, make_topic, make_user, reload

pytestmark = pytest.mark.usefixtures("db")


def vote_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Vote))


def opening_of(topic: Topic) -> Post:
    return db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))


@pytest.fixture
def asker():
    return make_user("asker")


@pytest.fixture
def other():
    return make_user("other")


@pytest.fixture
def expert():
    return make_user("erik", role="expert")


@pytest.fixture
def moderator():
    return make_user("moritz", role="moderator")


@pytest.fixture
def question(asker):
    return make_topic(asker)


class TestAcceptAnswer:
    def test_asker_accepts_a_reply(self, asker, question):
        reply = make_reply(question)
        topic = answers.accept_answer(asker, reply.id)
        assert topic.accepted_post_id == reply.id and topic.is_solved

    @pytest.mark.parametrize("role", ["expert", "admin", "moderator"])
    def test_team_and_moderators_may_accept(self, question, role):
        reply = make_reply(question)
        answers.accept_answer(make_user(role=role), reply.id)
        assert reload(question).accepted_post_id == reply.id

    def test_other_member_is_refused_and_nothing_changes(self, other, question):
        reply = make_reply(question)
        with pytest.raises(Forbidden):
            answers.accept_answer(other, reply.id)
        assert reload(question).accepted_post_id is None

    def test_the_author_of_the_reply_cannot_accept_it_in_someone_elses_question(self, question):
        reply = make_reply(question)
        with pytest.raises(Forbidden):
            answers.accept_answer(reply.author, reply.id)
        assert reload(question).accepted_post_id is None

    def test_a_reply_is_accepted_only_in_its_own_topic(self, asker, other, question):
        # The service takes a post, never a (topic, post) pair, so a reply can only ever be the
        # answer of its own topic; the asker of one question has no say in another.
        elsewhere = make_reply(make_topic(other))
        with pytest.raises(Forbidden):
            answers.accept_answer(asker, elsewhere.id)
        assert reload(question).accepted_post_id is None
        assert reload(elsewhere.topic).accepted_post_id is None

    def test_the_opening_post_is_refused(self, asker, question):
        with pytest.raises(Invalid) as error:
            answers.accept_answer(asker, opening_of(question).id)
        assert "post" in error.value.fields
        assert reload(question).accepted_post_id is None

    def test_a_hidden_reply_is_refused(self, asker, question):
        reply = make_reply(question)
        reply.hidden_at, reply.hidden_reason = utcnow(), "Spam"
        db.session.commit()
        with pytest.raises(Invalid):
            answers.accept_answer(asker, reply.id)
        assert reload(question).accepted_post_id is None

    def test_changing_the_accepted_answer(self, asker, question):
        first, second = make_reply(question), make_reply(question)
        answers.accept_answer(asker, first.id)
        answers.accept_answer(asker, second.id)
        assert reload(question).accepted_post_id == second.id

    def test_accepting_again_changes_nothing(self, asker, question):
        reply = make_reply(question)
        answers.accept_answer(asker, reply.id)
        assert answers.accept_answer(asker, reply.id).accepted_post_id == reply.id

    def test_removing_the_accepted_answer(self, asker, question):
        answers.accept_answer(asker, make_reply(question).id)
        topic = answers.unaccept_answer(asker, question.id)
        assert topic.accepted_post_id is None and not topic.is_solved

    def test_removing_names_the_post_and_leaves_another_accepted_one(self, asker, question):
        accepted, other_reply = make_reply(question), make_reply(question)
        answers.accept_answer(asker, accepted.id)
        answers.unaccept_answer(asker, question.id, post_id=other_reply.id)
        assert reload(question).accepted_post_id == accepted.id
        answers.unaccept_answer(asker, question.id, post_id=accepted.id)
        assert reload(question).accepted_post_id is None

    def test_other_member_cannot_remove_it(self, asker, other, question):
        reply = make_reply(question)
        answers.accept_answer(asker, reply.id)
        with pytest.raises(Forbidden):
            answers.unaccept_answer(other, question.id)
        assert reload(question).accepted_post_id == reply.id

    def test_discussions_have_no_accepted_answer(self, asker):
        topic = forums.create_topic(
            asker, make_topic().space.slug, "discussion", "Favourite router", "Tell me"
        )
        reply = make_reply(topic)
        with pytest.raises(Forbidden):
            answers.accept_answer(asker, reply.id)
        assert reload(topic).accepted_post_id is None

    def test_visitor_must_log_in(self, question):
        with pytest.raises(Unauthorized):
            answers.accept_answer(None, make_reply(question).id)

    def test_unknown_post_is_not_found(self, asker):
        with pytest.raises(NotFound):
            answers.accept_answer(asker, 4711)


class TestMarkOfficial:
    def test_expert_marks_a_team_reply(self, expert, question):
        colleague = make_user(role="expert")
        reply = make_reply(question, colleague)
        post = answers.mark_official(expert, reply.id)
        assert post.is_official and post.official_by_id == expert.id
        assert post.official_at is not None

    def test_expert_marks_their_own_reply(self, expert, question):
        reply = make_reply(question, expert)
        assert answers.mark_official(expert, reply.id).is_official

    def test_a_members_reply_is_refused(self, expert, question):
        reply = make_reply(question)
        with pytest.raises(Forbidden):
            answers.mark_official(expert, reply.id)
        assert not reload(reply).is_official and reply.official_by_id is None

    @pytest.mark.parametrize("role", ["member", "moderator"])
    def test_members_and_moderators_are_refused(self, expert, question, role):
        reply = make_reply(question, expert)
        with pytest.raises(Forbidden):
            answers.mark_official(make_user(role=role), reply.id)
        assert not reload(reply).is_official

    def test_the_opening_post_is_refused(self, expert):
        topic = make_topic(expert)
        with pytest.raises(Forbidden):
            answers.mark_official(expert, opening_of(topic).id)

    def test_taking_it_back(self, expert, question):
        reply = make_reply(question, expert)
        answers.mark_official(expert, reply.id)
        post = answers.unmark_official(expert, reply.id)
        assert not post.is_official and post.official_by_id is None and post.official_at is None


class TestVote:
    def test_member_up_votes_a_reply(self, other, question):
        reply = make_reply(question)
        post = answers.vote(other, reply.id)
        assert post.score == 1 and vote_count() == 1

    def test_voting_twice_changes_nothing(self, other, question):
        reply = make_reply(question)
        answers.vote(other, reply.id)
        post = answers.vote(other, reply.id)
        assert post.score == 1 and vote_count() == 1

    def test_own_post_is_refused_and_nothing_changes(self, question):
        reply = make_reply(question)
        with pytest.raises(Forbidden):
            answers.vote(reply.author, reply.id)
        assert vote_count() == 0 and reload(reply).score == 0

    def test_the_opening_post_is_refused(self, other, question):
        with pytest.raises(Forbidden):
            answers.vote(other, opening_of(question).id)
        assert vote_count() == 0

    def test_visitor_must_log_in(self, question):
        with pytest.raises(Unauthorized):
            answers.vote(None, make_reply(question).id)
        assert vote_count() == 0

    def test_taking_a_vote_back(self, other, question):
        reply = make_reply(question)
        answers.vote(other, reply.id)
        post = answers.unvote(other, reply.id)
        assert post.score == 0 and vote_count() == 0

    def test_taking_back_a_vote_never_given_is_a_conflict(self, other, question):
        reply = make_reply(question)
        with pytest.raises(Conflict):
            answers.unvote(other, reply.id)

    def test_score_stays_in_step_with_the_votes(self, question):
        reply = make_reply(question)
        voters = [make_user() for _ in range(3)]
        for voter in voters:
            answers.vote(voter, reply.id)
        answers.unvote(voters[0], reply.id)
        answers.vote(voters[1], reply.id)
        assert reload(reply).score == 2 == vote_count()
