"""Signing in and out of the back-office, server-side sessions, and the login requirement.

Signing in takes two steps: the password, then a code from the account's authenticator app
(formsvc/gestion/double_facteur.py), or its enrolment for an account that has none yet.
Between the two, the signed cookie only says which account gave the right password, for
PENDING_MINUTES: no session exists before the code, so the password alone opens nothing.

The session cookie then carries a random token; its hash points to a row of
``sessions_gestion``, so that logout, an idle timeout or a disabled account end the session
for real. Before the idle timeout, the page warns the agent and lets them extend the session
(formsvc/gestion/inactivite.py); a form sent after it is kept for them until they have signed
in again (formsvc/gestion/reprise.py).

Failed attempts, passwords and codes alike, are counted per (account, client IP) and per
client IP in the rate-limit storage (shared in Redis when there are several instances): a
stranger's wrong passwords slow down their own address, never the owner signing in from
another. Wrong codes are also counted per account, whatever the address: only someone who
has the password can type one.
"""

import datetime
import time
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
from limits import parse
from sqlalchemy import delete, select

from formsvc.db import get_session
from formsvc.gestion import audit, double_facteur, mots_de_passe, reprise
from formsvc.gestion.blueprint import bp
from formsvc.gestion.forms import ActionForm, ConnexionForm
from formsvc.limits import in_words, strategy_call
from formsvc.models import SessionGestion, Utilisateur
from formsvc.tokens import new_token, token_hash

PUBLIC_ENDPOINTS = {"gestion.connexion", "gestion.code", "gestion.activation"}
# Asked by the page's script (formsvc/gestion/inactivite.py): without a session they answer
# 401 in JSON, not the sign-in page. The first only reads the time left: asking it is no
# activity, or a page left open would never be signed out.
JSON_ENDPOINTS = {"gestion.session", "gestion.prolonger"}
NO_TOUCH_ENDPOINTS = {"gestion.session"}
# In the signed cookie after an idle timeout, until the next sign-in: the account whose
# session ended, so that a form sent later is kept for that account only.
EXPIRED = "gestion_expiree"
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
# Wrong codes per account, from any address. Only someone who has the password gets this
# far; at this pace, guessing a 6-digit code has less than one chance in a thousand a day.
CODE_LIMIT_ACCOUNT = "10 per hour"


def now():
    return current_app.config["CLOCK"]()


def load_user(touch=True):
    """g.user is the signed-in, active user of a live session, or None; g.session_row its
    ``sessions_gestion`` row. ``touch``: the request counts as activity."""
    g.user = g.session_row = None
    token = session.get("gestion")
    if not token:
        return None
    db = get_session()
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


def client_ip():
    """The client's address: the real one behind PROXY_COUNT trusted proxies (ProxyFix)."""
    return request.remote_addr or "inconnue"


def throttles(email, code=False):
    """The counters a failed attempt for ``email`` from this client adds to."""
    config = current_app.config
    ip = client_ip()
    found = [
        (parse(config["LOGIN_LIMIT_ACCOUNT"]), "connexion-compte-ip", email[:254], ip),
        (parse(config["LOGIN_LIMIT_IP"]), "connexion-ip", ip),
    ]
    if code:
        found.append((parse(CODE_LIMIT_ACCOUNT), "code-compte", email))
    return found


def seconds_blocked(limits):
    """0 if one more attempt may be made, else the seconds to wait."""
    waits = [
        strategy_call("get_window_stats", item, *keys).reset_time - time.time()
        for item, *keys in limits
        if not strategy_call("test", item, *keys)
    ]
    return max(1, int(max(waits))) if waits else 0


def count_failure(limits):
    for item, *keys in limits:
        strategy_call("hit", item, *keys)


def too_many(wait):
    return f"Trop de tentatives de connexion. Réessayez {in_words(wait)}."


def retry_after(wait):
    return {"Retry-After": str(wait)} if wait else {}


def find_account(email):
    """The account with this address, or None. An address with control characters is no
    account's (and PostgreSQL refuses a NUL byte in a query)."""
    if len(email) > 254 or not email.isprintable():
        return None
    return get_session().scalar(select(Utilisateur).where(Utilisateur.email == email))


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
    get_session().commit()
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
    user = get_session().get(Utilisateur, pending["compte"])
    if user is None or not user.active:
        session.pop("gestion_attente")
        return None
    return user


def start_session(user):
    """Open the server-side session; the cookie gets its token (a new cookie: no fixation)."""
    pending = session.get("gestion_attente", {})
    suite = pending.get("suite") or url_for("gestion.boite")
    session.clear()  # a new session (and CSRF token) at sign-in
    reprise.hand_over(pending.get("reprise"), user)
    token = new_token()
    db = get_session()
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
    get_session().commit()
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
            get_session().commit()
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
        get_session().commit()
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
    db = get_session()
    db.execute(
        delete(SessionGestion).where(SessionGestion.token_hash == token_hash(session["gestion"]))
    )
    reprise.discard()
    audit.record("deconnexion")
    db.commit()
    session.clear()
    flash("Vous êtes déconnecté.")
    return redirect(url_for("gestion.connexion"), code=303)
