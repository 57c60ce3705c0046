"""social sign-in

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

import hub.core.columns

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "mastodon_apps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instance", sa.String(length=253), nullable=False),
        sa.Column("client_id", sa.String(length=255), nullable=False),
        sa.Column("client_secret", sa.String(length=255), nullable=False),
        sa.Column("created_at", hub.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mastodon_apps")),
        sa.UniqueConstraint("instance", name=op.f("uq_mastodon_apps_instance")),
    )
    op.create_table(
        "social_identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("email_verified", sa.Boolean(), nullable=False),
        sa.Column("created_at", hub.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_social_identities_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_identities")),
        sa.UniqueConstraint("provider", "subject", name=op.f("uq_social_identities_provider")),
    )
    with op.batch_alter_table("social_identities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_social_identities_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("social_identities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_social_identities_user_id"))
    op.drop_table("social_identities")
    op.drop_table("mastodon_apps")
