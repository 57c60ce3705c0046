"""chat reads and notices: private lines remember since when they wait for the team

Read markers exist since 0006 (chat_members.last_read_id); a reply notification is keyed by the
member's read marker, so it needs no table of its own.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

import hub.core.columns

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("chat_rooms") as batch:
        batch.add_column(
            sa.Column("waiting_since", hub.core.columns.UTCDateTime(timezone=True), nullable=True)
        )
        batch.create_index(batch.f("ix_chat_rooms_waiting_since"), ["waiting_since"])


def downgrade():
    with op.batch_alter_table("chat_rooms") as batch:
        batch.drop_index(batch.f("ix_chat_rooms_waiting_since"))
        batch.drop_column("waiting_since")
