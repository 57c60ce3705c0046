"""Forum writes and lists: topics, replies, edits, and the latest/unanswered/solved filters."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from hub.core.columns import utcnow
from hub.core.errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from hub.core.extensions import db
from hub.forums import answers, queries
from hub.forums import service as forums
from hub.forums.models import BODY_MAX, Follow, Post, PostRevision, Space, Tag, Topic
from tests.factories import make_category, make_reply, make_topic, make_user, reload

pytestmark = pytest.mark.usefixtures("db")

TITLE = "Router drops the line every evening"
BODY = "Since the update it **drops** at 8 pm."


def rows() -> dict[str, int]:
    """Row counts of every table a forum write touches, to show that nothing changed."""
    models = (Topic, Post, PostRevision, Follow, Tag)
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in models}


@pytest.fixture
def category(db):
    return make_category("router")


@pytest.fixture
def member(db):
    return make_user("mia")


@pytest.fixture
def expert(db):
    return make_user("erik", role="expert")


@pytest.fixture
def moderator(db):
    return make_user("moritz", role="moderator")


class TestCreateCategory:
    def test_new_categories_go_last(self, db):
        first, second = make_category(), make_category()
        assert second.position == first.position + 1

    def test_an_address_is_taken_once(self, db):
        make_category("router")
        with pytest.raises(Conflict):
            forums.create_category("router", "Router again")


class TestCreateTopic:
    def test_member_asks_a_question_and_follows_it(self, category, member):
        topic = forums.create_topic(member, "router", "question", f"  {TITLE}  ", BODY)
        assert (topic.title, topic.slug, topic.kind) == (
            TITLE,
            "router-drops-the-line-every-evening",
            "question",
        )
        assert topic.reply_count == 0 and not topic.is_solved and not topic.has_expert_reply
        opening = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))
        assert (opening.number, opening.raw, opening.author_id) == (1, BODY, member.id)
        assert "<strong>drops</strong>" in opening.html
        assert db.session.scalar(
            select(Follow.id).where(Follow.user_id == member.id, Follow.target_id == topic.id)
        )

    def test_title_whitespace_is_collapsed(self, category, member):
        topic = forums.create_topic(member, "router", "question", "Router\n  drops\tthe line", BODY)
        assert topic.title == "Router drops the line"

    def test_member_starts_a_discussion_with_tags(self, category, member):
        topic = forums.create_topic(member, "router", "discussion", TITLE, BODY, "WLAN, ipv6")
        assert topic.kind == "discussion"
        assert [tag.name for tag in reload(topic).tags] == ["ipv6", "wlan"]

    @pytest.mark.parametrize(
        "title",
        ["", "    ", "?!?! ... !!!", "--- *** ---", "a b c", "x" * 201],
        ids=["empty", "whitespace", "punctuation", "symbols", "too-few-letters", "too-long"],
    )
    def test_bad_title_is_refused_and_nothing_changes(self, category, member, title):
        before = rows()
        with pytest.raises(Invalid) as error:
            forums.create_topic(member, "router", "question", title, BODY)
        assert set(error.value.fields) == {"title"}
        assert rows() == before

    @pytest.mark.parametrize(
        "body",
        ["", "   \n\t  ", "x" * (BODY_MAX + 1)],
        ids=["empty", "whitespace", "oversized"],
    )
    def test_bad_body_is_refused_and_nothing_changes(self, category, member, body):
        before = rows()
        with pytest.raises(Invalid) as error:
            forums.create_topic(member, "router", "question", TITLE, body)
        assert set(error.value.fields) == {"body"}
        assert rows() == before

    def test_nul_bytes_are_dropped(self, category, member):
        # PostgreSQL refuses NUL in text; a stray one must not turn into a server error.
        topic = forums.create_topic(member, "router", "question", "Router\x00 drops", "a\x00b")
        assert topic.title == "Router drops"
        assert db.session.scalar(select(Post.raw).where(Post.topic_id == topic.id)) == "ab"

    def test_body_at_the_limit_is_accepted(self, category, member):
        topic = forums.create_topic(member, "router", "question", TITLE, "x" * BODY_MAX)
        assert topic.id

    def test_unknown_kind_is_refused(self, category, member):
        before = rows()
        with pytest.raises(Invalid) as error:
            forums.create_topic(member, "router", "wall", TITLE, BODY)
        assert set(error.value.fields) == {"kind"}
        assert rows() == before

    def test_unknown_category_is_not_found(self, category, member):
        before = rows()
        with pytest.raises(NotFound):
            forums.create_topic(member, "no-such-category", "question", TITLE, BODY)
        assert rows() == before

    def test_a_wall_is_not_a_category(self, member):
        db.session.add(Space(kind="wall", slug="mia-wall", name="Mia", owner_id=member.id))
        db.session.commit()
        before = rows()
        with pytest.raises(NotFound):
            forums.create_topic(member, "mia-wall", "question", TITLE, BODY)
        assert rows() == before

    def test_private_category_refuses_members(self, member):
        make_category("team-room", private=True)
        before = rows()
        with pytest.raises(Forbidden):
            forums.create_topic(member, "team-room", "question", TITLE, BODY)
        assert rows() == before

    def test_private_category_takes_team_topics(self, expert):
        make_category("team-room", private=True)
        assert forums.create_topic(expert, "team-room", "discussion", TITLE, BODY).id

    def test_visitor_must_log_in(self, category):
        before = rows()
        with pytest.raises(Unauthorized):
            forums.create_topic(None, "router", "question", TITLE, BODY)
        assert rows() == before

    def test_suspended_member_is_refused(self, category, member):
        member.suspended_until = utcnow() + timedelta(days=1)
        db.session.commit()
        before = rows()
        with pytest.raises(Forbidden):
            forums.create_topic(member, "router", "question", TITLE, BODY)
        assert rows() == before

    def test_bad_tags_change_nothing(self, category, member):
        before = rows()
        with pytest.raises(Invalid) as error:
            forums.create_topic(member, "router", "question", TITLE, BODY, ["ok", "c++"])
        assert set(error.value.fields) == {"tags"}
        assert rows() == before


class TestCreateReply:
    def test_reply_is_numbered_counted_and_followed(self, member):
        topic = make_topic()
        asked_at = topic.last_activity_at
        first = make_reply(topic)
        post = forums.create_reply(member, topic.id, "Try channel 6.")
        topic = reload(topic)
        assert (first.number, post.number) == (2, 3)
        assert topic.reply_count == 2
        assert topic.last_activity_at >= asked_at
        assert not topic.has_expert_reply
        assert db.session.scalar(
            select(Follow.id).where(Follow.user_id == member.id, Follow.target_id == topic.id)
        )

    def test_expert_reply_marks_the_topic(self, expert):
        topic = make_topic()
        forums.create_reply(expert, topic.id, "We are on it.")
        assert reload(topic).has_expert_reply

    @pytest.mark.parametrize(
        "body", ["", " \n\t ", "x" * (BODY_MAX + 1)], ids=["empty", "whitespace", "oversized"]
    )
    def test_bad_body_is_refused_and_nothing_changes(self, member, body):
        topic = make_topic()
        before = rows()
        with pytest.raises(Invalid) as error:
            forums.create_reply(member, topic.id, body)
        assert set(error.value.fields) == {"body"}
        assert rows() == before
        assert reload(topic).reply_count == 0

    def test_unknown_topic_is_not_found(self, member):
        with pytest.raises(NotFound):
            forums.create_reply(member, 4711, "Hello there")

    def test_visitor_must_log_in(self):
        topic = make_topic()
        before = rows()
        with pytest.raises(Unauthorized):
            forums.create_reply(None, topic.id, "Hello there")
        assert rows() == before

    def test_locked_topic_refuses_members_but_not_moderators(self, member, moderator):
        topic = make_topic()
        topic.is_locked = True
        db.session.commit()
        with pytest.raises(Forbidden):
            forums.create_reply(member, topic.id, "Hello there")
        assert forums.create_reply(moderator, topic.id, "Closing note.").number == 2

    def test_private_category_refuses_members(self, member, expert):
        topic = make_topic(expert, make_category(private=True))
        before = rows()
        with pytest.raises(Forbidden):
            forums.create_reply(member, topic.id, "Let me in")
        assert rows() == before


class TestEditPost:
    def test_author_edit_keeps_a_revision_with_editor_and_reason(self, member):
        topic = make_topic(member, body="Old text")
        opening = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))
        post = forums.edit_post(member, opening.id, "New *text*", reason=" typo ")
        assert post.raw == "New *text*" and "<em>text</em>" in post.html
        assert post.edited_at is not None
        [revision] = forums.revisions(post)
        assert (revision.raw, revision.editor_id, revision.reason) == (
            "Old text",
            member.id,
            "typo",
        )

    def test_title_change_on_the_opening_post(self, member):
        topic = make_topic(member, title="Router drops the line")
        opening = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))
        forums.edit_post(member, opening.id, opening.raw, title="Router drops the line at night")
        topic = reload(topic)
        assert topic.title == "Router drops the line at night"
        assert topic.slug == "router-drops-the-line-at-night"
        [revision] = forums.revisions(opening)
        assert revision.title == "Router drops the line"

    def test_title_on_a_reply_is_ignored(self, member):
        topic = make_topic(title="Router drops the line")
        reply = make_reply(topic, member)
        forums.edit_post(member, reply.id, "Changed reply", title="Hijacked title here")
        assert reload(topic).title == "Router drops the line"

    def test_moderator_edits_someone_elses_post(self, member, moderator):
        reply = make_reply(make_topic(), member, body="Call 0171 1234567")
        forums.edit_post(moderator, reply.id, "Call our hotline", reason="phone number")
        [revision] = forums.revisions(reply)
        assert revision.editor_id == moderator.id and revision.raw == "Call 0171 1234567"

    def test_other_member_is_refused_and_nothing_changes(self, member):
        reply = make_reply(make_topic(), body="Original")
        before = rows()
        with pytest.raises(Forbidden):
            forums.edit_post(member, reply.id, "Vandalised")
        assert rows() == before
        assert reload(reply).raw == "Original" and reply.edited_at is None

    def test_expert_may_not_edit_a_members_post(self, expert):
        reply = make_reply(make_topic(), body="Original")
        with pytest.raises(Forbidden):
            forums.edit_post(expert, reply.id, "Rewritten")

    def test_unchanged_text_makes_no_revision(self, member):
        reply = make_reply(make_topic(), member, body="Same")
        forums.edit_post(member, reply.id, "  Same  ")
        assert forums.revisions(reply) == [] and reload(reply).edited_at is None

    @pytest.mark.parametrize(
        ("body", "title", "field"),
        [("   ", None, "body"), ("x" * (BODY_MAX + 1), None, "body"), ("Fine", "?!?", "title")],
        ids=["blank-body", "oversized-body", "punctuation-title"],
    )
    def test_bad_values_are_refused_and_nothing_changes(self, member, body, title, field):
        topic = make_topic(member, body="Original")
        opening = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))
        before = rows()
        with pytest.raises(Invalid) as error:
            forums.edit_post(member, opening.id, body, title=title)
        assert set(error.value.fields) == {field}
        assert rows() == before and reload(opening).raw == "Original"

    def test_unknown_post_is_not_found(self, member):
        with pytest.raises(NotFound):
            forums.edit_post(member, 4711, "Text")


def _age(topic: Topic, minutes: int) -> None:
    """Make the topic's last activity `minutes` old, so list order does not rest on timing."""
    when = utcnow() - timedelta(minutes=minutes)
    db.session.execute(update(Topic).where(Topic.id == topic.id).values(last_activity_at=when))
    db.session.commit()


def _ids(page) -> list[int]:
    return [topic.id for topic in page.items]


class TestListTopics:
    def test_latest_is_newest_activity_first(self, member):
        space = make_category()
        old, new, middle = (make_topic(space=space) for _ in range(3))
        _age(old, 30), _age(middle, 20), _age(new, 10)
        assert _ids(queries.list_topics(member)) == [new.id, middle.id, old.id]

    def test_unanswered_means_no_accepted_answer_and_no_team_reply(self, member, expert):
        space = make_category()
        waiting = make_topic(space=space)
        make_reply(waiting, member)  # a member's reply does not answer it for the team
        untouched = make_topic(space=space)
        team_answered = make_topic(space=space)
        make_reply(team_answered, expert)
        solved = make_topic(member, space)
        answers.accept_answer(member, make_reply(solved).id)
        discussion = forums.create_topic(member, space.slug, "discussion", TITLE, BODY)
        listed = set(_ids(queries.list_topics(member, filter_name="unanswered")))
        assert listed == {waiting.id, untouched.id}
        assert discussion.id not in listed

    def test_solved_lists_questions_with_an_accepted_answer(self, member):
        solved = make_topic(member)
        answers.accept_answer(member, make_reply(solved).id)
        make_topic()
        assert _ids(queries.list_topics(None, filter_name="solved")) == [solved.id]

    def test_private_categories_only_for_the_team(self, member, expert, moderator):
        public = make_topic()
        private = make_topic(expert, make_category(private=True))
        assert _ids(queries.list_topics(member)) == [public.id]
        assert _ids(queries.list_topics(None)) == [public.id]
        assert set(_ids(queries.list_topics(expert))) == {public.id, private.id}
        assert set(_ids(queries.list_topics(moderator))) == {public.id, private.id}

    def test_category_and_kind_filters(self, member):
        space, other = make_category(), make_category()
        question = make_topic(space=space)
        discussion = forums.create_topic(member, space.slug, "discussion", TITLE, BODY)
        make_topic(space=other)
        assert set(_ids(queries.list_topics(None, space=space))) == {question.id, discussion.id}
        assert _ids(queries.list_topics(None, space=space, kind="discussion")) == [discussion.id]

    def test_pages(self, member):
        space = make_category()
        topics = [make_topic(member, space) for _ in range(5)]
        for age, topic in enumerate(topics):
            _age(topic, 50 - age)  # the last made is the newest
        first = queries.list_topics(None, per_page=2)
        third = queries.list_topics(None, per_page=2, page=3)
        assert _ids(first) == [topics[4].id, topics[3].id] and first.has_next
        assert _ids(third) == [topics[0].id] and not third.has_next
