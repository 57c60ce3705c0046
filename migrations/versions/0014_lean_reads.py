"""lean reads: indexes for the lists' hidden questions and best scores, and for pinned answers

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_posts_hidden_opening",
        "posts",
        ["topic_id"],
        sqlite_where=sa.text("number = 1 AND hidden_at IS NOT NULL"),
        postgresql_where=sa.text("number = 1 AND hidden_at IS NOT NULL"),
    )
    op.create_index(
        "ix_posts_shown_reply_score",
        "posts",
        ["topic_id", "score"],
        sqlite_where=sa.text("number > 1 AND hidden_at IS NULL"),
        postgresql_where=sa.text("number > 1 AND hidden_at IS NULL"),
    )
    op.create_index("ix_posts_topic_official", "posts", ["topic_id", "is_official", "number"])


def downgrade():
    for name in (
        "ix_posts_topic_official",
        "ix_posts_shown_reply_score",
        "ix_posts_hidden_opening",
    ):
        op.drop_index(name, table_name="posts")
