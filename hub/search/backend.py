"""Which search backend this app uses (`HUB_SEARCH_BACKEND`), and its health for /healthz.
The search service creates it (`service.init_app`), handing it the way to refill an index."""

from collections.abc import Callable
from pathlib import Path

from flask import Flask, current_app

from hub.core.config import ConfigError
from hub.search.base import Backend
from hub.search.postgres_backend import PostgresBackend
from hub.search.whoosh_backend import WhooshBackend

BACKENDS = ("whoosh", "postgres")
_EXTENSION = "hub_search"


def create(app: Flask, refill: Callable[[], int]) -> Backend:
    """`refill` rebuilds the index from the database, for a backend that can lose its index.

    Raises: ConfigError (an unknown backend, or `postgres` without PostgreSQL)."""
    name = app.config["SEARCH_BACKEND"]
    if name == "whoosh":
        return WhooshBackend(app, Path(app.config["INSTANCE_PATH"]) / "search", refill)
    if name == "postgres":
        if not str(app.config["SQLALCHEMY_DATABASE_URI"]).startswith("postgresql"):
            raise ConfigError("HUB_SEARCH_BACKEND=postgres needs HUB_DATABASE_URL on PostgreSQL.")
        return PostgresBackend()
    raise ConfigError(f"HUB_SEARCH_BACKEND={name!r}: use one of {', '.join(BACKENDS)}.")


def init_app(app: Flask, refill: Callable[[], int]) -> None:
    app.extensions[_EXTENSION] = create(app, refill)


def current() -> Backend:
    return current_app.extensions[_EXTENSION]


def health() -> dict:
    return current().health()
