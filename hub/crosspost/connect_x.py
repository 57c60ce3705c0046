"""Connecting an X account with OAuth 2.0 (authorization code with PKCE), from /admin/spokes.

The admin names the account and gives the X app's client id (and secret, for a confidential
client); X asks them to allow posting and sends a code back, which the hub exchanges for the
account's tokens. What the callback needs is kept in the session; the client secret only
encrypted (tokens.py), as the session cookie is signed, not secret.
"""

from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from flask import current_app, session
from flask_babel import gettext as _

from hub import permissions
from hub.core.errors import Invalid
from hub.core.extensions import db
from hub.crosspost import service as crosspost
from hub.crosspost import tokens
from hub.crosspost.models import SpokeAccount
from spokes import twitter
from spokes.base import SpokeError

SESSION_KEY = "spoke_connect_x"
CALLBACK_PATH = "/admin/spokes/oauth/x/callback"


def redirect_uri() -> str:
    return current_app.config["BASE_URL"].rstrip("/") + CALLBACK_PATH


def start(actor, name: str, client_id: str, client_secret: str = "") -> str:
    """The X authorization URL to send the admin to. Raises: Forbidden, Invalid."""
    permissions.require(permissions.can_manage_spokes(actor))
    name, client_id = name.strip(), client_id.strip()
    if not name or len(name) > 120 or not client_id:
        raise Invalid(_("Give the account a name and the X app's client id."), {"name": name})
    state, verifier = generate_token(32), generate_token(64)
    try:
        sealed_secret = tokens.seal(client_secret.strip())
    except tokens.TokenKeyError as error:
        raise Invalid(str(error), {"token_key": "invalid"}) from None
    session[SESSION_KEY] = {
        "state": state,
        "verifier": verifier,
        "name": name,
        "client_id": client_id,
        "client_secret": sealed_secret,
    }
    return twitter.authorization_url(
        client_id=client_id,
        redirect_uri=redirect_uri(),
        state=state,
        code_challenge=create_s256_code_challenge(verifier),
        base=current_app.config["SPOKE_X_AUTHORIZE_URL"],
    )


def finish(actor, *, state: str, code: str, error: str = "") -> SpokeAccount:
    """Exchange the code X sent back and connect (or reconnect) the account.

    Raises: Forbidden, Invalid (no flow under way, a state that does not match, a refusal).
    """
    permissions.require(permissions.can_manage_spokes(actor))
    flow = session.pop(SESSION_KEY, None)
    if not flow or not state or state != flow["state"]:
        raise Invalid(_("This sign-in with X has expired; start again."), {"state": "mismatch"})
    if error or not code:
        raise Invalid(_("X did not allow posting: %(error)s", error=error or "no code"), {})
    secret = tokens.unseal(flow["client_secret"])
    try:
        access, refresh, expires_at = twitter.exchange_code(
            code=code,
            code_verifier=flow["verifier"],
            redirect_uri=redirect_uri(),
            client_id=flow["client_id"],
            client_secret=secret or None,
            api_url=current_app.config["SPOKE_X_API"],
        )
    except SpokeError as failure:
        raise Invalid(_("X did not allow posting: %(error)s", error=failure), {}) from None
    account = crosspost.connect_account(
        actor,
        "x",
        flow["name"],
        access,
        client_id=flow["client_id"],
        client_secret=secret,
        refresh_token=refresh,
    )
    account.token_expires_at = expires_at
    db.session.commit()
    return account
