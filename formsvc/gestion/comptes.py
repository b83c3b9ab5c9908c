"""Office accounts, from the command line only: ``flask --app formsvc gestion …``."""

import sys

import click
from flask.cli import AppGroup
from sqlalchemy import delete, select

from formsvc.comptes import audit, double_facteur, mots_de_passe
from formsvc.db import get_db
from formsvc.models import SessionGestion, Utilisateur

PASSWORD_MIN = 12
cli = AppGroup("gestion", help="Comptes de l'espace de gestion.")


def find_user(email):
    user = get_db().scalar(select(Utilisateur).where(Utilisateur.email == email.lower()))
    if user is None:
        raise click.ClickException(f"aucun compte pour {email}")
    return user


def ask_password():
    """The password: typed twice without echo at a terminal, read from a pipe otherwise.

    click's hidden prompt (getpass) reads the controlling terminal, not standard input: a
    script piping the password while a terminal is open would wait for a person forever.
    """
    if not sys.stdin.isatty():
        return read_piped_password(sys.stdin)
    while True:
        password = click.prompt("Mot de passe", hide_input=True)
        if click.prompt("Le même mot de passe, encore", hide_input=True) == password:
            return password
        click.echo("Les deux mots de passe diffèrent : recommencez.", err=True)


def read_piped_password(stream):
    """The password from a script: one line, or the same line twice (as typed at the prompts)."""
    lines = stream.read().splitlines()
    if not lines or not lines[0]:
        raise click.ClickException("mot de passe attendu sur l'entrée standard")
    if len(lines) > 2 or (len(lines) == 2 and lines[1] != lines[0]):
        raise click.ClickException(
            "entrée standard : le mot de passe sur une ligne, ou la même ligne deux fois"
        )
    return lines[0]


@cli.command("add-user")
@click.argument("email")
def add_user(email):
    """Crée un compte, avec sa double authentification.

    Au terminal, le mot de passe est demandé deux fois sans s'afficher. Depuis un script, il
    est lu sur l'entrée standard : une ligne, ou la même ligne deux fois.
    """
    password = ask_password()
    email = email.strip().lower()
    if "@" not in email:
        raise click.ClickException("adresse électronique attendue")
    if len(password) < PASSWORD_MIN:
        raise click.ClickException(f"le mot de passe doit faire {PASSWORD_MIN} caractères au moins")
    db = get_db()
    if db.scalar(select(Utilisateur).where(Utilisateur.email == email)):
        raise click.ClickException(f"{email} a déjà un compte")
    user = Utilisateur(
        email=email, password_hash=mots_de_passe.hash_password(password), active=True
    )
    db.add(user)
    db.flush()  # the account's id, for its recovery codes
    # Confirmed at once: the operator hands the QR code and the recovery codes over in
    # person; the first sign-in then asks for a code like every other.
    secret = double_facteur.new_secret(user)
    codes = double_facteur.confirm(user)
    audit.record("double_facteur_active", email=email, detail="à la création du compte")
    db.commit()
    uri = double_facteur.provisioning_uri(user, secret)
    click.echo(f"Compte créé : {email}")
    click.echo("")
    click.echo("Double authentification : à scanner avec l'application d'authentification")
    click.echo("de la personne (FreeOTP, Aegis, Microsoft ou Google Authenticator…) :")
    click.echo(double_facteur.qr_terminal(uri), nl=False)
    click.echo(f"Sans appareil photo, saisie manuelle de la clé : {double_facteur.grouped(secret)}")
    click.echo(f"Adresse otpauth : {uri}")
    click.echo("")
    click.echo("Codes de secours, une connexion chacun ; affichés cette seule fois,")
    click.echo("à remettre à la personne (ils ne sont gardés que hachés) :")
    for code in codes:
        click.echo(f"  {code}")


@cli.command("disable-user")
@click.argument("email")
def disable_user(email):
    """Désactive un compte et ferme ses sessions ouvertes."""
    user = find_user(email)
    user.active = False
    db = get_db()
    db.execute(delete(SessionGestion).where(SessionGestion.user_id == user.id))
    db.commit()
    click.echo(f"Compte désactivé : {user.email}")


@cli.command("reset-2fa")
@click.argument("email")
def reset_2fa(email):
    """Réinitialise la double authentification d'un compte (téléphone perdu ou changé) et
    ferme ses sessions ouvertes."""
    user = find_user(email)
    double_facteur.reset(user)
    db = get_db()
    db.execute(delete(SessionGestion).where(SessionGestion.user_id == user.id))
    audit.record("double_facteur_reinit", email=user.email, detail="par l'exploitant")
    db.commit()
    click.echo(f"Double authentification réinitialisée : {user.email}")
    click.echo("Ses sessions sont fermées ; à sa prochaine connexion, après son mot de passe,")
    click.echo("la personne ajoutera de nouveau son compte dans son application.")


@cli.command("list-users")
def list_users():
    """Liste les comptes, actifs ou non, avec leur dernière connexion."""
    for user in get_db().scalars(select(Utilisateur).order_by(Utilisateur.email)):
        state = "actif" if user.active else "désactivé"
        last = user.last_login_at.strftime("%Y-%m-%d %H:%M UTC") if user.last_login_at else "jamais"
        second = "active" if double_facteur.enrolled(user) else "à activer"
        click.echo(
            f"{user.email}\t{state}\tdernière connexion : {last}"
            f"\tdouble authentification : {second}"
        )
