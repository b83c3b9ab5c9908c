"""The audit log: who viewed or acted on which request, when (append-only)."""

from flask import current_app, g

from formsvc.db import get_session
from formsvc.models import Audit

LABELS = {
    "connexion": "Connexion",
    "echec_connexion": "Connexion refusée",
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


def record(action, reference=None, detail=None, email=None):
    """Add an entry to the current transaction; the caller commits it with its action."""
    user = g.get("user")
    get_session().add(
        Audit(
            at=current_app.config["CLOCK"](),
            user_email=email or (user.email if user else None),
            action=action,
            reference=reference,
            detail=detail,
        )
    )
