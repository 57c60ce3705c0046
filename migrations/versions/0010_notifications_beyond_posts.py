"""notifications beyond posts: chat replies, moderation notices, spoke reconnects

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("path", sa.String(length=500), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("text", sa.String(length=300), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("ref", sa.String(length=120), nullable=True))
        batch_op.alter_column("topic_id", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("post_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_unique_constraint(
            "uq_notifications_user_kind_ref", ["user_id", "kind", "ref"]
        )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.alter_column("path", server_default=None)
        batch_op.alter_column("text", server_default=None)


def downgrade():
    op.execute("DELETE FROM notifications WHERE post_id IS NULL")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint("uq_notifications_user_kind_ref", type_="unique")
        batch_op.alter_column("post_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("topic_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("ref")
        batch_op.drop_column("text")
        batch_op.drop_column("path")
