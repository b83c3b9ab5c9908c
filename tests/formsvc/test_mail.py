"""Mail through a real SMTP server (aiosmtpd): content, privacy, retries, exactly once."""

import datetime

from sqlalchemy import select

from devtools import smtp_sink
from formsvc import outbox
from formsvc.db import get_db
from formsvc.models import Demande, OutboxMail
from tests.support.pages import html_of, plain
from tests.support.resident import VALID, Resident
from tests.support.service import send_outbox


def mails(app):
    with app.app_context():
        return get_db().scalars(select(OutboxMail).order_by(OutboxMail.id)).all()


def by_kind(received):
    return {m["To"]: m for m in received}


def test_office_mail_has_the_reference_and_no_personal_data(app, resident, smtp_server):
    resident.submit()
    assert send_outbox(app) == {"sent": 2, "retry": 0, "failed": 0}
    office = by_kind(smtp_server.handler.received())["cabinet@ville.example"]
    with app.app_context():
        reference = get_db().scalars(select(Demande)).one().reference
    body = plain(office)
    assert reference[:4] + "-" + reference[4:] in office["Subject"]
    assert f"https://www.ville.example/gestion/demandes/{reference}" in body
    whole = office.as_string() + body
    for personal in ["Jeanne", "Dupont", "jeanne.dupont", "lampadaire", "Trois-Visages"]:
        assert personal not in whole


def test_acknowledgement_carries_reference_date_service_and_contacts(app, resident, smtp_server):
    resident.submit()
    send_outbox(app)
    ack = by_kind(smtp_server.handler.received())["jeanne.dupont@example.org"]
    assert ack["From"] == "permanence@ville.example"
    assert ack["Reply-To"] == "cabinet@ville.example"
    assert ack["Subject"].startswith("Accusé de réception de votre demande ")
    body = plain(ack)
    for expected in [
        "23\u00a0janvier\u00a02013 à 15\u00a0h\u00a000",
        "Cabinet du maire",
        "Place des Héros",
        "62000 Arras",
        "03 21 50 50 50",
        "cabinet@ville.example",
        "dans un délai de 15\u00a0jours",
        "au plus tard le jeudi\u00a07\u00a0février\u00a02013",
        "/donnees-personnelles/",
    ]:
        assert expected in body, expected
    assert ack["Subject"].rsplit(" ", 1)[1] in body
    assert "lampadaire" not in body  # the message itself is not mailed back


def test_smtp_down_keeps_mails_pending_then_each_arrives_exactly_once(
    app, resident, clock, smtp_port
):
    resident.submit()
    resident.submit(nom="Paul", courriel="paul@example.org")
    assert send_outbox(app)["retry"] == 1  # nobody listens: the first mail is scheduled again
    assert {m.status for m in mails(app)} == {"pending"}
    clock.advance(minutes=2)
    send_outbox(app)
    clock.advance(minutes=5)
    send_outbox(app)
    assert all(m.status == "pending" for m in mails(app))
    assert any(m.attempts >= 1 and m.last_error for m in mails(app))

    server = smtp_sink.start(smtp_port)
    try:
        for _ in range(4):
            clock.advance(hours=1)
            send_outbox(app)
        received = server.handler.received()
        assert sorted(m["Message-ID"] for m in received) == sorted(m.message_id for m in mails(app))
        assert len(received) == 4
        assert {m.status for m in mails(app)} == {"sent"}
        clock.advance(days=1)
        assert send_outbox(app) == {"sent": 0, "retry": 0, "failed": 0}  # a restart resends nothing
        assert len(server.handler.received()) == 4
    finally:
        server.stop()


def test_after_the_last_try_a_mail_is_failed_and_stays_visible(make_app, clock):
    app = make_app(OUTBOX_MAX_ATTEMPTS=3)
    Resident(app.test_client()).submit(canal="telephone", courriel="", telephone="0612345678")
    for _ in range(4):
        send_outbox(app)
        clock.advance(hours=2)
    [mail] = mails(app)
    assert mail.status == "failed" and mail.attempts == 3
    result = app.test_cli_runner().invoke(args=["outbox", "status"])
    assert "failed: 1" in result.output
    assert "ConnectionRefusedError" in result.output


def test_backoff_doubles_with_jitter_and_stays_under_an_hour():
    delays = [outbox.backoff(n, 15).total_seconds() for n in range(1, 11)]
    assert 12 <= delays[0] <= 18
    assert 24 <= delays[1] <= 36
    assert max(delays) <= 3600 * 1.2
    total = sum(outbox.backoff(n, 15).total_seconds() for n in range(1, 10))
    assert (
        datetime.timedelta(hours=1)
        < datetime.timedelta(seconds=total)
        < datetime.timedelta(hours=4)
    )


def test_a_line_break_cannot_add_a_mail_header(app, resident, smtp_server):
    # In the address (the acknowledgement's To): refused on its field, nothing stored or sent.
    refused = resident.submit(
        follow=True, courriel="jeanne@example.org\r\nBcc: victime@example.org"
    )
    assert [a["href"] for a in html_of(refused, 422).select(".resume-erreurs a")] == ["#courriel"]
    assert mails(app) == []
    # In the name: stored on one line, and both mails leave with their own headers only.
    resident.submit(nom="Jeanne\r\nBcc: victime@example.org")
    assert send_outbox(app) == {"sent": 2, "retry": 0, "failed": 0}
    received = smtp_server.handler.received()
    assert sorted(m["To"] for m in received) == ["cabinet@ville.example", VALID["courriel"]]
    assert [m["Bcc"] for m in received] == [None, None]
    assert not any("victime" in m.as_string() for m in received)


def test_outbox_send_command_reports_what_it_did(app, resident, smtp_server):
    resident.submit(**{**VALID})
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert result.exit_code == 0 and "envoyés : 2" in result.output
    assert sorted(m["To"] for m in smtp_server.handler.received()) == [
        "cabinet@ville.example",
        VALID["courriel"],
    ]
