"""Office accounts, from the command line only: ``flask --app formsvc gestion …``."""

import click
from flask.cli import AppGroup
from sqlalchemy import delete, select

from formsvc.db import get_session
from formsvc.gestion.auth import HASHER
from formsvc.models import SessionGestion, Utilisateur

PASSWORD_MIN = 12
cli = AppGroup("gestion", help="Comptes de l'espace de gestion.")


def find_user(email):
    user = get_session().scalar(select(Utilisateur).where(Utilisateur.email == email.lower()))
    if user is None:
        raise click.ClickException(f"aucun compte pour {email}")
    return user


def ask_password():
    """The password, typed twice without echo, until both entries match."""
    while True:
        password = click.prompt("Mot de passe", hide_input=True)
        if click.prompt("Le même mot de passe, encore", hide_input=True) == password:
            return password
        click.echo("Les deux mots de passe diffèrent : recommencez.", err=True)


@cli.command("add-user")
@click.argument("email")
def add_user(email):
    """Crée un compte (le mot de passe est demandé deux fois)."""
    password = ask_password()
    email = email.strip().lower()
    if "@" not in email:
        raise click.ClickException("adresse électronique attendue")
    if len(password) < PASSWORD_MIN:
        raise click.ClickException(f"le mot de passe doit faire {PASSWORD_MIN} caractères au moins")
    db = get_session()
    if db.scalar(select(Utilisateur).where(Utilisateur.email == email)):
        raise click.ClickException(f"{email} a déjà un compte")
    db.add(Utilisateur(email=email, password_hash=HASHER.hash(password), active=True))
    db.commit()
    click.echo(f"Compte créé : {email}")


@cli.command("disable-user")
@click.argument("email")
def disable_user(email):
    """Désactive un compte et ferme ses sessions ouvertes."""
    user = find_user(email)
    user.active = False
    db = get_session()
    db.execute(delete(SessionGestion).where(SessionGestion.user_id == user.id))
    db.commit()
    click.echo(f"Compte désactivé : {user.email}")


@cli.command("list-users")
def list_users():
    """Liste les comptes, actifs ou non, avec leur dernière connexion."""
    for user in get_session().scalars(select(Utilisateur).order_by(Utilisateur.email)):
        state = "actif" if user.active else "désactivé"
        last = user.last_login_at.strftime("%Y-%m-%d %H:%M UTC") if user.last_login_at else "jamais"
        click.echo(f"{user.email}\t{state}\tdernière connexion : {last}")
