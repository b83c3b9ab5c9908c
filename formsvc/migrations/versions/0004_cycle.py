"""One inbox for every channel: kind, origin, due date, postal address, follow-up link,
drafts; status changes in the history stored as codes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Until 0003, a status change's history entry held the office's label, not the code.
LABEL_TO_CODE = {"nouvelle": "nouvelle", "en cours": "en_cours", "répondue": "repondue"}


def upgrade():
    with op.batch_alter_table("demandes") as table:
        # Every request so far came from the site's one form.
        table.add_column(
            sa.Column("kind", sa.String(32), nullable=False, server_default="permanence")
        )
        table.add_column(sa.Column("origin", sa.String(16), nullable=False, server_default="web"))
        table.add_column(sa.Column("due_on", sa.Date))  # filled by formsvc.cli.upgrade
        table.add_column(sa.Column("address_enc", sa.Text))
        table.add_column(sa.Column("suivi_hash", sa.String(64)))
        table.add_column(sa.Column("suivi_enc", sa.Text))
        table.add_column(sa.Column("suivi_revoked_at", sa.DateTime))
        table.create_unique_constraint("uq_demandes_suivi_hash", ["suivi_hash"])
    op.create_table(
        "brouillons",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("data_enc", sa.Text),
        sa.UniqueConstraint("key_hash", name="uq_brouillons_key_hash"),
    )
    rewrite_status_details(LABEL_TO_CODE)


def rewrite_status_details(mapping):
    """Rewrite the details of status changes in the history: old value → new value."""
    evenements = sa.table(
        "evenements", sa.column("kind", sa.String), sa.column("detail", sa.String)
    )
    for old, new in mapping.items():
        op.execute(
            evenements.update()
            .where(evenements.c.kind == "statut", evenements.c.detail == old)
            .values(detail=new)
        )


def downgrade():
    rewrite_status_details({code: label for label, code in LABEL_TO_CODE.items()})
    op.drop_table("brouillons")
    with op.batch_alter_table("demandes") as table:
        table.drop_constraint("uq_demandes_suivi_hash", type_="unique")
        for column in (
            "suivi_revoked_at",
            "suivi_enc",
            "suivi_hash",
            "address_enc",
            "due_on",
            "origin",
            "kind",
        ):
            table.drop_column(column)
