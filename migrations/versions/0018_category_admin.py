"""categories in the admin area: colour, icon, language and archiving; old slugs redirect

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

import hub.core.columns

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("spaces", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("colour", sa.String(length=7), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("icon", sa.String(length=32), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("language", sa.String(length=8), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("archived_at", hub.core.columns.UTCDateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("spaces", schema=None) as batch_op:
        batch_op.alter_column("colour", server_default=None)
        batch_op.alter_column("icon", server_default=None)
        batch_op.alter_column("language", server_default=None)
    op.create_table(
        "space_slug_redirects",
        sa.Column("old_slug", sa.String(length=80), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("created_at", hub.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["space_id"], ["spaces.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("old_slug"),
    )
    op.create_index(
        "ix_space_slug_redirects_space_id", "space_slug_redirects", ["space_id"], unique=False
    )
    # Moving a category up or down swaps it with its neighbour by position (`position - 1`,
    # `position + 1`), which needs the categories numbered 0, 1, 2, ... in their shown order.
    op.execute(
        """
        UPDATE spaces SET position = ranked.place
        FROM (
            SELECT id, ROW_NUMBER() OVER (ORDER BY position, name, id) - 1 AS place
            FROM spaces WHERE kind = 'category'
        ) AS ranked
        WHERE ranked.id = spaces.id
        """
    )

def downgrade():
    op.drop_index("ix_space_slug_redirects_space_id", table_name="space_slug_redirects")
    op.drop_table("space_slug_redirects")
    with op.batch_alter_table("spaces", schema=None) as batch_op:
        batch_op.drop_column("archived_at")
        batch_op.drop_column("language")
        batch_op.drop_column("icon")
        batch_op.drop_column("colour")
