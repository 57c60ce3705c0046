"""Finding the real PostgreSQL, Redis and Chromium the tests need.

Locally a missing service skips the tests that need it, with a message saying what to start.
In CI (CI=true) a missing service fails those tests loudly instead.
"""

import os
import shutil
import socket
import uuid
from contextlib import closing

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
