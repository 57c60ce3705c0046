"""Browsing pages: the home page, the latest / unanswered / solved lists and a category."""

from flask import render_template, request
from flask_login import current_user

from hub.core.pagination import page_number
from hub.forums import follows, lists, queries
from hub.forums.views.lookups import visible_space


def _filter_name() -> str:
    name = request.args.get("filter", "latest")
    return name if name in queries.LIST_FILTERS else "latest"


def home():
    latest = lists.list_rows(current_user, per_page=10)
    return render_template(
        "forums/home.html",
        categories=queries.categories_with_stats(current_user),
        latest=latest,
        scores=queries.top_scores(t.id for t in latest.items),
    )


def listing(filter_name: str):
    page = lists.list_rows(
        current_user, filter_name=filter_name, page=page_number(request.args.get("page"))
    )
    return render_template(
        "forums/list.html",
        filter_name=filter_name,
        topics=page,
        scores=queries.top_scores(t.id for t in page.items),
    )


def category(slug: str):
    space = visible_space(slug)
    filter_name = _filter_name()
    page = lists.list_rows(
        current_user,
        space=space,
        filter_name=filter_name,
        page=page_number(request.args.get("page")),
    )
    return render_template(
        "forums/category.html",
        space=space,
        filter_name=filter_name,
        topics=page,
        scores=queries.top_scores(t.id for t in page.items),
        following=follows.is_following(current_user, "space", space.id),
    )
