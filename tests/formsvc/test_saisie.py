"""The office records requests received by phone, by letter or at the counter; the printable
acknowledgement; the daily deadline reminder; the export of recorded requests."""

import csv
import datetime
import io
import re
import shutil
from pathlib import Path

import pytest

from formsvc.models import Audit, Demande, OutboxMail
from tests.support.clock import PARIS_WINTER
from tests.support.office import Office, add_user
from tests.support.pages import html_of, plain
from tests.support.resident import PHONE_CALL, VALID
from tests.support.service import rows, send_outbox

NEW = "/gestion/demandes/nouvelle"
INBOX = "/gestion/demandes/"
NBSP = "\u00a0"
REFERENCE = re.compile(r"[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}")
DATA = Path(__file__).resolve().parents[2] / "content" / "data"

PHONE = PHONE_CALL
LETTER = {
    "origine": "courrier",
    "recue_le": "2013-01-14",
    "nom": "Hortense Vermandois",
    "canal": "courrier",
    "courriel": "",
    "telephone": "",
    "adresse": "7 impasse des Capucins\r\n62000 Arras",
    "objet": "Stationnement des cars",
    "message": "Les cars scolaires stationnent moteur allumé devant chez moi chaque matin.",
}
COUNTER = {
    "origine": "guichet",
    "recue_le": "2013-01-23",
    "nom": "Léonce Baudimont",
    "canal": "courriel",
    "courriel": "leonce.baudimont@example.org",
    "telephone": "",
    "adresse": "",
    "objet": "Banc cassé",
    "message": "Le banc du square Saint-Géry a perdu deux lattes.",
}


def text_of(element):
    """The element's text, runs of spaces and line breaks collapsed (no-break spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", element.get_text(" ")).strip()


def record(office, fields, **changes):
    """Fill and send the office's recording form; None values are left out (not ticked)."""
    data = {k: v for k, v in {**fields, **changes}.items() if v is not None}
    return office.post(NEW, NEW, **data)


def recorded(office, fields, **changes):
    """Record a request; its reference, from the page the office is sent to."""
    response = record(office, fields, **changes)
    assert response.status_code == 303, response.get_data(as_text=True)
    reference = response.headers["Location"].rsplit("/", 1)[1]
    assert REFERENCE.fullmatch(reference), reference
    return reference


def grouped(reference):
    return f"{reference[:4]}-{reference[4:]}"


def inbox_rows(office, query=""):
    html = html_of(office.client.get(INBOX + query))
    header = [th.get_text() for th in html.select("table.tableau thead th")]
    return {
        row.select_one("th a").get_text(): dict(zip(header[1:], row.select("td"), strict=True))
        for row in html.select("table.tableau tbody tr")
    }


# Recording, inbox, due dates, encryption ------------------------------------------------


def test_requests_by_phone_letter_and_counter_join_the_inbox_with_their_channel(
    app, signed_in_office, resident
):
    resident.submit()  # a web request, for comparison
    phone = recorded(signed_in_office, PHONE)
    letter = recorded(signed_in_office, LETTER)
    counter = recorded(signed_in_office, COUNTER)
    assert len({phone, letter, counter}) == 3

    listed = inbox_rows(signed_in_office)
    assert len(listed) == 4
    web = next(ref for ref in listed if ref not in map(grouped, [phone, letter, counter]))
    arrived = {ref: cells["Arrivée"].get_text() for ref, cells in listed.items()}
    assert arrived == {
        web: "par le site",
        grouped(phone): "par téléphone",
        grouped(letter): "par courrier",
        grouped(counter): "à l’accueil de la mairie",
    }
    # Received on the day typed; due 15 days later (content/data/permanences.toml).
    for reference, received, due in [
        (phone, "2013-01-10", "2013-01-25"),
        (letter, "2013-01-14", "2013-01-29"),
        (counter, "2013-01-23", "2013-02-07"),
    ]:
        cells = listed[grouped(reference)]
        assert cells["Reçue le"].select_one("time")["datetime"].startswith(received)
        assert cells["Date limite"].select_one("time")["datetime"] == due
        assert cells["Statut"].get_text() == "nouvelle"

    only_letters = inbox_rows(signed_in_office, "?origine=courrier")
    assert list(only_letters) == [grouped(letter)]


def test_recorded_request_page_shows_what_was_typed_and_its_due_date(app, signed_in_office):
    response = record(signed_in_office, LETTER)
    assert response.status_code == 303
    html = html_of(signed_in_office.client.get(response.headers["Location"]))
    reference = response.headers["Location"].rsplit("/", 1)[1]
    assert html.select_one("h1").get_text() == f"Demande {grouped(reference)}"
    flash = text_of(html.select_one("main"))
    assert "Demande enregistrée" in flash and "Aucun courriel n’est parti" in flash
    fiche = text_of(html.select_one("dl.fiche"))
    assert "reçue par courrier" in fiche
    assert "Hortense Vermandois" in fiche
    assert "7 impasse des Capucins 62000 Arras" in fiche
    assert f"mardi{NBSP}29{NBSP}janvier{NBSP}2013" in fiche
    assert html.select_one(".message-demande").get_text() == LETTER["message"]
    [entry] = rows(app, Audit, action="saisie")
    assert (entry.user_email, entry.reference) == ("agent@ville.example", reference)


def test_due_date_follows_the_delay_announced_in_working_days(make_app, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    toml = data / "permanences.toml"
    text = toml.read_text(encoding="utf-8")
    assert 'delai = "15 jours"' in text
    toml.write_text(text.replace('delai = "15 jours"', 'delai = "10 jours ouvrés"'), "utf-8")
    app = make_app(CONTENT_DATA=str(data))
    add_user(app)
    office = Office(app.test_client())
    office.login()
    # Thursday 10 January 2013 + 10 working days (weekends skipped) = Thursday 24 January.
    reference = recorded(office, PHONE)
    [demande] = rows(app, Demande)
    assert demande.due_on == datetime.date(2013, 1, 24)
    accuse = text_of(html_of(office.client.get(f"/gestion/demandes/{reference}/accuse")))
    assert (
        f"dans un délai de 10{NBSP}jours ouvrés, soit au plus tard le "
        f"jeudi{NBSP}24{NBSP}janvier{NBSP}2013" in accuse
    )


def test_personal_data_of_recorded_requests_is_encrypted_at_rest(app, signed_in_office, raw_store):
    recorded(signed_in_office, PHONE)
    recorded(signed_in_office, LETTER)
    recorded(signed_in_office, COUNTER)
    stored = rows(app, Demande)
    assert sorted(d.origin for d in stored) == ["courrier", "guichet", "telephone"]
    raw = raw_store()
    for secret in [
        "Marcel Quenouille",
        "Quenouille",
        "03 21 55 44 33",
        "0321554433",
        "rue Saint-Aubert",
        "Hortense",
        "Vermandois",
        "impasse des Capucins",
        "Capucins",
        "cars scolaires",
        "Baudimont",
        "leonce.baudimont@example.org",
        "square Saint-G",
        "Banc cass",
    ]:
        assert secret.encode() not in raw, secret


# Mails -------------------------------------------------------------------------------


def test_with_an_email_the_acknowledgement_mail_carries_the_suivi_link(
    app, client, signed_in_office, smtp_server
):
    reference = recorded(signed_in_office, COUNTER)
    html = html_of(signed_in_office.client.get(f"/gestion/demandes/{reference}"))
    assert "L’accusé de réception part par courriel" in text_of(html.select_one("main"))
    assert send_outbox(app)["sent"] == 1
    [mail] = smtp_server.handler.received()
    assert mail["To"] == "leonce.baudimont@example.org"
    assert mail["From"] == "permanence@ville.example"
    assert mail["Reply-To"] == "cabinet@ville.example"
    assert grouped(reference) in mail["Subject"]
    body = plain(mail)
    assert grouped(reference) in body
    assert f"7{NBSP}février{NBSP}2013" in body  # due date: 23 January + 15 days
    [link] = re.findall(r"https://www\.ville\.example/suivi/\S+", body)
    suivi = client.get(link.removeprefix("https://www.ville.example"))
    assert suivi.status_code == 200
    assert html_of(suivi).select_one(".reference").get_text() == grouped(reference)


def test_the_acknowledgement_of_a_counter_request_does_not_claim_it_came_online(
    app, signed_in_office, smtp_server
):
    recorded(signed_in_office, COUNTER)
    send_outbox(app)
    [mail] = smtp_server.handler.received()
    body = " ".join(plain(mail).split())
    assert "permanence en ligne" not in body and " par le site" not in body, body
    assert "arrivée à l’accueil de la mairie." in body


def test_without_an_email_no_mail_leaves_and_the_office_is_not_notified(
    app, signed_in_office, smtp_server
):
    recorded(signed_in_office, PHONE)
    recorded(signed_in_office, LETTER)
    recorded(signed_in_office, COUNTER)
    send_outbox(app)
    received = smtp_server.handler.received()
    assert [m["To"] for m in received] == ["leonce.baudimont@example.org"]
    assert [m.kind for m in rows(app, OutboxMail)] == ["accuse_reception"]


# The printable acknowledgement ---------------------------------------------------------


def test_printable_acknowledgement_has_address_reference_dates_and_link_and_is_logged(
    app, client, signed_in_office
):
    reference = recorded(signed_in_office, LETTER)
    response = signed_in_office.client.get(f"/gestion/demandes/{reference}/accuse")
    assert response.status_code == 200
    html = html_of(response)
    recipient = html.select_one(".courrier-destinataire").get_text("\n").split("\n")
    assert [line.strip() for line in recipient if line.strip()] == [
        "Hortense Vermandois",
        "7 impasse des Capucins",
        "62000 Arras",
    ]
    letter = text_of(html.select_one("article.courrier"))
    assert f"Accusé de réception de votre demande {grouped(reference)}" in letter
    assert html.select_one("article time")["datetime"] == "2013-01-14"
    assert f"adressée au maire le 14{NBSP}janvier{NBSP}2013" in letter
    assert "par courrier. Ce courrier en est l’accusé de réception." in letter
    assert "Service chargé de votre demande Cabinet du maire" in letter
    assert (
        f"dans un délai de 15{NBSP}jours, soit au plus tard le mardi{NBSP}29{NBSP}janvier{NBSP}2013"
        in letter
    )
    link = html.select_one(".lien-suivi").get_text()
    assert link.startswith("https://www.ville.example/suivi/")
    suivi = client.get(link.removeprefix("https://www.ville.example"))
    assert html_of(suivi).select_one(".reference").get_text() == grouped(reference)
    [entry] = rows(app, Audit, action="accuse")
    assert (entry.user_email, entry.reference) == ("agent@ville.example", reference)


# Mistakes, sign-in, CSRF ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "changes", "target", "message"),
    [
        (PHONE, {"origine": None}, "#origine-0", "Choisissez comment la demande est arrivée"),
        (
            PHONE,
            {"recue_le": "10/01/2013"},
            "#recue_le",
            "Entrez la date au format AAAA-MM-JJ, par exemple 2013-01-31, "
            "éventuellement suivie de l’heure (2013-01-31 10:30)",
        ),
        (
            PHONE,
            {"recue_le": "2013-01-24"},
            "#recue_le",
            "La date de réception ne peut pas être dans le futur",
        ),
        (LETTER, {"adresse": ""}, "#adresse", "Entrez l’adresse postale"),
        (PHONE, {"telephone": ""}, "#telephone", "Entrez le numéro de téléphone"),
        (
            COUNTER,
            {"courriel": "leonce@"},
            "#courriel",
            "Entrez une adresse électronique valide, par exemple nom@exemple.fr",
        ),
        (PHONE, {"message": ""}, "#message", "Écrivez la demande"),
    ],
    ids=["origine", "format-date", "date-future", "adresse", "telephone", "courriel", "message"],
)
def test_mistakes_come_back_422_in_french_with_the_values_kept(
    app, signed_in_office, fields, changes, target, message
):
    response = record(signed_in_office, fields, **changes)
    assert response.status_code == 422
    html = html_of(response)
    assert html.title.get_text().startswith(f"Erreur{NBSP}: ")
    links = [(a["href"], " ".join(a.get_text().split())) for a in html.select(".resume-erreurs a")]
    assert links == [(target, message)]
    typed = {**fields, **changes}
    assert html.select_one("#nom")["value"] == typed["nom"]
    assert html.select_one("#recue_le")["value"] == typed["recue_le"]
    assert html.select_one("#courriel")["value"] == typed["courriel"]
    assert html.select_one("#message").get_text() == typed["message"].replace("\r\n", "\n")
    assert html.select_one('input[name="canal"][checked]')["value"] == typed["canal"]
    ticked = html.select_one('input[name="origine"][checked]')
    assert (ticked["value"] if ticked else None) == typed["origine"]
    assert rows(app, Demande) == []


def test_a_date_with_a_time_is_kept_to_the_minute(app, signed_in_office):
    recorded(signed_in_office, PHONE, recue_le="2013-01-10 09:45")
    [demande] = rows(app, Demande)
    assert demande.received_at == datetime.datetime(2013, 1, 10, 9, 45, tzinfo=PARIS_WINTER)
    assert demande.due_on == datetime.date(2013, 1, 25)


def test_the_date_prefilled_this_morning_is_accepted(app, client, clock):
    """The form offers today's date; a letter opened at 9 o'clock is recorded with it."""
    clock.now = datetime.datetime(2013, 1, 23, 9, 0, tzinfo=PARIS_WINTER)
    add_user(app)
    office = Office(client)
    office.login()
    prefilled = html_of(client.get(NEW)).select_one("#recue_le")["value"]
    assert prefilled == "2013-01-23"
    response = record(office, LETTER, recue_le=prefilled)
    assert response.status_code == 303, text_of(html_of(response).select_one(".resume-erreurs"))
    [demande] = rows(app, Demande)
    assert demande.received_at.astimezone(PARIS_WINTER).date() == datetime.date(2013, 1, 23)
    assert demande.due_on == datetime.date(2013, 2, 7)


def test_recording_requires_sign_in(app, client):
    for path in [NEW, INBOX]:
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/gestion/connexion")
    assert "suite=/gestion/demandes/nouvelle" in client.get(NEW).headers["Location"]


def test_recording_without_the_csrf_token_is_refused(app, signed_in_office):
    response = signed_in_office.client.post(NEW, data=PHONE)
    assert html_of(response, 400).select_one("h1").get_text() == "Action refusée"
    assert rows(app, Demande) == []


# The daily deadline reminder -----------------------------------------------------------


def rappel(app):
    result = app.test_cli_runner().invoke(args=["echeances", "rappel"])
    assert result.exit_code == 0, result.output
    return result.output


def digests(smtp_server):
    """The reminders the office received (not the notifications of web requests)."""
    return [
        m
        for m in smtp_server.handler.received()
        if m["To"] == "cabinet@ville.example" and m["Subject"].startswith("Demandes à traiter")
    ]


def set_status(office, reference, status):
    url = f"/gestion/demandes/{reference}"
    response = office.post(f"{url}/statut", url, **{"statut-statut": status})
    assert response.status_code == 303


def test_daily_reminder_lists_overdue_and_due_soon_without_personal_data(
    app, signed_in_office, resident, smtp_server
):
    resident.submit()  # web, today: due 7 February
    overdue = recorded(signed_in_office, PHONE, recue_le="2013-01-05")  # due 20 January
    soon = recorded(signed_in_office, LETTER, recue_le="2013-01-09")  # due 24 January
    recorded(signed_in_office, COUNTER)  # due 7 February
    answered = recorded(signed_in_office, PHONE, recue_le="2013-01-04", nom="Ursule Répondue")
    set_status(signed_in_office, answered, "repondue")
    closed = recorded(signed_in_office, LETTER, recue_le="2013-01-06", nom="Clovis Close")
    set_status(signed_in_office, closed, "close")
    send_outbox(app)  # the acknowledgements, before the reminder
    before = len(smtp_server.handler.received())

    output = rappel(app)
    assert "1 en retard, 1 sous 3 jours" in output
    send_outbox(app)
    [mail] = digests(smtp_server)
    assert len(smtp_server.handler.received()) == before + 1
    body = plain(mail)
    late_part, _, soon_part = body.partition("À rendre sous 3 jours")
    assert grouped(overdue) in late_part and grouped(soon) not in late_part
    assert grouped(soon) in soon_part and grouped(overdue) not in soon_part
    assert f"{grouped(overdue)}, date limite le 20{NBSP}janvier{NBSP}2013" in late_part
    assert f"{grouped(soon)}, date limite le 24{NBSP}janvier{NBSP}2013" in soon_part
    for reference in [answered, closed]:
        assert grouped(reference) not in body and reference not in body
    listed = re.findall(
        r"[23456789ABCDEFGHJKMNPQRSTWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTWXYZ]{4}", body
    )
    assert sorted(listed) == sorted([grouped(overdue), grouped(soon)])

    whole = mail.as_string() + body + mail["Subject"]
    for personal in [
        VALID["nom"],
        VALID["courriel"],
        VALID["objet"],
        "lampadaire",
        "Quenouille",
        "03 21 55 44 33",
        "Trottoir",
        "Saint-Aubert",
        "Vermandois",
        "Capucins",
        "Stationnement",
        "cars scolaires",
        "Baudimont",
        "leonce.baudimont@example.org",
        "Banc",
        "Ursule",
        "Clovis",
    ]:
        assert personal not in whole, personal

    again = rappel(app)
    assert "déjà parti" in again
    send_outbox(app)
    assert len(digests(smtp_server)) == 1
    assert len(rows(app, OutboxMail, kind="rappel_echeances")) == 1


def test_daily_reminder_sends_nothing_on_a_day_with_nothing_due(
    app, clock, signed_in_office, smtp_server
):
    reference = recorded(signed_in_office, COUNTER)  # due 7 February
    send_outbox(app)
    acknowledgements = len(smtp_server.handler.received())

    output = rappel(app)
    assert "Aucune demande en retard ni à rendre sous 3 jours" in output
    send_outbox(app)
    assert digests(smtp_server) == []
    assert len(smtp_server.handler.received()) == acknowledgements
    assert rows(app, OutboxMail, kind="rappel_echeances") == []

    clock.now = datetime.datetime(2013, 2, 4, 7, 0, tzinfo=PARIS_WINTER)  # 3 days before
    assert "0 en retard, 1 sous 3 jours" in rappel(app)
    clock.now = datetime.datetime(2013, 2, 8, 7, 0, tzinfo=PARIS_WINTER)  # the day after
    assert "1 en retard, 0 sous 3 jours" in rappel(app)
    send_outbox(app)
    first, second = digests(smtp_server)
    assert grouped(reference) in plain(first).partition("À rendre sous 3 jours")[2]
    late_part = plain(second).partition("À rendre sous 3 jours")[0]
    assert f"{grouped(reference)}, date limite le 7{NBSP}février{NBSP}2013" in late_part


# Export ------------------------------------------------------------------------------


def test_csv_export_has_type_origin_and_due_date_of_a_recorded_request(app, signed_in_office):
    reference = recorded(signed_in_office, LETTER)
    response = signed_in_office.post("/gestion/export", "/gestion/export")
    assert response.status_code == 200
    text = response.get_data(as_text=True).lstrip("\ufeff")
    header, *lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    [row] = [dict(zip(header, line, strict=True)) for line in lines]
    assert row["reference"] == grouped(reference)
    assert (row["type"], row["origine"], row["date_limite"]) == (
        "permanence",
        "courrier",
        "2013-01-29",
    )
    assert row["recue_le"].startswith("2013-01-14")
    assert row["canal"] == "courrier"
