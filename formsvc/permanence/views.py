"""Views of the resident's journey: the form, then the confirmation."""

import time

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer

from commune.permanences import PARIS
from formsvc import contenu
from formsvc.db import get_session
from formsvc.models import Demande
from formsvc.permanence import store
from formsvc.permanence.forms import PermanenceForm

bp = Blueprint("permanence", __name__, url_prefix="/formulaires/permanence")


def _signer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="permanence-affiche")


def _now():
    return current_app.config["CLOCK"]().astimezone(PARIS)


HONEYPOT = "champ piège rempli"


def suspect_reason(form):
    """Why a submission looks automated, or None."""
    if form.site_web.data:
        return HONEYPOT
    try:
        shown_at = _signer().loads(form.affiche.data or "")
    except BadSignature:
        return "heure d'affichage du formulaire absente ou falsifiée"
    if time.time() - shown_at < current_app.config["MIN_FILL_SECONDS"]:
        return "formulaire envoyé trop vite après son affichage"
    return None


def render_form(form, status=200, retry_after=None, unavailable=False, recheck=False):
    now = _now()
    permanences = contenu.seances()
    seance = permanences.current(now)
    prochaine = permanences.next(now)
    open_ = bool(seance) or current_app.config["ACCEPT_OUTSIDE_SESSIONS"]
    shown_at = time.time()
    if recheck:  # the resident has read it once: sending it again at once is a person's act
        shown_at -= current_app.config["MIN_FILL_SECONDS"]
    form.affiche.data = _signer().dumps(shown_at)
    page = render_template(
        "permanence/formulaire.html",
        form=form,
        seance=seance,
        prochaine=prochaine,
        ouvert=open_,
        retry_after=retry_after,
        indisponible=unavailable,
        csrf_expired=bool(form.csrf_token.errors) if request.method == "POST" else False,
        retention_days=current_app.config["RETENTION_DAYS"],
        a_verifier=recheck,
    )
    return page, status


@bp.route("/", methods=["GET", "POST"])
def formulaire():
    form = PermanenceForm()
    if request.method == "GET":
        return render_form(form)
    now = _now()
    seance = contenu.seances().current(now)
    if not seance and not current_app.config["ACCEPT_OUTSIDE_SESSIONS"]:
        return render_form(form, status=409)
    if not form.validate():
        return render_form(form)
    reason = suspect_reason(form)
    if reason and reason != HONEYPOT:
        # Sent too fast, or without a valid display time: perhaps a resident who pasted a
        # prepared text. Never say it was sent: show it again, kept, to check and send (one
        # more click); a naive robot does not post twice. Nothing is stored.
        return render_form(form, recheck=True)
    demande = store.record(
        form,
        received_at=current_app.config["CLOCK"](),
        during_session=seance is not None,
        suspect_reason=reason,  # the honeypot: kept, flagged, and answered as if accepted
    )
    session["permanence_reference"] = demande.reference
    return redirect(url_for("permanence.confirmation"), code=303)


@bp.route("/confirmation")
def confirmation():
    reference = session.get("permanence_reference")
    demande = (
        reference and get_session().query(Demande).filter_by(reference=reference).one_or_none()
    )
    if not demande:
        return redirect(url_for("permanence.formulaire"), code=303)
    return render_template(
        "permanence/confirmation.html",
        demande=demande,
        recue_le=demande.received_at.astimezone(PARIS),
        permanences=contenu.seances(),
        office_email=current_app.config["OFFICE_EMAIL"],
    )
