"""Office accounts are made, listed and disabled from the command line only."""

from sqlalchemy import select

from formsvc.db import get_db
from formsvc.models import Utilisateur
from tests.support.office import PASSWORD, Office, add_user


def run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def test_add_user_asks_the_password_twice_and_stores_an_argon2_hash(app):
    add_user(app, "Agent@Ville.example")
    with app.app_context():
        user = get_db().scalar(select(Utilisateur))
    assert user.email == "agent@ville.example" and user.active
    assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash


def test_add_user_refuses_two_different_piped_passwords(app):
    # Piped (a script): no one to ask again. Typed at a terminal, the command asks again:
    # tests/formsvc/test_comptes_terminal.py.
    result = run(
        app,
        "gestion",
        "add-user",
        "a@ville.example",
        input=f"{PASSWORD}\nautre chose encore\n",
    )
    assert result.exit_code == 1
    assert "le mot de passe sur une ligne, ou la même ligne deux fois" in result.output
    with app.app_context():
        assert get_db().scalar(select(Utilisateur)) is None


def test_a_script_may_pipe_the_password_once(app):
    result = run(app, "gestion", "add-user", "a@ville.example", input=f"{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert Office(app.test_client(), "a@ville.example").login().status_code == 303


def test_add_user_refuses_a_short_password_and_a_duplicate(app):
    result = run(app, "gestion", "add-user", "a@ville.example", input="court\ncourt\n")
    assert result.exit_code != 0 and "12 caractères" in result.output
    add_user(app, "a@ville.example")
    result = run(app, "gestion", "add-user", "a@ville.example", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code != 0 and "déjà un compte" in result.output


def test_list_and_disable_users(app):
    add_user(app, "a@ville.example")
    add_user(app, "b@ville.example")
    assert run(app, "gestion", "disable-user", "b@ville.example").exit_code == 0
    listing = run(app, "gestion", "list-users").output.splitlines()
    assert listing[0].startswith("a@ville.example\tactif")
    assert listing[1].startswith("b@ville.example\tdésactivé")
    assert run(app, "gestion", "disable-user", "inconnu@ville.example").exit_code != 0
