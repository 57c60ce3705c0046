"""Attribution: a registration in a session that came through `/go/<code>` is recorded with its
link, spoke account and content; the referred member's first post is recorded too.

Both are signal receivers that run after the registering or posting service has committed; they
write in a transaction of their own and never fail the member's request.
"""

import logging

from flask import after_this_request, has_request_context, request
from sqlalchemy import select, update

from hub.core import events
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.crosspost.models import TrackedLink
from hub.referrals import arrival
from hub.referrals.models import Referral

log = logging.getLogger(__name__)


def link_of_arrival() -> TrackedLink | None:
    """The `/go/` link this browser arrived through in this session, if any."""
    code = arrival.code_of(request.cookies) if has_request_context() else None
    if code is None:
        return None
    return db.session.scalar(select(TrackedLink).where(TrackedLink.code == code))


def attribute_registration(user, link: TrackedLink) -> Referral:
    """Record that `user` joined through `link`; a second call for the user is a no-op."""
    existing = db.session.scalar(select(Referral).where(Referral.user_id == user.id))
    if existing is not None:
        return existing
    referral = Referral(
        user_id=user.id,
        link_id=link.id,
        account_id=link.account_id,
        content_type=link.content_type,
        content_id=link.content_id,
    )
    db.session.add(referral)
    db.session.commit()
    return referral


def record_first_post(user_id: int, post_id: int) -> bool:
    """Remember a referred member's first post (topic or reply); later posts change nothing."""
    result = db.session.execute(
        update(Referral)
        .where(Referral.user_id == user_id, Referral.first_post_id.is_(None))
        .values(first_post_id=post_id, first_post_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def _on_user_registered(user, **extra) -> None:
    try:
        link = link_of_arrival()
        if link is not None:
            attribute_registration(user, link)
            after_this_request(arrival.forget)  # one registration per arrival
    except Exception:
        db.session.rollback()
        log.exception("referrals: could not attribute the registration of user %s", user.id)


def _on_topic_created(topic, **extra) -> None:
    from hub.forums.models import Post

    def opening() -> tuple[int, int | None]:
        stmt = select(Post.id).where(Post.topic_id == topic.id, Post.number == 1)
        return topic.author_id, db.session.scalar(stmt)

    _first_post_safely(opening)


def _on_post_created(post, **extra) -> None:
    _first_post_safely(lambda: (post.author_id, post.id))


def _first_post_safely(author_and_post) -> None:
    """Record a first post without failing the member's request, even when reading the post
    is what fails (its connection ended after the post was committed)."""
    try:
        user_id, post_id = author_and_post()
        if post_id is not None:
            record_first_post(user_id, post_id)
    except Exception:
        db.session.rollback()
        log.exception("referrals: could not record a first post")


def connect_signals() -> None:
    # weak=False: blinker would otherwise drop module-level receivers only by reference.
    events.user_registered.connect(_on_user_registered, weak=False)
    events.topic_created.connect(_on_topic_created, weak=False)
    events.post_created.connect(_on_post_created, weak=False)
