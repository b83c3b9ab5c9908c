"""Reading requests for the back-office: finding one, decrypting it, listing its history."""

from dataclasses import dataclass

from flask import abort, current_app
from sqlalchemy import select

from commune.permanences import PARIS
from formsvc import cycle, donnees_personnelles, vocabulaire
from formsvc.db import get_db
from formsvc.models import Demande, Evenement, Utilisateur
from formsvc.reference import grouped, normalize


def find(reference):
    """The request with this reference (any spelling: « k7qm-4xd2 »), or a 404 page."""
    cleaned = normalize(reference)
    demande = cleaned and get_db().scalar(select(Demande).where(Demande.reference == cleaned))
    if not demande:
        abort(404)
    return demande


@dataclass
class Lecture:
    """A request as the office reads it: decrypted, with French labels."""

    demande: Demande
    reference: str
    recue_le: object
    nom: str | None
    courriel: str | None
    telephone: str | None
    adresse: str | None
    objet: str | None
    message: str | None
    statut: str
    origine: str
    type_demande: str
    historique: list
    lien_suivi: str | None


def decrypt(demande):
    cipher = current_app.extensions["formsvc_cipher"]
    db = get_db()
    events = db.scalars(
        select(Evenement)
        .where(Evenement.demande_id == demande.id)
        .order_by(Evenement.at, Evenement.id)
    ).all()
    users = {u.id: u.email for u in db.scalars(select(Utilisateur))}
    historique = [
        {
            "quand": event.at.astimezone(PARIS),
            "qui": users.get(event.user_id, "—"),
            "quoi": vocabulaire.EVENTS.get(event.kind, event.kind),
            "detail": vocabulaire.status_label(event.detail)
            if event.kind == "statut"
            else event.detail,
            "appel": event.called_at.astimezone(PARIS) if event.called_at else None,
            "texte": cipher.decrypt(event.text_enc),
        }
        for event in events
    ]
    token = cycle.suivi_token(demande)
    return Lecture(
        demande=demande,
        reference=grouped(demande.reference),
        recue_le=demande.received_at.astimezone(PARIS),
        **donnees_personnelles.read(demande),
        statut=vocabulaire.status_label(demande.status),
        origine=vocabulaire.ORIGINS.get(demande.origin, demande.origin),
        type_demande=vocabulaire.request_type_label(demande.kind),
        historique=historique,
        lien_suivi=cycle.suivi_url(token) if token else None,
    )
