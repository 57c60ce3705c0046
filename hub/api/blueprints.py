"""How a feature makes its /api/v1 blueprint, so every one of them works the same way.

Each feature's `api.py` calls `api_blueprint(...)` for a blueprint of its own, and `create_app`
registers them all. What makes an API blueprint is set here once: its routes live under
`/api/v1`, a bearer token is read before each request (`hub.api.auth`), and CSRF is not
checked (the API never reads the session cookie). Errors become JSON for every path under
`/api/` in `hub.core.error_pages`, so they need nothing per blueprint.
"""

from flask import Blueprint

from hub.api import auth
from hub.core.extensions import csrf

API_PREFIX = "/api/v1"


def api_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint under /api/v1 with token auth and without CSRF; `name` is its endpoint
    prefix (`forums_api` -> `url_for("forums_api.list_topics")`)."""
    bp = Blueprint(name, import_name, url_prefix=API_PREFIX)
    bp.before_request(auth.load_api_user)
    csrf.exempt(bp)  # bearer tokens only, never cookies: a cross-site form cannot send one
    return bp
