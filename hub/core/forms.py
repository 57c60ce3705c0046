"""Helpers shared by the HTML forms of every feature."""

from urllib.parse import urlsplit

from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import HiddenField

from hub.core import write_keys
from hub.core.errors import HubError


class WriteForm(FlaskForm):
    """A form that creates something: it carries a write key made when it is shown, so the
    same form sent twice makes one post (`hub.core.write_keys`)."""

    write_key = HiddenField(default=write_keys.new)


def show_errors(form: FlaskForm, error: HubError) -> None:
    """Put a service's field errors under the matching fields, the rest at the top."""
    leftover = []
    for name, message in error.fields.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, message] if isinstance(field.errors, list) else [message]
        else:
            leftover.append(message)
    form.form_errors = [*form.form_errors, error.message, *leftover]


def safe_next(target: str | None, default: str) -> str:
    """Only a path on this hub: never another host, scheme, or protocol-relative URL."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in target):
        return default
    return target


def member_form(form_class: type[FlaskForm], **kwargs) -> FlaskForm | None:
    """The form for a logged-in member, None for a visitor (whose page shows none). Building a
    form makes its CSRF token, and the token gives the browser a session, which keeps a
    visitor's page out of the page cache."""
    return form_class(**kwargs) if current_user.is_authenticated else None
