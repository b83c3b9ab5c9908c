"""Visits of the portal links, per démarche, for the office (counts only: no one is tracked)."""

import datetime

from flask import current_app, render_template
from sqlalchemy import func, select

from commune.permanences import PARIS
from formsvc import contenu
from formsvc.db import get_db
from formsvc.gestion.blueprint import bp
from formsvc.models import VisitePortail

PERIODS = [
    ("aujourdhui", "Aujourd'hui", 0),
    ("semaine", "7 derniers jours", 6),
    ("mois", "30 derniers jours", 29),
]


@bp.route("/portail")
def visites():
    today = current_app.config["CLOCK"]().astimezone(PARIS).date()
    db = get_db()
    counts = {}
    for key, _label, days in PERIODS:
        since = today - datetime.timedelta(days=days)
        query = (
            select(VisitePortail.slug, func.sum(VisitePortail.nombre))
            .where(VisitePortail.jour >= since)
            .group_by(VisitePortail.slug)
        )
        counts[key] = dict(db.execute(query).all())
    counts["total"] = dict(
        db.execute(
            select(VisitePortail.slug, func.sum(VisitePortail.nombre)).group_by(VisitePortail.slug)
        ).all()
    )
    portail = contenu.portail()
    lignes = [
        {"demarche": d, **{key: counts[key].get(d.slug, 0) for key in counts}}
        for d in portail.demarches
    ]
    return render_template("gestion/portail.html", portail=portail, lignes=lignes, periodes=PERIODS)
