"""Counting unique visitors of a `/go/` link without storing who they are.

A visitor is a keyed hash of (day's salt, link, address, user agent). The salt is random, made
on the day's first click, kept in the database so every app process counts alike, and deleted by
a job right after midnight (or by the next day's first click, whichever comes first): from then
on nobody, not even with the database, can tell whether a given address visited that day. Only
the 16-byte hash and the day's totals are stored.
"""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.outbox import jobs
from hub.referrals.models import LinkDay, LinkVisitor, VisitorSalt

SALT_BYTES = 32
DIGEST_BYTES = 16  # 128 bits: collisions between a day's visitors are not a concern

FORGET_JOB = "referrals.forget_salt"

_salt_cache: dict[str, bytes] = {}  # this process's copy of today's salt


def day_of(moment: datetime) -> str:
    return moment.date().isoformat()


def _insert():
    dialect = db.session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def salt_for(day: str) -> bytes:
    """The day's salt, made by whichever process clicks first; earlier days' salts are deleted."""
    if day in _salt_cache:
        return _salt_cache[day]
    salt = db.session.scalar(select(VisitorSalt.salt).where(VisitorSalt.day == day))
    if salt is None:
        forget_salts_before(day)
        made = _insert()(VisitorSalt).values(day=day, salt=secrets.token_bytes(SALT_BYTES))
        db.session.execute(made.on_conflict_do_nothing(index_elements=["day"]))
        salt = db.session.scalar(select(VisitorSalt.salt).where(VisitorSalt.day == day))
        # Forgotten right after midnight even if nobody clicks the next day.
        midnight = datetime.fromisoformat(day).replace(tzinfo=UTC) + timedelta(days=1)
        jobs.enqueue(FORGET_JOB, {"day": day}, key=f"{FORGET_JOB}:{day}", run_at=midnight)
    _salt_cache.clear()  # only one day is ever worth keeping
    _salt_cache[day] = salt
    return salt


def forget_salts_before(day: str) -> None:
    """Delete the salts of days before `day` (no commit)."""
    db.session.execute(delete(VisitorSalt).where(VisitorSalt.day < day))


@jobs.handler(FORGET_JOB)
def _forget_salt(payload: dict) -> None:
    forget_salts_before(day_of(utcnow()))
    db.session.commit()


def visitor_digest(salt: bytes, link_id: int, address: str, user_agent: str) -> bytes:
    message = f"{link_id}\x00{address}\x00{user_agent}".encode()
    return hashlib.blake2b(message, key=salt, digest_size=DIGEST_BYTES).digest()


def record_click(link_id: int, address: str, user_agent: str, now: datetime | None = None) -> bool:
    """Count a click and, if this visitor is new today, a visitor (no commit).

    Returns whether the visitor was new today.
    """
    day = day_of(now or utcnow())
    digest = visitor_digest(salt_for(day), link_id, address or "", user_agent or "")
    seen = _insert()(LinkVisitor).values(link_id=link_id, day=day, digest=digest)
    # RETURNING says whether the row went in (rowcount is not reliable for ON CONFLICT).
    first_today = seen.on_conflict_do_nothing().returning(LinkVisitor.link_id)
    is_new = db.session.execute(first_today).first() is not None
    counted = _insert()(LinkDay).values(link_id=link_id, day=day, clicks=1, visitors=int(is_new))
    db.session.execute(
        counted.on_conflict_do_update(
            index_elements=["link_id", "day"],
            set_={
                "clicks": LinkDay.clicks + 1,  # in SQL, so concurrent clicks all count
                "visitors": LinkDay.visitors + int(is_new),
            },
        )
    )
    return is_new
