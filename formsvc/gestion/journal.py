"""The audit log, newest first, for office users."""

from flask import render_template, request
from sqlalchemy import func, select

from commune.permanences import PARIS
from formsvc.comptes.audit import LABELS
from formsvc.db import get_db
from formsvc.gestion.blueprint import bp
from formsvc.models import Audit
from formsvc.reference import grouped

PAGE_SIZE = 100


@bp.route("/journal")
def journal():
    db = get_db()
    total = db.scalar(select(func.count()).select_from(Audit))
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    entries = db.scalars(
        select(Audit).order_by(Audit.id.desc()).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    )
    lignes = [
        {
            "quand": e.at.astimezone(PARIS),
            "qui": e.user_email or "—",
            "quoi": LABELS.get(e.action, e.action),
            "reference": grouped(e.reference) if e.reference else None,
            "cle": e.reference,
            "detail": e.detail,
        }
        for e in entries
    ]
    return render_template("gestion/journal.html", lignes=lignes, page=page, pages=pages)
