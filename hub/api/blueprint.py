"""/api/v1: assembles every feature's JSON endpoints under one blueprint with token auth."""

from flask import Blueprint, jsonify

from hub.api import auth, openapi

bp = Blueprint("api", __name__, url_prefix="/api/v1")
bp.before_request(auth.load_api_user)


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(openapi.document())


def _load_feature_endpoints() -> None:
    """Each feature's api.py adds its routes to `bp` when imported."""
    import hub.accounts.api
    import hub.chat.api
    import hub.crosspost.api
    import hub.faq.api
    import hub.forums.api
    import hub.moderation.api
    import hub.notifications.api
    import hub.search.api
    import hub.walls.api  # noqa: F401


_load_feature_endpoints()
