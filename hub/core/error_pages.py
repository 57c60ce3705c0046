"""Map service errors and HTTP errors to pages, or to JSON errors under /api.

A page answering a form that failed shows what the person wrote, ready to send again: a
write that fails for any reason never loses their text.
"""

import logging

from flask import Flask, jsonify, redirect, render_template, request, url_for
from markupsafe import escape
from werkzeug.exceptions import HTTPException

from hub.core.errors import HubError, Moved, TooMany

API_PREFIX = "/api/"


def wants_json() -> bool:
    return request.path.startswith(API_PREFIX)


def json_error(status: int, code: str, message: str, fields: dict | None = None, headers=None):
    body = {"error": {"code": code, "message": str(message)}}
    if fields:
        body["error"]["fields"] = {k: str(v) for k, v in fields.items()}
    response = jsonify(body)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = str(value)
    return response


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}


log = logging.getLogger(__name__)

# Form fields never shown back: the CSRF token (the page has a fresh one) and secrets.
_NOT_KEPT = ("csrf_token", "password", "secret", "token")


def kept_fields(status: int) -> list[tuple[str, str]]:
    """The text fields of a form post that failed on our side (5xx), to offer them again.
    A 4xx page asks the person to change something; its form keeps the text itself."""
    if status < 500 or request.method != "POST" or wants_json():
        return []
    return [
        (name, value)
        for name, value in request.form.items(multi=True)
        if value.strip() and not any(word in name.lower() for word in _NOT_KEPT)
    ]


def error_page(status: int, message: str | None):
    """The error page, with the failed form's text; a bare page if the layout itself fails
    (its header reads the database, which may be what failed)."""
    kept = kept_fields(status)
    try:
        return render_template("errors/error.html", status=status, message=message, kept=kept)
    except Exception:
        log.exception("the error page could not be rendered; answering with the bare one")
        return _bare_page(message, kept)


def _bare_page(message: str | None, kept: list[tuple[str, str]]) -> str:
    texts = "".join(f"<pre>{escape(value)}</pre>" for _, value in kept)
    return (
        '<!doctype html><meta charset="utf-8"><title>Nabe</title>'
        f"<h1>Something went wrong</h1><p>{escape(message or '')}</p>{texts}"
    )


def moved_location(error: Moved) -> str | None:
    """This request's address with the old name replaced by the new one, wherever it is a
    path part or a query value; None when the old name came from elsewhere (a form's field)."""
    if request.url_rule is None or request.endpoint is None:
        return None
    path = {k: error.new if v == error.old else v for k, v in (request.view_args or {}).items()}
    query = {
        k: [error.new if v == error.old else v for v in request.args.getlist(k)]
        for k in request.args
    }
    if path == request.view_args and query == request.args.to_dict(flat=False):
        return None
    return url_for(request.endpoint, **path, **query)


def _hub_error(error: HubError):
    if isinstance(error, Moved) and (location := moved_location(error)):
        # 301 for reading; 308 keeps a form's method and body (its CSRF token stays valid).
        return redirect(location, 301 if request.method in ("GET", "HEAD") else 308)
    headers = {"Retry-After": error.retry_after} if isinstance(error, TooMany) else None
    if wants_json():
        return json_error(error.status, error.code, error.message, error.fields, headers)
    return error_page(error.status, error.message), error.status, headers or {}


def _http_error(error: HTTPException):
    status = error.code or 500
    if wants_json():
        code = _HTTP_CODES.get(status, "error")
        headers = {}
        if status == 429:
            headers["Retry-After"] = error.get_response().headers.get("Retry-After", "60")
        return json_error(status, code, error.description or error.name, headers=headers)
    page = error_page(status, error.description)
    response = error.get_response()
    response.set_data(page)
    response.mimetype = "text/html"
    return response


def _server_error(error: Exception):
    if wants_json():
        return json_error(500, "server_error", "Something went wrong on our side.")
    return error_page(500, None), 500


def init_app(app: Flask) -> None:
    app.register_error_handler(HubError, _hub_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(500, _server_error)
