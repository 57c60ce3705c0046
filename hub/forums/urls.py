"""Addresses of topics and posts, for views, cards and every template (through views).

They are filled from route patterns (`hub.core.url_patterns`): a topic page links each post two or
three times, and a list page every topic.
"""

from hub.core import url_patterns
from hub.forums import queries
from hub.forums.models import Post, Topic


def slug_of(topic: Topic) -> str:
    return topic.slug or "topic"


def topic_url(topic: Topic, page: int = 1, **values) -> str:
    """The canonical address of a topic page."""
    return url_patterns.build(
        "forums.topic",
        topic_id=topic.id,
        slug=slug_of(topic),
        page=page if page > 1 else None,
        **values,
    )


def post_url(post: Post) -> str:
    """Where a post lives in its thread: its page, scrolled to it."""
    return topic_url(post.topic, queries.page_of(post), _anchor=f"post-{post.number}")


def quote_url(post: Post) -> str:
    """Without JavaScript, quoting reloads the page with the quote in the reply box."""
    return topic_url(post.topic, queries.page_of(post), quote=post.id, _anchor="reply")
