"""Bearer-token authentication for /api/v1. Cookies are never consulted here."""

from flask import g, request

from hub.accounts import service as accounts
from hub.core.errors import Unauthorized


def load_api_user() -> None:
    """Set `g.api_user` from `Authorization: Bearer <token>`; a wrong token is a 401."""
    g.api_user = None
    header = request.headers.get("Authorization", "")
    if not header:
        return
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("Use 'Authorization: Bearer <token>'.")
    user = accounts.user_for_api_token(token.strip())
    if user is None:
        raise Unauthorized("This token is not valid.")
    g.api_user = user


def api_user():
    """The token's user, or None for an anonymous request."""
    return g.get("api_user")


def require_api_user():
    """Raises: Unauthorized."""
    user = api_user()
    if user is None:
        raise Unauthorized("This needs a token: POST /api/v1/tokens.")
    return user
