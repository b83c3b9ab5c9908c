"""One request: read it (each view is logged), answer it, log a call, annotate, close, flag."""

from flask import current_app, flash, g, redirect, render_template, url_for

from commune.permanences import PARIS
from formsvc import mails
from formsvc.db import get_session
from formsvc.gestion import audit, bp
from formsvc.gestion.forms import (
    STATUSES,
    AppelForm,
    NoteForm,
    ReponseForm,
    StatutForm,
    SuspectForm,
)
from formsvc.gestion.registre import decrypt, find
from formsvc.models import Evenement

FORMS = {
    "reponse": ReponseForm,
    "appel": AppelForm,
    "note": NoteForm,
    "statut": StatutForm,
    "suspect": SuspectForm,
}


def make(name, **kwargs):
    """One of the page's forms; the prefix keeps field ids unique on the page."""
    return FORMS[name](prefix=name, **kwargs)


def show(demande, status=200, **forms):
    """The request page; ``forms`` replaces a blank form by one with errors."""
    audit.record("consultation", demande.reference)
    get_session().commit()
    lecture = decrypt(demande)
    blank = {
        "reponse": make("reponse", formdata=None),
        "appel": make("appel", formdata=None),
        "note": make("note", formdata=None),
        "statut": make("statut", formdata=None, statut=demande.status),
        "suspect": make("suspect", formdata=None, suspect="oui" if demande.suspect else "non"),
    }
    return render_template("gestion/demande.html", d=lecture, **{**blank, **forms}), status


@bp.route("/demandes/<reference>")
def demande(reference):
    return show(find(reference))


def add_event(demande, kind, detail=None, text=None, called_at=None):
    cipher = current_app.extensions["formsvc_cipher"]
    get_session().add(
        Evenement(
            demande_id=demande.id,
            user_id=g.user.id,
            at=current_app.config["CLOCK"](),
            kind=kind,
            detail=detail,
            text_enc=cipher.encrypt(text),
            called_at=called_at,
        )
    )


def set_status(demande, status):
    if status == demande.status:
        return
    demande.status = status
    demande.closed_at = current_app.config["CLOCK"]() if status == "close" else None
    add_event(demande, "statut", detail=STATUSES[status])


def done(demande, message):
    get_session().commit()
    flash(message)
    return redirect(url_for("gestion.demande", reference=demande.reference), code=303)


@bp.route("/demandes/<reference>/reponse", methods=["POST"])
def reponse(reference):
    demande = find(reference)
    form = make("reponse")
    cipher = current_app.extensions["formsvc_cipher"]
    email = cipher.decrypt(demande.email_enc)
    if not email:
        form.texte.errors = ["Ce demandeur n'a pas laissé d'adresse électronique : appelez-le."]
        return show(demande, 400, reponse=form)
    if not form.validate():
        return show(demande, 400, reponse=form)
    get_session().add(mails.answer(demande, email, form.texte.data))
    add_event(demande, "reponse", text=form.texte.data)
    if demande.status in {"nouvelle", "en_cours"}:
        set_status(demande, "repondue")
    audit.record("reponse", demande.reference)
    return done(demande, "Réponse enregistrée : elle part par courriel dans un instant.")


@bp.route("/demandes/<reference>/appel", methods=["POST"])
def appel(reference):
    demande = find(reference)
    form = make("appel")
    if not form.validate():
        return show(demande, 400, appel=form)
    called_at = form.quand.moment.replace(tzinfo=PARIS)
    add_event(demande, "appel", text=form.note.data, called_at=called_at)
    if demande.status == "nouvelle":
        set_status(demande, "en_cours")
    audit.record("appel", demande.reference)
    return done(demande, "Appel enregistré dans l'historique.")


@bp.route("/demandes/<reference>/note", methods=["POST"])
def note(reference):
    demande = find(reference)
    form = make("note")
    if not form.validate():
        return show(demande, 400, note=form)
    add_event(demande, "note", text=form.texte.data)
    audit.record("note", demande.reference)
    return done(demande, "Note enregistrée.")


@bp.route("/demandes/<reference>/statut", methods=["POST"])
def statut(reference):
    demande = find(reference)
    form = make("statut")
    if not form.validate():
        return show(demande, 400, statut=form)
    set_status(demande, form.statut.data)
    audit.record("statut", demande.reference, STATUSES[form.statut.data])
    return done(demande, f"Statut : {STATUSES[form.statut.data]}.")


@bp.route("/demandes/<reference>/suspect", methods=["POST"])
def suspect(reference):
    demande = find(reference)
    form = make("suspect")
    if not form.validate():
        return show(demande, 400, suspect=form)
    demande.suspect = form.suspect.data == "oui"
    label = "suspecte" if demande.suspect else "légitime"
    add_event(demande, "suspect", detail=label)
    audit.record("suspect", demande.reference, label)
    return done(demande, f"Demande marquée {label}.")
