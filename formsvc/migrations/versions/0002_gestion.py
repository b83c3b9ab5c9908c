"""Back-office: users, server-side sessions, request history, append-only audit log.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The audit log is append-only: the database itself refuses UPDATE and DELETE on it.
SQLITE_TRIGGERS = [
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
]
POSTGRESQL_TRIGGERS = [
    """CREATE FUNCTION audit_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
       FOR EACH ROW EXECUTE FUNCTION audit_append_only()""",
]


def upgrade():
    with op.batch_alter_table("demandes") as table:
        table.alter_column("name_enc", existing_type=sa.Text, nullable=True)
        table.alter_column("message_enc", existing_type=sa.Text, nullable=True)
        table.add_column(sa.Column("closed_at", sa.DateTime))
        table.add_column(sa.Column("anonymised_at", sa.DateTime))
    with op.batch_alter_table("outbox") as table:
        table.alter_column("payload_enc", existing_type=sa.Text, nullable=True)
    op.create_table(
        "utilisateurs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_login_at", sa.DateTime),
    )
    op.create_table(
        "sessions_gestion",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("utilisateurs.id"), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_seen_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "evenements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("demande_id", sa.Integer, sa.ForeignKey("demandes.id"), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("utilisateurs.id")),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("detail", sa.String(200)),
        sa.Column("called_at", sa.DateTime),
        sa.Column("text_enc", sa.Text),
    )
    op.create_index("ix_evenements_demande", "evenements", ["demande_id"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("user_email", sa.String(254)),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("reference", sa.String(8)),
        sa.Column("detail", sa.String(200)),
    )
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRESQL_TRIGGERS}.get(
        dialect, []
    ):
        op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER audit_no_change ON audit")
        op.execute("DROP FUNCTION audit_append_only()")
    op.drop_table("audit")
    op.drop_table("evenements")
    op.drop_table("sessions_gestion")
    op.drop_table("utilisateurs")
    with op.batch_alter_table("outbox") as table:
        table.alter_column("payload_enc", existing_type=sa.Text, nullable=False)
    with op.batch_alter_table("demandes") as table:
        table.drop_column("anonymised_at")
        table.drop_column("closed_at")
        table.alter_column("message_enc", existing_type=sa.Text, nullable=False)
        table.alter_column("name_enc", existing_type=sa.Text, nullable=False)
