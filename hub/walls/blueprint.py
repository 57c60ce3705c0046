"""The walls blueprint (`walls.*` endpoints) and what its pages share: the wall and wall post
addresses, the templates' helpers (the known-issue banner, the top helpers) and the check that
the viewer may see a wall post.

The pages themselves are in one module per page family (see `views.py`), each adding its
routes to `bp`.
"""

from flask import Blueprint, current_app, url_for
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

from hub import permissions
from hub.core.columns import utcnow
from hub.forums.models import Topic
from hub.pagecache import fragments
from hub.pagecache import pages as pagecache_pages
from hub.walls import queries, recognition
from hub.walls import service as walls
from hub.walls.models import COMPANY

bp = Blueprint("walls", __name__)


def owner_name(space) -> str:
    return COMPANY if space.owner_id is None else space.owner.username


def wall_url(owner: str) -> str:
    return url_for("walls.wall", owner=owner)


def wall_post_url(topic: Topic) -> str:
    return url_for("walls.wall_post", topic_id=topic.id)


@bp.app_context_processor
def _walls_helpers() -> dict:
    """URL helpers, the known-issue banner and the top helpers (each kept while unchanged)."""
    return {
        "wall_url": wall_url,
        "wall_post_url": wall_post_url,
        "known_issues": queries.open_issues,
        "known_issue_banner": known_issue_banner,
        "recognition_of": recognition.for_person,
        "top_helpers": recognition.top_helpers,
        "top_helpers_box": top_helpers_box,
    }


def known_issue_banner() -> Markup:
    """The banner of open known issues on every page; an issue opened, renamed or resolved
    outdates it (`site`)."""
    return fragments.remember(
        f"known-issues:{get_locale()}",
        (),
        lambda: _part("walls/_banner.html", known_issues=queries.open_issues),
    )


def top_helpers_box() -> Markup:
    """The home page's top helpers of this month; an accepted or hidden answer outdates it."""
    month = utcnow().strftime("%Y-%m")
    return fragments.remember(
        f"top-helpers:{get_locale()}:{month}",
        (pagecache_pages.HOME,),
        lambda: _part("walls/_top_helpers.html", top_helpers=recognition.top_helpers),
    )


def _part(template: str, **values) -> str:
    # Only the env's globals (url_for, gettext) and `values`: no context processors needed.
    return current_app.jinja_env.get_template(template).render(**values)


def visible_topic(topic_id: int) -> Topic:
    topic = walls.get_wall_topic(topic_id)
    permissions.require(permissions.can_view_wall(current_user, topic.space))
    return topic
