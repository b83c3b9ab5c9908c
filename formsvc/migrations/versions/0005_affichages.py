"""Form displays already used: the fill-time token is accepted once.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "affichages_utilises",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("nonce_hash", sa.String(64), nullable=False),
        sa.Column("used_at", sa.DateTime, nullable=False),
        sa.Column("reference", sa.String(8)),
        sa.UniqueConstraint("nonce_hash", name="uq_affichages_nonce"),
    )


def downgrade():
    op.drop_table("affichages_utilises")
