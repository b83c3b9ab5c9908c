"""The one list of personal columns (formsvc/donnees_personnelles.py) is complete, and key
rotation and the retention purge really cover every column on it."""

from urllib.parse import urlsplit

import pytest
from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import select

from formsvc import outbox
from formsvc.crypto import Cipher
from formsvc.db import get_db
from formsvc.donnees_personnelles import FIELDS, PERSONAL
from formsvc.models import Base, Brouillon, Demande, Evenement, OutboxMail
from tests.support.office import Office, add_user
from tests.support.pages import html_of
from tests.support.resident import Resident

BY_LETTER = {
    "origine": "courrier",
    "recue_le": "2013-01-22 10:30",
    "nom": "Marcelline Courtebotte",
    "canal": "courrier",
    "courriel": "marcelline@example.org",
    "telephone": "06 12 34 56 78",
    "adresse": "12 rue des Trois-Visages\n62000 Arras",
    "objet": "Stationnement place des Héros",
    "message": "Les voitures se garent sur le trottoir.",
}
NOTE = "Transmis à la police municipale"


def models_by_table():
    return {mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers}


def test_every_encrypted_column_is_declared_personal():
    """A new ``*_enc`` column missing from PERSONAL would escape the purge and key rotation."""
    models = models_by_table()
    assert set(models) == set(Base.metadata.tables)
    encrypted = {
        (models[table.name], column.name)
        for table in Base.metadata.tables.values()
        for column in table.columns
        if column.name.endswith("_enc")
    }
    declared = {(model, column) for model, columns in PERSONAL.items() for column in columns}
    missing = sorted(f"{model.__tablename__}.{column}" for model, column in encrypted - declared)
    assert missing == [], f"colonnes chiffrées absentes de PERSONAL : {missing}"


def test_every_declared_column_is_a_real_encrypted_column():
    for model, columns in PERSONAL.items():
        assert model in models_by_table().values()
        table = model.__table__
        for name in columns:
            assert name in table.columns, f"{table.name}.{name} n'existe pas"
            assert name.endswith("_enc"), f"{table.name}.{name} n'est pas chiffrée"
        assert len(set(columns)) == len(columns), table.name
    assert set(FIELDS.values()) <= set(PERSONAL[Demande])


def stored(app):
    """{(model, column): [stored encrypted values]} for every PERSONAL column."""
    with app.app_context():
        db = get_db()
        return {
            (model, column): [
                value
                for value in db.scalars(select(getattr(model, column)).order_by(model.id)).all()
                if value is not None
            ]
            for model, columns in PERSONAL.items()
            for column in columns
        }


def record_by_letter(office, **fields):
    page = "/gestion/demandes/nouvelle"
    response = office.post(page, page, **{**BY_LETTER, **fields})
    assert response.status_code == 303, response.get_data(as_text=True)
    return response.headers["Location"].rsplit("/", 1)[1]


def add_note(office, reference, text=NOTE):
    url = f"/gestion/demandes/{reference}"
    assert office.post(f"{url}/note", url, **{"note-texte": text}).status_code == 303


def test_key_rotation_re_encrypts_every_personal_column(make_app, smtp_server):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    app = make_app(ENCRYPTION_KEYS=old_key)
    add_user(app)
    resident = Resident(app.test_client())
    assert resident.submit(nom="Jeanne Web").status_code == 303  # a request through the form
    assert resident.submit(nom="", message="Brouillon à corriger").status_code == 303  # draft
    office = Office(app.test_client())
    office.login()
    reference = record_by_letter(office)  # address and phone too
    add_note(office, reference)

    before = stored(app)
    empty = [f"{m.__tablename__}.{c}" for (m, c), values in before.items() if not values]
    assert empty == [], f"rien à rechiffrer dans {empty} : ce test doit les remplir"
    old = Cipher(old_key)
    plain = {where: [old.decrypt(v) for v in values] for where, values in before.items()}

    rotating = make_app(ENCRYPTION_KEYS=f"{new_key},{old_key}")
    result = rotating.test_cli_runner().invoke(args=["keys", "rotate"])
    assert result.exit_code == 0, result.output
    for model in PERSONAL:
        assert f"{model.__tablename__} : " in result.output

    only_new = make_app(ENCRYPTION_KEYS=new_key)
    after = stored(only_new)
    new = Cipher(new_key)
    for where, values in after.items():
        assert [new.decrypt(v) for v in values] == plain[where], where
        for value in values:
            with pytest.raises(InvalidToken):
                old.decrypt(value)  # re-encrypted, not merely readable by both keys

    # The app holding only the new key reads everything a person would look at.
    office = Office(only_new.test_client())
    office.login()
    html = html_of(office.client.get(f"/gestion/demandes/{reference}"), 200)
    text = html.select_one("main").get_text()
    for value in ("Marcelline Courtebotte", "06 12 34 56 78", "62000 Arras", NOTE):
        assert value in text, value
    link = html.select_one(".lien-suivi").get_text(strip=True)
    assert only_new.test_client().get(urlsplit(link).path).status_code == 200
    back = only_new.test_client()
    back.set_cookie("formsvc_session", resident.client.get_cookie("formsvc_session").value)
    draft = back.get("/formulaires/permanence/")
    # The draft, read with the new key: the form comes back to correct, text kept.
    assert html_of(draft, 422).select_one("#message").get_text() == "Brouillon à corriger"
    with only_new.app_context():
        counts = outbox.send_due()
    assert counts == {"sent": 3, "retry": 0, "failed": 0}
    assert len(smtp_server.handler.received()) == 3


def test_retention_purge_erases_every_personal_column_of_a_request(app, clock, client, raw_store):
    add_user(app)
    office = Office(client)
    office.login()
    erased = record_by_letter(office)
    kept = record_by_letter(office, nom="Toujours Ouverte", recue_le="2013-01-23 09:00")
    add_note(office, erased)
    url = f"/gestion/demandes/{erased}"
    answer = {"reponse-texte": "Bonjour, la police municipale passera."}
    office.post(f"{url}/reponse", url, **answer)
    assert office.post(f"{url}/statut", url, **{"statut-statut": "close"}).status_code == 303
    link = html_of(office.client.get(url), 200).select_one(".lien-suivi").get_text(strip=True)
    Resident(app.test_client()).submit(nom="")  # a draft left uncorrected

    with app.app_context():
        db = get_db()
        ids = dict(db.execute(select(Demande.reference, Demande.id)).all())
    owned = {model: columns for model, columns in PERSONAL.items() if hasattr(model, "demande_id")}
    assert {Evenement, OutboxMail} <= set(owned)

    def personal_values(reference):
        """{"table.column": [values]} of the request and of its rows in other tables."""
        with app.app_context():
            db = get_db()
            demande = db.get(Demande, ids[reference])
            found = {f"demandes.{c}": [getattr(demande, c)] for c in PERSONAL[Demande]}
            for model, columns in owned.items():
                rows = db.scalars(select(model).where(model.demande_id == demande.id))
                rows = rows.all()
                for column in columns:
                    found[f"{model.__tablename__}.{column}"] = [getattr(r, column) for r in rows]
            return found

    before = personal_values(erased)
    unfilled = [where for where, values in before.items() if not any(values)]
    assert unfilled == [], f"rien à effacer dans {unfilled} : ce test doit les remplir"
    kept_before = personal_values(kept)

    clock.advance(days=app.config["RETENTION_DAYS"] + 1)
    result = app.test_cli_runner().invoke(args=["retention", "purge"])
    assert result.exit_code == 0, result.output
    assert f"anonymisée : {erased}" in result.output

    after = personal_values(erased)
    left = {where: values for where, values in after.items() if any(values)}
    assert left == {}, f"données personnelles restées après la purge : {sorted(left)}"
    assert personal_values(kept) == kept_before  # an open request keeps everything
    assert stored(app)[(Brouillon, "data_enc")] == []
    raw = raw_store()
    ciphertexts = [v for values in before.values() for v in values if v]
    assert [v for v in ciphertexts if v.encode() in raw] == []

    page = html_of(app.test_client().get(urlsplit(link).path), 200)
    assert "Cette demande a été effacée" in page.select_one("main").get_text()
    assert "Marcelline" not in page.get_text()
