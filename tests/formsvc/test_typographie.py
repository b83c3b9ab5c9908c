"""French typography on formsvc's pages and in its mails, with data files of another commune.

The data files are changed the way an editor would type them (straight apostrophes, ordinary
spaces, an office hour on the 1st of a month): what residents and the office read must still have
’, no-break spaces and « 1er ».
"""

import datetime
import shutil

import pytest
from sqlalchemy import select

from formsvc import outbox
from formsvc.db import get_db
from formsvc.models import Demande
from tests.support import ROOT
from tests.support.clock import PARIS_WINTER
from tests.support.office import Office, add_user
from tests.support.pages import html_of, plain
from tests.typographie import faults

NBSP, NNBSP = "\u00a0", "\u202f"
FIRST_OF_FEBRUARY = datetime.datetime(2013, 2, 1, 10, 0, tzinfo=PARIS_WINTER)
COMMUNE = """nom = "Ville d'Essai"
commune = "Essai"
slogan = "Le site de l'Essai : simple, clair !"
"""
CRENEAU = """[[creneau]]
debut = 2013-02-01T18:30:00
fin = 2013-02-01T20:30:00
"""
MAINTENANCE = """
[demarche.maintenance]
texte = "Le paiement en ligne s'arrête pour une mise à jour : revenez le 1 février 2013 à 18 h."
fin = 2013-02-01T18:00:00
"""


@pytest.fixture
def data_folder(tmp_path):
    """content/data as an editor of another commune might have typed it."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "content/data", folder)
    commune = folder / "commune.toml"
    text = commune.read_text(encoding="utf-8")
    commune.write_text(COMMUNE + text[text.index("\n[mairie]") :], encoding="utf-8")
    permanences = folder / "permanences.toml"
    text = permanences.read_text(encoding="utf-8")
    text = text.replace('delai = "15 jours"', 'delai = "10 jours ouvrés"')
    permanences.write_text(text[: text.index("\n[[creneau]]") + 1] + CRENEAU, encoding="utf-8")
    demarches = folder / "demarches.toml"
    text = demarches.read_text(encoding="utf-8").replace(
        '"Inscrire son enfant à l\'école"', "\"Inscrire son enfant à l'école : c'est ici\""
    )
    demarches.write_text(text + MAINTENANCE, encoding="utf-8")
    return folder


@pytest.fixture
def app(make_app, clock, data_folder):
    clock.now = FIRST_OF_FEBRUARY
    return make_app(CONTENT_DATA=str(data_folder))


def assert_well_typeset(response):
    """The page has no typographic fault a reader would see; its header reads the data file."""
    html = response.get_data(as_text=True)
    assert faults(html) == [], response.request.path
    assert html_of(response).select_one(".marque-nom").get_text() == "Ville d’Essai"


def test_form_page_announces_the_creneau_of_the_1st_unbroken(client):
    response = client.get("/formulaires/permanence/")
    assert_well_typeset(response)
    announcement = html_of(response).select_one(".encart p").get_text()
    assert f"le vendredi{NBSP}1er{NBSP}février{NBSP}2013," in announcement
    assert f"de 18{NBSP}h{NBSP}30 à 20{NBSP}h{NBSP}30." in announcement
    slogan = html_of(response).select_one(".marque-slogan").get_text()
    assert slogan == f"Le site de l’Essai{NBSP}: simple, clair{NNBSP}!"


def test_form_errors_are_typeset(resident):
    response = resident.submit(follow=True, nom="", canal=None)
    assert response.status_code == 422
    assert_well_typeset(response)
    html = html_of(response)
    assert html.title.get_text().startswith(f"Erreur{NBSP}: ")
    assert f"réponse{NBSP}: par courriel" in html.select_one(".resume-erreurs").get_text()
    assert html.select_one("legend").get_text().endswith(f"la réponse{NNBSP}?")


def test_confirmation_page_says_1er(resident, client):
    response = resident.submit()
    confirmation = client.get(response.headers["Location"])
    assert_well_typeset(confirmation)
    html = html_of(confirmation)
    assert (
        html.select_one("main time").get_text() == f"1er{NBSP}février{NBSP}2013 à 10{NBSP}h{NBSP}00"
    )
    assert f"dans un délai de 10{NBSP}jours ouvrés" in html.select_one("main").get_text()


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/portail/", 200),
        ("/portail/inscription-piscine", 404),
        ("/portail/paiement-en-ligne", 503),
        ("/formulaires/page-disparue", 404),
        ("/gestion/connexion", 200),
    ],
)
def test_public_pages_are_typeset(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert_well_typeset(response)


def test_portal_texts_from_the_data_file_are_typeset(client):
    listing = html_of(client.get("/portail/")).select_one("main").get_text()
    assert f"à l’école{NBSP}: c’est ici" in listing
    notice = html_of(client.get("/portail/paiement-en-ligne")).select_one("main").get_text()
    assert f"le 1er{NBSP}février{NBSP}2013 à 18{NBSP}h." in notice  # typed « 1 février »


def test_sign_in_error_is_typeset(app, client):
    add_user(app)
    response = Office(client).login(password="pas le bon")
    assert_well_typeset(response)
    assert html_of(response).title.get_text().startswith(f"Erreur{NBSP}: Connexion à l’espace")


def office_with_a_request(app, client, resident):
    """A signed-in agent and the address of the request a resident just sent."""
    resident.submit()
    add_user(app)
    office = Office(client)
    office.login()
    with app.app_context():
        reference = get_db().scalars(select(Demande.reference)).one()
    return office, f"/gestion/demandes/{reference}"


def test_back_office_pages_are_typeset(app, client, resident, clock):
    office, url = office_with_a_request(app, client, resident)
    office.post(f"{url}/statut", url, **{"statut-statut": "en_cours"})
    office.post(f"{url}/appel", url, **{"appel-quand": "2013-02-01 11:15", "appel-note": "Vu."})
    for page in [url, "/gestion/demandes/", "/gestion/journal", "/gestion/export"]:
        assert_well_typeset(client.get(page))
    clock.now = FIRST_OF_FEBRUARY.replace(hour=19)  # during the créneau
    office.login()  # the idle session ended meanwhile
    live = client.get("/gestion/direct")
    assert_well_typeset(live)
    assert (
        f"Permanence de 18{NBSP}h{NBSP}30 à 20{NBSP}h{NBSP}30"
        in html_of(live).select_one("main").get_text()
    )
    history = html_of(client.get(url)).select_one("ol.historique").get_text()
    assert f"appel du 1er{NBSP}février{NBSP}2013 à 11{NBSP}h{NBSP}15" in history


def test_mails_say_1er_and_keep_times_whole(app, resident, client, smtp_server):
    office, url = office_with_a_request(app, client, resident)
    office.post(f"{url}/reponse", url, **{"reponse-texte": "Le lampadaire sera réparé."})
    with app.app_context():
        outbox.send_due()
    received = smtp_server.handler.received()
    assert len(received) == 3  # office notification, acknowledgement, answer
    for mail in received:
        body = plain(mail)
        assert faults(body, html=False) == [], mail["Subject"]
        assert faults(mail["Subject"], html=False) == []
        assert f"1er{NBSP}février{NBSP}2013 à 10{NBSP}h{NBSP}00" in body
    acknowledgement = next(m for m in received if m["To"] == "jeanne.dupont@example.org")
    body = plain(acknowledgement)
    assert "arrivée par le site de la Ville d’Essai." in body
    assert f"Courriel{NBSP}: cabinet@ville.example" in body


def test_what_a_resident_typed_comes_back_as_typed(resident):
    response = resident.submit(follow=True, nom="Jeanne D'Arc : 18 h 30", message="")
    assert html_of(response).select_one("#nom")["value"] == "Jeanne D'Arc : 18 h 30"
