"""The back-office passwords' argon2 cost is a setting; a change of cost locks no one out."""

import pytest
from sqlalchemy import select

from formsvc import create_app
from formsvc.config import ConfigError
from formsvc.db import get_db
from formsvc.models import Utilisateur
from tests.support.office import Office, add_user
from tests.support.pages import html_of


def stored_hash(app):
    with app.app_context():
        return get_db().scalar(select(Utilisateur.password_hash))


def test_the_hash_is_made_at_the_cost_of_the_settings(make_app):
    app = make_app(ARGON2_TIME_COST=2, ARGON2_MEMORY_COST=64)
    add_user(app)
    assert "$m=64,t=2," in stored_hash(app)


def test_a_password_hashed_at_another_cost_still_opens_and_is_rehashed(make_app):
    before = make_app(ARGON2_TIME_COST=1, ARGON2_MEMORY_COST=32)
    add_user(before)
    assert "$m=32,t=1," in stored_hash(before)

    after = make_app(ARGON2_TIME_COST=2, ARGON2_MEMORY_COST=64)
    assert Office(after.test_client()).login().headers["Location"] == "/gestion/demandes/"
    # Signing in remade the hash at the new cost; the password keeps working.
    assert "$m=64,t=2," in stored_hash(after)
    office = Office(after.test_client())
    assert office.login().headers["Location"] == "/gestion/demandes/"


def test_a_wrong_password_and_an_unknown_account_are_refused_alike(app):
    add_user(app)
    wrong = Office(app.test_client()).login(password="pas le bon mot de passe")
    unknown = Office(app.test_client()).login(email="inconnu@ville.example")
    for response in (wrong, unknown):
        summary = html_of(response, 200).select_one(".resume-erreurs a")
        assert summary.get_text() == "Adresse électronique ou mot de passe incorrect."


@pytest.mark.parametrize("setting", ["ARGON2_TIME_COST", "ARGON2_MEMORY_COST"])
def test_a_cost_too_low_for_argon2_stops_the_start(setting):
    with pytest.raises(ConfigError, match=f"FORMSVC_{setting}"):
        create_app({"DATABASE_URL": "sqlite://", setting: 0})
