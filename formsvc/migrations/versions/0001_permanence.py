"""Requests to the mayor and the mail outbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "demandes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reference", sa.String(8), nullable=False, unique=True),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("name_enc", sa.Text, nullable=False),
        sa.Column("email_enc", sa.Text),
        sa.Column("phone_enc", sa.Text),
        sa.Column("subject_enc", sa.Text),
        sa.Column("message_enc", sa.Text, nullable=False),
        sa.Column("during_session", sa.Boolean, nullable=False),
        sa.Column("suspect", sa.Boolean, nullable=False),
        sa.Column("suspect_reason", sa.String(200)),
        sa.Column("status", sa.String(16), nullable=False),
    )
    op.create_index("ix_demandes_received_at", "demandes", ["received_at"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("demande_id", sa.Integer, sa.ForeignKey("demandes.id")),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("message_id", sa.String(200), nullable=False, unique=True),
        sa.Column("payload_enc", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.DateTime, nullable=False),
        sa.Column("claimed_until", sa.DateTime),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("sent_at", sa.DateTime),
    )
    op.create_index("ix_outbox_due", "outbox", ["status", "next_attempt_at"])


def downgrade():
    op.drop_table("outbox")
    op.drop_table("demandes")
