"""API endpoints declared with pydantic models: one declaration validates the request and
documents it in the OpenAPI document, so the two cannot drift apart."""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps

from flask import Blueprint, current_app, request
from pydantic import BaseModel, ConfigDict, ValidationError

from hub.core.errors import HubError, Invalid


class Strict(BaseModel):
    """Base of every request body: no unknown fields, no silent type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=False)


class BadRequest(HubError):
    """The request is malformed."""

    status = 400
    code = "bad_request"


class TooLarge(HubError):
    """The request body is too large."""

    status = 413
    code = "too_large"


@dataclass
class RouteDoc:
    rule: str
    method: str
    summary: str
    body: type[BaseModel] | None
    query: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int
    auth: bool
    tag: str
    errors: dict[int, str] = field(default_factory=dict)  # status: when, beyond the usual 4XX
    keyed: bool = False  # takes an Idempotency-Key (hub.core.write_keys)


ROUTES: list[RouteDoc] = []

# Pydantic error types that mean "wrong shape" (400) rather than "a value is not acceptable" (422).
_SHAPE_ERRORS = {"extra_forbidden", "model_type", "model_attributes_type", "dict_type"}


def _is_shape_error(error: dict) -> bool:
    return error["type"] in _SHAPE_ERRORS or error["type"].endswith("_type")


def _raise_validation(exc: ValidationError) -> None:
    errors = exc.errors(include_url=False)
    fields = {".".join(str(p) for p in e["loc"]) or "body": e["msg"] for e in errors}
    if any(_is_shape_error(e) for e in errors):
        raise BadRequest("The request has fields of the wrong type or unknown fields.", fields)
    raise Invalid("Some values are not valid.", fields)


def parse_body(model: type[BaseModel]) -> BaseModel:
    """Raises: TooLarge, BadRequest (not JSON, wrong types, unknown fields), Invalid (values)."""
    limit = current_app.config["API_MAX_BODY"]
    if request.content_length is not None and request.content_length > limit:
        raise TooLarge(f"The body may be at most {limit} bytes.")
    raw = request.get_data(cache=True)
    if len(raw) > limit:
        raise TooLarge(f"The body may be at most {limit} bytes.")
    data = request.get_json(silent=True, force=True)
    if not isinstance(data, dict):
        raise BadRequest("The body must be a JSON object.")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        _raise_validation(exc)


def parse_query(model: type[BaseModel]) -> BaseModel:
    """Query parameters are strings; the model converts them (lax mode). Raises: Invalid."""
    try:
        return model.model_validate(request.args.to_dict(), strict=False)
    except ValidationError as exc:
        _raise_validation(exc)


def endpoint(
    bp: Blueprint,
    rule: str,
    method: str,
    *,
    summary: str,
    body: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    response: type[BaseModel] | None = None,
    status: int = 200,
    auth: bool = False,
    tag: str = "",
    errors: dict[int, str] | None = None,
    keyed: bool = False,
) -> Callable:
    """Register a JSON endpoint: the view receives `data` (body) and `params` (query) parsed.
    `errors` documents the statuses a client acts on ({401: "wrong password"}); `keyed`, that
    the write is stored once under its Idempotency-Key."""

    def register(fn: Callable) -> Callable:
        @wraps(fn)
        def view(**kwargs):
            if body is not None:
                kwargs["data"] = parse_body(body)
            if query is not None:
                kwargs["params"] = parse_query(query)
            return fn(**kwargs)

        bp.add_url_rule(rule, endpoint=fn.__name__, view_func=view, methods=[method])
        ROUTES.append(
            RouteDoc(
                rule, method, summary, body, query, response, status, auth, tag, errors or {}, keyed
            )
        )
        return view

    return register
