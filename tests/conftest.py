"""Shared fixtures: one app per test session, a clean database per test, clients, factories,
and the hub served over HTTP (in this process, or as server processes of their own)."""

import os
from contextlib import ExitStack

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade

from hub import create_app
from hub.core.extensions import db as _db
from hub.core.extensions import limiter
from tests import servers, services

# A cheaper scrypt cost keeps the suite fast; the algorithm stays memory-hard.
FAST_HASH = "scrypt:2048:8:1"


def app_config(tmp_path, **overrides) -> dict:
    config = {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path),
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_METHOD": FAST_HASH,
        "WORKER": "off",
        "SERVER_NAME": None,
        "BASE_URL": "http://localhost",
        # Tests write rows directly and reuse ids across tests: pages are rendered every time,
        # except in tests/hub/pagecache, which turns the cache on.
        "PAGE_CACHE": "off",
    }
    config.update(overrides)
    return config


class FreshContextClient(FlaskClient):
    """Each request gets its own app context (fresh `g` and database session), as in production,
    even though the test itself holds one open."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """SQLite in a temp folder, or PostgreSQL when HUB_DATABASE_URL names it. Parallel test
    workers (pytest-xdist) each get a database of their own, named after HUB_DATABASE_URL's."""
    url = os.environ.get("HUB_DATABASE_URL")
    if not (url and url.startswith("postgresql")):
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'hub.db'}"
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        yield url
        return
    worker_url, drop = services.postgres_database(f"{url.rsplit('/', 1)[1]}_{worker}")
    yield worker_url
    drop()


@pytest.fixture(scope="session")
def app(tmp_path_factory, database_url):
    app = create_app(
        app_config(tmp_path_factory.mktemp("instance"), SQLALCHEMY_DATABASE_URI=database_url)
    )
    app.test_client_class = FreshContextClient
    with app.app_context():
        upgrade()  # the schema comes from the migrations, as in production
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_database(request):
    """Tests that use the app start with empty tables and fresh rate limits."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        yield
        _db.session.rollback()
        _db.session.remove()
        with _db.engine.begin() as conn:
            for table in reversed(_db.metadata.sorted_tables):
                conn.execute(table.delete())
    limiter.reset()


@pytest.fixture(autouse=True)
def _posting_limits(request):
    """Posting limits apply where they are the subject (tests/hub/moderation and tests marked
    `posting_limits`); elsewhere a test writes many posts in a second, as no person would."""
    from hub.moderation import guard

    enforced = "moderation" in request.path.parts or request.node.get_closest_marker(
        "posting_limits"
    )
    if enforced:
        yield
        return
    with guard.bypassed():
        yield


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def services_postgres():
    """A fresh PostgreSQL database URL, dropped afterwards."""
    url, drop = services.fresh_postgres_database()
    yield url
    drop()


@pytest.fixture
def login(client):
    """Log the test client in as a user: `login(user, password)`."""

    def log_in(user, password="correct horse battery"):
        response = client.post("/login", data={"login": user.username, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return log_in


@pytest.fixture
def live_server(app):
    """The test's app on a loopback port (`.url`), taken by the app for its own address."""
    with servers.live_server(app) as server:
        yield server


@pytest.fixture
def start_hubs(app, tmp_path):
    """`start_hubs(count, mode=..., redis_url=..., workers=..., threads=...)` -> that many hub
    server processes on the test database, each answering /healthz (`.url`, `.log`); all are
    stopped when the test ends. See tests/servers.py for the modes."""
    with ExitStack() as stack:

        def start(count: int, **options) -> list:
            return stack.enter_context(servers.hub_processes(app, tmp_path, count, **options))

        yield start
