"""The resident's journey in Chromium: axe-core on each state, keyboard only, no JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import FORM, assert_accessible_and_local, fill_valid, send, tab_to
from tests.servers import serve_site

pytestmark = pytest.mark.browser


@pytest.fixture
def live(site, tmp_path):
    with serve_site(site, tmp_path) as server:
        yield server


def test_empty_form_is_accessible(page, requested_urls, live):
    page.goto(live.url + FORM)
    expect(page.get_by_role("heading", level=1)).to_have_text("Écrire au maire")
    assert_accessible_and_local(page, requested_urls)


def test_form_with_errors_is_accessible_and_focuses_the_summary(page, requested_urls, live):
    page.goto(live.url + FORM)
    page.get_by_label("Par téléphone").check()
    send(page)
    expect(page).to_have_title("Erreur\u00a0: Écrire au maire – Ville d’Arras")
    summary = page.locator(".resume-erreurs")
    expect(summary).to_be_focused()
    assert_accessible_and_local(page, requested_urls)
    summary.get_by_role("link", name="Entrez votre numéro de téléphone").click()
    expect(page.get_by_label("Numéro de téléphone")).to_be_focused()


def test_confirmation_is_accessible(page, requested_urls, live):
    page.goto(live.url + FORM)
    fill_valid(page)
    send(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande envoyée")
    expect(page.locator(".reference")).to_have_text(re.compile(r"^[2-9A-Z]{4}-[2-9A-Z]{4}$"))
    expect(page.get_by_role("button", name="Imprimer cette page")).to_be_visible()
    assert_accessible_and_local(page, requested_urls)


def test_too_many_requests_page_is_accessible_and_keeps_the_text(page, requested_urls, live):
    live.formsvc.config["RATELIMIT_POST"] = "1 per hour"
    page.goto(live.url + FORM)
    fill_valid(page)
    send(page)
    page.goto(live.url + FORM)
    fill_valid(page)
    page.get_by_label("Votre nom").fill("Deuxième envoi")
    send(page)
    expect(page.locator(".resume-erreurs")).to_contain_text("Trop de demandes")
    expect(page.get_by_label("Votre nom")).to_have_value("Deuxième envoi")
    assert_accessible_and_local(page, requested_urls)


def test_a_message_pasted_at_once_is_shown_again_then_sent_with_one_click(
    page, requested_urls, live
):
    """A resident who pastes a prepared text sends « too fast »: two clicks, never a lie."""
    live.formsvc.config["MIN_FILL_SECONDS"] = 60  # anything sent within a minute is doubtful
    page.goto(live.url + FORM)
    fill_valid(page)
    send(page)  # click 1
    summary = page.locator(".resume-erreurs")
    expect(summary).to_contain_text("Votre demande n’est pas encore envoyée")
    expect(summary).to_be_focused()
    expect(page.get_by_label("Votre message")).to_have_value(
        "Le lampadaire de ma rue ne marche plus."
    )
    assert_accessible_and_local(page, requested_urls)
    send(page)  # click 2, at once
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande envoyée")


def test_form_can_be_completed_with_the_keyboard_alone(page, live):
    page.goto(live.url + FORM)
    tab_to(page, "#nom")
    page.keyboard.type("Jeanne Dupont")
    page.keyboard.press("Tab")  # the first radio button
    page.keyboard.press("Space")  # chooses « Par courriel », which reveals the e-mail field
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "courriel"
    page.keyboard.type("jeanne@example.org")
    tab_to(page, "#message")
    page.keyboard.type("Bonjour, je voudrais vous parler du marché.")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande envoyée")


@pytest.mark.parametrize("context_options", [{"java_script_enabled": False}])
def test_form_works_without_javascript(page, live, context_options):
    page.goto(live.url + FORM)
    expect(page.get_by_label("Adresse électronique")).to_be_hidden()  # until « Par courriel »
    fill_valid(page)
    expect(page.get_by_label("Numéro de téléphone")).to_be_hidden()
    send(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Demande envoyée")
    expect(page.get_by_role("button", name="Imprimer cette page")).to_be_hidden()
