"""One request: read it (each view is logged), answer it, log a call, annotate, close, flag,
manage its follow-up link. Every change goes through formsvc/cycle.py."""

from flask import current_app, flash, redirect, render_template, url_for

from commune.permanences import PARIS
from formsvc import contenu, cycle, mails, vocabulaire
from formsvc.comptes import audit
from formsvc.db import get_db
from formsvc.gestion import reprise
from formsvc.gestion.blueprint import bp
from formsvc.gestion.forms import (
    AppelForm,
    NoteForm,
    ReponseForm,
    StatutForm,
    SuiviForm,
    SuspectForm,
)
from formsvc.gestion.registre import decrypt, find

FORMS = {
    "reponse": ReponseForm,
    "appel": AppelForm,
    "note": NoteForm,
    "statut": StatutForm,
    "suspect": SuspectForm,
    "suivi": SuiviForm,
}


def make(name, demande, **kwargs):
    """One of the page's forms; the prefix keeps field ids unique on the page."""
    if name == "statut":
        kwargs["demande"] = demande
    return FORMS[name](prefix=name, **kwargs)


def show(demande, status=200, given_back=None, **forms):
    """The request page; ``forms`` replaces a blank form by one with errors, or by the one
    given back after sign-in (``given_back``, formsvc/gestion/reprise.py)."""
    audit.record("consultation", demande.reference)
    get_db().commit()
    lecture = decrypt(demande)
    blank = {
        "reponse": make("reponse", demande, formdata=None),
        "appel": make("appel", demande, formdata=None),
        "note": make("note", demande, formdata=None),
        "statut": make("statut", demande, formdata=None, statut=demande.status),
        "suspect": make(
            "suspect", demande, formdata=None, suspect="oui" if demande.suspect else "non"
        ),
        "suivi": make("suivi", demande, formdata=None),
    }
    page = render_template(
        "gestion/demande.html",
        d=lecture,
        urgence=cycle.urgency(demande, cycle.today()),
        reprise=given_back,
        **{**blank, **forms},
    )
    return page, status


@bp.route("/demandes/<reference>")
def demande(reference):
    demande = find(reference)
    kept = reprise.take()
    if kept is None:
        return show(demande)
    # Filled in as it was sent, not checked nor applied: the agent reads it and sends it.
    name = kept["formulaire"].removeprefix("gestion.")
    form = make(name, demande, formdata=kept["champs"])
    first = next(field for field in form if field.type != "CSRFTokenField")
    kept["cible"] = first.id + ("-0" if first.type == "RadioField" else "")
    return show(demande, given_back=kept, **{name: form})


@bp.route("/demandes/<reference>/accuse")
def accuse(reference):
    """The acknowledgement to print and post, for a request received without an e-mail."""
    demande = find(reference)
    audit.record("accuse", demande.reference)
    get_db().commit()
    return render_template(
        "gestion/accuse.html",
        d=decrypt(demande),
        permanences=contenu.permanences(),
        office_email=current_app.config["OFFICE_EMAIL"],
        public_url=current_app.config["PUBLIC_URL"].rstrip("/"),
        aujourdhui=cycle.today(),
    )


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
            form = make(name, demande)
            if form.validate():
                try:
                    message, detail = apply(demande, form)
                except Refused as refusal:
                    form[refusal.field].errors = [str(refusal)]
                except cycle.TransitionRefused as refusal:
                    form.statut.errors = [str(refusal)]
                else:
                    audit.record(name, demande.reference, detail)
                    get_db().commit()
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
    get_db().add(mails.answer(demande, email, form.texte.data))
    cycle.add_event(demande, "reponse", text=form.texte.data)
    if demande.status in cycle.AWAITING_ANSWER:
        cycle.set_status(demande, "repondue")
    return "Réponse enregistrée : elle part par courriel dans un instant.", None


@action("appel")
def appel(demande, form):
    called_at = form.quand.moment.replace(tzinfo=PARIS)
    cycle.add_event(demande, "appel", text=form.note.data, called_at=called_at)
    if demande.status == "nouvelle":
        cycle.set_status(demande, "en_cours")
    return "Appel enregistré dans l'historique.", None


@action("note")
def note(demande, form):
    cycle.add_event(demande, "note", text=form.texte.data)
    return "Note enregistrée.", None


@action("statut")
def statut(demande, form):
    cycle.set_status(demande, form.statut.data)
    label = vocabulaire.status_label(form.statut.data)
    return f"Statut : {label}.", label


@action("suspect")
def suspect(demande, form):
    demande.suspect = form.suspect.data == "oui"
    label = "suspecte" if demande.suspect else "légitime"
    cycle.add_event(demande, "suspect", detail=label)
    return f"Demande marquée {label}.", label


@action("suivi")
def suivi(demande, form):
    if demande.anonymised_at:
        raise Refused("action", "Cette demande est effacée : son lien ne montre plus que cela.")
    if form.action.data == "revoquer":
        cycle.revoke_suivi(demande)
        return "Lien de suivi désactivé : il répond désormais « page introuvable ».", "désactivé"
    cycle.new_suivi(demande)
    cycle.add_event(demande, "suivi", detail="remplacé")
    return "Nouveau lien de suivi créé : transmettez-le au demandeur.", "remplacé"
