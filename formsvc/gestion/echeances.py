"""The office's daily reminder of deadlines: ``flask --app formsvc echeances rappel``.

Run each morning by deploy/systemd/formsvc-echeances.timer. It queues one mail (outbox) to
FORMSVC_OFFICE_EMAIL listing the requests still awaiting an answer that are overdue or due
within 3 days, with references, dates and statuses only; nothing is sent when none is.
"""

import click
from flask.cli import AppGroup
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from commune.dates import date_fr
from formsvc import cycle, mails, vocabulaire
from formsvc.db import get_db
from formsvc.gestion.boite import deadline_filter
from formsvc.models import Demande
from formsvc.reference import grouped

cli = AppGroup("echeances", help="Dates limites de réponse aux demandes.")


def listed(which, today):
    query = deadline_filter(select(Demande), which, today).order_by(Demande.due_on, Demande.id)
    return [
        {
            "reference": grouped(d.reference),
            "cle": d.reference,
            "echeance": date_fr(d.due_on, "d MMMM y"),
            "statut": vocabulaire.status_label(d.status),
        }
        for d in get_db().scalars(query)
    ]


@cli.command("rappel")
def rappel():
    """Envoie au cabinet la liste des demandes en retard ou à rendre sous 3 jours."""
    today = cycle.today()
    overdue, soon = listed("en_retard", today), listed("bientot", today)
    mail = mails.deadlines_digest(today, overdue, soon)
    if mail is None:
        click.echo("Aucune demande en retard ni à rendre sous 3 jours : pas de courriel.")
        return
    db = get_db()
    db.add(mail)
    try:
        db.commit()
    except IntegrityError:  # the day's reminder is already queued (timer run twice)
        db.rollback()
        click.echo("Le rappel du jour est déjà parti.")
        return
    click.echo(f"Rappel mis en file : {len(overdue)} en retard, {len(soon)} sous 3 jours.")
