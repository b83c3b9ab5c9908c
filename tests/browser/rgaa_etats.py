"""The RGAA sample's pages in Chromium, each in the state the grid names
(content/data/accessibilite.toml): the form sent incomplete, the confirmation after sending,
the search with results shown, a request seen by a signed-in agent.

``bring(page, live, sample_page)`` opens the page and takes a visitor's or an agent's steps to
reach its state, then checks it is reached as they would see it. ``STATES`` maps each state to
its steps: a state the grid gains without steps here fails every test, naming it, rather than
being left out of the checks.
"""

import contextlib
import re

import pytest
from playwright.sync_api import expect

from formsvc.echantillon import AGENT, INCOMPLETE, SENT
from tests.browser.helpers import fill_valid, send, serve_with_an_agent, sign_in, submit_request

SEARCHED = "avec des résultats"
# In the sample article (the « Ville Internet » label): the search finds it.
SEARCH_WORDS = "arobases"
REFERENCE = "<reference>"  # in the grid's address of a request's page


@contextlib.contextmanager
def serve_sample(site, folder, browser):
    """The site and a fresh formsvc (tests.servers.serve_site, via serve_with_an_agent) for a
    module's tests: one request a resident sent (``.reference``), an agent's account and the
    cookies of the agent signed in with password and code in Chromium (``.agent_cookies``)."""
    # Every test sends the form once or twice from 127.0.0.1: the per-visitor limit would
    # turn the later ones into « too many requests » pages.
    with serve_with_an_agent(site, folder, RATELIMIT_POST="10000 per minute") as live:
        live.reference = submit_request(live.formsvc)
        context = browser.new_context(locale="fr-FR")
        try:
            page = context.new_page()
            sign_in(page, live)
            expect(page.get_by_role("heading", level=1)).to_have_text("Demandes")
            live.agent_cookies = context.cookies()
        finally:
            context.close()
        yield live


def opened(page, live, sample_page):
    response = page.goto(live.url + sample_page.adresse)
    assert response.status == 200, sample_page.adresse


def sent_incomplete(page, live, sample_page):
    """The form sent with the name and the message left empty, as the sample renders it."""
    opened(page, live, sample_page)
    fill_valid(page)
    page.get_by_label("Votre nom").fill("")
    page.get_by_label("Votre message").fill("")
    send(page)
    expect(page).to_have_title(re.compile("^Erreur"))
    expect(page.locator(".resume-erreurs")).to_be_focused()


def sent_complete(page, live, sample_page):
    opened(page, live, sample_page)
    fill_valid(page)
    send(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande envoyée")


def searched(page, live, sample_page):
    """Words typed in the search field, then Enter: the results and their count shown."""
    opened(page, live, sample_page)
    page.get_by_role("searchbox").fill(SEARCH_WORDS)
    page.keyboard.press("Enter")
    # The count, found by its words: whether it is announced is a test of its own (7.5).
    expect(page.get_by_text(f"pour « {SEARCH_WORDS} »")).to_be_visible()
    expect(page.locator("#recherche-resultats li").first).to_be_visible()


def signed_in_agent(page, live, sample_page):
    """A back-office page, seen by the agent signed in once for the module; a request's
    page shows the request the module's resident sent."""
    page.context.add_cookies(live.agent_cookies)
    address = live.url + sample_page.adresse.replace(REFERENCE, live.reference)
    response = page.goto(address)
    assert response.status == 200, response.url
    assert page.url == address, f"l'agent n'est pas connecté : {page.url}"


STATES = {
    "": opened,
    INCOMPLETE: sent_incomplete,
    SENT: sent_complete,
    SEARCHED: searched,
    AGENT: signed_in_agent,
}


def bring(page, live, sample_page):
    """Open ``sample_page`` in ``page`` and reach its state as a visitor or an agent does."""
    steps = STATES.get(sample_page.etat)
    if steps is None:
        pytest.fail(
            f"La page « {sample_page.id} » de l'échantillon est dans un état que les tests "
            f"ne savent pas atteindre : « {sample_page.etat} ». Ajoutez ses étapes à "
            "tests/browser/rgaa_etats.py::STATES.",
            pytrace=False,
        )
    steps(page, live, sample_page)
