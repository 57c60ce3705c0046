"""Which search backend this app uses (`HUB_SEARCH_BACKEND`), and its health for /healthz."""

from pathlib import Path

from flask import Flask, current_app

from hub.core.config import ConfigError
from hub.search.base import Backend

BACKENDS = ("whoosh", "postgres")
_EXTENSION = "hub_search"


def create(app: Flask) -> Backend:
    """Raises: ConfigError (an unknown backend, or `postgres` without PostgreSQL)."""
    name = app.config["SEARCH_BACKEND"]
    if name == "whoosh":
        from hub.search.whoosh_backend import WhooshBackend

        return WhooshBackend(app, Path(app.config["INSTANCE_PATH"]) / "search")
    if name == "postgres":
        if not str(app.config["SQLALCHEMY_DATABASE_URI"]).startswith("postgresql"):
            raise ConfigError("HUB_SEARCH_BACKEND=postgres needs HUB_DATABASE_URL on PostgreSQL.")
        from hub.search.postgres_backend import PostgresBackend

        return PostgresBackend()
    raise ConfigError(f"HUB_SEARCH_BACKEND={name!r}: use one of {', '.join(BACKENDS)}.")


def init_app(app: Flask) -> None:
    app.extensions[_EXTENSION] = create(app)


def current() -> Backend:
    return current_app.extensions[_EXTENSION]


def health() -> dict:
    return current().health()
