"""Drafts (« brouillons »): what a resident typed, kept between a form's POST and the next page.

Every POST to a resident form answers with a redirect (Post/Redirect/Get): going Back never
sends the form again nor shows the browser's « ERR_CACHE_MISS ». When the form must come
back (a mistake to correct, a submission to check), its text waits here, encrypted, under a
random key that only the resident's session cookie holds; it is deleted once sent, and
after MAX_AGE by the retention purge.
"""

import datetime
import json

from flask import current_app, session
from sqlalchemy import delete, select

from formsvc.db import get_db
from formsvc.models import Brouillon
from formsvc.tokens import new_token, token_hash

# A draft is read back by the page that follows its POST: hours are plenty, and it holds
# personal data, so it goes well before the form's CSRF token (20 hours) would.
MAX_AGE = datetime.timedelta(hours=4)
SESSION_KEY = "brouillons"  # {form name: key}


def _cipher():
    return current_app.extensions["formsvc_cipher"]


def _now():
    return current_app.config["CLOCK"]()


def save(form_name, fields, state):
    """Keep ``fields`` (name → typed text) and ``state`` (why the form comes back)."""
    discard(form_name, commit=False)
    key = new_token(24)
    text = json.dumps({"champs": fields, "etat": state}, ensure_ascii=False)
    get_db().add(
        Brouillon(key_hash=token_hash(key), created_at=_now(), data_enc=_cipher().encrypt(text))
    )
    get_db().commit()
    session[SESSION_KEY] = {**session.get(SESSION_KEY, {}), form_name: key}


def load(form_name):
    """(fields, state) of the session's draft of ``form_name``, or None."""
    key = session.get(SESSION_KEY, {}).get(form_name)
    row = key and get_db().scalar(select(Brouillon).where(Brouillon.key_hash == token_hash(key)))
    if not row or row.created_at < _now() - MAX_AGE:
        return None
    data = json.loads(_cipher().decrypt(row.data_enc))
    return data["champs"], data["etat"]


def discard(form_name, commit=True):
    drafts = dict(session.get(SESSION_KEY, {}))
    key = drafts.pop(form_name, None)
    if key:
        get_db().execute(delete(Brouillon).where(Brouillon.key_hash == token_hash(key)))
        session[SESSION_KEY] = drafts
        if commit:
            get_db().commit()


def purge(now):
    """Delete the drafts older than MAX_AGE; return how many (the caller commits)."""
    result = get_db().execute(delete(Brouillon).where(Brouillon.created_at < now - MAX_AGE))
    return result.rowcount
