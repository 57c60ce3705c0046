"""One OAuth connect flow for every network, from /admin/spokes.

`start` checks the admin, lets the network check its form and build the consent page's URL,
and keeps what the callback needs in the session under a fresh state; `finish` checks that
state and the network's answer, lets the network exchange the code, and connects (or
reconnects) the accounts granted. What differs per network (its form, URLs, scopes, the code
exchange, its messages) is a `Network`, one per module: connect_facebook.py,
connect_mastodon.py, connect_x.py. Secrets wait in the session only encrypted (tokens.py), as
the session cookie is signed, not secret.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from authlib.common.security import generate_token
from flask import current_app, session

from hub import permissions
from hub.core.errors import Invalid
from hub.crosspost.models import SpokeAccount
from spokes.base import SpokeError


@dataclass(frozen=True)
class Network:
    name: str  # the path segment, the form's prefix and the session key's end: "x"
    form: type  # the admin page's connect form for it
    error_field: str  # the form field a refused start is shown under
    # (form, state, redirect_uri) -> (what the callback needs, the consent page's URL).
    # Raises: Invalid.
    begin: Callable[[Any, str, str], tuple[dict, str]]
    # (flow, code, redirect_uri) -> the network's answer. Raises: SpokeError.
    exchange: Callable[[dict, str, str], Any]
    # (actor, flow, answer) -> the accounts connected. Raises: Invalid.
    connect: Callable[[Any, dict, Any], list[SpokeAccount]]
    expired: Callable[[], str]  # the message for a callback without its flow
    refused: Callable[[object], str]  # the message for a refusal, given the network's error
    no_code: str = "-"  # the error shown when the network sent neither code nor error
    expired_errors: dict = field(default_factory=dict)

    @property
    def session_key(self) -> str:
        return f"spoke_connect_{self.name}"

    @property
    def callback_path(self) -> str:
        return f"/admin/spokes/oauth/{self.name}/callback"

    def redirect_uri(self) -> str:
        return current_app.config["BASE_URL"].rstrip("/") + self.callback_path


def start(actor, network: Network, form) -> str:
    """The network's consent page to send the admin to. Raises: Forbidden, Invalid."""
    permissions.require(permissions.can_manage_spokes(actor))
    state = generate_token(32)
    flow, url = network.begin(form, state, network.redirect_uri())
    session[network.session_key] = {"state": state, **flow}
    return url


def finish(actor, network: Network, *, state: str, code: str, error: str = "") -> list:
    """Exchange the code the network sent back and connect the accounts it granted.

    Raises: Forbidden, Invalid (no flow under way, a state that does not match, a refusal).
    """
    permissions.require(permissions.can_manage_spokes(actor))
    flow = session.pop(network.session_key, None)
    if not flow or not state or state != flow["state"]:
        raise Invalid(network.expired(), dict(network.expired_errors))
    if error or not code:
        raise Invalid(network.refused(error or network.no_code), {})
    try:
        answer = network.exchange(flow, code, network.redirect_uri())
    except SpokeError as failure:
        raise Invalid(network.refused(failure), {}) from None
    return network.connect(actor, flow, answer)
