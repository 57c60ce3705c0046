"""Fixtures for notification tests: a live hub over HTTP for the Socket.IO tests."""

import pytest

from tests.live_server import LiveServer


@pytest.fixture
def live(app):
    """The app served on a free loopback port, accepting Socket.IO from its own origin."""
    with LiveServer(app) as server:
        engineio = app.extensions["socketio"].server.eio
        previous = app.config["BASE_URL"], engineio.cors_allowed_origins
        app.config["BASE_URL"] = server.url
        # The allowed origin is read when the server starts a connection.
        engineio.cors_allowed_origins = [server.url]
        yield server
        app.config["BASE_URL"], engineio.cors_allowed_origins = previous
