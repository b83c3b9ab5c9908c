"""Several formsvc instances behind nginx, on one PostgreSQL, with rate limits in Redis."""

import threading
import time
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import create_engine, insert

from formsvc.crypto import Cipher
from formsvc.models import OutboxMail, utcnow
from tests.integration.resident import Resident, new_address
from tests.integration.stack import Stack

pytestmark = pytest.mark.integration


def new_client(stack):
    """A resident from a loopback address of their own: nginx and the limits see a new IP."""
    return Resident(stack.url, new_address())


@pytest.fixture(scope="module")
def scaled(tmp_path_factory, portal, postgresql, redis_server):
    url = postgresql.create_database("scaleout")
    stack = Stack(
        tmp_path_factory.mktemp("scaleout"),
        portal,
        database_url=url,
        redis_url=redis_server.url,
        instances=2,
        outbox_workers=2,
        workers=1,
        post_limit="5 per minute",
    )
    stack.postgresql, stack.redis = postgresql, redis_server
    try:
        yield stack.start()
    finally:
        stack.stop()


def test_the_per_ip_limit_holds_across_both_instances(scaled):
    resident = new_client(scaled)
    statuses = [resident.post_form()[0] for _ in range(6)]
    assert statuses == [200] * 5 + [429]  # 303 followed to the confirmation (200)
    # nginx alternates between the instances: both took form posts.
    assert "POST /formulaires/permanence/" in scaled.log("gunicorn0")
    assert "POST /formulaires/permanence/" in scaled.log("gunicorn1")


def queue_mails(stack, count):
    cipher = Cipher(stack.env["FORMSVC_ENCRYPTION_KEYS"])
    rows = []
    for n in range(count):
        message = EmailMessage()
        message["From"] = stack.env["FORMSVC_MAIL_FROM"]
        message["To"] = f"lot{n}@example.org"
        message["Subject"] = f"Courriel de charge {n}"
        message["Message-ID"] = make_msgid(domain="ville.example")
        message.set_content("Bonjour.")
        rows.append(
            {
                "kind": "charge",
                "message_id": message["Message-ID"],
                "status": "pending",
                "payload_enc": cipher.encrypt(message.as_string()),
                "attempts": 0,
                "next_attempt_at": utcnow(),
                "created_at": utcnow(),
            }
        )
    engine = create_engine(stack.env["FORMSVC_DATABASE_URL"])
    with engine.begin() as connection:
        connection.execute(insert(OutboxMail), rows)
    engine.dispose()


def test_two_outbox_workers_send_500_mails_each_exactly_once(scaled):
    queue_mails(scaled, 500)
    received = scaled.wait_for_mails(
        lambda m: m["Subject"].startswith("Courriel de charge"), 500, timeout=120
    )
    assert len(received) == 500
    assert len({m["Message-ID"] for m in received}) == 500
    workers_that_sent = [n for n in range(2) if "'sent'" in scaled.log(f"outbox{n}")]
    assert workers_that_sent == [0, 1]  # both took part, neither sent what the other did


def test_redis_down_posts_still_succeed_then_limits_are_shared_again(scaled):
    scaled.redis.stop()
    try:
        for _ in range(3):
            status, reference, _page = new_client(scaled).post_form()
            assert (status, bool(reference)) == (200, True)
    finally:
        scaled.redis.start()
    warmup = new_client(scaled)
    for _ in range(14):  # each instance notices Redis is back at its next check
        warmup.post_form()
        time.sleep(1)
    resident = new_client(scaled)
    statuses = [resident.post_form()[0] for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    logs = scaled.log("gunicorn0") + scaled.log("gunicorn1")
    assert "falling back to in-memory storage" in logs


def wait_until(condition, timeout=20):
    """Return once ``condition()`` is true, or after ``timeout`` seconds (the test's own
    assertions then say what is missing)."""
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_postgresql_restart_loses_nothing_and_the_service_recovers(scaled):
    shown, refused, stop = [], [], threading.Event()

    def submit_in_a_loop():
        while not stop.is_set():
            status, reference, page = new_client(scaled).post_form()
            if reference:
                shown.append(reference.replace("-", ""))
            elif status is not None:
                refused.append((status, page))
            time.sleep(0.05)

    loop = threading.Thread(target=submit_in_a_loop)
    loop.start()
    # Waits on what happened, not on fixed delays: on a busy machine one request can outlast a
    # 2-second outage, which then went unseen.
    wait_until(lambda: shown)  # the service answers before the fault
    scaled.postgresql.stop()
    wait_until(lambda: refused)  # then a resident meets the outage
    scaled.postgresql.start()
    time.sleep(3)
    stop.set()
    loop.join(timeout=60)

    assert refused, "no request arrived while PostgreSQL was down"
    for status, page in refused:
        assert status == 503
        text = BeautifulSoup(page, "lxml").get_text()
        assert "réessayez" in text.lower()
    missing = set(shown) - scaled.references()
    assert not missing, f"acknowledged but not stored: {missing}"
    status, reference, _page = new_client(scaled).post_form()
    assert status == 200 and reference  # recovered by itself
