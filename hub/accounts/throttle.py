"""Login throttling, shared by the login form and `POST /api/v1/tokens`: a tight limit per
account (`LOGIN_LIMITS`) against guessing one password from many addresses, and a looser one
per address (`LOGIN_IP_LIMITS`), since during an outage many customers log in from one
carrier-grade NAT address. Both doors count in the same buckets."""

from flask import current_app, request
from flask_babel import gettext as _

from hub.core.extensions import limiter


def account_limits() -> str:
    return current_app.config["LOGIN_LIMITS"]


def ip_limits() -> str:
    return current_app.config["LOGIN_IP_LIMITS"]


def tried_name() -> str:
    """The name tried (form `login`, or the token request's `username`), as the key: an unknown
    name is counted like a known one, so a refusal tells nothing about who exists."""
    if request.form:
        name = request.form.get("login")
    else:  # the API reads any body as JSON (hub.api.schema), so this does too
        body = request.get_json(silent=True, force=True)
        name = body.get("username") if isinstance(body, dict) else ""
    return "login-account:" + (name if isinstance(name, str) else "").strip().lower()


def refusal() -> str:
    """One message for both limits: it says neither which one nor whether the account exists."""
    return _("Too many attempts to log in. Wait a few minutes, then try again.")


def throttle_login(view):
    """Both limits on a login view (its POSTs only)."""
    per_ip = limiter.shared_limit(ip_limits, "login-ip", methods=["POST"], error_message=refusal)
    per_account = limiter.shared_limit(
        account_limits,
        "login-account",
        key_func=tried_name,
        methods=["POST"],
        error_message=refusal,
    )
    return per_ip(per_account(view))
