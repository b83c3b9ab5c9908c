"""Faults in production: a worker killed, the SMTP server down, formsvc down behind nginx."""

import os
import signal
import threading
from collections import Counter

import pytest

from tests.browser.helpers import Visit
from tests.support import wait_until
from tests.support.http_client import HttpClient, new_address
from tests.support.pages import html_of
from tests.support.resident import Resident, reference_shown

pytestmark = pytest.mark.integration
RETRIED = "will be retried"  # the outbox worker's log line for a failed try (formsvc.outbox)


def test_a_killed_worker_loses_no_acknowledged_request(stack):
    shown, stop = [], threading.Event()

    def submit_in_a_loop():
        for n in range(40):
            if stop.is_set():
                break
            # One resident each: from one address, nginx would refuse such a pace (limit_req).
            resident = Resident(HttpClient(stack.url, new_address()))
            reference = reference_shown(resident.submit(follow=True, nom=f"Demandeur {n}"))
            if reference:
                shown.append(reference.replace("-", ""))

    loop = threading.Thread(target=submit_in_a_loop)
    loop.start()
    wait_until(lambda: len(shown) >= 5 or not loop.is_alive(), 120, "no request acknowledged")
    victim = stack.gunicorn_workers()[0]
    os.kill(victim, signal.SIGKILL)
    loop.join(timeout=120)
    stop.set()
    assert len(shown) >= 20, f"only {len(shown)} confirmations"
    assert victim not in stack.gunicorn_workers()  # gunicorn replaced it
    missing = set(shown) - stack.references()
    assert not missing, f"shown to residents but not stored: {missing}"
    assert HttpClient(stack.url).get("/formulaires/permanence/").status_code == 200


def test_smtp_down_residents_are_confirmed_and_each_mail_arrives_once(stack):
    [(last_before,)] = stack.query("SELECT coalesce(max(id), 0) FROM outbox")
    stack.stop_smtp()
    try:
        failures = stack.log("outbox0").count(RETRIED)
        addresses = [f"panne{n}@example.org" for n in range(3)]
        references = [
            reference_shown(Resident(HttpClient(stack.url)).submit(follow=True, courriel=a))
            for a in addresses
        ]
        assert all(references), references
        # The worker tries (the oldest mail waiting: maybe not one of these), fails, and keeps
        # every mail for later.
        wait_until(
            lambda: stack.log("outbox0").count(RETRIED) > failures,
            30,
            "the outbox worker did not try to send",
        )
        ours = stack.query(f"SELECT status FROM outbox WHERE id > {last_before}")
        assert {status for (status,) in ours} == {"pending"}
    finally:
        stack.start_smtp()
    acks = stack.wait_for_mails(lambda m: m["To"] in addresses, 3, timeout=60)
    assert sorted(m["To"] for m in acks) == sorted(addresses)
    ids = Counter(m["Message-ID"] for m in stack.mails())
    assert max(ids.values()) == 1  # nothing twice
    subjects = {m["Subject"] for m in acks}
    assert all(any(r in s for s in subjects) for r in references)


def test_formsvc_down_shows_a_french_maintenance_page(stack, page, requested_urls):
    stack.stop_gunicorn()
    try:
        response = page.goto(stack.url + "/formulaires/permanence/")
        assert response.status == 503
        Visit(page, requested_urls).check()  # axe-core: the page is accessible too
        visitor = HttpClient(stack.url)
        html = html_of(visitor.get("/formulaires/permanence/"), 503)
        assert html.select_one("h1").get_text() == "Service momentanément indisponible"
        assert html.html["lang"] == "fr"
        assert visitor.get("/").status_code == 200  # the static site still answers
    finally:
        stack.start_gunicorn()
    assert HttpClient(stack.url).get("/formulaires/permanence/").status_code == 200
