"""Forum writes: categories, topics, replies and edits. The only code that writes these tables.

Accepting, official answers and votes live in `answers.py`; following in `follows.py`.
"""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from hub import content, permissions
from hub.accounts import service as accounts
from hub.core import events, transactions, write_keys
from hub.core.columns import utcnow
from hub.core.errors import Conflict, Invalid, Moved, NotFound
from hub.core.extensions import db
from hub.core.text import has_words, slugify
from hub.forums import follows, queries, tags
from hub.forums.models import (
    BODY_MAX,
    TITLE_MAX,
    Post,
    PostRevision,
    Space,
    SpaceKind,
    Topic,
    TopicKind,
)
from hub.moderation import guard
from hub.notifications import service as notifications

MAX_ID = 2**31 - 1  # PostgreSQL's integer: a larger id in a URL is simply not found


def cook(raw: str) -> str:
    """Markdown to safe HTML, with @mentions of existing members linked."""
    return content.render(
        raw, hub_origin=current_app.config["BASE_URL"], mentions=accounts.find_usernames
    )


def get_space(slug: str) -> Space:
    """Raises: NotFound."""
    if "\x00" in slug:  # PostgreSQL refuses NUL in text; no slug contains one anyway
        raise NotFound(_("There is no such category."))
    space = db.session.scalar(select(Space).where(Space.slug == slug))
    if space is None:
        raise _moved_or_not_found(slug)
    return space


def _moved_or_not_found(slug: str) -> NotFound:
    """A slug a category had before answers with its new one (error pages redirect there)."""
    new_slug = queries.slug_now(slug)
    if new_slug is None:
        return NotFound(_("There is no such category."))
    return Moved(_("This category has moved to %(slug)s.", slug=new_slug), old=slug, new=new_slug)


def get_topic(topic_id: int) -> Topic:
    """With its space, which every page of it shows and checks. Raises: NotFound."""
    in_range = 0 < topic_id <= MAX_ID
    topic = db.session.get(Topic, topic_id, options=[joinedload(Topic.space)]) if in_range else None
    if topic is None:
        raise NotFound(_("This topic does not exist."))
    return topic


def get_post(post_id: int) -> Post:
    """Raises: NotFound."""
    post = db.session.get(Post, post_id) if 0 < post_id <= MAX_ID else None
    if post is None:
        raise NotFound(_("This post does not exist."))
    return post


@transactions.retried
def create_category(slug: str, name: str, description: str = "", *, private=False) -> Space:
    """Raises: Conflict (the address is taken; a rival created at the same instant is found
    when the insert's unique violation runs this again)."""
    if db.session.scalar(select(Space.id).where(Space.slug == slug)) is not None:
        raise Conflict(_("A category with this address exists already."))
    # Last in the list, computed inside the INSERT; two created in the same instant on
    # PostgreSQL may share a place, and then sort by name.
    categories = Space.kind == SpaceKind.CATEGORY.value
    position = select(func.coalesce(func.max(Space.position) + 1, 0)).where(categories)
    space = Space(
        kind=SpaceKind.CATEGORY.value,
        slug=slug,
        name=name,
        description=description,
        position=position.scalar_subquery(),
        is_private=private,
    )
    db.session.add(space)
    db.session.commit()
    return space


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(_("Please correct the marked fields."), {field: message})


def check_title(title: str) -> str:
    """Raises: Invalid."""
    title = " ".join((title or "").replace("\x00", "").split())  # PostgreSQL refuses NUL
    if not has_words(title, 5):
        raise _invalid("title", _("Say in a few words what it is about (at least 5 letters)."))
    if len(title) > TITLE_MAX:
        raise _invalid("title", _("At most %(n)d characters.", n=TITLE_MAX))
    return title


def check_body(body: str) -> str:
    """Raises: Invalid."""
    body = (body or "").replace("\x00", "").strip()  # PostgreSQL refuses NUL
    if not body:
        raise _invalid("body", _("Write something first."))
    if len(body) > BODY_MAX:
        raise _invalid("body", _("At most %(n)d characters.", n=BODY_MAX))
    return body


@transactions.retried
def create_topic(
    actor, space_slug: str, kind: str, title: str, body: str, tag_names=(), *, key=None
) -> Topic:
    """Start a question or a discussion; the author follows it. Sent again under the same
    write `key`, the topic made the first time. Raises: NotFound, Forbidden, Invalid."""
    space = get_space(space_slug)
    if space.kind != SpaceKind.CATEGORY:  # walls have their own service
        raise NotFound(_("There is no such category."))
    permissions.require(permissions.can_create_topic(actor, space))
    if kind not in (TopicKind.QUESTION, TopicKind.DISCUSSION):
        raise _invalid("kind", _("A question or a discussion."))
    title, body = check_title(title), check_body(body)
    key = write_keys.digest(key, "topic", space.id, kind, title, body)
    html = cook(body)  # before the posting turn, which is held until commit
    if (earlier := stored_before(actor, key)) is not None:
        return earlier.topic
    guard.check_posting(actor, kind="topic", body=body)
    held = guard.needs_approval(actor)
    now = utcnow()
    topic = Topic(
        space=space,
        kind=kind,
        title=title,
        slug=slugify(title),
        author_id=actor.id,
        created_at=now,
        last_activity_at=now,
        tags=tags.find_or_create(tag_names),
    )
    db.session.add(topic)
    db.session.flush()
    post = Post(
        topic_id=topic.id,
        number=1,
        author_id=actor.id,
        raw=body,
        html=html,
        created_at=now,
        client_key=key,
    )
    db.session.add(post)
    db.session.flush()
    if held:
        guard.hold_for_approval(post)
    follows.add(actor.id, "topic", topic.id)
    notifications.enqueue_for_topic(topic, post)
    transactions.commit(key)
    events.topic_created.send(topic)
    return topic


@transactions.retried
def create_reply(actor, topic_id: int, body: str, *, key=None) -> Post:
    """Reply in a topic; the author follows it. Sent again under the same write `key`, the
    reply made the first time. Raises: NotFound, Forbidden, Invalid."""
    topic = get_topic(topic_id)
    permissions.require(permissions.can_reply(actor, topic))
    body = check_body(body)
    key = write_keys.digest(key, "reply", topic.id, body)
    html = cook(body)  # before the posting turn, which is held until commit
    if (earlier := stored_before(actor, key)) is not None:
        return earlier
    guard.check_posting(actor, kind="reply", body=body)
    held = guard.needs_approval(actor)
    now = utcnow()
    post = Post(
        topic_id=topic.id,
        number=claim_number(topic, now, expert=actor.is_staff),
        author_id=actor.id,
        raw=body,
        html=html,
        created_at=now,
        client_key=key,
    )
    db.session.add(post)
    db.session.flush()
    if held:
        guard.hold_for_approval(post)
    follows.add(actor.id, "topic", topic.id)
    notifications.enqueue_for_reply(post)
    transactions.commit(key)
    events.post_created.send(post)
    return post


def stored_before(actor, key: str | None) -> Post | None:
    """The post `actor` already stored under this write digest, if any (`hub.core.write_keys`).
    Asked in the member's posting turn, so a copy sent at the same moment waits for the first
    to commit and finds it, and before the posting limits, which counted it the first time."""
    if key is None:
        return None
    guard.take_turn(actor)
    return db.session.scalar(select(Post).where(Post.author_id == actor.id, Post.client_key == key))


def claim_number(topic: Topic, now, *, expert: bool = False) -> int:
    """The next post number in a topic, counting the reply in. The topic's row is updated first:
    that locks it, so concurrent replies take their numbers one after the other and each sees
    the number the one before it took (a bare `max + 1` gave two replies the same number)."""
    topic.reply_count = Topic.reply_count + 1  # in SQL: the UPDATE takes the row's lock
    topic.last_activity_at = now
    if expert:
        topic.has_expert_reply = True
    db.session.flush()  # the UPDATE now, through the ORM (the page cache sees which topic)
    last = db.session.scalar(select(func.max(Post.number)).where(Post.topic_id == topic.id))
    return (last or 0) + 1


@transactions.retried
def edit_post(actor, post_id: int, body: str, *, title: str | None = None, reason="") -> Post:
    """Change a post's text, keeping the old text as a revision. Raises: NotFound, Forbidden,
    Invalid."""
    post = get_post(post_id)
    permissions.require(permissions.can_edit_post(actor, post))
    body = check_body(body)
    new_title = check_title(title) if title is not None and post.number == 1 else None
    if body == post.raw and (new_title is None or new_title == post.topic.title):
        return post
    db.session.add(
        PostRevision(
            post_id=post.id,
            raw=post.raw,
            editor_id=actor.id,
            reason=(reason or "").replace("\x00", "").strip()[:200],
            title=post.topic.title,
        )
    )
    post.raw, post.html, post.edited_at = body, cook(body), utcnow()
    if new_title is not None:
        post.topic.title, post.topic.slug = new_title, slugify(new_title)
    db.session.commit()
    events.post_edited.send(post)
    return post


def revisions(post: Post) -> list[PostRevision]:
    stmt = select(PostRevision).where(PostRevision.post_id == post.id).order_by(PostRevision.id)
    return list(db.session.scalars(stmt))
