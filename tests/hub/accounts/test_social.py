"""Social sign-in against a fake OpenID Connect provider speaking real HTTP on loopback.

The hub side runs in the Flask test client; the provider side (the authorize page the browser
would visit) is fetched with `requests`, and its redirect back is handed to the test client.
"""

import html
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import requests
from sqlalchemy import func, select

from hub.accounts.models import MastodonApp, SocialIdentity, User
from hub.outbox.jobs import Job
from tests.factories import make_user, reload
from tests.fakes.oidc import FakeMastodonSignIn, FakeOIDC


@pytest.fixture
def oidc(app, monkeypatch):
    with FakeOIDC() as fake:
        monkeypatch.setitem(app.config, "OAUTH_OIDC_ID", fake.client_id)
        monkeypatch.setitem(app.config, "OAUTH_OIDC_SECRET", fake.client_secret)
        monkeypatch.setitem(app.config, "OAUTH_OIDC_URL", fake.discovery_url)
        yield fake


def provider_url(response) -> str:
    """Where the hub sends the browser: a redirect (links), or a page that moves on (forms,
    because the CSP's form-action forbids a form's redirect to another site)."""
    if response.status_code == 302:
        return response.headers["Location"]
    assert response.status_code == 200, response.get_data(as_text=True)
    page = response.get_data(as_text=True)
    match = re.search(r'id="social-continue" href="([^"]+)"', page)
    assert match and f'content="0;url={match.group(1)}"' in page
    return html.unescape(match.group(1))


def go_to_provider(client, start="/login/social/oidc", method="get"):
    """Start at the hub; return the provider's redirect back to the hub (the callback URL)."""
    response = getattr(client, method)(start)
    at_provider = requests.get(provider_url(response), allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302, at_provider.text
    return at_provider.headers["Location"]


def sign_in(client, start="/login/social/oidc", method="get"):
    """The whole dance; returns the hub's answer to the callback."""
    return client.get(go_to_provider(client, start, method))


def finish(client, username="newcomer", email=None, accept=True):
    data = {"username": username}
    if email is not None:
        data["email"] = email
    if accept:
        data["accept_terms"] = "y"
    return client.post("/login/social/finish", data=data)


def logged_in(client) -> bool:
    return client.get("/settings").status_code == 200


def identities(db, user=None):
    stmt = select(SocialIdentity)
    if user is not None:
        stmt = stmt.where(SocialIdentity.user_id == user.id)
    return list(db.session.scalars(stmt))


class TestButtons:
    def test_only_providers_with_id_and_secret_show(self, client, app, monkeypatch):
        page = client.get("/login").get_data(as_text=True)
        assert "Continue with Google" not in page
        assert "Continue with OpenID Connect" not in page
        assert "Continue with Mastodon" in page  # any instance, nothing to configure
        monkeypatch.setitem(app.config, "OAUTH_GOOGLE_ID", "google-id")
        assert "Continue with Google" not in client.get("/login").get_data(as_text=True)
        monkeypatch.setitem(app.config, "OAUTH_GOOGLE_SECRET", "google-secret")
        assert "Continue with Google" in client.get("/login").get_data(as_text=True)
        assert "Continue with Google" in client.get("/register").get_data(as_text=True)

    def test_generic_provider_needs_its_discovery_url(self, client, oidc, app, monkeypatch):
        assert "Continue with OpenID Connect" in client.get("/login").get_data(as_text=True)
        monkeypatch.setitem(app.config, "OAUTH_OIDC_URL", "")
        assert "Continue with OpenID Connect" not in client.get("/login").get_data(as_text=True)

    def test_disabled_provider_cannot_be_started(self, client):
        assert client.get("/login/social/google").status_code == 404
        assert client.get("/login/social/myspace").status_code == 404

    def test_mastodon_asks_for_the_server(self, client):
        page = client.get("/login/social/mastodon").get_data(as_text=True)
        assert "Your Mastodon server" in page
        response = client.post("/login/social/mastodon", data={"instance": "not a server"})
        assert response.status_code == 400


class TestFirstSignIn:
    def test_uses_state_pkce_and_nonce(self, client, oidc):
        callback = go_to_provider(client)
        grant_request = oidc.calls("GET", "/authorize")[0].query
        assert grant_request["state"] and grant_request["nonce"]
        assert grant_request["code_challenge_method"] == "S256"
        assert dict(parse_qsl(urlsplit(callback).query))["state"] == grant_request["state"]

    def test_picks_a_prefilled_username_then_the_account_exists(self, client, db, oidc):
        response = sign_in(client)
        assert response.headers["Location"] == "/login/social/finish"
        page = client.get("/login/social/finish").get_data(as_text=True)
        assert 'value="newcomer"' in page
        assert not logged_in(client)

        response = finish(client, username="New_Comer")
        assert response.status_code == 302
        user = db.session.scalar(select(User).where(User.username == "New_Comer"))
        assert user.password_hash is None
        assert user.email == "newcomer@example.org"
        assert user.email_confirmed_at is not None  # the provider says it is verified
        [identity] = identities(db, user)
        assert (identity.provider, identity.subject) == ("oidc", "oidc-user-1")
        assert logged_in(client)

    def test_refuses_without_accepting_the_terms(self, client, db, oidc):
        sign_in(client)
        response = finish(client, accept=False)
        assert response.status_code == 400
        assert "accept the community terms" in response.get_data(as_text=True)
        assert db.session.scalar(select(func.count(User.id))) == 0

    def test_username_follows_the_rules(self, client, db, oidc):
        make_user("newcomer")
        sign_in(client)
        assert "3 to 30 characters" in finish(client, username="a b").get_data(as_text=True)
        assert "This username is taken." in finish(client).get_data(as_text=True)
        assert identities(db) == []

    def test_second_sign_in_logs_in(self, app, db, oidc):
        first = app.test_client()
        sign_in(first)
        finish(first)
        second = app.test_client()
        response = sign_in(second)
        assert response.status_code == 302
        assert response.headers["Location"] == "/"
        assert logged_in(second)
        assert db.session.scalar(select(func.count(User.id))) == 1

    def test_unverified_email_is_not_confirmed(self, client, db, oidc):
        oidc.person["email_verified"] = False
        sign_in(client)
        assert finish(client, email="newcomer@example.org").status_code == 302
        user = db.session.scalar(select(User))
        assert user.email_confirmed_at is None
        job = db.session.scalar(select(Job).where(Job.kind == "mail"))
        assert job.payload["to"] == "newcomer@example.org" and "/confirm/" in job.payload["body"]

    def test_page_left_too_long_or_never_started(self, client):
        response = client.get("/login/social/finish")
        assert response.headers["Location"] == "/login"


class TestTakeover:
    def test_unverified_email_of_a_member_is_never_linked(self, client, db, oidc):
        anna = make_user("anna")
        oidc.person.update(email="anna@example.com", email_verified=False)
        response = sign_in(client)
        assert response.headers["Location"] == "/login/social/finish"  # not logged in as anna
        assert not logged_in(client)
        response = finish(client, username="not_anna", email="anna@example.com")
        assert response.status_code == 400
        assert "Log in to it and link" in response.get_data(as_text=True)
        assert identities(db) == []
        assert not logged_in(client)
        assert reload(anna).email == "anna@example.com"

    def test_the_form_cannot_claim_a_verified_address(self, client, db, oidc):
        """With an unverified address, typing another one does not make it confirmed."""
        oidc.person.update(email="someone@example.org", email_verified=False)
        sign_in(client)
        finish(client, email="other@example.org")
        user = db.session.scalar(select(User))
        assert user.email == "other@example.org" and user.email_confirmed_at is None

    def test_verified_email_of_a_member_asks_to_log_in_first(self, client, db, oidc):
        make_user("anna")
        oidc.person.update(email="ANNA@example.com", email_verified=True)
        response = sign_in(client)
        assert response.headers["Location"] == "/login"
        page = client.get("/login").get_data(as_text=True)
        assert "Log in to it, then link" in page
        assert identities(db) == []
        assert db.session.scalar(select(func.count(User.id))) == 1
        assert not logged_in(client)


class TestState:
    def test_forged_state_is_refused(self, client, db, oidc):
        callback = go_to_provider(client)
        parts = urlsplit(callback)
        query = dict(parse_qsl(parts.query), state="forged")
        response = client.get(f"{parts.path}?{urlencode(query)}")
        assert response.headers["Location"] == "/login"
        assert "did not work" in client.get("/login").get_data(as_text=True)
        assert not logged_in(client)
        assert oidc.calls("POST", "/token") == []  # the code was never even exchanged

    def test_callback_from_another_browser_is_refused(self, app, oidc):
        victim, attacker = app.test_client(), app.test_client()
        callback = go_to_provider(attacker)
        response = victim.get(callback)
        assert response.headers["Location"] == "/login"
        assert not logged_in(victim)

    def test_id_token_with_another_nonce_is_refused(self, client, db, oidc):
        oidc.mismatch_nonce = True
        response = sign_in(client)
        assert response.headers["Location"] == "/login"
        assert not logged_in(client)


class TestLinking:
    def test_link_from_settings_then_log_in_with_it(self, app, client, db, login, oidc):
        anna = login(make_user("anna"))
        page = client.get("/settings").get_data(as_text=True)
        assert "Linked accounts" in page and "Link OpenID Connect" in page
        response = sign_in(client, "/settings/social/oidc/link", method="post")
        assert response.headers["Location"] == "/settings"
        [identity] = identities(db, anna)
        assert identity.provider == "oidc"

        other = app.test_client()
        sign_in(other)
        assert logged_in(other)
        assert "anna" in other.get("/settings").get_data(as_text=True)

    def test_cannot_link_an_identity_of_someone_else(self, app, client, db, login, oidc):
        first = app.test_client()
        sign_in(first)
        finish(first)
        anna = login(make_user("anna"))
        sign_in(client, "/settings/social/oidc/link", method="post")
        assert "linked to another member" in client.get("/settings").get_data(as_text=True)
        assert identities(db, anna) == []

    def test_unlink_when_a_password_remains(self, client, db, login, oidc):
        anna = login(make_user("anna"))
        sign_in(client, "/settings/social/oidc/link", method="post")
        [identity] = identities(db, anna)
        response = client.post(f"/settings/social/{identity.id}/unlink")
        assert response.headers["Location"] == "/settings"
        assert identities(db, anna) == []

    def test_refuses_to_unlink_the_last_way_to_log_in(self, client, db, oidc):
        sign_in(client)
        finish(client)
        [identity] = identities(db)
        client.post(f"/settings/social/{identity.id}/unlink")
        assert "only way to log in" in client.get("/settings").get_data(as_text=True)
        assert len(identities(db)) == 1

    def test_cannot_unlink_someone_elses_identity(self, app, client, db, login, oidc):
        first = app.test_client()
        sign_in(first)
        finish(first)
        [identity] = identities(db)
        login(make_user("anna"))
        client.post(f"/settings/social/{identity.id}/unlink")
        assert len(identities(db)) == 1


@pytest.fixture
def mastodon(app, monkeypatch):
    # Real instances are https host names; the fake is plain http on 127.0.0.1:<port>.
    monkeypatch.setitem(app.config, "OAUTH_MASTODON_INSECURE", True)
    with FakeMastodonSignIn() as fake:
        yield fake


def mastodon_sign_in(client, fake, link=False):
    start = client.post(
        "/login/social/mastodon" + ("?link=1" if link else ""), data={"instance": fake.instance}
    )
    at_provider = requests.get(provider_url(start), allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302, at_provider.text
    return client.get(at_provider.headers["Location"])


class TestMastodon:
    def test_any_instance_registers_once_then_signs_in(self, app, db, mastodon):
        client = app.test_client()
        assert mastodon_sign_in(client, mastodon).headers["Location"] == "/login/social/finish"
        assert 'value="toot_fan"' in client.get("/login/social/finish").get_data(as_text=True)
        assert finish(client, email="toots@example.org").status_code == 302
        user = db.session.scalar(select(User))
        assert user.email_confirmed_at is None  # Mastodon shares no address
        [identity] = identities(db, user)
        assert identity.subject == f"1090@{mastodon.instance}"

        again = app.test_client()
        assert mastodon_sign_in(again, mastodon).headers["Location"] == "/"
        assert logged_in(again)
        assert len(mastodon.apps) == 1  # the app was registered once, then reused
        assert db.session.scalar(select(func.count(MastodonApp.id))) == 1

    def test_link_from_settings(self, client, db, login, mastodon):
        anna = login(make_user("anna"))
        assert mastodon_sign_in(client, mastodon, link=True).headers["Location"] == "/settings"
        assert [i.provider for i in identities(db, anna)] == ["mastodon"]

    def test_unreachable_server_is_explained(self, client, app, monkeypatch):
        monkeypatch.setitem(app.config, "OAUTH_MASTODON_INSECURE", True)
        from tests.fakes.server import closed_port_url

        instance = closed_port_url().removeprefix("http://")
        response = client.post("/login/social/mastodon", data={"instance": instance})
        assert response.status_code == 400
        assert "could not reach" in response.get_data(as_text=True)


@pytest.fixture
def fixed_providers(app, monkeypatch):
    """Google, Facebook and X turned on, all played by the fake OIDC provider."""
    with FakeOIDC() as fake:
        monkeypatch.setitem(app.config, "OAUTH_ENDPOINTS", fake.endpoints())
        for name in ("GOOGLE", "FACEBOOK", "X"):
            monkeypatch.setitem(app.config, f"OAUTH_{name}_ID", fake.client_id)
            monkeypatch.setitem(app.config, f"OAUTH_{name}_SECRET", fake.client_secret)
        yield fake


class TestFixedProviders:
    def test_google_confirms_a_verified_address(self, client, db, fixed_providers):
        page = client.get("/login").get_data(as_text=True)
        assert all(f"Continue with {n}" in page for n in ("Google", "Facebook", "X"))
        assert sign_in(client, "/login/social/google").headers["Location"] == (
            "/login/social/finish"
        )
        assert fixed_providers.calls("GET", "/authorize")[0].query["nonce"]
        finish(client)
        user = db.session.scalar(select(User))
        assert user.email_confirmed_at is not None
        assert [(i.provider, i.subject) for i in identities(db)] == [("google", "oidc-user-1")]

    def test_facebook_address_counts_as_unverified(self, client, db, fixed_providers):
        sign_in(client, "/login/social/facebook")
        page = client.get("/login/social/finish").get_data(as_text=True)
        assert 'value="New_Comer"' in page  # from the name: Facebook has no usernames
        finish(client, email="newcomer@example.org")
        assert db.session.scalar(select(User)).email_confirmed_at is None
        assert [i.provider for i in identities(db)] == ["facebook"]

    def test_x_uses_pkce_and_brings_the_handle(self, client, db, fixed_providers):
        sign_in(client, "/login/social/x")
        assert fixed_providers.calls("GET", "/authorize")[0].query["code_challenge"]
        assert 'value="newcomer"' in client.get("/login/social/finish").get_data(as_text=True)
        finish(client, email="x-person@example.org")
        assert [i.provider for i in identities(db)] == ["x"]

    def test_the_same_subject_at_two_providers_is_two_identities(self, app, db, fixed_providers):
        google = app.test_client()
        sign_in(google, "/login/social/google")
        finish(google)
        x = app.test_client()
        assert sign_in(x, "/login/social/x").headers["Location"] == "/login/social/finish"
        assert not logged_in(x)


@pytest.mark.posting_limits
def test_registrations_per_address_apply_to_social_sign_up(app, db, oidc):
    """Three accounts a day from one address, whichever way they sign up."""
    from hub.moderation import guard

    for _ in range(3):
        guard.check_registration("127.0.0.1")  # the test client's address
    db.session.commit()
    client = app.test_client()
    sign_in(client)
    response = finish(client)
    assert response.status_code == 400
    assert "Too many accounts" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(User.id))) == 0
    assert identities(db) == []
