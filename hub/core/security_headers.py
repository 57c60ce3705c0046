"""Security headers on every response, with a fresh CSP nonce per request."""

import secrets

from flask import Flask, g, request


def new_nonce() -> str:
    """A fresh CSP nonce; always 24 characters, so a cached page can swap one for another."""
    return secrets.token_urlsafe(18)


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = new_nonce()
    return g.csp_nonce


def _content_security_policy() -> str:
    nonce = csp_nonce()
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'nonce-{nonce}' 'strict-dynamic'",
            f"style-src 'self' 'nonce-{nonce}'",
            "img-src 'self' data:",
            "connect-src 'self' ws: wss:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


def _add_headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if response.mimetype == "text/html":
        response.headers["Content-Security-Policy"] = _content_security_policy()
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def init_app(app: Flask) -> None:
    app.after_request(_add_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
