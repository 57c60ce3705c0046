"""Accepting the terms at registration: once the terms of use are written, the registration
form, the social sign-up and the API open an account only with them accepted, and record the
versions accepted with the account; the member's settings say which version and when."""

import re

import pytest
from sqlalchemy import func, select

from hub.accounts.models import User
from hub.legal import service as legal
from hub.legal.models import Consent
from tests.factories import make_user
from tests.hub.accounts.test_social import finish, oidc, sign_in  # noqa: F401

PASSWORD = "Lichtwellenleiter-7"


@pytest.fixture
def admin(app, db):
    return make_user("chief", role="admin")


def write(admin, kind, en):
    return legal.save_page(admin, kind, text_en=en, text_de="")


def register(client, accept: bool, username="anna_k"):
    data = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
    if accept:
        data["accept_terms"] = "y"
    return client.post("/register", data=data)


def consents(db) -> list[tuple[str, str, int]]:
    stmt = (
        select(User.username, Consent.document, Consent.version)
        .join(User, User.id == Consent.user_id)
        .order_by(Consent.document)
    )
    return [tuple(row) for row in db.session.execute(stmt)]


def users(db) -> int:
    return db.session.scalar(select(func.count()).select_from(User))


class TestRegistrationForm:
    def test_no_box_and_no_record_while_there_are_no_terms(self, client, db, admin):
        assert 'name="accept_terms"' not in client.get("/register").text
        assert register(client, accept=False).status_code == 302
        assert consents(db) == []

    def test_the_box_links_the_terms_and_the_privacy_policy(self, client, db, admin):
        write(admin, "terms", "Be fair.")
        write(admin, "privacy", "We keep little.")
        page = client.get("/register").text
        box = re.search(r'<input[^>]*name="accept_terms"[^>]*>', page).group(0)
        assert "required" in box and 'type="checkbox"' in box
        assert '<a href="/terms" target="_blank">terms of use</a>' in page
        assert '<a href="/privacy" target="_blank">privacy policy</a>' in page

    def test_without_accepting_there_is_no_account(self, client, db, admin):
        write(admin, "terms", "Be fair.")
        response = register(client, accept=False)
        assert response.status_code == 400
        assert "Please accept the terms of use to join." in response.text
        assert users(db) == 1 and consents(db) == []  # only the admin

    def test_accepting_records_the_versions_with_the_account(self, client, db, admin):
        write(admin, "terms", "Be fair.")
        write(admin, "terms", "Be fair, and kind.")
        write(admin, "privacy", "We keep little.")
        assert register(client, accept=True).status_code == 302
        assert consents(db) == [("anna_k", "privacy", 1), ("anna_k", "terms", 2)]
        settings = client.get("/settings").text
        assert "Terms accepted</a>: version 2 on" in settings

    def test_a_later_version_does_not_change_what_was_accepted(self, client, db, admin):
        write(admin, "terms", "Be fair.")
        register(client, accept=True)
        write(admin, "terms", "Be fair, and kind.")
        assert consents(db) == [("anna_k", "terms", 1)]
        assert "version 1 on" in client.get("/settings").text

    def test_terms_taken_down_are_not_asked_for(self, client, db, admin):
        write(admin, "terms", "Be fair.")
        write(admin, "terms", "")
        assert register(client, accept=False).status_code == 302
        assert consents(db) == []
        assert "Terms accepted" not in client.get("/settings").text


class TestApi:
    def test_the_api_asks_for_accept_terms_too(self, client, db, admin):
        write(admin, "terms", "Be fair.")
        body = {"username": "api_anna", "email": "api@example.com", "password": PASSWORD}
        refused = client.post("/api/v1/users", json=body)
        assert refused.status_code == 422
        assert "accept_terms" in refused.json["error"]["fields"]
        assert users(db) == 1
        created = client.post("/api/v1/users", json={**body, "accept_terms": True})
        assert created.status_code == 201
        assert consents(db) == [("api_anna", "terms", 1)]


class TestSocialSignUp:
    def test_the_social_sign_up_records_the_terms_accepted(self, client, db, admin, oidc):  # noqa: F811
        write(admin, "terms", "Be fair.")
        sign_in(client)
        page = client.get("/login/social/finish").text
        assert '<a href="/terms" target="_blank">terms of use</a>' in page
        assert finish(client, accept=False).status_code == 400
        assert users(db) == 1
        assert finish(client, username="newcomer").status_code == 302
        assert consents(db) == [("newcomer", "terms", 1)]
