"""Test data as plain functions with defaults (call inside an app context)."""

import itertools

from hub.accounts import service as accounts
from hub.accounts.models import User
from hub.extensions import db
from hub.forums import service as forums
from hub.forums.models import Space

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


def make_user(
    username: str | None = None, *, role: str = "member", password: str = PASSWORD
) -> User:
    n = next(_counter)
    username = username or f"user{n}"
    return accounts.create_user(username, f"{username.lower()}@example.com", password, role)


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
    body="It keeps dropping the line.",
):
    author = author or make_user()
    space = space or make_category()
    return forums.create_topic(author, space.slug, "question", title, body)


def make_reply(
    topic, author: User | None = None, body: str = "Hold the reset button for 10 seconds."
):
    author = author or make_user()
    return forums.create_reply(author, topic.id, body)


def reload(obj):
    db.session.refresh(obj)
    return obj
