"""A CrossPost with sensible defaults, so each test names only what it is about."""

from __future__ import annotations

import itertools
from typing import Any

from spokes.base import CrossPost

HUB_LINK = "https://community.example.com/go/Ab3dE"
_keys = itertools.count(1)


def cross_post(text: str = "How do I reset my router?", **overrides: Any) -> CrossPost:
    fields: dict[str, Any] = {
        "text": text,
        "link": HUB_LINK,
        "image_url": None,
        "language": "en",
        "idempotency_key": f"crosspost:{next(_keys)}",
    }
    return CrossPost(**{**fields, **overrides})
