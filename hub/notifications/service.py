"""Notification actions: the enqueue contract with the forums service, and members' own actions.

The forums service calls `enqueue_for_*` inside its own transaction; the jobs they add are run
by the worker (`hub.notifications.fanout`), which decides who hears about what. Everything a
member does to their own notifications and e-mail choices is here too.
"""

from flask_babel import gettext as _
from sqlalchemy import update

from hub.accounts import tokens
from hub.accounts.models import User
from hub.core.columns import utcnow
from hub.core.errors import Invalid, NotFound, Unauthorized
from hub.core.extensions import db
from hub.notifications.models import KINDS, Kind, Notification, NotificationSetting
from hub.outbox import jobs

UNSUBSCRIBE_PURPOSE = "unsubscribe"
UNSUBSCRIBE_MAX_AGE = 365 * 24 * 60 * 60  # a link in a year-old mail still works


# --- the contract with the forums service (no commit: the caller's transaction) -------------


def _with_id(obj) -> int:
    """The row's id, flushing first when the caller has not yet (a new post has none)."""
    if obj.id is None:
        db.session.flush()
    return obj.id


def enqueue_for_reply(post) -> None:
    """A new reply: tell followers, the mentioned and (for an expert's answer) the asker."""
    post_id = _with_id(post)
    jobs.enqueue("notify.reply", {"post_id": post_id}, key=f"notify:reply:{post_id}")


def enqueue_for_accepted(topic, post, actor) -> None:
    """`actor` accepted `post` as the answer to `topic`: tell the post's author."""
    post_id = _with_id(post)
    jobs.enqueue(
        "notify.accepted",
        {"post_id": post_id, "actor_id": actor.id},
        key=f"notify:accepted:{post_id}:{topic.accepted_post_id}",
    )


def enqueue_for_official(post, actor) -> None:
    """`actor` marked `post` as an official answer: tell the post's author."""
    post_id = _with_id(post)
    jobs.enqueue(
        "notify.official",
        {"post_id": post_id, "actor_id": actor.id},
        key=f"notify:official:{post_id}",
    )


def enqueue_for_topic(topic, post) -> None:
    """A new topic whose opening `post` may @mention people: tell them."""
    topic_id, post_id = _with_id(topic), _with_id(post)
    jobs.enqueue(
        "notify.topic", {"topic_id": topic_id, "post_id": post_id}, key=f"notify:topic:{topic_id}"
    )


def enqueue_for_shown(post) -> None:
    """A held or hidden post became visible: tell those its creation would have told. The
    fan-out skips people told before, so a post that was visible once rings no bell twice."""
    post_id = _with_id(post)
    if post.number == 1:
        payload = {"topic_id": post.topic_id, "post_id": post_id}
        jobs.enqueue("notify.topic", payload, key=f"notify:shown:{post_id}")
    else:
        jobs.enqueue("notify.reply", {"post_id": post_id}, key=f"notify:shown:{post_id}")


# --- a member's own notifications -------------------------------------------------------------


def _require_member(actor) -> User:
    """Raises: Unauthorized for visitors."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise Unauthorized(_("Log in first."))
    return actor


def get_own(actor, notification_id: int) -> Notification:
    """Raises: Unauthorized, NotFound (also for someone else's: they are private)."""
    _require_member(actor)
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != actor.id:
        raise NotFound(_("This notification does not exist."))
    return notification


def mark_read(actor, notification_id: int) -> Notification:
    """Mark one of the actor's notifications read. Raises: Unauthorized, NotFound."""
    notification = get_own(actor, notification_id)
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.commit()
    return notification


def mark_many_read(actor, notification_ids: list[int]) -> int:
    """Mark these of the actor's notifications read; others' ids are ignored. Returns how many."""
    _require_member(actor)
    if not notification_ids:
        return 0
    return _mark_unread_read(actor.id, Notification.id.in_(notification_ids))


def mark_all_read(actor) -> int:
    """Mark every unread notification of the actor read. Returns how many changed."""
    _require_member(actor)
    return _mark_unread_read(actor.id)


def _mark_unread_read(user_id: int, *conditions) -> int:
    statement = (
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None), *conditions)
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    changed = db.session.execute(statement).rowcount
    db.session.commit()
    return changed


# --- e-mail choices -------------------------------------------------------------------------


def set_email_choices(actor, choices: dict[str, bool]) -> None:
    """Turn e-mail on or off per kind; kinds not named keep their setting.

    Raises: Unauthorized, Invalid (an unknown kind).
    """
    _require_member(actor)
    unknown = set(choices) - set(KINDS)
    if unknown:
        raise Invalid(_("Unknown kind of notification."), {"kind": ", ".join(sorted(unknown))})
    for kind, email in choices.items():
        _set_email(actor.id, kind, bool(email))
    db.session.commit()


def _set_email(user_id: int, kind: str, email: bool) -> None:
    setting = db.session.get(NotificationSetting, (user_id, kind))
    if setting is None:
        db.session.add(NotificationSetting(user_id=user_id, kind=kind, email=email))
    else:
        setting.email = email


def unsubscribe_token(user_id: int, kind: str) -> str:
    """The signed part of the one-click link in a mail: it turns off mail of `kind` for `user`."""
    return tokens.sign(UNSUBSCRIBE_PURPOSE, {"uid": user_id, "kind": str(kind)})


def check_unsubscribe(token: str) -> tuple[User, Kind]:
    """Whose mail of which kind the link stops. Raises: Invalid (forged, altered or expired)."""
    data = tokens.unsign(UNSUBSCRIBE_PURPOSE, token, UNSUBSCRIBE_MAX_AGE)
    user = db.session.get(User, data["uid"]) if data else None
    if user is None or data.get("kind") not in KINDS:
        raise Invalid(
            _("This unsubscribe link is not valid. Change your settings after logging in."),
            {"token": "invalid"},
        )
    return user, Kind(data["kind"])


def unsubscribe(token: str) -> tuple[User, Kind]:
    """Turn off the e-mails the link was made for. Raises: Invalid."""
    user, kind = check_unsubscribe(token)
    _set_email(user.id, kind, False)
    db.session.commit()
    return user, kind
