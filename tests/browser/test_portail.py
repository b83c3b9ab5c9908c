"""Portal pages in Chromium: axe-core on the list, an unknown démarche, a maintenance notice;
a family follows a démarche from /arras-famille/ to the portal (a local stand-in)."""

import http.server
import shutil
import threading

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serve_site
from tests.browser.test_accessibility import assert_accessible_and_local
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


class StandInPortal(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = f"<!doctype html><html lang=fr><title>Portail</title><h1>{self.path}</h1>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def portal():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandInPortal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def live(site, tmp_path, portal):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "content/data", data)
    text = (data / "demarches.toml").read_text(encoding="utf-8")
    text = text.replace("https://arras-famille.example", portal) + (
        '\n[demarche.maintenance]\ntexte = "Le paiement est fermé pour une mise à jour."\n'
        "fin = 2013-01-24T08:00:00\n"
    )
    (data / "demarches.toml").write_text(text, encoding="utf-8")
    with serve_site(site, tmp_path, CONTENT_DATA=str(data)) as server:
        yield server


@pytest.mark.parametrize(
    ("path", "status", "heading"),
    [
        ("/portail/", 200, "Les démarches du portail Arras famille"),
        ("/portail/inscription-piscine", 404, "Démarche introuvable"),
        ("/portail/paiement-en-ligne", 503, "Payer en ligne : service momentanément indisponible"),
    ],
)
def test_portal_pages_are_accessible(page, requested_urls, live, path, status, heading):
    response = page.goto(live.url + path)
    assert response.status == status
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible_and_local(page, requested_urls)


def test_a_family_goes_from_the_site_to_the_portal(page, live, portal):
    page.goto(live.url + "/arras-famille/")
    page.get_by_role("link", name="Réserver les repas à la cantine").click()
    expect(page).to_have_url(portal + "/restauration/reservations")
    expect(page.get_by_role("heading", level=1)).to_have_text("/restauration/reservations")
