"""Finding the real PostgreSQL, Redis and Chromium the tests need.

Locally a missing service skips the tests that need it, with a message saying what to start.
In CI (CI=true) a missing service fails those tests loudly instead.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from contextlib import closing
from pathlib import Path

import pytest

PG_ADMIN_URL = os.environ.get("HUB_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("HUB_TEST_REDIS", "redis://127.0.0.1:6379/0")
CHROMIUM = os.environ.get("HUB_TEST_CHROMIUM", "/usr/bin/chromium")


def missing(message: str):
    """Fail in CI, skip locally."""
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI needs it: .ci/run starts it)", pytrace=False)
    pytest.skip(message)


def port_open(host: str, port: int) -> bool:
    with closing(socket.socket()) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_postgres_database() -> tuple[str, callable]:
    """Create an empty database; return its SQLAlchemy URL and a function that drops it."""
    return postgres_database(f"nabe_test_{uuid.uuid4().hex[:10]}")


def postgres_database(name: str) -> tuple[str, callable]:
    """Create the empty database `name` (replacing a leftover one) and return its URL and a
    function that drops it."""
    try:
        import psycopg

        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except Exception as error:
        missing(f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {error}")
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)

    def drop() -> None:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return f"{base}/{name}", drop


def require_redis() -> str:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except Exception as error:
        missing(f"Redis is not reachable at {REDIS_URL}: {error}")
    return REDIS_URL


def require_chromium() -> str:
    path = shutil.which(CHROMIUM) or (CHROMIUM if os.path.exists(CHROMIUM) else None)
    if not path:
        missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return path


class RedisServer:
    """A redis-server of our own on a free port, without persistence, to stop and start at
    will (the machine's shared Redis is never touched). Use as a context manager."""

    def __init__(self, folder: Path):
        self.folder, self.port = folder, free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            missing("redis-server is not installed (apt-get install redis-server)")
        command = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        command += ["--appendonly", "no", "--daemonize", "no", "--dir", str(self.folder)]
        with (self.folder / "redis.log").open("ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + 10
        while not port_open("127.0.0.1", self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start: see {self.folder / 'redis.log'}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(10)

    def restart(self, down_seconds: float) -> None:
        """Stop, stay down for `down_seconds`, start again (empty: nothing was saved)."""
        self.stop()
        time.sleep(down_seconds)
        self.start()

    def __enter__(self) -> "RedisServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
