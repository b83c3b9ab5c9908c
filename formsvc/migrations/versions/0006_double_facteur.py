"""Second factor of office accounts: TOTP secret and last step, one-time recovery codes.

Accounts that exist before this revision have no second factor yet: their next sign-in
leads them through enrolment (formsvc/gestion/auth.py).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("utilisateurs") as table:
        table.add_column(sa.Column("totp_secret_enc", sa.Text))
        table.add_column(sa.Column("totp_confirmed_at", sa.DateTime))
        table.add_column(sa.Column("totp_last_step", sa.Integer))
    op.create_table(
        "codes_secours",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("utilisateurs.id"), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("used_at", sa.DateTime),
        sa.UniqueConstraint("user_id", "code_hash", name="uq_codes_secours"),
    )


def downgrade():
    op.drop_table("codes_secours")
    with op.batch_alter_table("utilisateurs") as table:
        table.drop_column("totp_last_step")
        table.drop_column("totp_confirmed_at")
        table.drop_column("totp_secret_enc")
