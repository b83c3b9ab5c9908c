"""The audit log: who viewed or acted on which request, when (append-only)."""

import unicodedata

from flask import current_app, g

from formsvc.db import get_db
from formsvc.models import Audit

LABELS = {
    "connexion": "Connexion",
    "echec_connexion": "Connexion refusée",
    "echec_code": "Code de connexion refusé",
    "double_facteur_active": "Double authentification activée",
    "code_secours": "Code de secours utilisé",
    "double_facteur_reinit": "Double authentification réinitialisée",
    "deconnexion": "Déconnexion",
    "consultation": "Consultation",
    "reponse": "Réponse par courriel",
    "appel": "Appel téléphonique noté",
    "note": "Note privée",
    "statut": "Changement de statut",
    "suspect": "Marquage suspect",
    "export": "Export CSV",
    "saisie": "Demande enregistrée par le cabinet",
    "accuse": "Accusé de réception imprimé",
    "suivi": "Lien de suivi",
}

# Control, format (bidirectional overrides, zero widths), line and paragraph separators,
# surrogates, private and unassigned code points; spaces, no-break ones included, stay.
INVISIBLE = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


def visible(text, limit):
    """``text`` as it can be kept and shown: control and invisible characters written as
    escapes (a NUL byte becomes ``\\x00``), at most ``limit`` characters.

    A failed sign-in stores what was typed as the address: anything, from anyone. Written
    out, it cannot hide in the journal, break a line of it, nor be refused by PostgreSQL
    (no NUL in text) or overflow its column.
    """
    if text is None:
        return None
    shown = "".join(
        c.encode("unicode_escape", "backslashreplace").decode()
        if unicodedata.category(c) in INVISIBLE
        else c
        for c in text
    )
    return shown[:limit]


def record(action, reference=None, detail=None, email=None):
    """Add an entry to the current transaction; the caller commits it with its action."""
    user = g.get("user")
    get_db().add(
        Audit(
            at=current_app.config["CLOCK"](),
            user_email=visible(email or (user.email if user else None), 254),
            action=action,
            reference=reference,
            detail=visible(detail, 200),
        )
    )
