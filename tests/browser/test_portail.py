"""Portal pages in Chromium: axe-core on the list, an unknown démarche, a maintenance notice;
a family follows a démarche from /arras-famille/ to the portal (a local stand-in)."""

import shutil

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible_and_local
from tests.servers import serve_site, stand_in_portal
from tests.support import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture
def portal():
    with stand_in_portal() as url:
        yield url


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
