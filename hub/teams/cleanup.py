"""Rows that point at a category about to be deleted: written out in the deleting transaction,
because SQLite does not cascade (and a later category may get the same id there); and the
teams that read a private category made public."""

from sqlalchemy import delete

from hub.core.extensions import db
from hub.teams.models import CategoryModerator, TeamCategory, TeamPrivateAccess


def forget_space(space_id: int) -> None:
    """No team answers in it or reads it any more, and nobody moderates it (not committed)."""
    for table in (TeamCategory, TeamPrivateAccess, CategoryModerator):
        db.session.execute(delete(table).where(table.space_id == space_id))


def forget_readers(space_id: int) -> None:
    """No team reads the category as a private one any more (not committed): made private
    again, it opens to nobody until teams are chosen anew."""
    db.session.execute(delete(TeamPrivateAccess).where(TeamPrivateAccess.space_id == space_id))
