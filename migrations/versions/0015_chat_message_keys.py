"""chat message keys: a message sent again under the key its sender gave it is stored once

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("chat_messages") as batch:
        batch.add_column(sa.Column("client_key", sa.String(length=64), nullable=True))
        batch.create_index(
            "ix_chat_messages_author_key", ["author_id", "client_key"], unique=True
        )


def downgrade():
    with op.batch_alter_table("chat_messages") as batch:
        batch.drop_index("ix_chat_messages_author_key")
        batch.drop_column("client_key")
