"""Topic rows of the lists (home, latest, categories), each rendered once per revision.

A row looks the same to every viewer, so it is kept per app in an LRU keyed by everything it
shows (as the post faces in `cards`): a new reply, an accepted answer, a retitle, a new tag
or a renamed author makes a new key, never a stale row. Only the live "active 3 hours ago"
is filled in on every page.
"""

from flask import current_app, request
from flask_babel import get_locale
from markupsafe import Markup, escape

from hub.core.i18n import timeago
from hub.core.lru import Lru
from hub.forums.models import Topic
from hub.forums.urls import topic_url

ROWS = 4096  # rows kept per app: several pages of every list, about 1 KB each
_AGO = Markup("<!--ago-->")  # where the live relative time goes; user text cannot be it


def topic_rows(topics, scores: dict[int, int], show_category: bool = False) -> Markup:
    """The `<li>` rows of a topic list, with each topic's best score from `scores`."""
    locale, root, rows = str(get_locale()), request.script_root, _rows()
    parts = []
    for topic in topics:
        score = scores.get(topic.id, 0)
        key = (locale, root, show_category, score, *_shown(topic, show_category))
        row = rows.get(key)
        if row is None:
            row = _render(topic, score, show_category)
            rows.put(key, row)
        parts += (row[0], escape(timeago(topic.last_activity_at)), row[1])
    return Markup("").join(parts)


def _shown(topic: Topic, show_category: bool) -> tuple:
    author, space = topic.author, topic.space
    return (
        topic.id,
        topic.slug,
        topic.title,
        topic.kind,
        topic.reply_count,
        topic.accepted_post_id is not None,
        topic.has_expert_reply,
        topic.last_activity_at,
        author.id,
        author.username,
        author.display_name,
        author.role,
        (space.slug, space.name) if show_category else None,
        tuple(tag.name for tag in topic.tags),
    )


def _rows() -> Lru:
    return current_app.extensions.setdefault("topic_rows", Lru(ROWS))


def _render(topic: Topic, score: int, show_category: bool) -> tuple[Markup, Markup]:
    # Not render_template: a row needs none of the context processors' values.
    template = current_app.jinja_env.get_template("forums/_topic_row.html")
    html = template.render(
        topic=topic, score=score, show_category=show_category, ago=_AGO, topic_url=topic_url
    )
    head, _marker, tail = html.partition(str(_AGO))
    return Markup(head), Markup(tail)
