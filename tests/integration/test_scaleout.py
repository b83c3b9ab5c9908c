"""Several formsvc instances behind nginx, on one PostgreSQL, with rate limits in Redis."""

import threading
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import create_engine, insert

from formsvc.crypto import Cipher
from formsvc.models import OutboxMail, utcnow
from tests.integration.stack import Stack
from tests.support import wait_until
from tests.support.http_client import HttpClient, new_address
from tests.support.resident import Resident, reference_shown

pytestmark = pytest.mark.integration


def new_client(stack):
    """A resident from a loopback address of their own: nginx and the limits see a new IP."""
    return Resident(HttpClient(stack.url, new_address()))


def statuses_of_six_posts(stack):
    """The statuses one new resident gets for six posts in a row, redirects followed."""
    resident = new_client(stack)
    return [resident.submit(follow=True).status_code for _ in range(6)]


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
    assert statuses_of_six_posts(scaled) == [200] * 5 + [429]  # 303 followed: 200
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


FELL_BACK = "falling back to in-memory storage"  # Flask-Limiter's log lines
RECOVERED = "Rate limit storage recovered"


def counting_in_redis(stack):
    """Whether each instance counts in Redis: it never fell back to its own memory, or it said
    it is back on Redis as often as it fell back."""
    logs = [stack.log(f"gunicorn{n}") for n in range(2)]
    return all(log.count(RECOVERED) >= log.count(FELL_BACK) for log in logs)


def test_redis_down_posts_still_succeed_then_limits_are_shared_again(scaled):
    scaled.redis.stop()
    try:
        for _ in range(3):
            answer = new_client(scaled).submit(follow=True)
            assert (answer.status_code, bool(reference_shown(answer))) == (200, True)
    finally:
        scaled.redis.start()

    def back_on_redis():
        # An instance tries Redis again only at a limited request (a POST), backing off 1, 2,
        # 4… seconds between tries. Each from a new address: no limit refuses these.
        new_client(scaled).submit()
        return counting_in_redis(scaled)

    wait_until(
        back_on_redis,
        timeout=90,
        message=lambda: scaled.log("gunicorn0") + scaled.log("gunicorn1"),
        interval=0.5,
    )
    assert statuses_of_six_posts(scaled) == [200] * 5 + [429]
    logs = scaled.log("gunicorn0") + scaled.log("gunicorn1")
    assert FELL_BACK in logs


def test_postgresql_restart_loses_nothing_and_the_service_recovers(scaled):
    shown, refused, stop = [], [], threading.Event()

    def submit_in_a_loop():
        while not stop.is_set():
            answer = new_client(scaled).submit(follow=True)
            if reference_shown(answer):
                shown.append(reference_shown(answer).replace("-", ""))
            elif answer.status_code is not None:  # None: no answer at all, nothing shown
                refused.append(answer)
            stop.wait(0.05)  # a resident's pace, not a wait for something

    loop = threading.Thread(target=submit_in_a_loop)
    loop.start()
    try:
        # Each step waits for what it needs: on a busy machine one request can outlast a
        # short outage, which then goes unseen.
        wait_until(lambda: shown, 60, "no request acknowledged before the fault")
        scaled.postgresql.stop()
        wait_until(lambda: refused, 60, "no request arrived while PostgreSQL was down")
        scaled.postgresql.start()
        before = len(shown)
        wait_until(lambda: len(shown) > before, 60, "no request acknowledged after the restart")
    finally:
        stop.set()
        loop.join(timeout=60)

    for answer in refused:
        assert answer.status_code == 503
        text = BeautifulSoup(answer.text, "lxml").get_text()
        assert "réessayez" in text.lower()
    missing = set(shown) - scaled.references()
    assert not missing, f"acknowledged but not stored: {missing}"
    answer = new_client(scaled).submit(follow=True)
    assert answer.status_code == 200 and reference_shown(answer)  # recovered by itself
