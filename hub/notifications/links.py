"""Links to pages of this hub, built from HUB_BASE_URL so they work in the worker too.

The worker has no request to take a host from, and `url_for(_external=True)` would need
SERVER_NAME; binding the URL map to BASE_URL gives the same routes in both places.
"""

from urllib.parse import urlsplit

from flask import current_app


def _adapter():
    base = urlsplit(current_app.config["BASE_URL"])
    return current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "http"
    )


def path(endpoint: str, **values) -> str:
    """The path of a page on this hub (for pages and the live bell)."""
    return _adapter().build(endpoint, values)


def absolute(endpoint: str, **values) -> str:
    """The full address of a page on this hub (for e-mails)."""
    return _adapter().build(endpoint, values, force_external=True)


def post_link(post_id: int, *, external: bool = False) -> str:
    """A post's stable address (/p/<id>): the forums send the reader on to the page of the
    topic the post is on, scrolled to it, however long the topic grows."""
    build = absolute if external else path
    return build("forums.post_permalink", post_id=post_id)


def post_permalink(topic_id: int, number: int, *, external: bool = False) -> str:
    """The post on its topic's first page (/t/<id>#post-<number>); prefer `post_link`, which
    also finds posts on later pages."""
    build = absolute if external else path
    return f"{build('forums.topic', topic_id=topic_id)}#post-{number}"


def notification_link(notification, *, external: bool = False) -> str:
    """Where a notification leads: its own hub path, or the post it is about."""
    if notification.post_id is None:
        base = current_app.config["BASE_URL"].rstrip("/")
        return f"{base}{notification.path}" if external else notification.path
    return post_link(notification.post_id, external=external)
