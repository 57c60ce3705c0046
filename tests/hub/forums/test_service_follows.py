"""Following topics: automatically when posting, and by choice."""

import pytest
from sqlalchemy import func, select

from hub.core.errors import Invalid, NotFound, Unauthorized
from hub.core.extensions import db
from hub.forums import follows
from hub.forums.models import Follow
from tests.factories import make_category, make_reply, make_topic, make_user

pytestmark = pytest.mark.usefixtures("db")


def follow_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Follow))


class TestFollow:
    def test_asking_follows_the_topic(self):
        topic = make_topic()
        assert follows.follower_ids("topic", topic.id) == [topic.author_id]

    def test_replying_follows_the_topic_once(self):
        topic = make_topic()
        replier = make_user()
        make_reply(topic, replier)
        make_reply(topic, replier)
        assert sorted(follows.follower_ids("topic", topic.id)) == [topic.author_id, replier.id]

    def test_follow_and_unfollow(self):
        topic, reader = make_topic(), make_user()
        follows.follow(reader, "topic", topic.id)
        assert follows.is_following(reader, "topic", topic.id)
        follows.unfollow(reader, "topic", topic.id)
        assert not follows.is_following(reader, "topic", topic.id)

    def test_following_twice_is_one_follow(self):
        topic, reader = make_topic(), make_user()
        follows.follow(reader, "topic", topic.id)
        before = follow_count()
        follows.follow(reader, "topic", topic.id)
        assert follow_count() == before

    def test_following_a_category(self):
        space, reader = make_category(), make_user()
        follows.follow(reader, "space", space.id)
        assert follows.is_following(reader, "space", space.id)

    def test_unknown_kind_is_refused(self):
        reader = make_user()
        with pytest.raises(Invalid):
            follows.follow(reader, "planet", 1)
        assert follow_count() == 0

    def test_a_topic_that_does_not_exist_is_not_found(self):
        reader = make_user()
        with pytest.raises(NotFound):
            follows.follow(reader, "topic", 4711)
        assert follow_count() == 0

    def test_a_private_topic_is_not_found_for_members(self):
        expert = make_user(role="expert")
        topic = make_topic(expert, make_category(private=True))
        before = follow_count()
        with pytest.raises(NotFound):
            follows.follow(make_user(), "topic", topic.id)
        with pytest.raises(NotFound):
            follows.follow(make_user(), "space", topic.space_id)
        assert follow_count() == before
        follows.follow(make_user(role="expert"), "topic", topic.id)
        assert follow_count() == before + 1

    def test_visitor_must_log_in(self):
        topic = make_topic()
        with pytest.raises(Unauthorized):
            follows.follow(None, "topic", topic.id)
        assert not follows.is_following(None, "topic", topic.id)
