"""List cursors of the API: opaque to clients; inside, a base64-encoded page number."""

import base64
import binascii

from flask_babel import gettext as _

from hub.core.errors import Invalid


def encode_cursor(page: int) -> str:
    return base64.urlsafe_b64encode(f"page:{page}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The page a cursor points at; no cursor is the first page. Raises: Invalid."""
    if not cursor:
        return 1
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, _sep, number = text.partition(":")
        page = int(number)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        page = 0
        prefix = ""
    if prefix != "page" or not 1 <= page <= 100_000:
        raise Invalid(_("Please correct the marked fields."), {"cursor": _("Not a valid cursor.")})
    return page
