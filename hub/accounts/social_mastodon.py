"""Mastodon sign-in on any server: the typed address made a server name, the name checked to be
a public server (never one inside our own network), and this hub's app registered there.
"""

import ipaddress
import re
import socket

import requests
from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from hub.accounts.models import MastodonApp
from hub.core.errors import Invalid
from hub.core.extensions import db

TIMEOUT = 10  # seconds for every call to a Mastodon server
_INSTANCE = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def normalise_instance(raw: str) -> str:
    """`@anna@Mastodon.Social`, `https://mastodon.social/` -> `mastodon.social`. Raises: Invalid."""
    text = (raw or "").strip().lower()
    text = re.sub(r"^https?://", "", text).split("/")[0]
    if "@" in text:
        text = text.rsplit("@", 1)[1]
    if not _INSTANCE.fullmatch(text) and not current_app.config.get("OAUTH_MASTODON_INSECURE"):
        raise Invalid(
            _("Enter the address of your Mastodon server, like mastodon.social."),
            {"instance": _("Enter the address of your Mastodon server, like mastodon.social.")},
        )
    return text


def mastodon_base(instance: str) -> str:
    # Tests point at a fake on http://127.0.0.1:port; real instances are always https.
    scheme = "http" if current_app.config.get("OAUTH_MASTODON_INSECURE") else "https"
    return f"{scheme}://{instance}"


def check_public_instance(instance: str) -> None:
    """Refuse a server name that resolves to a private, loopback, link-local or otherwise
    non-public address, so a typed name cannot make the hub call into its own network.
    Loopback is allowed with OAUTH_MASTODON_INSECURE (tests run a fake on 127.0.0.1).
    Raises: Invalid."""
    host, _sep, port = instance.rpartition(":") if instance.count(":") == 1 else (instance, "", "")
    host = host.strip("[]")
    try:
        infos = socket.getaddrinfo(host, int(port) if port.isdigit() else 443, proto=6)
    except (OSError, UnicodeError, ValueError):
        infos = []
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        message = _(
            "We could not reach %(instance)s. Check the address and try again.", instance=instance
        )
        raise Invalid(message, {"instance": _("Not reachable.")})
    allow_loopback = bool(current_app.config.get("OAUTH_MASTODON_INSECURE"))
    if not all(_public(address, allow_loopback) for address in addresses):
        message = _("%(instance)s is not a public Mastodon server.", instance=instance)
        raise Invalid(message, {"instance": message})


def _public(address, allow_loopback: bool) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_loopback:
        return allow_loopback
    return address.is_global and not address.is_multicast


def mastodon_app(instance: str) -> MastodonApp:
    """This hub's app at `instance`, registered there on first use; the name is checked to be a
    public server every time, as its address may have changed. Raises: Invalid."""
    check_public_instance(instance)
    app = db.session.scalar(select(MastodonApp).where(MastodonApp.instance == instance))
    if app is not None:
        return app
    try:
        response = requests.post(
            f"{mastodon_base(instance)}/api/v1/apps",
            data={
                "client_name": current_app.config["SITE_NAME"],
                "redirect_uris": url_for("social.callback", provider="mastodon", _external=True),
                "scopes": "read:accounts",
                "website": current_app.config["BASE_URL"],
            },
            timeout=TIMEOUT,
        )
        response.raise_for_status()
        data = response.json()
        app = MastodonApp(
            instance=instance, client_id=data["client_id"], client_secret=data["client_secret"]
        )
    except (requests.RequestException, ValueError, KeyError) as exc:
        raise Invalid(
            _(
                "We could not reach %(instance)s. Check the address and try again.",
                instance=instance,
            ),
            {"instance": _("Not reachable.")},
        ) from exc
    db.session.add(app)
    db.session.commit()
    return app
