"""Replies under an earlier cross-post (`replies.queue_reply`), delivered against the fakes."""

import pytest
from sqlalchemy import select

from hub.core.extensions import db
from hub.crosspost import delivery as delivery_job
from hub.crosspost.models import Delivery
from hub.crosspost.replies import queue_reply
from hub.outbox import jobs, retries
from tests.factories import make_category, make_topic


def delivery_of(topic, account) -> Delivery:
    return db.session.scalar(
        select(Delivery).where(
            Delivery.content_type == "topic",
            Delivery.content_id == topic.id,
            Delivery.account_id == account.id,
        )
    )


@pytest.fixture
def follow_up(admin):
    """A topic in a category that sends nothing by itself: it goes out only as a reply."""
    return make_topic(admin, make_category("follow-ups"), title="Follow-up: the fix is live")


def reply_under(parent: Delivery, topic, **options) -> Delivery:
    reply = queue_reply("topic", topic.id, parent, reason="update", **options)
    db.session.commit()
    return reply


class TestEachNetwork:
    def test_mastodon_reply_lands_under_the_parent(
        self, new_questions, mastodon_account, follow_up, worker, fake_mastodon
    ):
        question = make_topic(space=new_questions)
        worker.run()
        parent = delivery_of(question, mastodon_account)

        reply = reply_under(parent, follow_up)
        worker.run()

        reply = db.session.get(Delivery, reply.id)
        (status,) = fake_mastodon.replies_to(parent.remote_id)
        assert reply.status == "delivered"
        assert reply.remote_id == status["id"]
        assert reply.parent_id == parent.id
        assert "Follow-up: the fix is live" in status["content"]
        assert "#router" not in status["content"]  # hashtags stay on the thread's first post

    def test_x_reply_lands_in_the_conversation(
        self, new_questions, x_account, follow_up, worker, fake_x
    ):
        question = make_topic(space=new_questions)
        worker.run()
        parent = delivery_of(question, x_account)

        reply = reply_under(parent, follow_up)
        worker.run()

        (tweet,) = fake_x.replies_to(parent.remote_id)
        assert db.session.get(Delivery, reply.id).remote_id == tweet["id"]
        assert tweet["conversation_id"] == parent.remote_id

    def test_facebook_reply_is_a_comment_on_the_page_post(
        self, new_questions, facebook_account, follow_up, worker, fake_facebook
    ):
        question = make_topic(space=new_questions)
        worker.run()
        parent = delivery_of(question, facebook_account)

        reply = reply_under(parent, follow_up)
        worker.run()

        (comment,) = fake_facebook.replies_to(parent.remote_id)
        assert db.session.get(Delivery, reply.id).remote_id == comment["id"]
        assert len(fake_facebook.posts) == 1

    def test_a_reply_under_a_spoke_reply_names_that_reply(
        self, new_questions, mastodon_account, follow_up, worker, fake_mastodon
    ):
        question = make_topic(space=new_questions)
        worker.run()
        parent = delivery_of(question, mastodon_account)
        remote_reply = fake_mastodon.add_reply(parent.remote_id, "<p>Same here</p>")

        reply_under(parent, follow_up, reply_to=remote_reply)
        worker.run()

        (answer,) = fake_mastodon.replies_to(remote_reply)
        assert "Follow-up" in answer["content"]


class TestWaitingForTheParent:
    def test_a_reply_waits_while_the_parent_is_pending(
        self, new_questions, mastodon_account, follow_up, worker, fake_mastodon
    ):
        question = make_topic(space=new_questions)
        fake_mastodon.rate_limit_next(reset_in=600)
        worker.run()  # the parent meets the rate limit
        parent = delivery_of(question, mastodon_account)
        assert parent.status == "failed"

        reply = reply_under(parent, follow_up)
        worker.run()

        reply = db.session.get(Delivery, reply.id)
        job = db.session.scalar(select(jobs.Job).where(jobs.Job.key == reply.idempotency_key))
        assert reply.status == "pending"
        assert reply.error == delivery_job.WAITING
        assert job.status == "failed"  # retried later
        assert (job.next_attempt_at - worker.now).total_seconds() > 590  # after the parent's
        assert fake_mastodon.statuses == {}

        worker.later(610).run()  # the parent goes out and brings its reply forward
        worker.run()

        parent = db.session.get(Delivery, parent.id)
        reply = db.session.get(Delivery, reply.id)
        assert (parent.status, reply.status) == ("delivered", "delivered")
        assert [s["id"] for s in fake_mastodon.replies_to(parent.remote_id)] == [reply.remote_id]

    def test_a_reply_gives_up_when_the_parent_is_dead(
        self, new_questions, x_account, follow_up, worker, fake_x
    ):
        question = make_topic(space=new_questions)
        fake_x.fail_next("duplicate")
        worker.run()  # a duplicate on the first attempt: rejected for good
        parent = delivery_of(question, x_account)
        assert parent.status == "dead"

        reply = reply_under(parent, follow_up)
        worker.run()

        reply = db.session.get(Delivery, reply.id)
        assert reply.status == "dead"
        assert "was not delivered" in reply.error
        assert fake_x.tweets == {}


class TestExactlyOnce:
    def test_queueing_the_same_reply_again_adds_nothing(
        self, new_questions, mastodon_account, follow_up, worker, fake_mastodon
    ):
        question = make_topic(space=new_questions)
        worker.run()
        parent = delivery_of(question, mastodon_account)

        first = reply_under(parent, follow_up)
        assert reply_under(parent, follow_up) is None
        worker.run()
        delivery_job.deliver({"delivery_id": first.id})  # a stray second run of the job

        assert len(fake_mastodon.replies_to(parent.remote_id)) == 1
        assert len(fake_mastodon.calls("POST", "/api/v1/statuses")) == 2

    def test_a_retried_reply_posts_once(
        self, new_questions, mastodon_account, follow_up, worker, fake_mastodon
    ):
        question = make_topic(space=new_questions)
        worker.run()
        parent = delivery_of(question, mastodon_account)
        reply = reply_under(parent, follow_up)
        fake_mastodon.fail_next("5xx")

        worker.run()
        worker.later(retries.BACKOFF_CAP_SECONDS).run()

        assert db.session.get(Delivery, reply.id).status == "delivered"
        assert len(fake_mastodon.replies_to(parent.remote_id)) == 1


def test_the_api_names_the_parent_of_a_reply(
    client, admin, new_questions, mastodon_account, follow_up, worker
):
    from hub.accounts import service as accounts

    question = make_topic(space=new_questions)
    worker.run()
    parent = delivery_of(question, mastodon_account)
    reply = reply_under(parent, follow_up)
    token = accounts.create_api_token(admin)

    items = client.get(
        "/api/v1/spokes/deliveries", headers={"Authorization": f"Bearer {token}"}
    ).json["items"]

    by_id = {item["id"]: item for item in items}
    assert by_id[reply.id]["parent_id"] == parent.id
    assert by_id[parent.id]["parent_id"] is None
