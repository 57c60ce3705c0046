"""Forum actions: categories, topics and replies. The only code that writes forum tables."""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from hub import content, events, permissions
from hub.accounts import service as accounts
from hub.errors import Invalid, NotFound
from hub.extensions import db
from hub.forums.models import BODY_MAX, TITLE_MAX, Post, Space, SpaceKind, Topic, TopicKind
from hub.models import utcnow


def cook(raw: str) -> str:
    """Markdown to safe HTML, with @mentions of existing members linked."""
    return content.render(
        raw, hub_origin=current_app.config["BASE_URL"], mentions=accounts.find_usernames
    )


def get_space(slug: str) -> Space:
    """Raises: NotFound."""
    space = db.session.scalar(select(Space).where(Space.slug == slug))
    if space is None:
        raise NotFound(_("There is no such category."))
    return space


def get_topic(topic_id: int) -> Topic:
    """Raises: NotFound."""
    topic = db.session.get(Topic, topic_id)
    if topic is None:
        raise NotFound(_("This topic does not exist."))
    return topic


def create_category(slug: str, name: str, description: str = "", *, private: bool = False) -> Space:
    position = db.session.scalar(select(func.count(Space.id))) or 0
    space = Space(
        kind=SpaceKind.CATEGORY.value,
        slug=slug,
        name=name,
        description=description,
        position=position,
        is_private=private,
    )
    db.session.add(space)
    db.session.commit()
    return space


def _check_title(title: str) -> str:
    title = " ".join((title or "").split())
    if len(title) < 5:
        raise Invalid(
            _("Please correct the marked fields."),
            {"title": _("Say in a few words what it is about (at least 5 characters).")},
        )
    if len(title) > TITLE_MAX:
        raise Invalid(
            _("Please correct the marked fields."),
            {"title": _("At most %(n)d characters.", n=TITLE_MAX)},
        )
    return title


def _check_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise Invalid(_("Please correct the marked fields."), {"body": _("Write something first.")})
    if len(body) > BODY_MAX:
        raise Invalid(
            _("Please correct the marked fields."),
            {"body": _("At most %(n)d characters.", n=BODY_MAX)},
        )
    return body


def create_topic(actor, space_slug: str, kind: str, title: str, body: str) -> Topic:
    """Start a question or discussion. Raises: NotFound, Forbidden, Invalid."""
    space = get_space(space_slug)
    permissions.require(permissions.can_create_topic(actor, space))
    if kind not in (TopicKind.QUESTION, TopicKind.DISCUSSION):
        raise Invalid(
            _("Please correct the marked fields."), {"kind": _("A question or a discussion.")}
        )
    title, body = _check_title(title), _check_body(body)
    now = utcnow()
    topic = Topic(
        space=space,
        kind=kind,
        title=title,
        author_id=actor.id,
        created_at=now,
        last_activity_at=now,
    )
    db.session.add(topic)
    db.session.flush()
    db.session.add(
        Post(
            topic_id=topic.id,
            number=1,
            author_id=actor.id,
            raw=body,
            html=cook(body),
            created_at=now,
        )
    )
    db.session.commit()
    events.topic_created.send(topic)
    return topic


def create_reply(actor, topic_id: int, body: str) -> Post:
    """Reply in a topic. Raises: NotFound, Forbidden, Invalid."""
    topic = get_topic(topic_id)
    permissions.require(permissions.can_reply(actor, topic))
    body = _check_body(body)
    now = utcnow()
    number = (
        db.session.scalar(select(func.max(Post.number)).where(Post.topic_id == topic.id)) or 0
    ) + 1
    post = Post(
        topic_id=topic.id,
        number=number,
        author_id=actor.id,
        raw=body,
        html=cook(body),
        created_at=now,
    )
    db.session.add(post)
    topic.reply_count = Topic.reply_count + 1
    topic.last_activity_at = now
    db.session.commit()
    events.post_created.send(post)
    return post
