"""The second factor of office accounts: TOTP codes (RFC 6238) and one-time recovery codes.

The secret is encrypted at rest with the app's cipher (formsvc/donnees_personnelles.py). A
code is accepted once: the last accepted time step is kept per account, and moved forward
by a compare-and-set in the database, so neither a replay in the same 30 seconds nor a
second session (another worker, another instance) can use it again. Recovery codes are
kept as their SHA-256 and each opens one sign-in.
"""

import io
import secrets
from types import SimpleNamespace

import pyotp
import segno
from flask import current_app
from flask_wtf import FlaskForm
from pyotp.utils import strings_equal
from sqlalchemy import delete, func, or_, select, update
from wtforms import StringField
from wtforms.validators import DataRequired

from formsvc import contenu
from formsvc.db import get_db
from formsvc.models import CodeSecours, Utilisateur
from formsvc.tokens import token_hash

STEP = 30  # seconds: RFC 6238's time step, the one every authenticator app uses
WINDOW = 1  # steps accepted on either side of now, for a phone whose clock is a little off
RECOVERY_COUNT = 10
# 16 characters from 31 (no 0/o, 1/i/l): about 79 random bits, read and typed without doubt,
# so that a plain SHA-256 is enough to keep them (nobody can try every code).
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_LENGTH = 16
QR_SCALE = 4  # pixels a module: about 230 px wide, inside a 320 px wide screen

# What check() says of a code.
ACCEPTED = "code"
RECOVERY = "secours"
REPLAYED = "deja_utilise"
WRONG = "faux"


class CodeForm(FlaskForm):
    """The one field of the second step: the app's 6-digit code, or a recovery code."""

    code = StringField(
        "Code à 6 chiffres",
        validators=[DataRequired("Entrez le code à 6 chiffres affiché par votre application")],
    )


def now():
    return current_app.config["CLOCK"]()


def _cipher():
    return current_app.extensions["formsvc_cipher"]


def issuer():
    """The name the authenticator app shows above the codes: the commune's site name."""
    return contenu.commune().nom


def new_secret(user):
    """Give ``user`` a new, unconfirmed secret (160 bits, RFC 4226's advice); return it."""
    secret = pyotp.random_base32()
    user.totp_secret_enc = _cipher().encrypt(secret)
    user.totp_confirmed_at = None
    user.totp_last_step = None
    return secret


def secret_of(user):
    return _cipher().decrypt(user.totp_secret_enc)


def enrolled(user):
    return user.totp_secret_enc is not None and user.totp_confirmed_at is not None


def provisioning_uri(user, secret):
    """The ``otpauth://totp/…`` address that authenticator apps read from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=issuer())


def grouped(secret):
    """The secret in groups of four, as it is easier to type by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_image(uri):
    """The QR code as an SVG ``data:`` URI (allowed by the CSP's img-src) and its size in
    pixels: drawn here, so that no third-party service ever sees the secret."""
    qr = segno.make(uri, error="m")
    # Black on white whatever the page's colours: some apps read no other contrast.
    src = qr.svg_data_uri(scale=QR_SCALE, border=4, dark="#000", light="#fff")
    return SimpleNamespace(src=src, size=qr.symbol_size(scale=QR_SCALE, border=4)[0])


def qr_terminal(uri):
    """The QR code in text (half blocks), for the command line."""
    out = io.StringIO()
    segno.make(uri, error="m").terminal(out=out, compact=True)
    return out.getvalue()


def current_step():
    return int(now().timestamp()) // STEP


def normalise(code):
    """What the person typed, without spaces, dashes or case."""
    return "".join((code or "").split()).replace("-", "").lower()


def check_totp(user, code):
    """ACCEPTED (and the step recorded), REPLAYED or WRONG, for a 6-digit code."""
    code = normalise(code)
    if len(code) != 6 or not code.isdigit() or user.totp_secret_enc is None:
        return WRONG
    totp = pyotp.TOTP(secret_of(user))
    now_step = current_step()
    matched = [
        step
        for step in range(now_step - WINDOW, now_step + WINDOW + 1)
        if strings_equal(totp.generate_otp(step), code)
    ]
    if not matched:
        return WRONG
    step = max(matched)
    moved = get_db().execute(
        update(Utilisateur)
        .where(
            Utilisateur.id == user.id,
            or_(Utilisateur.totp_last_step.is_(None), Utilisateur.totp_last_step < step),
        )
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        return REPLAYED
    user.totp_last_step = step
    return ACCEPTED


def hash_recovery(code):
    return token_hash(normalise(code))


def new_recovery_codes(user):
    """Replace ``user``'s recovery codes by ten new ones; return them, to show once."""
    db = get_db()
    db.execute(delete(CodeSecours).where(CodeSecours.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_COUNT):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        codes.append("-".join(raw[i : i + 4] for i in range(0, RECOVERY_LENGTH, 4)))
        db.add(CodeSecours(user_id=user.id, code_hash=hash_recovery(raw), created_at=now()))
    return codes


def use_recovery_code(user, code):
    """True if ``code`` is one of ``user``'s unused recovery codes; it is used up at once."""
    if len(normalise(code)) != RECOVERY_LENGTH:
        return False
    used = get_db().execute(
        update(CodeSecours)
        .where(
            CodeSecours.user_id == user.id,
            CodeSecours.code_hash == hash_recovery(code),
            CodeSecours.used_at.is_(None),
        )
        .values(used_at=now())
        .execution_options(synchronize_session=False)
    )
    return used.rowcount == 1


def recovery_codes_left(user):
    return get_db().scalar(
        select(func.count())
        .select_from(CodeSecours)
        .where(CodeSecours.user_id == user.id, CodeSecours.used_at.is_(None))
    )


def check(user, code):
    """ACCEPTED, RECOVERY, REPLAYED or WRONG: a 6-digit code, or else a recovery code."""
    typed = normalise(code)
    if len(typed) == 6 and typed.isdigit():
        return check_totp(user, code)
    return RECOVERY if use_recovery_code(user, code) else WRONG


def confirm(user):
    """Mark the secret confirmed and give ten recovery codes (returned, to show once)."""
    user.totp_confirmed_at = now()
    return new_recovery_codes(user)


def reset(user):
    """Forget the secret and the recovery codes: the next sign-in enrols again."""
    user.totp_secret_enc = None
    user.totp_confirmed_at = None
    user.totp_last_step = None
    get_db().execute(delete(CodeSecours).where(CodeSecours.user_id == user.id))
