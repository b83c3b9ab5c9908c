"""The journeys and their kinds of request are declared in one place (formsvc/parcours.py):
a form whose kind is not declared there cannot be plugged in, and every declared kind is
named in words on the office's and the resident's pages."""

import pytest
from flask_wtf import FlaskForm

from formsvc import formulaire, parcours


def test_a_form_of_an_undeclared_kind_is_refused_when_registered(make_app):
    app = make_app()
    bp = formulaire.form_blueprint(
        "inconnu",
        __name__,
        url_prefix="/formulaires/inconnu",
        kind="inconnu",
        form_class=FlaskForm,
        render_form=lambda form, **state: ("", 200),
    )
    with pytest.raises(ValueError, match=r"'inconnu' not declared in formsvc/parcours.py"):
        app.register_blueprint(bp)
    assert not any(
        rule.rule.startswith("/formulaires/inconnu") for rule in app.url_map.iter_rules()
    )


def test_every_declared_kind_has_words_for_people(app):
    assert parcours.REQUEST_TYPES
    blank = [kind for kind, label in parcours.REQUEST_TYPES.items() if not label.strip()]
    assert blank == []
    registered = {bp.name for bp in app.blueprints.values()}
    assert {module.rsplit(".", 1)[1] for module in parcours.JOURNEYS} <= registered
