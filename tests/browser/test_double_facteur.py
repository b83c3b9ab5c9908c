"""The office's second factor in Chromium: the sign-in with the code, enrolment with the QR
code at the first sign-in, the recovery codes, the export's fresh code; axe on each page."""

from pathlib import Path
from urllib.parse import urlsplit

import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    CODE_TITLE,
    INBOX,
    SIGN_IN_TITLE,
    assert_accessible_and_local,
    give_password,
    serve_with_an_agent,
    sign_in,
    submit_request,
    tab_to,
)
from tests.support.office import next_code

pytestmark = pytest.mark.browser

ENROL_TITLE = "Activer la double authentification"


@pytest.fixture
def live(site, tmp_path):
    with serve_with_an_agent(site, tmp_path) as live:
        yield live


@pytest.fixture
def unenrolled(live):
    """The server, its account without a second factor (as after the operator's reset)."""
    result = live.formsvc.test_cli_runner().invoke(args=["gestion", "reset-2fa", live.user])
    assert result.exit_code == 0, result.output
    return live


def heading(page):
    return page.get_by_role("heading", level=1)


def code_field(page):
    return page.get_by_label("Code à 6 chiffres")


def test_sign_in_asks_for_the_code_after_the_password(page, requested_urls, live):
    give_password(page, live)
    expect(heading(page)).to_have_text(CODE_TITLE)
    assert page.url == live.url + "/gestion/connexion/code"
    assert_accessible_and_local(page, requested_urls)
    page.goto(live.url + INBOX)  # the password alone opens nothing
    expect(heading(page)).to_have_text(SIGN_IN_TITLE)


def test_a_wrong_code_is_explained_and_the_right_one_opens_the_inbox(page, requested_urls, live):
    give_password(page, live)
    code_field(page).fill("000000")
    page.get_by_role("button", name="Valider").click()
    summary = page.locator(".resume-erreurs")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Code incorrect")
    expect(code_field(page)).to_have_attribute("aria-invalid", "true")
    page.wait_for_load_state()
    assert_accessible_and_local(page, requested_urls)

    summary.get_by_role("link").click()  # the summary's link leads to the field
    expect(code_field(page)).to_be_focused()
    page.keyboard.type(next_code(live.formsvc, live.user))
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Demandes")
    assert urlsplit(page.url).path == INBOX  # the browser keeps the #code of the link


def test_the_code_page_with_the_keyboard_alone(page, live):
    give_password(page, live)
    expect(heading(page)).to_have_text(CODE_TITLE)
    tab_to(page, "#code")
    page.keyboard.type(next_code(live.formsvc, live.user))
    page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("Demandes")


def test_enrolment_shows_the_qr_code_then_the_recovery_codes(page, requested_urls, unenrolled):
    live = unenrolled
    give_password(page, live)
    expect(heading(page)).to_have_text(ENROL_TITLE)
    qr = page.get_by_role("img", name="Code QR de votre compte")
    expect(qr).to_be_visible()
    # Drawn by the browser from the page itself (a data: URI the CSP allows), not fetched.
    assert qr.evaluate("img => img.complete && img.naturalWidth") > 100
    assert_accessible_and_local(page, requested_urls)

    key = page.locator("dt:text-is('Clé') + dd").inner_text().replace(" ", "")
    code_field(page).fill("123456")
    page.get_by_role("button", name="Activer").click()
    expect(page.locator(".resume-erreurs")).to_be_focused()
    expect(heading(page)).to_have_text(ENROL_TITLE)
    page.wait_for_load_state()
    assert_accessible_and_local(page, requested_urls)

    now = live.formsvc.config["CLOCK"]().timestamp()
    code_field(page).fill(pyotp.TOTP(key).at(now))  # typed from the app the key went into
    page.get_by_role("button", name="Activer").click()
    expect(heading(page)).to_have_text("Vos codes de secours")
    expect(page.get_by_role("status")).to_contain_text("Double authentification activée")
    codes = page.locator("ol.codes-secours li")
    expect(codes).to_have_count(10)
    recovery = codes.first.inner_text()
    assert_accessible_and_local(page, requested_urls)

    page.get_by_role("link", name="Continuer vers l’espace de gestion").click()
    expect(heading(page)).to_have_text("Demandes")

    # Signed out, a recovery code of the list opens one sign-in.
    page.get_by_role("button", name="Se déconnecter").click()
    give_password(page, live)
    expect(heading(page)).to_have_text(CODE_TITLE)
    code_field(page).fill(recovery)
    page.get_by_role("button", name="Valider").click()
    expect(heading(page)).to_have_text("Demandes")
    expect(page.get_by_role("status")).to_contain_text("il vous en reste 9")


def test_exporting_the_messages_asks_for_a_fresh_code(page, requested_urls, live):
    submit_request(live.formsvc)
    sign_in(page, live)
    expect(heading(page)).to_have_text("Demandes")
    page.goto(live.url + "/gestion/export")
    page.get_by_label("Inclure l’objet et le texte des messages").check()
    page.get_by_role("button", name="Télécharger le fichier CSV").click()
    summary = page.locator(".resume-erreurs")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Entrez le code à 6 chiffres")
    expect(page.get_by_label("Inclure l’objet et le texte des messages")).to_be_checked()
    page.wait_for_load_state()
    assert_accessible_and_local(page, requested_urls)

    code_field(page).fill(next_code(live.formsvc, live.user))
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger le fichier CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].endswith(";objet;message")
