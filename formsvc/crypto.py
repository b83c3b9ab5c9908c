"""Encryption at rest of personal data, with Fernet keys that can be rotated: the cipher,
and the operator's ``flask --app formsvc keys`` commands (generate a key, re-encrypt every
stored field with the first one).

``FORMSVC_ENCRYPTION_KEYS`` lists keys, comma-separated: the first encrypts, every one
decrypts, so a new key can be put first while older rows are still readable.
"""

import click
from cryptography.fernet import Fernet, MultiFernet
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from formsvc.config import ConfigError
from formsvc.db import get_db
from formsvc.donnees_personnelles import PERSONAL

cli = AppGroup("keys", help="Clés de chiffrement des données personnelles.")
BATCH = 500  # rows re-encrypted per transaction


class Cipher:
    def __init__(self, keys):
        try:
            fernets = [Fernet(k.strip().encode()) for k in keys.split(",") if k.strip()]
        except (ValueError, TypeError):
            raise ConfigError(
                "FORMSVC_ENCRYPTION_KEYS: clé Fernet invalide (32 octets en base64 url-safe ; "
                "créez-en une avec `flask --app formsvc keys generate`)"
            ) from None
        if not fernets:
            raise ConfigError("FORMSVC_ENCRYPTION_KEYS: aucune clé")
        self._fernet = MultiFernet(fernets)

    def encrypt(self, text):
        """Encrypt a string; None stays None (an absent phone is not a secret)."""
        if text is None:
            return None
        return self._fernet.encrypt(text.encode()).decode()

    def decrypt(self, token):
        if token is None:
            return None
        return self._fernet.decrypt(token.encode()).decode()

    def rotate(self, token):
        """Re-encrypt ``token`` with the first key."""
        return None if token is None else self._fernet.rotate(token.encode()).decode()


@cli.command("generate")
def generate():
    """Affiche une nouvelle clé Fernet, à placer en tête de FORMSVC_ENCRYPTION_KEYS."""
    click.echo(Fernet.generate_key().decode())


@cli.command("rotate")
def rotate():
    """Rechiffre toutes les données avec la première clé ; les autres peuvent ensuite partir."""
    cipher = current_app.extensions["formsvc_cipher"]
    db = get_db()
    for model, columns in PERSONAL.items():
        count, last_id = 0, 0
        while True:  # in batches, each committed: a large table does not hold one long lock
            rows = db.scalars(
                select(model).where(model.id > last_id).order_by(model.id).limit(BATCH)
            ).all()
            if not rows:
                break
            for row in rows:
                for column in columns:
                    setattr(row, column, cipher.rotate(getattr(row, column)))
            db.commit()
            count, last_id = count + len(rows), rows[-1].id
        click.echo(f"{model.__tablename__} : {count} ligne(s) rechiffrée(s)")
    click.echo("Terminé : les anciennes clés peuvent être retirées de FORMSVC_ENCRYPTION_KEYS.")
