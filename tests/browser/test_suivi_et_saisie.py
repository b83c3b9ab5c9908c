"""Back after sending, a person sending « too fast », the suivi page, the office's
recording of a request and its deadlines, in Chromium: axe-core on each new page."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from formsvc.db import get_db
from formsvc.models import Demande
from tests.browser.helpers import (
    FORM,
    INBOX,
    assert_accessible_and_local,
    fill_valid,
    send,
    serve_with_an_agent,
    sign_in,
    submit_request,
)
from tests.support.office import Office

pytestmark = pytest.mark.browser

NEW_REQUEST = "/gestion/demandes/nouvelle"
MESSAGE = "Le lampadaire de ma rue ne marche plus."


@pytest.fixture
def live(site, tmp_path):
    """The site and a fresh formsvc with an office account; links point at this server."""
    with serve_with_an_agent(site, tmp_path) as server:
        # The suivi link is PUBLIC_URL + /suivi/<token>; the port is known only now.
        server.formsvc.config["PUBLIC_URL"] = server.url
        yield server


def stored(live):
    """The requests in the database, oldest first."""
    with live.formsvc.app_context():
        return get_db().scalars(select(Demande).order_by(Demande.id)).all()


def count(live):
    with live.formsvc.app_context():
        return get_db().scalar(select(func.count(Demande.id)))


def expect_site_page(page, heading):
    """A page of the site with ``heading``, never the browser's own error page."""
    assert "ERR_CACHE_MISS" not in page.content()
    assert not page.url.startswith("chrome-error://"), page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def send_without_name(page, live):
    page.goto(live.url + FORM)
    fill_valid(page)
    page.get_by_label("Votre nom").fill("")
    send(page)
    expect(page.locator(".resume-erreurs")).to_contain_text("Entrez votre nom")
    expect(page.get_by_label("Votre message")).to_have_value(MESSAGE)


def send_corrected(page, live):
    """A mistake, corrected, then sent: the confirmation; return its grouped reference."""
    send_without_name(page, live)
    page.get_by_label("Votre nom").fill("Jeanne Dupont")
    send(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande envoyée")
    return page.locator(".reference").inner_text()


def open_suivi(page, live):
    """Send the form, then follow the link on the confirmation; return the reference."""
    page.goto(live.url + FORM)
    fill_valid(page)
    send(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande envoyée")
    reference = page.locator(".reference").inner_text()
    link = page.locator(".lien-suivi a")
    expect(link).to_have_attribute("href", re.compile(rf"^{re.escape(live.url)}/suivi/[\w-]+$"))
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suivi de votre demande")
    expect(page.locator(".reference")).to_have_text(reference)
    return reference


def record_by_office(page, live, received="2012-12-01", name="Paul Martin"):
    """The office records a letter received on ``received``; lands on its page."""
    page.goto(live.url + NEW_REQUEST)
    page.get_by_label("Une lettre", exact=True).check()
    page.get_by_label("Date de réception").fill(received)
    page.get_by_label("Nom du demandeur").fill(name)
    page.get_by_label("Par courrier", exact=True).check()
    page.get_by_label("Adresse postale").fill("12 rue des Trois-Visages\n62000 Arras")
    page.get_by_label("Demande", exact=True).fill("Un banc est cassé place des Héros.")
    page.get_by_role("button", name="Enregistrer la demande").click()
    expect(page.get_by_role("status")).to_contain_text("Demande enregistrée.")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Demande \w{4}-\w{4}$"))


# -- Back never re-sends nor shows « ERR_CACHE_MISS » ---------------------------------------


def test_back_after_sending_shows_the_form_says_it_went_and_never_sends_again(page, live):
    reference = send_corrected(page, live)
    assert count(live) == 1

    page.go_back()  # to the form as it came back with the error
    expect_site_page(page, "Écrire au maire")
    expect(page.get_by_role("status")).to_contain_text(
        f"Votre demande {reference} est bien envoyée"
    )
    assert count(live) == 1

    page.go_back()  # to the form as first opened
    expect_site_page(page, "Écrire au maire")
    assert count(live) == 1


def test_back_right_after_an_error_shows_the_form_and_sends_nothing(page, live):
    send_without_name(page, live)
    page.go_back()
    expect_site_page(page, "Écrire au maire")
    assert count(live) == 0
    page.get_by_label("Votre nom").fill("Jeanne Dupont")
    expect(page.get_by_label("Votre message")).to_have_value(MESSAGE)
    send(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande envoyée")
    assert count(live) == 1


# -- a person who sends « too fast », waits, then clicks again ---------------------------


def test_person_sending_too_fast_sends_with_a_second_click_and_is_not_flagged(page, live):
    live.formsvc.config["MIN_FILL_SECONDS"] = 3
    page.goto(live.url + FORM)
    fill_valid(page)
    send(page)  # within 3 s of the form's display: shown again to check
    expect(page.locator(".resume-erreurs")).to_contain_text(
        "Votre demande n’est pas encore envoyée"
    )
    expect(page.get_by_label("Votre nom")).to_have_value("Jeanne Dupont")
    expect(page.get_by_label("Adresse électronique")).to_have_value("jeanne@example.org")
    expect(page.get_by_label("Votre message")).to_have_value(MESSAGE)
    assert count(live) == 0

    # Clicking again is a person's act, however soon: no need to wait out the 3 s.
    send(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande envoyée")
    [demande] = stored(live)
    assert not demande.suspect  # the office does not see it flagged « suspecte »


# -- axe-core on the new pages ------------------------------------------------------------


def suivi(page, live):
    open_suivi(page, live)
    expect(page.locator(".fiche")).to_contain_text("Reçue")
    expect(page.locator(".historique li")).to_have_count(1)


def suivi_after_status_change(page, live):
    reference = open_suivi(page, live)
    clerk = Office(live.formsvc.test_client())
    assert clerk.login().status_code == 303
    request_page = f"/gestion/demandes/{reference.replace('-', '')}"
    changed = clerk.post(f"{request_page}/statut", request_page, **{"statut-statut": "en_cours"})
    assert changed.status_code == 303
    page.reload()
    expect(page.locator(".fiche")).to_contain_text("En cours")
    expect(page.locator(".historique li")).to_have_text(
        [re.compile(r"^Reçue – "), re.compile(r"^En cours – ")]
    )


def recording_form(page, live):
    sign_in(page, live)
    page.goto(live.url + NEW_REQUEST)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enregistrer une demande")


def recording_form_with_errors(page, live):
    recording_form(page, live)
    page.get_by_role("button", name="Enregistrer la demande").click()
    summary = page.locator(".resume-erreurs")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Entrez le nom du demandeur")
    expect(page.get_by_label("Nom du demandeur")).to_have_attribute("aria-invalid", "true")


def acknowledgement(page, live):
    sign_in(page, live)
    record_by_office(page, live)
    page.get_by_role("link", name="Accusé de réception à imprimer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accusé de réception")
    expect(page.locator(".courrier-destinataire")).to_contain_text("Paul Martin")
    expect(page.locator(".courrier .lien-suivi")).to_contain_text(f"{live.url}/suivi/")


def inbox_overdue(page, live):
    submit_request(live.formsvc)  # received today: not overdue
    sign_in(page, live)
    record_by_office(page, live)  # received 2012-12-01, due 15 days later: overdue
    page.goto(live.url + INBOX + "?echeance=en_retard")
    expect(page.get_by_role("heading", level=2, name="1 demande,")).to_be_visible()
    rows = page.get_by_role("row").filter(has=page.get_by_role("link"))
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("courrier")
    expect(rows).to_contain_text("en retard")


def inbox_by_deadline(page, live):
    submit_request(live.formsvc)
    sign_in(page, live)
    record_by_office(page, live)
    page.goto(live.url + INBOX + "?tri=echeance")
    expect(page.get_by_role("heading", level=2)).to_contain_text(["2 demandes, par date limite"])
    rows = page.get_by_role("row").filter(has=page.get_by_role("link"))
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("en retard")  # the closest deadline first
    expect(page.get_by_label("Ordre")).to_have_value("echeance")


def request_page_with_suivi_link(page, live):
    sign_in(page, live)
    record_by_office(page, live)
    expect(
        page.get_by_role("heading", level=2, name="Accusé de réception et suivi")
    ).to_be_visible()
    expect(page.locator(".lien-suivi")).to_contain_text(f"{live.url}/suivi/")
    expect(page.get_by_role("group", name="Lien de suivi du demandeur")).to_be_visible()


def form_after_back(page, live):
    reference = send_corrected(page, live)
    page.go_back()
    expect_site_page(page, "Écrire au maire")
    expect(page.get_by_role("status")).to_contain_text(
        f"Votre demande {reference} est bien envoyée : inutile de l’envoyer"
    )


@pytest.mark.parametrize(
    "visit",
    [
        suivi,
        suivi_after_status_change,
        recording_form,
        recording_form_with_errors,
        acknowledgement,
        inbox_overdue,
        inbox_by_deadline,
        request_page_with_suivi_link,
        form_after_back,
    ],
    ids=[
        "suivi",
        "suivi-en-cours",
        "saisie",
        "saisie-erreurs",
        "accuse",
        "boite-en-retard",
        "boite-par-echeance",
        "demande-lien-suivi",
        "formulaire-deja-envoye",
    ],
)
def test_page_is_accessible_and_local(page, requested_urls, live, visit):
    visit(page, live)
    page.wait_for_load_state()  # after a click, the stylesheet may still be on its way
    assert_accessible_and_local(page, requested_urls)


# -- the suivi page without JavaScript ---------------------------------------------------


@pytest.mark.parametrize("context_options", [{"java_script_enabled": False}])
def test_suivi_page_works_without_javascript(page, live, context_options):
    reference = open_suivi(page, live)
    fiche = page.locator(".fiche")
    expect(fiche).to_contain_text(reference)
    expect(fiche).to_contain_text("Reçue")
    expect(page.locator(".historique li")).to_have_count(1)
    expect(page.get_by_text("au plus tard le")).to_be_visible()
