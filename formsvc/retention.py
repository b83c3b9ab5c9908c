"""Keep only what is needed: anonymise requests closed for longer than RETENTION_DAYS.

Name, contact details, subject, message, answers, notes and the mails' copies are erased;
reference, dates, status, channel and flags stay for statistics.
"""

import datetime

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select, text, update

from formsvc.db import get_session
from formsvc.models import Demande, Evenement, OutboxMail

cli = AppGroup("retention", help="Durée de conservation des données personnelles.")


def due(now, days):
    limit = now - datetime.timedelta(days=days)
    return select(Demande).where(
        Demande.status == "close",
        Demande.closed_at < limit,
        Demande.anonymised_at.is_(None),
    )


def anonymise(demande, now):
    db = get_session()
    for column in ("name_enc", "email_enc", "phone_enc", "subject_enc", "message_enc"):
        setattr(demande, column, None)
    demande.anonymised_at = now
    db.execute(update(Evenement).where(Evenement.demande_id == demande.id).values(text_enc=None))
    db.execute(
        update(OutboxMail).where(OutboxMail.demande_id == demande.id).values(payload_enc=None)
    )


@cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Dit ce qui serait effacé, sans rien effacer.")
def purge(dry_run):
    """Efface les données personnelles des demandes closes depuis plus de RETENTION_DAYS jours."""
    db = get_session()
    now = current_app.config["CLOCK"]()
    days = current_app.config["RETENTION_DAYS"]
    demandes = db.scalars(due(now, days)).all()
    for demande in demandes:
        closed = demande.closed_at.strftime("%Y-%m-%d")
        verb = "à anonymiser" if dry_run else "anonymisée"
        click.echo(f"{verb} : {demande.reference} (close le {closed})")
        if not dry_run:
            anonymise(demande, now)
    if dry_run:
        click.echo(
            f"{len(demandes)} demande(s) seraient anonymisées (closes depuis plus de {days} jours)."
        )
        return
    db.commit()
    if db.get_bind().dialect.name == "sqlite":
        # secure_delete overwrote the old values; this copies the WAL back and empties it.
        db.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    click.echo(f"{len(demandes)} demande(s) anonymisée(s) (closes depuis plus de {days} jours).")
