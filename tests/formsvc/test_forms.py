"""The form's rules, through form.validate(), with the messages residents read."""

import pytest
from werkzeug.datastructures import MultiDict

from formsvc.permanence.forms import PermanenceForm
from tests.support.resident import VALID


@pytest.fixture
def validate(app):
    app.config["WTF_CSRF_ENABLED"] = False

    def check(**fields):
        data = MultiDict({k: v for k, v in {**VALID, **fields}.items() if v is not None})
        with app.test_request_context(method="POST", data=data):
            form = PermanenceForm()
            form.validate()
            return form

    return check


def test_valid_request_by_email(validate):
    form = validate()
    assert form.errors == {}
    assert form.courriel.data == "jeanne.dupont@example.org"
    assert form.message.data == (
        "Bonjour Monsieur le Maire,\nle lampadaire devant le 12 ne marche plus."
    )


def test_valid_request_by_phone_formats_the_number(validate):
    form = validate(canal="telephone", courriel="", telephone="0612345678")
    assert form.errors == {}
    assert form.telephone.data == "06 12 34 56 78"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"nom": ""}, "nom", "Entrez votre nom"),
        ({"nom": "   "}, "nom", "Entrez votre nom"),
        ({"canal": None}, "canal", "Choisissez comment recevoir la réponse"),
        ({"canal": "pigeon"}, "canal", "Choisissez comment recevoir la réponse"),
        ({"courriel": ""}, "courriel", "Entrez votre adresse électronique"),
        ({"courriel": "jeanne@"}, "courriel", "Entrez une adresse électronique valide"),
        ({"courriel": "a b@example.org"}, "courriel", "Entrez une adresse électronique valide"),
        (
            {"canal": "telephone", "telephone": ""},
            "telephone",
            "Entrez votre numéro de téléphone, par exemple 06 12 34 56 78",
        ),
        ({"canal": "telephone", "telephone": "12"}, "telephone", "Entrez un numéro de téléphone"),
        ({"canal": "telephone", "telephone": "06 12"}, "telephone", "valide"),
        ({"objet": "x" * 151}, "objet", "150 caractères au maximum (vous en avez écrit 151)"),
        ({"message": ""}, "message", "Entrez votre message"),
        (
            {"message": "x" * 5001},
            "message",
            "5\u202f000 caractères au maximum (vous en avez écrit 5\u202f001)",
        ),
        ({"message": "Bonjour\x00"}, "message", "caractères invisibles non autorisés"),
        ({"nom": "Jeanne\x07"}, "nom", "caractères invisibles non autorisés"),
        ({"nom": "x" * 101}, "nom", "100 caractères au maximum"),
    ],
)
def test_invalid_input_gets_a_specific_french_message(validate, fields, field, message):
    form = validate(**fields)
    assert message in form.errors[field][0]
    assert set(form.errors) == {field}


def test_message_of_exactly_5000_characters_is_accepted(validate):
    assert validate(message="é" * 5000).errors == {}


def test_the_contact_not_chosen_is_neither_checked_nor_kept(validate):
    form = validate(canal="telephone", courriel="pas une adresse", telephone="03 21 50 50 50")
    assert form.errors == {}


def test_line_breaks_in_single_line_fields_become_spaces(validate):
    form = validate(nom="Jeanne\r\nBcc: victime@example.org")
    assert form.nom.data == "Jeanne Bcc: victime@example.org"


def test_subject_is_optional(validate):
    assert validate(objet="").errors == {}
