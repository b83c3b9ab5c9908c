"""Telling people from naive robots without a CAPTCHA: a honeypot field and a fill time.

A form using it has two hidden fields: ``site_web`` (invisible to everyone; only a robot
fills it) and ``affiche`` (when the form was shown, signed). No CAPTCHA: they exclude
people (RGAA) and send visitors' data to a third party.
"""

import time

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

HONEYPOT = "champ piège rempli"
TOO_FAST = "formulaire envoyé trop vite après son affichage"
NO_STAMP = "heure d'affichage du formulaire absente ou falsifiée"


def _signer(form_name):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"{form_name}-affiche")


def stamp(form_name, recheck=False):
    """The signed display time to put in the form's ``affiche`` field.

    ``recheck``: the resident is shown their text again to check it; it is back-dated so
    that sending it at once is accepted (reading and clicking again is a person's act).
    """
    shown_at = time.time()
    if recheck:
        shown_at -= current_app.config["MIN_FILL_SECONDS"]
    return _signer(form_name).dumps(shown_at)


def suspect_reason(form_name, honeypot, shown):
    """Why a submission looks automated (HONEYPOT, TOO_FAST, NO_STAMP), or None."""
    if honeypot:
        return HONEYPOT
    try:
        shown_at = _signer(form_name).loads(shown or "")
    except BadSignature:
        return NO_STAMP
    if time.time() - shown_at < current_app.config["MIN_FILL_SECONDS"]:
        return TOO_FAST
    return None
