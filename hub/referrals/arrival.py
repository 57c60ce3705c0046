"""The `/go/` link a visitor arrived through, remembered in cookies of its own (not the session),
so their pages stay the same for every visitor from that link and can come from the page cache.

Both cookies live as long as the browser session: a sign-up in it is attributed to the spoke.
"""

import re
from collections.abc import Mapping

from flask import current_app

ARRIVAL_COOKIE = "nabe_arrival"  # the code of the `/go/` link
CLOSED_COOKIE = "nabe_arrival_closed"  # the code whose welcome banner the visitor closed
_CODE = re.compile(r"[A-Za-z0-9_-]{1,32}")  # what `/go/` codes look like (token_urlsafe)


def code_of(cookies: Mapping[str, str]) -> str | None:
    """The code of the link this browser arrived through, if any."""
    code = cookies.get(ARRIVAL_COOKIE)
    return code if code and _CODE.fullmatch(code) else None


def banner_code(cookies: Mapping[str, str]) -> str | None:
    """The arrival whose welcome banner is still shown; None once closed (or no arrival)."""
    code = code_of(cookies)
    return code if code and cookies.get(CLOSED_COOKIE) != code else None


def remember(response, code: str):
    return _set(response, ARRIVAL_COOKIE, code)


def close(response, code: str):
    return _set(response, CLOSED_COOKIE, code)


def _set(response, name: str, code: str):
    secure = current_app.config["SESSION_COOKIE_SECURE"]
    response.set_cookie(name, code, httponly=True, samesite="Lax", secure=secure)
    return response


def forget(response):
    """After a sign-up: one registration per arrival."""
    response.delete_cookie(ARRIVAL_COOKIE)
    response.delete_cookie(CLOSED_COOKIE)
    return response
