"""Search tests run once per backend: Whoosh on the session's app (SQLite, or PostgreSQL when
HUB_DATABASE_URL says so) and PostgreSQL full-text search on an app of its own."""

from contextlib import contextmanager

import pytest
from flask_migrate import upgrade

from hub import create_app
from hub.core.extensions import db as _db
from hub.core.extensions import limiter
from hub.search import backend
from tests import services
from tests.conftest import FreshContextClient, app_config

BACKENDS = ["whoosh", "postgres"]


@pytest.fixture(scope="session")
def postgres_search_app(tmp_path_factory):
    """An app with HUB_SEARCH_BACKEND=postgres on a fresh, migrated PostgreSQL database."""
    url, drop = services.fresh_postgres_database()
    app = create_app(
        app_config(
            tmp_path_factory.mktemp("pg-search"),
            SQLALCHEMY_DATABASE_URI=url,
            SEARCH_BACKEND="postgres",
        )
    )
    app.test_client_class = FreshContextClient
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        _db.engine.dispose()
    drop()


@contextmanager
def clean(app):
    """An app context with an empty index; afterwards every table is emptied (conftest style)."""
    with app.app_context():
        backend.current().clear()
        try:
            yield app
        finally:
            backend.current().flush()
            _db.session.rollback()
            _db.session.remove()
            with _db.engine.begin() as connection:
                for table in reversed(_db.metadata.sorted_tables):
                    connection.execute(table.delete())
            limiter.reset()


@pytest.fixture(params=BACKENDS)
def search_app(request):
    """The app under test, for each backend in turn."""
    if request.param == "whoosh":
        app = request.getfixturevalue("app")
    else:
        app = request.getfixturevalue("postgres_search_app")
    with clean(app):
        yield app


@pytest.fixture
def whoosh_app(app):
    with clean(app):
        yield app


@pytest.fixture
def search_client(search_app):
    return search_app.test_client()
