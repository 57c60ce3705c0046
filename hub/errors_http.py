"""Map service errors and HTTP errors to pages, or to JSON errors under /api."""

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from hub.errors import HubError, TooMany

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


def _hub_error(error: HubError):
    headers = {"Retry-After": error.retry_after} if isinstance(error, TooMany) else None
    if wants_json():
        return json_error(error.status, error.code, error.message, error.fields, headers)
    page = render_template("errors/error.html", status=error.status, message=error.message)
    return page, error.status, headers or {}


def _http_error(error: HTTPException):
    status = error.code or 500
    if wants_json():
        code = _HTTP_CODES.get(status, "error")
        headers = {}
        if status == 429:
            headers["Retry-After"] = error.get_response().headers.get("Retry-After", "60")
        return json_error(status, code, error.description or error.name, headers=headers)
    page = render_template("errors/error.html", status=status, message=error.description)
    response = error.get_response()
    response.set_data(page)
    response.mimetype = "text/html"
    return response


def _server_error(error: Exception):
    if wants_json():
        return json_error(500, "server_error", "Something went wrong on our side.")
    return render_template("errors/error.html", status=500, message=None), 500


def init_app(app: Flask) -> None:
    app.register_error_handler(HubError, _hub_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(500, _server_error)
