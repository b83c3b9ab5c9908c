"""The fill-time token cannot be replayed (issue 14, finding 1), and a flood of requests
sends the office one digest, not one mail per request."""

import datetime

from formsvc import outbox
from formsvc.models import AffichageUtilise, Demande, OutboxMail
from tests.support.pages import form_tokens, html_of, plain
from tests.support.resident import FORM, Resident, form_data
from tests.support.service import rows

CHECK_AGAIN = "Votre demande n’est pas encore envoyée"
SENT = "Demande envoyée"


def heading(response):
    """The page's h1, the first thing a resident reads of it."""
    return html_of(response, 200).select_one("h1").get_text()


def summary(response):
    return " ".join(html_of(response).select_one(".resume-erreurs").get_text(" ").split())


def captured_display(client):
    """What a scanner keeps of one display of the form: its ``affiche`` token."""
    return form_tokens(client.get(FORM).text)["affiche"]


def post_with(client, shown, **fields):
    """POST the form from ``client``'s own session (its CSRF token), with ``shown``."""
    data = form_data(client.get(FORM).text, affiche=shown, **fields)
    return client.post(FORM, data=data, follow_redirects=True)


def test_a_captured_token_sent_from_fresh_sessions_stores_nothing(app):
    shown = captured_display(app.test_client())
    for _ in range(3):
        response = post_with(app.test_client(), shown)  # a fresh session each time
        assert heading(response) != SENT
        assert CHECK_AGAIN in summary(response)
    assert rows(app, Demande) == [] and rows(app, OutboxMail) == []


def test_a_token_is_accepted_once_in_its_own_session(app, smtp_server):
    client = app.test_client()
    shown = captured_display(client)
    first = post_with(client, shown)
    assert heading(first) == SENT
    [demande] = rows(app, Demande)
    reference = f"{demande.reference[:4]}-{demande.reference[4:]}"
    for n in range(3):  # the same display, sent again: a double click, or a replay
        again = post_with(client, shown, nom=f"Robot {n}", courriel=f"cible{n}@example.org")
        assert heading(again) == SENT  # the request it already sent
        assert html_of(again).select_one(".reference").get_text() == reference
    assert len(rows(app, Demande)) == 1
    with app.app_context():
        outbox.send_due()
    # One acknowledgement and one notice: none to the addresses typed in the replays.
    assert sorted(m["To"] for m in smtp_server.handler.received()) == [
        "cabinet@ville.example",
        "jeanne.dupont@example.org",
    ]


def test_a_resident_who_corrects_a_mistake_sends_at_once(app):
    resident = Resident(app.test_client())
    mistake = resident.submit(follow=True, nom="")  # comes back to correct, with a new display
    assert [a["href"] for a in html_of(mistake, 422).select(".resume-erreurs a")] == ["#nom"]
    response = resident.submit(follow=True)
    assert heading(response) == SENT
    assert len(rows(app, Demande)) == 1


def test_used_displays_are_forgotten_by_the_purge_once_they_have_expired(app, clock):
    Resident(app.test_client()).submit()
    assert len(rows(app, AffichageUtilise)) == 1
    lifetime = app.config["WTF_CSRF_TIME_LIMIT"]  # as long as the form's token lives
    clock.advance(seconds=lifetime - 60)
    assert app.test_cli_runner().invoke(args=["retention", "purge"]).exit_code == 0
    assert len(rows(app, AffichageUtilise)) == 1  # still valid: a replay must still be caught
    clock.advance(seconds=120)
    assert app.test_cli_runner().invoke(args=["retention", "purge"]).exit_code == 0
    assert rows(app, AffichageUtilise) == []


def test_a_flood_sends_the_office_one_digest_not_one_mail_per_request(make_app, clock, smtp_server):
    app = make_app(RATELIMIT_POST="100 per minute")  # twelve people, one test address
    first_at = clock.now
    for n in range(12):  # twelve requests in two minutes, from twelve people
        Resident(app.test_client()).submit(nom=f"Habitant {n}")
        clock.advance(seconds=10)
    demandes = rows(app, Demande)
    assert len(demandes) == 12
    with app.app_context():
        outbox.send_due()
    office = [m for m in smtp_server.handler.received() if m["To"] == "cabinet@ville.example"]
    assert len(office) == 1  # the first request, at once
    assert len(smtp_server.handler.received()) == 13  # and every resident's acknowledgement

    clock.now = first_at + datetime.timedelta(minutes=5)  # the notices' window is over
    with app.app_context():
        outbox.send_due()
        outbox.send_due()  # a second pass (or worker) queues no second digest
    office = [m for m in smtp_server.handler.received() if m["To"] == "cabinet@ville.example"]
    assert len(office) == 2
    digest = office[1]
    assert digest["Subject"] == "11 nouvelles demandes"
    body = plain(digest)
    for demande in demandes[1:]:
        assert f"/gestion/demandes/{demande.reference}" in body
    assert "Habitant" not in body and "lampadaire" not in body  # no personal data

    clock.advance(minutes=30)  # quiet again: the next request is notified at once
    Resident(app.test_client()).submit()
    with app.app_context():
        outbox.send_due()
    office = [m for m in smtp_server.handler.received() if m["To"] == "cabinet@ville.example"]
    assert len(office) == 3 and office[2]["Subject"].startswith("Nouvelle demande ")


def test_suspect_requests_and_the_office_s_own_records_are_not_in_the_digest(
    app, clock, smtp_server
):
    Resident(app.test_client()).submit()
    clock.advance(minutes=1)
    Resident(app.test_client()).submit(site_web="spam")  # honeypot: kept, suspect
    assert [d.suspect for d in rows(app, Demande)] == [False, True]
    clock.advance(minutes=5)
    with app.app_context():
        outbox.send_due()
    office = [m for m in smtp_server.handler.received() if m["To"] == "cabinet@ville.example"]
    assert len(office) == 1  # nothing waited but a suspect request
