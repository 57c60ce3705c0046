"""Connecting Facebook Pages with Facebook Login: the Facebook part of connect_flow.py.

The admin gives the Facebook app's id and secret; Facebook's dialog lets them pick the Pages
the hub may post to; the code it sends back becomes a long-lived user token, which lists
never-expiring Page tokens. Every Page granted is connected (or reconnected) as an account.
"""

from flask import current_app
from flask_babel import gettext as _

from hub.core.errors import Invalid
from hub.crosspost import service as crosspost
from hub.crosspost import tokens
from hub.crosspost.connect_flow import Network
from hub.crosspost.forms import ConnectFacebookForm
from spokes import facebook


def begin(form, state: str, redirect_uri: str) -> tuple[dict, str]:
    app_id, app_secret = form.app_id.data.strip(), form.app_secret.data.strip()
    if not app_id or not app_secret:
        raise Invalid(_("Give the Facebook app's id and secret."), {"app_id": app_id})
    try:
        sealed_secret = tokens.seal(app_secret)
    except tokens.TokenKeyError as error:
        raise Invalid(str(error), {"token_key": "invalid"}) from None
    url = facebook.authorization_url(
        app_id=app_id,
        redirect_uri=redirect_uri,
        state=state,
        base=current_app.config["SPOKE_FACEBOOK_AUTHORIZE_URL"],
    )
    return {"app_id": app_id, "app_secret": sealed_secret}, url


def exchange(flow: dict, code: str, redirect_uri: str) -> list[facebook.Page]:
    return facebook.pages_for_code(
        code=code,
        redirect_uri=redirect_uri,
        app_id=flow["app_id"],
        app_secret=tokens.unseal(flow["app_secret"]),
        api_url=current_app.config["SPOKE_FACEBOOK_API"],
    )


def connect(actor, flow: dict, pages: list) -> list:
    if not pages:
        raise Invalid(_("No Facebook page was chosen."), {})
    return [
        crosspost.connect_account(
            actor, "facebook", page.name[:120], page.access_token, page_id=page.page_id
        )
        for page in pages
    ]


FACEBOOK = Network(
    name="facebook",
    form=ConnectFacebookForm,
    error_field="app_id",
    begin=begin,
    exchange=exchange,
    connect=connect,
    expired=lambda: _("This sign-in with Facebook has expired; start again."),
    refused=lambda error: _("Facebook did not allow posting: %(error)s", error=error),
)
