"""Views of the portal links: the list, the redirect (or maintenance notice), counted."""

from flask import Blueprint, current_app, redirect, render_template
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from commune import FORMSVC_PREFIX
from commune.permanences import PARIS
from formsvc import contenu
from formsvc.db import get_db
from formsvc.models import VisitePortail

bp = Blueprint("portail", __name__, url_prefix=FORMSVC_PREFIX["portail"])


def count_visit(slug, day):
    """Add one to today's count for ``slug``; portable (no SQLite- or PostgreSQL-only SQL)."""
    db = get_db()
    for _attempt in range(3):
        bumped = db.execute(
            update(VisitePortail)
            .where(VisitePortail.slug == slug, VisitePortail.jour == day)
            .values(nombre=VisitePortail.nombre + 1)
        )
        if bumped.rowcount == 0:
            db.add(VisitePortail(slug=slug, jour=day, nombre=1))
        try:
            db.commit()
            return
        except IntegrityError:  # another request created today's row first: add to it
            db.rollback()


@bp.route("/")
def liste():
    return render_template("portail/liste.html", portail=contenu.portail())


@bp.route("/<slug>")
def demarche(slug):
    portail = contenu.portail()
    choisie = portail.get(slug)
    if choisie is None:
        return render_template("portail/inconnue.html", portail=portail, slug=slug), 404
    now = current_app.config["CLOCK"]().astimezone(PARIS)
    maintenance = choisie.en_maintenance(now)
    if maintenance:
        retry = max(1, int((maintenance.fin - now).total_seconds()))
        page = render_template(
            "portail/maintenance.html", portail=portail, demarche=choisie, maintenance=maintenance
        )
        return page, 503, {"Retry-After": str(retry)}
    count_visit(slug, now.date())
    return redirect(choisie.url, code=302)
