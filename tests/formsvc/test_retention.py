"""Retention purge and key rotation: personal data erased when due, readable with a new key."""

from cryptography.fernet import Fernet
from sqlalchemy import select

from formsvc.crypto import Cipher
from formsvc.db import get_db
from formsvc.models import Demande, Evenement, OutboxMail
from tests.support.office import Office, add_user
from tests.support.pages import html_of
from tests.support.resident import Resident


def close_request(app, office, reference, note="Dossier réglé avec la voirie"):
    url = f"/gestion/demandes/{reference}"
    assert office.post(f"{url}/note", url, **{"note-texte": note}).status_code == 303
    assert office.post(f"{url}/statut", url, **{"statut-statut": "close"}).status_code == 303


def request_page(office, reference):
    """The request's page as the agent reads it (signed in)."""
    return html_of(office.client.get(f"/gestion/demandes/{reference}"), 200).select_one("main")


def all_rows(app, model):
    with app.app_context():
        return get_db().scalars(select(model).order_by(model.id)).all()


def tokens(app, demande_id=None):
    """Every encrypted value stored (of one request, if given), as raw database text."""
    found = []
    for model, columns in [
        (Demande, ["name_enc", "email_enc", "phone_enc", "subject_enc", "message_enc"]),
        (Evenement, ["text_enc"]),
        (OutboxMail, ["payload_enc"]),
    ]:
        for row in all_rows(app, model):
            owner = row.id if model is Demande else row.demande_id
            if demande_id in (None, owner):
                found += [getattr(row, c) for c in columns if getattr(row, c)]
    return found


def test_purge_anonymises_old_closed_requests_only(app, clock, raw_store):
    add_user(app)
    resident, office = Resident(app.test_client()), Office(app.test_client())
    resident.submit(nom="Ancienne Demande", message="Vieux message")
    resident.submit(nom="Récente Demande", message="Message récent")
    resident.submit(nom="Ouverte Demande", message="Pas encore close")
    old, recent, _open = [d.reference for d in all_rows(app, Demande)]
    office.login()
    close_request(app, office, old)
    erased = tokens(app, demande_id=all_rows(app, Demande)[0].id)
    clock.advance(days=60)
    office.login()
    close_request(app, office, recent)
    clock.advance(days=31)  # old: closed 91 days ago; recent: 31 days ago

    dry = app.test_cli_runner().invoke(args=["retention", "purge", "--dry-run"])
    assert f"à anonymiser : {old}" in dry.output and recent not in dry.output
    assert all_rows(app, Demande)[0].name_enc is not None  # a dry run changes nothing

    result = app.test_cli_runner().invoke(args=["retention", "purge"])
    assert f"anonymisée : {old}" in result.output
    assert "1 demande(s) anonymisée(s)" in result.output
    first, second, third = all_rows(app, Demande)
    assert first.reference == old and first.anonymised_at is not None
    assert first.name_enc is first.email_enc is first.subject_enc is first.message_enc is None
    assert (first.status, first.channel) == ("close", "courriel") and first.received_at
    assert second.name_enc and third.name_enc  # recent and open requests are untouched
    assert all(e.text_enc is None for e in all_rows(app, Evenement) if e.demande_id == first.id)
    assert all(m.payload_enc is None for m in all_rows(app, OutboxMail) if m.demande_id == first.id)

    raw = raw_store()
    assert erased and not [v for v in erased if v.encode() in raw]

    office.login()
    assert "ont été effacées" in request_page(office, old).get_text()
    again = app.test_cli_runner().invoke(args=["retention", "purge"])
    assert "0 demande(s) anonymisée(s)" in again.output


def test_key_rotation_makes_every_field_readable_with_the_new_key_alone(make_app):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    app = make_app(ENCRYPTION_KEYS=old_key)
    add_user(app)
    Resident(app.test_client()).submit()
    office = Office(app.test_client())
    office.login()
    reference = all_rows(app, Demande)[0].reference
    close_request(app, office, reference)

    rotated = make_app(ENCRYPTION_KEYS=f"{new_key},{old_key}")
    result = rotated.test_cli_runner().invoke(args=["keys", "rotate"])
    assert "demandes : 1 ligne(s) rechiffrée(s)" in result.output

    only_new = Cipher(new_key)
    values = tokens(make_app(ENCRYPTION_KEYS=new_key))
    assert len(values) >= 7  # name, e-mail, subject, message, note, two mails
    plain = [only_new.decrypt(value) for value in values]
    assert "Jeanne Dupont" in plain and "Dossier réglé avec la voirie" in plain
    reading = make_app(ENCRYPTION_KEYS=new_key)
    office = Office(reading.test_client())
    office.login()
    page = request_page(office, reference)
    assert "Jeanne Dupont" in page.select_one("dl.fiche").get_text()
    assert "Dossier réglé avec la voirie" in page.select_one("ol.historique").get_text()
