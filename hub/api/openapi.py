"""The OpenAPI 3.1 document, generated from the pydantic models the endpoints validate with,
and `GET /api/v1/openapi.json`, which serves it."""

import re

from flask import jsonify
from pydantic.json_schema import models_json_schema

from hub.api.blueprints import API_PREFIX, api_blueprint
from hub.api.schema import ROUTES, RouteDoc
from hub.core import write_keys

bp = api_blueprint("openapi", __name__)

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        }
    },
}


def _path(rule: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule)


def _parameters(route: RouteDoc) -> list[dict]:
    params = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"<(?:\w+:)?(\w+)>", route.rule)
    ]
    if route.query is not None:
        schema = route.query.model_json_schema()
        for name, prop in schema.get("properties", {}).items():
            params.append({"name": name, "in": "query", "required": False, "schema": prop})
    if route.keyed:
        params.append(_write_key())
    return params


def _write_key() -> dict:
    return {
        "name": write_keys.HEADER,
        "in": "header",
        "required": False,
        "description": (
            "Any string of yours, new for each write and the same when you send that write "
            "again: the same body under the same key is stored once, and answered with what "
            "was stored the first time."
        ),
        "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"},
    }


def _ref(model) -> dict:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _error(description: str) -> dict:
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    return {"description": description, "content": content}


def _busy() -> dict:
    """Every operation may answer 503 when the database stayed too busy for it (see
    `hub.core.transactions`): nothing was saved, and the client sends the same request again."""
    busy = _error("Too busy right now; nothing was saved: send it again after Retry-After")
    busy["headers"] = {
        "Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}
    }
    return busy


def _operation(route: RouteDoc) -> dict:
    success: dict = {"description": "OK"}
    if route.response is not None:
        success["content"] = {"application/json": {"schema": _ref(route.response)}}
    errors = {str(status): _error(when) for status, when in sorted(route.errors.items())}
    op: dict = {
        "summary": route.summary,
        "tags": [route.tag] if route.tag else [],
        "parameters": _parameters(route),
        "responses": {
            str(route.status): success,
            **errors,
            "4XX": _error("Error"),
            "503": _busy(),
        },
    }
    if route.body is not None:
        op["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(route.body)}},
        }
    if route.auth:
        op["security"] = [{"bearer": []}]
    return op


def document(base_path: str = API_PREFIX) -> dict:
    models = {m for r in ROUTES for m in (r.body, r.response) if m is not None}
    _, defs = models_json_schema(
        [(m, "validation") for m in sorted(models, key=lambda m: m.__name__)],
        ref_template="#/components/schemas/{model}",
    )
    schemas = dict(defs.get("$defs", {}))
    schemas["Error"] = ERROR_SCHEMA
    paths: dict = {}
    for route in ROUTES:
        paths.setdefault(base_path + _path(route.rule), {})[route.method.lower()] = _operation(
            route
        )
    return {
        "openapi": "3.1.0",
        "info": {"title": "Nabe API", "version": "1"},
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


@bp.get("/openapi.json", endpoint="document")
def serve_document():
    """Every feature's endpoints: those registered when the app was made."""
    return jsonify(document())
