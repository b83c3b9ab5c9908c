"""formsvc renders its own pages of the RGAA sample in the states the grid names
(formsvc/echantillon.py): what `invoke publish` checks, without the publication knowing
formsvc's fields or database."""

import pytest
from bs4 import BeautifulSoup

from formsvc.echantillon import AGENT, INCOMPLETE, SENT, Unrendered, rendering
from tests.support import ROOT
from tests.support.resident import FORM

CONTENT_DATA = ROOT / "content" / "data"


def test_the_form_comes_in_each_state_a_visitor_sees():
    with rendering(CONTENT_DATA) as render:
        shown = BeautifulSoup(render(FORM), "lxml")
        incomplete = BeautifulSoup(render(FORM, INCOMPLETE), "lxml")
        sent = BeautifulSoup(render(FORM, SENT), "lxml")
    assert shown.h1.get_text() == "Écrire au maire"
    assert shown.select(".resume-erreurs") == []
    errors = [a["href"] for a in incomplete.select(".resume-erreurs li a")]
    assert errors == ["#nom", "#message"]
    assert sent.h1.get_text() == "Demande envoyée"


def test_an_agents_page_is_left_to_the_tests_without_an_agent():
    with rendering(CONTENT_DATA) as render:
        assert render("/gestion/demandes/", AGENT) is None


def test_an_unknown_state_is_refused_naming_it_and_the_known_ones():
    with rendering(CONTENT_DATA) as render, pytest.raises(Unrendered) as refused:
        render(FORM, "après la pluie")
    message = str(refused.value)
    assert "« après la pluie » inconnu" in message
    assert all(f"« {state} »" in message for state in (INCOMPLETE, SENT, AGENT))
    assert FORM in message
