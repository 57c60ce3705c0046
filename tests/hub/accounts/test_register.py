"""Registration: the rules a newcomer meets, and the errors they see."""

import pytest
from sqlalchemy import select

from hub.accounts.models import User
from hub.outbox.jobs import Job
from tests.factories import make_user


def register(client, username="anna_k", email="anna@example.com", password="Lichtwellenleiter-7"):
    return client.post(
        "/register", data={"username": username, "email": email, "password": password}
    )


class TestRegister:
    def test_creates_member_logs_in_and_queues_confirmation(self, client, db):
        response = register(client)
        assert response.status_code == 302
        user = db.session.scalar(select(User).where(User.username == "anna_k"))
        assert user.role == "member" and user.email_confirmed_at is None
        assert user.password_hash.startswith("scrypt:")
        assert client.get("/settings").status_code == 200  # logged in
        job = db.session.scalar(select(Job).where(Job.kind == "mail"))
        assert job.payload["to"] == "anna@example.com"
        assert "/confirm/" in job.payload["body"]

    @pytest.mark.parametrize(
        ("username", "message"),
        [
            ("ab", "3 to 30 characters"),
            ("a" * 31, "3 to 30 characters"),
            ("anna k", "3 to 30 characters"),
            ("anna<script>", "3 to 30 characters"),
        ],
    )
    def test_refuses_bad_usernames(self, client, db, username, message):
        response = register(client, username=username)
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
        assert db.session.scalar(select(User)) is None

    def test_username_is_unique_ignoring_case(self, client, db):
        make_user("Anna_K")
        response = register(client, username="anna_k")
        assert response.status_code == 400
        assert "This username is taken." in response.get_data(as_text=True)

    def test_email_must_be_valid_and_unique(self, client, db):
        assert "valid e-mail" in register(client, email="not-an-address").get_data(as_text=True)
        make_user("someone")
        page = register(client, email="SOMEONE@example.com").get_data(as_text=True)
        assert "An account with this e-mail address exists" in page

    @pytest.mark.parametrize(
        ("password", "message"),
        [
            ("short", "At least 10 characters"),
            ("password123", "most common"),
            ("Qwertzuiop", "most common"),
            ("anna_k", "At least 10"),
        ],
    )
    def test_refuses_weak_passwords(self, client, db, password, message):
        response = register(client, password=password)
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)

    def test_password_may_not_be_the_username(self, client, db):
        page = register(client, username="longusername", password="LongUserName").get_data(
            as_text=True
        )
        assert "must not be your username" in page


class TestConfirmEmail:
    def test_link_from_mail_confirms(self, client, db):
        register(client)
        body = db.session.scalar(select(Job.payload).where(Job.kind == "mail"))["body"]
        link = next(line for line in body.splitlines() if "/confirm/" in line)
        response = client.get(link.replace("http://localhost", ""), follow_redirects=True)
        assert "your e-mail address is confirmed" in response.get_data(as_text=True)
        assert db.session.scalar(select(User)).email_confirmed_at is not None

    def test_tampered_link_is_refused(self, client, db):
        response = client.get("/confirm/forged.token.value", follow_redirects=True)
        assert "expired" in response.get_data(as_text=True)
