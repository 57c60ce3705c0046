"""spoke replies and tokens: deliveries posted as replies, reconnect incidents, and the
accounts' tokens and client secrets encrypted at rest (key: HUB_SPOKE_TOKEN_KEY, or derived
from HUB_SECRET_KEY; the same key must be set when migrating and when running)

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

import hub.core.columns
from hub.crosspost import tokens

SECRETS = ("access_token", "refresh_token", "client_secret")
accounts = sa.table(
    "spoke_accounts", sa.column("id", sa.Integer), *(sa.column(name, sa.Text) for name in SECRETS)
)

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
            sa.Column("reconnect_since", hub.core.columns.UTCDateTime(timezone=True), nullable=True)
        )
    _convert(tokens.seal)


def _convert(change) -> None:
    """Rewrite every stored secret with `change` (seal on upgrade, unseal on downgrade)."""
    connection = op.get_bind()
    for row in connection.execute(sa.select(accounts)).mappings().all():
        values = {name: change(row[name] or "") for name in SECRETS}
        connection.execute(accounts.update().where(accounts.c.id == row["id"]).values(values))


def downgrade():
    _convert(tokens.unseal)
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
