"""Migrations: requests stored under an older schema survive the upgrade, readable and
converted; going back and up again loses nothing; the models match the migrated schema."""

import datetime
from email.message import EmailMessage
from urllib.parse import urlsplit

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from bs4 import BeautifulSoup
from sqlalchemy import inspect, select, text

from formsvc import donnees_personnelles
from formsvc.cli import upgrade
from formsvc.db import alembic_config, engine_for, get_db
from formsvc.models import Base, Demande, Evenement, OutboxMail
from tests.support.office import Office, add_user

ANSWERED, BY_PHONE = "K7QM4XD2", "R8TW5YZ3"
NAMES = {ANSWERED: "Jeanne Dupont", BY_PHONE: "Anatole Leroux"}
# Received on 10 January 2013 in Paris; the second at 00:30 on the 11th in Paris (23:30 UTC).
RECEIVED = {
    ANSWERED: datetime.datetime(2013, 1, 10, 9, 0),
    BY_PHONE: datetime.datetime(2013, 1, 10, 23, 30),
}
# « 15 jours » (content/data/permanences.toml), counted from the day in Paris.
DUE = {ANSWERED: datetime.date(2013, 1, 25), BY_PHONE: datetime.date(2013, 1, 26)}
NOTE = "Voirie prévenue, intervention jeudi"
NEW_COLUMNS = {"kind", "origin", "due_on", "address_enc", "suivi_hash", "suivi_enc"}


@pytest.fixture
def fresh_app(make_app, empty_database_url):
    """An app on an empty database, before any migration (the other tests' databases are
    copies of one migrated once)."""
    return make_app(DATABASE_URL=empty_database_url)


def store_as_in_0003(app):
    """Two requests, their history and a mail, written as the 0003 code wrote them."""
    cipher = app.extensions["formsvc_cipher"]
    mail = EmailMessage()
    mail["From"], mail["To"] = "permanence@ville.example", "jeanne.dupont@example.org"
    mail["Subject"] = f"Accusé de réception de votre demande {ANSWERED[:4]}-{ANSWERED[4:]}"
    mail["Message-ID"] = "<ancien-accuse@ville.example>"
    mail.set_content("Nous avons bien reçu votre demande.", cte="quoted-printable")
    demandes = [
        {
            "reference": ANSWERED,
            "received_at": RECEIVED[ANSWERED],
            "channel": "courriel",
            "name_enc": cipher.encrypt(NAMES[ANSWERED]),
            "email_enc": cipher.encrypt("jeanne.dupont@example.org"),
            "phone_enc": None,
            "subject_enc": cipher.encrypt("Éclairage rue des Trois-Visages"),
            "message_enc": cipher.encrypt("Le lampadaire devant le 12 ne marche plus."),
            "status": "repondue",
        },
        {
            "reference": BY_PHONE,
            "received_at": RECEIVED[BY_PHONE],
            "channel": "telephone",
            "name_enc": cipher.encrypt(NAMES[BY_PHONE]),
            "email_enc": None,
            "phone_enc": cipher.encrypt("06 12 34 56 78"),
            "subject_enc": None,
            "message_enc": cipher.encrypt("Un trou dans la chaussée."),
            "status": "nouvelle",
        },
    ]
    with engine_for(app).begin() as connection:
        for row in demandes:
            connection.execute(
                text(
                    "INSERT INTO demandes (reference, received_at, channel, name_enc, "
                    "email_enc, phone_enc, subject_enc, message_enc, during_session, suspect, "
                    "status) VALUES (:reference, :received_at, :channel, :name_enc, "
                    ":email_enc, :phone_enc, :subject_enc, :message_enc, :session, :suspect, "
                    ":status)"
                ),
                {**row, "session": False, "suspect": False},
            )
        ids = dict(connection.execute(text("SELECT reference, id FROM demandes")).all())
        events = [
            ("statut", "en cours", None, datetime.datetime(2013, 1, 11, 8, 0)),
            ("note", None, cipher.encrypt(NOTE), datetime.datetime(2013, 1, 11, 8, 5)),
            ("suspect", "légitime", None, datetime.datetime(2013, 1, 11, 8, 10)),
            ("statut", "répondue", None, datetime.datetime(2013, 1, 12, 10, 0)),
        ]
        for kind, detail, text_enc, at in events:
            connection.execute(
                text(
                    "INSERT INTO evenements (demande_id, at, kind, detail, text_enc) "
                    "VALUES (:demande_id, :at, :kind, :detail, :text_enc)"
                ),
                {
                    "demande_id": ids[ANSWERED],
                    "at": at,
                    "kind": kind,
                    "detail": detail,
                    "text_enc": text_enc,
                },
            )
        connection.execute(
            text(
                "INSERT INTO outbox (demande_id, kind, message_id, payload_enc, status, "
                "attempts, next_attempt_at, created_at, sent_at) VALUES (:demande_id, "
                "'accuse_reception', :message_id, :payload, 'sent', 1, :at, :at, :at)"
            ),
            {
                "demande_id": ids[ANSWERED],
                "message_id": mail["Message-ID"],
                "payload": cipher.encrypt(mail.as_string()),
                "at": RECEIVED[ANSWERED],
            },
        )


def history_details(app):
    with app.app_context():
        query = select(Evenement.kind, Evenement.detail).order_by(Evenement.at)
        return get_db().execute(query).all()


def assert_upgraded_data_is_readable(app):
    """What the head schema must give back from the 0003 rows, read through the models."""
    with app.app_context():
        db = get_db()
        demandes = {d.reference: d for d in db.scalars(select(Demande))}
        assert set(demandes) == {ANSWERED, BY_PHONE}
        for reference, demande in demandes.items():
            assert (demande.kind, demande.origin) == ("permanence", "web"), reference
            assert demande.due_on == DUE[reference], reference
            assert demande.received_at == RECEIVED[reference].replace(tzinfo=datetime.UTC)
            assert donnees_personnelles.read(demande)["nom"] == NAMES[reference]
        answered = donnees_personnelles.read(demandes[ANSWERED])
        assert answered["courriel"] == "jeanne.dupont@example.org"
        assert answered["message"] == "Le lampadaire devant le 12 ne marche plus."
        assert donnees_personnelles.read(demandes[BY_PHONE])["telephone"] == "06 12 34 56 78"
        assert demandes[ANSWERED].status == "repondue"
        [mail] = db.scalars(select(OutboxMail)).all()
        assert (mail.kind, mail.status, mail.demande.reference) == (
            "accuse_reception",
            "sent",
            ANSWERED,
        )
        payload = app.extensions["formsvc_cipher"].decrypt(mail.payload_enc)
        assert "To: jeanne.dupont@example.org" in payload
        note = db.scalar(select(Evenement).where(Evenement.kind == "note"))
        assert app.extensions["formsvc_cipher"].decrypt(note.text_enc) == NOTE
    assert history_details(app) == [
        ("statut", "en_cours"),
        ("note", None),
        ("suspect", "légitime"),  # not a status change: left as it was
        ("statut", "repondue"),
    ]


def assert_office_reads_it(app):
    office = Office(app.test_client())
    office.login()
    url = f"/gestion/demandes/{ANSWERED}"
    response = office.client.get(url)
    assert response.status_code == 200
    html = BeautifulSoup(response.get_data(as_text=True), "lxml")
    fiche = {
        dt.get_text(): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in html.select("dl.fiche dt")
    }
    assert fiche["Statut"] == "répondue"
    assert fiche["Nom"] == "Jeanne Dupont"
    assert fiche["Demande"] == "demande au maire, reçue par le site"
    assert fiche["Date limite de réponse"] == "vendredi\u00a025\u00a0janvier\u00a02013"
    steps = [
        " ".join(li.select_one("p").get_text(" ").split()) for li in html.select("ol.historique li")
    ]
    assert steps[0].startswith("Statut changé : en cours —")
    assert steps[1].startswith("Note privée —")
    assert steps[3].startswith("Statut changé : répondue —")
    assert NOTE in html.select_one("ol.historique").get_text()
    inbox = BeautifulSoup(office.client.get("/gestion/demandes/").get_data(as_text=True), "lxml")
    statuses = {
        row.select_one("th a").get_text(): row.select("td")[3].get_text()
        for row in inbox.select("table.tableau tbody tr")
    }
    assert statuses == {"K7QM-4XD2": "répondue", "R8TW-5YZ3": "nouvelle"}
    return office


def test_requests_stored_under_0003_are_kept_readable_and_converted(fresh_app):
    app = fresh_app
    with app.app_context():
        upgrade(app, "0003")
    store_as_in_0003(app)
    assert history_details(app)[0] == ("statut", "en cours")  # a label, as 0003 stored it

    with app.app_context():
        upgrade(app)
    assert_upgraded_data_is_readable(app)
    add_user(app)
    office = assert_office_reads_it(app)

    # A follow-up link made now for the old request shows its past steps in resident words.
    url = f"/gestion/demandes/{ANSWERED}"
    assert office.post(f"{url}/suivi", url, **{"suivi-action": "nouveau"}).status_code == 303
    page = BeautifulSoup(office.client.get(url).get_data(as_text=True), "lxml")
    link = page.select_one(".lien-suivi").get_text(strip=True)
    suivi = app.test_client().get(urlsplit(link).path)
    assert suivi.status_code == 200
    steps = BeautifulSoup(suivi.get_data(as_text=True), "lxml").select("ol.historique strong")
    assert [s.get_text() for s in steps] == ["Reçue", "En cours", "Réponse envoyée"]


def test_downgrade_to_0003_and_up_again_loses_nothing(fresh_app):
    app = fresh_app
    with app.app_context():
        upgrade(app, "0003")
    store_as_in_0003(app)
    with app.app_context():
        upgrade(app)

    command.downgrade(alembic_config(app), "0003")
    columns = {c["name"] for c in inspect(engine_for(app)).get_columns("demandes")}
    assert not columns & NEW_COLUMNS
    assert "brouillons" not in inspect(engine_for(app)).get_table_names()
    assert history_details(app) == [
        ("statut", "en cours"),
        ("note", None),
        ("suspect", "légitime"),
        ("statut", "répondue"),
    ]
    cipher = app.extensions["formsvc_cipher"]
    with engine_for(app).connect() as connection:
        names = connection.execute(text("SELECT reference, name_enc FROM demandes")).all()
    assert {ref: cipher.decrypt(name) for ref, name in names} == NAMES

    with app.app_context():
        upgrade(app)
    assert_upgraded_data_is_readable(app)
    add_user(app)
    assert_office_reads_it(app)


def test_models_match_the_migrated_schema(fresh_app):
    """The migrations make exactly the tables the models describe."""
    app = fresh_app
    with app.app_context():
        upgrade(app)
    with engine_for(app).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
