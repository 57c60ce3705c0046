"""Behind nginx every request comes from the proxy's address: with HUB_PROXIES the limits per
address count each customer's own, and without it a forged X-Forwarded-For changes nothing."""

import pytest

from hub import create_app
from tests.conftest import FreshContextClient, app_config

PROXY = {"REMOTE_ADDR": "127.0.0.1"}


def attempt(client, customer: str):
    return client.post(
        "/login",
        data={"login": "nobody", "password": "x" * 10},
        headers={"X-Forwarded-For": customer},
        environ_base=PROXY,
    )


@pytest.fixture
def behind_nginx(app, database_url, tmp_path):
    proxied = create_app(
        app_config(
            tmp_path,
            SQLALCHEMY_DATABASE_URI=database_url,
            PROXIES=1,
            LOGIN_IP_LIMITS="2 per minute",
        )
    )
    proxied.test_client_class = FreshContextClient
    return proxied.test_client()


def test_each_customer_behind_the_proxy_has_their_own_address_limit(behind_nginx):
    codes = [attempt(behind_nginx, "203.0.113.7").status_code for _ in range(3)]
    assert codes == [400, 400, 429]
    assert attempt(behind_nginx, "198.51.100.9").status_code == 400


def test_without_a_trusted_proxy_a_forged_header_does_not_dodge_the_limit(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_IP_LIMITS", "2 per minute")
    codes = [attempt(client, f"203.0.113.{n}").status_code for n in range(3)]
    assert codes == [400, 400, 429]
