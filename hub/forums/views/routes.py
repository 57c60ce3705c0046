"""The `forums` blueprint: every forum URL, the function that answers it, and what the forum
pages add to every template.

The page functions live by family in the modules beside this one and know nothing of the
blueprint; this table is the one place that says which address reaches which of them. Where
a function answers more than one address, the longer one comes first, so that `url_for` builds
it whenever its arguments are given (the short one would take them as a query string).
"""

from flask import Blueprint

from hub.forums import live, marks, rows
from hub.forums.models import BODY_MAX
from hub.forums.urls import post_url, quote_url, topic_url
from hub.forums.views import asking, browse, buttons, posts, topic

bp = Blueprint("forums", __name__)


@bp.record_once
def _setup(state) -> None:
    live.init_app(state.app)
    state.app.jinja_env.globals["topic_rows"] = rows.topic_rows
    state.app.jinja_env.globals["category_icon"] = marks.icon_path


@bp.app_context_processor
def _url_helpers() -> dict:
    return {
        "topic_url": topic_url,
        "post_url": post_url,
        "quote_url": quote_url,
        "body_max": BODY_MAX,
    }


GET, POST, FORM = ["GET"], ["POST"], ["GET", "POST"]

# browsing
bp.add_url_rule("/", view_func=browse.home, methods=GET)
for name in ("solved", "unanswered", "latest"):
    bp.add_url_rule(
        f"/{name}",
        endpoint=name,
        view_func=browse.listing,
        defaults={"filter_name": name},
        methods=GET,
    )
bp.add_url_rule("/c/<slug>", view_func=browse.category, methods=GET)

# asking
bp.add_url_rule("/c/<slug>/ask", view_func=asking.ask, methods=FORM)
bp.add_url_rule("/ask", view_func=asking.ask, methods=FORM)
bp.add_url_rule("/similar", view_func=asking.similar_questions, methods=GET)
bp.add_url_rule("/preview", view_func=asking.preview, methods=POST)

# reading
bp.add_url_rule("/t/<int:topic_id>-<slug>", view_func=topic.topic, methods=GET)
bp.add_url_rule("/t/<int:topic_id>", view_func=topic.topic, methods=GET)
bp.add_url_rule("/p/<int:post_id>", view_func=posts.post_permalink, methods=GET)
bp.add_url_rule("/t/<int:topic_id>/posts.json", view_func=posts.posts_after, methods=GET)
bp.add_url_rule("/p/<int:post_id>/revisions", view_func=posts.revisions, methods=GET)

# writing
bp.add_url_rule("/t/<int:topic_id>/reply", view_func=posts.reply, methods=POST)
bp.add_url_rule("/p/<int:post_id>/edit", view_func=posts.edit, methods=FORM)

# buttons: accept, official, vote, follow
bp.add_url_rule("/p/<int:post_id>/accept", view_func=buttons.accept, methods=POST)
bp.add_url_rule("/t/<int:topic_id>/unaccept", view_func=buttons.unaccept, methods=POST)
bp.add_url_rule("/p/<int:post_id>/official", view_func=buttons.official, methods=POST)
bp.add_url_rule("/p/<int:post_id>/unofficial", view_func=buttons.unofficial, methods=POST)
bp.add_url_rule("/p/<int:post_id>/vote", view_func=buttons.vote, methods=POST)
bp.add_url_rule("/p/<int:post_id>/unvote", view_func=buttons.unvote, methods=POST)
bp.add_url_rule("/t/<int:topic_id>/follow", view_func=buttons.follow_topic, methods=POST)
bp.add_url_rule("/t/<int:topic_id>/unfollow", view_func=buttons.unfollow_topic, methods=POST)
bp.add_url_rule("/c/<slug>/follow", view_func=buttons.follow_category, methods=POST)
bp.add_url_rule("/c/<slug>/unfollow", view_func=buttons.unfollow_category, methods=POST)
