"""Views of the resident's journey: the form, then the confirmation.

Every POST answers with a redirect (Post/Redirect/Get): when the form must come back, its
text waits in a draft (formsvc/brouillon.py) for the GET that follows. Going Back in the
browser then only ever reloads a page; it never re-sends the form.
"""

from flask import current_app, redirect, render_template, session, url_for
from flask_wtf.csrf import generate_csrf
from werkzeug.datastructures import MultiDict

from commune import FORMSVC_PREFIX
from commune.permanences import PARIS
from formsvc import antispam, brouillon, contenu, cycle, formulaire
from formsvc.db import get_db
from formsvc.models import Demande
from formsvc.permanence.forms import PermanenceForm

NAME = "permanence"
KEPT = ("nom", "canal", "courriel", "telephone", "objet", "message")  # what a draft keeps


def _now():
    return current_app.config["CLOCK"]().astimezone(PARIS)


def _open(seance):
    """Whether the form takes requests now: during a créneau, or always if so configured."""
    return bool(seance) or current_app.config["ACCEPT_OUTSIDE_SESSIONS"]


def render_form(
    form,
    status=200,
    retry_after=None,
    unavailable=False,
    recheck=False,
    csrf_expired=False,
    sent=None,
):
    now = _now()
    permanences = contenu.seances()
    seance = permanences.current(now)
    form.affiche.data = antispam.stamp(NAME, recheck=recheck)
    page = render_template(
        "permanence/formulaire.html",
        form=form,
        seance=seance,
        prochaine=permanences.next(now),
        ouvert=_open(seance),
        retry_after=retry_after,
        indisponible=unavailable,
        csrf_expired=csrf_expired,
        retention_days=current_app.config["RETENTION_DAYS"],
        a_verifier=recheck,
        envoyee=sent,
    )
    return page, status


bp = formulaire.form_blueprint(
    NAME,
    __name__,
    url_prefix=f"{FORMSVC_PREFIX['formulaires']}/permanence",
    kind="permanence",
    form_class=PermanenceForm,
    render_form=render_form,
)


def _again(form, **state):
    """Keep what was typed and send the browser to the form, which shows it again."""
    fields = {name: form[name].raw_data[0] if form[name].raw_data else "" for name in KEPT}
    brouillon.save(NAME, fields, state)
    return redirect(url_for("permanence.formulaire"), code=303)


@bp.get("/")
def formulaire():
    draft = brouillon.load(NAME)
    if draft is None:
        # Back after sending lands here: say it went, so that nobody sends it twice.
        return render_form(PermanenceForm(formdata=None), sent=session.pop("envoyee", None))
    fields, state = draft
    form = PermanenceForm(formdata=MultiDict({**fields, "csrf_token": generate_csrf()}))
    if not _open(contenu.seances().current(_now())):
        return render_form(form, status=409)  # closed since: the page says so, text kept
    if state.get("recheck"):
        form.validate()  # it was valid: this only tidies the values as before
        return render_form(form, recheck=True)
    valid = form.validate()
    return render_form(form, status=200 if valid else 422, csrf_expired=state.get("csrf"))


@bp.post("/")
def envoyer():
    form = PermanenceForm()
    seance = contenu.seances().current(_now())
    if not _open(seance):
        return _again(form)  # the form page says it is closed; the text is kept
    if not form.validate():
        return _again(form, csrf=bool(form.csrf_token.errors))
    reason = antispam.suspect_reason(NAME, form.site_web.data, form.affiche.data)
    if reason and reason != antispam.HONEYPOT:
        # Sent too fast, or without a valid display time: perhaps a resident who pasted a
        # prepared text. Never say it was sent: show it again, kept, to check and send (one
        # more click); a naive robot does not post twice. Nothing is stored.
        return _again(form, recheck=True)
    if reason is None:
        already = antispam.already_sent(NAME, form.affiche.data)
        if already:  # a second click on the same page, or a replay: what it sent then
            return _sent(already)
    by_email = form.canal.data == "courriel"
    shown = form.affiche.data
    try:
        demande = _create(form, by_email, seance, reason, shown)
    except cycle.AlreadyRecorded:  # two clicks at the same instant: the other one sent it
        return _sent(antispam.already_sent(NAME, shown))
    brouillon.discard(NAME)
    return _sent(demande.reference)


def _sent(reference):
    session["permanence_reference"] = reference
    session["envoyee"] = reference
    return redirect(url_for("permanence.confirmation"), code=303)


def _create(form, by_email, seance, reason, shown):
    genuine = reason is None  # only a display that passed the checks is marked used
    demande, _token = cycle.create(
        kind="permanence",
        origin="web",
        channel=form.canal.data,
        # Only the contact the resident chose is kept: the other field is not needed.
        personal={
            "nom": form.nom.data,
            "courriel": form.courriel.data if by_email else None,
            "telephone": None if by_email else form.telephone.data,
            "objet": form.objet.data,
            "message": form.message.data,
        },
        during_session=seance is not None,
        suspect_reason=reason,  # the honeypot: kept, flagged, and answered as if accepted
        also=(lambda d: [antispam.used(NAME, shown, d)]) if genuine else None,
        taken=(lambda: antispam.already_sent(NAME, shown) is not None) if genuine else None,
    )
    return demande


@bp.get("/confirmation")
def confirmation():
    reference = session.get("permanence_reference")
    demande = reference and get_db().query(Demande).filter_by(reference=reference).one_or_none()
    if not demande:
        return redirect(url_for("permanence.formulaire"), code=303)
    token = cycle.suivi_token(demande)
    return render_template(
        "permanence/confirmation.html",
        demande=demande,
        recue_le=demande.received_at.astimezone(PARIS),
        permanences=contenu.seances(),
        office_email=current_app.config["OFFICE_EMAIL"],
        lien_suivi=cycle.suivi_url(token) if token else None,
    )
