"""Spoke account secrets (access and refresh tokens, client secrets) encrypted at rest.

Fernet (AES-128-CBC with HMAC-SHA256) from `cryptography`. The keys come from
HUB_SPOKE_TOKEN_KEY: one or more comma-separated Fernet keys; the first encrypts, every one
decrypts, so a key is rotated by putting the new one first and running
`flask --app wsgi spokes reseal-tokens`. Unset, a key is derived from HUB_SECRET_KEY (HKDF):
changing the secret key then makes stored tokens unreadable until the accounts reconnect.
"""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

DERIVATION_INFO = b"nabe spoke tokens v1"  # a key of its own, never the session signing key


class TokenKeyError(RuntimeError):
    """The configured keys cannot read a stored token (or are not Fernet keys)."""


def derived_key(secret_key: str) -> bytes:
    """A Fernet key from the hub's secret key, for installations that set no token key."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=DERIVATION_INFO)
    return base64.urlsafe_b64encode(hkdf.derive(secret_key.encode()))


@lru_cache(maxsize=8)
def _fernet_for(configured: str, secret_key: str) -> MultiFernet:
    keys = [key.strip() for key in configured.split(",") if key.strip()]
    try:
        fernets = [Fernet(key) for key in keys] or [Fernet(derived_key(secret_key))]
    except ValueError:
        raise TokenKeyError(
            "HUB_SPOKE_TOKEN_KEY must list Fernet keys (32 url-safe base64-encoded bytes)"
        ) from None
    return MultiFernet(fernets)


def fernet() -> MultiFernet:
    """Raises: TokenKeyError (a configured key is not a Fernet key)."""
    config = current_app.config
    return _fernet_for(config.get("SPOKE_TOKEN_KEY") or "", str(config["SECRET_KEY"]))


def seal(value: str) -> str:
    """The stored form of a secret; empty stays empty (nothing to hide, nothing to decrypt)."""
    return fernet().encrypt(value.encode()).decode() if value else ""


def unseal(stored: str) -> str:
    """Raises: TokenKeyError when no configured key can read it."""
    if not stored:
        return ""
    try:
        return fernet().decrypt(stored.encode()).decode()
    except InvalidToken:
        raise TokenKeyError(
            "the stored spoke tokens cannot be decrypted with HUB_SPOKE_TOKEN_KEY "
            "(or, when unset, HUB_SECRET_KEY)"
        ) from None


def reseal(stored: str) -> str:
    """Re-encrypt with the first key (rotation). Raises: TokenKeyError."""
    if not stored:
        return ""
    try:
        return fernet().rotate(stored.encode()).decode()
    except InvalidToken:
        raise TokenKeyError("a stored spoke token cannot be decrypted for rotation") from None
