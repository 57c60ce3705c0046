"""Closing the loop: when a cross-posted question gets an accepted or official answer, the hub
replies under its cross-post on each spoke account (and under imported spoke replies that asked
something) with a short form of the answer and its link. Per account: on, off, or ask the expert
who accepted or marked the answer first.

Like the cross-posting receivers, these run after the forums service has committed and write in
a transaction of their own; a problem here never fails the expert's request.
"""

import logging

from flask import Flask
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.dialects import postgresql, sqlite

from hub import permissions
from hub.accounts.models import STAFF_ROLES, User
from hub.core import events
from hub.core.columns import utcnow
from hub.core.errors import Invalid, NotFound
from hub.core.extensions import db
from hub.crosspost.models import Delivery, DeliveryStatus, SpokeAccount
from hub.forums.models import Post
from hub.spoke_inbox import outbound
from hub.spoke_inbox.models import (
    DEFAULT_LOOP_MODE,
    InboxItem,
    ItemStatus,
    LoopMode,
    LoopPrompt,
    LoopSetting,
    PromptStatus,
)

log = logging.getLogger(__name__)
TEXT_MAX = 1000


# --- settings ---------------------------------------------------------------------------------


def loop_modes() -> dict[int, str]:
    """{account id: mode} for every account (no row: the default)."""
    set_modes = {s.account_id: s.mode for s in db.session.scalars(select(LoopSetting))}
    ids = db.session.scalars(select(SpokeAccount.id))
    return {account_id: set_modes.get(account_id, DEFAULT_LOOP_MODE.value) for account_id in ids}


def set_loop_mode(actor, account_id: int, mode: str) -> LoopSetting:
    """Raises: Forbidden, NotFound, Invalid."""
    permissions.require(permissions.can_manage_spokes(actor))
    if db.session.get(SpokeAccount, account_id) is None:
        raise NotFound(_("There is no such account."))
    if mode not in tuple(LoopMode):
        raise Invalid(_("Choose on, off or ask first."), {"mode": mode})
    setting = db.session.get(LoopSetting, account_id) or LoopSetting(account_id=account_id)
    setting.mode = mode
    db.session.add(setting)
    db.session.commit()
    return setting


def close_loop(post: Post, actor) -> int:
    """Queue replies (mode on) or prompts (mode ask) for every delivered cross-post of the
    post's topic; commits; returns how many replies and prompts were written."""
    if post.is_hidden or post.number == 1:
        return 0
    modes = loop_modes()
    written = 0
    for parent in _crossposts(post.topic_id):
        mode = modes.get(parent.account_id, DEFAULT_LOOP_MODE.value)
        if mode == LoopMode.OFF:
            continue
        targets = [(parent, None)] + [(parent, item) for item in _asking_imports(parent)]
        for delivery, item in targets:
            text = outbound.answer_text(post)
            if mode == LoopMode.ON:
                written += _send(post, delivery, item, text, actor) is not None
            else:
                written += _prompt(post, delivery, item, text, actor)
    db.session.commit()
    return written


def _crossposts(topic_id: int) -> list[Delivery]:
    rows = db.session.scalars(
        select(Delivery).where(
            Delivery.content_type == "topic",
            Delivery.content_id == topic_id,
            Delivery.status == DeliveryStatus.DELIVERED,
            Delivery.remote_id != "",
        )
    )
    return [d for d in rows if d.parent_id is None and not d.account.is_demo]


def _asking_imports(parent: Delivery) -> list[InboxItem]:
    items = db.session.scalars(
        select(InboxItem).where(
            InboxItem.delivery_id == parent.id,
            InboxItem.status == ItemStatus.IMPORTED,
            InboxItem.deleted_at.is_(None),
        )
    )
    return [item for item in items if item.asks_something]


def _send(post: Post, parent: Delivery, item: InboxItem | None, text: str, actor):
    if item is None:
        return outbound.answer_under_crosspost(post, parent, text, actor)
    return outbound.answer_under_reply(item, text, actor)


def _prompt(post: Post, parent: Delivery, item: InboxItem | None, text: str, actor) -> int:
    """A prompt for the expert (no commit); the same answer and place twice is one prompt."""
    insert = (
        postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert
    )
    statement = insert(LoopPrompt).values(
        post_id=post.id,
        delivery_id=parent.id,
        item_id=item.id if item else None,
        reply_to=item.remote_id if item else "",
        user_id=actor.id,
        text=text,
        status=PromptStatus.PENDING.value,
        created_at=utcnow(),
    )
    added = statement.on_conflict_do_nothing(
        index_elements=["post_id", "delivery_id", "reply_to"]
    ).returning(LoopPrompt.id)
    return int(db.session.execute(added).first() is not None)


# --- prompts ------------------------------------------------------------------------------------


def pending_prompts(user) -> list[LoopPrompt]:
    """The prompts waiting for this expert, and those of answers the asker accepted (all of
    them for an admin)."""
    if not permissions.is_staff(user):
        return []
    query = select(LoopPrompt).where(LoopPrompt.status == PromptStatus.PENDING)
    if not user.is_admin:  # an asker's acceptance waits for any expert
        query = query.join(User, User.id == LoopPrompt.user_id).where(
            or_(LoopPrompt.user_id == user.id, User.role.not_in(list(STAFF_ROLES)))
        )
    return list(db.session.scalars(query.order_by(LoopPrompt.id).limit(20)))


def decide_prompt(actor, prompt_id: int, send: bool, text: str = "") -> LoopPrompt:
    """Send the (edited) reply, or skip it. Raises: NotFound, Forbidden, Invalid."""
    prompt = db.session.get(LoopPrompt, prompt_id)
    if prompt is None or prompt.status != PromptStatus.PENDING:
        raise NotFound(_("This reply on the spoke was already sent or skipped."))
    permissions.require(permissions.can_decide_loop_prompt(actor, prompt))
    if send:
        text = (text or "").strip()
        if not text or len(text) > TEXT_MAX:
            message = _("Write a text of at most %(n)d characters.", n=TEXT_MAX)
            raise Invalid(message, {"text": message})
        post = db.session.get(Post, prompt.post_id)
        item = db.session.get(InboxItem, prompt.item_id) if prompt.item_id else None
        _send(post, prompt.delivery, item, text, actor)
    prompt.status = (PromptStatus.SENT if send else PromptStatus.SKIPPED).value
    prompt.text = text or prompt.text
    prompt.decided_at = utcnow()
    db.session.commit()
    return prompt


# --- signals ------------------------------------------------------------------------------------


def _on_answer_accepted(topic, post=None, actor=None, **extra) -> None:
    if post is not None:
        _close_safely(post.id, actor)


def _on_marked_official(post, actor=None, **extra) -> None:
    _close_safely(post.id, actor)


def _close_safely(post_id: int, actor) -> None:
    try:
        post = db.session.get(Post, post_id)
        if post is not None and actor is not None:
            close_loop(post, actor)
    except Exception:
        db.session.rollback()
        log.exception("spoke inbox: could not close the loop for post %s", post_id)


def connect_signals() -> None:
    # weak=False: blinker would otherwise drop module-level receivers only by reference.
    events.answer_accepted.connect(_on_answer_accepted, weak=False)
    events.post_marked_official.connect(_on_marked_official, weak=False)


def init_app(app: Flask) -> None:
    outbound.register_contents()

    @app.context_processor
    def loop_prompt_helper():
        return {"loop_prompts": lambda: pending_prompts(current_user)}
