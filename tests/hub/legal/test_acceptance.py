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


def shown(page: str) -> dict:
    """The note of the versions a form showed, as a browser sends it back."""
    found = re.search(r'name="terms_shown" value="([^"]*)"', page)
    return {"terms_shown": found.group(1)} if found else {}


def register(client, accept: bool, username="anna_k", page=None):
    """Open the form (or use the `page` opened before), fill it in and send it."""
    page = page if page is not None else client.get("/register").text
    data = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
    if accept:
        data["accept_terms"] = "y"
    return client.post("/register", data={**data, **shown(page)})


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

    def test_terms_changed_while_the_form_was_open_are_asked_again(self, client, db, admin):
        write(admin, "terms", "Be fair.")
        opened = client.get("/register").text
        write(admin, "terms", "Be fair, and kind.")
        response = register(client, accept=True, page=opened)
        assert response.status_code == 400
        assert "The terms changed while you were signing up" in response.text
        assert users(db) == 1
        assert register(client, accept=True, page=response.text).status_code == 302
        assert consents(db) == [("anna_k", "terms", 2)]

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
        assert shown(page) == {"terms_shown": "1.0"}
        assert finish(client, accept=False).status_code == 400
        assert users(db) == 1
        write(admin, "privacy", "We keep little.")  # the form showed no privacy policy
        changed = client.post(
            "/login/social/finish",
            data={"username": "newcomer", "accept_terms": "y", **shown(page)},
        )
        assert changed.status_code == 400 and "The terms changed" in changed.text
        assert finish(client, username="newcomer").status_code == 302
        assert consents(db) == [("newcomer", "privacy", 1), ("newcomer", "terms", 1)]
