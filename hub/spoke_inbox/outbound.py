"""Replies the hub posts on a spoke for the inbox and for closing the loop, through the shared
outbox interface `hub.crosspost.replies.queue_reply` (idempotent, rate-limit aware).

Content types, each at most one reply per account:
- "inbox-answer" (an inbox item's id): under a spoke reply, pointing to the hub answer to it;
- "loop-answer" (an answer post's id): under our cross-post, when the question is solved;
- "loop-reply" (an inbox item's id): under an imported spoke reply that asked something.
"""

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from hub.core.extensions import db
from hub.crosspost import contents, replies
from hub.crosspost.models import Delivery
from hub.forums.models import Post, Topic
from hub.spoke_inbox.models import InboxItem

EXCERPT_CHARS = 180  # a short form: the networks' limits leave room for the link
INBOX_ANSWER, LOOP_ANSWER, LOOP_REPLY = "inbox-answer", "loop-answer", "loop-reply"


def excerpt(raw: str, limit: int = EXCERPT_CHARS) -> str:
    """The first words of an answer as one line, cut at a word."""
    text = " ".join(raw.replace("#", "").replace("*", "").split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def answer_text(post: Post) -> str:
    return _(
        "Answered on %(site)s: %(excerpt)s",
        site=current_app.config["SITE_NAME"],
        excerpt=excerpt(post.raw),
    )


def pointer_text() -> str:
    return _("Thanks! We answered you on %(site)s:", site=current_app.config["SITE_NAME"])


def point_to_answer(item: InboxItem, post: Post, actor) -> Delivery | None:
    """Queue the reply under the spoke reply that links to the hub answer (no commit)."""
    return _queue(INBOX_ANSWER, item.id, item.delivery, pointer_text(), item.remote_id, actor)


def answer_under_crosspost(post: Post, parent: Delivery, text: str, actor) -> Delivery | None:
    return _queue(LOOP_ANSWER, post.id, parent, text, "", actor)


def answer_under_reply(item: InboxItem, text: str, actor) -> Delivery | None:
    return _queue(LOOP_REPLY, item.id, item.delivery, text, item.remote_id, actor)


def _queue(content_type: str, content_id: int, parent: Delivery, text, reply_to, actor):
    return replies.queue_reply(
        content_type,
        content_id,
        parent,
        reason="answer",
        text=text,
        reply_to=reply_to,
        created_by_id=actor.id if actor is not None else None,
    )


# --- what these replies link to ------------------------------------------------------------


def answer_of(topic_id: int) -> Post | None:
    """The accepted answer, or else the newest official one."""
    topic = db.session.get(Topic, topic_id)
    if topic is None:
        return None
    if topic.accepted_post_id:
        return db.session.get(Post, topic.accepted_post_id)
    return db.session.scalar(
        select(Post)
        .where(Post.topic_id == topic_id, Post.is_official.is_(True))
        .order_by(Post.official_at.desc())
        .limit(1)
    )


def _post_content(post_id: int):
    post = db.session.get(Post, post_id)
    if post is None:
        return None
    public = contents.post_is_public(post)  # the cross-posts' own rule: forum and company wall
    return contents.Content(text=answer_text(post), path=f"/p/{post.id}", public=public)


def _item_content(item_id: int):
    item = db.session.get(InboxItem, item_id)
    if item is None or item.post_id is None:
        return None
    return _post_content(item.post_id)


def _loop_reply_content(item_id: int):
    """Under an imported reply: the topic's accepted answer (or else its newest official)."""
    item = db.session.get(InboxItem, item_id)
    answer = answer_of(item.topic_id) if item is not None else None
    return _post_content(answer.id) if answer is not None else None


def register_contents() -> None:
    """Tell the outbox what each of our content types says and links to."""
    contents.register(INBOX_ANSWER, _item_content)
    contents.register(LOOP_ANSWER, _post_content)
    contents.register(LOOP_REPLY, _loop_reply_content)
