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


class Refused(Exception):
    """An action that cannot be done on this request; the message goes under the field."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


def action(name):
    """Route POST /demandes/<reference>/<name> to ``apply(demande, form)``.

    The form is validated first (errors: the request page again, 400); ``apply`` changes the
    request and returns (message for the office, audit detail); the change, its history and
    its audit entry are committed together.
    """

    def decorate(apply):
        def view(reference):
            demande = find(reference)
            form = make(name)
            if form.validate():
                try:
                    message, detail = apply(demande, form)
                except Refused as refusal:
                    form[refusal.field].errors = [str(refusal)]
                else:
                    audit.record(name, demande.reference, detail)
                    get_session().commit()
                    flash(message)
                    target = url_for("gestion.demande", reference=demande.reference)
                    return redirect(target, code=303)
            return show(demande, 400, **{name: form})

        view.__name__ = name
        return bp.route(f"/demandes/<reference>/{name}", methods=["POST"])(view)

    return decorate


@action("reponse")
def reponse(demande, form):
    email = current_app.extensions["formsvc_cipher"].decrypt(demande.email_enc)
    if not email:
        raise Refused("texte", "Ce demandeur n'a pas laissé d'adresse électronique : appelez-le.")
    get_session().add(mails.answer(demande, email, form.texte.data))
    add_event(demande, "reponse", text=form.texte.data)
    if demande.status in {"nouvelle", "en_cours"}:
        set_status(demande, "repondue")
    return "Réponse enregistrée : elle part par courriel dans un instant.", None


@action("appel")
def appel(demande, form):
    called_at = form.quand.moment.replace(tzinfo=PARIS)
    add_event(demande, "appel", text=form.note.data, called_at=called_at)
    if demande.status == "nouvelle":
        set_status(demande, "en_cours")
    return "Appel enregistré dans l'historique.", None


@action("note")
def note(demande, form):
    add_event(demande, "note", text=form.texte.data)
    return "Note enregistrée.", None


@action("statut")
def statut(demande, form):
    set_status(demande, form.statut.data)
    label = STATUSES[form.statut.data]
    return f"Statut : {label}.", label


@action("suspect")
def suspect(demande, form):
    demande.suspect = form.suspect.data == "oui"
    label = "suspecte" if demande.suspect else "légitime"
    add_event(demande, "suspect", detail=label)
    return f"Demande marquée {label}.", label
