"""The job outbox: enqueue with the content, run with retries, end dead and visible to admins."""

import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from hub import create_app
from hub.core.columns import utcnow
from hub.outbox import jobs, retries, runner, worker_thread
from hub.outbox.jobs import Job
from tests.conftest import app_config
from tests.factories import make_user

calls: list[dict] = []


@jobs.handler("test.scripted")
def scripted(payload: dict) -> None:
    """Does what the payload says, so each test picks the outcome it needs."""
    calls.append(payload)
    match payload.get("then"):
        case "error":
            raise ConnectionError("the remote is down")
        case "retry_after":
            raise jobs.RetryAfter(3600, "rate limited until the top of the hour")
        case "permanent":
            raise jobs.Permanent("the remote rejected the post")


@pytest.fixture(autouse=True)
def _forget_calls():
    calls.clear()


def add_job(db, key="job-1", then="succeed", **options) -> None:
    jobs.enqueue("test.scripted", {"then": then}, key=key, **options)
    db.session.commit()


def fetch(db, key="job-1") -> Job | None:
    """The job as the database has it now (not as this session last saw it)."""
    db.session.expire_all()
    return db.session.scalar(select(Job).where(Job.key == key))


class TestEnqueue:
    def test_job_exists_once_the_caller_commits(self, app, db):
        jobs.enqueue("test.scripted", {"n": 1}, key="job-1")
        db.session.commit()
        job = fetch(db)
        assert (job.kind, job.payload, job.status, job.attempts) == (
            "test.scripted",
            {"n": 1},
            "pending",
            0,
        )

    def test_rolled_back_transaction_leaves_no_job(self, app, db):
        jobs.enqueue("test.scripted", {"n": 1}, key="job-1")
        db.session.rollback()
        assert fetch(db) is None

    def test_same_key_twice_is_one_job(self, app, db):
        jobs.enqueue("test.scripted", {"n": 1}, key="job-1")
        jobs.enqueue("test.scripted", {"n": 2}, key="job-1")
        db.session.commit()
        jobs.enqueue("test.scripted", {"n": 3}, key="job-1")
        db.session.commit()
        assert db.session.scalars(select(Job.payload)).all() == [{"n": 1}]

    def test_run_at_holds_the_job_back(self, app, db):
        later = utcnow() + timedelta(hours=1)
        add_job(db, run_at=later)
        assert runner.run_once(app) == 0
        assert runner.run_once(app, now=later) == 1


class TestWorker:
    def test_success_marks_the_job_done(self, app, db):
        add_job(db)
        assert runner.run_once(app) == 1
        job = fetch(db)
        assert (job.status, job.attempts, job.locked_by) == ("done", 1, None)
        assert job.finished_at is not None
        assert calls == [{"then": "succeed"}]

    def test_failure_schedules_a_retry_within_the_backoff_window(self, app, db):
        add_job(db, then="error")
        now = utcnow()
        runner.run_once(app, now=now)
        job = fetch(db)
        assert (job.status, job.attempts) == ("failed", 1)
        assert job.last_error == "ConnectionError: the remote is down"
        wait = (job.next_attempt_at - now).total_seconds()
        assert retries.MIN_RETRY_SECONDS <= wait <= retries.backoff_window(1)
        assert runner.run_once(app, now=now) == 0  # not due yet
        assert runner.run_once(app, now=job.next_attempt_at) == 1
        assert fetch(db).attempts == 2

    def test_retry_after_is_honoured(self, app, db):
        add_job(db, then="retry_after")
        now = utcnow()
        runner.run_once(app, now=now)
        job = fetch(db)
        assert job.status == "failed"
        assert job.next_attempt_at >= now + timedelta(seconds=3600)
        assert "rate limited" in job.last_error

    def test_permanent_failure_is_dead_at_once(self, app, db):
        add_job(db, then="permanent")
        runner.run_once(app)
        job = fetch(db)
        assert (job.status, job.attempts, job.last_error) == (
            "dead",
            1,
            "the remote rejected the post",
        )

    def test_dead_after_the_last_attempt(self, app, db, monkeypatch):
        monkeypatch.setitem(app.config, "JOB_MAX_ATTEMPTS", 3)
        add_job(db, then="error")
        now = utcnow()
        for _attempt in range(3):
            assert runner.run_once(app, now=now) == 1
            now = fetch(db).next_attempt_at
        job = fetch(db)
        assert (job.status, job.attempts) == ("dead", 3)
        assert job.last_error == "ConnectionError: the remote is down"
        assert runner.run_once(app, now=now + timedelta(days=1)) == 0

    def test_unknown_kind_is_retried_not_lost(self, app, db):
        jobs.enqueue("test.nobody_handles_this", {}, key="job-1")
        db.session.commit()
        runner.run_once(app)
        job = fetch(db)
        assert job.status == "failed"
        assert "no handler" in job.last_error


class TestLease:
    """A worker that dies mid-job leaves it running; the lease decides when it is taken again."""

    def claimed_by_a_worker_that_died(self, db, now, attempts=1):
        add_job(db)
        db.session.execute(
            update(Job).values(
                status="running",
                attempts=attempts,
                locked_by="crashed-worker",
                locked_until=now + timedelta(seconds=60),
            )
        )
        db.session.commit()

    def test_job_is_left_alone_while_the_lease_runs(self, app, db):
        now = utcnow()
        self.claimed_by_a_worker_that_died(db, now)
        assert runner.run_once(app, now=now + timedelta(seconds=59)) == 0
        assert fetch(db).status == "running"

    def test_job_is_taken_again_when_the_lease_expired(self, app, db):
        now = utcnow()
        self.claimed_by_a_worker_that_died(db, now)
        assert runner.run_once(app, now=now + timedelta(seconds=61)) == 1
        job = fetch(db)
        assert (job.status, job.attempts, job.locked_by) == ("done", 2, None)

    def test_a_job_that_died_on_its_last_attempt_is_not_run_again(self, app, db):
        now = utcnow()
        self.claimed_by_a_worker_that_died(db, now, attempts=app.config["JOB_MAX_ATTEMPTS"])
        runner.run_once(app, now=now + timedelta(seconds=61))
        job = fetch(db)
        assert job.status == "dead"
        assert "lease expired" in job.last_error
        assert calls == []


def wait_until(condition, timeout=5.0, interval=0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


class TestWorkerThread:
    def test_background_thread_runs_jobs(self, app, db):
        worker = worker_thread.start_thread(app, poll_seconds=0.05)
        try:
            assert worker_thread.start_thread(app) is worker  # one thread per app
            add_job(db)
            assert wait_until(lambda: fetch(db).status == "done")
        finally:
            worker_thread.stop_thread(app)
        assert not worker.thread.is_alive()

    def test_web_app_starts_its_worker_on_the_first_request(self, app, db, tmp_path):
        web = create_app(
            app_config(
                tmp_path,
                TESTING=False,
                WORKER="thread",
                SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
            )
        )
        try:
            # not at startup (CLI, migrations)
            assert web.extensions.get("hub.outbox.jobs.worker") is None
            web.test_client().get("/healthz")
            assert web.extensions["hub.outbox.jobs.worker"].thread.is_alive()
        finally:
            worker_thread.stop_thread(web)


class TestHealth:
    def test_healthz_reports_the_backlog(self, app, db, client):
        add_job(db, key="dies", then="permanent")
        runner.run_once(app)
        add_job(db, key="waits")
        response = client.get("/healthz")
        assert response.status_code == 200  # dead jobs are reported, the hub is still healthy
        backlog = response.get_json()["parts"]["jobs"]
        assert backlog["ok"] is True
        assert (backlog["pending"], backlog["running"], backlog["dead"]) == (1, 0, 1)
        assert backlog["oldest_pending_seconds"] >= 0


class TestAdminPage:
    def dead_job(self, app, db) -> Job:
        add_job(db, key="mail:welcome:7", then="permanent")
        runner.run_once(app)
        return fetch(db, "mail:welcome:7")

    def test_admin_sees_dead_jobs_with_their_error(self, app, db, client, login):
        self.dead_job(app, db)
        add_job(db, key="still-waiting")
        login(make_user(role="admin"))
        page = client.get("/admin/jobs?status=dead")
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert "mail:welcome:7" in html and "the remote rejected the post" in html
        assert "still-waiting" not in html
        assert "still-waiting" in client.get("/admin/jobs").get_data(as_text=True)

    def test_members_are_refused_and_visitors_asked_to_log_in(self, app, db, client, login):
        assert client.get("/admin/jobs").status_code == 302
        login(make_user(role="moderator"))
        assert client.get("/admin/jobs").status_code == 403

    def test_retry_requeues_a_dead_job(self, app, db, client, login):
        job = self.dead_job(app, db)
        login(make_user(role="admin"))
        response = client.post(f"/admin/jobs/{job.id}/retry?status=dead")
        assert response.status_code == 302
        assert response.headers["Location"] == "/admin/jobs?status=dead"
        job = fetch(db, "mail:welcome:7")
        assert (job.status, job.attempts, job.finished_at) == ("pending", 0, None)

    def test_only_dead_jobs_are_retried(self, app, db, client, login):
        add_job(db)
        login(make_user(role="admin"))
        assert client.post(f"/admin/jobs/{fetch(db).id}/retry").status_code == 409
        assert client.post("/admin/jobs/999999/retry").status_code == 404

    def test_member_cannot_retry(self, app, db, client, login):
        job = self.dead_job(app, db)
        login(make_user())
        assert client.post(f"/admin/jobs/{job.id}/retry").status_code == 403
        assert fetch(db, "mail:welcome:7").status == "dead"
