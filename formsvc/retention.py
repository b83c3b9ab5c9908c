"""Keep only what is needed: anonymise requests closed for longer than RETENTION_DAYS.

Every personal field (formsvc/donnees_personnelles.py) is erased by formsvc/cycle.py;
reference, dates, status, kind, channel and flags stay for statistics. Drafts of forms left
uncorrected are deleted after a day.
"""

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import text

from formsvc import antispam, brouillon, cycle
from formsvc.db import get_db

cli = AppGroup("retention", help="Durée de conservation des données personnelles.")


@cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Dit ce qui serait effacé, sans rien effacer.")
def purge(dry_run):
    """Efface les données personnelles des demandes closes depuis plus de RETENTION_DAYS jours."""
    db = get_db()
    now = current_app.config["CLOCK"]()
    days = current_app.config["RETENTION_DAYS"]
    demandes = db.scalars(cycle.anonymisable(now, days)).all()
    for demande in demandes:
        closed = demande.closed_at.strftime("%Y-%m-%d")
        verb = "à anonymiser" if dry_run else "anonymisée"
        click.echo(f"{verb} : {demande.reference} (close le {closed})")
        if not dry_run:
            cycle.anonymise(demande, now)
    if dry_run:
        click.echo(
            f"{len(demandes)} demande(s) seraient anonymisées (closes depuis plus de {days} jours)."
        )
        return
    drafts = brouillon.purge(now)
    antispam.purge(now)
    db.commit()
    if db.get_bind().dialect.name == "sqlite":
        # secure_delete overwrote the old values; this copies the WAL back and empties it.
        db.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    click.echo(f"{len(demandes)} demande(s) anonymisée(s) (closes depuis plus de {days} jours).")
    click.echo(f"{drafts} brouillon(s) de formulaire abandonné(s) supprimé(s).")
