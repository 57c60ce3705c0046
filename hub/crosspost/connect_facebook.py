"""Connecting Facebook Pages with Facebook Login, from /admin/spokes.

The admin gives the Facebook app's id and secret; Facebook's dialog lets them pick the Pages
the hub may post to; the code it sends back becomes a long-lived user token, which lists
never-expiring Page tokens. Every Page granted is connected (or reconnected) as an account.
The app secret waits in the session encrypted (tokens.py), as the session is signed only.
"""

from authlib.common.security import generate_token
from flask import current_app, session
from flask_babel import gettext as _

from hub import permissions
from hub.core.errors import Invalid
from hub.crosspost import service as crosspost
from hub.crosspost import tokens
from hub.crosspost.models import SpokeAccount
from spokes import facebook
from spokes.base import SpokeError

SESSION_KEY = "spoke_connect_facebook"
CALLBACK_PATH = "/admin/spokes/oauth/facebook/callback"


def redirect_uri() -> str:
    return current_app.config["BASE_URL"].rstrip("/") + CALLBACK_PATH


def start(actor, app_id: str, app_secret: str) -> str:
    """The Login dialog's URL to send the admin to. Raises: Forbidden, Invalid."""
    permissions.require(permissions.can_manage_spokes(actor))
    app_id, app_secret = app_id.strip(), app_secret.strip()
    if not app_id or not app_secret:
        raise Invalid(_("Give the Facebook app's id and secret."), {"app_id": app_id})
    try:
        sealed_secret = tokens.seal(app_secret)
    except tokens.TokenKeyError as error:
        raise Invalid(str(error), {"token_key": "invalid"}) from None
    state = generate_token(32)
    session[SESSION_KEY] = {"state": state, "app_id": app_id, "app_secret": sealed_secret}
    return facebook.authorization_url(
        app_id=app_id,
        redirect_uri=redirect_uri(),
        state=state,
        base=current_app.config["SPOKE_FACEBOOK_AUTHORIZE_URL"],
    )


def finish(actor, *, state: str, code: str, error: str = "") -> list[SpokeAccount]:
    """Connect every Page granted. Raises: Forbidden, Invalid (no flow under way, a state that
    does not match, a refusal, no Page granted)."""
    permissions.require(permissions.can_manage_spokes(actor))
    flow = session.pop(SESSION_KEY, None)
    if not flow or not state or state != flow["state"]:
        raise Invalid(_("This sign-in with Facebook has expired; start again."), {})
    if error or not code:
        raise Invalid(_("Facebook did not allow posting: %(error)s", error=error or "-"), {})
    try:
        pages = facebook.pages_for_code(
            code=code,
            redirect_uri=redirect_uri(),
            app_id=flow["app_id"],
            app_secret=tokens.unseal(flow["app_secret"]),
            api_url=current_app.config["SPOKE_FACEBOOK_API"],
        )
    except SpokeError as failure:
        raise Invalid(_("Facebook did not allow posting: %(error)s", error=failure), {}) from None
    if not pages:
        raise Invalid(_("No Facebook page was chosen."), {})
    return [
        crosspost.connect_account(
            actor, "facebook", page.name[:120], page.access_token, page_id=page.page_id
        )
        for page in pages
    ]
