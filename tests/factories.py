"""Test data as plain functions with defaults (call inside an app context)."""

import itertools
from datetime import timedelta

from hub.accounts import service as accounts
from hub.accounts.models import User
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.forums import service as forums
from hub.forums.models import Space

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


def make_user(
    username: str | None = None, *, role: str = "member", password: str = PASSWORD, new=False
) -> User:
    """A confirmed member; an established one (joined a month ago) unless `new`, so the
    new-member posting limits apply only to tests that ask for them."""
    n = next(_counter)
    username = username or f"user{n}"
    user = accounts.create_user(username, f"{username.lower()}@example.com", password, role)
    if not new:
        user.created_at = utcnow() - timedelta(days=30)
        db.session.commit()
    return user


def make_category(slug: str | None = None, *, private: bool = False) -> Space:
    n = next(_counter)
    slug = slug or f"category-{n}"
    return forums.create_category(
        slug, slug.replace("-", " ").title(), "A category for tests.", private=private
    )


def make_topic(
    author: User | None = None,
    space: Space | None = None,
    *,
    title="How do I reset my router?",
    body: str | None = None,
):
    """A question; each gets its own text unless one is given (the same text twice within
    minutes is refused as a duplicate)."""
    author = author or make_user()
    space = space or make_category()
    body = body or f"It keeps dropping the line (case {next(_counter)})."
    return forums.create_topic(author, space.slug, "question", title, body)


def make_reply(topic, author: User | None = None, body: str | None = None):
    author = author or make_user()
    body = body or f"Hold the reset button for 10 seconds (tip {next(_counter)})."
    return forums.create_reply(author, topic.id, body)


def reload(obj):
    db.session.refresh(obj)
    return obj
