"""A write sent again is stored once.

When the answer to a write does not arrive (the network dropped it, the database ended the
connection just after the commit, the person pressed the button twice), the browser or the
client sends the same write again. Every form that creates a post carries a `write_key`, made
when the form is shown and sent back with it; API clients send an `Idempotency-Key` header.
A service stores the post under a digest of the key, where the post goes and what it says, and
a write that arrives again with the same digest is answered with the post stored the first
time (see `transactions.commit`, which lets a request run again after such a commit).

The text is part of the digest: someone who goes back to an old form and writes something else
in it sends a new post, not the old one again.
"""

import hashlib
import re
import secrets

from flask import has_request_context, request

from hub.core.errors import Invalid

HEADER = "Idempotency-Key"
FIELD = "write_key"
DIGEST_CHARS = 64
_KEY = re.compile(r"[\x21-\x7e]{1,255}")  # printable ASCII without spaces, as clients send


def new() -> str:
    """A fresh key for a form being shown."""
    return secrets.token_urlsafe(16)


def from_request() -> str | None:
    """The key the current request carries, in its header or its form; None without one.
    Raises: Invalid (a key that is not 1 to 255 printable characters)."""
    if not has_request_context():
        return None
    key = request.headers.get(HEADER) or request.form.get(FIELD) or ""
    if not key:
        return None
    if not _KEY.fullmatch(key):
        message = "1 to 255 printable ASCII characters, no spaces."
        raise Invalid("The write key is not valid.", {HEADER: message})
    return key


def digest(key: str | None, *parts) -> str | None:
    """What a write is stored under: its key with where it goes and what it says."""
    if key is None:
        return None
    hashed = hashlib.sha256()
    for part in (key, *parts):
        hashed.update(str(part).encode())
        hashed.update(b"\0")
    return hashed.hexdigest()[:DIGEST_CHARS]
