"""Transactions that lose a race are run again, never answered with a 500.

Two writers can meet on the same row or the same unique key; the database then refuses one of
them (a unique violation, a deadlock, a serialization failure, SQLite's "database is locked"),
or the connection drops under it (a restart, `pg_terminate_backend`). None of that is the
user's fault and all of it passes, so the whole action runs again from its first read, up to a
few times, and the second run sees what the other writer committed. Only what has not
committed is run again: an action that committed and failed afterwards is never repeated, so a
retry cannot post twice, unless the first commit on the way stored a write under its write
key (`commit`, `hub.core.write_keys`): the second run finds that write and answers with it,
where the first run's answer was lost with its connection. When the attempts are used up
the caller gets `Busy` (503 with Retry-After), which the forms show above the text the user
wrote.

Services use `@retried`; `rerun` is the net the app puts around every view (see
`hub.create_app`) for what fails outside a service, such as a page's reads; `close_session`
ends each request's session without failing a page whose connection ended after it was made.
"""

import functools
import logging
import random
import time
from contextvars import ContextVar

from flask_babel import gettext as _
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from hub.core.errors import Busy
from hub.core.extensions import db

log = logging.getLogger(__name__)

ATTEMPTS = 5
FIRST_PAUSE = 0.02  # seconds; doubled after every attempt, with jitter so rivals spread out
TIME_BUDGET = 10.0  # seconds of trying before the user is asked to send again
RETRY_AFTER = 2  # seconds, in the Busy answer

# PostgreSQL SQLSTATEs that pass on a second try: unique and foreign-key violations (a rival
# inserted or deleted first; the rerun sees it and answers properly), serialization failure,
# deadlock, lock not available, and the server ending the connection (pg_terminate_backend,
# shutdown, crash recovery) or refusing new ones while it starts.
_PG_PASSING = {"23505", "23503", "40001", "40P01", "55P03", "57P01", "57P02", "57P03"}
# SQLite: busy and locked (the writer lock, held longer than busy_timeout), and the unique,
# primary-key and foreign-key violations.
_SQLITE_PASSING = {5, 6, 517, 2067, 1555, 787}

_inside: ContextVar[bool] = ContextVar("inside_retried_action", default=False)


def retried(action):
    """Run a service action again when its transaction lost a race (see the module docstring).

    An action called from inside another retried action joins it: only the outermost one
    rolls back and runs again, since a rollback undoes the caller's writes too.
    Raises: Busy, when every attempt lost.
    """

    @functools.wraps(action)
    def run(*args, **kwargs):
        if _inside.get():
            return action(*args, **kwargs)
        token = _inside.set(True)
        try:
            return attempt(lambda: action(*args, **kwargs), action.__qualname__)
        finally:
            _inside.reset(token)

    return run


def rerun(view):
    """The net around a whole request: what failed outside a retried service (a page's reads on
    a dropped connection, a race in an action that is not marked) runs again if nothing was
    committed yet. Raises: Busy."""
    if _inside.get():
        return view()
    return attempt(view, "request")


def attempt(work, name: str):
    """`work()`, again after a passing database error, unless something committed meanwhile
    that the next run would not find again (see `commit`)."""
    started = time.monotonic()
    for number in range(1, ATTEMPTS + 1):
        commits = _commit_count()
        try:
            return work()
        except DBAPIError as error:
            db.session.rollback()
            if not passes(error) or not _may_run_again(commits):
                raise
            spent = time.monotonic() - started
            if number == ATTEMPTS or spent > TIME_BUDGET:
                log.warning("%s gave up after %d attempts (%.1f s): %s", name, number, spent, error)
                raise Busy(_busy_message(), retry_after=RETRY_AFTER) from error
            log.info("%s: attempt %d lost (%s); trying again", name, number, _brief(error))
            time.sleep(FIRST_PAUSE * 2 ** (number - 1) * random.uniform(0.5, 1.5))
    raise AssertionError("unreachable")


def commit(write_key: str | None) -> None:
    """Commit a write, noting whether it was stored under a write key: running the action
    again after such a commit finds the write instead of making it twice, so a failure after
    it may still run again. What commits after it (the write's event receivers: the search
    index, referrals) belongs to the write, and the rerun that finds the write leaves it be;
    an action writing under a key therefore writes nothing else of its own after it."""
    db.session.commit()
    if write_key is not None:
        db.session().info.setdefault("keyed", set()).add(_commit_count())


def close_session(exc: BaseException | None = None) -> None:
    """End the session when a request (or socket event) is over. A connection the database
    ended after the answer was made held only a transaction that the teardown rolls back
    anyway: its failed rollback is logged, not turned into a 500."""
    try:
        db.session.close()
    except DBAPIError as error:
        if not error.connection_invalidated:
            raise
        log.info("connection ended after the answer was made (%s)", _brief(error))


def passes(error: DBAPIError) -> bool:
    """Whether a database error passes on a second try (a race or a dropped connection)."""
    if error.connection_invalidated:
        return True
    original = error.orig
    sqlstate = getattr(original, "sqlstate", None)
    if sqlstate is not None:
        return sqlstate in _PG_PASSING or sqlstate.startswith("08")  # 08: connection errors
    if hasattr(original, "sqlite_errorcode"):
        return original.sqlite_errorcode in _SQLITE_PASSING
    # A psycopg error without SQLSTATE is a client-side connection failure.
    return type(original).__module__.startswith("psycopg") and not isinstance(error, IntegrityError)


def lock(model, row_id: int) -> None:
    """Take the write lock on one row for the rest of the transaction, so what is read next is
    what the last writer committed and nobody else can change it until we commit.

    PostgreSQL locks the row as an UPDATE would (FOR NO KEY UPDATE: rows that merely refer to
    it, such as a new vote, still go in, so the lock cannot deadlock with their inserts);
    SQLite has only the database-wide writer lock, which any write takes, so a no-op UPDATE of
    the row starts the write transaction there.
    """
    key = model.__mapper__.primary_key[0]
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(select(key).where(key == row_id).with_for_update(key_share=True))
    else:  # plain SQL: it changes nothing, and nothing watching ORM writes should think so
        table = model.__table__.name
        statement = f"UPDATE {table} SET {key.name} = {key.name} WHERE {key.name} = :id"
        db.session.execute(text(statement), {"id": row_id})


def lock_name(name: str) -> None:
    """Take a lock named by a string (e.g. "posting:42") for the rest of the transaction, where
    no single row stands for what is guarded: PostgreSQL's advisory transaction lock; on SQLite
    the writer lock, which any write takes (this one changes no row)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(name, 0))))
    else:
        db.session.execute(text("UPDATE site_settings SET key = key WHERE 0"))


def _busy_message() -> str:
    return _(
        "So many people are writing right now that this did not go through. Your text is "
        "still here: send it again in a moment."
    )


def _brief(error: DBAPIError) -> str:
    return str(error.orig).splitlines()[0][:160]


def _commit_count() -> int:
    return db.session().info.get("commits", 0)


def _may_run_again(commits_before: int) -> bool:
    """Nothing committed since, or the first commit since stored a write under its key."""
    if _commit_count() == commits_before:
        return True
    return commits_before + 1 in db.session().info.get("keyed", ())


@event.listens_for(Session, "after_commit")
def _count_commit(session: Session) -> None:
    session.info["commits"] = session.info.get("commits", 0) + 1
