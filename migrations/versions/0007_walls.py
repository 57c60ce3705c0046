"""walls

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

import hub.core.columns

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "blocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("blocker_id", sa.Integer(), nullable=False),
        sa.Column("blocked_id", sa.Integer(), nullable=False),
        sa.Column("created_at", hub.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["blocked_id"],
            ["users.id"],
            name=op.f("fk_blocks_blocked_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["blocker_id"],
            ["users.id"],
            name=op.f("fk_blocks_blocker_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blocks")),
        sa.UniqueConstraint("blocker_id", "blocked_id", name=op.f("uq_blocks_blocker_id")),
    )
    op.create_index(op.f("ix_blocks_blocked_id"), "blocks", ["blocked_id"], unique=False)
    op.create_table(
        "wall_settings",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("comments", sa.String(length=16), nullable=False),
        sa.Column("hidden_from_visitors", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_wall_settings_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_wall_settings")),
    )
    op.create_table(
        "wall_issue_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("created_at", hub.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_wall_issue_updates_author_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"],
            ["topics.id"],
            name=op.f("fk_wall_issue_updates_topic_id_topics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wall_issue_updates")),
    )
    op.create_index(
        op.f("ix_wall_issue_updates_topic_id"), "wall_issue_updates", ["topic_id"], unique=False
    )
    op.create_table(
        "wall_posts",
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("issue_status", sa.String(length=16), nullable=True),
        sa.Column("resolved_at", hub.core.columns.UTCDateTime(timezone=True), nullable=True),
        sa.Column("image", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(
            ["topic_id"],
            ["topics.id"],
            name=op.f("fk_wall_posts_topic_id_topics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("topic_id", name=op.f("pk_wall_posts")),
    )
    op.create_index("ix_wall_posts_issue", "wall_posts", ["issue_status"], unique=False)
    op.create_table(
        "likes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", hub.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name=op.f("fk_likes_post_id_posts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_likes_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_likes")),
        sa.UniqueConstraint("post_id", "user_id", name=op.f("uq_likes_post_id")),
    )
    op.create_index(op.f("ix_likes_user_id"), "likes", ["user_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_likes_user_id"), table_name="likes")
    op.drop_table("likes")
    op.drop_index("ix_wall_posts_issue", table_name="wall_posts")
    op.drop_table("wall_posts")
    op.drop_index(op.f("ix_wall_issue_updates_topic_id"), table_name="wall_issue_updates")
    op.drop_table("wall_issue_updates")
    op.drop_table("wall_settings")
    op.drop_index(op.f("ix_blocks_blocked_id"), table_name="blocks")
    op.drop_table("blocks")
