"""Load the demo community from `demo_data` through the same services people use."""

import secrets
from datetime import timedelta

from sqlalchemy import update

from hub import demo_data
from hub.accounts import service as accounts
from hub.accounts.models import User
from hub.extensions import db
from hub.forums import service as forums
from hub.forums.models import Post, Topic
from hub.models import utcnow

DEMO_PASSWORD = "nabe-demo-2026"  # for the demo's members and staff; the admin gets a random one


def load() -> str:
    """Fill an empty database; return the admin's generated password."""
    admin_password = secrets.token_urlsafe(12)
    people = _create_people(admin_password)
    for slug, name, description in demo_data.CATEGORIES:
        forums.create_category(slug, name, description)
    for spec in demo_data.TOPICS:
        _create_topic(spec, people)
    return admin_password


def _create_people(admin_password: str) -> dict[str, User]:
    people: dict[str, User] = {}
    admin_name, admin_display = demo_data.ADMIN
    people[admin_name] = _person(admin_name, admin_display, "admin", admin_password)
    mod_name, mod_display = demo_data.MODERATOR
    people[mod_name] = _person(mod_name, mod_display, "moderator")
    for username, display in demo_data.EXPERTS:
        people[username] = _person(username, display, "expert")
    for username, display, locale in demo_data.MEMBERS:
        people[username] = _person(username, display, "member", locale=locale)
    return people


def _person(username, display, role, password=DEMO_PASSWORD, locale=None) -> User:
    user = accounts.create_user(username, f"{username.lower()}@demo.example.com", password, role)
    user.display_name, user.locale = display, locale
    db.session.commit()
    return user


def _create_topic(spec: dict, people: dict[str, User]) -> None:
    asked_at = utcnow() - timedelta(hours=spec["hours_ago"])
    author = people[spec["author"]]
    topic = forums.create_topic(author, spec["category"], spec["kind"], spec["title"], spec["body"])
    _backdate(topic.id, 1, asked_at)
    for reply in spec["replies"]:
        post = forums.create_reply(people[reply["author"]], topic.id, reply["body"])
        when = asked_at + timedelta(minutes=reply["after_minutes"])
        _backdate(topic.id, post.number, when)
        post.is_official = reply.get("official", False)
        post.score = reply.get("votes", 0)
        if reply.get("accepted"):
            topic.accepted_post_id = post.id
        topic.last_activity_at = when
    db.session.commit()


def _backdate(topic_id: int, number: int, when) -> None:
    db.session.execute(
        update(Post).where(Post.topic_id == topic_id, Post.number == number).values(created_at=when)
    )
    if number == 1:
        db.session.execute(
            update(Topic).where(Topic.id == topic_id).values(created_at=when, last_activity_at=when)
        )
