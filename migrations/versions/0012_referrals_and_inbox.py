"""referrals and inbox: unique visitors per link and day, registrations and first posts
attributed to a spoke, the spoke inbox, and answering back on the spokes

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

import hub.core.columns

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "referral_visitor_salts",
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("salt", sa.LargeBinary(length=32), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_referral_visitor_salts")),
    )
    op.create_table(
        "spoke_loop_settings",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["spoke_accounts.id"],
            name=op.f("fk_spoke_loop_settings_account_id_spoke_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_spoke_loop_settings")),
    )
    op.create_table(
        "referral_link_days",
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("clicks", sa.Integer(), nullable=False),
        sa.Column("visitors", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["tracked_links.id"],
            name=op.f("fk_referral_link_days_link_id_tracked_links"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("link_id", "day", name=op.f("pk_referral_link_days")),
    )
    op.create_table(
        "referral_link_visitors",
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("digest", sa.LargeBinary(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["tracked_links.id"],
            name=op.f("fk_referral_link_visitors_link_id_tracked_links"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("link_id", "day", "digest", name=op.f("pk_referral_link_visitors")),
    )
    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("content_type", sa.String(length=16), nullable=False),
        sa.Column("content_id", sa.Integer(), nullable=False),
        sa.Column("created_at", hub.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("first_post_id", sa.Integer(), nullable=True),
        sa.Column("first_post_at", hub.core.columns.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["spoke_accounts.id"],
            name=op.f("fk_referrals_account_id_spoke_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["first_post_id"],
            ["posts.id"],
            name=op.f("fk_referrals_first_post_id_posts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["tracked_links.id"],
            name=op.f("fk_referrals_link_id_tracked_links"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_referrals_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
        sa.UniqueConstraint("user_id", name=op.f("uq_referrals_user_id")),
    )
    op.create_index(op.f("ix_referrals_account_id"), "referrals", ["account_id"], unique=False)
    op.create_index(op.f("ix_referrals_link_id"), "referrals", ["link_id"], unique=False)
    op.create_table(
        "spoke_inbox_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("remote_id", sa.String(length=255), nullable=False),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("author_handle", sa.String(length=200), nullable=False),
        sa.Column("author_url", sa.String(length=1000), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("remote_created_at", hub.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("fetched_at", hub.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("deleted_at", hub.core.columns.UTCDateTime(timezone=True), nullable=True),
        sa.Column("handled_by_id", sa.Integer(), nullable=True),
        sa.Column("handled_at", hub.core.columns.UTCDateTime(timezone=True), nullable=True),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["spoke_accounts.id"],
            name=op.f("fk_spoke_inbox_items_account_id_spoke_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["crosspost_deliveries.id"],
            name=op.f("fk_spoke_inbox_items_delivery_id_crosspost_deliveries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["handled_by_id"],
            ["users.id"],
            name=op.f("fk_spoke_inbox_items_handled_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name=op.f("fk_spoke_inbox_items_post_id_posts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"],
            ["topics.id"],
            name=op.f("fk_spoke_inbox_items_topic_id_topics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spoke_inbox_items")),
        sa.UniqueConstraint(
            "account_id", "remote_id", name=op.f("uq_spoke_inbox_items_account_id")
        ),
    )
    op.create_index(
        op.f("ix_spoke_inbox_items_delivery_id"), "spoke_inbox_items", ["delivery_id"], unique=False
    )
    op.create_index(
        op.f("ix_spoke_inbox_items_post_id"), "spoke_inbox_items", ["post_id"], unique=False
    )
    op.create_index(
        op.f("ix_spoke_inbox_items_status"), "spoke_inbox_items", ["status"], unique=False
    )
    op.create_index(
        op.f("ix_spoke_inbox_items_topic_id"), "spoke_inbox_items", ["topic_id"], unique=False
    )
    op.create_table(
        "spoke_loop_prompts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("reply_to", sa.String(length=255), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", hub.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_at", hub.core.columns.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["crosspost_deliveries.id"],
            name=op.f("fk_spoke_loop_prompts_delivery_id_crosspost_deliveries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["spoke_inbox_items.id"],
            name=op.f("fk_spoke_loop_prompts_item_id_spoke_inbox_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name=op.f("fk_spoke_loop_prompts_post_id_posts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_spoke_loop_prompts_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spoke_loop_prompts")),
        sa.UniqueConstraint(
            "post_id", "delivery_id", "reply_to", name=op.f("uq_spoke_loop_prompts_post_id")
        ),
    )
    op.create_index(
        op.f("ix_spoke_loop_prompts_user_id"), "spoke_loop_prompts", ["user_id"], unique=False
    )


def downgrade():
    op.drop_table("spoke_loop_prompts")
    op.drop_table("spoke_inbox_items")
    op.drop_table("referrals")
    op.drop_table("referral_link_visitors")
    op.drop_table("referral_link_days")
    op.drop_table("spoke_loop_settings")
    op.drop_table("referral_visitor_salts")
