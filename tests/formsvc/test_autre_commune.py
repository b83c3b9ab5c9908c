"""formsvc for another commune: Exempleville's data files, and nothing of Arras anywhere.

The same code serves Exempleville when FORMSVC_CONTENT_DATA points at its data: every page a
resident or an agent sees and every mail sent over SMTP carries its name, its portal and its
service, and no value of Arras's own data files.
"""

import re
import shutil

import pytest

from tests.autre_commune import DATA, arras_marks, mentions_of_arras
from tests.support.office import Office, add_user
from tests.support.pages import html_of, plain
from tests.support.resident import Resident, reference_shown
from tests.support.service import send_outbox

SUIVI = re.compile(r'href="(?:https://www\.exempleville\.example)?(/suivi/[^"]+)"')


@pytest.fixture
def exempleville_data(tmp_path):
    """Exempleville's data files, one démarche of its portal under maintenance."""
    folder = shutil.copytree(DATA, tmp_path / "data")
    demarches = folder / "demarches.toml"
    demarches.write_text(
        demarches.read_text(encoding="utf-8")
        + '\n[demarche.maintenance]\ntexte = "La facture du mois est en cours de calcul."\n'
        + "fin = 2099-01-01T08:00:00\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def exempleville(make_app, exempleville_data, smtp_server):
    return make_app(
        CONTENT_DATA=str(exempleville_data),
        PUBLIC_URL="https://www.exempleville.example",
        MAIL_FROM="mairie@exempleville.example",
        OFFICE_EMAIL="secretariat@exempleville.example",
    )


def test_every_page_and_mail_is_exempleville_s(exempleville, smtp_server):
    marks = arras_marks()
    seen = {}  # what the resident and the agent were shown, by what it was

    def look(name, response, status=200):
        assert response.status_code == status, (name, response.status_code)
        seen[name] = response.get_data(as_text=True)
        return seen[name]

    resident = Resident(exempleville.test_client())
    opened = resident.client.get("/formulaires/permanence/")
    look("formulaire", opened)
    form = html_of(opened)
    assert form.select_one(".marque-nom").get_text() == "Ville d’Exempleville"
    next_session = form.select_one(".encart").get_text().replace("\xa0", " ")
    assert "2 décembre 2026" in next_session  # its own next session
    sent = resident.submit(follow=True)
    confirmation = look("confirmation", sent)
    reference = reference_shown(sent)
    suivi = SUIVI.search(confirmation).group(1)
    look("suivi", resident.client.get(suivi))
    look("introuvable", resident.client.get("/formulaires/inexistant"), 404)

    portal = exempleville.test_client()
    liste = look("portail", portal.get("/portail/"))
    assert "Les démarches du portail P’tits Exempleviennois" in liste
    assert 'href="/enfance-en-ligne/"' in liste
    inconnue = look("démarche inconnue", portal.get("/portail/inexistante"), 404)
    assert "portail P’tits Exempleviennois" in inconnue
    maintenance = look("maintenance", portal.get("/portail/payer-la-facture"), 503)
    assert "La facture du mois est en cours de calcul." in maintenance
    going = portal.get("/portail/inscription-periscolaire")
    assert going.status_code == 302
    assert going.headers["Location"] == "https://enfance.exempleville.example/garderie/inscription"

    add_user(exempleville)
    office = Office(exempleville.test_client())
    look("connexion", office.client.get("/gestion/connexion"))
    assert office.login().status_code == 303
    listed = office.client.get("/gestion/demandes/")
    look("boîte", listed)
    inbox = html_of(listed)
    assert [a.get_text() for a in inbox.select("table.tableau tbody th a")] == [reference]
    look("demande", office.client.get(f"/gestion/demandes/{reference}"))
    accuse = look("accusé imprimable", office.client.get(f"/gestion/demandes/{reference}/accuse"))
    assert "Mairie d’Exempleville" in accuse
    look("saisie", office.client.get("/gestion/demandes/nouvelle"))
    visites = look("visites du portail", office.client.get("/gestion/portail"))
    assert "Liens vers le portail P’tits Exempleviennois" in visites

    # Every page formsvc serves with GET, as the agent and as the resident see it: the
    # routes' list is the app's own, so a page added later is searched too.
    values = {
        "reference": reference,
        "token": suivi.rsplit("/", 1)[1],
        "slug": "inexistante",
    }
    for rule in exempleville.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        url = rule.rule
        for argument in rule.arguments:
            url = url.replace(f"<{argument}>", values[argument])
        browser = office.client if rule.endpoint.startswith("gestion.") else resident.client
        response = browser.get(url)
        assert response.status_code < 500, (url, response.status_code)
        seen[f"GET {url}"] = response.get_data(as_text=True)

    request_page = f"/gestion/demandes/{reference}"
    answered = office.post(
        f"{request_page}/reponse", request_page, **{"reponse-texte": "Merci, c'est noté."}
    )
    assert answered.status_code == 303
    assert send_outbox(exempleville)["sent"] == 3
    mails = smtp_server.handler.received()
    for mail in mails:
        seen[f"courriel « {mail['Subject']} »"] = f"{mail}\n{plain(mail)}"
    acknowledgement = next(m for m in mails if m["To"] == "jeanne.dupont@example.org")
    text = plain(acknowledgement).replace("\xa0", " ")
    assert "Secrétariat de la mairie" in text
    assert "10 jours ouvrés" in text
    assert "https://www.exempleville.example/suivi/" in text

    found = {name: hits for name, text in seen.items() if (hits := mentions_of_arras(text, marks))}
    assert found == {}
    assert len([name for name in seen if name.startswith("GET ")]) >= 15
    assert len([name for name in seen if name.startswith("courriel")]) == 3
