"""The search results page and the suggestions the header's search box shows while typing."""

from flask import Blueprint, jsonify, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from hub import permissions
from hub.core.extensions import db, limiter
from hub.core.pagination import page_number
from hub.forums.models import Space, SpaceKind
from hub.search import service as search
from hub.search.base import SORTS
from hub.search.syntax import MAX_LENGTH

bp = Blueprint("search", __name__)

MAX_PAGE = 100  # deeper than anyone reads; keeps the candidate list bounded


def _categories() -> list[Space]:
    stmt = select(Space).where(Space.kind == SpaceKind.CATEGORY.value).order_by(Space.position)
    return [s for s in db.session.scalars(stmt) if permissions.can_view_space(current_user, s)]


def _form_values() -> dict:
    types = [t for t in request.args.getlist("type") if t in search.TYPES]
    sort = request.args.get("sort", "relevance")
    return {
        "q": (request.args.get("q") or "")[:MAX_LENGTH],
        "type": types,
        "category": (request.args.get("category") or "")[:80],
        "solved": request.args.get("solved") == "1",
        "sort": sort if sort in SORTS else "relevance",
    }


@bp.get("/search")
def results():
    values = _form_values()
    page = min(page_number(request.args.get("page")), MAX_PAGE)
    found = None
    if values["q"].strip():
        found = search.query(
            current_user,
            values["q"],
            types=values["type"],
            category=values["category"] or None,
            solved=values["solved"],
            sort=values["sort"],
            page=page,
        )

    def page_url(number: int) -> str:
        args = {k: v for k, v in values.items() if v not in ("", False, [], "relevance")}
        if args.get("solved"):
            args["solved"] = "1"
        return url_for("search.results", **args, page=number if number > 1 else None)

    return render_template(
        "search/results.html",
        values=values,
        results=found,
        categories=_categories(),
        page_url=page_url,
        max_page=MAX_PAGE,
    )


@bp.get("/search/suggest")
@limiter.limit("120 per minute")
def suggest():
    """Top five FAQ entries and questions for what is typed: {items: [{type, title, url}]}."""
    q = (request.args.get("q") or "")[:MAX_LENGTH]
    items = search.suggest(current_user, q)
    return jsonify(
        {"items": [{"type": hit.type, "title": hit.title, "url": hit.url} for hit in items]}
    )
