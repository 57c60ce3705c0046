"""Column reads that every member page runs, without the ORM's work around each query.

`db.session.execute` spends about 0.2 ms of Python around a select of plain columns whose SQL
takes 0.02 ms; the session's own connection runs the same statement, in the same transaction,
without it. Building and hashing a statement costs another 0.1-0.5 ms, so the statements here
are built once per process (`functools.cache` on a builder) with bound parameters. Only for
selects of columns, never of mapped objects: those need the session's identity map.
"""

from sqlalchemy import Select

from hub.core.extensions import db


def rows(statement: Select, **params) -> list:
    """All rows of `statement` with `params` bound, as the session would see them."""
    db.session.flush()  # what autoflush would write first; nothing at all on a GET
    return db.session.connection().execute(statement, params).all()


def scalar(statement: Select, **params):
    """The first column of the first row, or None."""
    found = rows(statement, **params)
    return found[0][0] if found else None
