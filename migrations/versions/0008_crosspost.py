"""crosspost: spoke accounts, category rules, deliveries and tracked links

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

import hub.core.columns

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "spoke_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("network", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("instance_url", sa.String(length=500), nullable=False),
        sa.Column("page_id", sa.String(length=128), nullable=False),
        sa.Column("client_id", sa.String(length=128), nullable=False),
        sa.Column("client_secret", sa.Text(), nullable=False),
        sa.Column("access_token", sa.Text(), nullable=False),
        sa.Column("refresh_token", sa.Text(), nullable=False),
        sa.Column("token_expires_at", hub.core.columns.UTCDateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("created_at", hub.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spoke_accounts")),
    )
    op.create_table(
        "crosspost_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=16), nullable=False),
        sa.Column("content_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("idempotency_key", sa.String(length=255), nullable=False),
        sa.Column("remote_id", sa.String(length=255), nullable=False),
        sa.Column("remote_url", sa.String(length=1000), nullable=False),
        sa.Column("error", sa.String(length=2000), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", hub.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", hub.core.columns.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["spoke_accounts.id"],
            name=op.f("fk_crosspost_deliveries_account_id_spoke_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_crosspost_deliveries_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crosspost_deliveries")),
        sa.UniqueConstraint(
            "content_type",
            "content_id",
            "account_id",
            name=op.f("uq_crosspost_deliveries_content_type"),
        ),
        sa.UniqueConstraint(
            "idempotency_key", name=op.f("uq_crosspost_deliveries_idempotency_key")
        ),
    )
    with op.batch_alter_table("crosspost_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_crosspost_deliveries_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "tracked_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("content_type", sa.String(length=16), nullable=False),
        sa.Column("content_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("target_path", sa.String(length=500), nullable=False),
        sa.Column("clicks", sa.Integer(), nullable=False),
        sa.Column("created_at", hub.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["spoke_accounts.id"],
            name=op.f("fk_tracked_links_account_id_spoke_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tracked_links")),
        sa.UniqueConstraint("code", name=op.f("uq_tracked_links_code")),
        sa.UniqueConstraint(
            "content_type", "content_id", "account_id", name=op.f("uq_tracked_links_content_type")
        ),
    )
    op.create_table(
        "crosspost_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("hashtags", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["spaces.id"],
            name=op.f("fk_crosspost_rules_space_id_spaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crosspost_rules")),
        sa.UniqueConstraint("space_id", name=op.f("uq_crosspost_rules_space_id")),
    )


def downgrade():
    op.drop_table("crosspost_rules")
    op.drop_table("tracked_links")
    with op.batch_alter_table("crosspost_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crosspost_deliveries_account_id"))

    op.drop_table("crosspost_deliveries")
    op.drop_table("spoke_accounts")
