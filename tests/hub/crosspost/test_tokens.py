"""Spoke tokens are encrypted at rest: never in the database in clear, keys can be rotated, and a
wrong key is explained on the admin page instead of crashing it."""

import pytest
from click.testing import CliRunner
from cryptography.fernet import Fernet
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text

from hub import create_app
from hub.core.extensions import db
from hub.crosspost import service as crosspost
from hub.crosspost import tokens
from hub.crosspost.models import Delivery, SpokeAccount
from tests.conftest import app_config
from tests.factories import make_topic

OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def raw_secrets(account_id: int) -> tuple[str, str, str]:
    row = db.session.execute(
        text(
            "SELECT access_token, refresh_token, client_secret FROM spoke_accounts WHERE id = :id"
        ),
        {"id": account_id},
    ).one()
    return tuple(row)


def use_key(app, monkeypatch, key: str) -> None:
    monkeypatch.setitem(app.config, "SPOKE_TOKEN_KEY", key)
    db.session.expire_all()  # read the rows again, through the new key


class TestAtRest:
    def test_the_database_never_holds_a_token_in_clear(self, x_account):
        stored = raw_secrets(x_account.id)

        assert not any(secret in value for value in stored for secret in SECRETS)
        assert all(value.startswith("gAAAAA") for value in stored)  # Fernet tokens
        account = db.session.get(SpokeAccount, x_account.id)
        assert (account.access_token, account.refresh_token, account.client_secret) == SECRETS

    def test_refreshed_tokens_are_stored_encrypted(self, new_questions, x_account, worker, fake_x):
        make_topic(space=new_questions)
        fake_x.expire_access_token()

        worker.run()

        stored = raw_secrets(x_account.id)
        assert fake_x.access_token not in stored[0]
        assert db.session.get(SpokeAccount, x_account.id).access_token == fake_x.access_token

    def test_without_a_key_of_its_own_the_key_comes_from_the_secret_key(self, app, x_account):
        assert not app.config["SPOKE_TOKEN_KEY"]
        derived = Fernet(tokens.derived_key(app.config["SECRET_KEY"]))

        assert derived.decrypt(raw_secrets(x_account.id)[0].encode()).decode() == "access-1"


SECRETS = ("access-1", "refresh-1", "client-secret")


class TestRotation:
    def test_a_new_first_key_still_reads_the_old_tokens_and_reseals_them(
        self, app, monkeypatch, admin, fake_x
    ):
        use_key(app, monkeypatch, OLD_KEY)
        account = crosspost.connect_account(
            admin, "x", "@nabe_hub", "access-1", client_id="c", refresh_token="refresh-1"
        )
        sealed_before = raw_secrets(account.id)

        use_key(app, monkeypatch, f"{NEW_KEY},{OLD_KEY}")
        assert db.session.get(SpokeAccount, account.id).access_token == "access-1"
        result = CliRunner().invoke(app.cli, ["spokes", "reseal-tokens"])
        assert result.exit_code == 0, result.output

        use_key(app, monkeypatch, NEW_KEY)  # the old key retired
        account = db.session.get(SpokeAccount, account.id)
        assert raw_secrets(account.id)[0] != sealed_before[0]
        assert (account.access_token, account.refresh_token) == ("access-1", "refresh-1")

    def test_the_old_key_alone_cannot_read_resealed_tokens(self, app, monkeypatch, admin):
        use_key(app, monkeypatch, NEW_KEY)
        account = crosspost.connect_account(
            admin, "mastodon", "Nabe", "tok", instance_url="https://social.example"
        )

        use_key(app, monkeypatch, OLD_KEY)

        account = db.session.get(SpokeAccount, account.id)
        assert not account.tokens_readable
        with pytest.raises(tokens.TokenKeyError, match="HUB_SPOKE_TOKEN_KEY"):
            account.access_token  # noqa: B018


class TestWrongKey:
    def test_the_admin_page_explains_instead_of_crashing(
        self, app, monkeypatch, client, login, admin, mastodon_account
    ):
        use_key(app, monkeypatch, OLD_KEY)
        login(admin)

        response = client.get("/admin/spokes")

        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert 'id="token-key-error"' in page
        assert "Nabe on Mastodon" in page
        assert "tokens unreadable" in page

    def test_a_delivery_waits_with_a_clear_error_until_the_key_is_right(
        self, app, monkeypatch, new_questions, mastodon_account, worker, fake_mastodon
    ):
        make_topic(space=new_questions)
        use_key(app, monkeypatch, OLD_KEY)

        worker.run()

        (delivery,) = db.session.scalars(db.select(Delivery)).all()
        assert delivery.status == "failed"
        assert "HUB_SPOKE_TOKEN_KEY" in delivery.error
        assert fake_mastodon.statuses == {}
        use_key(app, monkeypatch, "")  # the right key back
        worker.later(6 * 60 * 60).run()
        assert db.session.get(Delivery, delivery.id).status == "delivered"

    def test_a_malformed_key_is_a_form_error_when_connecting(
        self, app, monkeypatch, client, login, admin
    ):
        use_key(app, monkeypatch, "not-a-fernet-key")
        login(admin)

        response = client.post(
            "/admin/spokes/accounts",
            data={
                "network": "mastodon",
                "name": "Nabe",
                "instance_url": "https://social.example",
                "access_token": "tok",
            },
        )

        assert response.status_code == 400
        assert "Fernet keys" in response.get_data(as_text=True)
        assert db.session.scalars(db.select(SpokeAccount)).all() == []


def test_migration_0011_encrypts_existing_tokens_and_downgrade_decrypts(tmp_path):
    """On a database of its own: plain tokens written at 0010 are sealed by 0011."""
    url = f"sqlite:///{tmp_path / 'migrate.db'}"
    app = create_app(app_config(tmp_path, SQLALCHEMY_DATABASE_URI=url))
    engine = create_engine(url)
    with app.app_context():
        upgrade(revision="0010")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO spoke_accounts (network, name, instance_url, page_id, client_id,"
                    " client_secret, access_token, refresh_token, state, consecutive_failures,"
                    " last_error, is_demo, created_at) VALUES ('x', 'n', '', '', 'c', 'secret',"
                    " 'plain-access', '', 'ok', 0, '', 0, '2026-01-01 00:00:00')"
                )
            )
        upgrade(revision="0011")
        with engine.connect() as connection:
            access, refresh, secret = connection.execute(
                text("SELECT access_token, refresh_token, client_secret FROM spoke_accounts")
            ).one()
        assert "plain-access" not in access and "secret" not in secret
        assert refresh == ""
        assert tokens.unseal(access) == "plain-access"

        downgrade(revision="0010")
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT access_token, client_secret FROM spoke_accounts")
            ).one()
        assert tuple(row) == ("plain-access", "secret")
    engine.dispose()
