"""Connecting an X account with OAuth 2.0 (authorization code with PKCE): the X part of
connect_flow.py.

The admin names the account and gives the X app's client id (and secret, for a confidential
client); X asks them to allow posting and sends a code back, which the hub exchanges for the
account's tokens.
"""

from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from flask import current_app
from flask_babel import gettext as _

from hub.core.errors import Invalid
from hub.core.extensions import db
from hub.crosspost import service as crosspost
from hub.crosspost import tokens
from hub.crosspost.connect_flow import Network
from hub.crosspost.forms import ConnectXForm
from spokes import twitter


def begin(form, state: str, redirect_uri: str) -> tuple[dict, str]:
    name, client_id = form.name.data.strip(), form.client_id.data.strip()
    if not name or len(name) > 120 or not client_id:
        raise Invalid(_("Give the account a name and the X app's client id."), {"name": name})
    verifier = generate_token(64)
    try:
        sealed_secret = tokens.seal((form.client_secret.data or "").strip())
    except tokens.TokenKeyError as error:
        raise Invalid(str(error), {"token_key": "invalid"}) from None
    url = twitter.authorization_url(
        client_id=client_id,
        redirect_uri=redirect_uri,
        state=state,
        code_challenge=create_s256_code_challenge(verifier),
        base=current_app.config["SPOKE_X_AUTHORIZE_URL"],
    )
    flow = {
        "verifier": verifier,
        "name": name,
        "client_id": client_id,
        "client_secret": sealed_secret,
    }
    return flow, url


def exchange(flow: dict, code: str, redirect_uri: str) -> tuple:
    """(access token, refresh token, when the access token expires)."""
    return twitter.exchange_code(
        code=code,
        code_verifier=flow["verifier"],
        redirect_uri=redirect_uri,
        client_id=flow["client_id"],
        client_secret=tokens.unseal(flow["client_secret"]) or None,
        api_url=current_app.config["SPOKE_X_API"],
    )


def connect(actor, flow: dict, answer: tuple) -> list:
    access, refresh, expires_at = answer
    account = crosspost.connect_account(
        actor,
        "x",
        flow["name"],
        access,
        client_id=flow["client_id"],
        client_secret=tokens.unseal(flow["client_secret"]),
        refresh_token=refresh,
    )
    account.token_expires_at = expires_at
    db.session.commit()
    return [account]


X = Network(
    name="x",
    form=ConnectXForm,
    error_field="name",
    begin=begin,
    exchange=exchange,
    connect=connect,
    expired=lambda: _("This sign-in with X has expired; start again."),
    refused=lambda error: _("X did not allow posting: %(error)s", error=error),
    no_code="no code",
    expired_errors={"state": "mismatch"},
)
