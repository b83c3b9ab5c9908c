"""Operator commands: ``flask --app formsvc db|outbox|keys …``."""

import contextlib
import logging
import os
import signal
import sqlite3

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from formsvc import cycle
from formsvc import db as database
from formsvc import outbox as outbox_worker
from formsvc.models import OutboxMail

db_cli = AppGroup("db", help="Base de données.")
outbox_cli = AppGroup("outbox", help="Envoi des courriels en attente.")


def upgrade(app, revision="head"):
    """What ``flask db upgrade`` does: the schema, then at head the due dates of the requests
    stored before migration 0004 (computed by the lifecycle from the editors' delay, which
    the database layer knows nothing of)."""
    database.upgrade(app, revision)
    if revision == "head":
        cycle.backfill_due_dates()


@db_cli.command("upgrade")
def db_upgrade():
    """Crée ou met à jour les tables (migrations Alembic)."""
    upgrade(current_app)
    click.echo("Base de données à jour.")


@db_cli.command("backup")
@click.argument("destination", type=click.Path(dir_okay=False, writable=True))
def db_backup(destination):
    """Copie cohérente de la base SQLite, service en marche (sauvegarde en ligne)."""
    url = make_url(current_app.config["DATABASE_URL"])
    if url.get_backend_name() != "sqlite":
        raise click.ClickException("base PostgreSQL : utilisez pg_dump (docs/exploitation.md)")
    # SQLite's online backup API copies a consistent snapshot, WAL included, while the
    # service keeps writing; a plain file copy could catch a half-written page.
    with (
        contextlib.closing(sqlite3.connect(url.database)) as source,
        contextlib.closing(sqlite3.connect(destination)) as target,
    ):
        source.backup(target)
    os.chmod(destination, 0o600)  # it holds encrypted personal data and the audit log
    click.echo(f"Sauvegarde écrite : {destination}")


@outbox_cli.command("send")
def outbox_send():
    """Envoie une fois les courriels dus, puis s'arrête."""
    counts = outbox_worker.send_due()
    click.echo(
        f"envoyés : {counts['sent']}, à réessayer : {counts['retry']}, "
        f"en échec : {counts['failed']}"
    )


@outbox_cli.command("run")
def outbox_run():
    """Envoie les courriels en continu ; SIGTERM ou Ctrl+C arrête après le courriel en cours."""
    stopping = []

    def stop(signum, _frame):
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # One line per pass that did something, and each retry or failure, for journalctl.
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    click.echo("Envoi des courriels en attente (Ctrl+C pour arrêter).")
    outbox_worker.run(lambda: bool(stopping), current_app.config["OUTBOX_POLL_SECONDS"])


@outbox_cli.command("status")
def outbox_status():
    """Compte les courriels par état et liste ceux en échec."""
    db = database.get_db()
    counts = dict(
        db.execute(select(OutboxMail.status, func.count()).group_by(OutboxMail.status)).all()
    )
    for status in ("pending", "sent", "failed"):
        click.echo(f"{status}: {counts.get(status, 0)}")
    for mail in db.scalars(select(OutboxMail).where(OutboxMail.status == "failed")):
        click.echo(
            f"  échec n° {mail.id} ({mail.kind}, {mail.attempts} essais) : {mail.last_error}"
        )


def init_app(app):
    from formsvc import crypto, retention
    from formsvc.gestion import comptes, echeances
    from formsvc.portail import verification

    for group in (
        db_cli,
        outbox_cli,
        crypto.cli,
        retention.cli,
        comptes.cli,
        echeances.cli,
        verification.cli,
    ):
        app.cli.add_command(group)
