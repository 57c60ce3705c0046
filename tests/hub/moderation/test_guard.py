"""Posting rules the forums service asks about: rate limits, links and duplicates for new
members, the first-post approval queue, and registrations per IP."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from hub.core.columns import utcnow
from hub.core.errors import Conflict, Invalid, TooMany
from hub.core.extensions import db as _db
from hub.forums import queries as forum_queries
from hub.forums import service as forums
from hub.moderation import decision_log, guard, post_actions, queries, settings
from hub.notifications.models import Notification
from hub.outbox import runner
from tests.factories import make_category, make_topic, make_user, reload

from .helpers import member, moderator, notices, opening, post_as_forums_will, thread


def backdate(post, **delta):
    post.created_at = utcnow() - timedelta(**delta)
    _db.session.commit()


class TestRateLimits:
    def test_new_member_may_start_one_topic_per_two_minutes(self, db):
        newbie = member(new=True)
        guard.check_posting(newbie, kind="topic", body="First question")
        topic = make_topic(newbie)
        with pytest.raises(TooMany) as error:
            guard.check_posting(newbie, kind="topic", body="Second question")
        assert 100 <= error.value.retry_after <= 120
        assert "1 topic every 2 minutes while your account is new" in error.value.message
        backdate(opening(topic), minutes=3)
        guard.check_posting(newbie, kind="topic", body="Second question")

    def test_new_member_may_post_ten_replies_per_ten_minutes(self, db):
        newbie = member(new=True)
        topic, _reply = thread()
        for n in range(10):
            guard.check_posting(newbie, kind="reply", body=f"Answer number {n}")
            forums.create_reply(newbie, topic.id, f"Answer number {n}")
        with pytest.raises(TooMany) as error:
            guard.check_posting(newbie, kind="reply", body="Answer number 11")
        assert "10 replies every 10 minutes" in error.value.message
        assert error.value.retry_after > 0

    def test_older_members_have_looser_limits(self, db):
        regular = member()
        make_topic(regular)
        guard.check_posting(regular, kind="topic", body="Another question")  # 10 per hour

    def test_limits_are_settings(self, db):
        settings.store(topic_limit=1, topic_window=3600)
        regular = member()
        make_topic(regular)
        with pytest.raises(TooMany):
            guard.check_posting(regular, kind="topic", body="Another question")

    def test_staff_and_moderators_are_exempt(self, db):
        for user in (make_user(role="expert"), moderator()):
            topic = make_topic(user)
            for n in range(12):
                forums.create_reply(user, topic.id, f"Update {n}")
            guard.check_posting(user, kind="topic", body="More news")
            guard.check_posting(user, kind="reply", body="And another update")


class TestLinksAndDuplicates:
    def test_new_member_may_include_two_links(self, db):
        newbie = member(new=True)
        two = "See https://example.com/a and www.example.org/b"
        guard.check_posting(newbie, kind="reply", body=two)
        with pytest.raises(Invalid) as error:
            guard.check_posting(newbie, kind="reply", body=two + " and http://spam.example/c")
        assert "at most 2 links" in error.value.fields["body"]

    def test_older_members_may_include_more(self, db):
        body = " ".join(f"https://example.com/{n}" for n in range(5))
        guard.check_posting(member(), kind="reply", body=body)

    def test_identical_post_within_five_minutes_is_refused(self, db):
        regular = member()
        topic, _reply = thread()
        forums.create_reply(regular, topic.id, "Same text")
        with pytest.raises(Invalid) as error:
            guard.check_posting(regular, kind="reply", body="  Same text ")
        assert "exactly this" in error.value.fields["body"]
        guard.check_posting(member(), kind="reply", body="Same text")  # someone else may

    def test_identical_post_later_is_fine(self, db):
        regular = member()
        topic, _reply = thread()
        backdate(forums.create_reply(regular, topic.id, "Same text"), minutes=6)
        guard.check_posting(regular, kind="reply", body="Same text")

    def test_bypassed_for_the_demo_loader(self, db):
        newbie = member(new=True)
        make_topic(newbie)
        with guard.bypassed():
            guard.check_posting(newbie, kind="topic", body="Another question")
        with pytest.raises(TooMany):
            guard.check_posting(newbie, kind="topic", body="Another question")


def _told_of(user, post) -> list[str]:
    _db.session.expire_all()
    statement = select(Notification.kind).where(
        Notification.user_id == user.id, Notification.post_id == post.id
    )
    return list(_db.session.scalars(statement))


class TestApprovalQueue:
    def test_off_by_default(self, db):
        assert not guard.needs_approval(member(new=True))

    def test_first_post_waits_for_approval_then_becomes_visible(self, db):
        topic, _reply = thread()  # posted before the setting was switched on
        settings.store(approve_first_post=True)
        newbie = member(new=True)
        post = post_as_forums_will(newbie, topic, "Hello, my first answer!")
        assert post.is_hidden and post.hidden_reason == "awaiting approval"
        assert decision_log.is_held(post)
        assert [p.id for p in queries.awaiting_approval()] == [post.id]
        assert guard.needs_approval(newbie)  # until one post is visible
        post_actions.approve_post(moderator(), post.id)
        assert not reload(post).is_hidden
        assert queries.awaiting_approval() == []
        assert notices("post_approved")[-1]["user_id"] == newbie.id
        assert not guard.needs_approval(newbie)

    def test_followers_hear_of_an_approved_reply_then_not_before(self, app, db):
        topic, _reply = thread()
        settings.store(approve_first_post=True)
        post = post_as_forums_will(member(new=True), topic, "Hello, my first answer!")
        runner.run_once(app)
        assert _told_of(topic.author, post) == []  # nobody hears of a held post
        post_actions.approve_post(moderator(), post.id)
        runner.run_once(app)
        assert _told_of(topic.author, post) == ["reply"]
        post_actions.hide_post(moderator(), post.id, "off_topic")
        post_actions.restore_post(moderator(), post.id)
        runner.run_once(app)
        assert _told_of(topic.author, post) == ["reply"]  # shown again: no second bell

    def test_rejecting_is_hiding_with_a_reason(self, db):
        topic, _reply = thread()
        settings.store(approve_first_post=True)
        post = post_as_forums_will(member(new=True), topic, "Buy cheap watches!")
        post_actions.hide_post(moderator(), post.id, "spam")
        assert reload(post).hidden_reason == "spam or advertising"
        assert queries.awaiting_approval() == []

    def test_team_never_waits(self, db):
        settings.store(approve_first_post=True)
        assert not guard.needs_approval(make_user(role="expert"))
        assert not guard.needs_approval(moderator())

    def test_approving_a_post_that_does_not_wait_is_a_conflict(self, db):
        _topic, reply = thread()
        with pytest.raises(Conflict):
            post_actions.approve_post(moderator(), reply.id)

    def test_held_topics_stay_out_of_lists(self, db):
        settings.store(approve_first_post=True)
        newbie = member(new=True)
        space = make_category()
        held = guard.needs_approval(newbie)
        topic = forums.create_topic(newbie, space.slug, "question", "My first question", "Hi!")
        if held:
            guard.hold_for_approval(opening(topic))
            _db.session.commit()
        assert forum_queries.list_topics(member()).items == []


class TestRegistrationsPerIp:
    def test_three_per_day_then_refused(self, db):
        for _ in range(3):
            guard.check_registration("203.0.113.7")
        _db.session.commit()
        with pytest.raises(TooMany) as error:
            guard.check_registration("203.0.113.7")
        assert error.value.retry_after > 23 * 3600
        guard.check_registration("203.0.113.8")  # another address is fine

    def test_a_registration_that_rolls_back_does_not_count(self, db):
        for _ in range(3):
            guard.check_registration("203.0.113.7")
            _db.session.rollback()
        guard.check_registration("203.0.113.7")

    def test_counts_expire_after_a_day(self, db):
        from hub.moderation.models import Registration

        for _ in range(3):
            guard.check_registration("203.0.113.7")
        _db.session.commit()
        for row in _db.session.query(Registration):
            row.created_at = utcnow() - timedelta(hours=25)
        _db.session.commit()
        guard.check_registration("203.0.113.7")

    def test_addresses_are_not_stored(self, db):
        from hub.moderation.models import Registration

        guard.check_registration("203.0.113.7")
        _db.session.commit()
        assert "203.0.113.7" not in _db.session.query(Registration).one().ip_hash

    def test_limit_is_a_setting(self, db):
        settings.store(registrations_per_ip=1)
        guard.check_registration("203.0.113.7")
        _db.session.commit()
        with pytest.raises(TooMany):
            guard.check_registration("203.0.113.7")
