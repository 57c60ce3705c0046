"""Plain helpers for notification tests (call inside an app context)."""

import base64
import json

from sqlalchemy import select

from hub.accounts.models import User
from hub.core.extensions import db
from hub.forums import follows
from hub.notifications.models import Notification
from hub.outbox import runner
from hub.outbox.jobs import Job


def run_worker(app) -> int:
    """Run every due job (the notify.* fan-out and the mails it queues), as the worker would."""
    taken = runner.run_once(app)
    db.session.expire_all()  # the worker wrote through its own session
    return taken


def follow(user: User, topic) -> None:
    follows.add(user.id, "topic", topic.id)
    db.session.commit()


def notifications_of(user: User) -> list[Notification]:
    """The user's notifications, newest first."""
    db.session.expire_all()
    statement = (
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.id.desc())
    )
    return list(db.session.scalars(statement))


def kinds_of(user: User) -> list[str]:
    return [n.kind for n in notifications_of(user)]


def mails_to(user: User) -> list[dict]:
    """The mails queued for the user's address (the `mail` jobs' payloads), oldest first."""
    db.session.expire_all()
    statement = select(Job).where(Job.kind == "mail").order_by(Job.id)
    return [job.payload for job in db.session.scalars(statement) if job.payload["to"] == user.email]


def unconfirm(user: User) -> User:
    user.email_confirmed_at = None
    db.session.commit()
    return user


def tamper(token: str, **changes) -> str:
    """The signed token with its data part rewritten (and the signature left as it was)."""
    data_part, _, rest = token.partition(".")
    data = json.loads(base64.urlsafe_b64decode(data_part + "=" * (-len(data_part) % 4)))
    data.update(changes)
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    return f"{forged}.{rest}"
