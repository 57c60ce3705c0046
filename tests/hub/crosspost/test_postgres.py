"""Real worker processes on PostgreSQL against the fake Mastodon: one status per delivery with
two workers, and none twice when a worker is killed between the remote call and the receipt."""

import signal

import pytest
from sqlalchemy import func, select

from hub.core.extensions import db
from hub.crosspost import service as crosspost
from hub.crosspost.models import Delivery
from tests.factories import make_category, make_topic, make_user
from tests.fakes.mastodon import FakeMastodon
from tests.hub import test_jobs_postgres as worker_processes

LEASE_SECONDS = worker_processes.LEASE_SECONDS
wait_until = worker_processes.wait_until
# The worker-process fixtures of the job tests: a fresh PostgreSQL app, `start_worker(name)`.
pg_app = worker_processes.pg_app
start_worker = worker_processes.start_worker

pytestmark = pytest.mark.postgres


@pytest.fixture
def fake_mastodon():
    with FakeMastodon(token="mastodon-token") as server:
        yield server


@pytest.fixture
def new_questions(pg_app, fake_mastodon):
    admin = make_user("ada_admin", role="admin")
    crosspost.connect_account(
        admin, "mastodon", "Nabe on Mastodon", "mastodon-token", instance_url=fake_mastodon.url
    )
    space = make_category("router-help")
    crosspost.set_rule(admin, space.id, "new")
    return space


def delivered() -> int:
    value = db.session.scalar(select(func.count(Delivery.id)).where(Delivery.status == "delivered"))
    db.session.rollback()  # end the read, so the next look sees the workers' commits
    return value


def test_two_workers_post_each_question_exactly_once(new_questions, fake_mastodon, start_worker):
    asker = make_user("anna_asks")
    for n in range(20):
        make_topic(asker, new_questions, title=f"Question number {n}")
    start_worker("worker-a")
    start_worker("worker-b")

    assert wait_until(lambda: delivered() == 20, timeout=60), f"{delivered()} of 20"
    assert len(fake_mastodon.statuses) == 20
    assert len(fake_mastodon.calls("POST", "/api/v1/statuses")) == 20


def test_a_worker_killed_after_posting_does_not_post_twice(
    new_questions, fake_mastodon, start_worker
):
    fake_mastodon.stall_next(30)  # the status is created, the answer never arrives in time
    make_topic(make_user("anna_asks"), new_questions)
    lease = {"HUB_JOB_LEASE_SECONDS": str(LEASE_SECONDS)}
    first = start_worker("first", **lease)
    assert wait_until(lambda: len(fake_mastodon.statuses) == 1, timeout=30)

    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    start_worker("second", **lease)

    assert wait_until(lambda: delivered() == 1, timeout=30)
    (status_id,) = fake_mastodon.statuses
    delivery = db.session.scalar(select(Delivery))
    assert delivery.remote_id == status_id
    assert len(fake_mastodon.calls("POST", "/api/v1/statuses")) == 2  # the retry, answered once
