"""The sweeper queues cross-posts lost when a process died between the content's commit and
the receiver's, and keeps itself going every ten minutes."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from hub.core import events
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.crosspost import rule_queue, sweeper
from hub.crosspost import service as crosspost
from hub.crosspost.models import Delivery
from hub.outbox import jobs
from hub.walls import service as walls
from tests.factories import make_topic


def died(*args, **kwargs):
    raise SystemExit  # not an Exception: the process just ends


def lose_the_receiver(monkeypatch):
    """The process dies after the content's commit, before its deliveries are written."""
    monkeypatch.setattr(rule_queue, "queue_for_rule", died)


def after_grace():
    return utcnow() + sweeper.GRACE + timedelta(seconds=1)


def deliveries() -> list[Delivery]:
    db.session.expire_all()
    return list(db.session.scalars(select(Delivery)))


class TestSweep:
    def test_a_lost_new_question_is_queued_and_delivered(
        self, new_questions, mastodon_account, worker, fake_mastodon, monkeypatch
    ):
        lose_the_receiver(monkeypatch)
        with pytest.raises(SystemExit):
            make_topic(space=new_questions, title="Lost in the crash")
        monkeypatch.undo()
        assert deliveries() == []

        assert sweeper.sweep_now(after_grace()) == 1
        worker.run()

        (delivery,) = deliveries()
        assert (delivery.status, delivery.reason) == ("delivered", "new")
        (status,) = fake_mastodon.statuses.values()
        assert "Lost in the crash" in status["content"]

    def test_what_was_queued_is_not_queued_again(self, new_questions, mastodon_account):
        make_topic(space=new_questions)

        assert sweeper.sweep_now(after_grace()) == 0
        assert len(deliveries()) == 1

    def test_the_newest_content_is_left_to_its_receiver(
        self, new_questions, mastodon_account, monkeypatch
    ):
        lose_the_receiver(monkeypatch)
        with pytest.raises(SystemExit):
            make_topic(space=new_questions)

        assert sweeper.sweep_now(utcnow()) == 0

    def test_old_content_is_not_sent_late(self, new_questions, mastodon_account, monkeypatch):
        lose_the_receiver(monkeypatch)
        with pytest.raises(SystemExit):
            make_topic(space=new_questions)

        assert sweeper.sweep_now(utcnow() + sweeper.LOOK_BACK + timedelta(minutes=1)) == 0

    def test_accounts_connected_later_do_not_get_it(self, admin, new_questions, fake_mastodon):
        make_topic(space=new_questions)  # no account yet: nothing to lose
        crosspost.connect_account(
            admin, "mastodon", "Nabe", "mastodon-token", instance_url=fake_mastodon.url
        )

        assert sweeper.sweep_now(after_grace()) == 0

    def test_a_lost_known_issue_is_queued(self, expert, mastodon_account, monkeypatch):
        from hub.crosspost import announcements

        monkeypatch.setattr(announcements, "queue_wall_post", died)
        with pytest.raises(SystemExit):
            walls.create_wall_post(expert, "company", "VPN is down", known_issue=True)
        monkeypatch.undo()

        assert sweeper.sweep_now(after_grace()) == 1
        (delivery,) = deliveries()
        assert delivery.reason == "issue"


class TestChain:
    def sweeps(self) -> list[jobs.Job]:
        db.session.expire_all()
        query = select(jobs.Job).where(jobs.Job.kind == sweeper.JOB_KIND).order_by(jobs.Job.id)
        return list(db.session.scalars(query))

    def test_starting_workers_queue_one_sweep_that_queues_the_next(self, app, worker):
        events.worker_started.send(app)
        events.worker_started.send(app)  # a second worker starting in the same slot
        (first,) = self.sweeps()

        worker.run()

        done, following = self.sweeps()
        assert (done.id, done.status) == (first.id, "done")
        assert following.status == "pending"
        wait = following.next_attempt_at - done.next_attempt_at
        assert timedelta(0) < wait <= sweeper.EVERY
