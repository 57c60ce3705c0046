"""Forgotten passwords: the reset link travels by real SMTP and works once."""

import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from hub.outbox import runner
from hub.outbox.jobs import Job
from tests.factories import PASSWORD, make_user

NEW_PASSWORD = "Ein neues Passwort, bitte!"


def ask_for_reset(client, email: str):
    return client.post("/password/forgot", data={"email": email})


def reset_link_from_mail(app, inbox) -> str:
    """Let the worker deliver the queued mail, and take the link out of what arrived."""
    assert runner.run_once(app) == 1
    [received] = inbox.wait_for(1)
    assert received.rcpt_tos == ["berta@example.com"]
    link = re.search(r"https?://\S+/password/reset/\S+", received.body).group(0)
    return urlsplit(link).path


def log_in(client, password: str):
    return client.post("/login", data={"login": "berta", "password": password})


@pytest.fixture
def berta(app, db):
    return make_user("berta")


class TestPasswordReset:
    def test_member_resets_through_the_mailed_link(self, app, db, client, berta, smtp_inbox):
        response = ask_for_reset(client, "Berta@Example.com")
        assert response.status_code == 302
        path = reset_link_from_mail(app, smtp_inbox)

        assert client.get(path).status_code == 200
        response = client.post(path, data={"password": NEW_PASSWORD})
        assert response.status_code == 302
        assert client.get("/settings").status_code == 200  # logged in

        client.post("/logout")
        assert log_in(client, PASSWORD).status_code == 400
        assert log_in(client, NEW_PASSWORD).status_code == 302

    def test_the_link_works_once(self, app, db, client, berta, smtp_inbox):
        ask_for_reset(client, "berta@example.com")
        path = reset_link_from_mail(app, smtp_inbox)
        assert client.post(path, data={"password": NEW_PASSWORD}).status_code == 302
        client.post("/logout")
        again = client.post(path, data={"password": "Noch ein anderes Passwort"})
        assert again.status_code == 400
        assert "expired or was already used" in again.get_data(as_text=True)
        assert log_in(client, NEW_PASSWORD).status_code == 302

    def test_a_tampered_link_is_refused(self, app, db, client, berta, smtp_inbox):
        ask_for_reset(client, "berta@example.com")
        path = reset_link_from_mail(app, smtp_inbox)
        token = path.rsplit("/", 1)[1]
        tampered = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
        response = client.post(f"/password/reset/{tampered}", data={"password": NEW_PASSWORD})
        assert response.status_code == 400
        assert log_in(client, PASSWORD).status_code == 302

    def test_unknown_address_gets_the_same_answer_and_no_mail(
        self, app, db, client, berta, smtp_inbox
    ):
        known = ask_for_reset(client, "berta@example.com")
        unknown = ask_for_reset(client, "nobody@example.com")
        assert unknown.status_code == known.status_code == 302
        assert unknown.headers["Location"] == known.headers["Location"]
        assert db.session.scalar(select(func.count(Job.id))) == 1  # only Berta's mail
        assert runner.run_once(app) == 1
        assert [m.rcpt_tos for m in smtp_inbox.wait_for(1)] == [["berta@example.com"]]

    def test_the_answer_never_says_whether_the_address_exists(self, app, db, client, berta):
        notes = []
        for email in ("berta@example.com", "nobody@example.com"):
            ask_for_reset(client, email)
            page = client.get("/login").get_data(as_text=True)
            notes.append(re.search(r'<div class="flashes".*?</div>', page, re.DOTALL).group(0))
        assert "a mail with a reset link is on its way" in notes[0]
        assert notes[0] == notes[1]
