"""Connecting a Mastodon account on any instance with OAuth: the Mastodon part of
connect_flow.py.

The hub registers itself as an application on the instance (POST /api/v1/apps), sends the admin
to the instance's consent page and exchanges the code it sends back for the account's token.
"""

from flask import current_app
from flask_babel import gettext as _

from hub.core.errors import Invalid
from hub.crosspost import service as crosspost
from hub.crosspost import tokens
from hub.crosspost.connect_flow import Network
from hub.crosspost.forms import ConnectMastodonForm
from spokes import mastodon
from spokes.base import SpokeError


def begin(form, state: str, redirect_uri: str) -> tuple[dict, str]:
    name, instance_url = form.name.data.strip(), form.instance_url.data.strip().rstrip("/")
    if not name or len(name) > 120:
        raise Invalid(_("Give the account a name of at most 120 characters."), {"name": name})
    if not instance_url.startswith(("https://", "http://")):
        raise Invalid(_("The instance address, such as https://mastodon.social."), {})
    config = current_app.config
    try:
        client_id, secret = mastodon.register_app(
            instance_url,
            client_name=config["SITE_NAME"],
            redirect_uri=redirect_uri,
            website=config["BASE_URL"],
        )
        sealed_secret = tokens.seal(secret)
    except (SpokeError, tokens.TokenKeyError) as error:
        raise Invalid(_("The instance could not be reached: %(error)s", error=error), {}) from None
    url = mastodon.authorization_url(
        instance_url, client_id=client_id, redirect_uri=redirect_uri, state=state
    )
    flow = {
        "name": name,
        "instance_url": instance_url,
        "client_id": client_id,
        "client_secret": sealed_secret,
    }
    return flow, url


def exchange(flow: dict, code: str, redirect_uri: str) -> str:
    return mastodon.exchange_code(
        flow["instance_url"],
        code=code,
        client_id=flow["client_id"],
        client_secret=tokens.unseal(flow["client_secret"]),
        redirect_uri=redirect_uri,
    )


def connect(actor, flow: dict, token: str) -> list:
    account = crosspost.connect_account(
        actor, "mastodon", flow["name"], token, instance_url=flow["instance_url"]
    )
    return [account]


MASTODON = Network(
    name="mastodon",
    form=ConnectMastodonForm,
    error_field="instance_url",
    begin=begin,
    exchange=exchange,
    connect=connect,
    expired=lambda: _("This sign-in with Mastodon has expired; start again."),
    refused=lambda error: _("Mastodon did not allow posting: %(error)s", error=error),
)
