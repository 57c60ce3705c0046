"""What makes a username, an e-mail address and a password acceptable."""

import re
from functools import cache
from importlib import resources

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

USERNAME_RE = re.compile(r"^[A-Za-z0-9_-]{3,30}$")
PASSWORD_MIN = 10
PASSWORD_MAX = 200


@cache
def common_passwords() -> frozenset[str]:
    text = resources.files("hub.accounts").joinpath("common_passwords.txt").read_text()
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def username_problem(username: str) -> str | None:
    if not USERNAME_RE.fullmatch(username or ""):
        return str(_l("3 to 30 characters: letters, digits, _ and -."))
    return None


def email_problem(email: str) -> tuple[str | None, str]:
    """Return (problem, normalised address)."""
    try:
        result = validate_email(email or "", check_deliverability=False)
    except EmailNotValidError:
        return str(_l("Enter a valid e-mail address.")), email
    return None, result.normalized


def password_problem(password: str, *, username: str = "", email: str = "") -> str | None:
    if len(password or "") < PASSWORD_MIN:
        return str(_l("At least %(n)d characters.", n=PASSWORD_MIN))
    if len(password) > PASSWORD_MAX:
        return str(_l("At most %(n)d characters.", n=PASSWORD_MAX))
    lowered = password.lower()
    if lowered in common_passwords():
        return str(_l("This password is one of the most common ones; choose another."))
    personal = {username.lower(), email.lower(), email.lower().split("@")[0]} - {""}
    if lowered in personal:
        return str(_l("The password must not be your username or e-mail address."))
    return None
