"""An app with the page cache on, on the same database as the shared `app`, and its clients.

Writes that should outdate pages run in this app's context (`writing`), as they would in the
process that serves the pages: the shared `app` has the cache off.
"""

import re
from contextlib import contextmanager

import pytest

from hub import create_app
from tests.conftest import FreshContextClient, app_config


def make_cached_app(tmp_path, database_url, **overrides):
    settings = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "PAGE_CACHE": "on",
        "PAGE_CACHE_LOCAL_SECONDS": 60,  # tests rely on versions, not on expiry
        "WTF_CSRF_ENABLED": True,  # as in production: a form's token starts a session
    }
    config = app_config(tmp_path, **{**settings, **overrides})
    cached = create_app(config)
    cached.test_client_class = FreshContextClient
    return cached


@pytest.fixture
def cached_app(app, tmp_path, database_url):
    """`app` for its schema and the clean tables between tests; this one serves the pages."""
    cached = make_cached_app(tmp_path / "cached", database_url)
    yield cached
    with cached.app_context():
        from hub.core.extensions import db

        db.engine.dispose()


@pytest.fixture
def visitor(cached_app):
    return Visitor(cached_app)


@pytest.fixture
def writing(cached_app):
    """`with writing():` runs services in the caching app, so their commits outdate its pages."""

    @contextmanager
    def context():
        with cached_app.app_context():
            yield

    return context


class Visitor:
    """A browser with no cookies at all: each GET is a fresh client."""

    def __init__(self, app, headers=None):
        self.app, self.headers = app, headers or {}

    def get(self, path: str, **headers):
        return self.app.test_client().get(path, headers={**self.headers, **headers})

    def page(self, path: str, **headers) -> tuple[str | None, str]:
        """(X-Cache, text) of a GET."""
        response = self.get(path, **headers)
        assert response.status_code == 200, (path, response.status_code)
        return response.headers.get("X-Cache"), response.get_data(as_text=True)

    def cached(self, path: str, **headers) -> str:
        """GET twice; the second is a hit. Returns the page's text."""
        self.page(path, **headers)
        how, text = self.page(path, **headers)
        assert how == "hit", (path, how)
        return text


def csrf_token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def log_in(client, username: str, password: str = "correct horse battery") -> None:
    """Log in through the form, with its token, as a browser does."""
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"login": username, "password": password, "csrf_token": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
