"""Connecting Facebook pages through Facebook Login, against the fake Graph API."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from sqlalchemy import select

from hub.core.extensions import db
from hub.crosspost.models import SpokeAccount
from spokes import facebook
from tests.factories import make_topic, make_user


@pytest.fixture
def login_dialog(app, fake_facebook, monkeypatch):
    dialog = f"{fake_facebook.url}/v25.0/dialog/oauth"
    monkeypatch.setitem(app.config, "SPOKE_FACEBOOK_AUTHORIZE_URL", dialog)
    return fake_facebook


def start(client, app_id="app-id", app_secret="app-secret"):
    return client.post(
        "/admin/spokes/oauth/facebook",
        data={"facebook-app_id": app_id, "facebook-app_secret": app_secret},
    )


def approve(location: str) -> str:
    """The admin picks the page in Facebook's dialog, which sends the browser back."""
    answer = requests.get(location, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    back = urlsplit(answer.headers["Location"])
    assert back.path == "/admin/spokes/oauth/facebook/callback"
    return f"{back.path}?{back.query}"


def accounts() -> list[SpokeAccount]:
    db.session.expire_all()
    return list(db.session.scalars(select(SpokeAccount)))


def test_the_chosen_page_is_connected_and_posted_to(
    client, login, admin, login_dialog, new_questions, worker
):
    login(admin)

    response = start(client)
    query = parse_qs(urlsplit(response.location).query)
    callback = client.get(approve(response.location))

    assert query["scope"] == [facebook.SCOPES]
    assert query["redirect_uri"] == ["http://localhost/admin/spokes/oauth/facebook/callback"]
    assert callback.status_code == 302
    (account,) = accounts()
    assert (account.network, account.name, account.page_id) == ("facebook", "Nabe page", "1001")
    assert account.access_token == login_dialog.page_token
    make_topic(space=new_questions)
    worker.run()
    assert len(login_dialog.posts) == 1


def test_connecting_again_reconnects_the_same_account(client, login, admin, login_dialog):
    login(admin)
    client.get(approve(start(client).location))
    login_dialog.page_token = "page-token-2"

    client.get(approve(start(client).location))

    (account,) = accounts()
    assert account.access_token == "page-token-2"


def test_a_wrong_app_secret_connects_nothing(client, login, admin, login_dialog):
    login(admin)

    response = client.get(approve(start(client, app_secret="wrong").location))

    assert response.status_code == 303
    assert accounts() == []
    assert "did not allow posting" in client.get("/admin/spokes").get_data(as_text=True)


def test_a_forged_state_connects_nothing(client, login, admin, login_dialog):
    login(admin)
    path = approve(start(client).location).replace("state=", "state=forged")

    assert client.get(path).status_code == 303
    assert accounts() == []


def test_only_admins_connect_pages(client, login, login_dialog):
    login(make_user("erik", role="expert"))

    assert start(client).status_code == 403
    assert client.get("/admin/spokes/oauth/facebook/callback?code=c&state=s").status_code == 403


def test_the_form_needs_the_app_secret(client, login, admin, login_dialog):
    login(admin)

    assert start(client, app_secret="").status_code == 400
