"""post write keys: a post sent again under the same write key is stored once

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("posts") as batch:
        batch.add_column(sa.Column("client_key", sa.String(length=64), nullable=True))
        batch.create_index("ix_posts_author_key", ["author_id", "client_key"], unique=True)


def downgrade():
    with op.batch_alter_table("posts") as batch:
        batch.drop_index("ix_posts_author_key")
        batch.drop_column("client_key")
