"""The office's back-office in Chromium: axe-core on each page, the whole journey, the keyboard."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from devtools import smtp_sink
from formsvc import outbox
from formsvc.db import get_db
from formsvc.models import SessionGestion
from tests.browser.helpers import (
    CODE_TITLE,
    CONNEXION,
    INBOX,
    MAIL_FROM,
    OFFICE_EMAIL,
    SIGN_IN_TITLE,
    assert_accessible_and_local,
    give_password,
    serve_with_an_agent,
    sign_in,
    submit_request,
    tab_to,
)
from tests.support import free_port
from tests.support.office import PASSWORD, Office, next_code
from tests.support.pages import plain
from tests.support.resident import VALID

pytestmark = pytest.mark.browser


# -- axe-core on every back-office page ---------------------------------------------------


@pytest.fixture(scope="module")
def office_at_work(site, tmp_path_factory, browser):
    """One server for the page checks: three requests, one answered and annotated, and the
    cookies of a signed-in agent (``.cookies``)."""
    with serve_with_an_agent(site, tmp_path_factory.mktemp("gestion")) as live:
        answered = submit_request(live.formsvc)
        submit_request(live.formsvc, canal="telephone", courriel="", telephone="03 21 00 00 00")
        submit_request(live.formsvc, nom="Paul Martin", objet="Marché du samedi")
        clerk = Office(live.formsvc.test_client())
        assert clerk.login().status_code == 303
        page = f"/gestion/demandes/{answered}"
        answer = clerk.post(f"{page}/reponse", page, **{"reponse-texte": "Bonjour, c'est réparé."})
        note = clerk.post(f"{page}/note", page, **{"note-texte": "Vu avec les services."})
        assert (answer.status_code, note.status_code) == (303, 303)
        live.answered = answered
        context = browser.new_context(locale="fr-FR")
        try:
            sign_in(context.new_page(), live)
            expect(context.pages[0].get_by_role("heading", level=1)).to_have_text("Demandes")
            live.cookies = context.cookies()
        finally:
            context.close()
        yield live


def wrong_password(page, live):
    give_password(page, live, password="pas le bon mot de passe")
    expect(page).to_have_title(f"Erreur\u00a0: {SIGN_IN_TITLE} – Ville d’Arras")
    expect(page.locator(".resume-erreurs")).to_be_focused()
    expect(page.locator(".resume-erreurs")).to_contain_text("mot de passe incorrect")


def inbox(page, live):
    page.goto(live.url + INBOX)
    expect(page.get_by_role("heading", level=2, name="3 demandes")).to_be_visible()


def inbox_filtered(page, live):
    page.goto(live.url + INBOX)
    page.get_by_role("link", name="répondue : 1").click()
    expect(page.get_by_role("link", name="répondue : 1")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("heading", level=2, name="1 demande,")).to_be_visible()


def request_page(page, live):
    page.goto(f"{live.url}/gestion/demandes/{live.answered}")
    history = page.locator(".historique")
    expect(history).to_contain_text("Réponse envoyée par courriel")
    expect(history).to_contain_text("Note privée")


def request_page_with_errors(page, live):
    request_page(page, live)
    page.get_by_role("button", name="Enregistrer la note").click()
    expect(page.locator(".resume-erreurs")).to_be_focused()
    note = page.get_by_role("textbox", name="Note privée")
    expect(note).to_have_attribute("aria-invalid", "true")


def export(page, live):
    page.goto(live.url + "/gestion/export")
    expect(page.get_by_role("heading", level=1)).to_have_text("Exporter les demandes")


def journal(page, live):
    page.goto(live.url + "/gestion/journal")
    expect(page.get_by_role("table")).to_contain_text("Note privée")


def portal_visits(page, live):
    page.goto(live.url + "/gestion/portail")
    expect(page.get_by_role("heading", level=1)).to_have_text("Liens vers le portail Arras famille")


def live_view(page, live):
    page.goto(live.url + "/gestion/direct")
    expect(page.get_by_role("heading", level=1)).to_have_text("Permanence en direct")


def test_sign_in_page_is_accessible(page, requested_urls, office_at_work):
    page.goto(office_at_work.url + CONNEXION)
    expect(page.get_by_role("heading", level=1)).to_have_text(SIGN_IN_TITLE)
    assert_accessible_and_local(page, requested_urls)


def test_sign_in_error_is_accessible(page, requested_urls, office_at_work):
    wrong_password(page, office_at_work)
    page.wait_for_load_state()
    assert_accessible_and_local(page, requested_urls)


@pytest.mark.parametrize(
    "visit",
    [
        inbox,
        inbox_filtered,
        request_page,
        request_page_with_errors,
        export,
        journal,
        portal_visits,
        live_view,
    ],
    ids=[
        "boite",
        "boite-filtree",
        "demande",
        "demande-erreur",
        "export",
        "journal",
        "portail",
        "direct-hors-creneau",
    ],
)
def test_office_page_is_accessible(context, page, requested_urls, office_at_work, visit):
    context.add_cookies(office_at_work.cookies)
    visit(page, office_at_work)
    page.wait_for_load_state()  # after a click, the stylesheet may still be on its way
    assert_accessible_and_local(page, requested_urls)


# -- the office's journey, with a real SMTP server ----------------------------------------


@pytest.fixture
def smtp_port():
    return free_port()


@pytest.fixture
def smtp_server(smtp_port):
    controller = smtp_sink.start(smtp_port)
    yield controller
    controller.stop()


@pytest.fixture
def live(site, tmp_path, smtp_port):
    with serve_with_an_agent(site, tmp_path, SMTP_PORT=smtp_port) as live:
        yield live


def test_office_answers_closes_and_signs_out(page, live, smtp_server):
    reference = submit_request(live.formsvc)
    sign_in(page, live)
    expect(page.get_by_role("heading", level=1)).to_have_text("Demandes")
    row = page.get_by_role("row").filter(has=page.get_by_role("link"))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("nouvelle")
    row.get_by_role("link").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Demande ")
    assert page.url.endswith(f"/gestion/demandes/{reference}")
    expect(page.locator(".message-demande")).to_contain_text(
        "le lampadaire devant le 12 ne marche plus."
    )
    answer = "Bonjour Madame,\nle lampadaire sera réparé jeudi.\nLe cabinet du maire"
    page.get_by_label("Votre réponse").fill(answer)
    page.get_by_role("button", name="Envoyer la réponse").click()
    expect(page.get_by_role("status")).to_have_text(
        "Réponse enregistrée : elle part par courriel dans un instant."
    )

    with live.formsvc.app_context():
        assert outbox.send_due()["sent"] >= 1
    answers = [
        mail
        for mail in smtp_server.handler.received()
        if mail["Subject"].startswith("Réponse à votre demande")
    ]
    assert len(answers) == 1
    mail = answers[0]
    assert (mail["To"], mail["From"], mail["Reply-To"]) == (
        VALID["courriel"],
        MAIL_FROM,
        OFFICE_EMAIL,
    )
    body = plain(mail).replace("\r\n", "\n")
    assert answer in body

    page.get_by_label("close", exact=True).check()
    page.get_by_role("button", name="Changer le statut").click()
    expect(page.get_by_role("status")).to_have_text("Statut : close.")
    expect(page.locator(".fiche dt:text-is('Statut') + dd")).to_have_text("close")

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("status")).to_have_text("Vous êtes déconnecté.")
    page.goto(live.url + INBOX)
    expect(page.get_by_role("heading", level=1)).to_have_text(SIGN_IN_TITLE)
    expect(page.get_by_label("Mot de passe")).to_be_visible()


def test_sign_in_with_the_keyboard_alone(page, office_at_work):
    live = office_at_work
    page.goto(live.url + CONNEXION)
    tab_to(page, "#email")
    page.keyboard.type(live.user)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(CODE_TITLE)
    tab_to(page, "#code")
    page.keyboard.type(next_code(live.formsvc, live.user))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Demandes")
    assert page.url == live.url + INBOX


# -- the idle timeout, announced (RGAA 13.1, WCAG 2.2.1) -------------------------------------


@pytest.fixture
def paris_page(browser):
    """A page in French and in Paris time (the clock the warning shows), with ``.urls``: the
    URLs it requested."""
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    context.set_default_timeout(5_000)
    page = context.new_page()
    page.urls = []
    page.on("request", lambda request: page.urls.append(request.url))
    yield page
    context.close()


FOCUSED = "document.activeElement.outerHTML.slice(0, 80)"
# Focus in the open dialog, or out of the page (the browser's own controls).
IN_DIALOG_OR_NOWHERE = (
    "document.activeElement === document.body || !!document.activeElement.closest('dialog[open]')"
)


def idle(page, live, minutes):
    """``minutes`` pass without a request, for the server and for the page: each clock set by
    the test, nobody waits. The page's timers that fall due meanwhile run."""
    live.formsvc.config["CLOCK"].advance(minutes=minutes)
    page.clock.fast_forward(minutes * 60_000)


def test_the_end_of_the_session_is_announced_and_rester_connecte_by_keyboard_extends_it(
    paris_page, live
):
    page, clock = paris_page, live.formsvc.config["CLOCK"]
    reference = submit_request(live.formsvc)
    page.clock.install(time=clock().timestamp())  # the page's clock shows the server's time
    sign_in(page, live)
    page.goto(f"{live.url}/gestion/demandes/{reference}")
    note = page.get_by_role("textbox", name="Note privée")
    note.fill("Rappeler lundi matin.")
    warning = page.get_by_role("alertdialog", name="Votre session va bientôt prendre fin")
    expect(warning).to_be_hidden()

    idle(page, live, 27)
    expect(warning).to_be_hidden()  # three minutes left: no warning yet
    idle(page, live, 1)
    expect(warning).to_be_visible()
    # Signed in at 15 h 00 (Paris), 30 minutes without activity.
    expect(warning).to_contain_text(
        "Sans activité de votre part, vous serez déconnecté à 15\u00a0h\u00a030, "
        "dans 2\u00a0minutes."
    )
    stay = warning.get_by_role("button", name="Rester connecté")
    expect(stay).to_be_focused()
    assert_accessible_and_local(page, page.urls)
    for _ in range(2):  # a modal dialog: Tab never leaves it for the page behind
        page.keyboard.press("Tab")
        assert page.evaluate(IN_DIALOG_OR_NOWHERE), page.evaluate(FOCUSED)
    expect(stay).to_be_focused()

    page.keyboard.press("Enter")
    expect(warning).to_be_hidden()
    expect(note).to_be_focused()  # back where the agent was, the text untouched
    expect(note).to_have_value("Rappeler lundi matin.")
    # The server counts the idle time again from « Rester connecté » (15 h 28).
    with live.formsvc.app_context():
        [session] = get_db().scalars(select(SessionGestion)).all()
        assert session.last_seen_at == clock()
    idle(page, live, 27)
    expect(warning).to_be_hidden()
    idle(page, live, 1)
    expect(warning).to_contain_text("vous serez déconnecté à 15\u00a0h\u00a058")


def test_after_the_end_an_answer_being_written_comes_back_after_signing_in_again(paris_page, live):
    page, clock = paris_page, live.formsvc.config["CLOCK"]
    reference = submit_request(live.formsvc)
    page.clock.install(time=clock().timestamp())
    sign_in(page, live)
    page.goto(f"{live.url}/gestion/demandes/{reference}")
    answer = page.get_by_label("Votre réponse")
    text = "Bonjour Madame,\nle lampadaire sera remplacé jeudi.\nLe cabinet du maire"
    answer.fill(text)

    idle(page, live, 28)
    expect(
        page.get_by_role("alertdialog", name="Votre session va bientôt prendre fin")
    ).to_be_visible()
    idle(page, live, 3)  # nobody answered the warning
    ended = page.get_by_role("alertdialog", name="Votre session a pris fin")
    expect(ended).to_be_visible()
    expect(ended).to_contain_text("Vous avez été déconnecté après 30\u00a0minutes sans activité.")
    expect(ended).to_contain_text("rien n’est perdu\u00a0: envoyez le formulaire comme prévu")
    close = ended.get_by_role("button", name="Fermer ce message")
    expect(close).to_be_focused()
    assert_accessible_and_local(page, page.urls)
    page.keyboard.press("Enter")
    expect(ended).to_be_hidden()
    expect(answer).to_be_focused()

    page.get_by_role("button", name="Envoyer la réponse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SIGN_IN_TITLE)
    expect(page.get_by_role("status")).to_contain_text(
        "Ce que vous veniez d’envoyer n’a pas été enregistré, mais il est gardé"
    )
    page.get_by_label("Adresse électronique").fill(live.user)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_label("Code à 6 chiffres").fill(next_code(live.formsvc, live.user))
    page.get_by_role("button", name="Valider").click()

    expect(page).to_have_url(f"{live.url}/gestion/demandes/{reference}")  # the same page
    notice = page.locator("#saisie-rendue")
    expect(notice).to_be_focused()
    expect(notice).to_contain_text("Votre saisie vous est rendue.")
    expect(answer).to_have_value(text)
    page.get_by_role("link", name="Aller au formulaire « Répondre par courriel »").click()
    expect(answer).to_be_focused()
    page.get_by_role("button", name="Envoyer la réponse").click()
    expect(page.get_by_role("status")).to_have_text(
        "Réponse enregistrée : elle part par courriel dans un instant."
    )
