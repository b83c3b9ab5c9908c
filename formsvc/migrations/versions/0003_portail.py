"""Daily visit counts of the portal links.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "visites_portail",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(100), nullable=False),
        sa.Column("jour", sa.Date, nullable=False),
        sa.Column("nombre", sa.Integer, nullable=False),
        sa.UniqueConstraint("slug", "jour"),
    )


def downgrade():
    op.drop_table("visites_portail")
