"""The office's work: inbox, reading, answering, calls, notes, status, flags, audit, export."""

import csv
import io

from bs4 import BeautifulSoup
from sqlalchemy import select

from formsvc import outbox
from formsvc.db import get_db
from formsvc.models import Audit, Demande, Evenement, OutboxMail
from tests.support.clock import DURING_CRENEAU
from tests.support.pages import html_of, plain

XSS = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def references(app):
    with app.app_context():
        query = select(Demande.reference).order_by(Demande.received_at)
        return list(get_db().scalars(query))


def one(app, model, **where):
    with app.app_context():
        return get_db().scalars(select(model).filter_by(**where)).all()


def test_inbox_lists_requests_oldest_first_with_counts_and_flags(
    app, clock, resident, signed_in_office
):
    resident.submit(nom="Premier")
    clock.advance(minutes=10)
    resident.submit(nom="Second", site_web="spam")  # flagged suspect
    first, second = references(app)
    html = html_of(signed_in_office.client.get("/gestion/demandes/"), 200)
    rows = html.select("table.tableau tbody tr")
    assert [r.select_one("th a").get_text() for r in rows] == [
        f"{first[:4]}-{first[4:]}",
        f"{second[:4]}-{second[4:]}",
    ]
    assert "suspecte" in rows[1].get_text() and "suspecte" not in rows[0].get_text()
    counts = [a.get_text() for a in html.select("ul.comptes a")]
    assert counts == [
        "Toutes",
        "nouvelle\u00a0: 2",
        "en cours\u00a0: 0",
        "répondue\u00a0: 0",
        "close\u00a0: 0",
        "en retard\u00a0: 0",
        "à rendre sous 3 jours\u00a0: 0",
    ]
    filtered = html_of(signed_in_office.client.get("/gestion/demandes/?suspect=non"), 200)
    assert len(filtered.select("table.tableau tbody tr")) == 1


def test_reading_a_request_shows_it_decrypted_and_logs_the_view(app, resident, signed_in_office):
    resident.submit(message="Le lampadaire est en panne.")
    [reference] = references(app)
    html = html_of(signed_in_office.client.get(f"/gestion/demandes/{reference}"), 200)
    assert html.select_one(".message-demande").get_text() == "Le lampadaire est en panne."
    assert "jeanne.dupont@example.org" in html.select_one("dl.fiche").get_text()
    [entry] = [a for a in one(app, Audit) if a.action == "consultation"]
    assert (entry.user_email, entry.reference) == ("agent@ville.example", reference)


def test_any_spelling_of_a_reference_finds_it_and_unknown_ones_get_404(
    app, resident, signed_in_office
):
    resident.submit()
    [reference] = references(app)
    spelled = f"{reference[:4].lower()}-{reference[4:].lower()}"
    page = html_of(signed_in_office.client.get(f"/gestion/demandes/{spelled}"), 200)
    assert f"{reference[:4]}-{reference[4:]}" in page.select_one("h1").get_text()
    missing = html_of(signed_in_office.client.get("/gestion/demandes/ZZZZ2222"), 404)
    assert missing.select_one("h1").get_text() == "Page introuvable"


def test_answer_by_email_reaches_the_resident_once_and_is_kept(
    app, resident, signed_in_office, smtp_server
):
    resident.submit()
    [reference] = references(app)
    url = f"/gestion/demandes/{reference}"
    answer = "Bonjour,\nNous réparons le lampadaire cette semaine."
    response = signed_in_office.post(f"{url}/reponse", url, **{"reponse-texte": answer})
    assert response.status_code == 303
    with app.app_context():
        outbox.send_due()
        outbox.send_due()
    replies = [m for m in smtp_server.handler.received() if m["Subject"].startswith("Réponse")]
    assert len(replies) == 1
    [reply] = replies
    assert reply["To"] == "jeanne.dupont@example.org"
    assert reply["From"] == "permanence@ville.example"
    assert reply["Reply-To"] == "cabinet@ville.example"
    assert "Nous réparons le lampadaire cette semaine." in plain(reply)
    html = html_of(signed_in_office.client.get(url), 200)
    assert "Nous réparons le lampadaire" in html.select_one("ol.historique").get_text()
    assert "répondue" in html.select_one("dl.fiche").get_text()
    assert "reponse" in [a.action for a in one(app, Audit)]


def test_a_line_break_in_an_answer_cannot_add_a_header(
    app, resident, signed_in_office, smtp_server
):
    resident.submit()
    [reference] = references(app)
    url = f"/gestion/demandes/{reference}"
    answered = signed_in_office.post(
        f"{url}/reponse", url, **{"reponse-texte": "Merci\r\nBcc: victime@example.org\r\n"}
    )
    assert answered.status_code == 303
    with app.app_context():
        outbox.send_due()
    [reply] = [m for m in smtp_server.handler.received() if m["Subject"].startswith("Réponse")]
    assert (reply["To"], reply["Bcc"]) == ("jeanne.dupont@example.org", None)
    assert "Bcc: victime@example.org" in plain(reply)  # text of the answer, not a header


def test_no_email_answer_for_a_request_by_phone(app, resident, signed_in_office):
    resident.submit(canal="telephone", courriel="", telephone="0612345678")
    [reference] = references(app)
    url = f"/gestion/demandes/{reference}"
    html = html_of(signed_in_office.client.get(url), 200)
    assert html.select_one("#reponse-texte") is None
    response = signed_in_office.post(f"{url}/reponse", url, **{"reponse-texte": "Bonjour"})
    assert response.status_code == 400
    assert [m.kind for m in one(app, OutboxMail)] == ["notification_cabinet"]


def test_phone_call_note_status_and_flag_each_go_to_history_and_audit(
    app, resident, signed_in_office
):
    resident.submit(canal="telephone", courriel="", telephone="0612345678")
    [reference] = references(app)
    url = f"/gestion/demandes/{reference}"
    signed_in_office.post(
        f"{url}/appel", url, **{"appel-quand": "2013-01-24 10:30", "appel-note": "Rappelée"}
    )
    signed_in_office.post(f"{url}/note", url, **{"note-texte": "À suivre avec la voirie"})
    signed_in_office.post(f"{url}/suspect", url, **{"suspect-suspect": "oui"})
    signed_in_office.post(f"{url}/statut", url, **{"statut-statut": "close"})
    kinds = [e.kind for e in one(app, Evenement)]
    assert kinds == ["appel", "statut", "note", "suspect", "statut"]  # call → « en cours »
    [demande] = one(app, Demande)
    assert demande.status == "close" and demande.closed_at and demande.suspect
    history = (
        html_of(signed_in_office.client.get(url), 200).select_one("ol.historique").get_text(" ")
    )
    assert "Rappelée" in history and "À suivre avec la voirie" in history
    assert "24\u00a0janvier\u00a02013 à 10\u00a0h\u00a030" in history
    actions = [a.action for a in one(app, Audit)]
    for action in ["appel", "note", "suspect", "statut"]:
        assert action in actions


def test_invalid_action_input_comes_back_with_a_french_error(app, resident, signed_in_office):
    resident.submit()
    [reference] = references(app)
    url = f"/gestion/demandes/{reference}"
    response = signed_in_office.post(
        f"{url}/appel", url, **{"appel-quand": "hier", "appel-note": ""}
    )
    assert response.status_code == 400
    html = BeautifulSoup(response.get_data(as_text=True), "lxml")
    summary = html.select_one(".resume-erreurs").get_text()
    assert "format AAAA-MM-JJ HH:MM" in summary and "Écrivez le résultat de l’appel" in summary
    assert one(app, Evenement) == []


def test_script_and_html_show_escaped_on_every_back_office_page(app, resident, signed_in_office):
    resident.submit(nom=XSS, objet=XSS, message=XSS)
    [reference] = references(app)
    url = f"/gestion/demandes/{reference}"
    noted = signed_in_office.post(f"{url}/note", url, **{"note-texte": XSS})
    assert noted.status_code == 303
    for path in ["/gestion/demandes/", url, "/gestion/journal", "/gestion/export"]:
        html = html_of(signed_in_office.client.get(path), 200)
        assert [s for s in html.select("script") if "alert" in s.get_text()] == [], path
        assert html.select('img[src="x"]') == [], path
    # Shown as the text that was typed, where the agent reads it.
    page = html_of(signed_in_office.client.get(url), 200)
    assert page.select_one(".message-demande").get_text() == XSS
    assert XSS in page.select_one("ol.historique").get_text()


def test_journal_shows_who_did_what(app, resident, signed_in_office):
    resident.submit()
    [reference] = references(app)
    signed_in_office.client.get(f"/gestion/demandes/{reference}")
    rows = html_of(signed_in_office.client.get("/gestion/journal"), 200).select("tbody tr")
    assert "Consultation" in rows[0].get_text() and "agent@ville.example" in rows[0].get_text()
    assert "Connexion" in rows[-2].get_text()
    assert "Double authentification activée" in rows[-1].get_text()  # by add-user


def export(office, **data):
    response = office.post("/gestion/export", "/gestion/export", **data)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    return list(
        csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";")
    )


def test_csv_export_leaves_out_messages_unless_asked_and_neutralises_formulas(
    app, resident, signed_in_office
):
    resident.submit(objet='=HYPERLINK("http://x")', message="+1+1", nom="@nom")
    header, row = export(signed_in_office)
    assert header == [
        "reference",
        "type",
        "origine",
        "recue_le",
        "date_limite",
        "statut",
        "canal",
        "pendant_creneau",
        "suspecte",
        "close_le",
    ]
    assert "@nom" not in ";".join(row) and "+1+1" not in ";".join(row)
    # Personal data: asked with a fresh code of the app (formsvc/gestion/export.py).
    header, row = export(signed_in_office, avec_message="y", code=signed_in_office.code())
    assert header[-2:] == ["objet", "message"]
    assert row[-2:] == ['\'=HYPERLINK("http://x")', "'+1+1"]
    assert [a.detail for a in one(app, Audit, action="export")] == [
        "sans les messages",
        "avec les messages",
    ]


def test_live_view_refreshes_itself_only_during_a_session(app, clock, resident, signed_in_office):
    html = html_of(signed_in_office.client.get("/gestion/direct"), 200)
    assert html.select_one('meta[http-equiv="refresh"]') is None
    clock.now = DURING_CRENEAU
    resident.submit()
    signed_in_office.login()  # a week later: the idle session has ended
    html = html_of(signed_in_office.client.get("/gestion/direct"), 200)
    assert html.select_one('meta[http-equiv="refresh"]')["content"] == "30"
    assert len(html.select("table.tableau tbody tr")) == 1
