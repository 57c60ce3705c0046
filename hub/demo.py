"""Load the demo community from `demo_data` through the same services people use."""

import secrets
from datetime import timedelta

from sqlalchemy import func, select, update

from hub import demo_data
from hub.accounts import service as accounts
from hub.accounts.models import User
from hub.chat import demo as chat_demo
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.crosspost import demo as crosspost_demo
from hub.faq import demo as faq_demo
from hub.forums import answers
from hub.forums import service as forums
from hub.forums.models import Post, Topic
from hub.moderation import demo as moderation_demo
from hub.moderation import guard
from hub.walls import demo as walls_demo

DEMO_PASSWORD = "nabe-demo-2026"  # for the demo's members and staff; the admin gets a random one


def load() -> str:
    """Fill an empty database; return the admin's generated password."""
    admin_password = secrets.token_urlsafe(12)
    # One script writes what many people wrote over weeks: the posting limits don't apply.
    with guard.bypassed():
        people = _create_people(admin_password)
        for slug, name, description in demo_data.CATEGORIES:
            forums.create_category(slug, name, description)
        for spec in demo_data.TOPICS:
            _create_topic(spec, people)
        faq_demo.load(people)
        moderation_demo.add_reports(people)
        walls_demo.fill(people)
        chat_demo.add_rooms(people)
        crosspost_demo.add_accounts()
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
    asker = people[spec["author"]]
    topic = forums.create_topic(asker, spec["category"], spec["kind"], spec["title"], spec["body"])
    _backdate(topic.id, 1, asked_at)
    voters = [p for p in people.values() if p.role == "member"]
    for reply in spec["replies"]:
        author = people[reply["author"]]
        post = forums.create_reply(author, topic.id, reply["body"])
        _backdate(topic.id, post.number, asked_at + timedelta(minutes=reply["after_minutes"]))
        if reply.get("official"):
            answers.mark_official(author, post.id)
        for voter in [v for v in voters if v.id != author.id][: reply.get("votes", 0)]:
            answers.vote(voter, post.id)
        if reply.get("accepted"):
            answers.accept_answer(asker, post.id)
    _settle_activity(topic.id)


def _settle_activity(topic_id: int) -> None:
    """After backdating, the topic's last activity is its newest post's time."""
    newest = select(func.max(Post.created_at)).where(Post.topic_id == topic_id).scalar_subquery()
    db.session.execute(update(Topic).where(Topic.id == topic_id).values(last_activity_at=newest))
    db.session.execute(
        update(Post)
        .where(Post.topic_id == topic_id, Post.official_at.is_not(None))
        .values(official_at=Post.created_at)
    )
    db.session.commit()


def _backdate(topic_id: int, number: int, when) -> None:
    db.session.execute(
        update(Post).where(Post.topic_id == topic_id, Post.number == number).values(created_at=when)
    )
    if number == 1:
        db.session.execute(
            update(Topic).where(Topic.id == topic_id).values(created_at=when, last_activity_at=when)
        )
