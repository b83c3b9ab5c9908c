"""The resident's follow-up link (« suivi de demande »): where the request stands, nothing more.

Whoever holds the link (a forwarded mail, a shared computer) learns the reference, the dates
and the status, never who wrote nor what; a wrong, revoked or erased link tells nothing apart.
"""

import re
import secrets

from bs4 import BeautifulSoup
from sqlalchemy import select

from formsvc.db import get_db
from formsvc.models import Demande, OutboxMail
from tests.support.office import Office, add_user
from tests.support.pages import html_of, plain
from tests.support.resident import Resident
from tests.support.service import send_outbox

NBSP = "\u00a0"
PUBLIC = "https://www.ville.example"
LINK = re.compile(re.escape(PUBLIC) + r"/suivi/([A-Za-z0-9_-]+)")
TYPED = {
    "nom": "Zéphirine Quatrebarbes",
    "courriel": "zephirine.quatrebarbes@example.org",
    "telephone": "06 98 76 54 32",
    "objet": "Trottoir défoncé rue Méaulens",
    "message": "Bonjour,\r\nle trottoir devant le 47 est défoncé depuis l'orage de mardi.",
}
SECRETS = [
    "Zéphirine",
    "Quatrebarbes",
    "zephirine.quatrebarbes@example.org",
    "06 98 76 54 32",
    "0698765432",
    "Trottoir défoncé",
    "Méaulens",
    "défoncé depuis l'orage",
]


def text_of(element):
    """The text a reader sees, with whitespace (and no-break spaces) collapsed to one space."""
    return " ".join(element.get_text(" ").replace(NBSP, " ").split())


def the_reference(app):
    with app.app_context():
        [reference] = get_db().scalars(select(Demande.reference)).all()
    return reference


def send_form(resident, **fields):
    """Send the form as a resident; return (reference shown, follow-up URL shown)."""
    confirmation = resident.submit(follow=True, **fields)
    assert confirmation.status_code == 200
    html = html_of(confirmation)
    assert html.select_one("h1").get_text() == "Demande envoyée"
    [link] = html.select("main .lien-suivi a")
    assert link["href"] == link.get_text()
    return html.select_one(".reference").get_text(), link["href"]


def path_of(url):
    assert url.startswith(PUBLIC + "/suivi/"), url
    return url.removeprefix(PUBLIC)


def test_confirmation_and_mail_give_a_private_link_showing_only_where_it_stands(
    app, client, resident, smtp_server
):
    shown_reference, url = send_form(resident, **TYPED)
    token = LINK.fullmatch(url).group(1)
    assert len(token) >= 22  # at least 128 random bits, url-safe base 64
    reference = the_reference(app)
    assert shown_reference == f"{reference[:4]}-{reference[4:]}"
    assert reference.lower() not in token.lower()

    send_outbox(app)
    [ack] = [m for m in smtp_server.handler.received() if m["To"] == TYPED["courriel"]]
    assert ack["Subject"].startswith("Accusé de réception")
    assert LINK.findall(plain(ack)) == [token]

    response = client.get(path_of(url))
    assert response.status_code == 200
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response.headers["X-Robots-Tag"]
    html = html_of(response)
    assert html.select_one('meta[name="robots"]')["content"].startswith("noindex")
    fiche = dict(
        zip(
            [text_of(dt) for dt in html.select("dl.fiche dt")],
            [text_of(dd) for dd in html.select("dl.fiche dd")],
            strict=True,
        )
    )
    assert fiche["Référence"] == shown_reference
    assert fiche["Envoyée le"] == "23 janvier 2013 à 15 h 00"
    assert fiche["État"] == "Reçue"
    main = text_of(html.select_one("main"))
    assert "répondre dans un délai de 15 jours : au plus tard le jeudi 7 février 2013" in main
    assert [text_of(li) for li in html.select("ol.historique li")] == [
        "Reçue – 23 janvier 2013 à 15 h 00"
    ]
    body = response.get_data(as_text=True)
    for secret in SECRETS:
        assert secret not in body, secret


def test_a_request_by_phone_gets_a_link_too_without_its_number(app, client, resident):
    shown_reference, url = send_form(resident, **{**TYPED, "canal": "telephone", "courriel": ""})
    response = client.get(path_of(url))
    fiche = text_of(html_of(response, 200).select_one("dl.fiche"))
    assert fiche.startswith(f"Référence {shown_reference}") and fiche.endswith("État Reçue")
    body = response.get_data(as_text=True)
    for secret in SECRETS:
        assert secret not in body, secret


def test_the_link_follows_the_office_status_changes_with_their_dates(
    app, client, clock, resident, signed_in_office
):
    _, url = send_form(resident)
    reference = the_reference(app)
    request_page = f"/gestion/demandes/{reference}"

    clock.advance(days=1, hours=-5)  # Thursday 24 January, 10 h 00
    signed_in_office.login()
    changed = signed_in_office.post(
        f"{request_page}/statut", request_page, **{"statut-statut": "en_cours"}
    )
    assert changed.status_code == 303
    html = html_of(client.get(path_of(url)))
    assert text_of(html.select_one("dl.fiche")).endswith("État En cours")
    assert [text_of(li) for li in html.select("ol.historique li")] == [
        "Reçue – 23 janvier 2013 à 15 h 00",
        "En cours – 24 janvier 2013 à 10 h 00",
    ]
    assert "au plus tard le jeudi 7 février 2013" in text_of(html.select_one("main"))

    clock.advance(days=1, hours=6, minutes=30)  # Friday 25 January, 16 h 30
    signed_in_office.login()
    answered = signed_in_office.post(
        f"{request_page}/reponse", request_page, **{"reponse-texte": "Nous réparons."}
    )
    assert answered.status_code == 303
    html = html_of(client.get(path_of(url)))
    assert text_of(html.select_one("dl.fiche")).endswith("État Réponse envoyée")
    assert [text_of(li) for li in html.select("ol.historique li")] == [
        "Reçue – 23 janvier 2013 à 15 h 00",
        "En cours – 24 janvier 2013 à 10 h 00",
        "Réponse envoyée – 25 janvier 2013 à 16 h 30",
    ]
    main = text_of(html.select_one("main"))
    assert "au plus tard" not in main  # answered: no deadline left to announce
    assert "Nous réparons" not in main


def not_found(response):
    assert response.status_code == 404
    return response.get_data(as_text=True)


def main_text(body):
    return text_of(BeautifulSoup(body, "lxml").select_one("main"))


def test_unknown_malformed_and_revoked_links_look_like_any_missing_page(
    app, client, resident, signed_in_office
):
    _, url = send_form(resident)
    reference = the_reference(app)
    request_page = f"/gestion/demandes/{reference}"
    assert client.get(path_of(url)).status_code == 200

    missing = not_found(client.get(f"/suivi/{secrets.token_hex(8)}/absente"))
    assert "Page introuvable" in main_text(missing)
    elsewhere = not_found(client.get("/formulaires/nimportequoi"))
    assert main_text(elsewhere) == main_text(missing)

    bodies = {
        "inconnu": not_found(client.get(f"/suivi/{secrets.token_urlsafe(24)}")),
        "très long": not_found(client.get("/suivi/" + "A" * 5000)),
        "caractères bizarres": not_found(client.get("/suivi/%3Cscript%3E'%22%20%C3%A9%00..;")),
        "vide": not_found(client.get("/suivi/")),
    }
    revoked = signed_in_office.post(
        f"{request_page}/suivi", request_page, **{"suivi-action": "revoquer"}
    )
    assert revoked.status_code == 303
    gone = client.get(path_of(url))
    assert gone.headers["Referrer-Policy"] == "no-referrer"
    bodies["désactivé"] = not_found(gone)
    for case, body in bodies.items():
        assert body == missing, case
    assert "désactivé" in text_of(
        html_of(signed_in_office.client.get(request_page)).select_one("main")
    )


def test_a_new_link_replaces_the_old_one(app, client, resident, signed_in_office):
    _, old_url = send_form(resident)
    reference = the_reference(app)
    request_page = f"/gestion/demandes/{reference}"
    replaced = signed_in_office.post(
        f"{request_page}/suivi", request_page, **{"suivi-action": "nouveau"}
    )
    assert replaced.status_code == 303
    new_url = (
        html_of(signed_in_office.client.get(request_page)).select_one("span.lien-suivi").get_text()
    )
    assert LINK.fullmatch(new_url) and new_url != old_url

    missing = not_found(client.get("/formulaires/nimportequoi"))
    assert main_text(not_found(client.get(path_of(old_url)))) == main_text(missing)
    html = html_of(client.get(path_of(new_url)))
    assert text_of(html.select_one("dl.fiche")).startswith(f"Référence {reference[:4]}-")


def test_looking_links_up_is_rate_limited_in_french(make_app):
    app = make_app(RATELIMIT_SUIVI="3 per minute")
    client = app.test_client()
    _, url = send_form(Resident(client))
    assert [client.get(path_of(url)).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(path_of(url))
    assert refused.status_code == 429
    html = html_of(refused)
    assert html.html["lang"] == "fr"
    assert html.select_one("main h1").get_text() == "Trop de demandes"
    assert "Réessayez" in text_of(html.select_one("main"))
    assert int(refused.headers["Retry-After"]) > 0


def test_after_the_retention_purge_the_link_says_when_it_was_erased(app, client, clock, resident):
    add_user(app)
    office = Office(app.test_client())
    _, url = send_form(resident, **TYPED)
    reference = the_reference(app)
    request_page = f"/gestion/demandes/{reference}"
    office.login()
    office.post(f"{request_page}/statut", request_page, **{"statut-statut": "close"})

    clock.advance(days=app.config["RETENTION_DAYS"] + 1)  # Wednesday 24 April 2013
    result = app.test_cli_runner().invoke(args=["retention", "purge"])
    assert f"anonymisée : {reference}" in result.output

    response = client.get(path_of(url))
    assert response.status_code == 200
    html = html_of(response)
    main = text_of(html.select_one("main"))
    assert "Cette demande a été effacée le 24 avril 2013" in main
    assert f"{reference[:4]}-{reference[4:]}" in main
    assert html.select_one("ol.historique") is None
    body = response.get_data(as_text=True)
    for secret in SECRETS:
        assert secret not in body, secret


def test_a_robot_filling_the_honeypot_is_answered_as_usual_but_no_mail_leaves(
    app, client, resident, smtp_server
):
    shown_reference, url = send_form(resident, site_web="https://spam.example")
    reference = the_reference(app)
    assert shown_reference == f"{reference[:4]}-{reference[4:]}"
    fiche = text_of(html_of(client.get(path_of(url))).select_one("dl.fiche"))
    assert fiche.endswith("État Reçue")  # like any request: nothing tells the robot apart
    with app.app_context():
        demande = get_db().scalar(select(Demande))
        assert demande.suspect
        assert get_db().scalars(select(OutboxMail)).all() == []
    send_outbox(app)
    assert smtp_server.handler.received() == []
