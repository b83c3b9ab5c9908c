"""CSV export of requests for statistics; the message text only when asked for, with a
fresh code of the second factor, and logged."""

import csv
import io

from flask import Response, current_app, g, render_template, request
from sqlalchemy import select
from wtforms import StringField

from commune.permanences import PARIS
from formsvc import donnees_personnelles, vocabulaire
from formsvc.comptes import audit
from formsvc.db import get_db
from formsvc.gestion import auth
from formsvc.gestion.blueprint import bp
from formsvc.gestion.forms import ExportForm
from formsvc.gestion.tentatives import retry_after
from formsvc.models import Demande
from formsvc.reference import grouped

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportAvecCodeForm(ExportForm):
    # Personal data leave the service only with a code typed now: a session left open on
    # an unattended computer is not enough to take them away.
    code = StringField("Code à 6 chiffres de votre application")


def neutralise(value):
    """Prefix a formula-looking cell with an apostrophe, so a spreadsheet shows it as text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def when(moment):
    return moment.astimezone(PARIS).strftime("%Y-%m-%d %H:%M") if moment else ""


def csv_rows(with_message):
    header = ["reference", "type", "origine", "recue_le", "date_limite", "statut", "canal"]
    header += ["pendant_creneau", "suspecte", "close_le"]
    if with_message:
        header += ["objet", "message"]
    yield header
    query = select(Demande).order_by(Demande.received_at, Demande.id)
    for d in get_db().scalars(query):
        row = [
            grouped(d.reference),
            d.kind,
            d.origin,
            when(d.received_at),
            d.due_on.isoformat() if d.due_on else "",
            vocabulaire.status_label(d.status),
            d.channel,
            "oui" if d.during_creneau else "non",
            "oui" if d.suspect else "non",
            when(d.closed_at),
        ]
        if with_message:
            personal = donnees_personnelles.read(d)
            row += [personal["objet"], personal["message"]]
        yield [neutralise(cell) for cell in row]


@bp.route("/export", methods=["GET", "POST"])
def export():
    form = ExportAvecCodeForm()
    if request.method == "GET" or not form.validate():
        return render_template("gestion/export.html", form=form, erreurs=[])
    with_message = form.avec_message.data
    if with_message:
        if not (form.code.data or "").strip():
            erreur, wait = "Entrez le code à 6 chiffres de votre application", 0
        else:
            _, erreur, wait = auth.try_code(g.user, form.code.data)
        if erreur:
            page = render_template("gestion/export.html", form=form, erreurs=[("code", erreur)])
            return page, 429 if wait else 400, retry_after(wait)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(csv_rows(with_message))
    audit.record("export", detail="avec les messages" if with_message else "sans les messages")
    get_db().commit()
    stamp = current_app.config["CLOCK"]().astimezone(PARIS).strftime("%Y-%m-%d")
    return Response(
        "\ufeff" + buffer.getvalue(),  # the BOM makes spreadsheets read UTF-8 accents right
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="demandes-{stamp}.csv"'},
    )
