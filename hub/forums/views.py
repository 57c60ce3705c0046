"""Forum pages."""

from flask import Blueprint, abort, render_template
from flask_login import current_user

from hub import permissions
from hub.forums import queries
from hub.forums import service as forums

bp = Blueprint("forums", __name__)


@bp.get("/")
def home():
    return render_template(
        "forums/home.html", categories=queries.categories_with_stats(current_user)
    )


@bp.get("/c/<slug>")
def category(slug: str):
    space = forums.get_space(slug)
    if not permissions.can_view_space(current_user, space):
        abort(404)
    topics = queries.list_topics(current_user, space=space).items
    return render_template("forums/category.html", space=space, topics=topics)


@bp.get("/t/<int:topic_id>")
@bp.get("/t/<int:topic_id>-<slug>")
def topic(topic_id: int, slug: str = ""):
    topic = forums.get_topic(topic_id)
    if not permissions.can_view_space(current_user, topic.space):
        abort(404)
    view = queries.topic_page(current_user, topic)
    return render_template(
        "forums/topic.html", topic=topic, posts=[view.opening, *view.replies.items]
    )
