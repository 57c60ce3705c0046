"""Answers that feed readers and crawlers fetch again and again: with an ETag and a
Last-Modified date, so an unchanged document costs them a 304 without a body."""

import hashlib
from datetime import datetime

from flask import Response, request

MAX_AGE = 300  # seconds a reader or proxy may keep a copy before asking again


def respond(body: bytes, mimetype: str, last_modified: datetime | None = None) -> Response:
    """`body` as a public response, or 304 when the client's copy (If-None-Match, else
    If-Modified-Since) is still this one."""
    response = Response(body, mimetype=mimetype)
    response.set_etag(hashlib.sha256(body).hexdigest()[:32])
    if last_modified is not None:
        response.last_modified = last_modified.replace(microsecond=0)
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    # Titles and dates are written in the visitor's language.
    response.vary.add("Accept-Language")
    return response.make_conditional(request)
