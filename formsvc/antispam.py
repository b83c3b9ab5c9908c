"""Telling people from naive robots without a CAPTCHA: a honeypot field and a fill time.

A form using it has two hidden fields: ``site_web`` (invisible to everyone; only a robot
fills it) and ``affiche`` (when the form was shown, signed). No CAPTCHA: they exclude
people (RGAA) and send visitors' data to a third party.

The ``affiche`` token cannot be replayed: it is bound to the visitor's session (through its
CSRF secret), expires with the CSRF token, and is accepted once (its nonce is recorded in
``affichages_utilises``, shared by every worker). A scanner that captures one token and
sends it again, from fresh sessions or the same one, gets no second request stored.
"""

import datetime
import time

from flask import current_app, session
from flask_wtf.csrf import generate_csrf
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete, select

from formsvc.db import get_db
from formsvc.models import AffichageUtilise
from formsvc.tokens import new_token, token_hash

HONEYPOT = "champ piège rempli"
TOO_FAST = "formulaire envoyé trop vite après son affichage"
NO_STAMP = "heure d'affichage du formulaire absente ou falsifiée"
STALE = "heure d'affichage expirée ou venue d'une autre session"


def _signer(form_name):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"{form_name}-affiche")


def _binding():
    """A digest of this session's CSRF secret: a token only works in the session it was
    shown in."""
    generate_csrf()  # makes sure the session has its CSRF secret
    secret = session.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), "")
    return token_hash(secret)[:32]


def stamp(form_name, recheck=False):
    """The signed display token to put in the form's ``affiche`` field.

    ``recheck``: the resident is shown their text again to check it; it is back-dated so
    that sending it at once is accepted (reading and clicking again is a person's act).
    """
    shown_at = time.time()
    if recheck:
        shown_at -= current_app.config["MIN_FILL_SECONDS"]
    payload = {"t": shown_at, "n": new_token(16), "s": _binding()}
    return _signer(form_name).dumps(payload)


def read(form_name, shown):
    """(payload, reason): the display token's content, or why it cannot be trusted."""
    try:
        payload = _signer(form_name).loads(
            shown or "", max_age=current_app.config["WTF_CSRF_TIME_LIMIT"]
        )
    except BadSignature:  # expired ones too (SignatureExpired)
        return None, NO_STAMP
    if not isinstance(payload, dict) or payload.get("s") != _binding():
        return None, STALE
    return payload, None


def suspect_reason(form_name, honeypot, shown):
    """Why a submission looks automated (HONEYPOT, NO_STAMP, STALE, TOO_FAST), or None.

    A display already used is found by ``already_sent``, when the request is sent.
    """
    if honeypot:
        return HONEYPOT
    payload, reason = read(form_name, shown)
    if reason:
        return reason
    if time.time() - payload["t"] < current_app.config["MIN_FILL_SECONDS"]:
        return TOO_FAST
    return None


def already_sent(form_name, shown):
    """None if this display has sent nothing yet; else the reference it sent."""
    payload, _reason = read(form_name, shown)
    key = token_hash(payload["n"])
    row = get_db().scalar(select(AffichageUtilise).where(AffichageUtilise.nonce_hash == key))
    return None if row is None else row.reference


def used(form_name, shown, demande):
    """The row recording that this display sent ``demande``: added in the request's own
    transaction, whose commit fails if another sending used the display meanwhile."""
    payload, _reason = read(form_name, shown)
    key = token_hash(payload["n"])
    return AffichageUtilise(
        nonce_hash=key, used_at=current_app.config["CLOCK"](), reference=demande.reference
    )


def purge(now):
    """Forget used displays older than a token's life: they can no longer be sent."""
    cutoff = now - datetime.timedelta(seconds=current_app.config["WTF_CSRF_TIME_LIMIT"])
    result = get_db().execute(delete(AffichageUtilise).where(AffichageUtilise.used_at < cutoff))
    return result.rowcount
