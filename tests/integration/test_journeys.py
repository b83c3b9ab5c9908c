"""Whole journeys in Chromium through nginx, as users meet the production stack."""

import re

import feedparser
import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Visit
from tests.support.http_client import HttpClient, new_address
from tests.support.office import AGENT, PASSWORD
from tests.support.pages import plain
from tests.support.resident import Resident, reference_shown

pytestmark = pytest.mark.integration


@pytest.fixture
def visit(page, requested_urls):
    """Checks each page of the journey as it is shown: axe-core, nothing off loopback."""
    return Visit(page, requested_urls)


def test_a_visitor_reads_the_news_searches_and_finds_the_feed(stack, context, page, visit):
    page.goto(stack.url + "/")
    visit.check()
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Actualités"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Actualités")
    visit.check()
    page.get_by_role("link", name=re.compile("deux arobases")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("arobases")
    visit.check()
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Rechercher"
    ).click()
    page.get_by_label("Rechercher sur le site").fill("arobases")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("pour « arobases »")
    result = page.locator("#recherche-resultats a").first
    expect(result).to_have_attribute("href", re.compile("label-ville-internet-2013"))
    visit.check()
    feed = page.request.get(
        stack.url + page.locator('link[type="application/atom+xml"]').first.get_attribute("href")
    )
    assert feed.status == 200
    parsed = feedparser.parse(feed.body())
    assert parsed.bozo == 0 and parsed.version == "atom10"
    assert any("arobases" in entry.title for entry in parsed.entries)
    assert context.cookies() == []  # the static site sets no cookie


def test_a_resident_writes_to_the_mayor_and_gets_an_acknowledgement(stack, page, visit):
    page.goto(stack.url + "/permanence-en-ligne/")
    visit.check()
    page.get_by_role("link", name=re.compile("Écrire au maire avec le formulaire")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Écrire au maire")
    visit.check()
    page.get_by_label("Votre nom").fill("Marie Curie")
    page.get_by_label("Par courriel").check()
    page.get_by_label("Adresse électronique").fill("marie.curie@")
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.locator(".resume-erreurs")).to_be_focused()
    visit.check()
    page.get_by_label("Adresse électronique").fill("marie.curie@example.org")
    page.get_by_label("Votre message").fill("Bonjour, le square est fermé depuis une semaine.")
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande envoyée")
    visit.check()
    reference = page.locator(".reference").inner_text()
    [ack] = stack.wait_for_mails(lambda m: m["To"] == "marie.curie@example.org", 1)
    assert reference in ack["Subject"]
    assert reference.replace("-", "") in stack.references()


def test_the_office_answers_and_closes_a_request(stack, page, visit):
    # A request of its own, whatever ran before (or runs beside, on another worker).
    sent = Resident(HttpClient(stack.url, new_address())).submit(
        follow=True, nom="Irène Joliot", courriel="irene.joliot@example.org"
    )
    reference = reference_shown(sent)
    assert reference, sent.status_code
    page.goto(stack.url + "/gestion/connexion")
    visit.check()
    page.get_by_label("Adresse électronique").fill(AGENT)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Entrez le code de votre application")
    visit.check()
    page.get_by_label("Code à 6 chiffres").fill(pyotp.TOTP(stack.office_secret).now())
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demandes")
    visit.check()
    page.get_by_role("link", name=reference, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Demande {reference}")
    visit.check()
    sheet = page.locator("dl.fiche").inner_text()
    address = re.search(r"par courriel\s*:\s*(\S+)", sheet).group(1)  # a no-break space before :
    assert address == "irene.joliot@example.org"
    page.get_by_label("Votre réponse").fill("Madame, le square rouvre lundi.")
    page.get_by_role("button", name="Envoyer la réponse").click()
    expect(page.locator(".bandeau-info")).to_contain_text("Réponse enregistrée")
    [answer] = stack.wait_for_mails(
        lambda m: m["To"] == address and m["Subject"].startswith("Réponse"), 1
    )
    assert "le square rouvre lundi" in plain(answer)
    page.get_by_label("close").check()
    page.get_by_role("button", name="Changer le statut").click()
    expect(page.locator("dl.fiche")).to_contain_text("close")
    visit.check()


def counted(stack, slug):
    """The visits formsvc counted for ``slug``, every day together."""
    [(total,)] = stack.query(
        f"SELECT coalesce(sum(nombre), 0) FROM visites_portail WHERE slug = '{slug}'"
    )
    return total


def test_a_family_follows_a_demarche_to_the_portal(stack, portal, page, visit):
    before = counted(stack, "inscription-creche")
    page.goto(stack.url + "/arras-famille/")
    visit.check()
    page.get_by_role("link", name="Inscrire son enfant à la crèche").click()
    expect(page).to_have_url(portal + "/petite-enfance/inscription")
    expect(page.get_by_role("heading", level=1)).to_have_text("/petite-enfance/inscription")
    assert counted(stack, "inscription-creche") == before + 1  # the office's count
