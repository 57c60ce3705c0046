"""spoke replies and tokens: deliveries posted as replies, reconnect incidents

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

import hub.models

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("crosspost_deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("reply_to", sa.String(length=255), nullable=False, server_default="")
        )
        batch_op.create_index(
            batch_op.f("ix_crosspost_deliveries_parent_id"), ["parent_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_crosspost_deliveries_parent_id_crosspost_deliveries"),
            "crosspost_deliveries",
            ["parent_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("spoke_accounts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reconnect_since", hub.models.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade():
    with op.batch_alter_table("spoke_accounts", schema=None) as batch_op:
        batch_op.drop_column("reconnect_since")
    with op.batch_alter_table("crosspost_deliveries", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_crosspost_deliveries_parent_id_crosspost_deliveries"),
            type_="foreignkey",
        )
        batch_op.drop_index(batch_op.f("ix_crosspost_deliveries_parent_id"))
        batch_op.drop_column("reply_to")
        batch_op.drop_column("parent_id")
