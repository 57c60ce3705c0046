"""Checks the forums and accounts services call before writing: rate limits, link limits,
duplicates, the first-post approval queue and registrations per IP.

The numbers are site settings (`hub.moderation.settings`). Staff and moderators are exempt
from rate and link limits; nobody may post the same text twice within the duplicate window.
"""

import hashlib
import hmac
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import delete, func, select

from hub.core import transactions
from hub.core.columns import utcnow
from hub.core.errors import Invalid, TooMany
from hub.core.extensions import db
from hub.forums.models import Post
from hub.moderation import reasons, settings
from hub.moderation.models import Action, ModerationAction, Registration, TargetType

# A URL as members type it: with a scheme, or starting with www. (linkified either way).
_LINK = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]]+")


_bypass: ContextVar[bool] = ContextVar("moderation_guard_bypass", default=False)


@contextmanager
def bypassed() -> Iterator[None]:
    """Skip the posting and registration checks inside the block: for loading the demo or an
    import, where one script writes what many people wrote over months."""
    token = _bypass.set(True)
    try:
        yield
    finally:
        _bypass.reset(token)


def _exempt(actor) -> bool:
    return bool(_bypass.get() or actor.is_staff or actor.is_moderator)


def is_new_member(actor, now: datetime | None = None, *, values: dict | None = None) -> bool:
    """Younger than the `new_member_hours` setting (a day by default)."""
    hours = (values or settings.current())["new_member_hours"]
    return (now or utcnow()) - actor.created_at < timedelta(hours=hours)


def count_links(body: str) -> int:
    return len(_LINK.findall(body or ""))


def check_posting(actor, *, kind: str, body: str) -> None:
    """Refuse a new topic (`kind="topic"`) or reply (`"reply"`) that breaks a posting rule.

    Raises: TooMany (rate limit, with the seconds to wait), Invalid (too many links for a new
    member, or the same text again within the duplicate window).
    """
    if kind not in ("topic", "reply"):
        raise ValueError(f"kind must be 'topic' or 'reply', not {kind!r}")
    if _bypass.get():
        return
    take_turn(actor)
    values, now = settings.current(), utcnow()
    body = (body or "").strip()
    _refuse_duplicate(actor, body, now, values["duplicate_window"])
    if _exempt(actor):
        return
    new = is_new_member(actor, now, values=values)
    if new and count_links(body) > values["new_member_links"]:
        limit = values["new_member_links"]
        raise Invalid(
            _("Please correct the marked fields."),
            {
                "body": ngettext(
                    "In their first day, members can include at most %(num)d link per post.",
                    "In their first day, members can include at most %(num)d links per post.",
                    limit,
                )
            },
        )
    prefix = "new_" if new else ""
    limit, window = values[f"{prefix}{kind}_limit"], values[f"{prefix}{kind}_window"]
    _enforce_rate(actor, kind, limit, window, now, new)


def take_turn(actor) -> None:
    """Wait until the member's other posts being written now are committed, and hold the turn
    to the end of the transaction: one member's posts are checked one after the other, so two
    sent at once cannot both slip under the limit or past the duplicate check, and a copy of a
    write sent at the same moment finds the first one stored (`hub.core.write_keys`)."""
    if not _bypass.get():
        transactions.lock_name(f"posting:{actor.id}")


def _refuse_duplicate(actor, body: str, now: datetime, window: int) -> None:
    if not window or not body:
        return
    same = db.session.scalar(
        select(Post.id)
        .where(
            Post.author_id == actor.id,
            Post.created_at >= now - timedelta(seconds=window),
            Post.raw == body,
        )
        .limit(1)
    )
    if same is not None:
        raise Invalid(
            _("Please correct the marked fields."),
            {"body": _("You posted exactly this a moment ago. Say something new, or edit it.")},
        )


def _enforce_rate(actor, kind: str, limit: int, window: int, now: datetime, new: bool) -> None:
    """At most `limit` posts of `kind` in any `window` seconds: the oldest in the window says
    how long to wait."""
    since = now - timedelta(seconds=window)
    number = Post.number == 1 if kind == "topic" else Post.number > 1
    recent = list(
        db.session.scalars(
            select(Post.created_at)
            .where(Post.author_id == actor.id, number, Post.created_at > since)
            .order_by(Post.created_at.desc())
            .limit(limit)
        )
    )
    if len(recent) < limit:
        return
    wait = max(1, math.ceil((recent[-1] + timedelta(seconds=window) - now).total_seconds()))
    minutes = max(1, round(window / 60))
    if kind == "topic":
        rule = ngettext(
            "You can start %(num)d topic every %(minutes)d minutes",
            "You can start %(num)d topics every %(minutes)d minutes",
            limit,
            minutes=minutes,
        )
    else:
        rule = ngettext(
            "You can post %(num)d reply every %(minutes)d minutes",
            "You can post %(num)d replies every %(minutes)d minutes",
            limit,
            minutes=minutes,
        )
    if new:
        rule = _("%(rule)s while your account is new", rule=rule)
    raise TooMany(
        _("%(rule)s. Please try again in %(seconds)d seconds.", rule=rule, seconds=wait),
        retry_after=wait,
    )


# --- the approval queue for first posts --------------------------------------------------------


def needs_approval(actor) -> bool:
    """With the site setting on, a member's posts wait for approval until one was visible.

    Ask before adding the new post (it would count as visible). Staff and moderators never
    wait.
    """
    if _exempt(actor) or not settings.get("approve_first_post"):
        return False
    visible = db.session.scalar(
        select(func.count(Post.id)).where(Post.author_id == actor.id, Post.hidden_at.is_(None))
    )
    return not visible


def hold_for_approval(post: Post) -> None:
    """Hide a new post as "awaiting approval" and put it in the queue (in the caller's
    transaction, no commit). The forums service calls this when `needs_approval` says so."""
    if post.id is None:
        db.session.flush()
    post.hidden_at, post.hidden_reason = utcnow(), str(reasons.AWAITING_APPROVAL)
    db.session.add(
        ModerationAction(
            actor_id=None,
            action=Action.HOLD.value,
            target_type=TargetType.POST.value,
            target_id=post.id,
            target_user_id=post.author_id,
            reason_code="awaiting_approval",
            public_reason=post.hidden_reason,
        )
    )


# --- registrations per IP -----------------------------------------------------------------------


def _ip_hash(ip: str) -> str:
    """A keyed hash: the table never holds an address, and hashes differ between hubs."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, (ip or "").encode(), hashlib.sha256).hexdigest()


def check_registration(ip: str | None) -> None:
    """Count a registration from `ip`, refusing it past the daily limit.

    Call it inside the registration's transaction, before its commit: the registration counts
    only if it commits. Entries older than a day are dropped as they expire.

    Raises: TooMany (with the seconds until the oldest registration of the day expires).
    """
    if not ip or _bypass.get():
        return
    now = utcnow()
    day_ago = now - timedelta(days=1)
    digest = _ip_hash(ip)
    transactions.lock_name(f"registrations:{digest}")  # counted one after the other
    db.session.execute(delete(Registration).where(Registration.created_at < day_ago))
    recent = list(
        db.session.scalars(
            select(Registration.created_at)
            .where(Registration.ip_hash == digest, Registration.created_at >= day_ago)
            .order_by(Registration.created_at)
        )
    )
    if len(recent) >= settings.get("registrations_per_ip"):
        wait = max(1, math.ceil((recent[0] + timedelta(days=1) - now).total_seconds()))
        raise TooMany(
            _("Too many accounts were created from your network today. Please try tomorrow."),
            retry_after=wait,
        )
    db.session.add(Registration(ip_hash=digest, created_at=now))
