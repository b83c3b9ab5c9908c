"""Signing in and out of the back-office, server-side sessions, and the login requirement.

The session cookie only carries a random token; its hash points to a row of
``sessions_gestion``, so that logout, an idle timeout or a disabled account end the session
for real. Failed sign-ins are counted per account and per client IP in the rate-limit
storage (shared in Redis when there are several instances).
"""

import datetime
import hashlib
import secrets
import time
from urllib.parse import urlsplit

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from limits import parse
from sqlalchemy import delete, select

from formsvc.db import get_session
from formsvc.gestion import audit, bp
from formsvc.gestion.forms import ActionForm, ConnexionForm
from formsvc.limits import strategy_call
from formsvc.models import SessionGestion, Utilisateur

HASHER = PasswordHasher()
# Verified when the account does not exist, so that both answers take the same time.
DUMMY_HASH = HASHER.hash(secrets.token_urlsafe(16))
PUBLIC_ENDPOINTS = {"gestion.connexion"}
FAILED = "Adresse électronique ou mot de passe incorrect."


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def now():
    return current_app.config["CLOCK"]()


def load_user():
    """g.user is the signed-in, active user of a live session, or None."""
    g.user = None
    token = session.get("gestion")
    if not token:
        return None
    db = get_session()
    row = db.scalar(select(SessionGestion).where(SessionGestion.token_hash == hash_token(token)))
    user = row and db.get(Utilisateur, row.user_id)
    idle = datetime.timedelta(minutes=current_app.config["GESTION_IDLE_MINUTES"])
    if row is None or user is None or not user.active:
        session.pop("gestion", None)
        return None
    if now() - row.last_seen_at > idle:
        db.delete(row)
        db.commit()
        session.pop("gestion", None)
        g.expired = True
        return None
    if now() - row.last_seen_at > datetime.timedelta(minutes=1):  # one write a minute at most
        row.last_seen_at = now()
        db.commit()
    g.user = user
    return user


@bp.before_request
def require_login():
    user = load_user()
    if user is None and request.endpoint not in PUBLIC_ENDPOINTS:
        if g.get("expired"):
            flash(
                f"Votre session a pris fin après {current_app.config['GESTION_IDLE_MINUTES']} "
                "minutes sans activité. Connectez-vous à nouveau."
            )
        return redirect(url_for("gestion.connexion", suite=request.full_path.rstrip("?")))
    return None


def safe_next(target):
    """Only a path inside the back-office: never an open redirect to another site."""
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc or not parts.path.startswith("/gestion/"):
        return url_for("gestion.boite")
    return target


def limits_for(email):
    config = current_app.config
    return [
        (parse(config["LOGIN_LIMIT_ACCOUNT"]), "connexion-compte", email),
        (parse(config["LOGIN_LIMIT_IP"]), "connexion-ip", request.remote_addr or "inconnue"),
    ]


def seconds_blocked(email):
    """0 if sign-in may be tried, else the seconds to wait."""
    waits = [
        strategy_call("get_window_stats", item, *keys).reset_time - time.time()
        for item, *keys in limits_for(email)
        if not strategy_call("test", item, *keys)
    ]
    return max(1, int(max(waits))) if waits else 0


def count_failure(email):
    for item, *keys in limits_for(email):
        strategy_call("hit", item, *keys)


def check_password(user, password):
    try:
        HASHER.verify(user.password_hash if user else DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return False
    return user is not None and user.active


def start_session(user):
    session.clear()  # a new session (and CSRF token) at sign-in: no fixation
    token = secrets.token_urlsafe(32)
    db = get_session()
    db.add(
        SessionGestion(
            token_hash=hash_token(token), user_id=user.id, created_at=now(), last_seen_at=now()
        )
    )
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(request.form["password"])
    user.last_login_at = now()
    g.user = user
    audit.record("connexion")
    db.commit()
    session["gestion"] = token


@bp.route("/connexion", methods=["GET", "POST"])
def connexion():
    if g.user:
        return redirect(url_for("gestion.boite"))
    form = ConnexionForm()
    erreurs = []
    status = 200
    if request.method == "POST" and form.validate():
        email = form.email.data.strip().lower()
        wait = seconds_blocked(email)
        if wait:
            minutes = -(-wait // 60)
            plural = "s" if minutes > 1 else ""
            erreurs = [
                (
                    "email",
                    f"Trop de tentatives de connexion. Réessayez dans {minutes} minute{plural}.",
                )
            ]
            status = 429
        else:
            user = get_session().scalar(select(Utilisateur).where(Utilisateur.email == email))
            if check_password(user, form.password.data):
                start_session(user)
                return redirect(safe_next(request.args.get("suite")), code=303)
            count_failure(email)
            audit.record("echec_connexion", email=email[:254])
            get_session().commit()
            erreurs = [("email", FAILED)]
            form.password.data = ""
    elif request.method == "POST":
        erreurs = [(f.id, f.errors[0]) for f in (form.email, form.password) if f.errors]
    page = render_template("gestion/connexion.html", form=form, erreurs=erreurs)
    headers = (
        {"Retry-After": str(seconds_blocked(form.email.data.strip().lower()))}
        if status == 429
        else {}
    )
    return page, status, headers


@bp.route("/deconnexion", methods=["POST"])
def deconnexion():
    ActionForm()  # CSRF is checked by CSRFProtect before the view runs
    db = get_session()
    db.execute(
        delete(SessionGestion).where(SessionGestion.token_hash == hash_token(session["gestion"]))
    )
    audit.record("deconnexion")
    db.commit()
    session.clear()
    flash("Vous êtes déconnecté.")
    return redirect(url_for("gestion.connexion"), code=303)
