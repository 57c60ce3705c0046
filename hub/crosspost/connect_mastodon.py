"""Connecting a Mastodon account on any instance with OAuth, from /admin/spokes.

The hub registers itself as an application on the instance (POST /api/v1/apps), sends the admin
to the instance's consent page and exchanges the code it sends back for the account's token.
The app's secret waits in the session encrypted (tokens.py), as the session is signed only.
"""

from authlib.common.security import generate_token
from flask import current_app, session
from flask_babel import gettext as _

from hub import permissions
from hub.core.errors import Invalid
from hub.crosspost import service as crosspost
from hub.crosspost import tokens
from hub.crosspost.models import SpokeAccount
from spokes import mastodon
from spokes.base import SpokeError

SESSION_KEY = "spoke_connect_mastodon"
CALLBACK_PATH = "/admin/spokes/oauth/mastodon/callback"


def redirect_uri() -> str:
    return current_app.config["BASE_URL"].rstrip("/") + CALLBACK_PATH


def start(actor, name: str, instance_url: str) -> str:
    """The instance's consent page to send the admin to. Raises: Forbidden, Invalid."""
    permissions.require(permissions.can_manage_spokes(actor))
    name, instance_url = name.strip(), instance_url.strip().rstrip("/")
    if not name or len(name) > 120:
        raise Invalid(_("Give the account a name of at most 120 characters."), {"name": name})
    if not instance_url.startswith(("https://", "http://")):
        raise Invalid(_("The instance address, such as https://mastodon.social."), {})
    config = current_app.config
    try:
        client_id, secret = mastodon.register_app(
            instance_url,
            client_name=config["SITE_NAME"],
            redirect_uri=redirect_uri(),
            website=config["BASE_URL"],
        )
        sealed_secret = tokens.seal(secret)
    except (SpokeError, tokens.TokenKeyError) as error:
        raise Invalid(_("The instance could not be reached: %(error)s", error=error), {}) from None
    state = generate_token(32)
    session[SESSION_KEY] = {
        "state": state,
        "name": name,
        "instance_url": instance_url,
        "client_id": client_id,
        "client_secret": sealed_secret,
    }
    return mastodon.authorization_url(
        instance_url, client_id=client_id, redirect_uri=redirect_uri(), state=state
    )


def finish(actor, *, state: str, code: str, error: str = "") -> SpokeAccount:
    """Exchange the code and connect (or reconnect) the account.

    Raises: Forbidden, Invalid (no flow under way, a state that does not match, a refusal).
    """
    permissions.require(permissions.can_manage_spokes(actor))
    flow = session.pop(SESSION_KEY, None)
    if not flow or not state or state != flow["state"]:
        raise Invalid(_("This sign-in with Mastodon has expired; start again."), {})
    if error or not code:
        raise Invalid(_("Mastodon did not allow posting: %(error)s", error=error or "-"), {})
    try:
        token = mastodon.exchange_code(
            flow["instance_url"],
            code=code,
            client_id=flow["client_id"],
            client_secret=tokens.unseal(flow["client_secret"]),
            redirect_uri=redirect_uri(),
        )
    except SpokeError as failure:
        raise Invalid(_("Mastodon did not allow posting: %(error)s", error=failure), {}) from None
    return crosspost.connect_account(
        actor, "mastodon", flow["name"], token, instance_url=flow["instance_url"]
    )
