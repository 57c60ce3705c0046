"""Connecting a Mastodon account through its instance's consent page, against the fake."""

from urllib.parse import parse_qs, urlsplit

import requests
from sqlalchemy import select

from hub.core.extensions import db
from hub.crosspost.models import SpokeAccount
from spokes import mastodon
from tests.factories import make_topic, make_user


def start(client, instance_url, name="Nabe on Mastodon"):
    return client.post(
        "/admin/spokes/oauth/mastodon",
        data={"mastodon-name": name, "mastodon-instance_url": instance_url},
    )


def approve(location: str) -> str:
    """The account's owner allows posting on the instance, which sends the browser back."""
    answer = requests.get(location, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    back = urlsplit(answer.headers["Location"])
    assert back.path == "/admin/spokes/oauth/mastodon/callback"
    return f"{back.path}?{back.query}"


def accounts() -> list[SpokeAccount]:
    db.session.expire_all()
    return list(db.session.scalars(select(SpokeAccount)))


def test_the_hub_registers_and_the_account_is_connected_and_posted_to(
    client, login, admin, fake_mastodon, new_questions, worker
):
    login(admin)

    response = start(client, fake_mastodon.url)
    query = parse_qs(urlsplit(response.location).query)
    callback = client.get(approve(response.location))

    (app,) = fake_mastodon.apps.values()
    assert app["redirect_uris"] == ["http://localhost/admin/spokes/oauth/mastodon/callback"]
    assert query["scope"] == [mastodon.SCOPES]
    assert callback.status_code == 302
    (account,) = accounts()
    assert (account.network, account.instance_url) == ("mastodon", fake_mastodon.url)
    assert account.access_token == fake_mastodon.token
    make_topic(space=new_questions)
    worker.run()
    assert len(fake_mastodon.statuses) == 1


def test_a_forged_state_connects_nothing(client, login, admin, fake_mastodon):
    login(admin)
    path = approve(start(client, fake_mastodon.url).location).replace("state=", "state=forged")

    assert client.get(path).status_code == 303
    assert accounts() == []


def test_a_refusal_connects_nothing(client, login, admin, fake_mastodon):
    login(admin)
    state = parse_qs(urlsplit(start(client, fake_mastodon.url).location).query)["state"][0]

    response = client.get(
        f"/admin/spokes/oauth/mastodon/callback?error=access_denied&state={state}"
    )

    assert response.status_code == 303
    assert accounts() == []
    assert "access_denied" in client.get("/admin/spokes").get_data(as_text=True)


def test_an_unreachable_instance_is_a_form_error(client, login, admin):
    from tests.fakes.server import closed_port_url

    login(admin)

    response = start(client, closed_port_url())

    assert response.status_code == 400
    assert "could not be reached" in response.get_data(as_text=True)
    assert accounts() == []


def test_only_admins_connect(client, login, fake_mastodon):
    login(make_user("erik", role="expert"))

    assert start(client, fake_mastodon.url).status_code == 403
    assert fake_mastodon.apps == {}
