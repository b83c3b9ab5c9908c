"""The back-office's server-side sign-in sessions.

The session cookie carries a random token; its hash points to a row of ``sessions_gestion``,
so that logout, an idle timeout or a disabled account end the session for real. Before the
idle timeout, the page warns the agent and lets them extend the session
(formsvc/gestion/inactivite.py); a form sent after it is kept for them until they have signed
in again (formsvc/gestion/reprise.py).
"""

import datetime

from flask import current_app, g, session, url_for
from sqlalchemy import delete, select

from formsvc.comptes import audit, double_facteur
from formsvc.db import get_db
from formsvc.gestion import reprise
from formsvc.models import SessionGestion, Utilisateur
from formsvc.tokens import new_token, token_hash

# In the signed cookie after an idle timeout, until the next sign-in: the account whose
# session ended, so that a form sent later is kept for that account only.
EXPIRED = "gestion_expiree"


def now():
    return current_app.config["CLOCK"]()


def load_user(touch=True):
    """g.user is the signed-in, active user of a live session, or None; g.session_row its
    ``sessions_gestion`` row. ``touch``: the request counts as activity."""
    g.user = g.session_row = None
    token = session.get("gestion")
    if not token:
        return None
    db = get_db()
    row = db.scalar(select(SessionGestion).where(SessionGestion.token_hash == token_hash(token)))
    user = row and db.get(Utilisateur, row.user_id)
    idle = datetime.timedelta(minutes=current_app.config["GESTION_IDLE_MINUTES"])
    # A session opened before the second factor was required (migration 0006) ends too.
    if row is None or user is None or not user.active or not double_facteur.enrolled(user):
        session.pop("gestion", None)
        return None
    if now() - row.last_seen_at > idle:
        db.delete(row)
        db.commit()
        session.pop("gestion", None)
        session[EXPIRED] = user.id
        g.expired = True
        return None
    # One write a minute at most.
    if touch and now() - row.last_seen_at > datetime.timedelta(minutes=1):
        row.last_seen_at = now()
        db.commit()
    g.user, g.session_row = user, row
    return user


def start_session(user):
    """Open the server-side session; the cookie gets its token (a new cookie: no fixation)."""
    pending = session.get("gestion_attente", {})
    suite = pending.get("suite") or url_for("gestion.boite")
    session.clear()  # a new session (and CSRF token) at sign-in
    reprise.hand_over(pending.get("reprise"), user)
    token = new_token()
    db = get_db()
    row = SessionGestion(
        token_hash=token_hash(token), user_id=user.id, created_at=now(), last_seen_at=now()
    )
    db.add(row)
    user.last_login_at = now()
    g.user, g.session_row = user, row
    audit.record("connexion")
    db.commit()
    session["gestion"] = token
    return suite


def end_session():
    """Delete the signed-in session's row: its cookie opens nothing any more."""
    token = session.get("gestion")
    if token:
        get_db().execute(
            delete(SessionGestion).where(SessionGestion.token_hash == token_hash(token))
        )
