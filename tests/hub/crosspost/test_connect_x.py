"""Connecting an X account through X's consent page (OAuth 2.0 with PKCE), against the fake."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from sqlalchemy import select

from hub.core.extensions import db
from hub.crosspost.models import SpokeAccount
from spokes import twitter
from spokes.base import AuthExpired
from tests.factories import make_user


@pytest.fixture
def consent_page(app, fake_x, monkeypatch):
    monkeypatch.setitem(app.config, "SPOKE_X_AUTHORIZE_URL", f"{fake_x.url}/i/oauth2/authorize")
    return fake_x


def start(client, name="@nabe_hub", client_id="client-id", secret="client-secret"):
    return client.post(
        "/admin/spokes/oauth/x",
        data={"x-name": name, "x-client_id": client_id, "x-client_secret": secret},
    )


def approve(location: str) -> str:
    """The admin allows posting on X's page, which sends the browser back to the hub."""
    answer = requests.get(location, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    back = urlsplit(answer.headers["Location"])
    assert back.path == "/admin/spokes/oauth/x/callback"
    return f"{back.path}?{back.query}"


def accounts() -> list[SpokeAccount]:
    db.session.expire_all()
    return list(db.session.scalars(select(SpokeAccount)))


class TestFlow:
    def test_the_admin_allows_posting_and_the_account_is_connected(
        self, client, login, admin, consent_page
    ):
        login(admin)

        response = start(client)
        query = parse_qs(urlsplit(response.location).query)
        callback = client.get(approve(response.location))

        assert response.status_code == 302
        assert query["scope"] == [twitter.SCOPES]
        assert query["redirect_uri"] == ["http://localhost/admin/spokes/oauth/x/callback"]
        assert query["code_challenge_method"] == ["S256"]
        assert callback.status_code == 302
        (account,) = accounts()
        assert (account.network, account.name, account.state) == ("x", "@nabe_hub", "ok")
        assert account.access_token == consent_page.access_token
        assert account.refresh_token == consent_page.refresh_token
        assert account.client_secret == "client-secret"
        assert account.token_expires_at is not None
        page = client.get("/admin/spokes").get_data(as_text=True)
        assert "@nabe_hub is connected." in page

    def test_a_callback_with_another_state_connects_nothing(
        self, client, login, admin, consent_page
    ):
        login(admin)
        path = approve(start(client).location).replace("state=", "state=forged")

        response = client.get(path)

        assert response.status_code == 303
        assert accounts() == []
        assert "has expired" in client.get("/admin/spokes").get_data(as_text=True)

    def test_a_refusal_on_x_connects_nothing(self, client, login, admin, consent_page):
        login(admin)
        state = parse_qs(urlsplit(start(client).location).query)["state"][0]

        response = client.get(f"/admin/spokes/oauth/x/callback?error=access_denied&state={state}")

        assert response.status_code == 303
        assert accounts() == []
        assert "access_denied" in client.get("/admin/spokes").get_data(as_text=True)

    def test_a_code_is_good_once(self, client, login, admin, consent_page):
        login(admin)
        used = approve(start(client).location)
        client.get(used)
        new_state = parse_qs(urlsplit(start(client).location).query)["state"][0]
        code = parse_qs(urlsplit(used).query)["code"][0]

        response = client.get(f"/admin/spokes/oauth/x/callback?code={code}&state={new_state}")

        assert response.status_code == 303
        assert len(accounts()) == 1
        assert "did not allow posting" in client.get("/admin/spokes").get_data(as_text=True)

    def test_the_form_needs_a_name_and_client_id(self, client, login, admin, consent_page):
        login(admin)

        response = start(client, name="", client_id="")

        assert response.status_code == 400
        assert accounts() == []


class TestWhoMay:
    def test_members_and_experts_are_refused(self, client, login, consent_page):
        login(make_user("erik", role="expert"))

        assert start(client).status_code == 403
        assert client.get("/admin/spokes/oauth/x/callback?code=x&state=y").status_code == 403


def test_a_wrong_verifier_is_refused_by_x(fake_x):
    url = twitter.authorization_url(
        client_id="client-id",
        redirect_uri="http://hub.example/cb",
        state="s",
        code_challenge="not-the-challenge-of-the-verifier",
        base=f"{fake_x.url}/i/oauth2/authorize",
    )
    code = parse_qs(urlsplit(approve_anywhere(url)).query)["code"][0]

    with pytest.raises(AuthExpired, match="invalid_grant"):
        twitter.exchange_code(
            code=code,
            code_verifier="v" * 50,
            redirect_uri="http://hub.example/cb",
            client_id="client-id",
            client_secret="client-secret",
            api_url=fake_x.url,
        )


def approve_anywhere(url: str) -> str:
    return requests.get(url, allow_redirects=False, timeout=5).headers["Location"]
