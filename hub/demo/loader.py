"""Create a community's content from a folder of YAML files, through the same services people use.

`load()` reads the demo community next to this module; another folder with files of the same
shapes (see the comments at the top of each demo file) seeds other content. A missing file is
empty, so a folder may bring only what it needs. The step functions take the parsed content, so
each can also run on its own (the tests do). One script writes what many people wrote over
weeks: `load` lifts the posting limits while it runs.
"""

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import func, select, update

from hub.accounts import service as accounts
from hub.accounts.models import User
from hub.chat import service as chat
from hub.chat.models import ChatMessage
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.crosspost.models import SpokeAccount
from hub.faq import service as faq
from hub.faq.models import FaqEntry
from hub.forums import answers, follows
from hub.forums import service as forums
from hub.forums.models import Post, Topic
from hub.legal import service as legal
from hub.moderation import guard
from hub.moderation import reports as moderation_reports
from hub.moderation.models import Flag
from hub.walls import service as walls

DEMO = Path(__file__).parent  # the demo community's files
CHAT_START = timedelta(hours=3)  # the first chat message was written this long ago
CHAT_GAP = timedelta(minutes=7)  # between two chat messages of a room or line


def load(source: Path = DEMO) -> str:
    """Fill an empty database from the files in `source`; return the admin's generated password."""
    admin_password = secrets.token_urlsafe(12)
    with guard.bypassed():
        people = create_people(read(source, "people", {}), admin_password)
        topic_ids = create_forums(source, people)
        create_faq(read(source, "faq"), people)
        file_reports(read(source, "reports"), people, topic_ids)
        fill_walls(read(source, "walls", {}), people)
        open_chat(read(source, "chat", {}), people)
        add_spoke_accounts(read(source, "spokes"))
        write_legal_pages(read(source, "legal", {}), people)
    return admin_password


def read(source: Path, name: str, empty: Any = ()) -> Any:
    """The parsed content of `source/<name>.yaml`, or `empty` when there is no such file."""
    path = source / f"{name}.yaml"
    if not path.is_file():
        return empty
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# People


def create_people(spec: dict, admin_password: str) -> dict[str, User]:
    """Create everyone in the file's order; map usernames to users.

    Admins get `admin_password`, everyone else the file's shared password."""
    people: dict[str, User] = {}
    for person in spec.get("people", []):
        password = admin_password if person["role"] == "admin" else spec["password"]
        people[person["username"]] = _create_person(person, password, spec["email_domain"])
    return people


def _create_person(person: dict, password: str, email_domain: str) -> User:
    username = person["username"]
    email = f"{username.lower()}@{email_domain}"
    user = accounts.create_user(username, email, password, person["role"])
    user.display_name, user.locale = person["display_name"], person.get("locale")
    db.session.commit()
    return user


# Forums


def create_forums(source: Path, people: dict[str, User]) -> dict[str, int]:
    """Create the categories, then each one's topics with their replies; map titles to topic ids."""
    categories = read(source, "categories")
    for category in categories:
        forums.create_category(category["slug"], category["name"], category["description"])
    voters = [person for person in people.values() if person.role == "member"]
    topic_ids: dict[str, int] = {}
    for category in categories:
        for spec in read(source, f"topics/{category['slug']}"):
            topic_ids[spec["title"]] = _create_topic(category["slug"], spec, people, voters)
    return topic_ids


def _create_topic(category: str, spec: dict, people: dict[str, User], voters: list[User]) -> int:
    """Open the topic `hours_ago`, then write its replies at their `after_minutes`."""
    asked_at = utcnow() - timedelta(hours=spec["hours_ago"])
    asker = people[spec["author"]]
    topic = forums.create_topic(asker, category, spec["kind"], spec["title"], spec["body"])
    _backdate(topic.id, 1, asked_at)
    for reply in spec.get("replies", []):
        post = _create_reply(topic.id, asker, reply, people, voters)
        _backdate(topic.id, post.number, asked_at + timedelta(minutes=reply["after_minutes"]))
    _settle_activity(topic.id)
    return topic.id


def _create_reply(topic_id: int, asker: User, reply: dict, people, voters) -> Post:
    """Write a reply, mark it official, let the first `votes` members vote it up, accept it."""
    author = people[reply["author"]]
    post = forums.create_reply(author, topic_id, reply["body"])
    if reply.get("official"):
        answers.mark_official(author, post.id)
    for voter in [v for v in voters if v.id != author.id][: reply.get("votes", 0)]:
        answers.vote(voter, post.id)
    if reply.get("accepted"):
        answers.accept_answer(asker, post.id)
    return post


def _backdate(topic_id: int, number: int, when) -> None:
    db.session.execute(
        update(Post).where(Post.topic_id == topic_id, Post.number == number).values(created_at=when)
    )
    if number == 1:
        db.session.execute(
            update(Topic).where(Topic.id == topic_id).values(created_at=when, last_activity_at=when)
        )


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


# FAQ and moderation


def create_faq(entries: list[dict], people: dict[str, User]) -> list[FaqEntry]:
    """Create the FAQ entries in their categories, each kept by its maintainer."""
    return [
        faq.create_entry(
            people[entry["maintainer"]], entry["category"], entry["question"], entry["answer"]
        )
        for entry in entries
    ]


def file_reports(
    reports: list[dict], people: dict[str, User], topic_ids: dict[str, int]
) -> list[Flag]:
    """File the open reports, each on a post named by its topic's title and its number."""
    flags = []
    for report in reports:
        post_id = db.session.scalar(
            select(Post.id).where(
                Post.topic_id == topic_ids[report["topic"]], Post.number == report["post"]
            )
        )
        reporter = people[report["reporter"]]
        flags.append(
            moderation_reports.report_post(
                reporter, post_id, report["reason"], report.get("note", "")
            )
        )
    return flags


# Walls


def fill_walls(spec: dict, people: dict[str, User]) -> None:
    """Post on the company wall (pinning, comments, known-issue updates), then on members' walls."""
    company = spec.get("company", [])
    topics = [_wall_post(people[post["author"]], "company", post) for post in company]
    for topic, post in zip(topics, company, strict=True):
        if post.get("pinned_by"):
            walls.set_pinned(people[post["pinned_by"]], topic.id, True)
    for topic, post in zip(topics, company, strict=True):
        _comment(topic.id, post.get("comments", []), people)
        for note in post.get("updates", []):
            resolve = note.get("resolve", False)
            walls.add_issue_update(people[note["author"]], topic.id, note["body"], resolve=resolve)
    for post in spec.get("members", []):
        owner = people[post["owner"]]
        topic = _wall_post(owner, owner.username, post)
        for name in post.get("followed_by", []):
            follows.follow(people[name], "user", owner.id)
        _comment(topic.id, post.get("comments", []), people)


def _wall_post(author: User, wall: str, post: dict) -> Topic:
    known_issue = post.get("known_issue", False)
    return walls.create_wall_post(author, wall, post["body"], known_issue=known_issue)


def _comment(topic_id: int, comments: list[dict], people: dict[str, User]) -> None:
    for spec in comments:
        comment = walls.create_comment(people[spec["author"]], topic_id, spec["body"])
        for name in spec.get("liked_by", []):
            walls.like(people[name], comment.id)


# Chat and spokes


def open_chat(spec: dict, people: dict[str, User]) -> None:
    """Create the rooms (by the first admin) and private lines with their backdated messages."""
    start = utcnow() - CHAT_START
    rooms = spec.get("rooms", [])
    if rooms:
        admin = next(person for person in people.values() if person.role == "admin")
    for position, room in enumerate(rooms):
        slug, name, description = room["slug"], room["name"], room["description"]
        created = chat.create_room(admin, slug, name, description, position=position)
        _write_messages(created.slug, room.get("messages", []), people, start)
    for line in spec.get("private_lines", []):
        opened = chat.open_private_line(people[line["member"]])
        _write_messages(opened.slug, line.get("messages", []), people, start)


def _write_messages(slug: str, messages: list[dict], people: dict[str, User], start) -> None:
    for n, spec in enumerate(messages):
        message = chat.post_message(people[spec["author"]], slug, spec["body"])
        db.session.execute(
            update(ChatMessage)
            .where(ChatMessage.id == message.id)
            .values(created_at=start + n * CHAT_GAP)
        )
    db.session.commit()


def add_spoke_accounts(accounts: list[dict]) -> list[SpokeAccount]:
    """Add the spoke accounts as demo accounts (once; calling again adds nothing) and commit.

    Whatever the file says, they are marked `is_demo` with a token that is not real: delivery
    parks demo accounts, so nothing is ever sent (the demo's hosts are `.invalid` besides)."""
    added = []
    for fields in accounts:
        exists = db.session.scalar(
            select(SpokeAccount).where(
                SpokeAccount.network == fields["network"], SpokeAccount.name == fields["name"]
            )
        )
        if exists is None:
            account = SpokeAccount(**fields, access_token="demo-token-not-real", is_demo=True)
            db.session.add(account)
            added.append(account)
    db.session.commit()
    return added


def write_legal_pages(spec: dict, people: dict[str, User]) -> None:
    """Write the legal pages (each as its first version) by the first admin."""
    admin = next(person for person in people.values() if person.role == "admin")
    for kind, texts in spec.items():
        legal.save_page(admin, kind, text_en=texts.get("en", ""), text_de=texts.get("de", ""))
