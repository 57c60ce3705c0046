"""legal pages: imprint, privacy policy, terms and guidelines with their versions, and the
versions members accepted

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

import hub.core.columns

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "legal_pages",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("text_de", sa.Text(), nullable=False),
        sa.Column("html_en", sa.Text(), nullable=False),
        sa.Column("html_de", sa.Text(), nullable=False),
        sa.Column("updated_at", hub.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("kind"),
    )
    op.create_table(
        "legal_page_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("text_de", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", hub.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["kind"], ["legal_pages.kind"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "version"),
    )
    op.create_table(
        "legal_consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("document", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("accepted_at", hub.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "document", "version"),
    )
    op.create_index("ix_legal_consents_user_id", "legal_consents", ["user_id"])


def downgrade():
    op.drop_index("ix_legal_consents_user_id", table_name="legal_consents")
    op.drop_table("legal_consents")
    op.drop_table("legal_page_versions")
    op.drop_table("legal_pages")
