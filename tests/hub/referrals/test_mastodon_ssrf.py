"""Mastodon sign-in contacts the server a person types: never one inside our own network."""

import pytest
from sqlalchemy import func, select

from hub.accounts import social_mastodon
from hub.accounts.models import MastodonApp
from hub.core.errors import Invalid
from hub.core.extensions import db


@pytest.fixture
def any_name(app, monkeypatch):
    """Names the format check would refuse reach the address check (as in the tests' setup)."""
    monkeypatch.setitem(app.config, "OAUTH_MASTODON_INSECURE", True)


@pytest.mark.parametrize(
    "instance",
    [
        "10.0.0.5",
        "172.16.3.4:8443",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",
        "[fd00::1]",
        "[fe80::1]",
        "224.0.0.1",
    ],
)
def test_private_and_special_addresses_are_refused_with_a_clear_error(client, any_name, instance):
    response = client.post("/login/social/mastodon", data={"instance": instance})

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "is not a public Mastodon server" in page or "could not reach" in page
    assert db.session.scalar(select(func.count(MastodonApp.id))) == 0


def test_loopback_is_refused_unless_the_setting_allows_it(app, monkeypatch):
    monkeypatch.setitem(app.config, "OAUTH_MASTODON_INSECURE", False)
    with app.test_request_context():
        for name in ("localhost", "127.0.0.1", "127.8.9.10:3000", "[::1]"):
            with pytest.raises(Invalid, match="not a public Mastodon server"):
                social_mastodon.check_public_instance(name)
        monkeypatch.setitem(app.config, "OAUTH_MASTODON_INSECURE", True)
        social_mastodon.check_public_instance("127.0.0.1:3000")  # the tests' fake servers


def test_a_public_address_passes_the_check(app):
    with app.test_request_context():
        social_mastodon.check_public_instance("93.184.215.14")
        social_mastodon.check_public_instance("[2606:4700::1111]")


def test_an_ipv4_mapped_private_address_is_refused(app):
    with app.test_request_context(), pytest.raises(Invalid):
        social_mastodon.check_public_instance("[::ffff:10.0.0.1]")
