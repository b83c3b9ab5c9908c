"""Signing in and out of the back-office, and the login requirement.

Signing in takes two steps: the password, then a code from the account's authenticator app
(formsvc/comptes/double_facteur.py), or its enrolment for an account that has none yet.
Between the two, the signed cookie only says which account gave the right password, for
PENDING_MINUTES: no session exists before the code, so the password alone opens nothing.
The code opens a server-side session (formsvc/gestion/sessions.py); failed attempts are
throttled (formsvc/gestion/tentatives.py).
"""

import datetime
from urllib.parse import urlsplit

from flask import (
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlalchemy import select

from formsvc.comptes import audit, double_facteur, mots_de_passe
from formsvc.db import get_db
from formsvc.gestion import reprise
from formsvc.gestion.blueprint import bp
from formsvc.gestion.forms import ActionForm, ConnexionForm
from formsvc.gestion.sessions import EXPIRED, end_session, load_user, now, start_session
from formsvc.gestion.tentatives import (
    count_failure,
    retry_after,
    seconds_blocked,
    throttles,
    too_many,
)
from formsvc.models import Utilisateur

PUBLIC_ENDPOINTS = {"gestion.connexion", "gestion.code", "gestion.activation"}
# Asked by the page's script (formsvc/gestion/inactivite.py): without a session they answer
# 401 in JSON, not the sign-in page. The first only reads the time left: asking it is no
# activity, or a page left open would never be signed out.
JSON_ENDPOINTS = {"gestion.session", "gestion.prolonger"}
NO_TOUCH_ENDPOINTS = {"gestion.session"}
FAILED = "Adresse électronique ou mot de passe incorrect."
CODE_WRONG = (
    "Code incorrect. Entrez le code à 6 chiffres affiché en ce moment par votre application, "
    "ou un de vos codes de secours."
)
CODE_REPLAYED = (
    "Ce code a déjà servi. Attendez que votre application en affiche un nouveau "
    "(toutes les 30 secondes), puis entrez-le."
)
# Minutes between the password and the code: time to open the app, or at enrolment to
# install one and scan the QR code.
PENDING_MINUTES = 15


@bp.before_request
def require_login():
    user = load_user(touch=request.endpoint not in NO_TOUCH_ENDPOINTS)
    if user is not None or request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if request.endpoint in JSON_ENDPOINTS:
        return jsonify(connecte=False, restant=0), 401
    expired = session.get(EXPIRED)
    kept = expired is not None and request.method == "POST" and reprise.keep(expired)
    if expired is not None:
        message = (
            f"Votre session a pris fin après {current_app.config['GESTION_IDLE_MINUTES']} "
            "minutes sans activité. Connectez-vous à nouveau."
        )
        if kept:
            message += (
                " Ce que vous veniez d'envoyer n'a pas été enregistré, mais il est gardé : "
                "vous le retrouverez, prêt à envoyer, après la connexion."
            )
        flash(message)
    return redirect(url_for("gestion.connexion", suite=kept or after_sign_in()))


def after_sign_in():
    """Where to come back after signing in: this page, or for a form sent, the page that
    holds it (a POST-only address would answer « method not allowed »)."""
    if request.method == "GET":
        return request.full_path.rstrip("?")
    if request.url_rule and "GET" in request.url_rule.methods:
        return request.path
    return reprise.page_of_form() or url_for("gestion.boite")


def safe_next(target):
    """Only a path inside the back-office: never an open redirect to another site, and
    never a control character (a CR or LF would split the Location header)."""
    target = target or ""
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not parts.path.startswith("/gestion/")
        or not target.isprintable()
    ):
        return url_for("gestion.boite")
    return target


def find_account(email):
    """The account with this address, or None. An address with control characters is no
    account's (and PostgreSQL refuses a NUL byte in a query)."""
    if len(email) > 254 or not email.isprintable():
        return None
    return get_db().scalar(select(Utilisateur).where(Utilisateur.email == email))


def check_password(user, password):
    right = mots_de_passe.verify(user.password_hash if user else None, password)
    return right and user.active


def second_step(user, password):
    """After the right password: the code page, or enrolment for an account without one."""
    if mots_de_passe.needs_rehash(user.password_hash):
        user.password_hash = mots_de_passe.hash_password(password)
    if not double_facteur.enrolled(user):
        # A new secret at each attempt: one shown to someone who then gave up (or to
        # someone else who had the password) is never the one confirmed later.
        double_facteur.new_secret(user)
    get_db().commit()
    suite = safe_next(request.args.get("suite"))
    kept = reprise.held()
    session.clear()  # nothing of an earlier visit carries over to the signed-in session…
    session["gestion_attente"] = {
        "compte": user.id,
        "depuis": now().timestamp(),
        "suite": suite,
        "reprise": kept,  # …but what was sent after the session's end, checked at sign-in
    }
    step = "gestion.code" if double_facteur.enrolled(user) else "gestion.activation"
    return redirect(url_for(step), code=303)


def pending_user():
    """The active account that gave its password in this browser, not long ago, or None."""
    pending = session.get("gestion_attente")
    if not pending:
        return None
    since = datetime.datetime.fromtimestamp(pending["depuis"], datetime.UTC)
    if now() - since > datetime.timedelta(minutes=PENDING_MINUTES):
        session.pop("gestion_attente")
        flash(
            f"Plus de {PENDING_MINUTES} minutes ont passé depuis votre mot de passe : "
            "connectez-vous à nouveau."
        )
        return None
    user = get_db().get(Utilisateur, pending["compte"])
    if user is None or not user.active:
        session.pop("gestion_attente")
        return None
    return user


def try_code(user, typed, check=double_facteur.check):
    """Check a typed code within the throttles: (verdict, error to show, seconds to wait).

    A wrong or replayed code counts as a failed attempt and is logged; a recovery code
    used is logged too (never the code itself).
    """
    limits = throttles(user.email, code=True)
    wait = seconds_blocked(limits)
    if wait:
        return double_facteur.WRONG, too_many(wait), wait
    verdict = check(user, typed)
    if verdict == double_facteur.RECOVERY:
        audit.record("code_secours", email=user.email)
    if verdict in (double_facteur.ACCEPTED, double_facteur.RECOVERY):
        return verdict, None, 0
    count_failure(limits)
    audit.record("echec_code", email=user.email)
    get_db().commit()
    return verdict, CODE_REPLAYED if verdict == double_facteur.REPLAYED else CODE_WRONG, 0


@bp.route("/connexion", methods=["GET", "POST"])
def connexion():
    if g.user:
        return redirect(url_for("gestion.boite"))
    form = ConnexionForm()
    erreurs, status, wait = [], 200, 0
    if request.method == "POST" and form.validate():
        email = form.email.data.strip().lower()
        limits = throttles(email)
        wait = seconds_blocked(limits)
        if wait:
            erreurs, status = [("email", too_many(wait))], 429
        else:
            user = find_account(email)
            if check_password(user, form.password.data):
                return second_step(user, form.password.data)
            count_failure(limits)
            audit.record("echec_connexion", email=email)
            get_db().commit()
            erreurs = [("email", FAILED)]
            form.password.data = ""
    elif request.method == "POST":
        erreurs = [(f.id, f.errors[0]) for f in (form.email, form.password) if f.errors]
    page = render_template("gestion/connexion.html", form=form, erreurs=erreurs)
    return page, status, retry_after(wait)


@bp.route("/connexion/code", methods=["GET", "POST"])
def code():
    """Second step: the app's code, or a recovery code."""
    user = pending_user()
    if user is None:
        return redirect(url_for("gestion.connexion"))
    if not double_facteur.enrolled(user):  # reset by the operator meanwhile
        return redirect(url_for("gestion.activation"))
    form = double_facteur.CodeForm()
    erreurs, wait = [], 0
    if request.method == "POST" and form.validate():
        verdict, erreur, wait = try_code(user, form.code.data)
        if erreur is None:
            suite = start_session(user)
            if verdict == double_facteur.RECOVERY:
                left = double_facteur.recovery_codes_left(user)
                flash(
                    f"Connexion avec un code de secours : il vous en reste {left}. "
                    "Téléphone perdu ou changé ? Demandez à l'exploitant du service de "
                    "réinitialiser votre double authentification."
                )
            return redirect(suite, code=303)
        erreurs = [("code", erreur)]
    elif request.method == "POST":
        erreurs = [("code", form.code.errors[0])]
    page = render_template("gestion/code.html", form=form, erreurs=erreurs, compte=user)
    return page, 429 if wait else 200, retry_after(wait)


@bp.route("/connexion/activation", methods=["GET", "POST"])
def activation():
    """First sign-in of an account without a second factor: scan, confirm, keep the codes."""
    user = pending_user()
    if user is None:
        return redirect(url_for("gestion.connexion"))
    if double_facteur.enrolled(user):
        return redirect(url_for("gestion.code"))
    if user.totp_secret_enc is None:  # reset by the operator since the password
        double_facteur.new_secret(user)
        get_db().commit()
    form = double_facteur.CodeForm()
    erreurs, wait = [], 0
    if request.method == "POST" and form.validate():
        _, erreur, wait = try_code(user, form.code.data, check=double_facteur.check_totp)
        if erreur is None:
            codes = double_facteur.confirm(user)
            audit.record(
                "double_facteur_active", email=user.email, detail="à la première connexion"
            )
            suite = start_session(user)
            # Shown in this answer only: the codes are kept nowhere in clear, not even in
            # the session cookie, and the page is never cached (no-store).
            return render_template("gestion/codes_secours.html", codes=codes, suite=suite)
        erreurs = [("code", erreur)]
    elif request.method == "POST":
        erreurs = [("code", form.code.errors[0])]
    secret = double_facteur.secret_of(user)
    page = render_template(
        "gestion/activation.html",
        form=form,
        erreurs=erreurs,
        compte=user,
        emetteur=double_facteur.issuer(),
        qr=double_facteur.qr_image(double_facteur.provisioning_uri(user, secret)),
        cle=double_facteur.grouped(secret),
    )
    return page, 429 if wait else 200, retry_after(wait)


@bp.route("/deconnexion", methods=["POST"])
def deconnexion():
    ActionForm()  # CSRF is checked by CSRFProtect before the view runs
    end_session()
    reprise.discard()
    audit.record("deconnexion")
    get_db().commit()
    session.clear()
    flash("Vous êtes déconnecté.")
    return redirect(url_for("gestion.connexion"), code=303)
