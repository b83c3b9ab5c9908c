"""The inbox: requests oldest first, counts per status, filters, and the live session view."""

from flask import current_app, redirect, render_template, request, url_for
from sqlalchemy import func, select

from commune.permanences import PARIS
from formsvc import contenu
from formsvc.db import get_session
from formsvc.gestion import bp
from formsvc.gestion.forms import STATUSES
from formsvc.models import Demande
from formsvc.reference import grouped

LIVE_REFRESH_SECONDS = 30


def rows(query):
    return [
        {
            "reference": grouped(d.reference),
            "cle": d.reference,
            "recue_le": d.received_at.astimezone(PARIS),
            "canal": "courriel" if d.channel == "courriel" else "téléphone",
            "statut": STATUSES.get(d.status, d.status),
            "seance": d.during_session,
            "suspect": d.suspect,
        }
        for d in get_session().scalars(query.order_by(Demande.received_at, Demande.id))
    ]


@bp.route("/")
def accueil():
    return redirect(url_for("gestion.boite"))


@bp.route("/demandes/")
def boite():
    statut = request.args.get("statut", "")
    suspect = request.args.get("suspect", "")
    seance = request.args.get("seance", "")
    query = select(Demande)
    if statut in STATUSES:
        query = query.where(Demande.status == statut)
    if suspect in {"oui", "non"}:
        query = query.where(Demande.suspect.is_(suspect == "oui"))
    if seance == "oui":
        query = query.where(Demande.during_session.is_(True))
    counts = dict(
        get_session().execute(select(Demande.status, func.count()).group_by(Demande.status)).all()
    )
    now = current_app.config["CLOCK"]().astimezone(PARIS)
    return render_template(
        "gestion/boite.html",
        demandes=rows(query),
        comptes=[(key, label, counts.get(key, 0)) for key, label in STATUSES.items()],
        filtres={"statut": statut, "suspect": suspect, "seance": seance},
        seance_en_cours=contenu.seances().current(now),
    )


@bp.route("/direct")
def direct():
    """During a session, the requests received since it began; refreshes itself (opt-in)."""
    now = current_app.config["CLOCK"]().astimezone(PARIS)
    seance = contenu.seances().current(now)
    demandes = []
    if seance:
        demandes = rows(select(Demande).where(Demande.received_at >= seance.debut))
    return render_template(
        "gestion/direct.html",
        seance=seance,
        demandes=demandes,
        actualisation=LIVE_REFRESH_SECONDS if seance else None,
        maintenant=now,
    )
