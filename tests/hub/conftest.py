"""Fixtures for hub tests that need more than the shared ones: a real SMTP server."""

import pytest

from tests.smtp import Inbox, running_smtp_server


@pytest.fixture
def smtp_server():
    """aiosmtpd on a free local port; `smtp_server.inbox` holds what it received."""
    with running_smtp_server() as server:
        yield server


@pytest.fixture
def smtp_inbox(app, smtp_server, monkeypatch) -> Inbox:
    """Send the app's mail to the test SMTP server (plain SMTP, no login) and return its inbox."""
    monkeypatch.setitem(app.config, "MAIL_SERVER", smtp_server.host)
    monkeypatch.setitem(app.config, "MAIL_PORT", smtp_server.port)
    monkeypatch.setitem(app.config, "MAIL_TLS", "none")
    monkeypatch.setitem(app.config, "MAIL_USERNAME", "")
    return smtp_server.inbox
