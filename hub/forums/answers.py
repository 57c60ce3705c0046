"""What makes a reply stand out: accepted by the asker, official from the team, up-voted."""

from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from hub import permissions
from hub.core import events
from hub.core.columns import utcnow
from hub.core.errors import Conflict, Invalid
from hub.core.extensions import db
from hub.forums.models import Post, Topic, Vote
from hub.forums.service import get_post, get_topic
from hub.notifications import service as notifications


def accept_answer(actor, post_id: int) -> Topic:
    """Mark a reply as the accepted answer of its question (replacing any earlier one).

    Raises: NotFound, Forbidden, Invalid (the opening post, a hidden post).
    """
    post = get_post(post_id)
    topic = post.topic
    permissions.require(permissions.can_accept_answer(actor, topic))
    if post.number == 1:
        raise Invalid(_("The question itself cannot be its answer."), {"post": "opening post"})
    if post.is_hidden:
        raise Invalid(_("A hidden post cannot be the accepted answer."), {"post": "hidden"})
    if topic.accepted_post_id == post.id:
        return topic
    topic.accepted_post_id = post.id
    db.session.flush()
    if post.author_id != actor.id:
        notifications.enqueue_for_accepted(topic, post, actor)
    db.session.commit()
    events.answer_accepted.send(topic, post=post, actor=actor)
    return topic


def unaccept_answer(actor, topic_id: int, *, post_id: int | None = None) -> Topic:
    """Remove the accepted answer; with `post_id`, only if that post is it (else a no-op).

    Raises: NotFound, Forbidden.
    """
    topic = get_topic(topic_id)
    permissions.require(permissions.can_accept_answer(actor, topic))
    if post_id is not None and topic.accepted_post_id != post_id:
        return topic
    topic.accepted_post_id = None
    db.session.commit()
    return topic


def mark_official(actor, post_id: int) -> Post:
    """Mark a team member's reply as the company's official answer. Raises: NotFound, Forbidden."""
    post = get_post(post_id)
    permissions.require(permissions.can_mark_official(actor, post))
    if post.is_official:
        return post
    post.is_official, post.official_by_id, post.official_at = True, actor.id, utcnow()
    notifications.enqueue_for_official(post, actor)
    db.session.commit()
    events.post_marked_official.send(post, actor=actor)
    return post


def unmark_official(actor, post_id: int) -> Post:
    """Raises: NotFound, Forbidden."""
    post = get_post(post_id)
    permissions.require(permissions.can_mark_official(actor, post))
    post.is_official, post.official_by_id, post.official_at = False, None, None
    db.session.commit()
    return post


def _add_to_score(post: Post, delta: int) -> None:
    # An increment in SQL: under concurrent votes each UPDATE waits for the one before and adds
    # to its result (a count of the votes, read in the same statement, missed the other's vote
    # on PostgreSQL).
    post.score = Post.score + delta


def vote(actor, post_id: int) -> Post:
    """Up-vote a reply; voting again is a no-op. Raises: NotFound, Forbidden."""
    post = get_post(post_id)
    permissions.require(permissions.can_vote(actor, post))
    exists = db.session.scalar(
        select(Vote.id).where(Vote.post_id == post.id, Vote.user_id == actor.id)
    )
    if exists is None:
        try:
            db.session.add(Vote(post_id=post.id, user_id=actor.id))
            db.session.flush()
        except IntegrityError:  # the same person's simultaneous click won: still one vote
            db.session.rollback()
            return get_post(post_id)
        _add_to_score(post, 1)
        db.session.commit()
    return post


def unvote(actor, post_id: int) -> Post:
    """Take an up-vote back. Raises: NotFound, Forbidden, Conflict (no vote to take back)."""
    post = get_post(post_id)
    permissions.require(permissions.can_vote(actor, post))
    removed = db.session.execute(
        delete(Vote).where(Vote.post_id == post.id, Vote.user_id == actor.id)
    ).rowcount
    if not removed:
        raise Conflict(_("You have not voted for this post."))
    _add_to_score(post, -1)
    db.session.commit()
    return post
