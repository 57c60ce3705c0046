"""Opaque random tokens stored only as hashes, and signed, expiring links for e-mail."""

import hashlib
import hmac
import secrets

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

RESET_MAX_AGE = 2 * 60 * 60  # a reset link works for two hours
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60  # a confirmation link for a week


def new_token() -> tuple[str, str]:
    """A fresh random token and the hash we store for it."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"hub.{purpose}")


def fingerprint(value: str | None) -> str:
    """A short digest that changes when `value` changes, so a link is good for one use."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, (value or "").encode(), hashlib.sha256).hexdigest()[:16]


def sign(purpose: str, data: dict) -> str:
    return _serializer(purpose).dumps(data)


def unsign(purpose: str, token: str, max_age: int) -> dict | None:
    """The signed data, or None when the link is forged, altered or expired."""
    try:
        return _serializer(purpose).loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        return None
