"""Delivering cross-posts through the outbox against the fake networks in tests/fakes."""

import pytest
from sqlalchemy import select

from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.crosspost import delivery as delivery_job
from hub.crosspost import rule_queue
from hub.crosspost import service as crosspost
from hub.crosspost.models import Delivery, SpokeAccount, TrackedLink
from hub.demo import loader
from hub.forums import answers
from hub.forums.models import Post
from hub.outbox import retries
from hub.outbox.jobs import Job
from tests.factories import make_category, make_topic, make_user
from tests.hub.crosspost.conftest import solved_question


def only_delivery() -> Delivery:
    (delivery,) = db.session.scalars(select(Delivery)).all()
    return delivery


def job_of(delivery: Delivery) -> Job:
    return db.session.scalar(select(Job).where(Job.key == delivery.idempotency_key))


class TestQueueing:
    def test_a_new_question_is_queued_once_per_account(self, new_questions, mastodon_account):
        topic = make_topic(space=new_questions)

        delivery = only_delivery()
        assert delivery.status == "pending"
        assert delivery.idempotency_key == f"crosspost:topic:{topic.id}:{mastodon_account.id}"
        assert job_of(delivery).kind == "crosspost.deliver"

    def test_queueing_again_adds_no_second_delivery_or_job(self, new_questions, mastodon_account):
        topic = make_topic(space=new_questions)

        assert rule_queue.queue_for_rule(topic, "new") == []
        kinds = db.session.scalars(select(Job.kind)).all()
        assert kinds.count("crosspost.deliver") == 1

    def test_a_category_without_a_rule_sends_nothing(self, category, mastodon_account):
        make_topic(space=category)

        assert db.session.scalars(select(Delivery)).all() == []

    def test_a_private_category_never_leaves_the_hub(self, admin, mastodon_account):
        team = make_category("team-only", private=True)
        crosspost.set_rule(admin, team.id, "new")

        make_topic(admin, team)

        assert db.session.scalars(select(Delivery)).all() == []

    def test_solved_questions_go_out_when_an_answer_is_accepted(
        self, admin, category, mastodon_account, worker, fake_mastodon
    ):
        crosspost.set_rule(admin, category.id, "solved")
        _topic, answer = solved_question(category)
        assert db.session.scalars(select(Delivery)).all() == []

        answers.accept_answer(admin, answer.id)
        worker.run()

        assert only_delivery().status == "delivered"
        (status,) = fake_mastodon.statuses.values()
        assert "Join the discussion" in status["content"]

    def test_demo_accounts_are_marked_and_never_sent_to(self, new_questions):
        demo_accounts = loader.read(loader.DEMO, "spokes")
        added = loader.add_spoke_accounts(demo_accounts)

        assert all(account.is_demo and "[Demo]" in account.name for account in added)
        assert loader.add_spoke_accounts(demo_accounts) == []
        make_topic(space=new_questions)
        assert db.session.scalars(select(Delivery)).all() == []


class TestMastodon:
    def test_success_records_the_receipt_and_links_back(
        self, new_questions, mastodon_account, worker, fake_mastodon
    ):
        topic = make_topic(space=new_questions, title="Router drops the line")

        worker.run()

        delivery = only_delivery()
        (status,) = fake_mastodon.statuses.values()
        link = db.session.scalar(select(TrackedLink))
        assert delivery.status == "delivered"
        assert delivery.remote_id == status["id"]
        assert delivery.remote_url == f"{fake_mastodon.url}/@nabe/{status['id']}"
        assert f"http://localhost/go/{link.code}" in status["content"]
        assert "Router drops the line" in status["content"]
        assert "Answer on our community" in status["content"]
        assert "#router" in status["content"]
        assert link.target_path == f"/t/{topic.id}"
        assert job_of(delivery).status == "done"

    def test_the_job_key_is_the_idempotency_key(
        self, new_questions, mastodon_account, worker, fake_mastodon
    ):
        make_topic(space=new_questions)
        worker.run()

        sent = fake_mastodon.calls("POST", "/api/v1/statuses")[-1]
        assert sent.header("Idempotency-Key") == only_delivery().idempotency_key

    def test_rate_limit_waits_until_the_reset(
        self, new_questions, mastodon_account, worker, fake_mastodon
    ):
        make_topic(space=new_questions)
        fake_mastodon.rate_limit_next(reset_in=600)

        worker.run()

        delivery = only_delivery()
        job = job_of(delivery)
        assert delivery.status == "failed"
        assert job.status == "failed"
        assert (job.next_attempt_at - worker.now).total_seconds() >= 590
        worker.later(300).run()
        assert fake_mastodon.statuses == {}  # not before the reset
        worker.later(310).run()
        assert only_delivery().status == "delivered"
        assert len(fake_mastodon.statuses) == 1

    def test_5xx_is_retried_and_counted_per_account(
        self, new_questions, mastodon_account, worker, fake_mastodon
    ):
        make_topic(space=new_questions)
        fake_mastodon.fail_next("5xx")

        worker.run()

        assert only_delivery().status == "failed"
        assert db.session.get(SpokeAccount, mastodon_account.id).consecutive_failures == 1
        worker.later(retries.BACKOFF_CAP_SECONDS).run()
        assert only_delivery().status == "delivered"
        assert db.session.get(SpokeAccount, mastodon_account.id).consecutive_failures == 0
        assert len(fake_mastodon.statuses) == 1

    def test_an_outage_that_names_its_end_is_not_called_before(
        self, new_questions, mastodon_account, worker, fake_mastodon
    ):
        make_topic(space=new_questions)
        fake_mastodon.fail_next("5xx", retry_after=600)

        worker.run()

        assert only_delivery().status == "failed"
        assert (job_of(only_delivery()).next_attempt_at - worker.now).total_seconds() >= 590
        worker.later(300).run()
        assert fake_mastodon.statuses == {}  # the instance said ten minutes
        worker.later(retries.BACKOFF_CAP_SECONDS).run()
        assert only_delivery().status == "delivered"
        assert len(fake_mastodon.statuses) == 1

    def test_an_expired_token_parks_the_account(
        self, new_questions, mastodon_account, worker, fake_mastodon
    ):
        make_topic(space=new_questions)
        fake_mastodon.revoke_token()

        worker.run()

        delivery = only_delivery()
        account = db.session.get(SpokeAccount, mastodon_account.id)
        assert account.state == "needs_reconnect"
        assert delivery.status == "pending"  # parked, not failed
        assert "needs reconnect" in delivery.error
        assert job_of(delivery).status == "done"  # the reconnect queues it again

    def test_a_parked_account_is_not_called_until_reconnected(
        self, admin, new_questions, mastodon_account, worker, fake_mastodon
    ):
        fake_mastodon.revoke_token()
        make_topic(space=new_questions)
        worker.run()
        calls = len(fake_mastodon.requests)
        make_topic(space=new_questions)
        worker.run()
        assert len(fake_mastodon.requests) == calls  # parked: no remote call

        fake_mastodon.token = "new-token"
        crosspost.connect_account(  # reconnecting sends what waited
            admin, "mastodon", "Nabe on Mastodon", "new-token", instance_url=fake_mastodon.url
        )
        worker.run()

        statuses = {d.status for d in db.session.scalars(select(Delivery))}
        assert statuses == {"delivered"}
        assert len(fake_mastodon.statuses) == 2

    def test_a_topic_hidden_before_delivery_stays_on_the_hub(
        self, new_questions, mastodon_account, worker, fake_mastodon
    ):
        topic = make_topic(space=new_questions)
        opening = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))
        opening.hidden_at = utcnow()
        db.session.commit()

        worker.run()

        assert only_delivery().status == "dead"
        assert fake_mastodon.calls("POST", "/api/v1/statuses") == []


class TestExactlyOnce:
    def test_a_second_run_of_a_delivered_job_posts_nothing(
        self, new_questions, mastodon_account, worker, fake_mastodon
    ):
        make_topic(space=new_questions)
        worker.run()

        delivery_job.deliver({"delivery_id": only_delivery().id})

        assert len(fake_mastodon.calls("POST", "/api/v1/statuses")) == 1

    def test_worker_dying_between_post_and_receipt_does_not_post_twice(
        self, new_questions, mastodon_account, worker, fake_mastodon, monkeypatch
    ):
        make_topic(space=new_questions)
        real_record = delivery_job._record

        def die(*args, **kwargs):
            raise RuntimeError("worker killed after the remote call")

        monkeypatch.setattr(delivery_job, "_record", die)
        worker.run()
        assert len(fake_mastodon.statuses) == 1
        assert only_delivery().status == "pending"  # the receipt was never recorded
        assert job_of(only_delivery()).status == "failed"

        monkeypatch.setattr(delivery_job, "_record", real_record)
        worker.later(retries.BACKOFF_CAP_SECONDS).run()

        (status_id,) = fake_mastodon.statuses
        assert len(fake_mastodon.calls("POST", "/api/v1/statuses")) == 2
        assert only_delivery().status == "delivered"
        assert only_delivery().remote_id == status_id

    def test_a_lost_lease_is_taken_again_without_a_second_post(
        self, app, new_questions, mastodon_account, worker, fake_mastodon, monkeypatch
    ):
        """A worker killed mid-job: the lease runs out, another worker takes the job."""
        make_topic(space=new_questions)

        def killed(*args, **kwargs):
            raise SystemExit  # not an Exception: the worker process just ends

        monkeypatch.setattr(delivery_job, "_record", killed)
        with pytest.raises(SystemExit):
            worker.run()
        db.session.rollback()
        monkeypatch.undo()
        worker.later(app.config["JOB_LEASE_SECONDS"] + 1).run()

        assert len(fake_mastodon.statuses) == 1
        assert only_delivery().status == "delivered"


class TestX:
    def test_posts_and_links_to_the_tweet(self, new_questions, x_account, worker, fake_x):
        make_topic(space=new_questions)

        worker.run()

        delivery = only_delivery()
        (tweet_id,) = fake_x.tweets
        assert delivery.status == "delivered"
        assert delivery.remote_url == f"https://x.com/i/web/status/{tweet_id}"

    def test_refreshed_tokens_are_stored(self, new_questions, x_account, worker, fake_x):
        make_topic(space=new_questions)
        fake_x.expire_access_token()

        worker.run()

        account = db.session.get(SpokeAccount, x_account.id)
        assert only_delivery().status == "delivered"
        assert (account.access_token, account.refresh_token) == (
            fake_x.access_token,
            fake_x.refresh_token,
        )
        assert account.token_expires_at is not None

    def test_a_failed_refresh_needs_reconnect(self, new_questions, x_account, worker, fake_x):
        make_topic(space=new_questions)
        fake_x.expire_access_token()
        fake_x.revoke_refresh_token()

        worker.run()

        assert db.session.get(SpokeAccount, x_account.id).state == "needs_reconnect"
        assert only_delivery().status == "pending"
        assert only_delivery().error.startswith("needs reconnect")

    def test_a_duplicate_on_the_first_attempt_is_a_rejection(
        self, new_questions, x_account, worker, fake_x
    ):
        make_topic(space=new_questions)
        fake_x.fail_next("duplicate")

        worker.run()

        delivery = only_delivery()
        assert delivery.status == "dead"
        assert delivery.error == "rejected: duplicate"
        assert job_of(delivery).status == "dead"

    def test_a_duplicate_on_a_retry_means_posted_earlier(
        self, new_questions, x_account, worker, fake_x
    ):
        make_topic(space=new_questions)
        fake_x.fail_next("5xx")
        worker.run()
        fake_x.fail_next("duplicate")

        worker.later(retries.BACKOFF_CAP_SECONDS).run()

        assert only_delivery().status == "delivered"
        assert only_delivery().error == "posted earlier"


class TestFacebook:
    def test_posts_to_the_page_feed(self, new_questions, facebook_account, worker, fake_facebook):
        make_topic(space=new_questions)

        worker.run()

        delivery = only_delivery()
        assert delivery.status == "delivered"
        assert delivery.remote_id in fake_facebook.posts
        assert delivery.remote_url == f"https://www.facebook.com/{delivery.remote_id}"

    def test_throttling_waits(self, new_questions, facebook_account, worker, fake_facebook):
        make_topic(space=new_questions)
        fake_facebook.rate_limit_next(reset_in=120)

        worker.run()

        assert only_delivery().status == "failed"
        assert job_of(only_delivery()).next_attempt_at > worker.now


class TestRemoval:
    def hide_opening_post(self, topic):
        from hub.moderation import post_actions

        moderator = make_user("mona_mod", role="moderator")
        opening = db.session.scalar(select(Post).where(Post.topic_id == topic.id, Post.number == 1))
        post_actions.hide_post(moderator, opening.id, "Spam", reason_code="spam")

    def test_hiding_the_topic_deletes_the_cross_post(
        self, new_questions, mastodon_account, worker, fake_mastodon
    ):
        topic = make_topic(space=new_questions)
        worker.run()
        assert len(fake_mastodon.statuses) == 1

        self.hide_opening_post(topic)
        worker.run()

        assert fake_mastodon.statuses == {}
        assert only_delivery().error == "removed from the network: hidden on the hub"

    def test_a_removal_during_an_outage_waits_as_long_as_the_network_says(
        self, new_questions, mastodon_account, worker, fake_mastodon
    ):
        topic = make_topic(space=new_questions)
        worker.run()
        fake_mastodon.fail_next("5xx", retry_after=600)

        self.hide_opening_post(topic)
        worker.run()

        removal = db.session.scalar(select(Job).where(Job.kind == "crosspost.remove"))
        assert (removal.next_attempt_at - worker.now).total_seconds() >= 590
        worker.later(300).run()
        assert len(fake_mastodon.statuses) == 1  # not before the ten minutes are up
        worker.later(retries.BACKOFF_CAP_SECONDS).run()
        assert fake_mastodon.statuses == {}

    def test_a_refused_removal_is_flagged_for_a_person(
        self, new_questions, mastodon_account, worker, fake_mastodon
    ):
        topic = make_topic(space=new_questions)
        worker.run()
        fake_mastodon.revoke_token()

        self.hide_opening_post(topic)
        worker.run()

        assert len(fake_mastodon.statuses) == 1
        assert "remove the remote post by hand" in only_delivery().error
        removal = db.session.scalar(select(Job).where(Job.kind == "crosspost.remove"))
        assert removal.status == "dead"


def test_a_remote_url_that_is_not_a_web_address_is_not_kept(app, new_questions, mastodon_account):
    from spokes.base import Receipt

    make_topic(space=new_questions)

    delivery_job._record(only_delivery(), Receipt("1", "javascript:alert(1)"))

    assert (only_delivery().remote_id, only_delivery().remote_url) == ("1", "")
