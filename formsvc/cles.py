"""Encryption keys: generate one, and re-encrypt every stored field with the first key."""

import click
from cryptography.fernet import Fernet
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from formsvc.db import get_session
from formsvc.donnees_personnelles import PERSONAL

cli = AppGroup("keys", help="Clés de chiffrement des données personnelles.")
BATCH = 500


@cli.command("generate")
def generate():
    """Affiche une nouvelle clé Fernet, à placer en tête de FORMSVC_ENCRYPTION_KEYS."""
    click.echo(Fernet.generate_key().decode())


@cli.command("rotate")
def rotate():
    """Rechiffre toutes les données avec la première clé ; les autres peuvent ensuite partir."""
    cipher = current_app.extensions["formsvc_cipher"]
    db = get_session()
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
