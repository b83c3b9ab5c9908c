"""Portal links: one data file, stable redirects, maintenance notices, counts, link check."""

import http.server
import shutil
import threading

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import inspect, select

from commune import demarches
from commune.datafiles import DataError
from formsvc.db import engine_for, get_db
from formsvc.models import VisitePortail
from tests.support import ROOT, free_port
from tests.support.office import Office, add_user

SOURCE = (ROOT / "content/data/demarches.toml").read_text(encoding="utf-8")
PAIEMENT = "https://arras-famille.example/paiement/factures"  # « paiement-en-ligne »


@pytest.fixture
def data_folder(tmp_path):
    """A copy of content/data that a test may change."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "content/data", folder)
    return folder


def write(folder, text):
    (folder / "demarches.toml").write_text(text, encoding="utf-8")
    return folder / "demarches.toml"


MAINTENANCE = """
[demarche.maintenance]
texte = "Le paiement en ligne est fermé pour une mise à jour du portail."
fin = 2013-01-23T18:00:00
"""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t.replace('slug = "inscription-ecole"', 'slug = "inscription-creche"'),
            'entrée demarche n° 2 (« inscription-creche »), champ "slug" en double',
        ),
        (
            lambda t: t.replace('titre = "Payer en ligne"\n', ""),
            'entrée demarche n° 5 (« paiement-en-ligne »), champ "titre" manquant',
        ),
        (
            lambda t: t.replace('portail = "https://', 'portail = "http://'),
            'champ "portail" invalide « http://arras-famille.example » (une adresse https:// est '
            "attendue)",
        ),
        (
            lambda t: t.replace('groupe = "loisirs"', 'groupe = "sport"'),
            'entrée demarche n° 3 (« inscription-centre-de-loisirs »), champ "groupe" inconnu',
        ),
        (
            lambda t: t.replace('chemin = "/scolaire/inscription"', 'chemin = "scolaire"'),
            'champ "chemin" invalide « scolaire »',
        ),
    ],
)
def test_invalid_data_names_the_file_entry_and_field(data_folder, change, message):
    path = write(data_folder, change(SOURCE))
    with pytest.raises(DataError) as error:
        demarches.load(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


def test_formsvc_refuses_to_start_on_invalid_data(make_app, data_folder):
    write(data_folder, SOURCE.replace('groupe = "loisirs"', 'groupe = "sport"'))
    with pytest.raises(DataError, match='champ "groupe" inconnu « sport »'):
        make_app(CONTENT_DATA=str(data_folder))


def test_each_link_redirects_to_its_portal_page_and_is_counted(app, client):
    for _ in range(2):
        response = client.get("/portail/reservation-cantine")
        assert response.status_code == 302
        assert response.headers["Location"] == (
            "https://arras-famille.example/restauration/reservations"
        )
        assert "Set-Cookie" not in response.headers
    client.get("/portail/paiement-en-ligne")
    with app.app_context():
        counts = {(v.slug, str(v.jour)): v.nombre for v in get_db().scalars(select(VisitePortail))}
    assert counts == {
        ("reservation-cantine", "2013-01-23"): 2,
        ("paiement-en-ligne", "2013-01-23"): 1,
    }


def test_counts_hold_no_personal_data(app):
    columns = {c["name"] for c in inspect(engine_for(app)).get_columns("visites_portail")}
    assert columns == {"id", "slug", "jour", "nombre"}


def test_counts_start_again_each_day(app, client, clock):
    client.get("/portail/inscription-ecole")
    clock.advance(days=1)
    client.get("/portail/inscription-ecole")
    with app.app_context():
        assert [v.nombre for v in get_db().scalars(select(VisitePortail))] == [1, 1]


def test_maintenance_shows_what_is_unavailable_and_until_when(make_app, data_folder, clock):
    write(data_folder, SOURCE + MAINTENANCE)
    app = make_app(CONTENT_DATA=str(data_folder))
    client = app.test_client()
    response = client.get("/portail/paiement-en-ligne")
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) == 3 * 3600  # 15 h → 18 h
    html = BeautifulSoup(response.get_data(as_text=True), "lxml")
    assert "Payer en ligne" in html.select_one("h1").get_text()
    text = " ".join(html.select_one("main").get_text().split())
    assert "fermé pour une mise à jour" in text and "23 janvier 2013 à 18 h 00" in text
    with app.app_context():
        assert get_db().scalars(select(VisitePortail)).all() == []
    clock.advance(hours=3)  # the notice's end: the link leads to the portal again
    after = client.get("/portail/paiement-en-ligne")
    assert (after.status_code, after.headers["Location"]) == (302, PAIEMENT)


def test_unknown_slug_gets_a_french_404_listing_the_demarches(client):
    response = client.get("/portail/inscription-piscine")
    assert response.status_code == 404
    html = BeautifulSoup(response.get_data(as_text=True), "lxml")
    assert html.select_one("h1").get_text() == "Démarche introuvable"
    links = [a["href"] for a in html.select("main .demarches a")]
    assert links == [
        f"/portail/{d.slug}" for g, items in demarches.load().par_groupe() for d in items
    ]


def test_portal_list_page_lists_every_demarche(client):
    html = BeautifulSoup(client.get("/portail/").get_data(as_text=True), "lxml")
    assert [h.get_text() for h in html.select("main h2")] == [
        "Petite enfance",
        "Écoles",
        "Loisirs",
        "Restauration scolaire",
        "Paiement",
    ]
    assert len(html.select("main .demarches a")) == len(demarches.load().demarches)


class PortalStandIn(http.server.BaseHTTPRequestHandler):
    """A local stand-in portal: 200 for some paths, 404 for the others."""

    def do_GET(self):
        self.send_response(200 if self.path.startswith(("/petite-enfance", "/scolaire")) else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


class PortalAllUp(PortalStandIn):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()


def test_link_check_reports_each_status_and_fails_when_one_is_broken(make_app, data_folder):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PortalStandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        text = SOURCE.replace(
            "https://arras-famille.example", f"http://127.0.0.1:{server.server_port}"
        )
        write(data_folder, text)
        app = make_app(CONTENT_DATA=str(data_folder))
        result = app.test_cli_runner().invoke(args=["portail", "check", "--timeout", "2"])
        lines = result.output.splitlines()
        assert result.exit_code == 1
        assert lines[0].startswith("OK     200  inscription-creche")
        assert lines[1].startswith("OK     200  inscription-ecole")
        assert lines[2].startswith("CASSÉ  404  inscription-centre-de-loisirs")
        assert lines[-1] == "3 lien(s) cassé(s) sur 5."

        dead = f"http://127.0.0.1:{free_port()}"  # nothing listens there
        write(data_folder, text.replace(f"http://127.0.0.1:{server.server_port}", dead))
        result = (
            make_app(CONTENT_DATA=str(data_folder))
            .test_cli_runner()
            .invoke(args=["portail", "check", "--timeout", "2"])
        )
        assert "CASSÉ  ConnectionRefusedError" in result.output and result.exit_code == 1
    finally:
        server.shutdown()
        server.server_close()


def test_link_check_passes_when_every_link_answers(make_app, data_folder):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PortalAllUp)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        write(
            data_folder,
            SOURCE.replace(
                "https://arras-famille.example", f"http://127.0.0.1:{server.server_port}"
            ),
        )
        result = (
            make_app(CONTENT_DATA=str(data_folder))
            .test_cli_runner()
            .invoke(args=["portail", "check"])
        )
        assert result.exit_code == 0 and result.output.endswith("0 lien(s) cassé(s) sur 5.\n")
    finally:
        server.shutdown()
        server.server_close()


def test_office_users_see_the_counts_per_demarche(app, client):
    for _ in range(3):
        client.get("/portail/inscription-creche")
    add_user(app)
    office = Office(app.test_client())
    assert office.login().status_code == 303
    html = BeautifulSoup(office.client.get("/gestion/portail").get_data(as_text=True), "lxml")
    row = next(r for r in html.select("tbody tr") if "crèche" in r.select_one("th").get_text())
    assert [td.get_text() for td in row.select("td")] == ["3", "3", "3", "3"]
    anonymous = app.test_client().get("/gestion/portail")  # office users only
    assert anonymous.headers["Location"].startswith("/gestion/connexion")
