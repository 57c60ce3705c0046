"""Real worker processes on PostgreSQL: no job runs twice, and a killed worker's job is not lost."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select

from hub import create_app
from hub.core.extensions import db
from hub.outbox import jobs
from hub.outbox.jobs import Job
from tests.conftest import app_config

pytestmark = pytest.mark.postgres

PROJECT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 30  # importing and building the app in a fresh interpreter
LEASE_SECONDS = 2  # short, so the killed worker's job is free again quickly

# A worker process as `flask --app wsgi worker` runs it, plus the test-only job kinds.
WORKER_SCRIPT = """
import sys
from pathlib import Path

import tests.hub.job_kinds
from hub import create_app
from hub.outbox import runner

app = create_app()
Path(sys.argv[1]).touch()  # ready
runner.run_forever(app, poll_seconds=0.05)
"""


def wait_until(condition, timeout: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


@pytest.fixture
def pg_app(services_postgres, tmp_path):
    app = create_app(app_config(tmp_path / "test", SQLALCHEMY_DATABASE_URI=services_postgres))
    with app.app_context():
        upgrade()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def start_worker(services_postgres, tmp_path):
    """Start a worker process; every one started is killed when the test ends."""
    started: list[subprocess.Popen] = []

    def start(name: str, **settings: str) -> subprocess.Popen:
        env = {
            **os.environ,
            "HUB_DATABASE_URL": services_postgres,
            "HUB_INSTANCE_PATH": str(tmp_path / name),
            "HUB_SECRET_KEY": "test-secret",
            "HUB_WORKER": "off",
            "HUB_REDIS_URL": "",
            **settings,
        }
        ready, log = tmp_path / f"{name}.ready", tmp_path / f"{name}.log"
        with open(log, "wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-c", WORKER_SCRIPT, str(ready)],
                cwd=PROJECT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        started.append(process)
        up = wait_until(lambda: ready.exists() or process.poll() is not None, STARTUP_SECONDS)
        assert up and process.poll() is None, f"worker {name} did not start:\n{log.read_text()}"
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def count(status: str) -> int:
    """Jobs of this test's kinds (a starting worker also queues its own, e.g. the sweeper)."""
    value = db.session.scalar(
        select(func.count(Job.id)).where(Job.status == status, Job.kind.startswith("test."))
    )
    db.session.rollback()  # end the read, so the next look sees the workers' commits
    return value


def test_two_worker_processes_run_every_job_exactly_once(pg_app, start_worker, tmp_path):
    executions = tmp_path / "executions.txt"
    workers = [start_worker("worker-a"), start_worker("worker-b")]
    for n in range(200):
        payload = {"n": n, "path": str(executions), "seconds": 0.005}
        jobs.enqueue("test.record", payload, key=f"record:{n}")
    db.session.commit()

    assert wait_until(lambda: count("done") == 200, timeout=60), f"{count('done')} of 200 done"
    lines = [line.split() for line in executions.read_text().splitlines()]
    runs = Counter(int(n) for n, _pid in lines)
    assert sorted(runs) == list(range(200))
    assert set(runs.values()) == {1}, [n for n, times in runs.items() if times > 1]
    assert {pid for _n, pid in lines} == {str(worker.pid) for worker in workers}  # both worked
    test_jobs = Job.kind.startswith("test.")
    assert db.session.scalar(select(func.max(Job.attempts)).where(test_jobs)) == 1


def test_a_killed_workers_job_is_taken_again_after_its_lease(pg_app, start_worker, tmp_path):
    trace, hold = tmp_path / "trace.txt", tmp_path / "hold"
    hold.touch()
    lease = {"HUB_JOB_LEASE_SECONDS": str(LEASE_SECONDS)}
    first = start_worker("first", **lease)
    jobs.enqueue("test.hold", {"path": str(trace), "hold": str(hold)}, key="slow")
    db.session.commit()
    started = wait_until(lambda: trace.exists() and "started" in trace.read_text(), timeout=30)
    assert started, "the first worker never started the job"

    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    job = db.session.scalar(select(Job).where(Job.key == "slow"))
    assert (job.status, job.attempts) == ("running", 1)
    assert f":{first.pid}:" in job.locked_by
    db.session.rollback()

    hold.unlink()  # the next attempt runs straight through
    second = start_worker("second", **lease)
    assert wait_until(lambda: count("done") == 1, timeout=30), trace.read_text()
    job = db.session.scalar(select(Job).where(Job.key == "slow"))
    assert (job.status, job.attempts) == ("done", 2)
    assert trace.read_text().splitlines() == [
        f"started {first.pid}",
        f"started {second.pid}",
        f"finished {second.pid}",
    ]
