"""The inbox: every request, whatever its channel; counts per status, filters, deadlines, and
the live view during a créneau (an online office hour)."""

import datetime

from flask import current_app, redirect, render_template, request, url_for
from sqlalchemy import func, select

from commune.permanences import PARIS
from formsvc import contenu, cycle, vocabulaire
from formsvc.db import get_db
from formsvc.gestion.blueprint import bp
from formsvc.models import Demande
from formsvc.reference import grouped

LIVE_REFRESH_SECONDS = 30
PER_PAGE = 50  # a page the office can read; 5,000 requests made a 1.6 MB page before
SORTS = {
    "reception": ("de la plus ancienne à la plus récente", (Demande.received_at, Demande.id)),
    "echeance": (
        "par date limite, la plus proche d'abord",
        (Demande.due_on.is_(None), Demande.due_on, Demande.received_at, Demande.id),
    ),
}
DEADLINES = {"en_retard": "en retard", "bientot": "à rendre sous 3 jours"}


def rows(query, order=SORTS["reception"][1]):
    today = cycle.today()
    return [
        {
            "reference": grouped(d.reference),
            "cle": d.reference,
            "recue_le": d.received_at.astimezone(PARIS),
            "origine": vocabulaire.ORIGINS.get(d.origin, d.origin),
            "canal": vocabulaire.CHANNELS.get(d.channel, d.channel),
            "statut": vocabulaire.STATUSES.get(d.status, d.status),
            "echeance": d.due_on,
            "urgence": cycle.urgency(d, today),
            "creneau": d.during_creneau,
            "suspect": d.suspect,
        }
        for d in get_db().scalars(query.order_by(*order))
    ]


def deadline_filter(query, which, today):
    """Only the requests still awaiting an answer that are overdue, or due within 3 days."""
    awaiting = query.where(Demande.status.in_(cycle.AWAITING_ANSWER))
    if which == "en_retard":
        return awaiting.where(Demande.due_on < today)
    soon = today + datetime.timedelta(days=cycle.DUE_SOON_DAYS)
    return awaiting.where(Demande.due_on >= today, Demande.due_on <= soon)


@bp.route("/")
def accueil():
    return redirect(url_for("gestion.boite"))


@bp.route("/demandes/")
def boite():
    statut = request.args.get("statut", "")
    suspect = request.args.get("suspect", "")
    # ?seance=oui: the same filter's address before 0.2, still in bookmarks.
    creneau = request.args.get("creneau") or request.args.get("seance", "")
    origine = request.args.get("origine", "")
    echeance = request.args.get("echeance", "")
    tri = request.args.get("tri", "")
    query = select(Demande)
    if statut in vocabulaire.STATUSES:
        query = query.where(Demande.status == statut)
    if suspect in {"oui", "non"}:
        query = query.where(Demande.suspect.is_(suspect == "oui"))
    if creneau == "oui":
        query = query.where(Demande.during_creneau.is_(True))
    if origine in vocabulaire.ORIGINS:
        query = query.where(Demande.origin == origine)
    today = cycle.today()
    if echeance in DEADLINES:
        query = deadline_filter(query, echeance, today)
    sort_label, order = SORTS.get(tri, SORTS["reception"])
    db = get_db()
    total = db.scalar(select(func.count()).select_from(query.subquery()))
    pages = max(1, -(-total // PER_PAGE))
    page = request.args.get("page", "1")
    page = min(max(int(page), 1), pages) if page.isdecimal() and len(page) < 7 else 1
    counts = dict(db.execute(select(Demande.status, func.count()).group_by(Demande.status)).all())
    late = {
        key: db.scalar(deadline_filter(select(func.count(Demande.id)), key, today))
        for key in DEADLINES
    }
    now = current_app.config["CLOCK"]().astimezone(PARIS)
    filters = {
        "statut": statut,
        "suspect": suspect,
        "creneau": creneau,
        "origine": origine,
        "echeance": echeance,
        "tri": tri if tri in SORTS else "reception",
    }
    return render_template(
        "gestion/boite.html",
        demandes=rows(query.limit(PER_PAGE).offset((page - 1) * PER_PAGE), order),
        total=total,
        page=page,
        pages=pages,
        ordre=sort_label,
        comptes=[(key, label, counts.get(key, 0)) for key, label in vocabulaire.STATUSES.items()],
        echeances=[(key, label, late[key]) for key, label in DEADLINES.items()],
        origines=vocabulaire.ORIGINS,
        filtres=filters,
        filtres_actifs={key: value for key, value in filters.items() if value},
        creneau_en_cours=contenu.permanences().current(now),
    )


@bp.route("/direct")
def direct():
    """During a créneau, the requests received since it began; refreshes itself (opt-in)."""
    now = current_app.config["CLOCK"]().astimezone(PARIS)
    creneau = contenu.permanences().current(now)
    demandes = []
    if creneau:
        demandes = rows(select(Demande).where(Demande.received_at >= creneau.debut))
    return render_template(
        "gestion/direct.html",
        creneau=creneau,
        demandes=demandes,
        actualisation=LIVE_REFRESH_SECONDS if creneau else None,
        maintenant=now,
    )
