"""What an agent sent after their session ended, given back once they have signed in again.

Typing is no request: an agent writing a long answer may spend more than
GESTION_IDLE_MINUTES on it, and sending it then only leads to the sign-in page. The form's
fields wait as a draft of formsvc/brouillon.py (encrypted in the database, under a random key
that only this browser's session cookie holds: never the text itself in the cookie, which is
signed, not encrypted), bound to the account whose session ended. Once that account has
signed in again (password and code), the form's page shows them back, unsent: the agent reads
them and sends them again (an answer goes to a resident, nothing leaves unseen). Another
account signing in on that browser never sees them: they are deleted then.

They are given back once, within KEEP_MINUTES; the draft is deleted when given back, at
sign-out or another account's sign-in, and by the nightly purge (brouillon.MAX_AGE) otherwise.
"""

import datetime

from flask import current_app, g, request, session, url_for
from werkzeug.datastructures import MultiDict

from formsvc import brouillon
from formsvc.gestion.blueprint import bp

DRAFT = "gestion-reprise"  # its name among the browser's drafts (the residents' forms')
KEEP_MINUTES = 60  # time enough to sign in again, short enough for personal data
# The form sent (its endpoint) → the page showing it, with the same view arguments.
PAGES = {
    **{
        f"gestion.{name}": "gestion.demande"
        for name in ("reponse", "appel", "note", "statut", "suspect", "suivi")
    },
    "gestion.saisie": "gestion.saisie",
}
# What the agent sees on the page, by form: the section's title, which the pages show too
# (gestion/demande.html, gestion/saisie.html: ``titres`` in their context).
TITLES = {
    "gestion.reponse": "Répondre par courriel",
    "gestion.appel": "Noter un appel téléphonique",
    "gestion.note": "Ajouter une note privée",
    "gestion.statut": "Changer le statut",
    "gestion.suspect": "Demande suspecte",
    "gestion.suivi": "Gérer le lien de suivi",
    "gestion.saisie": "Enregistrer une demande",
}


@bp.context_processor
def form_titles():
    """The forms' titles, for the pages that show them: one wording, here."""
    return {"titres": {name.removeprefix("gestion."): t for name, t in TITLES.items()}}


def _now():
    return current_app.config["CLOCK"]()


def page_of_form():
    """The address of the page holding the form being sent, or None."""
    page = PAGES.get(request.endpoint)
    return page and url_for(page, **(request.view_args or {}))


def keep(user_id):
    """Keep the form being sent for ``user_id``, whose session ended; return the address of
    the page to give it back on, or None for a form not kept (sign-out, export's code)."""
    page = page_of_form()
    if page is None:
        return None
    fields = [(k, v) for k, v in request.form.items(multi=True) if k != "csrf_token"]
    state = {
        "compte": user_id,
        "formulaire": request.endpoint,
        "page": page,
        "depuis": _now().timestamp(),
    }
    brouillon.save(DRAFT, fields, state)
    return page


def held():
    """This browser's draft key, to carry across the session's renewal at sign-in."""
    return session.get(brouillon.SESSION_KEY, {}).get(DRAFT)


def hand_over(key, user):
    """After the session was renewed for ``user``: keep the draft ``key`` for them, or delete
    it when another account's (the caller commits)."""
    if not key:
        return
    session[brouillon.SESSION_KEY] = {DRAFT: key}
    found = brouillon.load(DRAFT)
    if found is None or found[1]["compte"] != user.id:
        brouillon.discard(DRAFT, commit=False)


def discard():
    """Forget this browser's draft (sign-out); the caller commits."""
    brouillon.discard(DRAFT, commit=False)


def take():
    """What the signed-in agent sent from this page after their session ended, given back
    once: {"formulaire": endpoint, "titre": …, "champs": MultiDict}, or None."""
    if not held():
        return None
    found = brouillon.load(DRAFT)
    if found is not None and found[1]["page"] != request.path:
        return None  # kept for another page: it waits there
    brouillon.discard(DRAFT)
    if found is None:
        return None
    fields, state = found
    since = datetime.datetime.fromtimestamp(state["depuis"], datetime.UTC)
    if state["compte"] != g.user.id or _now() - since > datetime.timedelta(minutes=KEEP_MINUTES):
        return None
    return {
        "formulaire": state["formulaire"],
        "titre": TITLES[state["formulaire"]],
        "champs": MultiDict(fields),
    }
