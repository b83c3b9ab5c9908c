"""The life of a request, whatever form or channel brought it (« cycle de vie d'une demande »).

Nothing else changes a request: views, the export, the follow-up page, the office's
recording of a phone call and the retention purge call these functions. Stored values are
codes (``en_cours``); their French labels (formsvc/vocabulaire.py) are for display only.
"""

import datetime

from flask import current_app, g, url_for
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from commune.permanences import PARIS
from formsvc import avis, contenu, donnees_personnelles, mails
from formsvc.db import get_db
from formsvc.models import Demande, Evenement
from formsvc.parcours import REQUEST_TYPES
from formsvc.reference import new_reference
from formsvc.tokens import new_token, token_hash
from formsvc.vocabulaire import PUBLIC_STATUSES, STATUSES, status_label

# Where a status may go next; « close » can be reopened, nothing goes back to « nouvelle ».
TRANSITIONS = {
    "nouvelle": ("en_cours", "repondue", "close"),
    "en_cours": ("repondue", "close"),
    "repondue": ("en_cours", "close"),
    "close": ("en_cours",),
}
AWAITING_ANSWER = ("nouvelle", "en_cours")  # the office still owes an answer: deadlines apply
DUE_SOON_DAYS = 3
TOKEN_BYTES = 24  # 192 random bits: a follow-up link cannot be guessed


class AlreadyRecorded(Exception):
    """A row that must be unique, added with the request (``also``), exists already."""


class TransitionRefused(ValueError):
    """A status change the lifecycle does not allow; the message is for the office."""


def now():
    return current_app.config["CLOCK"]()


def add_event(demande, kind, *, detail=None, text=None, called_at=None):
    """Add a step to the request's history (text encrypted), by the signed-in user if any."""
    user = g.get("user")
    get_db().add(
        Evenement(
            demande_id=demande.id,
            user_id=user.id if user else None,
            at=now(),
            kind=kind,
            detail=detail,
            text_enc=current_app.extensions["formsvc_cipher"].encrypt(text),
            called_at=called_at,
        )
    )


def next_statuses(demande):
    """The statuses the office may choose now: the current one, then where it may go."""
    return (demande.status, *TRANSITIONS.get(demande.status, ()))


def set_status(demande, status):
    """Move the request to ``status`` and record it; False when it was already there."""
    if status == demande.status:
        return False
    if status not in TRANSITIONS.get(demande.status, ()):
        raise TransitionRefused(
            f"Une demande « {STATUSES.get(demande.status, demande.status)} » ne peut pas "
            f"passer à « {STATUSES.get(status, status)} »."
        )
    demande.status = status
    demande.closed_at = now() if status == "close" else None
    add_event(demande, "statut", detail=status)
    return True


def due_date(received_at, delai):
    """The day the answer is due, counted from the day (in Paris) the request arrived."""
    return delai.echeance(received_at.astimezone(PARIS).date())


def urgency(demande, today):
    """« en_retard », « bientot » (due within DUE_SOON_DAYS days) or None."""
    if demande.status not in AWAITING_ANSWER or demande.due_on is None:
        return None
    if demande.due_on < today:
        return "en_retard"
    if (demande.due_on - today).days <= DUE_SOON_DAYS:
        return "bientot"
    return None


def today():
    return now().astimezone(PARIS).date()


def new_suivi(demande):
    """Give the request a new follow-up token (the old link stops working); return it."""
    token = new_token(TOKEN_BYTES)
    demande.suivi_hash = token_hash(token)
    demande.suivi_enc = current_app.extensions["formsvc_cipher"].encrypt(token)
    demande.suivi_revoked_at = None
    return token


def suivi_token(demande):
    """The current token, for the office to print it again; None once revoked or erased."""
    if demande.suivi_revoked_at or not demande.suivi_enc:
        return None
    return current_app.extensions["formsvc_cipher"].decrypt(demande.suivi_enc)


def suivi_url(token):
    """The link to give the resident: PUBLIC_URL, since mails are composed outside requests."""
    path = url_for("suivi.demande", token=token)
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


def revoke_suivi(demande):
    demande.suivi_revoked_at = now()
    demande.suivi_enc = None
    add_event(demande, "suivi", detail="désactivé")


def by_suivi_token(token):
    """The request a follow-up token opens, or None (unknown, malformed or revoked)."""
    if not token or len(token) > 100:
        return None
    demande = get_db().scalar(select(Demande).where(Demande.suivi_hash == token_hash(token)))
    if demande is None or demande.suivi_revoked_at is not None:
        return None
    return demande


def public_history(demande):
    """[(label, moment)] of the request's statuses, for the follow-up page: no text, no name."""
    steps = [(PUBLIC_STATUSES["nouvelle"], demande.received_at)]
    changes = get_db().execute(
        select(Evenement.detail, Evenement.at)
        .where(Evenement.demande_id == demande.id, Evenement.kind == "statut")
        .order_by(Evenement.at, Evenement.id)
    )
    steps += [(status_label(code, public=True), at) for code, at in changes]
    return [(label, at.astimezone(PARIS)) for label, at in steps]


def create(
    *,
    kind,
    origin,
    channel,
    personal,
    received_at=None,
    during_creneau=False,
    suspect_reason=None,
    notify_office=True,
    also=None,
    taken=None,
):
    """Record a new request and its mails in one transaction; return (demande, token).

    ``also(demande)`` gives more rows for the same transaction (the form display it used);
    when the commit fails and ``taken()`` says one of them exists already, AlreadyRecorded
    is raised instead of drawing a new reference.

    ``personal`` maps donnees_personnelles.FIELDS names to what was typed; each is
    encrypted. The acknowledgement goes by mail when an address is given, with the follow-up
    link; a suspect request sends no mail at all (no mail to an address a robot typed). The
    office hears of it at once, or in the next digest during a flood (formsvc/avis.py).
    """
    if kind not in REQUEST_TYPES:
        raise ValueError(f"unknown kind of request {kind!r}: declare it in formsvc/parcours.py")
    received_at = received_at or now()
    delai = contenu.permanences().delai
    email = personal.get("courriel") or None
    for _attempt in range(5):
        db = get_db()
        demande = Demande(
            reference=new_reference(),
            kind=kind,
            origin=origin,
            received_at=received_at,
            due_on=due_date(received_at, delai),
            channel=channel,
            during_creneau=during_creneau,
            suspect=suspect_reason is not None,
            suspect_reason=suspect_reason,
            status="nouvelle",
        )
        donnees_personnelles.seal(demande, personal)
        token = new_suivi(demande)
        outgoing = []
        if not demande.suspect:
            if notify_office and avis.notify_now(received_at):
                outgoing.append(mails.office_notification(demande))
            if email:
                outgoing.append(mails.acknowledgement(demande, email, suivi_url(token)))
        db.add_all([demande, *outgoing, *(also(demande) if also else [])])
        try:
            db.commit()  # the request and its mails, together or not at all
            return demande, token
        except IntegrityError:
            db.rollback()
            if taken and taken():
                raise AlreadyRecorded() from None
            # else the same reference (or token) was drawn twice: draw again
    raise RuntimeError("no unique reference after 5 draws")


def backfill_due_dates():
    """Requests older than due dates get theirs from the delay announced today (migration 0004
    leaves them empty: the delay is the editors' data, not the database's)."""
    db = get_db()
    delai = contenu.permanences().delai
    for demande in db.scalars(select(Demande).where(Demande.due_on.is_(None))):
        demande.due_on = due_date(demande.received_at, delai)
    db.commit()


def anonymisable(now, days):
    """The query of closed requests whose personal data must now be erased."""
    limit = now - datetime.timedelta(days=days)
    return select(Demande).where(
        Demande.status == "close",
        Demande.closed_at < limit,
        Demande.anonymised_at.is_(None),
    )


def anonymise(demande, now):
    """Erase every personal field of the request, its history's texts and its mails' copies.

    The reference, dates, statuses, kind, origin and the follow-up token's hash stay: for
    statistics, and so that the follow-up link can say when the request was erased.
    """
    db = get_db()
    for model, columns in donnees_personnelles.PERSONAL.items():
        erased = dict.fromkeys(columns)
        if model is Demande:
            for column in columns:
                setattr(demande, column, None)
        elif hasattr(model, "demande_id"):
            db.execute(update(model).where(model.demande_id == demande.id).values(erased))
    demande.anonymised_at = now
