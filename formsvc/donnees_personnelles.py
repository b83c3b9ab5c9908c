"""The one declaration of the personal data formsvc stores (« données personnelles »).

Every column holding personal data is encrypted (Fernet, ``*_enc``) and listed here once:
encryption, the retention purge (formsvc/cycle.py anonymise), key rotation (formsvc/crypto.py)
and the office's reading and export go through this list. A test reads the models and fails
when an encrypted column is missing from it, so a new one cannot be skipped by the purge.
"""

from flask import current_app

from formsvc.models import Brouillon, Demande, Evenement, OutboxMail, Utilisateur

PERSONAL = {
    Demande: (
        "name_enc",
        "email_enc",
        "phone_enc",
        "address_enc",
        "subject_enc",
        "message_enc",
        "suivi_enc",  # the follow-up token, so that the office can print the link again
    ),
    Evenement: ("text_enc",),  # answers, call notes, private notes
    OutboxMail: ("payload_enc",),  # the whole mail, recipient included
    Brouillon: ("data_enc",),  # a form's text while the resident corrects it
    # An office account's second-factor secret: not about a resident, so the retention
    # purge leaves it alone, but encrypted with the same keys and rotated with them.
    Utilisateur: ("totp_secret_enc",),
}
# A request's personal fields, by the names forms give them.
FIELDS = {
    "nom": "name_enc",
    "courriel": "email_enc",
    "telephone": "phone_enc",
    "adresse": "address_enc",
    "objet": "subject_enc",
    "message": "message_enc",
}


def _cipher():
    return current_app.extensions["formsvc_cipher"]


def seal(demande, values):
    """Encrypt ``values`` (FIELDS names → text) into the request; empty text is stored None."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise KeyError(f"not a personal field of a request: {sorted(unknown)}")
    for name, value in values.items():
        setattr(demande, FIELDS[name], _cipher().encrypt(value or None))


def read(demande):
    """The request's personal fields, decrypted, by FIELDS names (None when erased)."""
    return {name: _cipher().decrypt(getattr(demande, column)) for name, column in FIELDS.items()}
