"""A request's life (formsvc/cycle.py): status transitions, due dates, urgency marks."""

import datetime
import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from commune import permanences
from commune.datafiles import DataError
from commune.permanences import Delai
from formsvc import cycle
from formsvc.db import get_db
from formsvc.models import Demande, Evenement
from tests.support.office import Office, add_user
from tests.support.pages import html_of

DATA = Path(__file__).resolve().parents[2] / "content" / "data"
STATUSES = ["nouvelle", "en_cours", "repondue", "close"]
ALLOWED = {
    ("nouvelle", "en_cours"),
    ("nouvelle", "repondue"),
    ("nouvelle", "close"),
    ("en_cours", "repondue"),
    ("en_cours", "close"),
    ("repondue", "en_cours"),
    ("repondue", "close"),
    ("close", "en_cours"),  # reopened
}
REFUSED = sorted(
    (before, after)
    for before in STATUSES
    for after in STATUSES
    if before != after and (before, after) not in ALLOWED
)


def text_of(element):
    return " ".join(element.get_text(" ").replace("\u00a0", " ").split())


def new_request(status="nouvelle"):
    """A request recorded as by phone (no mail), brought to ``status`` the legal way."""
    demande, _token = cycle.create(
        kind="permanence",
        origin="telephone",
        channel="telephone",
        personal={"nom": "Jeanne Dupont", "telephone": "0612345678", "message": "Lampadaire"},
        notify_office=False,
    )
    if status != "nouvelle":
        cycle.set_status(demande, status)
        get_db().commit()
    return demande


def status_events(demande):
    query = (
        select(Evenement.detail)
        .where(Evenement.demande_id == demande.id, Evenement.kind == "statut")
        .order_by(Evenement.id)
    )
    return list(get_db().scalars(query))


# Transitions


@pytest.mark.parametrize(("before", "after"), sorted(ALLOWED))
def test_an_allowed_transition_changes_the_status_and_records_its_code(app, before, after):
    with app.app_context():
        demande = new_request(before)
        assert cycle.set_status(demande, after) is True
        get_db().commit()
        stored = get_db().get(Demande, demande.id)
        assert stored.status == after
        assert (stored.closed_at is not None) == (after == "close")
        expected = [after] if before == "nouvelle" else [before, after]
        assert status_events(stored) == expected


def test_the_same_status_again_records_nothing(app):
    with app.app_context():
        demande = new_request("en_cours")
        assert cycle.set_status(demande, "en_cours") is False
        get_db().commit()
        assert status_events(demande) == ["en_cours"]


@pytest.mark.parametrize(("before", "after"), REFUSED)
def test_a_refused_transition_says_why_in_french_and_changes_nothing(app, before, after):
    labels = {"nouvelle": "nouvelle", "en_cours": "en cours", "repondue": "répondue"}
    labels["close"] = "close"
    with app.app_context():
        demande = new_request(before)
        closed_at = demande.closed_at
        with pytest.raises(cycle.TransitionRefused) as refusal:
            cycle.set_status(demande, after)
        assert str(refusal.value) == (
            f"Une demande « {labels[before]} » ne peut pas passer à « {labels[after]} »."
        )
        get_db().commit()
        stored = get_db().get(Demande, demande.id)
        assert (stored.status, stored.closed_at) == (before, closed_at)
        assert status_events(stored) == ([] if before == "nouvelle" else [before])


def radio_values(office, reference):
    html = html_of(office.client.get(f"/gestion/demandes/{reference}"))
    return [i["value"] for i in html.select('input[name="statut-statut"]')]


def test_the_status_form_offers_only_the_statuses_allowed_now(app, signed_in_office):
    with app.app_context():
        fresh, closed = new_request().reference, new_request("close").reference
    assert radio_values(signed_in_office, fresh) == ["nouvelle", "en_cours", "repondue", "close"]
    assert radio_values(signed_in_office, closed) == ["close", "en_cours"]

    url = f"/gestion/demandes/{closed}"
    for forged in ["nouvelle", "repondue", "archivee"]:
        response = signed_in_office.post(f"{url}/statut", url, **{"statut-statut": forged})
        assert response.status_code == 400, forged
        html = html_of(response)
        assert html.title.get_text().startswith("Erreur")
        summary = text_of(html.select_one(".resume-erreurs"))
        assert "Choisissez un des statuts proposés" in summary
    with app.app_context():
        demande = get_db().scalar(select(Demande).filter_by(reference=closed))
        assert demande.status == "close"
        assert status_events(demande) == ["close"]

    reopened = signed_in_office.post(f"{url}/statut", url, **{"statut-statut": "en_cours"})
    assert reopened.status_code == 303
    assert radio_values(signed_in_office, closed) == ["en_cours", "repondue", "close"]


# Due dates

DAY = datetime.date


@pytest.mark.parametrize(
    ("delai", "recue_le", "echeance"),
    [
        # Calendar days: weekends and holidays count.
        (Delai(15), DAY(2013, 1, 23), DAY(2013, 2, 7)),
        (Delai(15), DAY(2026, 12, 20), DAY(2027, 1, 4)),
        # Working days, Monday to Friday: Christmas (Friday 25) and New Year (Friday 1) skipped.
        (Delai(10, "ouvrés"), DAY(2026, 12, 21), DAY(2027, 1, 6)),
        # Monday to Saturday: Saturdays 26 December and 2 January count.
        (Delai(10, "ouvrables"), DAY(2026, 12, 21), DAY(2027, 1, 4)),
        # Easter Monday 2026 (6 April) and Bastille Day (Tuesday 14 July) skipped.
        (Delai(1, "ouvrés"), DAY(2026, 4, 3), DAY(2026, 4, 7)),
        (Delai(2, "ouvrés"), DAY(2026, 7, 10), DAY(2026, 7, 15)),
        # Good Friday is not a holiday in most of France…
        (Delai(1, "ouvrés"), DAY(2026, 4, 2), DAY(2026, 4, 3)),
        # …but it is in Alsace-Moselle, as is 26 December.
        (Delai(1, "ouvrés", "57"), DAY(2026, 4, 2), DAY(2026, 4, 7)),
        (Delai(10, "ouvrables", "57"), DAY(2026, 12, 21), DAY(2027, 1, 5)),
    ],
)
def test_due_date_from_the_announced_delay(delai, recue_le, echeance):
    assert delai.echeance(recue_le) == echeance


def permanences_file(tmp_path, service_lines):
    path = tmp_path / "permanences.toml"
    path.write_text('[service]\nnom = "Cabinet du maire"\n' + service_lines, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("written", "delai", "said"),
    [
        ('delai = "15 jours"', Delai(15), "dans un délai de 15\u00a0jours"),
        ('delai = "10 jours ouvrés"', Delai(10, "ouvrés"), "dans un délai de 10\u00a0jours ouvrés"),
        (
            'delai = "12  jours ouvrables"\nzone_feries = "57"',
            Delai(12, "ouvrables", "57"),
            "dans un délai de 12\u00a0jours ouvrables",
        ),
    ],
)
def test_the_delay_is_read_from_the_data_file(tmp_path, written, delai, said):
    loaded = permanences.load(permanences_file(tmp_path, written + "\n")).delai
    assert loaded == delai
    assert str(loaded) == said


@pytest.mark.parametrize(
    ("written", "field"),
    [
        ('delai = "quinze jours"', "delai"),
        ('delai = "0 jours"', "delai"),
        ('delai = "15 semaines"', "delai"),
        ('delai = "15 jours"\nzone_feries = "Bretagne"', "zone_feries"),
    ],
)
def test_a_wrong_delay_in_the_data_file_names_the_file_and_field(tmp_path, written, field):
    path = permanences_file(tmp_path, written + "\n")
    with pytest.raises(DataError) as error:
        permanences.load(path)
    message = str(error.value)
    assert message.startswith(str(path))
    assert f'champ "{field}"' in message
    assert "invalide" in message or "inconnue" in message


# Urgency

TODAY = DAY(2013, 1, 23)


@pytest.mark.parametrize(
    ("status", "due_on", "mark"),
    [
        ("nouvelle", TODAY + datetime.timedelta(days=3), "bientot"),
        ("en_cours", TODAY, "bientot"),
        ("nouvelle", TODAY + datetime.timedelta(days=4), None),
        ("nouvelle", TODAY - datetime.timedelta(days=1), "en_retard"),
        ("en_cours", TODAY - datetime.timedelta(days=30), "en_retard"),
        ("repondue", TODAY - datetime.timedelta(days=1), None),
        ("repondue", TODAY + datetime.timedelta(days=1), None),
        ("close", TODAY - datetime.timedelta(days=1), None),
        ("nouvelle", None, None),
    ],
)
def test_urgency(status, due_on, mark):
    assert cycle.urgency(Demande(status=status, due_on=due_on), TODAY) == mark


def set_delay(folder, delai):
    path = folder / "permanences.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("delai = ")
    end = text.index("\n", start)
    path.write_text(text[:start] + f'delai = "{delai}"' + text[end:], encoding="utf-8")
    stat = path.stat()  # a new modification time, even on a coarse-grained file system
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


@pytest.fixture
def data_folder(tmp_path):
    folder = tmp_path / "donnees"
    shutil.copytree(DATA, folder)
    return folder


def record(office, recue_le, nom):
    """Record a phone request received on ``recue_le``; return its reference."""
    fields = {
        "origine": "telephone",
        "recue_le": recue_le,
        "nom": nom,
        "canal": "telephone",
        "telephone": "06 12 34 56 78",
        "message": f"Demande de {nom}",
    }
    response = office.post("/gestion/demandes/nouvelle", "/gestion/demandes/nouvelle", **fields)
    assert response.status_code == 303, response.get_data(as_text=True)
    return response.headers["Location"].rsplit("/", 1)[1]


def inbox(office, query=""):
    html = html_of(office.client.get("/gestion/demandes/" + query))
    return {
        text_of(row.select_one("th")).replace("-", ""): text_of(row.select("td")[4])
        for row in html.select("table.tableau tbody tr")
    }


def test_inbox_marks_filters_and_sorts_by_due_date(make_app, data_folder):
    app = make_app(CONTENT_DATA=str(data_folder))
    add_user(app)
    office = Office(app.test_client())
    office.login()  # today: Wednesday 23 January 2013
    set_delay(data_folder, "30 jours")
    far = record(office, "2013-01-01", "Loin")  # due 31 January: 8 days left
    set_delay(data_folder, "15 jours")
    answered = record(office, "2013-01-02", "Répondue")  # due 17 January, but answered
    late = record(office, "2013-01-05", "Retard")  # due 20 January
    soon = record(office, "2013-01-10", "Bientôt")  # due 25 January
    url = f"/gestion/demandes/{answered}"
    office.post(f"{url}/statut", url, **{"statut-statut": "repondue"})

    assert inbox(office) == {
        far: "31 janv. 2013",
        answered: "17 janv. 2013",
        late: "20 janv. 2013 en retard",
        soon: "25 janv. 2013 sous 3 jours",
    }
    assert list(inbox(office)) == [far, answered, late, soon]  # by reception
    assert list(inbox(office, "?tri=echeance")) == [answered, late, soon, far]
    assert list(inbox(office, "?echeance=en_retard")) == [late]
    assert list(inbox(office, "?echeance=bientot")) == [soon]
    counts = [text_of(a) for a in html_of(office.client.get("/gestion/demandes/")).select("a")]
    assert "en retard : 1" in counts and "à rendre sous 3 jours : 1" in counts

    fiche = text_of(html_of(office.client.get(f"/gestion/demandes/{late}")).select_one("dl.fiche"))
    assert "Date limite de réponse dimanche 20 janvier 2013 — en retard" in fiche


def test_working_days_set_the_due_date_of_a_recorded_request(make_app, data_folder):
    set_delay(data_folder, "10 jours ouvrés")
    app = make_app(CONTENT_DATA=str(data_folder))
    add_user(app)
    office = Office(app.test_client())
    office.login()
    # Friday 21 December 2012: Christmas and New Year's Day are not working days.
    reference = record(office, "2012-12-21", "Noël")
    fiche = text_of(
        html_of(office.client.get(f"/gestion/demandes/{reference}")).select_one("dl.fiche")
    )
    assert "Date limite de réponse mardi 8 janvier 2013 — en retard" in fiche
