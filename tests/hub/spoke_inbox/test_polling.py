"""The worker fetches replies under each delivered cross-post into the inbox: once each,
deleted ones marked, within the networks' rate limits, for two weeks."""

from datetime import timedelta

from sqlalchemy import select

from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.crosspost.models import AccountState, Delivery, SpokeAccount
from hub.outbox import jobs
from hub.outbox.jobs import Job
from hub.spoke_inbox import polling
from hub.spoke_inbox.models import InboxItem
from tests.hub.spoke_inbox.conftest import FIRST_ROUND, cross_posted


def items() -> list[InboxItem]:
    db.session.expire_all()
    return db.session.scalars(select(InboxItem).order_by(InboxItem.id)).all()


def rounds(delivery) -> list[Job]:
    prefix = f"spoke-inbox:{delivery.id}:"
    return [j for j in db.session.scalars(select(Job).order_by(Job.id)) if j.key.startswith(prefix)]


class TestFetching:
    def test_a_reply_on_the_spoke_lands_in_the_inbox(self, on_mastodon, fake_mastodon, worker):
        topic, delivery = on_mastodon
        reply_id = fake_mastodon.add_reply(
            delivery.remote_id,
            "<p>Did you try another cable?</p>",
            acct="ada@elsewhere.example",
            display_name="Ada",
        )

        worker.later(FIRST_ROUND).run()

        [item] = items()
        assert (item.remote_id, item.text) == (reply_id, "Did you try another cable?")
        assert (item.author_name, item.author_handle) == ("Ada", "@ada@elsewhere.example")
        assert item.url.startswith("http") and item.topic_id == topic.id
        assert item.status == "new" and item.deleted_at is None

    def test_the_first_round_waits_a_few_minutes(self, on_mastodon, fake_mastodon, worker):
        _topic, delivery = on_mastodon
        fake_mastodon.add_reply(delivery.remote_id, "<p>Early bird</p>")

        worker.run()

        assert items() == []
        assert fake_mastodon.calls("GET", r"/api/v1/statuses/\d+/context") == []

    def test_later_rounds_import_nothing_twice(self, on_mastodon, fake_mastodon, worker):
        _topic, delivery = on_mastodon
        fake_mastodon.add_reply(delivery.remote_id, "<p>First</p>")
        worker.later(FIRST_ROUND).run()
        fake_mastodon.add_reply(delivery.remote_id, "<p>Second</p>", minutes_ago=0)

        for _ in range(3):
            worker.later(polling.SETTLED).run()

        assert [item.text for item in items()] == ["First", "Second"]
        assert len(rounds(delivery)) >= 4  # every round queued the next

    def test_replies_deleted_on_the_spoke_are_marked(self, on_mastodon, fake_mastodon, worker):
        _topic, delivery = on_mastodon
        kept = fake_mastodon.add_reply(delivery.remote_id, "<p>Stays</p>")
        gone = fake_mastodon.add_reply(delivery.remote_id, "<p>Oops, wrong thread</p>")
        worker.later(FIRST_ROUND).run()

        del fake_mastodon.statuses[gone]
        worker.later(polling.SETTLED).run()

        by_id = {item.remote_id: item for item in items()}
        assert by_id[gone].deleted_at is not None
        assert by_id[kept].deleted_at is None

    def test_our_own_replies_under_the_cross_post_are_not_inbox_items(
        self, on_mastodon, fake_mastodon, worker
    ):
        _topic, delivery = on_mastodon
        ours = fake_mastodon.add_reply(delivery.remote_id, "<p>Answered on Nabe</p>", acct="nabe")
        db.session.add(
            Delivery(
                content_type="loop-answer",
                content_id=1,
                account_id=delivery.account_id,
                reason="answer",
                idempotency_key="test:ours",
                status="delivered",
                remote_id=ours,
            )
        )
        db.session.commit()

        worker.later(FIRST_ROUND).run()

        assert items() == []

    def test_replies_on_x_and_facebook_land_too(
        self, new_questions, x_account, facebook_account, fake_x, fake_facebook, worker
    ):
        _topic, deliveries = cross_posted(new_questions, worker)
        by_network = {d.account.network: d for d in deliveries}
        fake_x.add_reply(by_network["x"].remote_id, "Same here since Monday")
        fake_facebook.add_comment(by_network["facebook"].remote_id, "Which model do you have?")

        worker.later(FIRST_ROUND).run()

        texts = {item.account.network: item.text for item in items()}
        assert texts == {"x": "Same here since Monday", "facebook": "Which model do you have?"}


class TestLimits:
    def test_a_rate_limit_moves_the_next_round_to_the_reset(
        self, on_mastodon, fake_mastodon, worker
    ):
        _topic, delivery = on_mastodon
        fake_mastodon.add_reply(delivery.remote_id, "<p>Hello</p>")
        fake_mastodon.rate_limit_next(reset_in=3600)

        worker.later(FIRST_ROUND).run()

        assert items() == []
        nxt = rounds(delivery)[-1]
        assert nxt.status == "pending"
        assert 3500 < (nxt.next_attempt_at - utcnow()).total_seconds() <= 3600
        worker.later(1800).run()
        assert items() == []  # not before the reset
        worker.later(1900).run()
        assert len(items()) == 1

    def test_a_refused_token_parks_the_account_and_resumes_after_reconnect(
        self, on_mastodon, fake_mastodon, worker, admin
    ):
        from hub.crosspost import service as crosspost

        _topic, delivery = on_mastodon
        fake_mastodon.add_reply(delivery.remote_id, "<p>Hello</p>")
        fake_mastodon.revoke_token()

        worker.later(FIRST_ROUND).run()

        account = db.session.get(SpokeAccount, delivery.account_id)
        assert account.state == AccountState.NEEDS_RECONNECT
        assert items() == []
        calls = len(fake_mastodon.calls("GET", r"/api/v1/statuses/\d+/context"))
        worker.later(polling.PARKED + 1).run()
        assert len(fake_mastodon.calls("GET", r"/api/v1/statuses/\d+/context")) == calls

        fake_mastodon.token = "new-token"
        crosspost.connect_account(
            admin, "mastodon", account.name, "new-token", instance_url=account.instance_url
        )
        worker.later(polling.PARKED + 1).run()
        assert len(items()) == 1

    def test_watching_stops_after_two_weeks(self, on_mastodon, fake_mastodon, worker):
        _topic, delivery = on_mastodon
        delivery.delivered_at -= timedelta(days=15)
        db.session.commit()
        fake_mastodon.add_reply(delivery.remote_id, "<p>Late</p>")

        worker.later(FIRST_ROUND).run()

        assert items() == []
        assert len(rounds(delivery)) == 1  # no further round
        assert rounds(delivery)[0].status == jobs.Status.DONE

    def test_a_post_gone_from_the_network_ends_the_watch(self, on_mastodon, fake_mastodon, worker):
        _topic, delivery = on_mastodon
        del fake_mastodon.statuses[delivery.remote_id]

        worker.later(FIRST_ROUND).run()

        assert len(rounds(delivery)) == 1
